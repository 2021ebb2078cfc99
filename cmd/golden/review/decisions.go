package review

import (
	"context"
	"fmt"
	"io"
	"text/tabwriter"

	"github.com/council/golden/golden/steward"
	"github.com/council/golden/internal/cli"
	"github.com/council/golden/record"
	"github.com/council/golden/store"
)

// listDecisions prints the decisions in force (and the revoked ones if
// asked), newest first, at most --limit of them.
func listDecisions(ctx context.Context, opts *Options, q store.Querier) error {
	ds, err := steward.Decisions(ctx, q, steward.DecisionOptions{Kind: record.Kind(opts.Kind), Revoked: opts.Revoked, Limit: opts.Limit + 1})
	if err != nil {
		return err
	}
	cut := len(ds) > opts.Limit
	if cut {
		ds = ds[:opts.Limit]
	}
	if opts.JSON {
		if err := cli.WriteJSON(opts.IO.Out, ds); err != nil {
			return err
		}
	} else if len(ds) == 0 {
		fmt.Fprintln(opts.IO.ErrOut, "no decisions")
		return nil
	} else {
		var w io.Writer = opts.IO.Out
		var tw *tabwriter.Writer
		if opts.IO.IsTerminal {
			tw = tabwriter.NewWriter(opts.IO.Out, 2, 4, 2, ' ', 0)
			w = tw
		}
		fmt.Fprintln(w, "STATUS\tKIND\tRULE\tA\tB\tDECIDED BY\tDECIDED\tRUN\tREVOKED BY\tREVOKED\tNOTE")
		for _, d := range ds {
			status, run, revBy, revAt, note := "active", "-", "-", "-", d.Note
			if !d.Active {
				status = "revoked"
				revBy = d.RevokedBy
				if d.RevokedAt != nil {
					revAt = d.RevokedAt.Local().Format("2006-01-02 15:04")
				}
				if d.RevokeNote != "" {
					note = d.RevokeNote
				}
			}
			if d.Origin == "config" {
				status = "golden.yaml"
			}
			if d.Run > 0 {
				run = fmt.Sprint(d.Run)
			}
			if note == "" {
				note = "-"
			}
			fmt.Fprintf(w, "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", status, d.Kind, d.Rule, d.A, d.B, d.DecidedBy,
				d.DecidedAt.Local().Format("2006-01-02 15:04"), run, revBy, revAt, note)
		}
		if tw != nil {
			if err := tw.Flush(); err != nil {
				return err
			}
		}
	}
	if cut {
		fmt.Fprintf(opts.IO.ErrOut, "showing the newest %d decisions; --limit N lists more\n", opts.Limit)
	}
	return nil
}
