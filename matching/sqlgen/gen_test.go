package sqlgen

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/council/golden/matching/spec"
	"github.com/council/golden/record"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// render writes a query with its arguments, as the golden files hold it.
func render(q Query) string {
	var b strings.Builder
	b.WriteString(q.SQL)
	b.WriteString("\n-- args:")
	for i, a := range q.Args {
		fmt.Fprintf(&b, "\n-- $%d = %#v", i+1, a)
	}
	b.WriteString("\n")
	return b.String()
}

func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name+".sql")
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update)", err)
	}
	if string(want) != got {
		t.Errorf("%s differs from the golden file (run go test -update after checking):\n%s", path, got)
	}
}

func TestGeneratedSQL(t *testing.T) {
	for _, kind := range record.Kinds {
		s, err := spec.Default(kind)
		if err != nil {
			t.Fatal(err)
		}
		if kind == record.Person {
			// An attribute, to pin how attributes are read.
			s.Comparisons = append(s.Comparisons, spec.Comparison{Name: "attr.ref", Column: "attr.ref",
				Levels: []spec.Level{{Kind: spec.Exact, Column: "attr.ref", Label: "exact"}, {Kind: spec.Else, Column: "attr.ref", Label: "else"}}})
		}
		g := &Gen{D: DuckDB{}, Spec: s, T: DefaultTables}
		w := Weights{PriorLogit: -10}
		for _, c := range s.Comparisons {
			lw := make([]float64, len(c.Levels))
			tu := make([]float64, len(c.Levels))
			for j := range c.Levels {
				lw[Gamma(c, j)] = float64(len(c.Levels) - 2*j)
				if c.Levels[j].TF {
					tu[Gamma(c, j)] = 0.01
				}
			}
			w.Level = append(w.Level, lw)
			w.TFU = append(w.TFU, tu)
		}
		// A sample as training takes it when rules find more pairs than
		// Training.MaxPairs: rule 2 halved, rule 3 (no training) quartered.
		smp := Sample{Seed: 1}
		for i, r := range EffectiveRules(s) {
			f := 1.0
			switch i {
			case 2:
				f = 0.5
			case 3:
				f = 0.25
			}
			smp.Fraction = append(smp.Fraction, f)
			smp.Train = append(smp.Train, !r.NoTrain && i != 3)
		}
		cases := map[string]Query{
			"base":            g.Base(string(kind), 3, TFFloor{"given": 1e-4, "family": 1e-4, "pc": 1e-4, "biz_name": 1e-4}),
			"candidates":      g.Candidates(false),
			"incremental":     g.Candidates(true),
			"gammas":          g.Gammas(Sample{}),
			"patterns":        g.PatternCounts(Sample{}),
			"gammas_sample":   g.Gammas(smp),
			"patterns_sample": g.PatternCounts(smp),
			"rule_counts":     g.RuleCounts(),
			"random":          g.RandomPatterns(1000, 1),
			"score":           g.Score("_m_scored", w, 0.3, 0.01),
		}
		if kind != record.Person {
			// The other kinds share the code paths: pin their spec-specific
			// queries only.
			for _, n := range []string{"incremental", "gammas", "patterns", "random", "base", "gammas_sample", "patterns_sample", "rule_counts"} {
				delete(cases, n)
			}
		}
		for name, q := range cases {
			t.Run(string(kind)+"/"+name, func(t *testing.T) {
				if n := strings.Count(q.SQL, "$"); n < len(q.Args) {
					t.Errorf("%d placeholders for %d arguments", n, len(q.Args))
				}
				for i := range q.Args {
					if !strings.Contains(q.SQL, fmt.Sprintf("$%d", i+1)) {
						t.Errorf("argument $%d is never used", i+1)
					}
				}
				golden(t, string(kind)+"_"+name, render(q))
			})
		}
	}
}

// TestValuesAreNeverInlined: a hostile value in the spec reaches the SQL
// only as a bound argument, and a hostile identifier only quoted.
func TestValuesAreNeverInlined(t *testing.T) {
	s, _ := spec.Default(record.Person)
	evil := `x'); DROP TABLE source_records; --`
	s.Deterministic = []spec.Rule{{Name: evil, Equal: []string{"nhs"}}}
	s.Blocking = append(s.Blocking, spec.BlockingRule{Name: evil + "2", Keys: []spec.Key{{Column: "attr." + `a"b`}}})
	g := &Gen{D: DuckDB{}, Spec: s, T: DefaultTables}
	for _, q := range []Query{g.Candidates(false), g.Gammas(Sample{}), g.Base("person", 0, nil)} {
		if strings.Contains(q.SQL, "DROP TABLE") {
			t.Fatalf("a value was pasted into SQL:\n%s", q.SQL)
		}
	}
	q := g.Candidates(false)
	if !strings.Contains(q.SQL, `"attr.a""b"`) {
		t.Errorf("identifier not quoted:\n%s", q.SQL)
	}
}

func BenchmarkGenerate(b *testing.B) {
	s, _ := spec.Default(record.Person)
	g := &Gen{D: DuckDB{}, Spec: s, T: DefaultTables}
	w := Weights{}
	for _, c := range s.Comparisons {
		w.Level = append(w.Level, make([]float64, len(c.Levels)))
		w.TFU = append(w.TFU, make([]float64, len(c.Levels)))
	}
	for b.Loop() {
		g.Candidates(false)
		g.Score("_m_scored", w, 0.3, 0.01)
	}
}
