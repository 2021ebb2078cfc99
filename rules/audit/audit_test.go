package audit

import (
	"context"
	"fmt"
	"math/rand/v2"
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

// chain builds n valid entries in memory.
func chain(n int) []Entry {
	var out []Entry
	prev := Genesis
	for i := 1; i <= n; i++ {
		e := Entry{Seq: int64(i), At: fmt.Sprintf("2026-06-01T09:%02d:00Z", i%60), Actor: "a", Partner: fmt.Sprint("p", i%3), Agreement: "A", Purpose: "x", Detail: fmt.Sprintf(`{"rows":%d}`, i), PrevHash: prev}
		e.Hash = ComputeHash(Disclosures, e)
		prev = e.Hash
		out = append(out, e)
	}
	return out
}

// TestPropertyEveryTamperIsFound applies random edits, deletions and
// reorderings to random chains: Verify always finds something, except a
// removed tail, which the anchor (the original head) finds.
func TestPropertyEveryTamperIsFound(t *testing.T) {
	for seed := uint64(1); seed <= 2000; seed++ {
		rng := rand.New(rand.NewPCG(seed, 3))
		n := 2 + rng.IntN(20)
		es := chain(n)
		head := es[n-1]
		if p := Verify(Disclosures, es); len(p) != 0 {
			t.Fatalf("seed %d: intact chain reported %v", seed, p)
		}
		i := rng.IntN(n)
		op := rng.IntN(6)
		switch op {
		case 0: // edit a field
			switch rng.IntN(4) {
			case 0:
				es[i].Partner += "x"
			case 1:
				es[i].Detail = `{"rows":0}`
			case 2:
				es[i].At = "2020-01-01T00:00:00Z"
			default:
				es[i].Actor = "someone else"
			}
		case 1: // edit and re-hash that entry alone
			es[i].Purpose = "other"
			es[i].Hash = ComputeHash(Disclosures, es[i])
			if i == n-1 {
				head = es[i] // a rewritten head is caught only by an older anchor
				head.Hash = "old"
			}
		case 2: // delete one
			es = append(es[:i:i], es[i+1:]...)
		case 3: // swap two neighbours' positions (and their seq)
			j := (i + 1) % n
			if j == i {
				continue
			}
			es[i], es[j] = es[j], es[i]
			es[i].Seq, es[j].Seq = es[j].Seq, es[i].Seq
		case 4: // swap contents but keep seq numbers
			j := (i + 1) % n
			si, sj := es[i].Seq, es[j].Seq
			es[i], es[j] = es[j], es[i]
			es[i].Seq, es[j].Seq = si, sj
		case 5: // renumber after a deletion so the sequence has no gap
			es = append(es[:i:i], es[i+1:]...)
			for k := range es {
				es[k].Seq = int64(k + 1)
			}
		}
		probs := Verify(Disclosures, es)
		if len(probs) == 0 {
			anchored := VerifyHead(Disclosures, es, head.Seq, head.Hash)
			if len(anchored) == 0 {
				t.Fatalf("seed %d: tamper op %d at %d of %d went unnoticed, even with the anchor", seed, op, i, n)
			}
			if !(op == 1 || op == 2 || op == 5) || i != n-1 {
				t.Fatalf("seed %d: tamper op %d at %d of %d needed the anchor", seed, op, i, n)
			}
		}
	}
}
