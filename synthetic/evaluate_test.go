package synthetic

import (
	"context"
	"math"
	"os"
	"path/filepath"
	"testing"

	"github.com/council/golden/record"
	"github.com/council/golden/store"
)

func TestPRF(t *testing.T) {
	tests := []struct {
		name                string
		tp, predicted, true int64
		p, r, f             float64
	}{
		{"perfect", 10, 10, 10, 1, 1, 1},
		{"half precision", 5, 10, 5, 0.5, 1, 2.0 / 3},
		{"half recall", 5, 5, 10, 1, 0.5, 2.0 / 3},
		{"nothing predicted", 0, 0, 4, 1, 0, 0},
		{"nothing to find", 0, 3, 0, 0, 1, 0},
		{"empty", 0, 0, 0, 1, 1, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, r, f := PRF(tt.tp, tt.predicted, tt.true)
			if math.Abs(p-tt.p) > 1e-9 || math.Abs(r-tt.r) > 1e-9 || math.Abs(f-tt.f) > 1e-9 {
				t.Errorf("PRF = %.3f %.3f %.3f, want %.3f %.3f %.3f", p, r, f, tt.p, tt.r, tt.f)
			}
		})
	}
}

// Evaluate counts pairs exactly: entity P1 has three records (3 true pairs),
// P2 two (1 pair), P3 one. The clustering puts P1's a and b together, P1's c
// with P2's two records, and P3 alone: predicted pairs 1 + 3 = 4, of which
// true 1 (a-b) + 1 (P2's pair) = 2; true pairs 4.
func TestEvaluate(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	st, err := store.Open(ctx, filepath.Join(dir, "e.duckdb"), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	records := []struct {
		rid       int64
		source    string
		id        string
		cluster   int64
		entity    string
		clustered bool
	}{
		{1, "ct", "a", 1, "P1", true},
		{2, "er", "b", 1, "P1", true},
		{3, "hb", "c", 3, "P1", true},
		{4, "ct", "d", 3, "P2", true},
		{5, "er", "e", 3, "P2", true},
		{6, "ct", "f", 6, "P3", true},
	}
	truth := "source,source_id,kind,entity_id\n"
	for _, r := range records {
		if _, err := st.DB.ExecContext(ctx, `INSERT INTO source_records (rid, source, source_id, kind, version, run_id, content_hash, is_current, deleted)
			VALUES ($1, $2, $3, 'person', 1, 1, 'h', true, false)`, r.rid, r.source, r.id); err != nil {
			t.Fatal(err)
		}
		if _, err := st.DB.ExecContext(ctx, `INSERT INTO match_clusters (kind, rid, cluster_id, run_id) VALUES ('person', $1, $2, 1)`, r.rid, r.cluster); err != nil {
			t.Fatal(err)
		}
		truth += r.source + "," + r.id + ",person," + r.entity + "\n"
	}
	// A truth row for a record that was never ingested is left out.
	truth += "xx,zz,person,P1\n" + "gaz,1,property,U1\n"
	path := filepath.Join(dir, "truth.csv")
	if err := os.WriteFile(path, []byte(truth), 0o644); err != nil {
		t.Fatal(err)
	}
	got, err := Evaluate(ctx, st.DB, path, record.Person)
	if err != nil {
		t.Fatal(err)
	}
	want := Accuracy{Kind: record.Person, Records: 6, Clustered: 6, Entities: 3, Clusters: 3, TruePairs: 4,
		PredictedPairs: 4, TruePositives: 2, Precision: 0.5, Recall: 0.5, F1: 0.5}
	if *got != want {
		t.Errorf("Evaluate = %+v\nwant       %+v", *got, want)
	}
}
