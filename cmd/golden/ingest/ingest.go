// Package ingest is `golden ingest`: read the sources of golden.yaml into
// the store and print how every row was accounted for.
package ingest

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/council/golden/config"
	"github.com/council/golden/connectors"
	"github.com/council/golden/internal/cli"
)

// Options are ingest's inputs.
type Options struct {
	IO      *cli.IOStreams
	Factory *cli.Factory
	Sources []string
	JSON    bool
	Verbose bool
}

// New returns the ingest command. runF, if not nil, replaces the run function (for tests).
func New(f *cli.Factory, runF func(*Options) error) *cobra.Command {
	opts := &Options{IO: f.IO, Factory: f}
	cmd := &cobra.Command{
		Use:   "ingest",
		Short: "Read the sources into the store: map, validate, quarantine, detect changes",
		Long: `Read every source in golden.yaml (or those named with --source) into the store.

Each source is applied in one transaction: if a whole file fails (missing,
wrong sheet, a layout that does not fit, a refused connection) the store is
left as it was and the command fails naming the source. Rows that cannot be
read or mapped go to quarantine (see 'golden export quarantine').

The summary reconciles every source: read = stored + quarantined, and
stored = new + changed + unchanged. Exit 3 when rows were quarantined or a
warning (an ambiguous day/month order, a duplicate header name) was raised.`,
		Example: `  golden ingest
  golden ingest --source council_tax --source housing
  golden ingest --json | jq '.sources[] | {name, quarantined}'`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if runF != nil {
				return runF(opts)
			}
			return run(cmd.Context(), opts)
		},
	}
	cmd.Flags().StringArrayVarP(&opts.Sources, "source", "s", nil, "ingest only this source (repeatable)")
	cmd.Flags().BoolVarP(&opts.Verbose, "verbose", "v", false, "log progress to stderr (GOLDEN_LOG=debug adds each step's time)")
	cli.JSONFlag(cmd, &opts.JSON)
	return cmd
}

func run(ctx context.Context, opts *Options) error {
	if ctx == nil {
		ctx = context.Background()
	}
	cfg, err := opts.Factory.Config()
	if err != nil {
		return err
	}
	// A mistake in golden.yaml is a usage error, found before the store is opened.
	if err := connectors.Check(cfg); err != nil {
		return &cli.UsageError{Err: err}
	}
	st, err := opts.Factory.OpenStore(ctx, cfg)
	if err != nil {
		return err
	}
	defer st.Close()
	// Progress and step timings go to stderr at the GOLDEN_LOG level, as in
	// the other commands; --verbose is GOLDEN_LOG=info at least.
	log := opts.Factory.Logger()
	if opts.Verbose && !log.Enabled(ctx, slog.LevelInfo) {
		log = slog.New(slog.NewTextHandler(opts.IO.ErrOut, nil))
	}
	// Rows read so far, drawn on a terminal when no log lines would cross it.
	var progress func(string, int64, bool)
	if !log.Enabled(ctx, slog.LevelInfo) {
		progress = opts.IO.RowProgress()
	}
	rep, err := connectors.Ingest(ctx, st, cfg, connectors.IngestOptions{Sources: opts.Sources, Logger: log, Progress: progress})
	if err != nil {
		var ce *config.Error
		if errors.As(err, &ce) {
			return &cli.UsageError{Err: err}
		}
		if rep != nil && len(rep.Sources) > 0 {
			Summary(opts.IO.ErrOut, rep)
		}
		return fmt.Errorf("ingest: %w", err)
	}
	if opts.JSON {
		if err := cli.WriteJSON(opts.IO.Out, rep); err != nil {
			return err
		}
	} else {
		Summary(opts.IO.ErrOut, rep)
	}
	q, w := rep.Quarantined(), rep.Warnings()
	if q > 0 || len(w) > 0 {
		var parts []string
		if q > 0 {
			parts = append(parts, fmt.Sprintf("%d rows quarantined (golden export quarantine lists them)", q))
		}
		if len(w) > 0 {
			parts = append(parts, fmt.Sprintf("%d warnings", len(w)))
		}
		return &cli.WarningsError{Msg: "ingest finished with " + strings.Join(parts, " and ")}
	}
	return nil
}

// Summary prints the reconciliation table and the warnings.
func Summary(w io.Writer, rep *connectors.IngestReport) {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintf(tw, "SOURCE\tKIND\tREAD\tSTORED\tNEW\tCHANGED\tUNCHANGED\tDELETED\tQUARANTINED\n")
	var t connectors.SourceReport
	for _, s := range rep.Sources {
		fmt.Fprintf(tw, "%s\t%s\t%d\t%d\t%d\t%d\t%d\t%d\t%d\n", s.Name, s.Kind, s.Read, s.Stored, s.New, s.Changed, s.Unchanged, s.Deleted, s.Quarantined)
		t.Read += s.Read
		t.Stored += s.Stored
		t.New += s.New
		t.Changed += s.Changed
		t.Unchanged += s.Unchanged
		t.Deleted += s.Deleted
		t.Quarantined += s.Quarantined
	}
	if len(rep.Sources) > 1 {
		fmt.Fprintf(tw, "total\t\t%d\t%d\t%d\t%d\t%d\t%d\t%d\n", t.Read, t.Stored, t.New, t.Changed, t.Unchanged, t.Deleted, t.Quarantined)
	}
	tw.Flush()
	fmt.Fprintf(w, "run %d: read = stored + quarantined for every source\n", rep.RunID)
	for _, msg := range rep.Warnings() {
		fmt.Fprintf(w, "warning: %s\n", msg)
	}
}
