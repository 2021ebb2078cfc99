package matching

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"github.com/council/golden/config"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/council/golden/matching/evaluate"
	"github.com/council/golden/matching/internal/testload"
	"github.com/council/golden/record"
	"github.com/council/golden/store"
)

const sharedData = "../../shared/data"

func openStore(t testing.TB) *store.Store {
	t.Helper()
	st, err := store.Open(context.Background(), filepath.Join(t.TempDir(), "g.duckdb"), store.Options{Threads: 2})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

func testLogger(t testing.TB) *slog.Logger {
	if os.Getenv("MATCH_LOG") != "" {
		return slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelInfo}))
	}
	return nil
}

// clustersByKey reads match_clusters as key → cluster id.
func clustersByKey(t testing.TB, st *store.Store, kind record.Kind) map[string]string {
	t.Helper()
	rows, err := st.DB.Query(`SELECT c.source || ':' || c.source_id, m.cluster_id FROM match_clusters m JOIN current_records c USING (rid) WHERE m.kind = $1`, string(kind))
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	out := map[string]string{}
	for rows.Next() {
		var k string
		var id int64
		rows.Scan(&k, &id)
		out[k] = fmt.Sprint(id)
	}
	return out
}

func truthByKey(ls []testload.Labelled) map[string]string {
	out := map[string]string{}
	for _, l := range ls {
		out[l.Rec.Key.String()] = l.Entity
	}
	return out
}

func TestRunWhyEvaluateExport(t *testing.T) {
	path := filepath.Join(sharedData, "febrl", "dataset1.csv")
	if _, err := os.Stat(path); err != nil {
		t.Skip("shared data not found")
	}
	ctx := context.Background()
	ls, err := testload.FEBRL(path)
	if err != nil {
		t.Fatal(err)
	}
	st := openStore(t)
	if _, err := testload.Insert(ctx, st, 1, testload.Records(ls)); err != nil {
		t.Fatal(err)
	}
	// A steward said these two (a true pair) are different people.
	if _, err := st.DB.Exec(`INSERT INTO link_constraints (kind, a_source, a_id, b_source, b_id, rule, origin)
		VALUES ('person', 'febrl', 'rec-95-org', 'febrl', 'rec-95-dup-0', 'cannot-link', 'steward')`); err != nil {
		t.Fatal(err)
	}
	rep, err := Run(ctx, st, nil, record.Person, Options{RunID: 1, Logger: testLogger(t)})
	if err != nil {
		t.Fatal(err)
	}
	if !rep.Trained || rep.Records != 1000 || rep.Clusters == 0 || rep.CandidatePairs == 0 {
		t.Fatalf("report: %+v", rep)
	}
	got := clustersByKey(t, st, record.Person)
	if len(got) != 1000 {
		t.Fatalf("%d records clustered, want every one", len(got))
	}
	if got["febrl:rec-95-org"] == got["febrl:rec-95-dup-0"] {
		t.Error("a cannot-link pair is in one cluster")
	}
	truth := truthByKey(ls)
	s := evaluate.Pairwise(truth, got)
	if s.F1 < 0.99 {
		t.Errorf("F1 = %.4f", s.F1)
	}

	// why: the waterfall adds up and the constraint shows.
	ex, err := Why(ctx, st, nil, record.Key{Source: "febrl", SourceID: "rec-95-org"}, record.Key{Source: "febrl", SourceID: "rec-95-dup-0"})
	if err != nil {
		t.Fatal(err)
	}
	sum := ex.PriorWeight
	for _, s := range ex.Steps {
		sum += s.Weight + s.TFAdjustment
	}
	if d := sum - ex.MatchWeight; d > 1e-9 || d < -1e-9 || ex.BlockingRule == "" || ex.Constraint != "cannot-link" || ex.SameCluster {
		t.Errorf("why: %+v", ex)
	}
	// The SQL score of the pair equals the waterfall's.
	pairs, err := CandidatePairs(ctx, st, nil, record.Person)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range pairs {
		if p.RidA == ex.RidA && p.RidB == ex.RidB {
			if d := p.Weight - ex.MatchWeight; d > 1e-6 || d < -1e-6 {
				t.Errorf("SQL weight %.6f, waterfall %.6f", p.Weight, ex.MatchWeight)
			}
		}
	}
	if _, err := Why(ctx, st, nil, record.Key{Source: "febrl", SourceID: "nope"}, record.Key{Source: "febrl", SourceID: "rec-95-org"}); !errors.Is(err, ErrRecordNotFound) {
		t.Errorf("why of an unknown record: %v", err)
	}

	// evaluate: the same figures as computed here.
	entities := map[record.Key]string{}
	for _, l := range ls {
		entities[l.Rec.Key] = l.Entity
	}
	er, err := Evaluate(ctx, st, nil, record.Person, Truth{Entities: entities}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if er.Pairwise.F1 != s.F1 || er.TruePairs != 500 || er.BlockingRecall < 0.99 || len(er.Sweep) != len(DefaultSweep) {
		t.Errorf("evaluate: %+v", er)
	}

	// export: one row per record.
	var buf bytes.Buffer
	n, err := ExportClusters(ctx, st.DB, &buf, record.Person, "csv")
	if err != nil || n != 1000 || strings.Count(buf.String(), "\n") != 1001 {
		t.Errorf("export: %d rows, %v", n, err)
	}
}

func debugMisses(t *testing.T, st *store.Store, ls []testload.Labelled, kind record.Kind) {
	debugMissesCfg(t, st, nil, ls, kind)
}

func debugMissesCfg(t *testing.T, st *store.Store, cfg *config.Config, ls []testload.Labelled, kind record.Kind) {
	ctx := context.Background()
	pairs, err := CandidatePairs(ctx, st, cfg, kind)
	if err != nil {
		t.Fatal(err)
	}
	truth := truthByKey(ls)
	var cand []evaluate.Pair
	var sp []evaluate.ScoredPair
	got := map[evaluate.Pair]float64{}
	for _, p := range pairs {
		pp := evaluate.MakePair(p.A.String(), p.B.String())
		cand = append(cand, pp)
		sp = append(sp, evaluate.ScoredPair{Pair: pp, P: p.Probability})
		got[pp] = p.Probability
	}
	r, found, all := evaluate.BlockingRecall(truth, cand)
	t.Logf("blocking recall %.4f (%d of %d)", r, found, all)
	for _, row := range evaluate.Sweep(truth, sp, []float64{0.01, 0.1, 0.5, 0.9, 0.99}) {
		t.Logf("sweep %+v", row)
	}
	if os.Getenv("MATCH_DEBUG") == "" {
		return
	}
	byKey := map[string]record.Record{}
	ent := map[string][]string{}
	for _, l := range ls {
		byKey[l.Rec.Key.String()] = l.Rec
		ent[l.Entity] = append(ent[l.Entity], l.Rec.Key.String())
	}
	n := 0
	for _, ks := range ent {
		for i := range ks {
			for j := i + 1; j < len(ks); j++ {
				pp := evaluate.MakePair(ks[i], ks[j])
				if p, ok := got[pp]; !ok || p < 0.9 {
					if n < 30 {
						t.Logf("miss p=%v %v\n   %v", p, byKey[pp.A].Values, byKey[pp.B].Values)
					}
					n++
				}
			}
		}
	}
}
