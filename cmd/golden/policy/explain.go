package policy

import (
	"errors"
	"fmt"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/spf13/cobra"

	"github.com/council/golden/internal/cli"
	gov "github.com/council/golden/rules/policy"
)

// ExplainOptions are explain's inputs.
type ExplainOptions struct {
	IO        *cli.IOStreams
	Policy    string
	Partner   string
	Agreement string
	Date      string // YYYY-MM-DD; default today
	JSON      bool

	factory *cli.Factory
}

// NewExplain returns `golden policy explain`. runF, if not nil, replaces the run function (for tests).
func NewExplain(f *cli.Factory, runF func(*ExplainOptions) error) *cobra.Command {
	opts := &ExplainOptions{IO: f.IO, factory: f}
	cmd := &cobra.Command{
		Use:   "explain --partner P",
		Short: "Say, field by field, what a partner's agreements share, how it is transformed and which clause decides",
		Example: `  golden policy explain --partner nhs-essex
  golden policy explain --partner essex-police --agreement ISA-POLICE-2026-007
  golden policy explain --partner adult-social-care --date 2027-04-01   # will it still apply then?
  golden policy explain --partner nhs-essex --json`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if opts.Partner == "" {
				return cli.Usagef("--partner is required%s\nSee 'golden policy explain --help'.", partnersHint(opts))
			}
			if runF != nil {
				return runF(opts)
			}
			return runExplain(opts)
		},
	}
	cmd.Flags().StringVar(&opts.Policy, "policy", "", "policy file (default: governance: in golden.yaml)")
	cmd.Flags().StringVar(&opts.Partner, "partner", "", "partner or internal role id")
	cmd.Flags().StringVar(&opts.Agreement, "agreement", "", "one agreement's reference (default: all of the partner's)")
	cmd.Flags().StringVar(&opts.Date, "date", "", "explain as of this date, YYYY-MM-DD (default today)")
	cli.JSONFlag(cmd, &opts.JSON)
	return cmd
}

func runExplain(opts *ExplainOptions) error {
	now := time.Now()
	if opts.Date != "" {
		d, err := time.Parse("2006-01-02", opts.Date)
		if err != nil {
			return cli.Usagef("--date %q: want YYYY-MM-DD", opts.Date)
		}
		now = d
	}
	path, sources, err := policyPath(opts.factory, opts.Policy)
	if err != nil {
		return err
	}
	eng, _, err := load(path, now, sources)
	if err != nil {
		return err
	}
	if eng == nil {
		return cli.Usagef("%s is not valid YAML: run `golden policy lint`", path)
	}
	xs, err := eng.Explain(opts.Partner, opts.Agreement, now)
	var ue *gov.UnknownError
	if errors.As(err, &ue) {
		return cli.Usagef("%v", err)
	}
	if err != nil {
		var de *gov.DeniedError
		if errors.As(err, &de) {
			fmt.Fprintln(opts.IO.ErrOut, de.Reason)
			return nil
		}
		return err
	}
	if opts.JSON {
		if xs == nil {
			xs = []gov.Explanation{}
		}
		return cli.WriteJSON(opts.IO.Out, xs)
	}
	if len(xs) == 0 {
		fmt.Fprintf(opts.IO.Out, "%s has no agreement: nothing is shared with it (default deny)\n", opts.Partner)
		return nil
	}
	for i, x := range xs {
		if i > 0 {
			fmt.Fprintln(opts.IO.Out)
		}
		writeExplanation(opts, x)
	}
	return nil
}

func yesNo(b bool) string {
	if b {
		return "yes"
	}
	return "no"
}

func writeExplanation(opts *ExplainOptions, x gov.Explanation) {
	out := opts.IO.Out
	who := "partner"
	if x.Internal {
		who = "role"
	}
	fmt.Fprintf(out, "Agreement %s with %s %s (%s)   [%s]\n", x.Agreement, who, x.Partner, x.PartnerName, x.Clause)
	if x.Active {
		fmt.Fprintf(out, "  status:      in force (%s to %s", x.Start, x.End)
	} else {
		fmt.Fprintf(out, "  status:      SHARES NOTHING: %s (%s to %s", x.Reason, x.Start, x.End)
	}
	if x.Review != "" {
		fmt.Fprintf(out, ", review %s", x.Review)
	}
	fmt.Fprintln(out, ")")
	fmt.Fprintf(out, "  legal basis: %s\n", x.LegalBasis)
	fmt.Fprintf(out, "  purposes:    %s\n", strings.Join(x.Purposes, "; "))
	fmt.Fprintf(out, "  key:         %s\n", x.Key)
	fmt.Fprintln(out, "  restricted flags:")
	tw := tabwriter.NewWriter(out, 0, 4, 2, ' ', 0)
	for _, f := range x.Flags {
		state := "records withheld"
		if f.Shared {
			state = "records may leave"
		}
		fmt.Fprintf(tw, "    %s\t%s\t%s\t%s\n", f.Flag, state, f.Clause, f.Why)
	}
	tw.Flush()
	for _, k := range x.Kinds {
		if !k.Shared {
			fmt.Fprintf(out, "  %s: NOT SHARED, no field leaves: %s   [%s]\n", k.Kind, k.Why, k.Clause)
			continue
		}
		rows := "every record"
		if k.Where != "" {
			rows = "records where " + k.Where
		}
		fmt.Fprintf(out, "  %s: %s (and no restricted flag blocks them)   [%s]\n", k.Kind, rows, k.Clause)
		tw := tabwriter.NewWriter(out, 0, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "    FIELD\tSHARED\tTRANSFORM\tCLAUSE\tWHY")
		for _, f := range k.Fields {
			if f.Shared {
				fmt.Fprintf(tw, "    %s\t%s\t%s\t%s\t%s\n", f.Field, yesNo(true), f.Transform, f.Clause, f.Why)
			}
		}
		for _, f := range k.Fields {
			if !f.Shared {
				t := f.Transform
				if t == "" {
					t = "-"
				}
				fmt.Fprintf(tw, "    %s\t%s\t%s\t%s\t%s\n", f.Field, yesNo(false), t, f.Clause, f.Why)
			}
		}
		tw.Flush()
	}
}

// partnersHint lists the policy's partners and roles, if it can be read.
func partnersHint(opts *ExplainOptions) string {
	path, _, err := policyPath(opts.factory, opts.Policy)
	if err != nil {
		return ""
	}
	p, _, err := load(path, time.Now(), nil)
	if err != nil || p == nil || len(p.Policy.Partners) == 0 {
		return ""
	}
	ids := make([]string, len(p.Policy.Partners))
	for i, pt := range p.Policy.Partners {
		ids[i] = pt.ID
	}
	return " (partners and roles: " + strings.Join(ids, ", ") + ")"
}
