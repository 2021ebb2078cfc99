// Package bench is `golden bench`: generate a synthetic city (or reuse a
// cached one), run golden's stages on it and report, per stage, wall time,
// records per second, peak memory and candidate pairs, and per kind the
// pairwise precision, recall and F1 against the ground truth.
package bench

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/council/golden/config"
	"github.com/council/golden/internal/cli"
	"github.com/council/golden/matching"
	"github.com/council/golden/pipelines"
	"github.com/council/golden/record"
	"github.com/council/golden/store"
	"github.com/council/golden/synthetic"
)

// Options are bench's inputs.
type Options struct {
	IO          *cli.IOStreams
	People      int
	Seed        int64
	Cache       string // where generated cities and the bench store live
	JSON        bool
	JSONFile    string // also write the JSON result here
	MemoryLimit string
	Threads     int
	Kinds       []string
	Logger      *slog.Logger // each stage's steps, at the GOLDEN_LOG level
}

// New returns the bench command. runF, if not nil, replaces the run function (for tests).
func New(f *cli.Factory, runF func(*Options) error) *cobra.Command {
	opts := &Options{IO: f.IO, Logger: f.Logger()}
	cmd := &cobra.Command{
		Use:   "bench",
		Short: "Benchmark golden end to end on a synthetic city with ground truth",
		Long: `Bench generates a synthetic city of --people residents (reusing a cached one
for the same size, seed and generator version), ingests it into a fresh store,
matches and builds golden records for each kind, and reports per stage the wall
time, records per second, peak memory and candidate pairs, and per kind the
pairwise precision, recall and F1 against the ground truth (all true pairs,
including those blocking never compared).

Peak memory is the process's peak resident set size (VmHWM), reset before each
stage: Go and DuckDB together. duckdb_mem is what DuckDB's buffer manager holds
when the stage ends (duckdb_memory()).`,
		Example: `  golden bench --people 10000
  golden bench --people 100000 --json > bench.json
  golden bench --people 100000 --json-file out/bench-100000.json   # text to stdout too
  golden bench --people 1000000 --cache /data/bench`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if opts.People < 1 {
				return cli.Usagef("--people must be at least 1")
			}
			for _, k := range opts.Kinds {
				if _, err := record.ParseKind(k); err != nil {
					return cli.Usagef("--kind: %v", err)
				}
			}
			if runF != nil {
				return runF(opts)
			}
			ctx := cmd.Context()
			if ctx == nil {
				ctx = context.Background()
			}
			res, err := Run(ctx, opts)
			if res == nil {
				return err
			}
			if opts.JSON {
				if werr := cli.WriteJSON(opts.IO.Out, res); werr != nil {
					return werr
				}
			} else {
				res.WriteText(opts.IO.Out)
			}
			return err
		},
	}
	cmd.Flags().IntVar(&opts.People, "people", 10000, "residents in the synthetic city")
	cmd.Flags().Int64Var(&opts.Seed, "seed", 1, "generator seed")
	cmd.Flags().StringVar(&opts.Cache, "cache", filepath.Join(".cache", "bench"), "folder for generated cities and the bench store")
	cmd.Flags().StringVar(&opts.MemoryLimit, "memory-limit", "", "DuckDB memory limit (for example 8GB; default DuckDB's)")
	cmd.Flags().IntVar(&opts.Threads, "threads", 0, "DuckDB threads (default all cores)")
	cmd.Flags().StringSliceVar(&opts.Kinds, "kind", nil, "kinds to match (default person, property, business)")
	cmd.Flags().StringVar(&opts.JSONFile, "json-file", "", "also write the JSON result to this file (for trend tracking)")
	cli.JSONFlag(cmd, &opts.JSON)
	return cmd
}

// Stage is one measured stage.
type Stage struct {
	Name           string                 `json:"name"`
	Kind           record.Kind            `json:"kind,omitempty"`
	Status         string                 `json:"status"` // ok | cached | failed | unavailable
	Error          string                 `json:"error,omitempty"`
	Wall           time.Duration          `json:"wall_ns"`
	Records        int64                  `json:"records"`
	RecordsPerSec  float64                `json:"records_per_sec"`
	PeakRSS        int64                  `json:"peak_rss_bytes"`
	DuckDBMemory   int64                  `json:"duckdb_memory_bytes"`
	CandidatePairs int64                  `json:"candidate_pairs,omitempty"`
	Detail         map[string]any         `json:"detail,omitempty"`
	Timings        []matching.StageTiming `json:"timings,omitempty"`
}

// Result is a bench run.
type Result struct {
	People     int                  `json:"people"`
	Seed       int64                `json:"seed"`
	Generator  string               `json:"generator_version"`
	City       string               `json:"city"`
	Started    time.Time            `json:"started"`
	GoVersion  string               `json:"go_version"`
	CPUs       int                  `json:"cpus"`
	PeakMemory string               `json:"peak_memory_source"`
	Stages     []Stage              `json:"stages"`
	Accuracy   []synthetic.Accuracy `json:"accuracy"`
	Total      time.Duration        `json:"total_ns"`
	Summary    map[string]int       `json:"source_records"`
	Error      string               `json:"error,omitempty"`
}

// Run generates (or reuses) the city and runs the stages.
func Run(ctx context.Context, opts *Options) (*Result, error) {
	start := time.Now()
	res := &Result{People: opts.People, Seed: opts.Seed, Generator: synthetic.Version, Started: start.UTC(),
		GoVersion: runtime.Version(), CPUs: runtime.NumCPU(),
		PeakMemory: "VmHWM of the process (Go + DuckDB), reset per stage via /proc/self/clear_refs; duckdb_memory() at stage end"}
	progress := func(format string, args ...any) {
		if opts.IO != nil && opts.IO.ErrOut != nil {
			fmt.Fprintf(opts.IO.ErrOut, format+"\n", args...)
		}
	}
	cityDir := filepath.Join(opts.Cache, fmt.Sprintf("city-v%s-%d-seed%d", synthetic.Version, opts.People, opts.Seed))
	res.City = cityDir

	// 1. Generate, unless a complete city of the same size and seed is cached.
	gen := Stage{Name: "generate"}
	marker := filepath.Join(cityDir, ".complete.json")
	var sum synthetic.Summary
	if b, err := os.ReadFile(marker); err == nil && json.Unmarshal(b, &sum) == nil {
		gen.Status = "cached"
	} else {
		progress("generating %d people into %s", opts.People, cityDir)
		if err := os.RemoveAll(cityDir); err != nil {
			return nil, fmt.Errorf("bench: %w", err)
		}
		resetPeak()
		t0 := time.Now()
		s, err := synthetic.Generate(ctx, cityDir, synthetic.Options{People: opts.People, Seed: opts.Seed})
		if err != nil {
			return nil, fmt.Errorf("bench: generate: %w", err)
		}
		gen.Wall = time.Since(t0)
		gen.PeakRSS = peakRSS()
		gen.Status = "ok"
		sum = *s
		b, _ := json.Marshal(s)
		if err := os.WriteFile(marker, b, 0o644); err != nil {
			return nil, fmt.Errorf("bench: %w", err)
		}
	}
	for _, n := range sum.Rows {
		gen.Records += int64(n)
	}
	gen.RecordsPerSec = rate(gen.Records, gen.Wall)
	res.Summary = sum.Rows
	res.Stages = append(res.Stages, gen)

	cfg, err := config.Load(filepath.Join(cityDir, synthetic.ConfigFile))
	if err != nil {
		return nil, fmt.Errorf("bench: %w", err)
	}
	dbPath := filepath.Join(opts.Cache, fmt.Sprintf("bench-%d-seed%d.duckdb", opts.People, opts.Seed))
	for _, p := range []string{dbPath, dbPath + ".wal"} {
		if err := os.Remove(p); err != nil && !errors.Is(err, os.ErrNotExist) {
			return nil, fmt.Errorf("bench: %w", err)
		}
	}
	st, err := store.Open(ctx, dbPath, store.Options{MemoryLimit: opts.MemoryLimit, Threads: opts.Threads})
	if err != nil {
		return nil, fmt.Errorf("bench: %w", err)
	}
	defer st.Close()
	res.save(opts.JSONFile)

	// 2. golden run: ingest, then match and golden records per kind, exactly
	// as pipelines.Run does them. Each stage's peak memory is measured from
	// its start to its end, and the partial result is saved after each stage
	// so that a run killed half-way still leaves its figures.
	var kinds []record.Kind
	for _, k := range opts.Kinds {
		kinds = append(kinds, record.Kind(k))
	}
	popts := pipelines.Options{Kinds: kinds, Full: true, Logger: opts.Logger, Progress: func(ps pipelines.Stage) {
		if ps.Duration == 0 && !ps.Done && ps.Err == "" {
			progress("%s %s", ps.Name, ps.Kind)
			resetPeak()
			return
		}
		s := Stage{Name: ps.Name, Kind: ps.Kind, Status: "ok", Error: ps.Err, Wall: ps.Duration,
			PeakRSS: peakRSS(), DuckDBMemory: duckdbMemory(ctx, st)}
		if !ps.Done {
			s.Status = "failed"
		}
		q, args := "SELECT count(*) FROM current_records", []any{}
		if ps.Kind != "" {
			q, args = q+" WHERE kind = $1", []any{string(ps.Kind)}
		}
		if err := st.DB.QueryRowContext(ctx, q, args...).Scan(&s.Records); err == nil {
			s.RecordsPerSec = rate(s.Records, s.Wall)
		}
		res.Stages = append(res.Stages, s)
		res.save(opts.JSONFile)
	}}
	rep, runErr := pipelines.Run(ctx, cfg, st, popts)
	if ctx.Err() != nil {
		return nil, ctx.Err()
	}
	if runErr != nil {
		res.Error = runErr.Error()
	}
	// Fill in what only the run's report knows.
	for i := range res.Stages {
		s := &res.Stages[i]
		switch s.Name {
		case "ingest":
			if rep == nil || rep.Ingest == nil {
				continue
			}
			var read, quarantined int64
			s.Detail = map[string]any{}
			for _, src := range rep.Ingest.Sources {
				read += src.Read
				quarantined += src.Quarantined
				s.Detail[src.Name] = map[string]int64{"read": src.Read, "stored": src.Stored, "quarantined": src.Quarantined}
			}
			s.Records = read
			s.RecordsPerSec = rate(read, s.Wall)
			s.Detail["quarantined"] = quarantined
			s.Detail["expected_quarantined"] = totalCorrupt(sum.Corrupt)
		case "match":
			for _, m := range rep.Matching {
				if m != nil && m.Kind == s.Kind {
					s.CandidatePairs = m.CandidatePairs
					s.Timings = m.Timings
					s.Detail = map[string]any{"links": m.Links, "review": m.Review, "clusters": m.Clusters, "trained": m.Trained}
				}
			}
		case "golden":
			for _, g := range rep.Golden {
				if g != nil && g.Kind == s.Kind {
					s.Detail = map[string]any{"active": g.Active, "created": g.Created, "households": g.Households}
				}
			}
		}
	}

	// 3. Score each kind's clustering against the truth.
	truthPath, err := filepath.Abs(filepath.Join(cityDir, synthetic.TruthFile))
	if err != nil {
		return nil, fmt.Errorf("bench: %w", err)
	}
	for _, s := range res.Stages {
		if s.Name != "match" || s.Status != "ok" {
			continue
		}
		acc, err := synthetic.Evaluate(ctx, st.DB, truthPath, s.Kind)
		if err != nil {
			res.Error = strings.TrimPrefix(res.Error+"; ", "; ") + err.Error()
			continue
		}
		res.Accuracy = append(res.Accuracy, *acc)
	}
	res.Total = time.Since(start)
	res.save(opts.JSONFile)
	if res.Error != "" {
		return res, fmt.Errorf("bench: %s", res.Error)
	}
	return res, nil
}

// save writes the result as JSON to path, if one is given.
func (r *Result) save(path string) {
	if path == "" {
		return
	}
	if f, err := os.Create(path); err == nil {
		cli.WriteJSON(f, r)
		f.Close()
	}
}

func totalCorrupt(m map[string]int) int {
	n := 0
	for _, v := range m {
		n += v
	}
	return n
}

func rate(n int64, d time.Duration) float64 {
	if d <= 0 {
		return 0
	}
	return float64(n) / d.Seconds()
}

// WriteText prints the result for a person.
func (r *Result) WriteText(w io.Writer) {
	fmt.Fprintf(w, "golden bench: %d people, seed %d (generator v%s, %s, %d CPUs)\n\n", r.People, r.Seed, r.Generator, r.GoVersion, r.CPUs)
	fmt.Fprintf(w, "%-9s %-9s %-8s %10s %12s %12s %10s %10s %14s\n", "stage", "kind", "status", "wall", "records", "records/s", "peak_rss", "duckdb_mem", "candidate_pairs")
	for _, s := range r.Stages {
		pairs := ""
		if s.Name == "match" {
			pairs = strconv.FormatInt(s.CandidatePairs, 10)
		}
		wall := s.Wall.Round(time.Millisecond).String()
		rps := fmt.Sprintf("%.0f", s.RecordsPerSec)
		if s.Status == "cached" {
			wall, rps = "-", "-"
		}
		fmt.Fprintf(w, "%-9s %-9s %-8s %10s %12d %12s %10s %10s %14s\n", s.Name, s.Kind, s.Status, wall, s.Records, rps,
			mib(s.PeakRSS), mib(s.DuckDBMemory), pairs)
		if s.Error != "" {
			fmt.Fprintf(w, "          %s\n", s.Error)
		}
		if len(s.Timings) > 0 {
			// Wall and CPU time (user + system, every thread) per step:
			// on a shared machine CPU time is the steadier figure.
			fmt.Fprintf(w, "         ")
			for _, t := range s.Timings {
				fmt.Fprintf(w, " %s %s (cpu %s)", t.Name, t.Duration.Round(10*time.Millisecond), t.CPU.Round(10*time.Millisecond))
			}
			fmt.Fprintln(w)
		}
		if s.Name == "ingest" {
			names := make([]string, 0, len(s.Detail))
			for k, v := range s.Detail {
				if msg, ok := v.(string); ok && strings.HasPrefix(msg, "failed") {
					names = append(names, k)
				}
			}
			sort.Strings(names)
			for _, k := range names {
				fmt.Fprintf(w, "          %s: %s\n", k, s.Detail[k])
			}
			fmt.Fprintf(w, "          quarantined %v rows (%v made unreadable on purpose)\n", s.Detail["quarantined"], s.Detail["expected_quarantined"])
		}
	}
	if len(r.Accuracy) > 0 {
		fmt.Fprintf(w, "\n%-9s %10s %10s %12s %12s %12s %9s %9s %9s\n", "kind", "records", "entities", "true_pairs", "predicted", "true_pos", "precision", "recall", "f1")
		for _, a := range r.Accuracy {
			fmt.Fprintf(w, "%-9s %10d %10d %12d %12d %12d %9.4f %9.4f %9.4f\n", a.Kind, a.Records, a.Entities, a.TruePairs,
				a.PredictedPairs, a.TruePositives, a.Precision, a.Recall, a.F1)
		}
	}
	if r.Error != "" {
		fmt.Fprintf(w, "\nerror: %s\n", r.Error)
	}
	fmt.Fprintf(w, "\ntotal %s; city in %s\n", r.Total.Round(time.Millisecond), r.City)
}

func mib(b int64) string {
	if b <= 0 {
		return "-"
	}
	return fmt.Sprintf("%dMiB", b>>20)
}
