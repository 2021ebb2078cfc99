package synthetic

import (
	"strconv"
	"strings"
	"time"
)

// business is a true business of the city.
type business struct {
	id            int
	registered    string // registered name ("" for a sole trader)
	trading       string
	previous      string // a former registered name, or ""
	companyNumber string
	status        string
	incorporated  time.Time
	trade         *trade
	premises      []*property
	regOffice     *property // registered office (may be an accountant's, elsewhere)
	rv            []int     // rateable value in pounds per premises
	since         time.Time
}

func (b *business) entity() string { return "B" + pad(b.id, 6) }

type businesses struct {
	t        *tables
	seed     uint64
	asOf     time.Time
	r        *rng
	nextID   int
	agents   []*property // accountants' offices, used as registered offices
	usedName map[string]int
}

var adjectives = []string{"Premier", "Elite", "Golden", "Northern", "Riverside", "Express", "Quality", "Crown",
	"Phoenix", "Evergreen", "Summit", "Heritage", "Pioneer", "Unity", "Bright", "Swift", "Royal", "Capital"}

func (g *businesses) next(c *city, surnames func(*rng) string) (*business, error) {
	g.nextID++
	r := g.r
	r.reseed(g.seed, saltBusiness, g.nextID)
	tr := &g.t.trades[r.IntN(len(g.t.trades))]
	b := &business{id: g.nextID, trade: tr, status: "Active"}
	b.since = g.asOf.AddDate(-r.between(0, 30), -r.IntN(12), -r.IntN(28))
	b.since = date(b.since.Year(), int(b.since.Month()), b.since.Day())
	sur := surnames(r)
	base := ""
	switch r.IntN(4) {
	case 0:
		base = sur + " & Sons " + tr.word
	case 1:
		base = sur + " " + tr.word
	case 2:
		base = r.pick(adjectives) + " " + tr.word
	default:
		base = c.t.localities[r.IntN(len(c.t.localities))] + " " + tr.word
	}
	if n := g.usedName[base]; n > 0 {
		g.usedName[base] = n + 1
		base += " " + strconv.Itoa(n+1)
	} else {
		g.usedName[base] = 1
	}
	switch {
	case r.chance(0.25): // a sole trader: no company
		b.trading = base
	default:
		suffix := " Limited"
		if r.chance(0.4) {
			suffix = " Ltd"
		}
		b.registered = strings.ToUpper(base + suffix)
		b.incorporated = b.since.AddDate(0, -r.IntN(6), 0)
		b.companyNumber = companyNumber(g.seed, b.id)
		if r.chance(0.04) {
			b.companyNumber = "SC" + b.companyNumber[2:]
		}
		switch r.IntN(3) {
		case 0: // trades under a different name
			b.trading = "The " + r.pick(adjectives) + " " + tr.word
			if r.chance(0.5) {
				b.trading = sur + "'s " + tr.word
			}
		case 1:
			b.trading = base
		default:
			b.trading = titleCase(base + suffix)
		}
		if r.chance(0.08) {
			b.previous = strings.ToUpper(sur + " " + r.pick(adjectives) + " Limited")
		}
		if r.chance(0.03) {
			b.status = "Active - Proposal to Strike off"
		}
	}
	n := 1
	if r.chance(0.1) {
		n = 2
	}
	for i := 0; i < n; i++ {
		p, err := c.premises()
		if err != nil {
			return nil, err
		}
		b.premises = append(b.premises, p)
		rv := (tr.rvMin + r.IntN(tr.rvMax-tr.rvMin+1)) / 50 * 50
		b.rv = append(b.rv, rv)
	}
	b.regOffice = b.premises[0]
	if b.registered != "" && len(g.agents) > 0 && r.chance(0.3) {
		b.regOffice = g.agents[r.IntN(len(g.agents))]
	}
	if tr.word == "Accountants" && len(g.agents) < 40 {
		g.agents = append(g.agents, b.premises[0])
	}
	return b, nil
}

// companyNumber is eight digits unique to the business.
func companyNumber(seed uint64, id int) string {
	body := (uint64(id)*7919 + mix(seed+3)%10000000) % 10000000
	return "0" + pad(int(body), 7)
}
