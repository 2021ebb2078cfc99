// Package exportclusters is `golden export clusters`: every clustered
// source record with its cluster, golden id and match probability.
package exportclusters

import (
	"context"
	"fmt"
	"os"
	"path/filepath"

	"github.com/spf13/cobra"

	"github.com/council/golden/internal/cli"
	"github.com/council/golden/matching"
	"github.com/council/golden/record"
)

// Options are the command's inputs.
type Options struct {
	IO      *cli.IOStreams
	Factory *cli.Factory
	Ctx     context.Context

	Kind   string
	Format string
	Out    string
}

// New returns the `export clusters` command. runF replaces the run
// function in tests.
func New(f *cli.Factory, runF func(*Options) error) *cobra.Command {
	opts := &Options{IO: f.IO, Factory: f}
	cmd := &cobra.Command{
		Use:   "clusters [--kind KIND] [--format csv|json|parquet] [--out FILE]",
		Short: "Export clusters: source, source id, cluster id, golden id and match probability per record",
		Long: `Export the current clustering: one row per source record with its cluster id (the
smallest rid in the cluster), the golden id built from it when golden records
exist, and the highest probability linking it to another member (0 for a
singleton). Parquet needs --out; CSV and JSON go to stdout without it.`,
		Example: `  golden export clusters --format csv --out clusters.csv
  golden export clusters --kind person --format parquet --out people.parquet
  golden export clusters --kind business --format json | jq length`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Ctx = cmd.Context()
			if opts.Kind != "" {
				if _, err := record.ParseKind(opts.Kind); err != nil {
					return cli.Usagef("--kind: %v", err)
				}
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
	cmd.Flags().StringVar(&opts.Kind, "kind", "", "export only `KIND` (default every kind)")
	cmd.Flags().StringVar(&opts.Format, "format", "", "csv, json or parquet (default: from --out's extension, else csv)")
	cmd.Flags().StringVarP(&opts.Out, "out", "o", "", "write to `FILE` instead of stdout")
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
	kind := record.Kind(opts.Kind)
	var n int64
	switch {
	case opts.Format == "parquet":
		abs, aerr := filepath.Abs(opts.Out)
		if aerr != nil {
			return aerr
		}
		if n, err = matching.ExportClustersParquet(ctx, st, abs, kind); err != nil {
			return err
		}
		os.Chmod(abs, 0o600)
	case opts.Out != "":
		f, ferr := os.OpenFile(opts.Out, os.O_CREATE|os.O_TRUNC|os.O_WRONLY, 0o600)
		if ferr != nil {
			return fmt.Errorf("export clusters: %w", ferr)
		}
		defer func() {
			if cerr := f.Close(); err == nil && cerr != nil {
				err = fmt.Errorf("export clusters: %w", cerr)
			}
		}()
		if n, err = matching.ExportClusters(ctx, st.DB, f, kind, opts.Format); err != nil {
			return err
		}
	default:
		if n, err = matching.ExportClusters(ctx, st.DB, opts.IO.Out, kind, opts.Format); err != nil {
			return err
		}
	}
	where := "stdout"
	if opts.Out != "" {
		where = opts.Out
	}
	fmt.Fprintf(opts.IO.ErrOut, "exported %d clustered records to %s\n", n, where)
	return nil
}
