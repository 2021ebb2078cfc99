package connectors

import (
	"context"
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"strings"
	"testing"

	"github.com/council/golden/config"
	"github.com/council/golden/store"
)

// randomExtract writes a people CSV with ids drawn from a small pool, so that
// rounds change, delete, bring back and duplicate records; some rows have
// no id (quarantined) and some are delete rows.
func randomExtract(r *rand.Rand) string {
	var b strings.Builder
	b.WriteString("REF,FORENAME,SURNAME,DOB,POSTCODE,NHS,TENURE,PARENT,ACTION\n")
	surnames := []string{"SMITH", "Jones", "doe", "O'BRIEN"}
	for i, n := 0, r.IntN(40); i < n; i++ {
		id := fmt.Sprintf("A%d", r.IntN(25))
		switch r.IntN(12) {
		case 0:
			id = "" // no source id: quarantined
		case 1:
			fmt.Fprintf(&b, "%s,,,,,,,,D\n", id)
			continue
		}
		parent := ""
		if r.IntN(4) == 0 {
			parent = fmt.Sprintf("A%d", r.IntN(25))
		}
		fmt.Fprintf(&b, "%s,Ann,%s,%02d/03/1990,PO5 2SE,,owner,%s,\n", id, surnames[r.IntN(len(surnames))], 1+r.IntN(3), parent)
	}
	return b.String()
}

// snapshot is the store's state that an ingest decides: every version, the
// quarantine and the relationships (rids aside: their order of allocation
// may differ).
func snapshot(t *testing.T, st *store.Store) string {
	t.Helper()
	return strings.Join([]string{
		query(t, st, `SELECT source_id, version, run_id, line, content_hash, is_current, deleted, invalid_fields, flags, attrs,
			given_name, family_name, date_of_birth, postcode FROM source_records ORDER BY source_id, version`),
		query(t, st, `SELECT run_id, file, line, field, reason, raw FROM quarantine ORDER BY run_id, line`),
		query(t, st, `SELECT from_id, to_id, rel_type, valid_to IS NULL FROM source_relationships ORDER BY ALL`),
		query(t, st, `SELECT count(DISTINCT rid) = count(DISTINCT source_id) FROM source_records`),
	}, "\n--\n")
}

// TestIngestChunkedEqualsWhole ingests the same random extracts in chunks of
// a few rows (with the first-load fast path) and in one chunk (without it):
// duplicates across chunk boundaries, changes, deletions and quarantine must
// come out the same.
func TestIngestChunkedEqualsWhole(t *testing.T) {
	for _, mode := range []string{"full", "delta"} {
		for seed := uint64(1); seed <= 3; seed++ {
			t.Run(fmt.Sprintf("%s/seed%d", mode, seed), func(t *testing.T) {
				ctx := context.Background()
				yaml := fmt.Sprintf(peopleYAML, mode)
				cfgA, stA := project(t, yaml, nil)
				cfgB, stB := project(t, yaml, nil)
				r := rand.New(rand.NewPCG(seed, 99))
				for round := 0; round < 6; round++ {
					body := randomExtract(r)
					var reps [2]string
					for i, side := range []struct {
						cfg   *config.Config
						st    *store.Store
						chunk int
						batch int
						slow  bool
					}{{cfgA, stA, 3, 2, false}, {cfgB, stB, 0, 0, true}} {
						write(t, side.cfg, "people.csv", body)
						rep, err := Ingest(ctx, side.st, side.cfg, IngestOptions{chunkRows: side.chunk, batchRows: side.batch, noFastPath: side.slow})
						if err != nil {
							// An empty full extract is refused the same way by both.
							reps[i] = "error: " + strings.ReplaceAll(err.Error(), filepath.Dir(side.cfg.File), "")
							continue
						}
						checkReconciles(t, rep.Sources[0])
						reps[i] = counts(rep.Sources[0])
					}
					if reps[0] != reps[1] {
						t.Fatalf("round %d: chunked %s, whole %s", round, reps[0], reps[1])
					}
					if a, b := snapshot(t, stA), snapshot(t, stB); a != b {
						t.Fatalf("round %d: stores differ\nchunked:\n%s\nwhole:\n%s", round, a, b)
					}
				}
			})
		}
	}
}

// TestIngestRidsFollowFileOrder checks that new records are numbered in the
// order of the file, across chunks, so that everything derived from rids
// (golden ids among them) is the same from one run to the next.
func TestIngestRidsFollowFileOrder(t *testing.T) {
	var b strings.Builder
	b.WriteString("REF,FORENAME,SURNAME,DOB,POSTCODE,NHS,TENURE,PARENT,ACTION\n")
	for i := 0; i < 50; i++ {
		fmt.Fprintf(&b, "Z%03d,Ann,Smith,01/03/1990,PO5 2SE,,,,\n", 50-i)
	}
	cfg, st := project(t, fmt.Sprintf(peopleYAML, "full"), map[string]string{"people.csv": b.String()})
	if _, err := Ingest(context.Background(), st, cfg, IngestOptions{chunkRows: 8, batchRows: 4}); err != nil {
		t.Fatal(err)
	}
	if got := query(t, st, `SELECT count(*) FROM (SELECT rid, line, lag(line) OVER (ORDER BY rid) AS prev FROM source_records) WHERE prev >= line`); got != "0" {
		t.Errorf("%s records numbered out of file order", got)
	}
}

// TestIngestFailureAfterChunksLeavesStore fails a source whole after several
// of its chunks were written (the second file of a multi-file extract lacks a
// mapped column): the transaction rolls back, and the store is as it was.
func TestIngestFailureAfterChunksLeavesStore(t *testing.T) {
	ctx := context.Background()
	yaml := strings.Replace(fmt.Sprintf(peopleYAML, "full"), "path: people.csv", "path: people*.csv", 1)
	var b strings.Builder
	b.WriteString("REF,FORENAME,SURNAME,DOB,POSTCODE,NHS,TENURE,PARENT,ACTION\n")
	for i := 0; i < 40; i++ {
		fmt.Fprintf(&b, "B%03d,Ann,Smith,01/03/1990,PO5 2SE,,owner,,\n", i)
	}
	cfg, st := project(t, yaml, map[string]string{"people1.csv": peopleV1})
	ingest(t, st, cfg)
	before := snapshot(t, st)
	write(t, cfg, "people1.csv", b.String())
	write(t, cfg, "people2.csv", "REF;FORENAME\nC1;Bob\n")
	_, err := Ingest(ctx, st, cfg, IngestOptions{chunkRows: 4, batchRows: 2})
	if err == nil || !strings.Contains(err.Error(), "people2.csv") {
		t.Fatalf("err = %v, want one naming people2.csv", err)
	}
	if after := snapshot(t, st); after != before {
		t.Errorf("store changed:\n%s\n→\n%s", before, after)
	}
}
