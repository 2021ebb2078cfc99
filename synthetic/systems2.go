package synthetic

import (
	"strconv"
	"strings"
	"time"

	"golang.org/x/text/encoding/charmap"
)

// ---------------------------------------------------------- electoral register

// electoral: pipe-delimited, Windows-1252 (accents kept), electors 18+ and
// attainers (17-year-olds with their date of attainment), by polling district.
type electoral struct {
	base
	enos map[string]int
	buf  []byte
}

func newElectoral(w *world, open func(string) (*file, error), salt uint64) (system, error) {
	s := &electoral{base: newBase(w, "electoral_register", salt, profile{
		typo: 0.02, phonetic: 0.01, nickname: 0.02, initial: 0.01, stale: 0.35, staleName: 0.4, missPC: 0.005,
	}), enos: map[string]int{}}
	var err error
	if s.f, err = open("electoral_register.txt"); err != nil {
		return nil, err
	}
	s.f.w.WriteString("PD|ENO|TITLE|FORENAME|MIDDLENAMES|SURNAME|ADDRESS1|ADDRESS2|ADDRESS3|ADDRESS4|ADDRESS5|POSTCODE|UPRN|DOA|OPT_OUT|NOTE\r\n")
	return s, nil
}

// cp1252 encodes s; characters outside the code page become '?'.
func cp1252(buf []byte, s string) []byte {
	for _, c := range s {
		if c < 0x80 {
			buf = append(buf, byte(c))
			continue
		}
		if b, ok := charmap.Windows1252.EncodeRune(c); ok {
			buf = append(buf, b)
		} else {
			buf = append(buf, '?')
		}
	}
	return buf
}

func (s *electoral) household(h *household) error {
	s.seedHousehold(h)
	r := s.r
	asOf := s.w.opts.AsOf
	for _, m := range h.members {
		age := m.age(asOf)
		if age < 17 || !r.chance(0.88) {
			continue
		}
		doa := ""
		if age == 17 {
			doa = ddmmyyyy(m.dob.AddDate(18, 0, 0), '/')
		}
		var homes []*property
		switch {
		case h.prev == nil:
			homes = []*property{h.home}
		case r.chance(s.pr.stale):
			homes = []*property{h.prev}
			s.tally["stale_address"]++
		case r.chance(0.3):
			homes = []*property{h.prev, h.home} // re-registered without being removed
			s.tally["registered_twice"]++
		default:
			homes = []*property{h.home}
		}
		for _, p := range homes {
			pd := "P" + strings.ToUpper(p.st.locality + "X")[:1] + strconv.Itoa(1+int(p.st.usrn%4))
			s.enos[pd]++
			eno := strconv.Itoa(s.enos[pd])
			v := s.pr.view(r, m, s.tally)
			if p == h.prev && m.newlyWed {
				v.family = m.birthFamily
			}
			lines := fitLines(p.lines(false), 5)
			pc := p.postcode
			if r.chance(s.pr.missPC) {
				pc = ""
			}
			uprn := uprnText(p)
			if r.chance(0.05) {
				uprn = ""
			}
			opt := "N"
			if r.chance(0.6) {
				opt = "Y"
			}
			note := ""
			switch {
			case h.id == 5 || r.chance(0.01):
				note = "Civil penalty warning (£80) sent"
			case r.chance(0.08):
				note = "Postal voter"
			}
			b := s.buf[:0]
			for i, f := range []string{pd, eno, v.title, v.given, v.middle, v.family, lines[0], lines[1], lines[2], lines[3], lines[4], pc, uprn, doa, opt, note} {
				if i > 0 {
					b = append(b, '|')
				}
				b = cp1252(b, f)
			}
			b = append(b, '\r', '\n')
			s.buf = b
			s.f.w.Write(b)
			s.w.addTruth(s.name, pd+"-"+eno, "person", m.entity())
		}
	}
	return nil
}

func (s *electoral) yaml() string {
	return `
  # Electoral register: pipe-delimited, Windows-1252, CRLF; no birth dates
  # except attainers' date of attainment.
  - name: electoral_register
    kind: person
    connector: csv
    path: electoral_register.txt
    trust: 2
    format: {delimiter: "|", header: true, encoding: windows-1252, quote: ""}
    id: {columns: [PD, ENO], sep: "-"}
    fields:
      title: TITLE
      given_name: FORENAME
      middle_names: MIDDLENAMES
      family_name: SURNAME
      address: {columns: [ADDRESS1, ADDRESS2, ADDRESS3, ADDRESS4, ADDRESS5, POSTCODE]}
      postcode: POSTCODE
      uprn: UPRN
    attributes:
      polling_district: PD
      attainment_date: DOA
      note: NOTE
    flags:
      - {column: OPT_OUT, values: [Y], flag: open_register_opt_out}
    relationships:
      - {type: lives_at, to_column: UPRN, to_source: gazetteer}
`
}

// ------------------------------------------------------ children's social care

// childrenSocialCare: tab-separated, dates as 02-Mar-2012, gender coded 1/2,
// children known to the service and their parents, who are records too.
type childrenSocialCare struct {
	base
	ids int
}

func newChildrenSocialCare(w *world, open func(string) (*file, error), salt uint64) (system, error) {
	s := &childrenSocialCare{base: newBase(w, "children_social_care", salt, profile{
		typo: 0.03, phonetic: 0.06, nickname: 0.03, swapDM: 0.02, missDOB: 0.05, badNHS: 0.02, missNHS: 0.15,
		stale: 0.3, staleName: 0.5, swapNames: 0.01,
	})}
	var err error
	if s.f, err = open("children_social_care.tsv"); err != nil {
		return nil, err
	}
	s.f.w.WriteString("PERSON_ID\tROLE\tFORENAME\tSURNAME\tDOB\tGENDER\tNHS_NUMBER\tADDRESS\tPOSTCODE\tMOTHER_ID\tFATHER_ID\tREFERRAL_DATE\tCP_PLAN\n")
	return s, nil
}

func (s *childrenSocialCare) household(h *household) error {
	s.seedHousehold(h)
	r := s.r
	asOf := s.w.opts.AsOf
	p := 0.04
	if h.lowIncome {
		p = 0.12
	}
	if h.id == 1 {
		p = 1
	}
	if !r.chance(p) {
		return nil
	}
	var kids []int
	for i, m := range h.members {
		if m.role == roleChild && m.age(asOf) < 18 {
			kids = append(kids, i)
		}
	}
	if len(kids) == 0 {
		return nil
	}
	addr := s.address(h)
	referral := asOf.AddDate(0, -r.between(1, 60), -r.IntN(28))
	ids := map[int]string{}
	mother, father := -1, -1
	for _, pr := range h.parents {
		pm := h.members[pr[0]]
		if pm.role == roleGrandparent {
			continue
		}
		if pm.sex == 'F' && mother < 0 && r.chance(0.95) {
			mother = pr[0]
		} else if pm.sex == 'M' && father < 0 && r.chance(0.6) {
			father = pr[0]
		}
	}
	write := func(i int, role string, motherID, fatherID string) {
		m := h.members[i]
		s.ids++
		id := strconv.Itoa(100000 + s.ids)
		ids[i] = id
		v := s.pr.view(r, m, s.tally)
		if role != "CHILD" && r.chance(0.25) {
			v.dob = time.Time{}
		}
		g := "1"
		if m.sex == 'F' {
			g = "2"
		}
		if r.chance(0.02) {
			g = "9"
		}
		cp := ""
		if role == "CHILD" && r.chance(0.15) {
			cp = "Y"
		}
		writeRow(s.f.w, '\t', id, role, v.given, v.family, ddMonYYYY(v.dob), g, v.nhs,
			strings.Join(addr.lines(r.chance(0.5)), ", "), addr.postcode, motherID, fatherID, ddmmyyyy(referral, '/'), cp)
		s.w.addTruth(s.name, id, "person", m.entity())
	}
	if mother >= 0 {
		write(mother, "MOTHER", "", "")
	}
	if father >= 0 {
		write(father, "FATHER", "", "")
	}
	for _, k := range kids {
		mid, fid := "", ""
		if mother >= 0 && h.parentIdx(k, mother) {
			mid = ids[mother]
		}
		if father >= 0 && h.parentIdx(k, father) {
			fid = ids[father]
		}
		write(k, "CHILD", mid, fid)
	}
	return nil
}

func (s *childrenSocialCare) yaml() string {
	return `
  # Children's social care: tab-separated, dates like 02-Mar-2012, gender 1/2/9;
  # parents are records too, named by the child's MOTHER_ID and FATHER_ID.
  - name: children_social_care
    kind: person
    connector: csv
    path: children_social_care.tsv
    trust: 4
    format: {delimiter: "\t", header: true}
    id: PERSON_ID
    observed: {column: REFERRAL_DATE, date: DD/MM/YYYY}
    fields:
      given_name: FORENAME
      family_name: SURNAME
      date_of_birth: {column: DOB, date: DD-MON-YYYY}
      sex: {column: GENDER, map: {"1": M, "2": F, "9": U}}
      nhs_number: NHS_NUMBER
      address: {columns: [ADDRESS, POSTCODE]}
      postcode: POSTCODE
    attributes:
      csc_role: ROLE
      referral_date: REFERRAL_DATE
    flags:
      - {column: CP_PLAN, values: [Y], flag: safeguarding}
    relationships:
      - {type: parent_of, from_column: MOTHER_ID, from_source: children_social_care}
      - {type: parent_of, from_column: FATHER_ID, from_source: children_social_care}
`
}

// ----------------------------------------------------------- housing tenancy

// tenancy: a fixed-width file from the housing system: a header record (00),
// one record per tenant (10) and per other household member (20), a trailer
// (99); capitals, ASCII only (accents dropped), names cut to the field width,
// dates YYYYMMDD.
type tenancy struct {
	base
	tenancies int
	line      int
	count     int
	buf       []byte
}

// tenancyLayout is the record layout (name, 1-based start, length).
var tenancyLayout = []struct {
	name          string
	start, length int
}{
	{"REC", 1, 2}, {"TENANCY_REF", 3, 8}, {"PERSON_NO", 11, 2}, {"TITLE", 13, 4}, {"SURNAME", 17, 20},
	{"FORENAME", 37, 15}, {"DOB", 52, 8}, {"NINO", 60, 9}, {"UPRN", 69, 12}, {"ADDR1", 81, 30},
	{"ADDR2", 111, 30}, {"POSTCODE", 141, 8}, {"TEN_START", 149, 8}, {"JOINT_WITH", 157, 11}, {"RELATION", 168, 10},
}

func newTenancy(w *world, open func(string) (*file, error), salt uint64) (system, error) {
	s := &tenancy{base: newBase(w, "housing_tenancy", salt, profile{
		typo: 0.02, ocr: 0.02, initial: 0.02, swapDM: 0.01, missDOB: 0.03, stale: 0.1, staleName: 0.3,
	})}
	var err error
	if s.f, err = open("housing_tenancy.dat"); err != nil {
		return nil, err
	}
	s.f.w.WriteString(fixedLine("00", "HOUSING  ", yyyymmdd(w.opts.AsOf)))
	s.line = 1
	return s, nil
}

func fixedLine(parts ...string) string {
	b := []byte(strings.Join(parts, ""))
	for len(b) < 177 {
		b = append(b, ' ')
	}
	return string(b) + "\n"
}

func (s *tenancy) household(h *household) error {
	if h.tenure != social {
		return nil
	}
	s.seedHousehold(h)
	r := s.r
	asOf := s.w.opts.AsOf
	s.tenancies++
	ref := "T" + pad(s.tenancies, 7)
	p := s.address(h)
	joint := h.partnerOf(0) >= 0 && r.chance(0.8)
	lines := fitLines(p.lines(true), 2)
	for i, m := range h.members {
		rec := "20"
		relation := ""
		jointWith := ""
		switch {
		case i == 0:
			rec = "10"
			relation = "TENANT"
			if joint {
				jointWith = ref + "-02"
			}
		case joint && h.partnerOf(0) == i:
			rec = "10"
			relation = "JOINT"
			jointWith = ref + "-01"
		case m.role == roleChild && m.sex == 'M':
			relation = "SON"
		case m.role == roleChild:
			relation = "DAUGHTER"
		case m.role == roleGrandparent:
			relation = "PARENT"
		case m.role == rolePartner:
			relation = "PARTNER"
		default:
			relation = "OTHER"
		}
		if rec == "20" && !r.chance(0.85) {
			continue
		}
		v := s.pr.view(r, m, s.tally)
		id := ref + "-" + pad(i+1, 2)
		nino := ""
		if rec == "10" || m.age(asOf) >= 16 {
			nino = m.nino
		}
		b := s.buf[:0]
		b = fixed(b, rec, 2)
		b = fixed(b, ref, 8)
		b = fixed(b, pad(i+1, 2), 2)
		b = fixed(b, strings.ToUpper(v.title), 4)
		b = fixed(b, strings.ToUpper(asciiFold(v.family)), 20)
		b = fixed(b, strings.ToUpper(asciiFold(v.given)), 15)
		b = fixed(b, yyyymmdd(v.dob), 8)
		b = fixed(b, nino, 9)
		b = fixed(b, uprnText(p), 12)
		b = fixed(b, strings.ToUpper(asciiFold(lines[0])), 30)
		b = fixed(b, strings.ToUpper(asciiFold(lines[1])), 30)
		b = fixed(b, p.postcode, 8)
		b = fixed(b, yyyymmdd(h.since), 8)
		b = fixed(b, jointWith, 11)
		b = fixed(b, relation, 10)
		s.line++
		if h.tenure == social && s.tenancies == 1 && i == 0 || r.chance(0.00005) {
			// A record cut short by a transfer error: unreadable.
			b = b[:100]
			s.w.addCorrupt(s.name, s.line, id, "a truncated record (100 of 177 characters)")
		} else {
			s.w.addTruth(s.name, id, "person", m.entity())
		}
		b = append(b, '\n')
		s.buf = b
		s.f.w.Write(b)
		s.count++
	}
	return nil
}

func (s *tenancy) finish() error {
	s.f.w.WriteString(fixedLine("99", pad(s.count, 9)))
	return s.f.close()
}

func (s *tenancy) yaml() string {
	var b strings.Builder
	b.WriteString(`
  # Housing tenancy: fixed width (177 characters); record type 10 = tenant,
  # 20 = household member, 00 header and 99 trailer. Joint tenants name each other.
  - name: housing_tenancy
    kind: person
    connector: fixedwidth
    path: housing_tenancy.dat
    trust: 4
    format:
      record_type: {start: 1, length: 2}
      record_types: {"10": person, "20": person}
      layout:
`)
	for _, l := range tenancyLayout {
		typ := ""
		if l.name == "DOB" || l.name == "TEN_START" {
			typ = ", type: date"
		}
		b.WriteString("        - {name: " + l.name + ", start: " + strconv.Itoa(l.start) + ", length: " + strconv.Itoa(l.length) + typ + "}\n")
	}
	b.WriteString(`    id: {columns: [TENANCY_REF, PERSON_NO], sep: "-"}
    observed: {column: TEN_START, date: YYYYMMDD}
    fields:
      title: {column: TITLE, case: title}
      given_name: {column: FORENAME, case: title}
      family_name: {column: SURNAME, case: title}
      date_of_birth: {column: DOB, date: YYYYMMDD}
      ni_number: NINO
      uprn: UPRN
      address: {columns: [ADDR1, ADDR2, POSTCODE]}
      postcode: POSTCODE
    attributes:
      tenancy_ref: TENANCY_REF
      tenancy_start: TEN_START
      relation_to_tenant: RELATION
    relationships:
      - {type: partner_of, from_column: JOINT_WITH, from_source: housing_tenancy}
      - {type: lives_at, to_column: UPRN, to_source: gazetteer}
`)
	return b.String()
}
