package pipelines

import (
	"context"
	"encoding/csv"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/council/golden/store"
	"github.com/council/golden/synthetic"
)

// TestIncrementalEqualsFull edits a generated city's council tax extract
// over several rounds — names changed, rows deleted, rows added — running
// the pipeline incrementally after each round, and checks that the golden
// records reached are the ones a full re-match of the same extracts makes:
// the same groups of source records.
func TestIncrementalEqualsFull(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	if _, err := synthetic.Generate(ctx, dir, synthetic.Options{People: 250, Seed: 11}); err != nil {
		t.Fatal(err)
	}
	cfg := loadConfig(t, filepath.Join(dir, "golden.yaml"))
	inc := openStore(t)
	if _, err := Run(ctx, cfg, inc, Options{}); err != nil {
		t.Fatalf("first run: %v", err)
	}
	rng := rand.New(rand.NewPCG(11, 12))
	ctax := filepath.Join(dir, "council_tax.csv")
	for round := 1; round <= 3; round++ {
		editCSV(t, ctax, rng, round)
		rep, err := Run(ctx, cfg, inc, Options{})
		if err != nil {
			t.Fatalf("round %d: %v", round, err)
		}
		for _, s := range rep.Ingest.Sources {
			if s.Name == "council_tax" && s.New+s.Changed+s.Deleted == 0 {
				t.Fatalf("round %d: the edits were not seen: %+v", round, s)
			}
		}
	}
	// The full rebuild re-matches every record of the same store, with the
	// same trained model (a model trained on other data would score
	// differently, which is not what this test is about).
	a := groups(t, inc)
	if _, err := Run(ctx, cfg, inc, Options{Full: true}); err != nil {
		t.Fatalf("full rebuild: %v", err)
	}
	b := groups(t, inc)
	if len(a) != len(b) {
		t.Errorf("incremental has %d golden records, full rebuild %d", len(a), len(b))
	}
	for g := range a {
		if !b[g] {
			t.Errorf("only the incremental store has the golden record of %s", g)
		}
	}
	for g := range b {
		if !a[g] {
			t.Errorf("only the full rebuild has the golden record of %s", g)
		}
	}
}

// groups lists each active golden record as its sorted source keys.
func groups(t *testing.T, st *store.Store) map[string]bool {
	t.Helper()
	rows, err := st.DB.Query(`SELECT r.kind, string_agg(m.source || ':' || m.source_id, ',' ORDER BY m.source, m.source_id)
		FROM golden_records r JOIN golden_members m USING (golden_id) WHERE r.status = 'active' GROUP BY r.kind, r.golden_id`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	out := map[string]bool{}
	for rows.Next() {
		var kind, keys string
		if err := rows.Scan(&kind, &keys); err != nil {
			t.Fatal(err)
		}
		out[kind+" "+keys] = true
	}
	return out
}

// editCSV changes a council tax extract as a month of real life would:
// some names corrected or mistyped, some parties gone, some new ones.
func editCSV(t *testing.T, path string, rng *rand.Rand, round int) {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	r := csv.NewReader(f)
	r.FieldsPerRecord = -1
	recs, err := r.ReadAll()
	f.Close()
	if err != nil {
		t.Fatal(err)
	}
	head, body := recs[0], recs[1:]
	col := map[string]int{}
	for i, h := range head {
		col[h] = i
	}
	var out [][]string
	for _, rec := range body {
		if len(rec) != len(head) {
			out = append(out, rec) // a row corrupted on purpose stays as it is
			continue
		}
		switch x := rng.IntN(20); {
		case x == 0: // the party left
			continue
		case x == 1: // a typo fixed or made
			name := []rune(rec[col["FORENAME"]])
			if len(name) > 2 {
				i := 1 + rng.IntN(len(name)-2)
				name[i], name[i+1] = name[i+1], name[i]
				rec[col["FORENAME"]] = string(name)
			}
		case x == 2: // a new resident at the same address
			add := append([]string(nil), rec...)
			add[col["ACCOUNT_REF"]] = fmt.Sprintf("NEW%02d%05d", round, len(out))
			add[col["FORENAME"]] = []string{"Zofia", "Tariq", "Niamh", "Callum"}[rng.IntN(4)]
			add[col["EMAIL"]], add[col["PHONE"]] = "", ""
			out = append(out, add)
		}
		out = append(out, rec)
	}
	sort.SliceStable(out, func(i, j int) bool { return strings.Compare(out[i][0], out[j][0]) < 0 })
	w, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	cw := csv.NewWriter(w)
	cw.Write(head)
	cw.WriteAll(out)
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
}
