package connectors

import (
	"bufio"
	"context"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"strconv"
	"syscall"
	"testing"
	"time"

	"github.com/council/golden/config"
	"github.com/council/golden/internal/peakrss"
	"github.com/council/golden/store"
)

const benchYAML = `version: 1
sources:
  - name: council_tax
    kind: person
    connector: csv
    path: people.csv
    id: ACCOUNT_REF
    fields:
      title: TITLE
      given_name: FORENAME
      middle_names: MIDDLE
      family_name: {column: SURNAME, case: title}
      date_of_birth: {column: DOB, date: DD/MM/YYYY}
      sex: GENDER
      nhs_number: NHS_NO
      ni_number: NINO
      phone: TEL
      email: EMAIL
      address: {columns: [ADDR1, ADDR2, ADDR3]}
      postcode: POSTCODE
      uprn: UPRN
    attributes:
      tenure: TENURE
`

var (
	benchGiven  = []string{"John", "Jane", "Amelia", "Oliver", "Mohammed", "Zoë", "Siobhan", "Kwame", "Priya", "Tomasz", "Olivia", "Harry"}
	benchFamily = []string{"SMITH", "JONES", "O'BRIEN", "PATEL", "NOWAK", "OKAFOR", "MCDONALD", "WILLIAMS", "KHAN", "BROWN", "TAYLOR", "DAVIES"}
	benchStreet = []string{"High Street", "Station Road", "Church Lane", "Victoria Road", "Green Lane", "Manor Road", "Park Avenue", "Albert Road"}
	benchTown   = []string{"Portsmouth", "Southsea", "Basildon", "Wickford", "Exeter", "Tadley"}
	benchPC     = []string{"PO5 2SE", "SS11 7AD", "SS14 1EZ", "EX2 4AB", "RG26 5AT", "po4 8dr", "PO1 3FD", "SW1A1AA"}
)

// writePeople writes a synthetic council-tax CSV of n rows (a few per cent
// with invalid identifiers) and returns its size.
func writePeople(path string, n int) (int64, error) {
	f, err := os.Create(path)
	if err != nil {
		return 0, err
	}
	w := bufio.NewWriterSize(f, 1<<20)
	rng := rand.New(rand.NewPCG(1, 2))
	fmt.Fprintln(w, "ACCOUNT_REF,TITLE,FORENAME,MIDDLE,SURNAME,DOB,GENDER,NHS_NO,NINO,TEL,EMAIL,ADDR1,ADDR2,ADDR3,POSTCODE,UPRN,TENURE")
	for i := 0; i < n; i++ {
		g := benchGiven[rng.IntN(len(benchGiven))]
		fam := benchFamily[rng.IntN(len(benchFamily))]
		nhs := nhsNumber(rng)
		if rng.IntN(50) == 0 {
			nhs = "1234567890"
		}
		fmt.Fprintf(w, "CT%08d,Mr,%s,,%s,%02d/%02d/%d,M,%s,AB%06dC,07700 %06d,%s.%s@example.org,\"Flat %d, %d %s\",%s,,%s,%d,owner\n",
			i, g, fam, 1+rng.IntN(28), 1+rng.IntN(12), 1930+rng.IntN(80), nhs, rng.IntN(1000000), rng.IntN(1000000),
			g, fam, 1+rng.IntN(20), 1+rng.IntN(300), benchStreet[rng.IntN(len(benchStreet))], benchTown[rng.IntN(len(benchTown))],
			benchPC[rng.IntN(len(benchPC))], 100000000000+rng.IntN(1000000000))
	}
	if err := w.Flush(); err != nil {
		return 0, err
	}
	fi, err := f.Stat()
	if err != nil {
		return 0, err
	}
	return fi.Size(), f.Close()
}

func nhsNumber(rng *rand.Rand) string {
	for {
		d := make([]byte, 10)
		sum := 0
		for i := 0; i < 9; i++ {
			d[i] = byte('0' + rng.IntN(10))
			sum += int(d[i]-'0') * (10 - i)
		}
		c := 11 - sum%11
		if c == 11 {
			c = 0
		}
		if c == 10 {
			continue
		}
		d[9] = byte('0' + c)
		return string(d)
	}
}

// BenchmarkIngestPeopleCSV ingests a synthetic person CSV (1,000,000 rows by
// default; GOLDEN_BENCH_ROWS to change) into a new store: read, mapped,
// validated, standardised, staged and stored. The CSV is written to a temp
// folder first and removed after. The "again" case ingests the same file
// into a store that already holds it, as a nightly full extract in which
// nothing changed: every row is read, mapped and compared, none is written.
func BenchmarkIngestPeopleCSV(b *testing.B) {
	b.Run("new", func(b *testing.B) { benchIngest(b, false) })
	b.Run("again", func(b *testing.B) { benchIngest(b, true) })
}

func benchIngest(b *testing.B, again bool) {
	rows := 1_000_000
	if s := os.Getenv("GOLDEN_BENCH_ROWS"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil {
			b.Fatal(err)
		}
		rows = n
	}
	dir := b.TempDir()
	size, err := writePeople(filepath.Join(dir, "people.csv"), rows)
	if err != nil {
		b.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "golden.yaml"), []byte(benchYAML), 0o600); err != nil {
		b.Fatal(err)
	}
	cfg, err := config.Load(filepath.Join(dir, "golden.yaml"))
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	// Go's default; GOLDEN_BENCH_GOGC to try another (400 measured the
	// same speed with 300 MB more heap since the ingest is pipelined).
	gogc := 100
	if s := os.Getenv("GOLDEN_BENCH_GOGC"); s != "" {
		gogc, _ = strconv.Atoi(s)
	}
	defer debug.SetGCPercent(debug.SetGCPercent(gogc))
	b.SetBytes(size)
	var cpu time.Duration
	var peak int64
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		path := filepath.Join(dir, fmt.Sprintf("bench%d.duckdb", i))
		// GOLDEN_BENCH_MEMORY_LIMIT (for example 512MB) is store.memory_limit.
		st, err := store.Open(ctx, path, store.Options{MemoryLimit: os.Getenv("GOLDEN_BENCH_MEMORY_LIMIT")})
		if err != nil {
			b.Fatal(err)
		}
		if again {
			if _, err := Ingest(ctx, st, cfg, IngestOptions{}); err != nil {
				b.Fatal(err)
			}
		}
		runtime.GC()
		b.StartTimer()
		cpu0 := cpuTime()
		var log *slog.Logger
		if os.Getenv("GOLDEN_BENCH_LOG") != "" {
			log = slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelDebug}))
		}
		peakrss.Reset()
		rep, err := Ingest(ctx, st, cfg, IngestOptions{Logger: log})
		peak = max(peak, peakrss.Peak())
		if err != nil {
			b.Fatal(err)
		}
		b.StopTimer()
		cpu += cpuTime() - cpu0
		s := rep.Sources[0]
		if s.Read != int64(rows) || s.Stored != int64(rows) || again && s.Unchanged != int64(rows) {
			b.Fatalf("read %d stored %d quarantined %d", s.Read, s.Stored, s.Quarantined)
		}
		st.Close()
		os.Remove(path)
		os.Remove(path + ".wal")
		b.StartTimer()
	}
	b.ReportMetric(float64(rows)*float64(b.N)/b.Elapsed().Seconds(), "rows/s")
	b.ReportMetric(cpu.Seconds()/float64(b.N), "cpu-s/op")
	if peak > 0 {
		b.ReportMetric(float64(peak)/(1<<20), "peak-RSS-MiB")
	}
}

// cpuTime is the process's user and system CPU time so far: with the wall
// time it shows how well the ingest uses the cores, and it is less noisy
// than wall time on a shared machine.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
