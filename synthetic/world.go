package synthetic

import (
	"strconv"
	"strings"
	"time"
)

// Street is a street of the synthetic city (a DTF 7.3 street record).
type street struct {
	usrn     int64
	name     string // "Station Road"
	locality string
	town     string
	start    time.Time
	x0, y0   float64
	x1, y1   float64
}

// property is a BLPU with its one LPI.
type property struct {
	uprn       int64
	parent     int64 // parent UPRN (the building a flat is in), 0 if none
	st         *street
	saoText    string // "FLAT 3", "GROUND FLOOR FLAT", "UNIT 4"
	paoNum     int
	paoSuffix  string
	paoText    string // "MERCER HOUSE", "ROSE COTTAGE"
	postcode   string
	class      string // AddressBase-style classification: RD04, RD06, CR01, …
	x, y       float64
	start      time.Time
	commercial bool
	shell      bool // a parent building record (no one lives in it)
}

// entity is the property's ground-truth id.
func (p *property) entity() string { return "U" + strconv.FormatInt(p.uprn, 10) }

// title-cased address parts.
func (p *property) sao() string { return titleCase(p.saoText) }
func (p *property) paoName() string {
	return titleCase(p.paoText)
}
func (p *property) number() string {
	if p.paoNum == 0 {
		return ""
	}
	return strconv.Itoa(p.paoNum) + p.paoSuffix
}

// lines renders the address as a person would write it: sub-building, building
// name, number and street, locality, town (empty parts dropped).
func (p *property) lines(abbrev bool) []string {
	out := make([]string, 0, 5)
	if s := p.sao(); s != "" {
		out = append(out, s)
	}
	if s := p.paoName(); s != "" {
		out = append(out, s)
	}
	st := p.st.name
	if abbrev {
		st = abbreviateStreet(st)
	}
	if n := p.number(); n != "" {
		st = n + " " + st
	}
	out = append(out, st)
	if p.st.locality != "" {
		out = append(out, p.st.locality)
	}
	out = append(out, p.st.town)
	return out
}

// oneLine is the address on one line with the postcode at the end.
func (p *property) oneLine(upper bool) string {
	s := strings.Join(p.lines(false), ", ") + ", " + p.postcode
	if upper {
		return strings.ToUpper(s)
	}
	return s
}

var streetAbbrev = []struct{ long, short string }{
	{" Road", " Rd"}, {" Street", " St"}, {" Avenue", " Ave"}, {" Close", " Cl"},
	{" Lane", " Ln"}, {" Gardens", " Gdns"}, {" Crescent", " Cres"}, {" Drive", " Dr"},
	{" Grove", " Gr"}, {" Terrace", " Ter"}, {" Place", " Pl"},
}

func abbreviateStreet(s string) string {
	for _, a := range streetAbbrev {
		if strings.HasSuffix(s, a.long) {
			return strings.TrimSuffix(s, a.long) + a.short
		}
	}
	return s
}

func titleCase(s string) string {
	if s == "" {
		return s
	}
	b := []byte(strings.ToLower(s))
	up := true
	for i, c := range b {
		if up && c >= 'a' && c <= 'z' {
			b[i] = c - 32
		}
		up = c == ' ' || c == '-' || c == '\''
	}
	return string(b)
}

// postcode letters allowed in the inward code (BS 7666).
const inwardLetters = "ABDEFGHJLNPQRSTUWXYZ"

// city allocates streets and properties as households and businesses need
// them and hands every new street and property to the gazetteer. Only the
// street list and the properties not yet taken are held in memory.
type city struct {
	t         *tables
	seed      uint64
	r         *rng
	town      string
	asOf      time.Time
	streets   []*street
	nextUPRN  int64
	nextUSRN  int64
	unit      int // postcode unit counter
	unitLeft  int
	curPC     string
	res, com  []*property
	streetNo  int
	newProp   func(*property) error
	usedNames map[string]bool
}

func newCity(t *tables, seed uint64, town string, asOf time.Time, newProp func(*property) error) *city {
	return &city{
		t: t, seed: seed, r: newRNG(), town: town, asOf: asOf,
		nextUPRN: 100090000001, nextUSRN: 45100001, newProp: newProp,
		usedNames: map[string]bool{},
	}
}

// postcode returns the current unit's postcode, moving on every ~12 properties.
func (c *city) postcode() string {
	if c.unitLeft <= 0 || c.curPC == "" {
		k := c.unit
		c.unit++
		pair := (k * 7) % 400
		sector := (k / 400) % 10
		district := 1 + (k/4000)%99
		// DC1–DC99, then DD, DE, … for cities of many millions.
		area := "D" + string("CDEFGHJKLMNPRSTUWY"[(k/396000)%18])
		c.curPC = area + strconv.Itoa(district) + " " + strconv.Itoa(sector) +
			string(inwardLetters[pair/20]) + string(inwardLetters[pair%20])
		c.unitLeft = c.r.between(8, 16)
	}
	c.unitLeft--
	return c.curPC
}

func (c *city) newStreet(commercial bool) *street {
	c.streetNo++
	c.r.reseed(c.seed, saltStreet, c.streetNo)
	var name string
	for tries := 0; ; tries++ {
		stem := c.r.pick(c.t.stems)
		typ := c.t.types.pick(c.r)
		if commercial && c.r.chance(0.5) {
			typ = "Street"
		}
		name = stem + " " + typ
		if tries > 20 {
			name = stem + " " + typ + " " + strconv.Itoa(c.streetNo)
		}
		if tries > 8 {
			// Big cities reuse street names in different localities.
			name = c.r.pick(c.t.stems) + " " + c.r.pick(c.t.stems) + " " + typ
		}
		if !c.usedNames[name] {
			break
		}
	}
	c.usedNames[name] = true
	x := 520000 + c.r.Float64()*20000
	y := 175000 + c.r.Float64()*15000
	s := &street{
		usrn:     c.nextUSRN,
		name:     name,
		locality: c.t.localities[(c.streetNo/25)%len(c.t.localities)],
		town:     c.town,
		start:    date(1950+c.r.IntN(60), 1+c.r.IntN(12), 1+c.r.IntN(28)),
		x0:       x, y0: y,
		x1: x + c.r.Float64()*400 - 200, y1: y + c.r.Float64()*400 - 200,
	}
	if c.r.chance(0.3) {
		s.locality = ""
	}
	c.nextUSRN++
	c.streets = append(c.streets, s)
	c.unitLeft = 0 // a new street starts a new postcode unit
	return s
}

func (c *city) add(p *property) error {
	p.uprn = c.nextUPRN
	c.nextUPRN++
	if p.postcode == "" {
		p.postcode = c.postcode()
	}
	t := float64(len(c.res)+len(c.com)) / 60
	p.x = p.st.x0 + (p.st.x1-p.st.x0)*t + c.r.Float64()*10
	p.y = p.st.y0 + (p.st.y1-p.st.y0)*t + c.r.Float64()*10
	if p.start.IsZero() {
		p.start = p.st.start.AddDate(c.r.IntN(30), 0, 0)
		if p.start.After(c.asOf) {
			p.start = p.st.start
		}
	}
	if !p.shell {
		if p.commercial {
			c.com = append(c.com, p)
		} else {
			c.res = append(c.res, p)
		}
	}
	return c.newProp(p)
}

// fillResidential lays out one residential street.
func (c *city) fillResidential() error {
	s := c.newStreet(false)
	r := c.r
	n := r.between(12, 60)
	style := r.IntN(10)
	num := 1
	for i := 0; i < n; i++ {
		switch {
		case style <= 1 && i%20 == 0: // an estate: a block of flats
			block := &property{st: s, paoText: strings.ToUpper(r.pick(c.t.blocks)), class: "PP", shell: true}
			if r.chance(0.4) {
				block.paoNum = num
				num += 2
			}
			if err := c.add(block); err != nil {
				return err
			}
			flats := r.between(6, 24)
			for f := 1; f <= flats; f++ {
				if err := c.add(&property{st: s, parent: block.uprn, saoText: "FLAT " + strconv.Itoa(f),
					paoNum: block.paoNum, paoText: block.paoText, postcode: block.postcode, class: "RD06"}); err != nil {
					return err
				}
			}
			i += flats / 2
		case style == 2: // a lane of named houses
			p := &property{st: s, paoText: strings.ToUpper(r.pick(c.t.named)), class: "RD02"}
			if r.chance(0.5) {
				p.paoNum = num
			}
			num++
			if err := c.add(p); err != nil {
				return err
			}
		default: // terraces and semis, some converted into flats
			class := "RD04"
			if style >= 7 {
				class = "RD03"
			}
			p := &property{st: s, paoNum: num, class: class}
			num += 1 + style%2
			if r.chance(0.02) {
				// 12A squeezed in beside 12
				q := &property{st: s, paoNum: p.paoNum, paoSuffix: "A", class: class}
				if err := c.add(q); err != nil {
					return err
				}
			}
			if r.chance(0.04) {
				p.paoText = strings.ToUpper(r.pick(c.t.named))
			}
			if r.chance(0.08) { // converted into flats
				p.class, p.shell = "PP", true
				if err := c.add(p); err != nil {
					return err
				}
				names := []string{"GROUND FLOOR FLAT", "FIRST FLOOR FLAT", "SECOND FLOOR FLAT"}
				if r.chance(0.5) {
					names = []string{"FLAT A", "FLAT B", "FLAT C"}
				}
				for _, sao := range names[:r.between(2, 3)] {
					if err := c.add(&property{st: s, parent: p.uprn, saoText: sao, paoNum: p.paoNum,
						paoText: p.paoText, postcode: p.postcode, class: "RD06"}); err != nil {
						return err
					}
				}
				continue
			}
			if err := c.add(p); err != nil {
				return err
			}
		}
	}
	return nil
}

// fillCommercial lays out a high street (shops with flats above) or a
// business park (units).
func (c *city) fillCommercial() error {
	s := c.newStreet(true)
	r := c.r
	if r.chance(0.3) {
		park := strings.ToUpper(r.pick(c.t.stems)) + " BUSINESS PARK"
		n := r.between(6, 20)
		for u := 1; u <= n; u++ {
			if err := c.add(&property{st: s, saoText: "UNIT " + strconv.Itoa(u), paoText: park, class: "CI03", commercial: true}); err != nil {
				return err
			}
		}
		return nil
	}
	n := r.between(10, 40)
	for i := 1; i <= n; i++ {
		class := "CR01"
		if r.chance(0.25) {
			class = "CO01"
		}
		if err := c.add(&property{st: s, paoNum: i, class: class, commercial: true}); err != nil {
			return err
		}
		if r.chance(0.5) {
			if err := c.add(&property{st: s, paoNum: i, paoSuffix: "A", class: "RD06"}); err != nil {
				return err
			}
		}
	}
	return nil
}

// home takes the next residential property.
func (c *city) home() (*property, error) {
	for len(c.res) == 0 {
		if err := c.fillResidential(); err != nil {
			return nil, err
		}
	}
	p := c.res[0]
	c.res = c.res[1:]
	return p, nil
}

// premises takes the next commercial property.
func (c *city) premises() (*property, error) {
	for len(c.com) == 0 {
		if err := c.fillCommercial(); err != nil {
			return nil, err
		}
	}
	p := c.com[0]
	c.com = c.com[1:]
	return p, nil
}

func date(y, m, d int) time.Time { return time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC) }

// salts for the independent random streams.
const (
	saltStreet uint64 = iota + 1
	saltHousehold
	saltBusiness
	saltSystem // + system index
)
