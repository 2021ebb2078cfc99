package policy

import (
	"fmt"
	"time"

	"github.com/spf13/cobra"

	"github.com/council/golden/internal/cli"
	gov "github.com/council/golden/rules/policy"
)

// LintOptions are lint's inputs.
type LintOptions struct {
	IO     *cli.IOStreams
	Policy string // --policy; default golden.yaml's governance:
	Date   string // --date YYYY-MM-DD; default today
	JSON   bool
	Now    time.Time

	factory *cli.Factory
}

// NewLint returns `golden policy lint`. runF, if not nil, replaces the run function (for tests).
func NewLint(f *cli.Factory, runF func(*LintOptions) error) *cobra.Command {
	opts := &LintOptions{IO: f.IO, factory: f}
	cmd := &cobra.Command{
		Use:   "lint",
		Short: "Check the policy: unknown fields, partners and flags, expired agreements, CEL errors, missing keys",
		Long: `Check the governance policy and print each problem with its file and line.
Misspelt names get the nearest known name as a suggestion.

Exit status: 0 clean, 2 errors (nothing is shared under an agreement with
errors), 3 warnings only (for example an agreement past its review date).`,
		Example: `  golden policy lint
  golden policy lint --policy draft-policy.yaml
  golden policy lint --date 2027-04-01          # what will have expired by then?
  golden policy lint --json | jq '.[] | select(.severity == "error")'`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Now = time.Now()
			if opts.Date != "" {
				d, err := time.Parse("2006-01-02", opts.Date)
				if err != nil {
					return cli.Usagef("--date %q: want YYYY-MM-DD", opts.Date)
				}
				opts.Now = d
			}
			if runF != nil {
				return runF(opts)
			}
			return runLint(opts)
		},
	}
	cmd.Flags().StringVar(&opts.Policy, "policy", "", "policy file (default: governance: in golden.yaml)")
	cmd.Flags().StringVar(&opts.Date, "date", "", "check as of this date, YYYY-MM-DD (default today)")
	cli.JSONFlag(cmd, &opts.JSON)
	return cmd
}

func runLint(opts *LintOptions) error {
	path, sources, err := policyPath(opts.factory, opts.Policy)
	if err != nil {
		return err
	}
	_, ds, err := load(path, opts.Now, sources)
	if err != nil {
		return err
	}
	ds.Sort()
	if opts.JSON {
		if ds == nil {
			ds = gov.Diagnostics{}
		}
		if err := cli.WriteJSON(opts.IO.Out, ds); err != nil {
			return err
		}
	} else {
		for _, d := range ds {
			fmt.Fprintln(opts.IO.Out, d)
		}
	}
	nerr := len(ds.Errors())
	nwarn := len(ds) - nerr
	switch {
	case nerr > 0:
		return cli.Usagef("%s: %d error(s), %d warning(s)", path, nerr, nwarn)
	case nwarn > 0:
		return &cli.WarningsError{Msg: fmt.Sprintf("%s: %d warning(s)", path, nwarn)}
	}
	fmt.Fprintf(opts.IO.ErrOut, "%s: ok\n", path)
	return nil
}
