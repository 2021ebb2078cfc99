// Package generate is `golden generate`: build a synthetic council's extracts,
// golden.yaml and ground truth.
package generate

import (
	"context"
	"fmt"
	"time"

	"github.com/spf13/cobra"

	"github.com/council/golden/internal/cli"
	"github.com/council/golden/synthetic"
)

// Options are generate's inputs.
type Options struct {
	IO      *cli.IOStreams
	People  int
	Seed    int64
	Out     string
	Council string
	AsOf    string
	JSON    bool

	Governance   string
	Survivorship string
}

// New returns the generate command. runF, if not nil, replaces the run function (for tests).
func New(f *cli.Factory, runF func(*Options) error) *cobra.Command {
	opts := &Options{IO: f.IO}
	cmd := &cobra.Command{
		Use:   "generate",
		Short: "Generate a synthetic council: extracts of its systems, golden.yaml and the ground truth",
		Long: `Generate builds a synthetic city — a gazetteer of streets and properties,
households, people and businesses — and writes the extracts its council's
systems would produce, each in its own legacy format and with its own errors,
a golden.yaml that reads them, and the ground truth: truth.csv (the true entity
behind every source record), truth_relationships.csv and truth_corrupt.csv
(rows deliberately made unreadable). The same --people and --seed give the
same bytes.`,
		Example: `  golden generate --people 300 --seed 7 --governance policy.yaml --out testdata/demo
  golden generate --people 1000000 --out /tmp/city && golden run --config /tmp/city/golden.yaml`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if opts.People < 1 {
				return cli.Usagef("--people must be at least 1")
			}
			if opts.Out == "" {
				return cli.Usagef("--out is required")
			}
			if runF != nil {
				return runF(opts)
			}
			return run(cmd.Context(), opts)
		},
	}
	cmd.Flags().IntVar(&opts.People, "people", 1000, "residents to generate")
	cmd.Flags().Int64Var(&opts.Seed, "seed", 1, "random seed (the same seed gives the same bytes)")
	cmd.Flags().StringVar(&opts.Out, "out", "", "folder to write to (created if missing)")
	cmd.Flags().StringVar(&opts.Council, "council", "", "council name (default \"Demo City Council\")")
	cmd.Flags().StringVar(&opts.AsOf, "as-of", "", "extract date, YYYY-MM-DD (default 2026-09-30)")
	cmd.Flags().StringVar(&opts.Governance, "governance", "", "name this policy file in golden.yaml's governance: (not written by generate)")
	cmd.Flags().StringVar(&opts.Survivorship, "survivorship", "", "name this file in golden.yaml's survivorship: (not written by generate)")
	cli.JSONFlag(cmd, &opts.JSON)
	return cmd
}

func run(ctx context.Context, opts *Options) error {
	if ctx == nil {
		ctx = context.Background()
	}
	so := synthetic.Options{People: opts.People, Seed: opts.Seed, Council: opts.Council,
		Governance: opts.Governance, Survivorship: opts.Survivorship}
	if opts.AsOf != "" {
		t, err := time.Parse("2006-01-02", opts.AsOf)
		if err != nil {
			return cli.Usagef("--as-of %q: want YYYY-MM-DD", opts.AsOf)
		}
		so.AsOf = t
	}
	sum, err := synthetic.Generate(ctx, opts.Out, so)
	if err != nil {
		return err
	}
	if opts.JSON {
		return cli.WriteJSON(opts.IO.Out, sum)
	}
	fmt.Fprintf(opts.IO.Out, "%d people in %d households, %d properties, %d businesses\n",
		sum.People, sum.Households, sum.Properties, sum.Businesses)
	for _, name := range sum.SourceNames() {
		fmt.Fprintf(opts.IO.Out, "  %-26s %9d records", name, sum.Rows[name])
		if n := sum.Corrupt[name]; n > 0 {
			fmt.Fprintf(opts.IO.Out, " (+%d unreadable on purpose)", n)
		}
		fmt.Fprintln(opts.IO.Out)
	}
	fmt.Fprintf(opts.IO.Out, "  %d true relationships\n", sum.Relationships)
	fmt.Fprintf(opts.IO.ErrOut, "wrote %s in %s\n", opts.Out, sum.Elapsed.Round(time.Millisecond))
	return nil
}
