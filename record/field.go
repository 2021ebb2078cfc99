package record

import "fmt"

// Field is a standard field of the canonical model. Every kind shares one
// field space: a person has an address and a UPRN as a property does, and a
// business has a postcode too. Each field is a column of source_records.
type Field uint8

// Standard fields. The order is the column order in the store; append new
// fields at the end (before NumFields) and add a migration for the column.
const (
	// Person.
	Title Field = iota
	GivenName
	MiddleNames
	FamilyName
	PreviousFamilyNames // ";"-separated
	DateOfBirth         // ISO 8601, YYYY-MM-DD
	Sex                 // M, F, X or U
	NHSNumber           // 10 digits, no spaces
	NINumber            // AA999999A
	Phone               // E.164-like, digits only with leading 0 or +44
	Email               // lower case

	// Address, for every kind.
	UPRN
	USRN
	SubBuilding  // flat, unit (SAON)
	BuildingName // named house (PAON text)
	BuildingNumber
	Street
	Locality
	Town
	Postcode // "AB1 2CD"
	AddressText
	Classification // BS7666 / AddressBase class code

	// Business.
	BusinessName
	TradingName
	CompanyNumber
	CompanyStatus
	SICCodes      // ";"-separated
	PreviousNames // ";"-separated
	RateableValue // pence as integer text

	NumFields // the number of standard fields; not a field
)

var fieldNames = [NumFields]string{
	Title:               "title",
	GivenName:           "given_name",
	MiddleNames:         "middle_names",
	FamilyName:          "family_name",
	PreviousFamilyNames: "previous_family_names",
	DateOfBirth:         "date_of_birth",
	Sex:                 "sex",
	NHSNumber:           "nhs_number",
	NINumber:            "ni_number",
	Phone:               "phone",
	Email:               "email",
	UPRN:                "uprn",
	USRN:                "usrn",
	SubBuilding:         "sub_building",
	BuildingName:        "building_name",
	BuildingNumber:      "building_number",
	Street:              "street",
	Locality:            "locality",
	Town:                "town",
	Postcode:            "postcode",
	AddressText:         "address_text",
	Classification:      "classification",
	BusinessName:        "business_name",
	TradingName:         "trading_name",
	CompanyNumber:       "company_number",
	CompanyStatus:       "company_status",
	SICCodes:            "sic_codes",
	PreviousNames:       "previous_names",
	RateableValue:       "rateable_value",
}

// Name is the field's name in golden.yaml and its column in the store.
func (f Field) Name() string {
	if f < NumFields {
		return fieldNames[f]
	}
	return fmt.Sprintf("field(%d)", f)
}

func (f Field) String() string { return f.Name() }

// ParseField returns the field called name.
func ParseField(name string) (Field, bool) {
	for f, n := range fieldNames {
		if n == name {
			return Field(f), true
		}
	}
	return 0, false
}

// AllFields lists every standard field in column order.
func AllFields() []Field {
	out := make([]Field, NumFields)
	for i := range out {
		out[i] = Field(i)
	}
	return out
}

// Identifier reports whether f is an identifier that is validated at intake
// and, when valid, may be used as evidence of identity.
func (f Field) Identifier() bool {
	switch f {
	case NHSNumber, NINumber, UPRN, USRN, CompanyNumber, Postcode, Phone, Email:
		return true
	}
	return false
}
