package matching

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"github.com/council/golden/matching/internal/testload"
	"github.com/council/golden/record"
	"github.com/council/golden/store"
)

// synthPeople makes n synthetic person records (about 20% duplicates of
// others, with typos, missing values and moved addresses), from invented
// names with a skewed frequency, for scale benchmarks.
func synthPeople(n int, seed uint64) []record.Record {
	r := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	syl := []string{"an", "bel", "car", "dan", "el", "fer", "gar", "hol", "is", "jon", "kel", "lin", "mar", "nor", "ol", "per", "quin", "ros", "sam", "tor", "ul", "ven", "wil", "yor", "zan", "ber", "cos", "dra", "fin", "gre"}
	word := func(k int) string {
		s := ""
		for i := 0; i < k; i++ {
			s += syl[r.IntN(len(syl))]
		}
		return s
	}
	zipf := func(list []string) string {
		// Squaring a uniform gives a skewed pick: early names are common.
		x := r.Float64()
		return list[int(x*x*float64(len(list)))]
	}
	var given, family, streets []string
	for i := 0; i < 3000; i++ {
		given = append(given, word(2+r.IntN(2)))
	}
	for i := 0; i < 20000; i++ {
		family = append(family, word(2+r.IntN(2)))
	}
	for i := 0; i < 5000; i++ {
		streets = append(streets, word(2)+" road")
	}
	typo := func(s string) string {
		if len(s) < 3 {
			return s
		}
		i := 1 + r.IntN(len(s)-2)
		return s[:i] + s[i+1:i+2] + s[i:i+1] + s[i+2:]
	}
	out := make([]record.Record, 0, n)
	for len(out) < n {
		var rec record.Record
		if len(out) > 10 && r.Float64() < 0.2 {
			rec = out[r.IntN(len(out))]
			switch r.IntN(4) {
			case 0:
				rec.Set(record.FamilyName, typo(rec.Get(record.FamilyName)))
			case 1:
				rec.Set(record.DateOfBirth, "")
			case 2:
				rec.Set(record.BuildingNumber, strconv.Itoa(1+r.IntN(200)))
				rec.Set(record.Postcode, fmt.Sprintf("DC%d %d%c%c", 1+r.IntN(40), r.IntN(10), 'A'+rune(r.IntN(26)), 'A'+rune(r.IntN(26))))
			case 3:
				rec.Set(record.GivenName, typo(rec.Get(record.GivenName)))
			}
		} else {
			rec = record.Record{Kind: record.Person}
			rec.Set(record.GivenName, zipf(given))
			rec.Set(record.FamilyName, zipf(family))
			rec.Set(record.DateOfBirth, fmt.Sprintf("%04d-%02d-%02d", 1930+r.IntN(90), 1+r.IntN(12), 1+r.IntN(28)))
			rec.Set(record.BuildingNumber, strconv.Itoa(1+r.IntN(200)))
			rec.Set(record.Street, zipf(streets))
			rec.Set(record.Postcode, fmt.Sprintf("DC%d %d%c%c", 1+r.IntN(40), r.IntN(10), 'A'+rune(r.IntN(26)), 'A'+rune(r.IntN(26))))
		}
		rec.Key = record.Key{Source: []string{"council_tax", "housing", "electoral"}[r.IntN(3)], SourceID: strconv.Itoa(len(out))}
		out = append(out, rec)
	}
	return out
}

// BenchmarkScale times blocking, scoring and clustering of MATCH_SCALE
// synthetic people (features and training are done once, untimed). Run
// with e.g. MATCH_SCALE=100000 go test -run '^$' -bench Scale -benchtime 3x.
// A store path in MATCH_SCALE_STORE keeps the loaded store between runs.
func BenchmarkScale(b *testing.B) {
	n, _ := strconv.Atoi(os.Getenv("MATCH_SCALE"))
	if n == 0 {
		b.Skip("MATCH_SCALE not set")
	}
	ctx := context.Background()
	path := os.Getenv("MATCH_SCALE_STORE")
	if path == "" {
		path = filepath.Join(b.TempDir(), "scale.duckdb")
	}
	st, err := store.Open(ctx, path, store.Options{Threads: 2, MemoryLimit: "4GB"})
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	var have int
	st.DB.QueryRow(`SELECT count(*) FROM current_records WHERE kind = 'person'`).Scan(&have)
	if have != n {
		start := time.Now()
		all := synthPeople(n, 7)
		for lo := 0; lo < n; lo += 200_000 {
			recs := all[lo:min(lo+200_000, n)]
			if _, err := testload.Insert(ctx, st, 1, recs); err != nil {
				b.Fatal(err)
			}
		}
		b.Logf("loaded %d records in %s", n, time.Since(start).Round(time.Millisecond))
	}
	rep, err := Run(ctx, st, nil, record.Person, Options{RunID: 1})
	if err != nil {
		b.Fatal(err)
	}
	b.Logf("first run (features, training): %+v", rep.Timings)
	b.ResetTimer()
	for b.Loop() {
		rep, err = Run(ctx, st, nil, record.Person, Options{RunID: 2})
		if err != nil {
			b.Fatal(err)
		}
	}
	b.StopTimer()
	var match time.Duration
	for _, t := range rep.Timings {
		if t.Name != "features" {
			match += t.Duration
		}
	}
	b.ReportMetric(match.Seconds(), "match-s")
	b.ReportMetric(float64(rep.CandidatePairs), "pairs")
	b.Logf("records %d, candidates %d, links %d, clusters %d; stages %v", rep.Records, rep.CandidatePairs, rep.Links, rep.Clusters, rep.Timings)
}
