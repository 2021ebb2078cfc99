// Package exportquarantine is `golden export quarantine`: list the rows that
// could not be read or mapped, with where they came from and why.
package exportquarantine

import (
	"context"
	"database/sql"
	"encoding/csv"
	"fmt"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/spf13/cobra"

	"github.com/council/golden/internal/cli"
)

// Options are the command's inputs.
type Options struct {
	IO      *cli.IOStreams
	Factory *cli.Factory
	Sources []string
	RunID   int64 // 0: every run's; -1: the latest run's
	Latest  bool
	Format  string // table | csv | json
	Raw     bool   // include the raw content
	Limit   int
}

// Row is one quarantined row.
type Row struct {
	RunID  int64     `json:"run_id"`
	Source string    `json:"source"`
	File   string    `json:"file"`
	Line   int64     `json:"line"`
	Field  string    `json:"field,omitempty"`
	Reason string    `json:"reason"`
	Raw    string    `json:"raw,omitempty"`
	At     time.Time `json:"quarantined_at"`
}

// New returns the command. runF, if not nil, replaces the run function (for tests).
func New(f *cli.Factory, runF func(*Options) error) *cobra.Command {
	opts := &Options{IO: f.IO, Factory: f}
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "quarantine",
		Short: "List quarantined rows: source, file, line, field, reason (and raw content)",
		Long: `List the rows that ingest could not read or map, with the source, file,
line (or row, or record number), the field at fault and the reason.

The raw content holds personal data: it is printed only with --raw, which a
data steward uses to fix the source system's extract.`,
		Example: `  golden export quarantine
  golden export quarantine --source council_tax --latest
  golden export quarantine --format csv --raw > quarantine.csv
  golden export quarantine --json | jq 'group_by(.reason) | map({reason: .[0].reason, n: length})'`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if asJSON {
				opts.Format = "json"
			}
			switch opts.Format {
			case "table", "csv", "json":
			default:
				return cli.Usagef("--format %q (want table, csv or json)", opts.Format)
			}
			if runF != nil {
				return runF(opts)
			}
			return run(cmd.Context(), opts)
		},
	}
	cmd.Flags().StringArrayVarP(&opts.Sources, "source", "s", nil, "only this source (repeatable)")
	cmd.Flags().Int64Var(&opts.RunID, "run", 0, "only this run's rows")
	cmd.Flags().BoolVar(&opts.Latest, "latest", false, "only the latest run's rows")
	cmd.Flags().StringVar(&opts.Format, "format", "table", "table, csv or json")
	cmd.Flags().BoolVar(&opts.Raw, "raw", false, "include the raw content (personal data)")
	cmd.Flags().IntVar(&opts.Limit, "limit", 0, "at most this many rows (0: all)")
	cli.JSONFlag(cmd, &asJSON)
	return cmd
}

func run(ctx context.Context, opts *Options) error {
	if ctx == nil {
		ctx = context.Background()
	}
	st, err := opts.Factory.OpenStoreOnly(ctx)
	if err != nil {
		return err
	}
	defer st.Close()
	q := `SELECT run_id, source, coalesce(file, ''), coalesce(line, 0), coalesce(field, ''), reason, coalesce(raw, ''), quarantined_at FROM quarantine WHERE true`
	var args []any
	if len(opts.Sources) > 0 {
		q += ` AND source IN (` + strings.TrimSuffix(strings.Repeat("?, ", len(opts.Sources)), ", ") + `)`
		for _, s := range opts.Sources {
			args = append(args, s)
		}
	}
	switch {
	case opts.RunID > 0:
		var n int
		if err := st.DB.QueryRowContext(ctx, `SELECT count(*) FROM ingest_runs WHERE run_id = ?`, opts.RunID).Scan(&n); err != nil {
			return fmt.Errorf("export quarantine: %w", err)
		}
		if n == 0 {
			return &cli.NotFoundError{What: fmt.Sprintf("run %d", opts.RunID), Hint: "golden runs lists them"}
		}
		q += ` AND run_id = ?`
		args = append(args, opts.RunID)
	case opts.Latest:
		q += ` AND run_id = (SELECT max(run_id) FROM quarantine)`
	}
	q += ` ORDER BY run_id, source, file, line`
	if opts.Limit > 0 {
		q += fmt.Sprintf(` LIMIT %d`, opts.Limit)
	}
	rows, err := st.DB.QueryContext(ctx, q, args...)
	if err != nil {
		return fmt.Errorf("export quarantine: %w", err)
	}
	defer rows.Close()
	return write(opts, rows)
}

func write(opts *Options, rows *sql.Rows) error {
	out := opts.IO.Out
	var list []Row
	var cw *csv.Writer
	var tw *tabwriter.Writer
	switch opts.Format {
	case "csv":
		cw = csv.NewWriter(out)
		head := []string{"run_id", "source", "file", "line", "field", "reason"}
		if opts.Raw {
			head = append(head, "raw")
		}
		cw.Write(head)
	case "table":
		tw = tabwriter.NewWriter(out, 0, 0, 2, ' ', 0)
		fmt.Fprintln(tw, "RUN\tSOURCE\tFILE\tLINE\tFIELD\tREASON")
	}
	n := 0
	for rows.Next() {
		var r Row
		if err := rows.Scan(&r.RunID, &r.Source, &r.File, &r.Line, &r.Field, &r.Reason, &r.Raw, &r.At); err != nil {
			return fmt.Errorf("export quarantine: %w", err)
		}
		if !opts.Raw {
			r.Raw = ""
		}
		n++
		switch opts.Format {
		case "json":
			list = append(list, r)
		case "csv":
			rec := []string{fmt.Sprint(r.RunID), r.Source, r.File, fmt.Sprint(r.Line), r.Field, r.Reason}
			if opts.Raw {
				rec = append(rec, r.Raw)
			}
			cw.Write(rec)
		default:
			fmt.Fprintf(tw, "%d\t%s\t%s\t%d\t%s\t%s\n", r.RunID, r.Source, r.File, r.Line, r.Field, r.Reason)
			if opts.Raw {
				fmt.Fprintf(tw, "\t\t\t\traw:\t%s\n", oneLine(r.Raw))
			}
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("export quarantine: %w", err)
	}
	switch opts.Format {
	case "json":
		if list == nil {
			list = []Row{}
		}
		return cli.WriteJSON(out, list)
	case "csv":
		cw.Flush()
		return cw.Error()
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	fmt.Fprintf(opts.IO.ErrOut, "%d quarantined rows\n", n)
	return nil
}

func oneLine(s string) string {
	s = strings.NewReplacer("\n", `\n`, "\r", `\r`, "\t", `\t`).Replace(s)
	if len(s) > 200 {
		s = s[:200] + "…"
	}
	return s
}
