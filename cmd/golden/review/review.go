// Package review is `golden review`: what a data steward should look at.
package review

import (
	"context"
	"fmt"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/council/golden/golden/steward"
	"github.com/council/golden/internal/cli"
	"github.com/council/golden/record"
)

// Options are the command's inputs.
type Options struct {
	IO      *cli.IOStreams
	Factory *cli.Factory
	Ctx     context.Context

	Kind      string
	Limit     int
	JSON      bool
	Decisions bool // list the decisions instead of the queue
	Revoked   bool // with Decisions: the revoked ones too
}

// New returns the review command. runF replaces the run function in tests.
func New(f *cli.Factory, runF func(*Options) error) *cobra.Command {
	opts := &Options{IO: f.IO, Factory: f}
	cmd := &cobra.Command{
		Use:   "review",
		Short: "List what needs a steward: changed decisions, conflicting identifiers, possible duplicates",
		Long: `List what needs a data steward's decision:

  recheck             an earlier merge or split whose records changed since
  conflict            a golden record whose source records give different valid
                      identifiers (NHS number, NI number, company number): a
                      possible wrong merge; split it with 'golden split'
  possible-duplicate  a scored pair above the review threshold in two golden
                      records: merge them with 'golden merge' if they are one

At most --limit items of each type and kind are listed, most urgent first; when
that leaves some out, a line on stderr says "showing N of M". --json prints
{"items": [...], "shown": N, "total": M, "counts": [per kind and type]}.

Exit code 3 when there is anything to review, so a scheduler can notify.

--decisions lists the decisions in force instead, newest first: the stewards'
(who, when, the run that recorded them, the note) and golden.yaml's
constraints; --revoked adds the revoked ones, with who revoked them and when.`,
		Example: `  golden review
  golden review --kind person --limit 20
  golden review --json | jq '.items[] | select(.type == "conflict")'
  golden review --json | jq .total
  golden review --decisions --revoked`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Ctx = cmd.Context()
			if opts.Kind != "" {
				if _, err := record.ParseKind(opts.Kind); err != nil {
					return cli.Usagef("--kind: %v", err)
				}
			}
			if opts.Limit < 1 {
				return cli.Usagef("--limit must be at least 1")
			}
			if opts.Revoked {
				opts.Decisions = true
			}
			if runF != nil {
				return runF(opts)
			}
			return run(opts)
		},
	}
	cmd.Flags().StringVar(&opts.Kind, "kind", "", "only this kind (person, property, business)")
	cmd.Flags().IntVar(&opts.Limit, "limit", steward.DefaultLimit, "at most this many items of each type and kind")
	cmd.Flags().BoolVar(&opts.Decisions, "decisions", false, "list the steward decisions and golden.yaml constraints in force")
	cmd.Flags().BoolVar(&opts.Revoked, "revoked", false, "with --decisions: the revoked decisions too")
	cli.JSONFlag(cmd, &opts.JSON)
	return cmd
}

func run(opts *Options) error {
	ctx := opts.Ctx
	if ctx == nil {
		ctx = context.Background()
	}
	st, err := opts.Factory.OpenStoreOnly(ctx)
	if err != nil {
		return err
	}
	defer st.Close()
	if opts.Decisions {
		return listDecisions(ctx, opts, st.DB)
	}
	q, err := steward.Review(ctx, st.DB, steward.ReviewOptions{Kind: record.Kind(opts.Kind), Limit: opts.Limit})
	if err != nil {
		return err
	}
	if opts.JSON {
		if err := cli.WriteJSON(opts.IO.Out, q); err != nil {
			return err
		}
	} else if err := printQueue(opts.IO, q); err != nil {
		return err
	}
	if q.Total > 0 {
		return &cli.WarningsError{Msg: fmt.Sprintf("%d item(s) to review", q.Total)}
	}
	return nil
}

// print writes the queue as a table (tab-separated lines to a pipe), and
// says on ErrOut when the limit cut it.
func printQueue(ios *cli.IOStreams, q *steward.Queue) error {
	if q.Total == 0 {
		fmt.Fprintln(ios.ErrOut, "nothing to review")
		return nil
	}
	var w = ios.Out
	var tw *tabwriter.Writer
	if ios.IsTerminal {
		tw = tabwriter.NewWriter(ios.Out, 2, 4, 2, ' ', 0)
		w = tw
	}
	fmt.Fprintln(w, "TYPE\tKIND\tWHAT\tWHY")
	for _, it := range q.Items {
		what := strings.Join(it.GoldenIDs, " ")
		if it.Type == "recheck" {
			what = fmt.Sprintf("%s %s %s (by %s)", it.A, it.Rule, it.B, it.DecidedBy)
		}
		fmt.Fprintf(w, "%s\t%s\t%s\t%s\n", it.Type, it.Kind, what, it.Why)
	}
	if tw != nil {
		if err := tw.Flush(); err != nil {
			return err
		}
	}
	if q.Cut() {
		var cut []string
		for _, c := range q.Counts {
			if c.Shown < c.Total {
				cut = append(cut, fmt.Sprintf("%s %s %d of %d", c.Kind, c.Type, c.Shown, c.Total))
			}
		}
		fmt.Fprintf(ios.ErrOut, "showing %d of %d items (%s); --limit N lists up to N of each type and kind\n",
			q.Shown, q.Total, strings.Join(cut, ", "))
	}
	return nil
}
