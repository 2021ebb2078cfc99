// Package split is `golden split`: a steward's decision that some source
// records of a golden record are a different entity.
package split

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strings"

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

	ID      string
	Move    []string
	By      string
	Note    string
	NoApply bool
	JSON    bool
}

// New returns the split command. runF replaces the run function in tests.
func New(f *cli.Factory, runF func(*Options) error) *cobra.Command {
	opts := &Options{IO: f.IO, Factory: f}
	cmd := &cobra.Command{
		Use:   "split <golden-id> --move <source:source-id>...",
		Short: "Split a golden record: a steward's decision that some of its records are someone else",
		Long: `Record that the source records given with --move are not the same entity as the
rest of the golden record. The decision is stored as cannot-link pairs on
source-record keys (each moved record against each remaining one), plus must-links
that keep the moved records together, with a hash of the values you saw; no later
run merges them again, whatever the scores. It takes effect at once: the golden
record keeps its id and the moved records get a golden record of their own.
--no-apply only records it for the next run.`,
		Example: `  golden split P-42 --move housing:T0000024-03
  golden split P-42 --move school_census:B999 --move school_contacts:C58 --note "the daughter"`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Ctx = cmd.Context()
			opts.ID = args[0]
			if len(opts.Move) == 0 {
				return cli.Usagef("name the source records to move out with --move source:source_id")
			}
			for _, k := range opts.Move {
				if !strings.Contains(k, ":") {
					return cli.Usagef("--move %s: want source:source_id", k)
				}
			}
			if opts.By == "" {
				opts.By = cli.Username()
			}
			if runF != nil {
				return runF(opts)
			}
			return run(opts)
		},
	}
	cmd.Flags().StringArrayVar(&opts.Move, "move", nil, "a source record (source:source_id) to move out; repeat for several")
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
	g, err := steward.Lookup(ctx, st.DB, opts.ID)
	if errors.Is(err, golden.ErrNotFound) {
		return &cli.NotFoundError{What: opts.ID}
	}
	if err != nil {
		return err
	}
	ds, err := steward.PlanSplit(g, opts.Move)
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
	fmt.Fprintf(opts.IO.Out, "recorded %d decision(s) (%d already in force) by %s in run %d\n", res.Recorded, len(ds)-res.Recorded, opts.By, res.RunID)
	if res.Report == nil {
		fmt.Fprintln(opts.IO.Out, "not applied: the next `golden run` puts it into effect")
		return nil
	}
	r, err := golden.Resolve(ctx, st.DB, opts.Move[0])
	if err != nil {
		return err
	}
	fmt.Fprintf(opts.IO.Out, "%s keeps its id; the moved records are now in %s\n", opts.ID, r.ID)
	return nil
}
