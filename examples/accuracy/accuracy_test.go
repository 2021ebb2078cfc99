// Package accuracy runs golden's matching on the labelled sets in
// ../shared/data exactly as a user would: each folder holds a golden.yaml
// with a column mapping (and at most a matching mode), the records are
// ingested through the connectors and matched with the default spec, and
// the clusters are scored against the truth. A test fails when pairwise F1
// drops below its target. Pairs that blocking never produced count as
// misses.
package accuracy

import (
	"context"
	"encoding/csv"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/council/golden/config"
	"github.com/council/golden/connectors"
	"github.com/council/golden/matching"
	"github.com/council/golden/matching/evaluate"
	"github.com/council/golden/record"
	"github.com/council/golden/store"
)

const data = "../../../shared/data"

// readTruth reads key column → entity column of a CSV file.
func readTruth(t *testing.T, path, key, entity string) map[string]string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	r := csv.NewReader(f)
	r.LazyQuotes = true
	r.TrimLeadingSpace = true
	r.FieldsPerRecord = -1
	head, err := r.Read()
	if err != nil {
		t.Fatal(err)
	}
	ki, ei := -1, -1
	for i, h := range head {
		if strings.TrimSpace(h) == key {
			ki = i
		}
		if strings.TrimSpace(h) == entity {
			ei = i
		}
	}
	if ki < 0 || ei < 0 {
		t.Fatalf("%s: no %s or %s column", path, key, entity)
	}
	out := map[string]string{}
	for {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		out[clean(rec[ki])] = clean(rec[ei])
	}
	return out
}

func clean(s string) string { return strings.Trim(strings.TrimSpace(s), `'"`) }

type set struct {
	dir    string
	kind   record.Kind
	target float64                              // pairwise F1; 0 = report only
	truth  func(t *testing.T) map[string]string // source:id → entity
}

func prefix(src string, m map[string]string) map[string]string {
	out := map[string]string{}
	for k, v := range m {
		out[src+":"+k] = v
	}
	return out
}

func febrlTruth(n int) func(t *testing.T) map[string]string {
	return func(t *testing.T) map[string]string {
		ids := readTruth(t, filepath.Join(data, "febrl", fmt.Sprintf("dataset%d.csv", n)), "rec_id", "rec_id")
		out := map[string]string{}
		for id := range ids {
			parts := strings.Split(id, "-")
			out["febrl:"+id] = parts[1]
		}
		return out
	}
}

var sets = []set{
	{"febrl1", record.Person, 0.995, febrlTruth(1)},
	{"febrl2", record.Person, 0.995, febrlTruth(2)},
	{"febrl3", record.Person, 0.995, febrlTruth(3)},
	{"splink_fake_1000", record.Person, 0.90, func(t *testing.T) map[string]string {
		return prefix("fake", readTruth(t, filepath.Join(data, "splink_fake_1000", "fake_1000.csv"), "unique_id", "cluster"))
	}},
	{"dedupe_restaurant", record.Business, 0.95, func(t *testing.T) map[string]string {
		a := prefix("fodors", readTruth(t, filepath.Join(data, "dedupe_restaurant", "restaurant-1.csv"), "unique_id", "unique_id"))
		for k, v := range prefix("zagat", readTruth(t, filepath.Join(data, "dedupe_restaurant", "restaurant-2.csv"), "unique_id", "unique_id")) {
			a[k] = v
		}
		return a
	}},
	{"dedupe_patstat", record.Business, 0, func(t *testing.T) map[string]string {
		return prefix("patstat", readTruth(t, filepath.Join(data, "dedupe_patstat", "patstat_reference.csv"), "person_id", "leuven_id"))
	}},
}

func TestAccuracy(t *testing.T) {
	if _, err := os.Stat(data); err != nil {
		t.Skipf("labelled sets not found at %s", data)
	}
	for _, s := range sets {
		t.Run(s.dir, func(t *testing.T) {
			ctx := context.Background()
			cfg, err := config.Load(filepath.Join(s.dir, "golden.yaml"))
			if err != nil {
				t.Fatal(err)
			}
			st, err := store.Open(ctx, filepath.Join(t.TempDir(), "g.duckdb"), store.Options{Threads: 2})
			if err != nil {
				t.Fatal(err)
			}
			defer st.Close()
			ing, err := connectors.Ingest(ctx, st, cfg, connectors.IngestOptions{})
			if err != nil {
				t.Fatal(err)
			}
			if q := ing.Quarantined(); q > 0 {
				t.Logf("ingest quarantined %d rows", q)
			}
			rep, err := matching.Run(ctx, st, cfg, s.kind, matching.Options{RunID: ing.RunID})
			if err != nil {
				t.Fatal(err)
			}
			predicted := clusters(t, st, s.kind)
			truth := s.truth(t)
			for k := range predicted {
				if _, ok := truth[k]; !ok {
					t.Fatalf("record %s has no truth: the loader and the truth disagree on ids", k)
				}
			}
			pw := evaluate.Pairwise(truth, predicted)
			b3 := evaluate.BCubed(truth, predicted)
			cl := evaluate.ClusterLevel(truth, predicted)
			t.Logf("%d records, %d candidate pairs, %d links: pairwise P %.4f R %.4f F1 %.4f; B-cubed P %.4f R %.4f F1 %.4f; clusters %d (true %d), exact %d",
				rep.Records, rep.CandidatePairs, rep.Links, pw.Precision, pw.Recall, pw.F1, b3.Precision, b3.Recall, b3.F1,
				cl.PredictedClusters, cl.TrueEntities, cl.ExactMatches)
			if len(predicted) != len(truth) {
				t.Errorf("%d records clustered, truth has %d", len(predicted), len(truth))
			}
			if s.target > 0 && pw.F1 < s.target {
				t.Errorf("pairwise F1 %.4f below the target %.3f", pw.F1, s.target)
			}
		})
	}
}

// clusters reads match_clusters as source:source_id → cluster id.
func clusters(t *testing.T, st *store.Store, kind record.Kind) map[string]string {
	t.Helper()
	rows, err := st.DB.Query(`SELECT c.source, c.source_id, m.cluster_id FROM match_clusters m JOIN current_records c USING (rid) WHERE m.kind = $1`, string(kind))
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	out := map[string]string{}
	for rows.Next() {
		var src, id string
		var c int64
		if err := rows.Scan(&src, &id, &c); err != nil {
			t.Fatal(err)
		}
		out[src+":"+clean(id)] = fmt.Sprint(c)
	}
	return out
}
