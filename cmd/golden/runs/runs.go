// Package runs is `golden runs`: the history of runs in the store.
package runs

import (
	"fmt"
	"text/tabwriter"
	"time"

	"github.com/spf13/cobra"

	"github.com/council/golden/internal/cli"
	"github.com/council/golden/pipelines"
)

// Options are runs' inputs.
type Options struct {
	IO      *cli.IOStreams
	Factory *cli.Factory
	Limit   int
	JSON    bool
}

// New returns the runs command. runF, if not nil, replaces the run function (for tests).
func New(f *cli.Factory, runF func(*Options) error) *cobra.Command {
	opts := &Options{IO: f.IO, Factory: f}
	cmd := &cobra.Command{
		Use:   "runs",
		Short: "List past runs: when, how long, status, and what each stage did",
		Example: `  golden runs               # the last 20 runs
  golden runs --limit 1 --json | jq '.[0].status'   # for a scheduler's health check
  golden runs --db /backup/golden.duckdb            # no golden.yaml needed`,
		RunE: func(cmd *cobra.Command, args []string) error {
			if opts.Limit < 1 {
				return cli.Usagef("--limit must be at least 1")
			}
			if runF != nil {
				return runF(opts)
			}
			return run(cmd, opts)
		},
	}
	cmd.Flags().IntVar(&opts.Limit, "limit", 20, "how many runs to list, newest first")
	cli.JSONFlag(cmd, &opts.JSON)
	return cmd
}

func run(cmd *cobra.Command, opts *Options) error {
	ctx := cmd.Context()
	// The history is in the store: with --db the project file is not needed.
	st, err := opts.Factory.OpenStoreOnly(ctx)
	if err != nil {
		return err
	}
	defer st.Close()
	hist, err := pipelines.History(ctx, st.DB, opts.Limit)
	if err != nil {
		return err
	}
	if opts.JSON {
		return cli.WriteJSON(opts.IO.Out, hist)
	}
	tw := tabwriter.NewWriter(opts.IO.Out, 2, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "RUN\tSTARTED\tTOOK\tSTATUS\tREAD\tQUARANTINED\tLINKED\tWARNINGS")
	for _, h := range hist {
		took := "-"
		if h.Finished != nil {
			took = h.Finished.Sub(h.Started).Round(100 * time.Millisecond).String()
		}
		read, quar, linked, warns := "-", "-", "-", "-"
		if h.Read != nil {
			read, quar = fmt.Sprint(*h.Read), fmt.Sprint(*h.Quarantined)
		}
		if r := h.Report; r != nil {
			var nr, nq, nl int64
			if r.Ingest != nil {
				for _, s := range r.Ingest.Sources {
					nr, nq = nr+s.Read, nq+s.Quarantined
				}
			}
			for _, m := range r.Matching {
				nl += m.Links
			}
			read, quar, linked, warns = fmt.Sprint(nr), fmt.Sprint(nq), fmt.Sprint(nl), fmt.Sprint(len(r.Warnings))
		}
		fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", h.RunID, h.Started.Local().Format("2006-01-02 15:04:05"), took, h.Status, read, quar, linked, warns)
	}
	return tw.Flush()
}
