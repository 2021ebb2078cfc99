package sqlgen

import (
	"strings"
	"testing"

	"github.com/council/golden/matching/spec"
	"github.com/council/golden/record"
)

// TestScoreRequire checks that a spec's require list caps the probability
// of pairs whose required comparisons do not favour a match, and that the
// test weighs only those comparisons.
func TestScoreRequire(t *testing.T) {
	s, err := spec.Default(record.Person)
	if err != nil {
		t.Fatal(err)
	}
	w := Weights{PriorLogit: -10}
	for i, c := range s.Comparisons {
		w.Level = append(w.Level, make([]float64, len(c.Levels)))
		w.TFU = append(w.TFU, make([]float64, len(c.Levels)))
		for g := range c.Levels {
			w.Level[i][g] = float64(100*i + g) // distinct, so each term is recognisable
		}
	}
	tests := []struct {
		name    string
		require []string
		capped  bool
	}{
		{"default", s.Require, true},
		{"none", nil, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s.Require = tt.require
			g := &Gen{D: DuckDB{}, Spec: s, T: DefaultTables}
			q := g.Score("_out", w, 0.3, 0.01)
			has := strings.Contains(q.SQL, "THEN least(")
			if has != tt.capped {
				t.Fatalf("capped %v, want %v:\n%s", has, tt.capped, q.SQL)
			}
			if !tt.capped {
				return
			}
			cond := q.SQL[strings.Index(q.SQL, "WHEN ("):strings.Index(q.SQL, "THEN least(")]
			for _, c := range s.Comparisons {
				in := strings.Contains(cond, `"`+GammaCol(c)+`"`)
				want := false
				for _, r := range tt.require {
					want = want || r == c.Name
				}
				if in != want {
					t.Errorf("comparison %s in the require test: %v, want %v", c.Name, in, want)
				}
			}
		})
	}
}

// TestScoreDistinctAndCross checks that a distinct comparison's else level
// holds a pair and that a cross level tests both directions.
func TestScoreDistinctAndCross(t *testing.T) {
	s, err := spec.Default(record.Business)
	if err != nil {
		t.Fatal(err)
	}
	s.Require = nil
	w := Weights{}
	for _, c := range s.Comparisons {
		w.Level = append(w.Level, make([]float64, len(c.Levels)))
		w.TFU = append(w.TFU, make([]float64, len(c.Levels)))
	}
	g := &Gen{D: DuckDB{}, Spec: s, T: DefaultTables}
	q := g.Score("_out", w, 0.3, 0)
	if !strings.Contains(q.SQL, `WHEN ("g.company_number" = 0) THEN least(`) {
		t.Errorf("distinct company number does not hold the pair:\n%s", q.SQL)
	}
	b := &builder{d: DuckDB{}}
	got := g.levelCond(b, spec.Level{Kind: spec.Cross, Column: "biz_name", Other: "trading"})
	want := `(l."biz_name" = r."trading" OR l."trading" = r."biz_name")`
	if got != want {
		t.Errorf("cross level: %s, want %s", got, want)
	}
}
