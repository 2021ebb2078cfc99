// Package pipelines runs golden's nightly chain from one golden.yaml:
// ingest every source, then for each entity kind match and build golden
// records. Each stage is atomic in the store, and every stage is safe to
// re-run: a run killed half-way leaves the store as it was before the stage
// that was cut, and the next run finishes the work.
package pipelines

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"

	"fmt"
	"log/slog"
	"os"
	"time"

	"github.com/council/golden/config"
	"github.com/council/golden/connectors"
	"github.com/council/golden/golden"
	"github.com/council/golden/matching"
	"github.com/council/golden/record"
	"github.com/council/golden/store"
)

// Options choose what a run does.
type Options struct {
	Sources []string      // nil: every source
	Kinds   []record.Kind // nil: every kind that has a source
	Full    bool          // re-match everything instead of only what changed
	Retrain bool          // train a new match model before matching
	Logger  *slog.Logger
	// Progress, if not nil, hears each stage start and end.
	Progress func(Stage)
	// Rows, if not nil, hears how many rows of each source the ingest has
	// read (connectors.IngestOptions.Progress).
	Rows func(source string, rows int64, done bool)
}

// Stage is one step of a run, with how long it took.
type Stage struct {
	Name     string        `json:"name"`
	Kind     record.Kind   `json:"kind,omitempty"`
	Started  time.Time     `json:"started"`
	Duration time.Duration `json:"duration_ns"`
	Done     bool          `json:"done"`
	Err      string        `json:"error,omitempty"`
}

// Report is what a run did.
type Report struct {
	RunID    int64                    `json:"run_id"`
	Status   string                   `json:"status"` // ok | warnings | failed
	Started  time.Time                `json:"started"`
	Duration time.Duration            `json:"duration_ns"`
	Stages   []Stage                  `json:"stages"`
	Ingest   *connectors.IngestReport `json:"ingest"`
	Matching []*matching.Report       `json:"matching"`
	Golden   []*golden.Report         `json:"golden"`
	Warnings []string                 `json:"warnings,omitempty"`
}

// Run runs the chain. It returns the report even when a stage fails, with
// the error.
func Run(ctx context.Context, cfg *config.Config, st *store.Store, opts Options) (*Report, error) {
	log := opts.Logger
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	rep := &Report{Started: time.Now().UTC(), Status: "running"}
	id, err := st.BeginRun(ctx, ConfigHash(cfg))
	if err != nil {
		return rep, err
	}
	rep.RunID = id
	err = run(ctx, cfg, st, opts, log, rep)
	rep.Duration = time.Since(rep.Started)
	switch {
	case err != nil:
		rep.Status = "failed"
	case len(rep.Warnings) > 0:
		rep.Status = "warnings"
	default:
		rep.Status = "ok"
	}
	if ferr := st.FinishRun(ctx, id, rep.Status); ferr != nil && err == nil {
		err = ferr
	}
	if serr := saveReport(ctx, st, rep); serr != nil && err == nil {
		err = serr
	}
	return rep, err
}

func run(ctx context.Context, cfg *config.Config, st *store.Store, opts Options, log *slog.Logger, rep *Report) error {
	stage := func(name string, kind record.Kind, fn func() error) error {
		s := Stage{Name: name, Kind: kind, Started: time.Now().UTC()}
		if opts.Progress != nil {
			opts.Progress(s)
		}
		err := fn()
		s.Duration = time.Since(s.Started)
		s.Done = err == nil
		if err != nil {
			s.Err = err.Error()
		}
		rep.Stages = append(rep.Stages, s)
		if opts.Progress != nil {
			opts.Progress(s)
		}
		log.Info("stage", "name", name, "kind", kind, "duration", s.Duration, "ok", err == nil)
		return err
	}

	if err := stage("constraints", "", func() error {
		return SyncConstraints(ctx, st, cfg)
	}); err != nil {
		return err
	}

	if err := stage("ingest", "", func() error {
		r, err := connectors.Ingest(ctx, st, cfg, connectors.IngestOptions{RunID: rep.RunID, Sources: opts.Sources, Logger: log, Progress: opts.Rows})
		rep.Ingest = r
		if r != nil {
			for _, s := range r.Sources {
				if s.Quarantined > 0 {
					rep.Warnings = append(rep.Warnings, fmt.Sprintf("source %s: %d rows quarantined (golden export quarantine --latest --source %s)", s.Name, s.Quarantined, s.Name))
				}
				for _, w := range s.Warnings {
					rep.Warnings = append(rep.Warnings, fmt.Sprintf("source %s: %s", s.Name, w))
				}
			}
		}
		return err
	}); err != nil {
		return fmt.Errorf("ingest: %w", err)
	}

	for _, kind := range kindsToRun(cfg, opts.Kinds) {
		if err := stage("match", kind, func() error {
			r, err := matching.Run(ctx, st, cfg, kind, matching.Options{RunID: rep.RunID, Incremental: !opts.Full, Retrain: opts.Retrain, Logger: log})
			if r != nil {
				rep.Matching = append(rep.Matching, r)
			}
			return err
		}); err != nil {
			return fmt.Errorf("match %s: %w", kind, err)
		}
		if err := stage("golden", kind, func() error {
			r, err := golden.Build(ctx, st, cfg, kind, golden.Options{RunID: rep.RunID, Full: opts.Full, Logger: log})
			if r != nil {
				rep.Golden = append(rep.Golden, r)
			}
			return err
		}); err != nil {
			return fmt.Errorf("golden records %s: %w", kind, err)
		}
	}
	return nil
}

// kindsToRun lists the kinds that have at least one source, in model order,
// limited to want when given.
func kindsToRun(cfg *config.Config, want []record.Kind) []record.Kind {
	have := map[record.Kind]bool{}
	for _, s := range cfg.Sources {
		have[s.Kind] = true
	}
	wanted := map[record.Kind]bool{}
	for _, k := range want {
		wanted[k] = true
	}
	var out []record.Kind
	for _, k := range record.Kinds {
		if have[k] && (len(want) == 0 || wanted[k]) {
			out = append(out, k)
		}
	}
	return out
}

// ConfigHash fingerprints the project file, so a run records which
// configuration produced it.
func ConfigHash(cfg *config.Config) string {
	b, err := os.ReadFile(cfg.File)
	if err != nil {
		return ""
	}
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:8])
}

func saveReport(ctx context.Context, st *store.Store, rep *Report) error {
	b, err := json.Marshal(rep)
	if err != nil {
		return fmt.Errorf("run report: %w", err)
	}
	_, err = st.DB.ExecContext(context.WithoutCancel(ctx),
		`INSERT INTO pipeline_reports (run_id, status, report) VALUES (?, ?, ?)`, rep.RunID, rep.Status, string(b))
	if err != nil {
		return fmt.Errorf("run report: %w", err)
	}
	return nil
}
