// Package exportgolden is `golden export golden`: the golden records of a
// kind as CSV, JSON or Parquet.
package exportgolden

import (
	"context"
	"fmt"
	"os"
	"path/filepath"

	"github.com/spf13/cobra"

	"github.com/council/golden/golden"
	"github.com/council/golden/internal/cli"
	"github.com/council/golden/record"
)

// Options are the command's inputs.
type Options struct {
	IO      *cli.IOStreams
	Factory *cli.Factory
	Ctx     context.Context

	Kind    string
	Format  string
	Out     string
	Retired bool
}

// New returns the `export golden` command. runF replaces the run function
// in tests.
func New(f *cli.Factory, runF func(*Options) error) *cobra.Command {
	opts := &Options{IO: f.IO, Factory: f}
	cmd := &cobra.Command{
		Use:   "golden --kind KIND [--format csv|json|parquet] [--out FILE]",
		Short: "Export golden records: one row per golden id with the surviving values",
		Long: `Export the golden records of one kind: golden id, version, runs, flags, sources,
member count and one column per canonical field. Active records only, unless
--retired. The file holds personal data: it is created readable by you only.
Parquet needs --out; CSV and JSON go to stdout without it.`,
		Example: `  golden export golden --kind person --format csv --out people.csv
  golden export golden --kind property --format parquet --out properties.parquet
  golden export golden --kind business --format json | jq length`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Ctx = cmd.Context()
			if opts.Kind == "" {
				return cli.Usagef("--kind is required (person, property or business)")
			}
			if _, err := record.ParseKind(opts.Kind); err != nil {
				return cli.Usagef("--kind: %v", err)
			}
			format, err := cli.ExportFormat(opts.Format, opts.Out)
			if err != nil {
				return err
			}
			opts.Format = format
			if runF != nil {
				return runF(opts)
			}
			return run(opts)
		},
	}
	cmd.Flags().StringVar(&opts.Kind, "kind", "", "the kind to export: person, property or business")
	cmd.Flags().StringVar(&opts.Format, "format", "", "csv, json or parquet (default: from --out's extension, else csv)")
	cmd.Flags().StringVarP(&opts.Out, "out", "o", "", "write to `FILE` instead of stdout")
	cmd.Flags().BoolVar(&opts.Retired, "retired", false, "include retired ids (status retired, redirect_to)")
	return cmd
}

func run(opts *Options) (err error) {
	ctx := opts.Ctx
	if ctx == nil {
		ctx = context.Background()
	}
	st, err := opts.Factory.OpenStoreOnly(ctx)
	if err != nil {
		return err
	}
	defer st.Close()
	eo := golden.ExportOptions{Kind: record.Kind(opts.Kind), Format: opts.Format, Retired: opts.Retired}
	var n int64
	switch {
	case opts.Format == "parquet":
		abs, aerr := filepath.Abs(opts.Out)
		if aerr != nil {
			return aerr
		}
		if n, err = golden.ExportParquet(ctx, st, abs, eo); err != nil {
			return err
		}
		os.Chmod(abs, 0o600)
	case opts.Out != "":
		f, ferr := os.OpenFile(opts.Out, os.O_CREATE|os.O_TRUNC|os.O_WRONLY, 0o600)
		if ferr != nil {
			return fmt.Errorf("export golden: %w", ferr)
		}
		defer func() {
			if cerr := f.Close(); err == nil && cerr != nil {
				err = fmt.Errorf("export golden: %w", cerr)
			}
		}()
		if n, err = golden.Export(ctx, st.DB, f, eo); err != nil {
			return err
		}
	default:
		if n, err = golden.Export(ctx, st.DB, opts.IO.Out, eo); err != nil {
			return err
		}
	}
	where := "stdout"
	if opts.Out != "" {
		where = opts.Out
	}
	fmt.Fprintf(opts.IO.ErrOut, "exported %d %s golden records to %s\n", n, opts.Kind, where)
	return nil
}
