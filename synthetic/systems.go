package synthetic

import (
	"strconv"
	"strings"
	"time"
)

// base is what every system shares: its random stream, its file and its
// error profile.
type base struct {
	w     *world
	name  string
	salt  uint64
	r     *rng
	f     *file
	pr    profile
	tally map[string]int // mistakes made, by kind
}

func newBase(w *world, name string, salt uint64, pr profile) base {
	return base{w: w, name: name, salt: salt, r: newRNG(), pr: pr, tally: w.tally(name)}
}

func (b *base) seedHousehold(h *household) { b.r.reseed(b.w.seed, b.salt, h.id) }
func (b *base) seedBusiness(x *business)   { b.r.reseed(b.w.seed, b.salt+1<<20, x.id) }
func (b *base) finish() error              { return b.f.close() }
func (b *base) business(*business) error   { return nil }
func (b *base) household(*household) error { return nil }

// address is the address the system holds for the household: a mover may
// still be held at the previous one.
func (b *base) address(h *household) *property {
	if h.prev != nil && b.r.chance(b.pr.stale) {
		b.tally["stale_address"]++
		return h.prev
	}
	return h.home
}

type maker func(w *world, open func(string) (*file, error), salt uint64) (system, error)

// systemMakers lists the person and business systems in output order.
var systemMakers = []maker{
	newCouncilTax, newHousingBenefit, newElectoral, newSchoolCensus, newAdultSocialCare,
	newChildrenSocialCare, newTenancy, newBusinessRates, newCompanies,
}

// ---------------------------------------------------------------- council tax

// councilTax: comma-separated, DD/MM/YYYY, an account per property with its
// liable parties; a household that moved has a closed account at the old
// address and a new one.
type councilTax struct {
	base
	accounts int
	line     int
}

func newCouncilTax(w *world, open func(string) (*file, error), salt uint64) (system, error) {
	s := &councilTax{base: newBase(w, "council_tax", salt, profile{
		typo: 0.02, phonetic: 0.01, nickname: 0.06, initial: 0.03, swapDM: 0.01, missDOB: 0.55,
		staleName: 0.5, missPC: 0.01, swapNames: 0.003,
	})}
	var err error
	if s.f, err = open("council_tax.csv"); err != nil {
		return nil, err
	}
	s.f.w.WriteString("ACCOUNT_REF,PARTY,TITLE,FORENAME,SURNAME,DOB,ADDR1,ADDR2,ADDR3,ADDR4,POSTCODE,UPRN,LIABLE_FROM,LIABLE_TO,SPD,EMAIL,PHONE\n")
	s.line = 1
	return s, nil
}

func (s *councilTax) household(h *household) error {
	s.seedHousehold(h)
	r := s.r
	var liable []*person
	for _, m := range h.members {
		switch m.role {
		case roleHead:
			liable = append(liable, m)
		case rolePartner:
			if r.chance(0.75) {
				liable = append(liable, m)
			}
		case roleSharer:
			if r.chance(0.6) {
				liable = append(liable, m)
			}
		}
	}
	spd := len(h.adults(s.w.opts.AsOf)) == 1 || r.chance(0.01)
	if h.prev != nil {
		s.account(h, h.prev, liable, h.since.AddDate(-r.between(1, 8), 0, 0), h.moved.AddDate(0, 0, -1), spd, true)
	}
	s.account(h, h.home, liable, h.since, time.Time{}, spd, false)
	return nil
}

func (s *councilTax) account(h *household, p *property, liable []*person, from, to time.Time, spd, old bool) {
	r := s.r
	s.accounts++
	acc := "CT" + pad(s.accounts, 8)
	lines := fitLines(p.lines(r.chance(0.3)), 4)
	for i, m := range liable {
		v := s.pr.view(r, m, s.tally)
		if old && m.newlyWed {
			v.family = m.birthFamily // the old account predates the marriage
		}
		pc := p.postcode
		if r.chance(s.pr.missPC) {
			pc = ""
		}
		uprn := uprnText(p)
		if r.chance(0.08) {
			uprn = ""
		}
		email := ""
		if r.chance(0.4) {
			email = m.email
		}
		phone := ""
		if r.chance(0.3) {
			phone = m.phone
		}
		flag := "N"
		if spd {
			flag = "Y"
		}
		party := strconv.Itoa(i + 1)
		s.line++
		if h.id == 4 && i == 0 && !old || s.r.chance(0.00005) {
			// A row broken by an unquoted comma in the address: unreadable.
			// The first two address lines were keyed into one field with a
			// comma that the export did not quote, so every later field shifts.
			s.f.w.WriteString(strings.Join([]string{acc, party, v.title, v.given, v.family, ddmmyyyy(v.dob, '/'),
				lines[0] + ", " + lines[1], lines[2], lines[3], "", pc, uprn, ddmmyyyy(from, '/'), ddmmyyyy(to, '/'), flag, email, m.phone}, ",") + "\n")
			s.w.addCorrupt(s.name, s.line, acc+"/"+party, "an extra field (an unquoted comma)")
			continue
		}
		writeRow(s.f.w, ',', acc, party, v.title, v.given, v.family, ddmmyyyy(v.dob, '/'),
			lines[0], lines[1], lines[2], lines[3], pc, uprn, ddmmyyyy(from, '/'), ddmmyyyy(to, '/'), flag, email, phone)
		s.w.addTruth(s.name, acc+"/"+party, "person", m.entity())
	}
}

func (s *councilTax) yaml() string {
	return `
  # Council tax: one row per liable party of an account; DD/MM/YYYY dates.
  - name: council_tax
    kind: person
    connector: csv
    path: council_tax.csv
    trust: 3
    format: {delimiter: ",", header: true, encoding: utf-8}
    id: {columns: [ACCOUNT_REF, PARTY], sep: "/"}
    observed: {column: LIABLE_FROM, date: DD/MM/YYYY}
    fields:
      title: TITLE
      given_name: FORENAME
      family_name: SURNAME
      date_of_birth: {column: DOB, date: DD/MM/YYYY}
      address: {columns: [ADDR1, ADDR2, ADDR3, ADDR4, POSTCODE]}
      postcode: POSTCODE
      uprn: UPRN
      email: {column: EMAIL, case: lower}
      phone: PHONE
    attributes:
      account_ref: ACCOUNT_REF
      liable_from: LIABLE_FROM
      liable_to: LIABLE_TO
      single_person_discount: SPD
    relationships:
      - {type: lives_at, to_column: UPRN, to_source: gazetteer}
`
}

// ------------------------------------------------------------ housing benefit

// housingBenefit: semicolon-separated, ISO dates, names in capitals, NI
// numbers; claimant, partner and dependants of low-income households.
type housingBenefit struct {
	base
	claims int
}

func newHousingBenefit(w *world, open func(string) (*file, error), salt uint64) (system, error) {
	s := &housingBenefit{base: newBase(w, "housing_benefit", salt, profile{
		typo: 0.02, ocr: 0.01, phonetic: 0.02, swapDM: 0.005, stale: 0.3, staleName: 0.3, missPC: 0.02, swapNames: 0.01,
	})}
	var err error
	if s.f, err = open("housing_benefit.csv"); err != nil {
		return nil, err
	}
	s.f.w.WriteString("CLAIM_REF;MEMBER;ROLE;TITLE;FORENAME;SURNAME;DOB;NINO;ADDRESS;POSTCODE;CLAIM_START;PARTNER_REF;PARENT_REF\n")
	return s, nil
}

func (s *housingBenefit) household(h *household) error {
	if !h.lowIncome {
		return nil
	}
	s.seedHousehold(h)
	r := s.r
	s.claims++
	claim := "HB" + pad(s.claims, 7)
	p := s.address(h)
	addr := strings.ToUpper(strings.Join(p.lines(true), ", "))
	start := h.since.AddDate(0, r.IntN(24), r.IntN(28))
	if start.After(s.w.opts.AsOf) {
		start = h.since
	}
	asOf := s.w.opts.AsOf
	ids := make([]string, len(h.members))
	member := 0
	for i, m := range h.members {
		roleName := ""
		switch {
		case i == 0:
			roleName = "CLAIMANT"
		case h.partnerOf(0) == i:
			roleName = "PARTNER"
		case m.role == roleChild && m.age(asOf) < 18 && h.parentIdx(i, 0):
			roleName = "DEPENDANT"
		case m.age(asOf) >= 18:
			if !r.chance(0.7) {
				continue
			}
			roleName = "NON-DEP"
		default:
			continue
		}
		member++
		ids[i] = claim + "/" + strconv.Itoa(member)
		v := s.pr.view(r, m, s.tally)
		nino := m.nino
		switch {
		case nino == "" || r.chance(0.05):
			nino = ""
		case r.chance(0.02):
			nino = transposeDigits(r, nino)
		}
		partner, parent := "", ""
		if roleName == "PARTNER" {
			partner = ids[0]
		}
		if roleName == "DEPENDANT" {
			parent = ids[0]
		}
		pc := p.postcode
		if r.chance(s.pr.missPC) {
			pc = ""
		}
		writeRow(s.f.w, ';', claim, strconv.Itoa(member), roleName, strings.ToUpper(v.title), strings.ToUpper(v.given),
			strings.ToUpper(v.family), isoDate(v.dob), nino, addr, pc, isoDate(start), partner, parent)
		s.w.addTruth(s.name, ids[i], "person", m.entity())
	}
	return nil
}

func (h *household) parentIdx(child, parent int) bool {
	for _, p := range h.parents {
		if p[0] == parent && p[1] == child {
			return true
		}
	}
	return false
}

// transposeDigits swaps two neighbouring digits of an NI number.
func transposeDigits(r *rng, s string) string {
	b := []byte(s)
	i := 2 + r.IntN(5)
	b[i], b[i+1] = b[i+1], b[i]
	return string(b)
}

func (s *housingBenefit) yaml() string {
	return `
  # Housing benefit: semicolon-separated, ISO dates, capitals, NI numbers.
  - name: housing_benefit
    kind: person
    connector: csv
    path: housing_benefit.csv
    trust: 3
    format: {delimiter: ";", header: true}
    id: {columns: [CLAIM_REF, MEMBER], sep: "/"}
    observed: {column: CLAIM_START, date: YYYY-MM-DD}
    fields:
      title: {column: TITLE, case: title}
      given_name: {column: FORENAME, case: title}
      family_name: {column: SURNAME, case: title}
      date_of_birth: {column: DOB, date: YYYY-MM-DD}
      ni_number: NINO
      address: {columns: [ADDRESS, POSTCODE]}
      postcode: POSTCODE
    attributes:
      claim_ref: CLAIM_REF
      claim_role: ROLE
      claim_start: CLAIM_START
    relationships:
      - {type: partner_of, from_column: PARTNER_REF, from_source: housing_benefit}
      - {type: parent_of, from_column: PARENT_REF, from_source: housing_benefit}
`
}
