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
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/council/golden/config"
	"github.com/council/golden/connectors"
	goldenpkg "github.com/council/golden/golden"
	"github.com/council/golden/internal/cli"
	"github.com/council/golden/matching"
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
}

// New returns the bench command. runF, if not nil, replaces the run function (for tests).
func New(f *cli.Factory, runF func(*Options) error) *cobra.Command {
	opts := &Options{IO: f.IO}
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
			if err != nil {
				return err
			}
			if opts.JSONFile != "" {
				f, err := os.Create(opts.JSONFile)
				if err != nil {
					return fmt.Errorf("bench: %w", err)
				}
				err = cli.WriteJSON(f, res)
				if cerr := f.Close(); err == nil {
					err = cerr
				}
				if err != nil {
					return fmt.Errorf("bench: %s: %w", opts.JSONFile, err)
				}
			}
			if opts.JSON {
				return cli.WriteJSON(opts.IO.Out, res)
			}
			res.WriteText(opts.IO.Out)
			return nil
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
	runID, err := st.BeginRun(ctx, "bench")
	if err != nil {
		return nil, fmt.Errorf("bench: %w", err)
	}

	// 2. Ingest, source by source, so that a source whose connector is not
	// available is reported and the others still run.
	ing := Stage{Name: "ingest", Detail: map[string]any{}}
	resetPeak()
	t0 := time.Now()
	var quarantined int64
	var failed []string
	for _, src := range cfg.Sources {
		progress("ingesting %s", src.Name)
		rep, err := connectors.Ingest(ctx, st, cfg, connectors.IngestOptions{RunID: runID, Sources: []string{src.Name}})
		if err != nil {
			if ctx.Err() != nil {
				return nil, ctx.Err()
			}
			failed = append(failed, src.Name)
			ing.Detail[src.Name] = "failed: " + err.Error()
			continue
		}
		for _, s := range rep.Sources {
			ing.Records += s.Read
			quarantined += s.Quarantined
			ing.Detail[s.Name] = map[string]int64{"read": s.Read, "stored": s.Stored, "quarantined": s.Quarantined}
		}
	}
	ing.Wall = time.Since(t0)
	ing.PeakRSS = peakRSS()
	ing.DuckDBMemory = duckdbMemory(ctx, st)
	ing.RecordsPerSec = rate(ing.Records, ing.Wall)
	ing.Detail["quarantined"] = quarantined
	ing.Detail["expected_quarantined"] = totalCorrupt(sum.Corrupt)
	ing.Status = "ok"
	if len(failed) > 0 {
		ing.Status = "partial"
		ing.Error = fmt.Sprintf("%d of %d sources could not be ingested: %v", len(failed), len(cfg.Sources), failed)
	}
	res.Stages = append(res.Stages, ing)

	// 3. Match and build golden records per kind, scoring each clustering.
	truthPath, err := filepath.Abs(filepath.Join(cityDir, synthetic.TruthFile))
	if err != nil {
		return nil, fmt.Errorf("bench: %w", err)
	}
	kinds := record.Kinds
	if len(opts.Kinds) > 0 {
		kinds = nil
		for _, k := range opts.Kinds {
			kinds = append(kinds, record.Kind(k))
		}
	}
	for _, kind := range kinds {
		var n int64
		if err := st.DB.QueryRowContext(ctx, "SELECT count(*) FROM current_records WHERE kind = $1", string(kind)).Scan(&n); err != nil {
			return nil, fmt.Errorf("bench: %w", err)
		}
		if n == 0 {
			continue
		}
		progress("matching %d %s records", n, kind)
		m := Stage{Name: "match", Kind: kind, Records: n}
		resetPeak()
		t0 := time.Now()
		rep, err := matching.Run(ctx, st, cfg, kind, matching.Options{RunID: runID})
		m.Wall = time.Since(t0)
		m.PeakRSS = peakRSS()
		m.DuckDBMemory = duckdbMemory(ctx, st)
		m.RecordsPerSec = rate(n, m.Wall)
		if err != nil {
			if ctx.Err() != nil {
				return nil, ctx.Err()
			}
			m.Status, m.Error = "failed", err.Error()
			res.Stages = append(res.Stages, m)
			continue
		}
		m.Status = "ok"
		m.CandidatePairs = rep.CandidatePairs
		m.Timings = rep.Timings
		m.Detail = map[string]any{"links": rep.Links, "review": rep.Review, "clusters": rep.Clusters, "trained": rep.Trained}
		res.Stages = append(res.Stages, m)

		acc, err := synthetic.Evaluate(ctx, st.DB, truthPath, kind)
		if err != nil {
			if ctx.Err() != nil {
				return nil, ctx.Err()
			}
			m.Error = err.Error() // matching ran; only its evaluation failed
			res.Stages[len(res.Stages)-1] = m
		} else {
			res.Accuracy = append(res.Accuracy, *acc)
		}

		progress("building golden %s records", kind)
		g := Stage{Name: "golden", Kind: kind, Records: n}
		resetPeak()
		t0 = time.Now()
		grep, err := goldenpkg.Build(ctx, st, cfg, kind, goldenpkg.Options{RunID: runID})
		g.Wall = time.Since(t0)
		g.PeakRSS = peakRSS()
		g.DuckDBMemory = duckdbMemory(ctx, st)
		g.RecordsPerSec = rate(n, g.Wall)
		if err != nil {
			if ctx.Err() != nil {
				return nil, ctx.Err()
			}
			g.Status, g.Error = "failed", err.Error()
		} else {
			g.Status = "ok"
			g.Detail = map[string]any{"active": grep.Active, "created": grep.Created, "households": grep.Households}
		}
		res.Stages = append(res.Stages, g)
	}
	if err := st.FinishRun(ctx, runID, "ok"); err != nil {
		return nil, fmt.Errorf("bench: %w", err)
	}
	res.Total = time.Since(start)
	return res, nil
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
	fmt.Fprintf(w, "\ntotal %s; city in %s\n", r.Total.Round(time.Millisecond), r.City)
}

func mib(b int64) string {
	if b <= 0 {
		return "-"
	}
	return fmt.Sprintf("%dMiB", b>>20)
}
