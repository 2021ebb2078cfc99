// Package merge is `golden merge`: a steward's decision that golden
// records (or source records) are one entity.
package merge

import (
	"context"
	"errors"
	"fmt"
	"log/slog"

	"github.com/spf13/cobra"

	"github.com/council/golden/golden"
	"github.com/council/golden/golden/steward"
	"github.com/council/golden/internal/cli"
)

// Options are the command's inputs.
type Options struct {
	IO      *cli.IOStreams
	Factory *cli.Factory
	Ctx     context.Context

	Refs    []string
	By      string
	Note    string
	NoApply bool
	JSON    bool
}

// New returns the merge command. runF replaces the run function in tests.
func New(f *cli.Factory, runF func(*Options) error) *cobra.Command {
	opts := &Options{IO: f.IO, Factory: f}
	cmd := &cobra.Command{
		Use:   "merge <golden-id | source:source-id>...",
		Short: "Merge golden records: a steward's decision that they are one entity",
		Long: `Record that the given golden records (or source records) are one entity. The
decision is stored as must-link pairs on source-record keys (never on golden ids),
with a hash of the values you saw, so it survives every rebuild and is re-queued
in 'golden review' if those values change. It takes effect at once: the records
are re-clustered and their golden records rebuilt (the oldest id survives, the
others redirect to it). --no-apply only records it for the next run.`,
		Example: `  golden merge P-42 P-97 --note "same person: checked with housing"
  golden merge P-42 council_tax:A1001 --by j.smith`,
		Args: cobra.MinimumNArgs(2),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Ctx = cmd.Context()
			opts.Refs = args
			if opts.By == "" {
				opts.By = cli.Username()
			}
			if runF != nil {
				return runF(opts)
			}
			return run(opts)
		},
	}
	cmd.Flags().StringVar(&opts.By, "by", "", "who decides (default $USER)")
	cmd.Flags().StringVar(&opts.Note, "note", "", "why: kept with the decision")
	cmd.Flags().BoolVar(&opts.NoApply, "no-apply", false, "only record the decision; it takes effect on the next run")
	cli.JSONFlag(cmd, &opts.JSON)
	return cmd
}

func run(opts *Options) error {
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
	var groups []*steward.Group
	for _, r := range opts.Refs {
		g, err := steward.Lookup(ctx, st.DB, r)
		if err != nil {
			if errors.Is(err, golden.ErrNotFound) {
				return &cli.NotFoundError{What: r}
			}
			return err
		}
		groups = append(groups, g)
	}
	ds, err := steward.PlanMerge(groups)
	if err != nil {
		return cli.Usagef("%v", err)
	}
	res, err := steward.Commit(ctx, st, ds, steward.Options{By: opts.By, Note: opts.Note, Config: cfg, NoApply: opts.NoApply,
		Logger: slog.New(slog.DiscardHandler)})
	if err != nil {
		return err
	}
	if opts.JSON {
		return cli.WriteJSON(opts.IO.Out, res)
	}
	fmt.Fprintf(opts.IO.Out, "recorded %d must-link decision(s) (%d already in force) by %s in run %d\n", res.Recorded, len(ds)-res.Recorded, opts.By, res.RunID)
	if res.Report == nil {
		fmt.Fprintln(opts.IO.Out, "not applied: the next `golden run` puts it into effect")
		return nil
	}
	r, err := golden.Resolve(ctx, st.DB, groups[0].Keys()[0])
	if err != nil {
		return err
	}
	fmt.Fprintf(opts.IO.Out, "golden record %s now holds them (run %d: %d updated, %d retired)\n", r.ID, res.RunID, res.Report.Updated, res.Report.Retired)
	return nil
}
