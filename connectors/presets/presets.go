// Package presets holds connectors that are a reader plus a built-in
// mapping for a well-known extract: Companies House BasicCompanyData and
// business-rates (NNDR) exports. A source's own id, fields and attributes
// override the preset's, key by key.
package presets

import (
	"context"
	"path/filepath"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/council/golden/connectors/csv"
	"github.com/council/golden/connectors/raw"
	"github.com/council/golden/connectors/xlsx"
)

// CompaniesHouse reads the Companies House "Free Company Data Product"
// (BasicCompanyData CSV) into business records.
type CompaniesHouse struct{}

// Name implements raw.Connector.
func (CompaniesHouse) Name() string { return "companies_house" }

// Summary implements raw.Connector.
func (CompaniesHouse) Summary() string {
	return "Companies House BasicCompanyData CSV: company number with its prefix, registered address, status, SIC codes, previous names"
}

// NeedsFiles implements raw.NeedsFiles.
func (CompaniesHouse) NeedsFiles() bool { return true }

// Open implements raw.Connector.
func (CompaniesHouse) Open(ctx context.Context, src *raw.Source) (raw.Reader, error) {
	return csv.Connector{}.Open(ctx, src)
}

// Preset implements raw.Presetter.
func (CompaniesHouse) Preset(*yaml.Node) string { return companiesHousePreset }

var companiesHousePreset = `
id: CompanyNumber
fields:
  business_name: CompanyName
  company_number: CompanyNumber
  company_status: CompanyStatus
  address: {columns: [RegAddress.AddressLine1, RegAddress.AddressLine2, RegAddress.PostTown, RegAddress.County, RegAddress.PostCode]}
  town: RegAddress.PostTown
  postcode: RegAddress.PostCode
  sic_codes: {columns: [SICCode.SicText_1, SICCode.SicText_2, SICCode.SicText_3, SICCode.SicText_4], join: ";"}
  previous_names: {columns: [` + previousNames() + `], join: ";", optional: true}
attributes:
  company_category: CompanyCategory
  country_of_origin: CountryOfOrigin
  incorporation_date: {column: IncorporationDate, date: DD/MM/YYYY}
  dissolution_date: {column: DissolutionDate, date: DD/MM/YYYY}
  care_of: {column: RegAddress.CareOf, optional: true}
  po_box: {column: RegAddress.POBox, optional: true}
  country: {column: RegAddress.Country, optional: true}
  accounts_category: {column: Accounts.AccountCategory, optional: true}
  uri: {column: URI, optional: true}
`

func previousNames() string {
	var names []string
	for i := 1; i <= 10; i++ {
		names = append(names, "PreviousName_"+strconv.Itoa(i)+".CompanyName")
	}
	return strings.Join(names, ", ")
}

// NNDR reads business-rates exports (CSV or xlsx, chosen by the file's
// extension) into business records: the liable party at a rated property,
// a one-line or multi-column address with the postcode at the end, the
// rateable value from money text, and dates as Excel serials or text.
// Column names vary by council; the preset knows the common ones
// (Basildon's, Portsmouth's) and a source maps others itself.
type NNDR struct{}

// Name implements raw.Connector.
func (NNDR) Name() string { return "nndr" }

// Summary implements raw.Connector.
func (NNDR) Summary() string {
	return "business-rates (NNDR) exports, CSV or xlsx: liable party, address with the postcode at the end, rateable value"
}

// NeedsFiles implements raw.NeedsFiles.
func (NNDR) NeedsFiles() bool { return true }

// Open implements raw.Connector.
func (NNDR) Open(ctx context.Context, src *raw.Source) (raw.Reader, error) {
	if len(src.Files) > 0 && strings.EqualFold(filepath.Ext(src.Files[0]), ".xlsx") {
		return xlsx.Connector{}.Open(ctx, src)
	}
	return csv.Connector{}.Open(ctx, src)
}

// Preset implements raw.Presetter.
func (NNDR) Preset(*yaml.Node) string { return nndrPreset }

const nndrPreset = `
id: {column: [PlaceRef, Property Reference Number, Property ref no, Property Reference, BA Reference, Billing Authority Reference], trim: "'"}
fields:
  business_name: {column: [FOIName, Primary Liable party name, Ratepayer Name, Ratepayer, Liable Party, Occupier], map: {"Personal details not supplied": ""}, optional: true}
  address: {columns: [Full Property Address, Property Address, PropAddress1, PropAddress2, PropAddress3, PropAddress4, PropAddress5, PropPostCode, Postcode], optional: true}
  postcode: {column: [PropPostCode, Postcode, Property Postcode], optional: true}
  rateable_value: {column: [RateableVal, Current Rateable Value, Rateable Value, RV], money: true, optional: true}
attributes:
  property_description: {column: [PropDesc, Property Description, Description], optional: true}
  liability_start: {column: [LiabStart, Account Start date, Liability Start Date, Liability Start], date: [excel, M/D/YY, DD/MM/YYYY, YYYY-MM-DD], optional: true}
  relief_type: {column: [Current Relief Type, MandRlf], optional: true}
  relief_start: {column: [Current Relief Award Start Date], date: [excel, DD/MM/YYYY], optional: true}
  exemption_code: {column: [Current Property Exemption Code], optional: true}
  exemption_start: {column: [Current Prop Exemption Start Date], date: [excel, DD/MM/YYYY], optional: true}
  small_business_relief: {column: [SBRFlag], optional: true}
  change_type: {column: [ChgType], optional: true}
`
