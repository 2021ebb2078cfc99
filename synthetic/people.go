package synthetic

import (
	"strconv"
	"strings"
	"time"
)

type role uint8

const (
	roleHead role = iota
	rolePartner
	roleChild
	roleGrandparent
	roleLodger
	roleSharer
)

// person is a true resident of the city.
type person struct {
	id          int
	title       string
	given       string
	middle      string
	family      string
	birthFamily string // the surname before marriage ("" if unchanged)
	sex         byte   // 'M' or 'F'
	dob         time.Time
	nhs         string // 10 digits, "" if none
	nino        string // "" for children
	phone       string
	email       string
	role        role
	hh          *household
	newlyWed    bool // changed surname during the period: stale systems hold birthFamily
}

func (p *person) entity() string { return personEntity(p.id) }

func personEntity(id int) string {
	return "P" + pad(id, 7)
}

func pad(n, w int) string {
	s := strconv.Itoa(n)
	if len(s) >= w {
		return s
	}
	return strings.Repeat("0", w-len(s)) + s
}

func (p *person) age(at time.Time) int {
	a := at.Year() - p.dob.Year()
	if at.YearDay() < p.dob.YearDay() {
		a--
	}
	return a
}

type hhKind uint8

const (
	hhSingle hhKind = iota
	hhCouple
	hhFamily
	hhLoneParent
	hhMultiGen
	hhShare
	hhLodger
)

type tenure byte

const (
	owner   tenure = 'O'
	private tenure = 'P'
	social  tenure = 'S'
)

// household is the people living together at a property.
type household struct {
	id        int
	kind      hhKind
	home      *property
	prev      *property // the home before a move during the period, or nil
	moved     time.Time
	members   []*person
	partners  [][2]int // indexes into members
	parents   [][2]int // parent, child
	tenure    tenure
	lowIncome bool
	since     time.Time // moved into home
}

func (h *household) adults(asOf time.Time) []*person {
	var out []*person
	for _, m := range h.members {
		if m.age(asOf) >= 18 {
			out = append(out, m)
		}
	}
	return out
}

func (h *household) partnerOf(i int) int {
	for _, p := range h.partners {
		if p[0] == i {
			return p[1]
		}
		if p[1] == i {
			return p[0]
		}
	}
	return -1
}

func (h *household) index(p *person) int {
	for i, m := range h.members {
		if m == p {
			return i
		}
	}
	return -1
}

// people builds households one at a time.
type people struct {
	t      *tables
	seed   uint64
	asOf   time.Time
	r      *rng
	nextID int
	nextHH int
}

// featured scenarios that every city shows at least once, in its first
// households, before the random mix takes over.
var featured = []hhKind{hhFamily, hhCouple, hhFamily, hhMultiGen, hhShare, hhLodger, hhLoneParent}

func (g *people) household(c *city) (*household, error) {
	g.nextHH++
	h := &household{id: g.nextHH}
	r := g.r
	r.reseed(g.seed, saltHousehold, h.id)
	if h.id <= len(featured) {
		h.kind = featured[h.id-1]
	} else {
		x := r.Float64()
		switch {
		case x < 0.30:
			h.kind = hhSingle
		case x < 0.57:
			h.kind = hhCouple
		case x < 0.78:
			h.kind = hhFamily
		case x < 0.88:
			h.kind = hhLoneParent
		case x < 0.93:
			h.kind = hhMultiGen
		case x < 0.97:
			h.kind = hhShare
		default:
			h.kind = hhLodger
		}
	}
	asOf := g.asOf
	switch h.kind {
	case hhSingle:
		age := r.between(19, 95)
		if r.chance(0.3) {
			age = r.between(65, 95)
		}
		g.adult(h, roleHead, age, 0, "")
	case hhCouple, hhFamily, hhMultiGen, hhLodger:
		age := r.between(22, 80)
		if h.kind != hhCouple {
			age = r.between(24, 52)
		}
		g.couple(h, age, h.id == 2)
		if h.kind == hhFamily || h.kind == hhMultiGen {
			g.children(h, age, h.id == 1)
		}
		if h.kind == hhMultiGen {
			gp := g.adult(h, roleGrandparent, age+r.between(22, 34), 0, "")
			if r.chance(0.5) {
				gp.family = h.members[0].family
			}
			h.parents = append(h.parents, [2]int{len(h.members) - 1, 0})
		}
		if h.kind == hhLodger {
			g.adult(h, roleLodger, r.between(19, 60), 0, "")
		}
	case hhLoneParent:
		age := r.between(19, 50)
		g.adult(h, roleHead, age, 'F', "")
		if r.chance(0.12) {
			h.members[0].sex = 'M'
			h.members[0].title = "Mr"
			h.members[0].given = g.t.givenName(r, 'M', h.members[0].dob.Year())
		}
		g.children(h, age, false)
	case hhShare:
		n := r.between(2, 4)
		for i := 0; i < n; i++ {
			ro := roleSharer
			if i == 0 {
				ro = roleHead
			}
			g.adult(h, ro, r.between(19, 35), 0, "")
		}
	}
	// Tenure and income.
	x := r.Float64()
	switch {
	case x < 0.62:
		h.tenure = owner
	case x < 0.81:
		h.tenure = private
	default:
		h.tenure = social
	}
	if h.kind == hhShare {
		h.tenure = private
	}
	// Roughly one household in ten claims housing benefit.
	h.lowIncome = h.tenure == social && r.chance(0.45) || h.tenure == private && r.chance(0.12) || r.chance(0.015)
	var err error
	if h.home, err = c.home(); err != nil {
		return nil, err
	}
	h.since = asOf.AddDate(-r.between(1, 25), -r.IntN(12), 0)
	// A move during the period (the second featured household always moves).
	if h.id == 2 || h.id == 3 || r.chance(0.07) {
		if h.prev, err = c.home(); err != nil {
			return nil, err
		}
		h.moved = asOf.AddDate(0, -r.between(1, 20), -r.IntN(28))
		h.since = h.moved
	}
	return h, nil
}

var titlesM = []string{"Mr", "Mr", "Mr", "Mr", "Dr"}
var titlesF = []string{"Mrs", "Ms", "Miss", "Mrs", "Ms", "Dr"}

// adult adds a person of about age years; sex 0 draws one.
func (g *people) adult(h *household, ro role, age int, sex byte, family string) *person {
	r := g.r
	if sex == 0 {
		sex = 'F'
		if r.chance(0.49) {
			sex = 'M'
		}
	}
	p := g.newPerson(h, ro, sex, g.birthDate(age), family)
	if sex == 'M' {
		p.title = r.pick(titlesM)
	} else {
		p.title = r.pick(titlesF)
		if age < 30 && p.title == "Mrs" {
			p.title = "Miss"
		}
	}
	return p
}

func (g *people) birthDate(age int) time.Time {
	d := g.asOf.AddDate(-age, 0, -g.r.IntN(365))
	return date(d.Year(), int(d.Month()), d.Day())
}

func (g *people) newPerson(h *household, ro role, sex byte, dob time.Time, family string) *person {
	r := g.r
	g.nextID++
	p := &person{id: g.nextID, sex: sex, dob: dob, role: ro, hh: h}
	p.given = g.t.givenName(r, sex, dob.Year())
	if r.chance(0.55) {
		p.middle = g.t.givenName(r, sex, dob.Year())
		if p.middle == p.given {
			p.middle = ""
		}
	}
	if family == "" {
		family = g.t.surnames.pick(r)
	}
	p.family = family
	p.nhs = nhsNumber(g.seed, p.id)
	if p.age(g.asOf) >= 16 {
		p.nino = niNumber(g.seed, p.id)
	}
	p.phone = "07" + pad(int(mix(g.seed^uint64(p.id)*0x2545F4914F6CDD1D)%1000000000), 9)
	if p.age(g.asOf) >= 16 && r.chance(0.7) {
		p.email = strings.ToLower(asciiFold(p.given)+"."+asciiFold(strings.ReplaceAll(p.family, "'", ""))) +
			strconv.Itoa(p.id%1000) + "@" + r.pick([]string{"example.com", "example.org", "example.net"})
		p.email = strings.ReplaceAll(p.email, " ", "")
	}
	h.members = append(h.members, p)
	return p
}

// couple adds two partners; the woman of a mixed couple usually took the
// man's surname, and newlyWed couples did so during the period.
func (g *people) couple(h *household, age int, newlyWed bool) {
	r := g.r
	a := g.adult(h, roleHead, age, 'M', "")
	sex := byte('F')
	if !newlyWed && r.chance(0.04) {
		sex = 'M'
	}
	b := g.adult(h, rolePartner, age+r.between(-5, 5), sex, "")
	if sex == 'F' && (newlyWed || r.chance(0.75)) {
		b.birthFamily = b.family
		b.family = a.family
		b.newlyWed = newlyWed || r.chance(0.06)
		if b.title == "Miss" || b.title == "Ms" && r.chance(0.5) {
			b.title = "Mrs"
		}
	}
	h.partners = append(h.partners, [2]int{0, 1})
}

// children adds one to four children, sometimes twins.
func (g *people) children(h *household, parentAge int, twins bool) {
	r := g.r
	n := r.between(1, 3)
	if r.chance(0.1) {
		n = 4
	}
	family := h.members[0].family
	// Children up to 17, or up to 24 in older parents' homes: adult
	// children living at home vote and work but are rarely liable for anything.
	maxAge := parentAge - 18
	if maxAge > 24 {
		maxAge = 24
	}
	if maxAge > 17 && parentAge < 45 {
		maxAge = 17
	}
	for i := 0; i < n; i++ {
		age := r.between(0, maxAge)
		sex := byte('F')
		if r.chance(0.51) {
			sex = 'M'
		}
		fam := family
		if h.kind == hhLoneParent && r.chance(0.4) {
			fam = g.t.surnames.pick(r) // the other parent's name
		}
		c := g.newPerson(h, roleChild, sex, g.birthDate(age), fam)
		ci := len(h.members) - 1
		h.parents = append(h.parents, [2]int{0, ci})
		if h.kind != hhLoneParent {
			h.parents = append(h.parents, [2]int{1, ci})
		}
		if (twins && i == 0) || r.chance(0.015) {
			// a twin: same birthday, same address, another name
			t := g.newPerson(h, roleChild, byte("FM"[r.IntN(2)]), c.dob, fam)
			for t.given == c.given {
				t.given = g.t.givenName(r, t.sex, t.dob.Year())
			}
			ti := len(h.members) - 1
			h.parents = append(h.parents, [2]int{0, ti})
			if h.kind != hhLoneParent {
				h.parents = append(h.parents, [2]int{1, ti})
			}
			i++
		}
	}
}

// nhsNumber returns a valid NHS number unique to the person: the body comes
// from a bijection of the id, the first digit is the first of 4, 6, 7 that
// gives a usable check digit. One person in ~1,300 has none.
func nhsNumber(seed uint64, id int) string {
	body := (uint64(id)*7919 + mix(seed)%100000000) % 100000000
	for _, first := range []uint64{4, 6, 7} {
		n := first*100000000 + body
		s := pad(int(n), 9)
		if c, ok := nhsCheck(s); ok {
			return s + string(rune('0'+c))
		}
	}
	return ""
}

// nhsCheck computes the Modulus 11 check digit of nine digits.
func nhsCheck(nine string) (int, bool) {
	sum := 0
	for i := 0; i < 9; i++ {
		sum += int(nine[i]-'0') * (10 - i)
	}
	c := 11 - sum%11
	if c == 11 {
		c = 0
	}
	if c == 10 {
		return 0, false
	}
	return c, true
}

// NI number prefixes that follow HMRC's rules.
var ninoPrefixes = []string{"AB", "AE", "AH", "AK", "AL", "AM", "AP", "AR", "AS", "AT", "AW", "AX", "AY", "AZ",
	"BA", "BB", "BE", "BH", "BK", "BL", "BM", "BT", "CA", "CB", "CE", "CH", "CK", "CL", "CR", "EA", "EB", "EE",
	"EH", "EK", "EL", "EM", "EP", "ER", "ES", "ET", "EW", "EX", "EY", "EZ", "GY", "HA", "HB", "HE", "HH", "HK",
	"HL", "HM", "HP", "HR", "HS", "HT", "HW", "HX", "HY", "HZ", "JA", "JB", "JC", "JE", "JG", "JH", "JJ", "JK",
	"JL", "JM", "JN", "JP", "JR", "JS", "JT", "JW", "JX", "JY", "JZ", "KA", "KB", "KC", "KE", "KH", "KK", "KL",
	"KM", "KP", "KR", "KS", "KT", "KW", "KX", "KY", "KZ", "LA", "LB", "LE", "LH", "LK", "LL", "LM", "LP", "LR"}

// niNumber returns a format-valid NI number unique to the person.
func niNumber(seed uint64, id int) string {
	k := uint64(id)
	body := (k%1000000*7919 + mix(seed+1)%1000000) % 1000000
	prefix := ninoPrefixes[(k/1000000+mix(seed+2))%uint64(len(ninoPrefixes))]
	return prefix + pad(int(body), 6) + string("ABCD"[k%4])
}
