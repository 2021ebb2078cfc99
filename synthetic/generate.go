// Package synthetic builds a synthetic city — its gazetteer, households,
// people and businesses — and the extracts that the city's legacy systems
// would produce from it, each in its own format and with its own errors,
// together with the ground truth: the true entity behind every source record
// and the true relationships. It is deterministic for a seed and streams
// every row to its file, so memory does not grow with the city.
package synthetic

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"time"
)

// Version changes whenever the generator's output for a seed changes, so
// that caches of generated cities can tell they are stale.
const Version = "4"

// Options say what city to build.
type Options struct {
	People  int       // residents to generate (at least 1)
	Seed    int64     // the same seed gives the same bytes
	Council string    // council name in golden.yaml and file headers (default "Demo City Council")
	Town    string    // post town (default "Demo City")
	AsOf    time.Time // the extracts' date (default 2026-09-30)
	// Governance and Survivorship, when set, are written into golden.yaml
	// as its governance: and survivorship: files (relative to golden.yaml);
	// the generator does not write those files.
	Governance   string
	Survivorship string
}

// Summary says what was generated.
type Summary struct {
	People        int                       `json:"people"`
	Households    int                       `json:"households"`
	Properties    int                       `json:"properties"`
	Businesses    int                       `json:"businesses"`
	Rows          map[string]int            `json:"rows"`          // per source
	Corrupt       map[string]int            `json:"corrupt"`       // rows deliberately unreadable, per source
	Errors        map[string]map[string]int `json:"errors"`        // mistakes made, per source and kind
	Relationships int                       `json:"relationships"` // true relationships
	Elapsed       time.Duration             `json:"elapsed_ns"`
}

// Files written by Generate, besides the extracts.
const (
	TruthFile         = "truth.csv"
	RelationshipsFile = "truth_relationships.csv"
	CorruptFile       = "truth_corrupt.csv"
	ConfigFile        = "golden.yaml"
)

// sink receives the city as it is built; every system is one.
type sink interface {
	household(h *household) error
	business(b *business) error
	finish() error
}

// system is one legacy system's extract.
type system interface {
	sink
	yaml() string // its golden.yaml source entries
}

// world is the shared state of one Generate call.
type world struct {
	opts    Options
	seed    uint64
	dir     string
	t       *tables
	truth   *file
	rels    *file
	corrupt *file
	sum     *Summary
	city    *city
	cleanup func(*xlsxWriter) // registers a workbook to abort if the run fails
}

func (w *world) streetList() []*street { return w.city.streets }

// tally is the mistake counter of a source.
func (w *world) tally(source string) map[string]int {
	t := w.sum.Errors[source]
	if t == nil {
		t = map[string]int{}
		w.sum.Errors[source] = t
	}
	return t
}

func (w *world) addTruth(source, id, kind, entity string) {
	writeRow(w.truth.w, ',', source, id, kind, entity)
	w.sum.Rows[source]++
}

func (w *world) addRel(typ, from, to string, validFrom, validTo time.Time) {
	writeRow(w.rels.w, ',', typ, from, to, isoDate(validFrom), isoDate(validTo))
	w.sum.Relationships++
}

func (w *world) addCorrupt(source string, line int, id, defect string) {
	writeRow(w.corrupt.w, ',', source, fmt.Sprint(line), id, defect)
	w.sum.Corrupt[source]++
}

// Generate writes the city's extracts, golden.yaml and the truth files to dir.
func Generate(ctx context.Context, dir string, opts Options) (*Summary, error) {
	start := time.Now()
	if opts.People < 1 {
		return nil, fmt.Errorf("synthetic: people must be at least 1")
	}
	if opts.Council == "" {
		opts.Council = "Demo City Council"
	}
	if opts.Town == "" {
		opts.Town = "Demo City"
	}
	if opts.AsOf.IsZero() {
		opts.AsOf = date(2026, 9, 30)
	}
	t, err := loadTables()
	if err != nil {
		return nil, err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("synthetic: %w", err)
	}
	w := &world{opts: opts, seed: uint64(opts.Seed), dir: dir, t: t,
		sum: &Summary{Rows: map[string]int{}, Corrupt: map[string]int{}, Errors: map[string]map[string]int{}}}
	var files []*file
	open := func(name string) (*file, error) {
		f, err := createFile(dir, name)
		if err == nil {
			files = append(files, f)
		}
		return f, err
	}
	var xlsxs []*xlsxWriter
	w.cleanup = func(x *xlsxWriter) { xlsxs = append(xlsxs, x) }
	done := false
	defer func() {
		for _, f := range files {
			f.close()
		}
		if !done { // a failed or cancelled run leaves no temporary files behind
			os.Remove(filepath.Join(dir, gazetteerTmp))
			for _, x := range xlsxs {
				x.abort()
			}
		}
	}()
	if w.truth, err = open(TruthFile); err != nil {
		return nil, err
	}
	w.truth.w.WriteString("source,source_id,kind,entity_id\n")
	if w.rels, err = open(RelationshipsFile); err != nil {
		return nil, err
	}
	w.rels.w.WriteString("type,from_entity,to_entity,valid_from,valid_to\n")
	if w.corrupt, err = open(CorruptFile); err != nil {
		return nil, err
	}
	w.corrupt.w.WriteString("source,line,source_id,defect\n")

	gaz, err := newGazetteer(w, open)
	if err != nil {
		return nil, err
	}
	systems := []system{gaz}
	for i, mk := range systemMakers {
		s, err := mk(w, open, saltSystem+uint64(i))
		if err != nil {
			return nil, err
		}
		systems = append(systems, s)
	}

	c := newCity(t, w.seed, opts.Town, opts.AsOf, gaz.property)
	w.city = c
	pg := &people{t: t, seed: w.seed, asOf: opts.AsOf, r: newRNG()}
	bg := &businesses{t: t, seed: w.seed, asOf: opts.AsOf, r: newRNG(), usedName: map[string]int{}}
	surname := func(r *rng) string { return t.surnames.pick(r) }
	nextBusiness := 0
	for pg.nextID < opts.People {
		if pg.nextHH%256 == 0 {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
		}
		h, err := pg.household(c)
		if err != nil {
			return nil, err
		}
		w.sum.Households++
		w.householdTruth(h)
		for _, s := range systems {
			if err := s.household(h); err != nil {
				return nil, err
			}
		}
		// About one business for every 25 residents.
		for nextBusiness*25 < pg.nextID {
			nextBusiness++
			b, err := bg.next(c, surname)
			if err != nil {
				return nil, err
			}
			w.sum.Businesses++
			for i, p := range b.premises {
				since := b.since
				if i > 0 {
					since = since.AddDate(1, 0, 0)
				}
				w.addRel("occupies", b.entity(), p.entity(), since, time.Time{})
			}
			for _, s := range systems {
				if err := s.business(b); err != nil {
					return nil, err
				}
			}
		}
	}
	w.sum.People = pg.nextID
	for _, s := range systems {
		if err := s.finish(); err != nil {
			return nil, err
		}
	}
	w.sum.Properties = gaz.count
	for _, f := range files {
		if err := f.close(); err != nil {
			return nil, err
		}
	}
	if err := writeConfig(w, systems); err != nil {
		return nil, err
	}
	if err := writeReadme(w); err != nil {
		return nil, err
	}
	done = true
	w.sum.Elapsed = time.Since(start)
	return w.sum, nil
}

// householdTruth records the household's true relationships.
func (w *world) householdTruth(h *household) {
	for _, m := range h.members {
		if h.prev != nil {
			w.addRel("lives_at", m.entity(), h.prev.entity(), time.Time{}, h.moved.AddDate(0, 0, -1))
		}
		w.addRel("lives_at", m.entity(), h.home.entity(), h.since, time.Time{})
	}
	for _, p := range h.partners {
		w.addRel("partner_of", h.members[p[0]].entity(), h.members[p[1]].entity(), time.Time{}, time.Time{})
	}
	for _, p := range h.parents {
		w.addRel("parent_of", h.members[p[0]].entity(), h.members[p[1]].entity(), time.Time{}, time.Time{})
	}
}

func writeConfig(w *world, systems []system) error {
	var b bytes.Buffer
	fmt.Fprintf(&b, `# golden.yaml for a synthetic council, written by golden generate
# (seed %d, %d people). Every extract beside this file is synthetic: the
# people, properties and businesses are invented. truth.csv gives the true
# entity behind every source record.
version: 1
council: %s
store: {path: golden.duckdb}
sources:
`, w.opts.Seed, w.sum.People, w.opts.Council)
	for _, s := range systems {
		b.WriteString(s.yaml())
	}
	if w.opts.Survivorship != "" {
		fmt.Fprintf(&b, "\nsurvivorship: %s\n", yamlString(w.opts.Survivorship))
	}
	if w.opts.Governance != "" {
		fmt.Fprintf(&b, "\ngovernance: %s\n", yamlString(w.opts.Governance))
	}
	if err := os.WriteFile(filepath.Join(w.dir, ConfigFile), b.Bytes(), 0o644); err != nil {
		return fmt.Errorf("synthetic: write %s: %w", ConfigFile, err)
	}
	return nil
}

// yamlString quotes s as a YAML double-quoted scalar (JSON strings are valid YAML).
func yamlString(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

// SourceNames lists the sources a generated golden.yaml defines, sorted.
func (s *Summary) SourceNames() []string {
	out := make([]string, 0, len(s.Rows))
	for k := range s.Rows {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
