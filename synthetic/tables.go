package synthetic

import (
	"bufio"
	"bytes"
	_ "embed"
	"fmt"
	"sort"
	"strconv"
	"strings"
)

//go:embed data/given_names.txt
var givenNamesTxt []byte

//go:embed data/surnames.txt
var surnamesTxt []byte

//go:embed data/streets.txt
var streetsTxt []byte

//go:embed data/business.txt
var businessTxt []byte

// weighted is a list of strings with cumulative weights, drawn in O(log n).
type weighted struct {
	items []string
	cum   []float64
}

func (w *weighted) add(s string, weight float64) {
	total := 0.0
	if n := len(w.cum); n > 0 {
		total = w.cum[n-1]
	}
	w.items = append(w.items, s)
	w.cum = append(w.cum, total+weight)
}

func (w *weighted) pick(r *rng) string {
	x := r.Float64() * w.cum[len(w.cum)-1]
	i := sort.SearchFloat64s(w.cum, x)
	if i >= len(w.items) {
		i = len(w.items) - 1
	}
	return w.items[i]
}

// rankWeight is the weight of the name at rank i (0-based): Zipf-like.
func rankWeight(i int) float64 { return 100 / float64(i+4) }

type cohort struct {
	start int // first birth year of the cohort
	f, m  weighted
}

type trade struct {
	word        string
	sic         string
	description string
	rvMin       int
	rvMax       int
}

// tables are the embedded name, street and trade tables, parsed once per
// Generate call (they are small) so that nothing is package-level state.
type tables struct {
	cohorts    []cohort // ascending start year
	surnames   weighted
	stems      []string
	types      weighted
	localities []string
	named      []string
	blocks     []string
	trades     []trade
}

func loadTables() (*tables, error) {
	t := &tables{}
	var extraF, extraM []string
	err := eachLine(givenNamesTxt, func(line string) error {
		f := strings.Fields(line)
		if len(f) < 3 {
			return fmt.Errorf("given_names: short line")
		}
		if f[0] == "*" {
			if f[1] == "F" {
				extraF = append(extraF, f[2:]...)
			} else {
				extraM = append(extraM, f[2:]...)
			}
			return nil
		}
		year, err := strconv.Atoi(f[0])
		if err != nil {
			return fmt.Errorf("given_names: cohort year: %w", err)
		}
		if len(t.cohorts) == 0 || t.cohorts[len(t.cohorts)-1].start != year {
			t.cohorts = append(t.cohorts, cohort{start: year})
		}
		c := &t.cohorts[len(t.cohorts)-1]
		w := &c.f
		if f[1] == "M" {
			w = &c.m
		}
		for i, n := range f[2:] {
			w.add(n, rankWeight(i))
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	for i := range t.cohorts {
		for _, n := range extraF {
			t.cohorts[i].f.add(n, rankWeight(20)/4)
		}
		for _, n := range extraM {
			t.cohorts[i].m.add(n, rankWeight(20)/4)
		}
	}
	rank := 0
	if err := eachLine(surnamesTxt, func(line string) error {
		for _, n := range strings.Fields(line) {
			t.surnames.add(n, 100/float64(rank+12))
			rank++
		}
		return nil
	}); err != nil {
		return nil, err
	}
	if err := eachLine(streetsTxt, func(line string) error {
		key, rest, ok := strings.Cut(line, ":")
		if !ok {
			return fmt.Errorf("streets: line without a key")
		}
		switch key {
		case "stems":
			t.stems = strings.Fields(rest)
		case "localities":
			t.localities = strings.Fields(rest)
		case "named_houses":
			t.named = strings.Split(strings.TrimSpace(rest), "|")
		case "blocks":
			t.blocks = strings.Split(strings.TrimSpace(rest), "|")
		case "types":
			for _, f := range strings.Fields(rest) {
				name, w, _ := strings.Cut(f, ":")
				x, err := strconv.ParseFloat(w, 64)
				if err != nil {
					return fmt.Errorf("streets: type weight: %w", err)
				}
				t.types.add(name, x)
			}
		}
		return nil
	}); err != nil {
		return nil, err
	}
	if err := eachLine(businessTxt, func(line string) error {
		p := strings.Split(line, "|")
		if len(p) != 4 {
			return fmt.Errorf("business: want 4 fields")
		}
		lo, hi, _ := strings.Cut(p[3], "-")
		a, err1 := strconv.Atoi(lo)
		b, err2 := strconv.Atoi(hi)
		if err1 != nil || err2 != nil {
			return fmt.Errorf("business: bad rateable value range")
		}
		t.trades = append(t.trades, trade{p[0], p[1], p[2], a, b})
		return nil
	}); err != nil {
		return nil, err
	}
	if len(t.cohorts) == 0 || len(t.surnames.items) == 0 || len(t.stems) == 0 || len(t.trades) == 0 || len(t.types.items) == 0 {
		return nil, fmt.Errorf("synthetic: embedded tables are incomplete")
	}
	return t, nil
}

func eachLine(b []byte, fn func(string) error) error {
	sc := bufio.NewScanner(bytes.NewReader(b))
	n := 0
	for sc.Scan() {
		n++
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		if err := fn(line); err != nil {
			return fmt.Errorf("line %d: %w", n, err)
		}
	}
	return sc.Err()
}

// givenName draws a given name for someone of sex born in year.
func (t *tables) givenName(r *rng, sex byte, year int) string {
	c := &t.cohorts[0]
	for i := range t.cohorts {
		if t.cohorts[i].start <= year {
			c = &t.cohorts[i]
		}
	}
	if sex == 'F' {
		return c.f.pick(r)
	}
	return c.m.pick(r)
}
