package rules

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/council/golden/rules/govtest"
)

// BenchmarkShare shares GOLDEN_BENCH_ROWS (default 100,000) synthetic
// people, half of them admitted by the condition, as CSV: the store read,
// the policy and the writer end to end. One op is one whole share.
func BenchmarkShare(b *testing.B) {
	n := 100_000
	if v, err := strconv.Atoi(os.Getenv("GOLDEN_BENCH_ROWS")); err == nil && v > 0 {
		n = v
	}
	ctx := context.Background()
	dir := b.TempDir()
	st := openStore(b)
	recs := make([]govtest.Record, n)
	for i := range recs {
		src := "ctax"
		if i%2 == 0 {
			src = "asc;ctax"
		}
		recs[i] = govtest.Record{Kind: "person", ID: fmt.Sprintf("G%08d", i), Sources: src, Fields: map[string]string{
			"given_name": "Ann", "family_name": fmt.Sprintf("Fam%d", i%1000), "date_of_birth": fmt.Sprintf("19%02d-03-07", 20+i%60), "postcode": "SS14 1AB"}}
	}
	govtest.Insert(b, st, recs)
	os.WriteFile(filepath.Join(dir, "nhs.key"), []byte(nhsKey), 0o600)
	eng := writePolicy(b, dir, sharePolicy)
	logger := slog.New(slog.NewTextHandler(io.Discard, nil))
	b.ResetTimer()
	var rows int64
	for i := 0; i < b.N; i++ {
		m, err := Share(ctx, st, eng, ShareOptions{Partner: "nhs", Format: "csv", OutDir: filepath.Join(dir, fmt.Sprint("out", i)), Now: testNow, Logger: logger})
		if err != nil {
			b.Fatal(err)
		}
		rows = m.Rows
	}
	b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "records/s")
	b.ReportMetric(float64(rows), "shared")
}
