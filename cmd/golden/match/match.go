// Package match is `golden match`: block, score and cluster the current
// records of a kind (or every kind), training a model first if none fits.
package match

import (
	"context"
	"fmt"
	"io"
	"time"

	"github.com/spf13/cobra"

	"github.com/council/golden/internal/cli"
	"github.com/council/golden/matching"
	"github.com/council/golden/pipelines"
	"github.com/council/golden/record"
)

// Options are the command's inputs.
type Options struct {
	IO      *cli.IOStreams
	Factory *cli.Factory
	Ctx     context.Context

	Kind        string
	Incremental bool
	Retrain     bool
	JSON        bool
}

// New returns the match command. runF replaces the run function in tests.
func New(f *cli.Factory, runF func(*Options) error) *cobra.Command {
	opts := &Options{IO: f.IO, Factory: f}
	cmd := &cobra.Command{
		Use:   "match [--kind KIND] [--incremental] [--retrain] [--json]",
		Short: "Link records: block, score and cluster the current records of a kind",
		Long: `Find candidate pairs (blocking), score them with the kind's Fellegi-Sunter model,
keep pairs at or above the review threshold in match_pairs and cluster the links
at or above the link threshold into match_clusters, honouring must-link and
cannot-link constraints. A model is trained first when none fits the spec.
--incremental re-scores only records that changed since the last match run.`,
		Example: `  golden match
  golden match --kind person --incremental
  golden match --kind business --retrain --json`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Ctx = cmd.Context()
			if opts.Kind != "" {
				if _, err := record.ParseKind(opts.Kind); err != nil {
					return cli.Usagef("--kind: %v", err)
				}
			}
			if opts.Incremental && opts.Retrain {
				return cli.Usagef("--incremental and --retrain exclude each other: a new model re-scores every pair")
			}
			if runF != nil {
				return runF(opts)
			}
			return run(opts)
		},
	}
	cmd.Flags().StringVar(&opts.Kind, "kind", "", "the kind to match: person, property or business (default: every kind with records)")
	cmd.Flags().BoolVar(&opts.Incremental, "incremental", false, "re-score only records new, changed or deleted since the last match run")
	cmd.Flags().BoolVar(&opts.Retrain, "retrain", false, "train a new model first")
	cli.JSONFlag(cmd, &opts.JSON)
	return cmd
}

func run(opts *Options) (err error) {
	ctx := opts.Ctx
	if ctx == nil {
		ctx = context.Background()
	}
	cfg, err := opts.Factory.Config()
	if err != nil {
		return err
	}
	st, err := opts.Factory.OpenExistingStore(ctx, cfg)
	if err != nil {
		return err
	}
	defer st.Close()
	kinds, err := matching.KindsWithRecords(ctx, st.DB)
	if err != nil {
		return err
	}
	if opts.Kind != "" {
		kinds = []record.Kind{record.Kind(opts.Kind)}
	}
	if len(kinds) == 0 {
		return &cli.NotFoundError{What: "current records to match (run `golden ingest` first)"}
	}
	// golden.yaml's must-link and cannot-link pairs hold here as in `golden run`.
	if err := pipelines.SyncConstraints(ctx, st, cfg); err != nil {
		return err
	}
	runID, err := st.BeginRun(ctx, "")
	if err != nil {
		return err
	}
	defer func() {
		status := "ok"
		if err != nil {
			status = "failed"
		}
		st.FinishRun(ctx, runID, status)
	}()
	logger := opts.Factory.Logger()
	var reps []*matching.Report
	for _, k := range kinds {
		rep, err := matching.Run(ctx, st, cfg, k, matching.Options{RunID: runID, Incremental: opts.Incremental, Retrain: opts.Retrain, Logger: logger})
		if err != nil {
			return err
		}
		reps = append(reps, rep)
	}
	if opts.JSON {
		return cli.WriteJSON(opts.IO.Out, map[string]any{"run_id": runID, "reports": reps})
	}
	for _, r := range reps {
		Print(opts.IO.Out, r)
	}
	return nil
}

// Print writes a match report as text.
func Print(w io.Writer, r *matching.Report) {
	mode := "full"
	if r.Incremental {
		mode = fmt.Sprintf("incremental, %d changed records", r.Changed)
	}
	trained := ""
	if r.Trained {
		trained = ", newly trained"
	}
	fmt.Fprintf(w, "%s: %d records, %d candidate pairs, %d links, %d pairs for review, %d clusters (largest %d) — model v%d%s, %s\n",
		r.Kind, r.Records, r.CandidatePairs, r.Links, r.Review, r.Clusters, r.Cluster.LargestCluster, r.ModelVersion, trained, mode)
	if r.Cluster.Guarded > 0 || r.Cluster.CannotLink > 0 || r.Cluster.MustConflicts > 0 {
		fmt.Fprintf(w, "  links not followed: %d by the chaining guard, %d by cannot-link; %d must-link conflicts\n",
			r.Cluster.Guarded, r.Cluster.CannotLink, r.Cluster.MustConflicts)
	}
	var total time.Duration
	for _, t := range r.Timings {
		total += t.Duration
	}
	fmt.Fprintf(w, "  took %s:", total.Round(time.Millisecond))
	for _, t := range r.Timings {
		fmt.Fprintf(w, " %s %s", t.Name, t.Duration.Round(time.Millisecond))
		if t.CPU > 0 {
			fmt.Fprintf(w, " (cpu %s)", t.CPU.Round(time.Millisecond))
		}
	}
	fmt.Fprintln(w)
}
