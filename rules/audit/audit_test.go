package audit

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/council/golden/store"
)

func openStore(t *testing.T) *store.Store {
	t.Helper()
	st, err := store.Open(context.Background(), filepath.Join(t.TempDir(), "t.duckdb"), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

func fill(t *testing.T, st *store.Store, n int) {
	t.Helper()
	ctx := context.Background()
	now := time.Date(2026, 6, 1, 9, 0, 0, 0, time.UTC)
	for i := 0; i < n; i++ {
		err := st.InTx(ctx, func(tx *store.Tx) error {
			_, err := Append(ctx, tx, Disclosures, Entry{Actor: "steward", Partner: "nhs", Agreement: "DSA-1", Purpose: "care", Detail: fmt.Sprintf(`{"rows":%d}`, i)}, now.Add(time.Duration(i)*time.Minute))
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
	}
}

func TestChainDetectsTampering(t *testing.T) {
	ctx := context.Background()
	tests := []struct {
		name   string
		tamper []string
		kinds  []string // problem kinds expected (at least these)
	}{
		{"intact", nil, nil},
		{"edit a field", []string{`UPDATE disclosure_log SET partner = 'police' WHERE seq = 2`}, []string{"edited"}},
		{"edit the detail", []string{`UPDATE disclosure_log SET detail = '{"rows":0}' WHERE seq = 3`}, []string{"edited"}},
		{"edit and rehash one entry", []string{`UPDATE disclosure_log SET partner = 'police' WHERE seq = 2`, "REHASH 2"}, []string{"out-of-order"}},
		{"delete one", []string{`DELETE FROM disclosure_log WHERE seq = 2`}, []string{"missing", "out-of-order"}},
		{"delete the first", []string{`DELETE FROM disclosure_log WHERE seq = 1`}, []string{"missing", "out-of-order"}},
		{"delete and renumber", []string{`DELETE FROM disclosure_log WHERE seq = 2`, `UPDATE disclosure_log SET seq = seq - 1 WHERE seq > 2`}, []string{"edited", "out-of-order"}},
		{"reorder by swapping seq", []string{`UPDATE disclosure_log SET seq = 100 WHERE seq = 2`, `UPDATE disclosure_log SET seq = 2 WHERE seq = 3`, `UPDATE disclosure_log SET seq = 3 WHERE seq = 100`}, []string{"edited"}},
		{"reorder by swapping content", []string{
			`CREATE TEMP TABLE t AS SELECT * FROM disclosure_log WHERE seq IN (2, 3)`,
			`UPDATE disclosure_log SET detail = (SELECT detail FROM t WHERE seq = 3), logged_at = (SELECT logged_at FROM t WHERE seq = 3), hash = (SELECT hash FROM t WHERE seq = 3), prev_hash = (SELECT prev_hash FROM t WHERE seq = 3) WHERE seq = 2`,
			`UPDATE disclosure_log SET detail = (SELECT detail FROM t WHERE seq = 2), logged_at = (SELECT logged_at FROM t WHERE seq = 2), hash = (SELECT hash FROM t WHERE seq = 2), prev_hash = (SELECT prev_hash FROM t WHERE seq = 2) WHERE seq = 3`,
		}, []string{"edited", "out-of-order"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			st := openStore(t)
			fill(t, st, 4)
			for _, q := range tc.tamper {
				if strings.HasPrefix(q, "REHASH ") {
					es, _ := Entries(ctx, st.DB, Disclosures)
					for _, e := range es {
						if fmt.Sprint(e.Seq) == q[len("REHASH "):] {
							h := ComputeHash(Disclosures, e)
							if _, err := st.DB.ExecContext(ctx, `UPDATE disclosure_log SET hash = ? WHERE seq = ?`, h, e.Seq); err != nil {
								t.Fatal(err)
							}
						}
					}
					continue
				}
				if _, err := st.DB.ExecContext(ctx, q); err != nil {
					t.Fatalf("%s: %v", q, err)
				}
			}
			es, err := Entries(ctx, st.DB, Disclosures)
			if err != nil {
				t.Fatal(err)
			}
			probs := Verify(Disclosures, es)
			if len(tc.kinds) == 0 {
				if len(probs) != 0 {
					t.Fatalf("intact log reported %v", probs)
				}
				return
			}
			got := map[string]bool{}
			for _, p := range probs {
				got[p.Kind] = true
			}
			for _, k := range tc.kinds {
				if !got[k] {
					t.Fatalf("want a %s problem, got %v", k, probs)
				}
			}
		})
	}
}

func TestAnchorCatchesTruncation(t *testing.T) {
	ctx := context.Background()
	st := openStore(t)
	fill(t, st, 3)
	es, _ := Entries(ctx, st.DB, Disclosures)
	head := es[len(es)-1]
	if p := VerifyHead(Disclosures, es, head.Seq, head.Hash); p != nil {
		t.Fatal(p)
	}
	if _, err := st.DB.ExecContext(ctx, `DELETE FROM disclosure_log WHERE seq = 3`); err != nil {
		t.Fatal(err)
	}
	es, _ = Entries(ctx, st.DB, Disclosures)
	if p := Verify(Disclosures, es); len(p) != 0 {
		t.Fatalf("chain alone cannot see a removed tail, got %v", p)
	}
	if p := VerifyHead(Disclosures, es, head.Seq, head.Hash); len(p) != 1 || p[0].Kind != "anchor" {
		t.Fatalf("anchor: %v", p)
	}
}

func TestEntryCannotMoveBetweenLogs(t *testing.T) {
	e := Entry{Seq: 1, At: "2026-01-01T00:00:00Z", PrevHash: Genesis}
	if ComputeHash(Disclosures, e) == ComputeHash(Accesses, e) {
		t.Fatal("same hash in both logs")
	}
}
