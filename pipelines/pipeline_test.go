package pipelines

import (
	"context"
	"encoding/csv"
	"os"
	"path/filepath"
	"testing"

	"github.com/council/golden/config"
	"github.com/council/golden/record"
	"github.com/council/golden/store"
)

const demoDir = "../testdata/demo"

func openStore(t *testing.T) *store.Store {
	t.Helper()
	st, err := store.Open(context.Background(), filepath.Join(t.TempDir(), "g.duckdb"), store.Options{Threads: 2})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

func loadConfig(t *testing.T, path string) *config.Config {
	t.Helper()
	cfg, err := config.Load(path)
	if err != nil {
		t.Fatal(err)
	}
	return cfg
}

// TestDemoCouncil runs the whole chain on the demo council and checks the
// figures against its ground truth: every row read is stored or
// quarantined, exactly the rows corrupted on purpose are quarantined, and
// the golden records are accurate.
func TestDemoCouncil(t *testing.T) {
	ctx := context.Background()
	cfg := loadConfig(t, filepath.Join(demoDir, "golden.yaml"))
	st := openStore(t)
	rep, err := Run(ctx, cfg, st, Options{})
	if err != nil {
		t.Fatalf("run: %v", err)
	}
	if rep.Status != "warnings" {
		t.Errorf("status %q, want warnings (the demo quarantines rows on purpose)", rep.Status)
	}

	truth := readTruth(t, filepath.Join(demoDir, "truth.csv"))
	perSource := map[string]int64{}
	for _, row := range truth {
		perSource[row.source]++
	}
	corrupt := map[string]int64{}
	for _, row := range readCSV(t, filepath.Join(demoDir, "truth_corrupt.csv")) {
		corrupt[row["source"]]++
	}
	for _, s := range rep.Ingest.Sources {
		if s.Read != s.Stored+s.Quarantined {
			t.Errorf("source %s: read %d ≠ stored %d + quarantined %d", s.Name, s.Read, s.Stored, s.Quarantined)
		}
		if s.Stored != perSource[s.Name] {
			t.Errorf("source %s: stored %d records, truth has %d", s.Name, s.Stored, perSource[s.Name])
		}
		if s.Quarantined != corrupt[s.Name] {
			t.Errorf("source %s: quarantined %d rows, %d were corrupted on purpose", s.Name, s.Quarantined, corrupt[s.Name])
		}
	}

	for kind, acc := range Accuracy(ctx, t, st, filepath.Join(demoDir, "truth.csv")) {
		t.Logf("%s: precision %.3f recall %.3f F1 %.3f (%d true pairs, %d predicted)", kind, acc.Precision, acc.Recall, acc.F1, acc.TruePairs, acc.Predicted)
		want := demoTargets[kind]
		if acc.Precision < want.precision || acc.Recall < want.recall {
			t.Errorf("%s: precision %.3f recall %.3f, want at least %.2f and %.2f", kind, acc.Precision, acc.Recall, want.precision, want.recall)
		}
	}

	// The golden person `make demo` shows (the one with the most source
	// records) is one true person: every record behind it has one entity.
	var members, entities int
	err = st.DB.QueryRow(`WITH g AS (SELECT golden_id FROM golden_records WHERE kind = 'person' AND status = 'active'
			ORDER BY member_count DESC, golden_id LIMIT 1)
		SELECT count(*), count(DISTINCT t.entity_id) FROM golden_members m JOIN g USING (golden_id)
		JOIN read_csv($1, all_varchar = true) t USING (source, source_id)`, filepath.Join(demoDir, "truth.csv")).Scan(&members, &entities)
	if err != nil {
		t.Fatal(err)
	}
	if members < 2 || entities != 1 {
		t.Errorf("the largest golden person has %d source records of %d true people, want one person", members, entities)
	}
}

// Accuracy the demo council must reach, pairwise against its ground truth,
// so that a change that makes matching worse fails here. Property recall is
// low: the business-rates properties carry no UPRN and their one-line
// addresses rarely meet the gazetteer's (see the closing notes).
var demoTargets = map[record.Kind]struct{ precision, recall float64 }{
	record.Person:   {0.95, 0.90},
	record.Property: {0.95, 0.45},
	record.Business: {0.90, 0.75},
}

// TestRerunChangesNothing: the same extracts twice change no golden record,
// no version and no id.
func TestRerunChangesNothing(t *testing.T) {
	ctx := context.Background()
	cfg := loadConfig(t, filepath.Join(demoDir, "golden.yaml"))
	st := openStore(t)
	if _, err := Run(ctx, cfg, st, Options{}); err != nil {
		t.Fatalf("first run: %v", err)
	}
	before := goldenState(t, st)
	rep, err := Run(ctx, cfg, st, Options{})
	if err != nil {
		t.Fatalf("second run: %v", err)
	}
	for _, s := range rep.Ingest.Sources {
		if s.New+s.Changed+s.Deleted != 0 {
			t.Errorf("second run, source %s: %d new, %d changed, %d deleted; want none", s.Name, s.New, s.Changed, s.Deleted)
		}
	}
	for _, g := range rep.Golden {
		if g.Created+g.Updated+g.Merged+g.Split+g.Retired != 0 {
			t.Errorf("second run, %s: %+v; want nothing changed", g.Kind, *g)
		}
	}
	after := goldenState(t, st)
	if len(before) != len(after) {
		t.Fatalf("golden records: %d before, %d after", len(before), len(after))
	}
	for id, v := range before {
		if after[id] != v {
			t.Errorf("golden record %s changed on a re-run", id)
		}
	}
}

// goldenState is each golden id's status, version and members, as text.
func goldenState(t *testing.T, st *store.Store) map[string]string {
	t.Helper()
	rows, err := st.DB.Query(`SELECT g.golden_id, g.status || ' v' || g.version || ' ' ||
		coalesce((SELECT string_agg(m.source || ':' || m.source_id, ',' ORDER BY m.source, m.source_id)
		          FROM golden_members m WHERE m.golden_id = g.golden_id), '')
		FROM golden_records g`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	out := map[string]string{}
	for rows.Next() {
		var id, v string
		if err := rows.Scan(&id, &v); err != nil {
			t.Fatal(err)
		}
		out[id] = v
	}
	return out
}

type truthRow struct{ source, sourceID, kind, entity string }

func readTruth(t *testing.T, path string) []truthRow {
	t.Helper()
	var out []truthRow
	for _, r := range readCSV(t, path) {
		out = append(out, truthRow{r["source"], r["source_id"], r["kind"], r["entity_id"]})
	}
	return out
}

func readCSV(t *testing.T, path string) []map[string]string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	var out []map[string]string
	for _, r := range recs[1:] {
		m := map[string]string{}
		for i, h := range recs[0] {
			m[h] = r[i]
		}
		out = append(out, m)
	}
	return out
}

// TestConfigCannotLinkIsHonoured: a cannot-link pair declared in golden.yaml
// keeps two records that matching would link apart, in every run.
func TestConfigCannotLinkIsHonoured(t *testing.T) {
	ctx := context.Background()
	base, err := os.ReadFile(filepath.Join(demoDir, "golden.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	// Two records of one resident that the default spec links (NI number).
	a, b := "housing_benefit:HB0000017/1", "housing_tenancy:T0000024-01"
	dir, _ := filepath.Abs(demoDir)
	text := string(base) + "\nconstraints:\n  - {kind: person, rule: cannot-link, a: \"" + a + "\", b: \"" + b + "\"}\n"
	path := filepath.Join(dir, "golden.yaml")
	cfg, err := config.Parse(path, []byte(text))
	if err != nil {
		t.Fatal(err)
	}
	st := openStore(t)
	same := func() bool {
		var n int
		if err := st.DB.QueryRow(`SELECT count(DISTINCT golden_id) FROM golden_members
			WHERE source || ':' || source_id IN (?, ?)`, a, b).Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n == 1
	}
	for run := 1; run <= 2; run++ {
		if _, err := Run(ctx, cfg, st, Options{}); err != nil {
			t.Fatalf("run %d: %v", run, err)
		}
		if same() {
			t.Fatalf("run %d: %s and %s are in one golden record despite the cannot-link", run, a, b)
		}
	}
	// Without the constraint they are one person again.
	plain := loadConfig(t, filepath.Join(demoDir, "golden.yaml"))
	if _, err := Run(ctx, plain, st, Options{Full: true}); err != nil {
		t.Fatalf("run without the constraint: %v", err)
	}
	if !same() {
		t.Errorf("%s and %s stay apart after the constraint was withdrawn", a, b)
	}
}
