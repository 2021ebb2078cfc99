package golden_test

import (
	"context"
	"database/sql/driver"
	"fmt"
	"io"
	"log/slog"
	"math/rand/v2"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"testing"
	"time"

	"github.com/council/golden/config"
	"github.com/council/golden/golden"
	"github.com/council/golden/record"
	"github.com/council/golden/store"
)

// benchPeople is the store size in people (golden records):
// GOLDEN_BENCH_PEOPLE, default 1,000,000.
func benchPeople(b *testing.B) int {
	if s := os.Getenv("GOLDEN_BENCH_PEOPLE"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil {
			b.Fatalf("GOLDEN_BENCH_PEOPLE: %v", err)
		}
		return n
	}
	return 1_000_000
}

// synth generates person source records and their clustering straight
// into the store with the Appender.
type synth struct {
	rng     *rand.Rand
	nextRID int64
	version map[int64]int32
	cluster map[int64]int64 // rid → cluster id
	run     int64
}

var (
	benchGiven  = []string{"Jane", "John", "Mohammed", "Olivia", "Amelia", "Jack", "Harry", "Isla", "Noah", "Ava", "Leo", "Grace", "Oscar", "Mia", "Arthur", "Freya"}
	benchFamily = []string{"Smith", "Jones", "Taylor", "Brown", "Williams", "Wilson", "Johnson", "Davies", "Patel", "Khan", "Evans", "Thomas", "Roberts", "Walker", "Wright", "Green"}
	benchSrc    = []string{"council_tax", "housing", "education", "benefits", "electoral"}
	benchStreet = []string{"High Street", "Station Road", "Church Lane", "Mill Road", "Park Avenue", "London Road"}
)

func (s *synth) row(rid int64, people int) []driver.Value {
	s.version[rid]++
	src := benchSrc[rid%int64(len(benchSrc))]
	vals := make([]driver.Value, record.NumFields)
	vals[record.GivenName] = benchGiven[s.rng.IntN(len(benchGiven))]
	vals[record.FamilyName] = benchFamily[s.rng.IntN(len(benchFamily))]
	vals[record.DateOfBirth] = fmt.Sprintf("%04d-%02d-%02d", 1930+s.rng.IntN(90), 1+s.rng.IntN(12), 1+s.rng.IntN(28))
	vals[record.Sex] = []string{"F", "M"}[s.rng.IntN(2)]
	if s.rng.IntN(3) == 0 {
		vals[record.NHSNumber] = fmt.Sprintf("%010d", s.rng.Int64N(1e10))
	}
	vals[record.UPRN] = fmt.Sprint(100000000 + s.rng.IntN(people/2+1))
	vals[record.BuildingNumber] = fmt.Sprint(1 + s.rng.IntN(200))
	vals[record.Street] = benchStreet[s.rng.IntN(len(benchStreet))]
	vals[record.Town] = "Basildon"
	vals[record.Postcode] = fmt.Sprintf("SS%d %d%c%c", 1+s.rng.IntN(16), s.rng.IntN(10), 'A'+s.rng.IntN(26), 'A'+s.rng.IntN(26))
	var observed driver.Value
	if s.rng.IntN(2) == 0 {
		observed = time.Date(2020+s.rng.IntN(6), time.Month(1+s.rng.IntN(12)), 1+s.rng.IntN(28), 0, 0, 0, 0, time.UTC)
	}
	row := []driver.Value{rid, src, fmt.Sprintf("%s-%d", src, rid), string(record.Person), s.version[rid], s.run, rid,
		fmt.Sprintf("h%d-%d", rid, s.version[rid]), true, false, observed, nil, nil, nil}
	return append(row, vals...)
}

func (s *synth) appendRecords(ctx context.Context, tx *store.Tx, rids []int64, people int) error {
	return tx.Append(ctx, "source_records", nil, func(a *store.Appender) error {
		for _, rid := range rids {
			if err := a.AppendRow(s.row(rid, people)...); err != nil {
				return err
			}
		}
		return nil
	})
}

func (s *synth) appendClusters(ctx context.Context, tx *store.Tx, rids []int64) error {
	return tx.Append(ctx, "match_clusters", nil, func(a *store.Appender) error {
		for _, rid := range rids {
			if err := a.AppendRow(string(record.Person), rid, s.cluster[rid], s.run); err != nil {
				return err
			}
		}
		return nil
	})
}

// BenchmarkIncremental measures Build after 10,000 people are added or
// changed in a store of GOLDEN_BENCH_PEOPLE people (default 1,000,000
// people, held in about twice as many source records: clusters of 1–3):
// 5,000 new source records (a third of them join existing clusters) and
// 5,000 new versions of existing ones. The store is set up once (rows
// generated with the Appender, then a full build, untimed); each
// iteration of the sub-benchmark applies a fresh set of edits and times
// Build alone. The median over the iterations is reported as median-s.
func BenchmarkIncremental(b *testing.B) {
	ctx := context.Background()
	people := benchPeople(b)
	dir := b.TempDir()
	st, err := store.Open(ctx, filepath.Join(dir, "bench.duckdb"), store.Options{Threads: 2, MemoryLimit: "6GB", TempDir: filepath.Join(dir, "tmp")})
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	cfg := &config.Config{}
	for i, s := range benchSrc {
		cfg.Sources = append(cfg.Sources, config.Source{Name: s, Kind: record.Person, Trust: i})
	}
	s := &synth{rng: rand.New(rand.NewPCG(1, 2)), version: map[int64]int32{}, cluster: map[int64]int64{}, run: 1}
	opts := func() golden.Options {
		var out io.Writer = io.Discard
		if os.Getenv("GOLDEN_BENCH_DEBUG") != "" {
			out = os.Stderr
		}
		return golden.Options{RunID: s.run, Logger: slog.New(slog.NewTextHandler(out, &slog.HandlerOptions{Level: slog.LevelDebug}))}
	}

	// The initial store: one cluster of 1–3 consecutive records per person.
	t0 := time.Now()
	var all []int64
	for p := 0; p < people; p++ {
		first := int64(len(all) + 1)
		for j, size := 0, 1+s.rng.IntN(3); j < size; j++ {
			rid := int64(len(all) + 1)
			all = append(all, rid)
			s.cluster[rid] = first
		}
	}
	records := len(all)
	s.nextRID = int64(records) + 1
	err = st.InTx(ctx, func(tx *store.Tx) error {
		if _, err := tx.ExecContext(ctx, `INSERT INTO ingest_runs (run_id, started_at, status) VALUES (1, ?, 'ok')`, time.Now().UTC()); err != nil {
			return err
		}
		if err := s.appendRecords(ctx, tx, all, records); err != nil {
			return err
		}
		return s.appendClusters(ctx, tx, all)
	})
	if err != nil {
		b.Fatal(err)
	}
	b.Logf("generated %d source records of %d people in %v", records, people, time.Since(t0).Round(time.Millisecond))
	t0 = time.Now()
	rep, err := golden.Build(ctx, st, cfg, record.Person, opts())
	if err != nil {
		b.Fatal(err)
	}
	b.Logf("full build: %d golden records in %v", rep.Active, time.Since(t0).Round(time.Millisecond))
	if os.Getenv("GOLDEN_BENCH_NOCKPT") != "" {
		st.DB.Exec("SET checkpoint_threshold = '1GB'")
	}

	// The store is set up once: the parent benchmark runs once, the
	// sub-benchmark as often as -benchtime asks.
	b.Run("10k-edits", func(b *testing.B) {
		incremental(b, st, cfg, s, records, opts)
	})
}

func incremental(b *testing.B, st *store.Store, cfg *config.Config, s *synth, records int, opts func() golden.Options) {
	ctx := context.Background()
	const edits = 10_000
	people := records
	var times []time.Duration
	b.ResetTimer()
	b.StopTimer()
	for i := 0; i < b.N; i++ {
		s.run++
		// 5,000 changed records, 5,000 new ones (a third join a cluster).
		changed := map[int64]bool{}
		for len(changed) < edits/2 {
			changed[1+s.rng.Int64N(int64(people))] = true
		}
		var upd, fresh, touched []int64
		for rid := range changed {
			upd = append(upd, rid)
		}
		sort.Slice(upd, func(i, j int) bool { return upd[i] < upd[j] })
		for j := 0; j < edits/2; j++ {
			rid := s.nextRID
			s.nextRID++
			fresh = append(fresh, rid)
			if j%3 == 0 {
				s.cluster[rid] = s.cluster[1+s.rng.Int64N(int64(people))]
			} else {
				s.cluster[rid] = rid
			}
		}
		touched = append(append(touched, upd...), fresh...)
		err := st.InTx(ctx, func(tx *store.Tx) error {
			if _, err := tx.ExecContext(ctx, `INSERT INTO ingest_runs (run_id, started_at, status) VALUES (?, ?, 'ok')`, s.run, time.Now().UTC()); err != nil {
				return err
			}
			if _, err := tx.ExecContext(ctx, `CREATE OR REPLACE TEMP TABLE bench_upd (rid BIGINT)`); err != nil {
				return err
			}
			if err := tx.Append(ctx, "bench_upd", nil, func(a *store.Appender) error {
				for _, rid := range upd {
					if err := a.AppendRow(rid); err != nil {
						return err
					}
				}
				return nil
			}); err != nil {
				return err
			}
			if _, err := tx.ExecContext(ctx, `UPDATE source_records SET is_current = false WHERE is_current AND rid IN (SELECT rid FROM bench_upd)`); err != nil {
				return err
			}
			if err := s.appendRecords(ctx, tx, touched, people); err != nil {
				return err
			}
			// The matching engine rewrites the clustering of the kind.
			if _, err := tx.ExecContext(ctx, `UPDATE match_clusters SET run_id = ? WHERE kind = 'person'`, s.run); err != nil {
				return err
			}
			if err := s.appendClusters(ctx, tx, fresh); err != nil {
				return err
			}
			_, err := tx.ExecContext(ctx, `DROP TABLE bench_upd`)
			return err
		})
		if err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		start := time.Now()
		rep, err := golden.Build(ctx, st, cfg, record.Person, opts())
		d := time.Since(start)
		b.StopTimer()
		if err != nil {
			b.Fatal(err)
		}
		if rep.Created+rep.Updated == 0 {
			b.Fatalf("iteration %d changed nothing: %+v", i, rep)
		}
		times = append(times, d)
		b.Logf("iteration %d: %v (created %d, updated %d, retired %d)", i, d.Round(time.Millisecond), rep.Created, rep.Updated, rep.Retired)
	}
	sort.Slice(times, func(i, j int) bool { return times[i] < times[j] })
	b.ReportMetric(times[len(times)/2].Seconds(), "median-s")
}
