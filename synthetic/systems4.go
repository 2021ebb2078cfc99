package synthetic

import (
	"strings"
)

// ------------------------------------------------------------ business rates

// businessRates: an NNDR extract: comma-separated, the property reference with
// a leading apostrophe, the ratepayer as billed (registered or trading name,
// with trailing spaces), a one-line address with the postcode at the end,
// money as text ("£12,345.00"). Read twice: as businesses and as properties.
type businessRates struct {
	base
	accounts int
}

func newBusinessRates(w *world, open func(string) (*file, error), salt uint64) (system, error) {
	s := &businessRates{base: newBase(w, "business_rates", salt, profile{})}
	var err error
	if s.f, err = open("business_rates.csv"); err != nil {
		return nil, err
	}
	s.f.w.WriteString("ACCOUNT_NO,PROPERTY_REF,RATEPAYER,PROPERTY_ADDRESS,DESCRIPTION,RATEABLE_VALUE,LIABILITY_START,SBR,COMPANY_NO\n")
	return s, nil
}

func (s *businessRates) business(b *business) error {
	s.seedBusiness(b)
	r := s.r
	for i, p := range b.premises {
		s.accounts++
		acc := "NNDR" + pad(s.accounts, 7)
		payer := b.trading
		if b.registered != "" {
			switch x := r.Float64(); {
			case x < 0.45:
				payer = b.registered
			case x < 0.55:
				payer = b.registered + " T/A " + strings.ToUpper(b.trading)
			case x < 0.62:
				payer = strings.Replace(strings.Replace(b.registered, " LIMITED", " LTD", 1), " & ", " AND ", 1)
			}
		}
		if r.chance(0.03) {
			payer = keyboardTypo(r, payer)
		}
		payer += strings.Repeat(" ", r.IntN(12))
		ref := "'" + pad(int(p.uprn%10000000), 7)
		addr := p.oneLine(r.chance(0.6))
		start := b.since
		if i > 0 {
			start = start.AddDate(1, 0, 0)
		}
		sbr := "no"
		if b.rv[i] < 15000 {
			sbr = "yes"
		}
		cn := ""
		if b.companyNumber != "" && r.chance(0.3) {
			cn = b.companyNumber
		}
		writeRow(s.f.w, ',', acc, ref, payer, addr, b.trade.description, money(b.rv[i]), ddmmyyyy(start, '/'), sbr, cn)
		s.w.addTruth(s.name, acc, "business", b.entity())
		s.w.addTruth("business_rates_property", ref, "property", p.entity())
	}
	return nil
}

func (s *businessRates) yaml() string {
	return `
  # Business rates (NNDR): the ratepayer as billed, a one-line address ending
  # in the postcode, money as text. Read as businesses …
  - name: business_rates
    kind: business
    connector: csv
    path: business_rates.csv
    trust: 3
    format: {delimiter: ",", header: true}
    id: ACCOUNT_NO
    fields:
      business_name: RATEPAYER
      company_number: COMPANY_NO
      address: {columns: [PROPERTY_ADDRESS]}
      rateable_value: {column: RATEABLE_VALUE, money: true}
    attributes:
      property_ref: PROPERTY_REF
      description: DESCRIPTION
      liability_start: LIABILITY_START
      small_business_rate_relief: SBR
    relationships:
      - {type: occupies, to_column: PROPERTY_REF, to_source: business_rates_property}

  # … and as the properties they are billed for.
  - name: business_rates_property
    kind: property
    connector: csv
    path: business_rates.csv
    trust: 2
    format: {delimiter: ",", header: true}
    id: PROPERTY_REF
    fields:
      address: {columns: [PROPERTY_ADDRESS]}
      rateable_value: {column: RATEABLE_VALUE, money: true}
    attributes:
      description: DESCRIPTION
`
}

// ----------------------------------------------------------- companies register

// companies: the city's companies as in a Companies House basic company data
// extract (every field quoted, names in capitals, DD/MM/YYYY); the registered
// office is often an accountant's address rather than the trading premises.
type companies struct {
	base
}

func newCompanies(w *world, open func(string) (*file, error), salt uint64) (system, error) {
	s := &companies{base: newBase(w, "companies", salt, profile{})}
	var err error
	if s.f, err = open("companies.csv"); err != nil {
		return nil, err
	}
	quotedRow(s.f.w, "CompanyName", "CompanyNumber", "RegAddress.CareOf", "RegAddress.POBox", "RegAddress.AddressLine1",
		"RegAddress.AddressLine2", "RegAddress.PostTown", "RegAddress.County", "RegAddress.Country", "RegAddress.PostCode",
		"CompanyCategory", "CompanyStatus", "CountryOfOrigin", "IncorporationDate", "SICCode.SicText_1",
		"URI", "PreviousName_1.CONDATE", "PreviousName_1.CompanyName")
	return s, nil
}

func (s *companies) business(b *business) error {
	if b.registered == "" {
		return nil
	}
	s.seedBusiness(b)
	p := b.regOffice
	lines := p.lines(false)
	town := strings.ToUpper(p.st.town)
	lines = lines[:len(lines)-1]
	l1 := strings.ToUpper(strings.Join(lines[:len(lines)-1], " "))
	l2 := strings.ToUpper(lines[len(lines)-1])
	if l1 == "" {
		l1, l2 = l2, ""
	}
	prevDate, prevName := "", ""
	if b.previous != "" {
		prevDate = ddmmyyyy(b.incorporated.AddDate(0, 6+s.r.IntN(36), 0), '/')
		prevName = b.previous
	}
	category := "Private Limited Company"
	quotedRow(s.f.w, b.registered, b.companyNumber, "", "", l1, l2, town, "", "United Kingdom", p.postcode,
		category, b.status, "United Kingdom", ddmmyyyy(b.incorporated, '/'), b.trade.sic,
		"http://business.data.gov.uk/id/company/"+b.companyNumber, prevDate, prevName)
	s.w.addTruth(s.name, b.companyNumber, "business", b.entity())
	return nil
}

func (s *companies) yaml() string {
	return `
  # Companies registered in the city (Companies House basic company data style).
  - name: companies
    kind: business
    connector: csv
    path: companies.csv
    trust: 4
    format: {delimiter: ",", header: true}
    id: CompanyNumber
    fields:
      business_name: CompanyName
      company_number: CompanyNumber
      company_status: CompanyStatus
      sic_codes: SICCode.SicText_1
      previous_names: PreviousName_1.CompanyName
      address: {columns: [RegAddress.AddressLine1, RegAddress.AddressLine2, RegAddress.PostTown, RegAddress.PostCode]}
      postcode: RegAddress.PostCode
    attributes:
      incorporation_date: IncorporationDate
      company_category: CompanyCategory
`
}
