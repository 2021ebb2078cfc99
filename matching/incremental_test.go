package matching

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/council/golden/matching/internal/testload"
	"github.com/council/golden/record"
	"github.com/council/golden/store"
)

// pairsByKey reads match_pairs as "a|b|rule|probability" lines keyed by
// source keys, so that two stores with different rids compare.
func pairsByKey(t *testing.T, st *store.Store, kind record.Kind) []string {
	t.Helper()
	rows, err := st.DB.Query(`SELECT a.source || ':' || a.source_id, b.source || ':' || b.source_id, p.rule, p.probability
		FROM match_pairs p JOIN current_records a ON a.rid = p.rid_l JOIN current_records b ON b.rid = p.rid_r WHERE p.kind = $1`, string(kind))
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var a, b, rule string
		var p float64
		if err := rows.Scan(&a, &b, &rule, &p); err != nil {
			t.Fatal(err)
		}
		if a > b {
			a, b = b, a
		}
		out = append(out, fmt.Sprintf("%s|%s|%s|%.9f", a, b, rule, p))
	}
	sort.Strings(out)
	return out
}

// partition turns key → cluster id into a sorted list of member lists.
func partition(clusters map[string]string) []string {
	groups := map[string][]string{}
	for k, c := range clusters {
		groups[c] = append(groups[c], k)
	}
	var out []string
	for _, ks := range groups {
		sort.Strings(ks)
		out = append(out, strings.Join(ks, ","))
	}
	sort.Strings(out)
	return out
}

// copyModel puts src's latest model of kind (and its term frequencies) into
// dst, as the same version.
func copyModel(t *testing.T, src, dst *store.Store, kind record.Kind) {
	t.Helper()
	ctx := context.Background()
	m, err := LoadModel(ctx, src.DB, kind)
	if err != nil {
		t.Fatal(err)
	}
	text, _ := m.JSON()
	if _, err := dst.DB.Exec(`INSERT INTO match_models VALUES ($1, $2, $3, $4, 0, $5)`, string(kind), m.Version, m.SpecHash, m.TrainedAt, string(text)); err != nil {
		t.Fatal(err)
	}
	rows, err := src.DB.Query(`SELECT col, value, tf FROM match_tf WHERE kind = $1 AND version = $2`, string(kind), m.Version)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	for rows.Next() {
		var c, v string
		var tf float64
		rows.Scan(&c, &v, &tf)
		if _, err := dst.DB.Exec(`INSERT INTO match_tf VALUES ($1, $2, $3, $4, $5)`, string(kind), m.Version, c, v, tf); err != nil {
			t.Fatal(err)
		}
	}
}

// TestIncrementalEqualsFull: records added, changed and deleted after a
// full run, then an incremental run, give the same pairs and clusters as a
// full run over the final records with the same model.
func TestIncrementalEqualsFull(t *testing.T) {
	path := filepath.Join(sharedData, "febrl", "dataset1.csv")
	if _, err := os.Stat(path); err != nil {
		t.Skip("shared data not found")
	}
	ctx := context.Background()
	ls, err := testload.FEBRL(path)
	if err != nil {
		t.Fatal(err)
	}
	recs := testload.Records(ls)
	first, later := recs[:800], recs[800:]

	inc := openStore(t)
	if _, err := testload.Insert(ctx, inc, 1, first); err != nil {
		t.Fatal(err)
	}
	if _, err := Run(ctx, inc, nil, record.Person, Options{RunID: 1}); err != nil {
		t.Fatal(err)
	}
	// Changes: 200 new records, 30 changed (a typo in the family name, or
	// the date of birth removed), 15 deleted.
	var changed []record.Record
	for i := 0; i < 30; i++ {
		r := first[i*7]
		if i%2 == 0 {
			r.Set(record.FamilyName, r.Get(record.FamilyName)+"e")
		} else {
			r.Set(record.DateOfBirth, "")
		}
		changed = append(changed, r)
	}
	var deleted []record.Key
	for i := 0; i < 15; i++ {
		deleted = append(deleted, first[i*11+3].Key)
	}
	if _, err := testload.Insert(ctx, inc, 2, append(append([]record.Record(nil), later...), changed...)); err != nil {
		t.Fatal(err)
	}
	if err := testload.Delete(ctx, inc, deleted); err != nil {
		t.Fatal(err)
	}
	rep, err := Run(ctx, inc, nil, record.Person, Options{RunID: 2, Incremental: true})
	if err != nil {
		t.Fatal(err)
	}
	if !rep.Incremental || rep.Trained {
		t.Fatalf("second run: incremental %v, trained %v; want an incremental run with the stored model", rep.Incremental, rep.Trained)
	}
	touched := map[record.Key]bool{}
	for _, r := range append(append([]record.Record(nil), later...), changed...) {
		touched[r.Key] = true
	}
	for _, k := range deleted {
		touched[k] = true
	}
	if rep.Changed != int64(len(touched)) {
		t.Errorf("changed records = %d, want %d", rep.Changed, len(touched))
	}

	// The same final records, matched in full with the same model.
	full := openStore(t)
	final := map[record.Key]record.Record{}
	var order []record.Key
	for _, r := range append(append(append([]record.Record(nil), first...), later...), changed...) {
		if _, ok := final[r.Key]; !ok {
			order = append(order, r.Key)
		}
		final[r.Key] = r
	}
	gone := map[record.Key]bool{}
	for _, k := range deleted {
		gone[k] = true
	}
	var finalRecs []record.Record
	for _, k := range order {
		if !gone[k] {
			finalRecs = append(finalRecs, final[k])
		}
	}
	if _, err := testload.Insert(ctx, full, 1, finalRecs); err != nil {
		t.Fatal(err)
	}
	copyModel(t, inc, full, record.Person)
	frep, err := Run(ctx, full, nil, record.Person, Options{RunID: 1})
	if err != nil {
		t.Fatal(err)
	}
	if frep.Trained || frep.Incremental {
		t.Fatalf("reference run: trained %v, incremental %v; want a full run with the copied model", frep.Trained, frep.Incremental)
	}

	gotPairs, wantPairs := pairsByKey(t, inc, record.Person), pairsByKey(t, full, record.Person)
	if strings.Join(gotPairs, "\n") != strings.Join(wantPairs, "\n") {
		t.Errorf("match_pairs differ: incremental %d, full %d", len(gotPairs), len(wantPairs))
		for i := 0; i < len(gotPairs) && i < len(wantPairs); i++ {
			if gotPairs[i] != wantPairs[i] {
				t.Logf("first difference: incremental %s, full %s", gotPairs[i], wantPairs[i])
				break
			}
		}
	}
	gotC, wantC := partition(clustersByKey(t, inc, record.Person)), partition(clustersByKey(t, full, record.Person))
	if strings.Join(gotC, "\n") != strings.Join(wantC, "\n") {
		t.Errorf("clusters differ: incremental %d clusters, full %d", len(gotC), len(wantC))
	}
	// Only clusters the changes touch were rewritten.
	var rewritten, total int64
	inc.DB.QueryRow(`SELECT count(*) FILTER (WHERE run_id = 2), count(*) FROM match_clusters WHERE kind = 'person'`).Scan(&rewritten, &total)
	if rewritten == 0 || rewritten > int64(2*len(touched)) {
		t.Errorf("incremental run rewrote %d of %d cluster rows; want only those the %d changes touch", rewritten, total, len(touched))
	}
}
