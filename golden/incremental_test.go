package golden_test

import (
	"fmt"
	"math/rand/v2"
	"sort"
	"strings"
	"testing"

	"github.com/council/golden/golden"
	"github.com/council/golden/golden/goldentest"
	"github.com/council/golden/record"
)

// sim drives the same random edits into two stores: one built
// incrementally every round, one rebuilt from nothing every round.
type sim struct {
	rng    *rand.Rand
	keys   []string       // live source keys
	group  map[string]int // key → cluster label
	nextID int
	worlds []*goldentest.World
	rels   [][3]string
}

var (
	sources  = []string{"council_tax", "housing", "education"}
	given    = []string{"Jane", "Janet", "Tom", "Thomas", "Ali", ""}
	family   = []string{"Smith", "Smyth", "Jones", "Khan", ""}
	dobs     = []string{"1980-02-03", "1980-03-02", "2001-11-30", ""}
	nhs      = []string{"9434765919", "9434765918", "4010232137", ""}
	uprns    = []string{"100", "200", "300", ""}
	flagsSet = []string{"", "", "", "safeguarding"}
)

func (s *sim) pick(xs []string) string { return xs[s.rng.IntN(len(xs))] }

func (s *sim) record(key string) goldentest.Rec {
	r := goldentest.Person(key, "given_name", s.pick(given), "family_name", s.pick(family), "date_of_birth", s.pick(dobs),
		"nhs_number", s.pick(nhs), "uprn", s.pick(uprns), "previous_family_names", s.pick([]string{"", "Brown", "Adams;Brown"}))
	for f, v := range r.Fields {
		if v == "" {
			delete(r.Fields, f)
		}
	}
	if r.Fields[record.NHSNumber] == "9434765918" {
		r = r.Bad(record.NHSNumber)
	}
	if d := s.rng.IntN(40); d < 28 {
		r = r.Seen(2025, 1+s.rng.IntN(12), 1+d)
	}
	return r.Flagged(s.pick(flagsSet))
}

func (s *sim) put(rs ...goldentest.Rec) {
	for _, w := range s.worlds {
		w.Put(rs...)
	}
}

func (s *sim) newKey() string {
	s.nextID++
	return fmt.Sprintf("%s:R%d", sources[s.rng.IntN(len(sources))], s.nextID)
}

func (s *sim) cluster() {
	byLabel := map[int][]string{}
	for _, k := range s.keys {
		byLabel[s.group[k]] = append(byLabel[s.group[k]], k)
	}
	var groups [][]string
	for _, g := range byLabel {
		if len(g) > 1 {
			groups = append(groups, g)
		}
	}
	for _, w := range s.worlds {
		w.Cluster(record.Person, groups...)
	}
}

// round makes random edits: changed, new and deleted records; merges,
// splits and moves in the clustering.
func (s *sim) round(round int) {
	var changed []goldentest.Rec
	for i := 0; i < 4; i++ {
		changed = append(changed, s.record(s.keys[s.rng.IntN(len(s.keys))]))
	}
	for i := 0; i < 3; i++ {
		k := s.newKey()
		s.keys = append(s.keys, k)
		s.group[k] = s.rng.IntN(s.nextID + 1)
		changed = append(changed, s.record(k))
	}
	uniq := map[string]goldentest.Rec{}
	for _, r := range changed {
		uniq[r.Key] = r
	}
	var put []goldentest.Rec
	for _, r := range uniq {
		put = append(put, r)
	}
	sort.Slice(put, func(i, j int) bool { return put[i].Key < put[j].Key })
	s.put(put...)
	for i := 0; i < 2; i++ {
		j := s.rng.IntN(len(s.keys))
		k := s.keys[j]
		if _, just := uniq[k]; just {
			continue
		}
		s.keys = append(s.keys[:j], s.keys[j+1:]...)
		for _, w := range s.worlds {
			w.Del(k)
		}
	}
	for i := 0; i < 2; i++ { // merge two clusters
		a, b := s.group[s.keys[s.rng.IntN(len(s.keys))]], s.group[s.keys[s.rng.IntN(len(s.keys))]]
		for _, k := range s.keys {
			if s.group[k] == b {
				s.group[k] = a
			}
		}
	}
	for i := 0; i < 2; i++ { // split a cluster in two
		a := s.group[s.keys[s.rng.IntN(len(s.keys))]]
		s.nextID++
		for _, k := range s.keys {
			if s.group[k] == a && s.rng.IntN(2) == 0 {
				s.group[k] = 100000 + s.nextID
			}
		}
	}
	s.group[s.keys[s.rng.IntN(len(s.keys))]] = s.group[s.keys[s.rng.IntN(len(s.keys))]] // move one
	if round%2 == 0 {
		s.relate() // odd rounds leave the source relationships alone
	}
	s.cluster()
}

// relate states a new relationship between two live records, and ends an
// earlier one.
func (s *sim) relate() {
	a, b := s.keys[s.rng.IntN(len(s.keys))], s.keys[s.rng.IntN(len(s.keys))]
	src, _, _ := strings.Cut(a, ":")
	typ := s.pick([]string{"parent_of", "partner_of", "carer_of"})
	for _, w := range s.worlds {
		w.Relate(src, a, typ, b)
	}
	s.rels = append(s.rels, [3]string{a, typ, b})
	if len(s.rels) > 3 && s.rng.IntN(2) == 0 {
		r := s.rels[s.rng.IntN(len(s.rels))]
		for _, w := range s.worlds {
			w.EndRelationship(r[0], r[1], r[2])
		}
	}
}

func TestIncrementalEqualsFull(t *testing.T) {
	for seed := uint64(1); seed <= 3; seed++ {
		t.Run(fmt.Sprint("seed", seed), func(t *testing.T) {
			inc, full := goldentest.New(t), goldentest.New(t)
			s := &sim{rng: rand.New(rand.NewPCG(seed, 42)), group: map[string]int{}, worlds: []*goldentest.World{inc, full}}
			var first []goldentest.Rec
			for i := 0; i < 40; i++ {
				k := s.newKey()
				s.keys = append(s.keys, k)
				s.group[k] = s.rng.IntN(25)
				first = append(first, s.record(k))
			}
			s.put(first...)
			for i := 0; i < 6; i++ {
				s.relate()
			}
			s.cluster()
			everID := map[string]bool{}
			for round := 0; round < 6; round++ {
				if round > 0 {
					s.round(round)
				}
				before := inc.Snapshot(record.Person)
				inc.Build(record.Person)
				full.ResetGolden()
				full.Build(record.Person)
				a, b := inc.State(record.Person), full.State(record.Person)
				if strings.Join(a, "\n") != strings.Join(b, "\n") {
					t.Fatalf("round %d: incremental and full differ:\nincremental:\n%s\nfull:\n%s", round, strings.Join(a, "\n"), strings.Join(b, "\n"))
				}
				a, b = inc.Derived(), full.Derived()
				if strings.Join(a, "\n") != strings.Join(b, "\n") {
					t.Fatalf("round %d: households and relationships differ:\nincremental:\n%s\nfull:\n%s", round, strings.Join(a, "\n"), strings.Join(b, "\n"))
				}
				if round == 5 && len(a) < 5 {
					t.Errorf("only %d households and relationships: the test exercises too little", len(a))
				}
				// A second build with nothing new changes nothing.
				inc.Build(record.Person)
				if after := inc.Snapshot(record.Person); round > 0 && after == before {
					t.Logf("round %d changed nothing", round)
				}
				if again := inc.Snapshot(record.Person); again != inc.Snapshot(record.Person) {
					t.Fatal("snapshot unstable")
				}
				// Every id ever issued still resolves.
				rows, err := inc.St.DB.Query(`SELECT golden_id FROM golden_records`)
				if err != nil {
					t.Fatal(err)
				}
				for rows.Next() {
					var id string
					rows.Scan(&id)
					everID[id] = true
				}
				rows.Close()
				for id := range everID {
					r, err := golden.Resolve(inc.Ctx, inc.St.DB, id)
					if err != nil {
						t.Fatalf("round %d: %s does not resolve: %v", round, id, err)
					}
					if r.Retired && len(r.Destinations) == 0 && len(r.Deleted) == 0 {
						t.Errorf("round %d: retired %s leads nowhere: %+v", round, id, r)
					}
					for _, d := range r.Destinations {
						if dr, err := golden.Resolve(inc.Ctx, inc.St.DB, d); err != nil || dr.Retired {
							t.Errorf("round %d: %s leads to %s, which is not active (%v)", round, id, d, err)
						}
					}
				}
			}
		})
	}
}

func TestSameInputTwiceChangesNothing(t *testing.T) {
	w := goldentest.New(t)
	s := &sim{rng: rand.New(rand.NewPCG(7, 7)), group: map[string]int{}, worlds: []*goldentest.World{w}}
	var recs []goldentest.Rec
	for i := 0; i < 30; i++ {
		k := s.newKey()
		s.keys = append(s.keys, k)
		s.group[k] = s.rng.IntN(12)
		recs = append(recs, s.record(k))
	}
	s.put(recs...)
	s.cluster()
	w.Build(record.Person)
	before := w.Snapshot(record.Person)
	var hist int
	w.St.DB.QueryRow(`SELECT count(*) FROM golden_history`).Scan(&hist)
	// The matching engine re-runs and writes the same clustering again.
	s.cluster()
	rep := w.Build(record.Person)
	if rep.Created+rep.Updated+rep.Retired != 0 {
		t.Errorf("report = %+v", rep)
	}
	if after := w.Snapshot(record.Person); after != before {
		t.Errorf("golden records changed:\n%s\nwant\n%s", after, before)
	}
	var hist2 int
	w.St.DB.QueryRow(`SELECT count(*) FROM golden_history`).Scan(&hist2)
	if hist2 != hist {
		t.Errorf("history grew from %d to %d rows", hist, hist2)
	}
}
