// Package revoke is `golden revoke`: withdraw a steward's merge or split
// decision. The decision is kept for audit, marked inactive.
package revoke

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/council/golden/golden"
	"github.com/council/golden/golden/steward"
	"github.com/council/golden/internal/cli"
	"github.com/council/golden/record"
)

// Options are the command's inputs.
type Options struct {
	IO      *cli.IOStreams
	Factory *cli.Factory
	Ctx     context.Context

	Refs []string
	Run  int64
	By   string
	Note string
	JSON bool
}

// New returns the revoke command. runF replaces the run function in tests.
func New(f *cli.Factory, runF func(*Options) error) *cobra.Command {
	opts := &Options{IO: f.IO, Factory: f}
	cmd := &cobra.Command{
		Use:   "revoke {<golden-id | source:source-id> <golden-id | source:source-id>... | --run N}",
		Short: "Revoke a steward's merge or split decision: kept for audit, no longer honoured",
		Long: `Revoke the active steward decisions (must-link or cannot-link) between the
records of two different references: two source keys name one pair; a golden id
stands for all its current source records. With --run, revoke every decision
that one 'golden merge' or 'golden split' recorded (they print their run;
'golden review --decisions' lists every decision with its run).

A revoked decision is never deleted: it stays in the store, inactive, with who
revoked it, when, why (--note) and the steward run that revoked it.

Nothing is re-clustered at once: the next 'golden run' matches the records by
their scores alone, as if no steward had decided, and rebuilds their golden
records ('golden match' alone re-clusters them; the golden records follow on
the next run). A constraint written in golden.yaml is withdrawn by removing it
there.`,
		Example: `  golden revoke council_tax:A1001 housing:T77 --note "not the same person after all"
  golden revoke --run 42 --by j.smith
  golden revoke P-42 P-97`,
		Args: cobra.ArbitraryArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Ctx = cmd.Context()
			opts.Refs = args
			switch {
			case opts.Run < 0:
				return cli.Usagef("--run must be a run number")
			case opts.Run > 0 && len(args) > 0:
				return cli.Usagef("give references or --run, not both")
			case opts.Run == 0 && len(args) < 2:
				return cli.Usagef("name two references (golden ids or source:source_id keys) whose decision to revoke, or --run N\nSee 'golden revoke --help'.")
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
	cmd.Flags().Int64Var(&opts.Run, "run", 0, "revoke every decision this steward run recorded")
	cmd.Flags().StringVar(&opts.By, "by", "", "who revokes (default $USER)")
	cmd.Flags().StringVar(&opts.Note, "note", "", "why: kept with the revoked decision")
	cli.JSONFlag(cmd, &opts.JSON)
	return cmd
}

func run(opts *Options) error {
	ctx := opts.Ctx
	if ctx == nil {
		ctx = context.Background()
	}
	// Only the store is needed: nothing is rebuilt until the next run.
	st, err := opts.Factory.OpenStoreOnly(ctx)
	if err != nil {
		return err
	}
	defer st.Close()
	sel := steward.Selection{Run: opts.Run}
	for _, r := range opts.Refs {
		// A source key is taken as written, so that a decision on a record
		// deleted since can still be revoked; a golden id stands for its
		// current records.
		if src, id, ok := strings.Cut(r, ":"); ok {
			if src == "" || id == "" {
				return cli.Usagef("%q is not source:source_id", r)
			}
			sel.Groups = append(sel.Groups, []record.Key{{Source: src, SourceID: id}})
			continue
		}
		g, err := steward.Lookup(ctx, st.DB, r)
		if errors.Is(err, golden.ErrNotFound) {
			return &cli.NotFoundError{What: r}
		}
		if err != nil {
			return cli.Usagef("%v", err)
		}
		var ks []record.Key
		for _, k := range g.Keys() {
			src, id, _ := strings.Cut(k, ":")
			ks = append(ks, record.Key{Source: src, SourceID: id})
		}
		sel.Groups = append(sel.Groups, ks)
	}
	res, err := steward.Revoke(ctx, st, sel, steward.Options{By: opts.By, Note: opts.Note})
	var ce *steward.ConfigConstraintError
	switch {
	case errors.Is(err, steward.ErrNoDecision):
		what := "active steward decision between " + strings.Join(opts.Refs, " and ")
		if opts.Run > 0 {
			what = fmt.Sprintf("active steward decision recorded by run %d", opts.Run)
		}
		return &cli.NotFoundError{What: what}
	case errors.As(err, &ce):
		return &cli.UsageError{Err: err}
	case err != nil:
		return err
	}
	if opts.JSON {
		return cli.WriteJSON(opts.IO.Out, res)
	}
	for _, d := range res.Revoked {
		from := ""
		if d.Run > 0 {
			from = fmt.Sprintf(", run %d", d.Run)
		}
		fmt.Fprintf(opts.IO.Out, "revoked %s %s %s (decided by %s on %s%s)\n", d.Rule, d.A, d.B, d.DecidedBy, d.DecidedAt.Format("2006-01-02"), from)
	}
	fmt.Fprintf(opts.IO.Out, "revoked %d decision(s) by %s (run %d); kept for audit\n", len(res.Revoked), opts.By, res.RunID)
	fmt.Fprintln(opts.IO.Out, "the next `golden run` matches these records without them and rebuilds their golden records")
	return nil
}
