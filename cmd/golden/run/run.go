// Package run is `golden run`: the whole chain — ingest, match, golden
// records — from golden.yaml, safe to re-run nightly.
package run

import (
	"fmt"
	"io"
	"log/slog"
	"text/tabwriter"
	"time"

	"github.com/spf13/cobra"

	"github.com/council/golden/connectors"
	"github.com/council/golden/internal/cli"
	"github.com/council/golden/pipelines"
	"github.com/council/golden/record"
)

// Options are run's inputs.
type Options struct {
	IO      *cli.IOStreams
	Factory *cli.Factory
	Sources []string
	Kinds   []string
	Full    bool
	Retrain bool
	JSON    bool
}

// New returns the run command. runF, if not nil, replaces the run function (for tests).
func New(f *cli.Factory, runF func(*Options) error) *cobra.Command {
	opts := &Options{IO: f.IO, Factory: f}
	cmd := &cobra.Command{
		Use:   "run",
		Short: "Ingest every source, match, and build golden records, in one go",
		Long: `Run the nightly chain from golden.yaml: ingest every source (quarantining bad
rows), then for each entity kind match the records that changed and update
the golden records they touch. Running it twice on the same extracts changes
nothing. Exit 3 means it finished but something needs a person (quarantined
rows, ambiguous dates).`,
		Example: `  golden run                          # everything, incrementally
  golden run --source council_tax     # one source, then re-match
  golden run --full --json > run.json # re-match everything; report for a scheduler`,
		RunE: func(cmd *cobra.Command, args []string) error {
			if runF != nil {
				return runF(opts)
			}
			return runRun(cmd, opts)
		},
	}
	cmd.Flags().StringSliceVar(&opts.Sources, "source", nil, "ingest only these sources (repeatable)")
	cmd.Flags().StringSliceVar(&opts.Kinds, "kind", nil, "match only these kinds: person, property, business")
	cmd.Flags().BoolVar(&opts.Full, "full", false, "re-match every record, not only those that changed")
	cmd.Flags().BoolVar(&opts.Retrain, "retrain", false, "train new match models before matching")
	cli.JSONFlag(cmd, &opts.JSON)
	return cmd
}

func runRun(cmd *cobra.Command, opts *Options) error {
	ctx := cmd.Context()
	cfg, err := opts.Factory.Config()
	if err != nil {
		return err
	}
	var kinds []record.Kind
	for _, k := range opts.Kinds {
		kind, err := record.ParseKind(k)
		if err != nil {
			return cli.Usagef("--kind: %v", err)
		}
		kinds = append(kinds, kind)
	}
	for _, s := range opts.Sources {
		if _, ok := cfg.Source(s); !ok {
			return cli.Usagef("--source %s: no such source in %s", s, cfg.File)
		}
	}
	// A mistake in golden.yaml is a usage error (exit 2), found before the
	// store is opened or a run recorded.
	if err := connectors.Check(cfg); err != nil {
		return &cli.UsageError{Err: err}
	}
	st, err := opts.Factory.OpenStore(ctx, cfg)
	if err != nil {
		return err
	}
	defer st.Close()
	logger := opts.Factory.Logger()
	var rows func(string, int64, bool)
	if !logger.Enabled(ctx, slog.LevelInfo) {
		rows = opts.IO.RowProgress()
	}
	progress := func(s pipelines.Stage) {
		label := s.Name
		if s.Kind != "" {
			label += " " + string(s.Kind)
		}
		if !s.Done && s.Err == "" {
			fmt.Fprintf(opts.IO.ErrOut, "» %s …\n", label)
			return
		}
		if s.Err != "" {
			fmt.Fprintf(opts.IO.ErrOut, "✗ %s failed after %s\n", label, round(s.Duration))
			return
		}
		fmt.Fprintf(opts.IO.ErrOut, "✓ %s (%s)\n", label, round(s.Duration))
	}
	rep, err := pipelines.Run(ctx, cfg, st, pipelines.Options{Sources: opts.Sources, Kinds: kinds, Full: opts.Full, Retrain: opts.Retrain, Progress: progress, Rows: rows, Logger: logger})
	if opts.JSON {
		if jerr := cli.WriteJSON(opts.IO.Out, rep); jerr != nil && err == nil {
			err = jerr
		}
	} else if rep != nil {
		WriteSummary(opts.IO.Out, rep)
	}
	if err != nil {
		return fmt.Errorf("run %d: %w", rep.RunID, err)
	}
	if len(rep.Warnings) > 0 {
		return &cli.WarningsError{Msg: fmt.Sprintf("run %d finished with %d warning(s)", rep.RunID, len(rep.Warnings))}
	}
	return nil
}

// WriteSummary prints the report a person reads after a run.
func WriteSummary(w io.Writer, rep *pipelines.Report) {
	fmt.Fprintf(w, "Run %d: %s in %s\n\n", rep.RunID, rep.Status, round(rep.Duration))
	if rep.Ingest != nil {
		tw := tabwriter.NewWriter(w, 2, 4, 2, ' ', tabwriter.AlignRight)
		fmt.Fprintln(tw, "source\tkind\tread\tstored\tnew\tchanged\tunchanged\tdeleted\tquarantined\t")
		var read, stored, quar int64
		for _, s := range rep.Ingest.Sources {
			fmt.Fprintf(tw, "%s\t%s\t%d\t%d\t%d\t%d\t%d\t%d\t%d\t\n", s.Name, s.Kind, s.Read, s.Stored, s.New, s.Changed, s.Unchanged, s.Deleted, s.Quarantined)
			read, stored, quar = read+s.Read, stored+s.Stored, quar+s.Quarantined
		}
		fmt.Fprintf(tw, "total\t\t%d\t%d\t\t\t\t\t%d\t\n", read, stored, quar)
		tw.Flush()
		fmt.Fprintln(w)
	}
	if len(rep.Matching) > 0 || len(rep.Golden) > 0 {
		tw := tabwriter.NewWriter(w, 2, 4, 2, ' ', tabwriter.AlignRight)
		fmt.Fprintln(tw, "kind\trecords\tcandidate pairs\tlinked\tfor review\tgolden records\tcreated\tupdated\tmerged\tsplit\tretired\t")
		for _, m := range rep.Matching {
			var active, created, updated, merged, split, retired int64
			for _, g := range rep.Golden {
				if g.Kind == m.Kind {
					active, created, updated, merged, split, retired = g.Active, g.Created, g.Updated, g.Merged, g.Split, g.Retired
				}
			}
			fmt.Fprintf(tw, "%s\t%d\t%d\t%d\t%d\t%d\t%d\t%d\t%d\t%d\t%d\t\n", m.Kind, m.Records, m.CandidatePairs, m.Links, m.Review, active, created, updated, merged, split, retired)
		}
		tw.Flush()
		fmt.Fprintln(w)
	}
	for _, wn := range rep.Warnings {
		fmt.Fprintf(w, "warning: %s\n", wn)
	}
}

func round(d time.Duration) string {
	switch {
	case d < time.Second:
		return d.Round(time.Millisecond).String()
	default:
		return d.Round(100 * time.Millisecond).String()
	}
}
