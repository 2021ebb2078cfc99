package synthetic

import (
	"encoding/json"
	"fmt"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// -------------------------------------------------------------- school census

// schoolCensus: an Excel workbook with a Pupils sheet (dates as raw Excel
// serial numbers) and a Contacts sheet; pupils name their parents' contact ids.
type schoolCensus struct {
	base
	xl        *xlsxWriter
	nContacts int
	contacts  map[int]string // contact id of a household member, this household only
	cpr       profile
	ctally    map[string]int
}

func newSchoolCensus(w *world, open func(string) (*file, error), salt uint64) (system, error) {
	s := &schoolCensus{base: newBase(w, "school_census", salt, profile{
		typo: 0.005, phonetic: 0.005, swapDM: 0.003, stale: 0.1, nickname: 0.01,
	}), cpr: profile{typo: 0.01, nickname: 0.12, initial: 0.02, staleName: 0.2},
		ctally: w.tally("school_contacts"), contacts: map[int]string{}}
	var err error
	if s.xl, err = newXLSX(filepath.Join(w.dir, "school_census.xlsx"), "Pupils", "Contacts"); err != nil {
		return nil, err
	}
	w.cleanup(s.xl)
	s.xl.row(0, str("UPN"), str("Surname"), str("Forename"), str("MiddleNames"), str("DOB"), str("Gender"), str("NCYear"),
		str("AddressLine1"), str("AddressLine2"), str("AddressLine3"), str("Town"), str("Postcode"), str("UPRN"), str("Contact1"), str("Contact2"))
	s.xl.row(1, str("ContactID"), str("Title"), str("Forename"), str("Surname"), str("Relationship"),
		str("ParentalResponsibility"), str("Telephone"), str("Email"), str("Postcode"))
	return s, nil
}

// upn is a unique pupil number: a check letter, the LA code, and digits.
func upn(n int) string {
	body := "999" + pad(n%1000000000, 9)
	sum := 0
	for i := 0; i < len(body); i++ {
		sum += int(body[i]-'0') * (i + 2)
	}
	return string("ABCDEFGHJKLMNPQRTUVWXYZ"[sum%23]) + body
}

func (s *schoolCensus) household(h *household) error {
	s.seedHousehold(h)
	r := s.r
	asOf := s.w.opts.AsOf
	clear(s.contacts)
	// National curriculum year from age on 31 August.
	aug := date(asOf.Year(), 8, 31)
	if asOf.Before(aug) {
		aug = aug.AddDate(-1, 0, 0)
	}
	for i, m := range h.members {
		age := m.age(aug)
		if m.role != roleChild || age < 4 || age > 15 || !r.chance(0.96) {
			continue
		}
		var cids [2]string
		k := 0
		for _, pr := range h.parents {
			if pr[1] != i || k == 2 {
				continue
			}
			pi := pr[0]
			id, ok := s.contacts[pi]
			if !ok {
				if !r.chance(0.95) {
					continue
				}
				id = s.contact(h, pi)
				s.contacts[pi] = id
			}
			cids[k] = id
			k++
		}
		v := s.pr.view(r, m, s.tally)
		p := s.address(h)
		lines := fitLines(p.lines(false), 4)
		g := "M"
		if m.sex == 'F' {
			g = "F"
		}
		ncy := "R"
		if age > 4 {
			ncy = strconv.Itoa(age - 4)
		}
		uprn := number(p.uprn)
		if r.chance(0.03) {
			uprn = str("")
		}
		dob := str("")
		if !v.dob.IsZero() {
			dob = number(int64(v.dob.Sub(date(1899, 12, 30)).Hours() / 24))
		}
		id := upn(m.id)
		s.xl.row(0, str(id), str(v.family), str(v.given), str(v.middle), dob, str(g), str(ncy),
			str(lines[0]), str(lines[1]), str(lines[2]), str(lines[3]), str(p.postcode), uprn, str(cids[0]), str(cids[1]))
		s.w.addTruth(s.name, id, "person", m.entity())
	}
	return nil
}

func (s *schoolCensus) contact(h *household, i int) string {
	r := s.r
	m := h.members[i]
	s.nContacts++
	id := "C" + pad(s.nContacts, 7)
	v := s.cpr.view(r, m, s.ctally)
	rel := "Father"
	if m.sex == 'F' {
		rel = "Mother"
	}
	email := ""
	if r.chance(0.7) {
		email = m.email
	}
	s.xl.row(1, str(id), str(v.title), str(v.given), str(v.family), str(rel), str("Y"), str(m.phone), str(email), str(h.home.postcode))
	s.w.addTruth("school_contacts", id, "person", m.entity())
	return id
}

func (s *schoolCensus) finish() error { return s.xl.Close() }

func (s *schoolCensus) yaml() string {
	return `
  # School census: an Excel workbook; birth dates are raw Excel serial numbers.
  - name: school_census
    kind: person
    connector: xlsx
    path: school_census.xlsx
    trust: 4
    format: {sheet: Pupils, header_row: 1}
    id: UPN
    fields:
      given_name: Forename
      middle_names: MiddleNames
      family_name: Surname
      date_of_birth: {column: DOB, date: excel}
      sex: Gender
      address: {columns: [AddressLine1, AddressLine2, AddressLine3, Town, Postcode]}
      postcode: Postcode
      uprn: UPRN
    attributes:
      year_group: NCYear
    relationships:
      - {type: parent_of, from_column: Contact1, from_source: school_contacts}
      - {type: parent_of, from_column: Contact2, from_source: school_contacts}
      - {type: lives_at, to_column: UPRN, to_source: gazetteer}

  # The pupils' parents as school contacts (the Contacts sheet of the same workbook).
  - name: school_contacts
    kind: person
    connector: xlsx
    path: school_census.xlsx
    trust: 2
    format: {sheet: Contacts, header_row: 1}
    id: ContactID
    fields:
      title: Title
      given_name: Forename
      family_name: Surname
      phone: Telephone
      email: {column: Email, case: lower}
      postcode: Postcode
    attributes:
      contact_relationship: Relationship
`
}

// -------------------------------------------------------- adult social care

// adultSocialCare: one JSON document, {"extract": {...}, "clients": [...]},
// with nested names and addresses; carers are clients too, named by id.
type adultSocialCare struct {
	base
	n int
}

type ascName struct {
	Title     string `json:"title,omitempty"`
	Forename  string `json:"forename"`
	Middle    string `json:"middle,omitempty"`
	Surname   string `json:"surname"`
	Preferred string `json:"preferred,omitempty"`
}

type ascAddress struct {
	Line1    string `json:"line1"`
	Line2    string `json:"line2,omitempty"`
	Line3    string `json:"line3,omitempty"`
	Town     string `json:"town"`
	Postcode string `json:"postcode"`
	UPRN     string `json:"uprn,omitempty"`
}

type ascRef struct {
	ID           string `json:"id"`
	Relationship string `json:"relationship"`
}

type ascService struct {
	Type  string `json:"type"`
	Start string `json:"start"`
}

type ascClient struct {
	ID         string       `json:"id"`
	ClientType string       `json:"client_type"`
	Name       ascName      `json:"name"`
	Born       string       `json:"born,omitempty"`
	Gender     string       `json:"gender"`
	NHSNumber  string       `json:"nhs_number,omitempty"`
	Address    ascAddress   `json:"address"`
	Phone      string       `json:"phone,omitempty"`
	Carer      *ascRef      `json:"carer,omitempty"`
	Services   []ascService `json:"services"`
}

var ascServices = []string{"Home care", "Day centre", "Meals at home", "Residential respite", "Equipment", "Reablement", "Direct payment"}

func newAdultSocialCare(w *world, open func(string) (*file, error), salt uint64) (system, error) {
	s := &adultSocialCare{base: newBase(w, "adult_social_care", salt, profile{
		typo: 0.02, phonetic: 0.02, nickname: 0.04, swapDM: 0.01, missDOB: 0.02, badNHS: 0.03, missNHS: 0.08,
		stale: 0.2, staleName: 0.3, swapNames: 0.005,
	})}
	var err error
	if s.f, err = open("adult_social_care.json"); err != nil {
		return nil, err
	}
	fmt.Fprintf(s.f.w, "{\"extract\": {\"system\": \"CareRecord\", \"council\": %q, \"generated\": %q},\n \"clients\": [\n",
		w.opts.Council, isoDate(w.opts.AsOf))
	return s, nil
}

func spacedNHS(s string) string {
	if len(s) != 10 {
		return s
	}
	return s[:3] + " " + s[3:6] + " " + s[6:]
}

func (s *adultSocialCare) household(h *household) error {
	s.seedHousehold(h)
	r := s.r
	asOf := s.w.opts.AsOf
	for i, m := range h.members {
		age := m.age(asOf)
		p := 0.008
		if age >= 65 {
			p = 0.06 + float64(age-65)*0.006
		}
		if age < 18 || !r.chance(p) {
			continue
		}
		var carer *ascRef
		if j := h.partnerOf(i); j >= 0 && r.chance(0.5) {
			id := s.client(h, j, "carer", nil)
			carer = &ascRef{ID: id, Relationship: "spouse/partner"}
			s.w.addRel("carer_of", h.members[j].entity(), m.entity(), time.Time{}, time.Time{})
		}
		s.client(h, i, "client", carer)
	}
	return nil
}

func (s *adultSocialCare) client(h *household, i int, typ string, carer *ascRef) string {
	r := s.r
	m := h.members[i]
	s.n++
	id := "ASC" + pad(s.n, 6)
	v := s.pr.view(r, m, s.tally)
	p := s.address(h)
	lines := p.lines(false)
	addr := ascAddress{Line1: lines[0], Town: lines[len(lines)-1], Postcode: p.postcode}
	if len(lines) > 2 {
		addr.Line2 = lines[1]
	}
	if len(lines) > 3 {
		addr.Line3 = strings.Join(lines[2:len(lines)-1], ", ")
	}
	if r.chance(0.6) {
		addr.UPRN = uprnText(p)
	}
	gender := "Male"
	if m.sex == 'F' {
		gender = "Female"
	}
	c := ascClient{ID: id, ClientType: typ, Name: ascName{Title: v.title, Forename: v.given, Middle: v.middle, Surname: v.family},
		Born: isoDate(v.dob), Gender: gender, NHSNumber: spacedNHS(v.nhs), Address: addr, Carer: carer,
		Services: []ascService{}}
	if r.chance(0.1) {
		c.Name.Preferred = nickname(r, m.given)
	}
	if r.chance(0.5) {
		c.Phone = m.phone
	}
	if typ == "client" {
		n := r.between(1, 3)
		for k := 0; k < n; k++ {
			c.Services = append(c.Services, ascService{Type: r.pick(ascServices), Start: isoDate(s.w.opts.AsOf.AddDate(0, -r.between(1, 80), 0))})
		}
	}
	b, err := json.Marshal(c)
	if err == nil {
		if s.f.rows > 0 {
			s.f.w.WriteString(",\n")
		}
		s.f.w.WriteString("  ")
		s.f.w.Write(b)
		s.f.rows++
		s.w.addTruth(s.name, id, "person", m.entity())
	}
	return id
}

func (s *adultSocialCare) finish() error {
	s.f.w.WriteString("\n]}\n")
	return s.f.close()
}

func (s *adultSocialCare) yaml() string {
	return `
  # Adult social care: one JSON document; nested name and address objects;
  # carers are records too, named by a client's carer.id.
  - name: adult_social_care
    kind: person
    connector: json
    path: adult_social_care.json
    trust: 4
    format: {records: clients}
    id: id
    fields:
      title: name.title
      given_name: name.forename
      middle_names: name.middle
      family_name: name.surname
      date_of_birth: {column: born, date: YYYY-MM-DD}
      sex: {column: gender, map: {Male: M, Female: F}}
      nhs_number: nhs_number
      address: {columns: [address.line1, address.line2, address.line3, address.town, address.postcode]}
      postcode: address.postcode
      uprn: address.uprn
      phone: phone
    attributes:
      client_type: client_type
      preferred_name: name.preferred
    relationships:
      - {type: carer_of, from_column: carer.id, from_source: adult_social_care}
      - {type: lives_at, to_column: address.uprn, to_source: gazetteer}
`
}
