// Package train is `golden train`: train the matching model of a kind
// without labels and print m, u and the match weight of every level.
package train

import (
	"context"
	"fmt"
	"io"
	"os"
	"text/tabwriter"

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

	Kind string
	Out  string // write the model JSON here too
	JSON bool
}

// New returns the train command. runF replaces the run function in tests.
func New(f *cli.Factory, runF func(*Options) error) *cobra.Command {
	opts := &Options{IO: f.IO, Factory: f}
	cmd := &cobra.Command{
		Use:   "train [--kind KIND] [--out FILE] [--json]",
		Short: "Train the matching model without labels and print m, u and the weight of every level",
		Long: `Train a Fellegi-Sunter model for a kind from its current records: u from random
pairs, m and the prior by EM over the agreement patterns of the candidate pairs.
The model is stored as the kind's next version (the next match run uses it) and
printed. Without --kind every kind with records is trained.`,
		Example: `  golden train --kind person
  golden train --kind business --out business-model.json
  golden train --kind person --json | jq '.models[0].comparisons[0]'`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Ctx = cmd.Context()
			if opts.Kind != "" {
				if _, err := record.ParseKind(opts.Kind); err != nil {
					return cli.Usagef("--kind: %v", err)
				}
			}
			if opts.Out != "" && opts.Kind == "" {
				return cli.Usagef("--out needs --kind")
			}
			if runF != nil {
				return runF(opts)
			}
			return run(opts)
		},
	}
	cmd.Flags().StringVar(&opts.Kind, "kind", "", "the kind to train: person, property or business (default: every kind with records)")
	cmd.Flags().StringVarP(&opts.Out, "out", "o", "", "also write the model as JSON to `FILE`")
	cli.JSONFlag(cmd, &opts.JSON)
	return cmd
}

func run(opts *Options) error {
	ctx := opts.Ctx
	if ctx == nil {
		ctx = context.Background()
	}
	cfg, err := opts.Factory.Config()
	if err != nil {
		return err
	}
	st, err := opts.Factory.OpenExistingStore(ctx, cfg)
	if err != nil {
		return err
	}
	defer st.Close()
	kinds, err := matching.KindsWithRecords(ctx, st.DB)
	if err != nil {
		return err
	}
	if opts.Kind != "" {
		kinds = []record.Kind{record.Kind(opts.Kind)}
	}
	if len(kinds) == 0 {
		return &cli.NotFoundError{What: "current records to train on (run `golden ingest` first)"}
	}
	var models []*matching.Model
	for _, k := range kinds {
		fmt.Fprintf(opts.IO.ErrOut, "training the %s model…\n", k)
		m, _, err := matching.Train(ctx, st, cfg, k, matching.Options{})
		if err != nil {
			return err
		}
		models = append(models, m)
		if opts.Out != "" {
			b, err := m.JSON()
			if err != nil {
				return err
			}
			if err := os.WriteFile(opts.Out, b, 0o644); err != nil {
				return fmt.Errorf("train: %w", err)
			}
			fmt.Fprintf(opts.IO.ErrOut, "wrote %s\n", opts.Out)
		}
	}
	if opts.JSON {
		return cli.WriteJSON(opts.IO.Out, map[string]any{"models": models})
	}
	for i, m := range models {
		if i > 0 {
			fmt.Fprintln(opts.IO.Out)
		}
		if err := Print(opts.IO.Out, m); err != nil {
			return err
		}
	}
	return nil
}

// Print writes a model as a table: one row per comparison level.
func Print(out io.Writer, m *matching.Model) error {
	fmt.Fprintf(out, "%s model version %d, trained %s on %d records (%d random pairs for u)\n",
		m.Kind, m.Version, m.TrainedAt.Format("2006-01-02 15:04"), m.Records, m.RandomPairs)
	fmt.Fprintf(out, "prior: %.3g that two records drawn at random match (weight %+.2f)\n\n", m.Prior, matching.PriorWeight(m))
	w := tabwriter.NewWriter(out, 2, 4, 2, ' ', 0)
	fmt.Fprintln(w, "COMPARISON\tLEVEL\tM\tU\tWEIGHT\tTF")
	for _, c := range m.Comparisons {
		for i, l := range c.Levels {
			name := ""
			if i == 0 {
				name = c.Name
			}
			tf := ""
			if l.TF {
				tf = "yes"
			}
			fmt.Fprintf(w, "%s\t%s\t%.4f\t%.4g\t%+.2f\t%s\n", name, l.Label, l.M, l.U, l.Weight, tf)
		}
	}
	if err := w.Flush(); err != nil {
		return err
	}
	if len(m.Sessions) > 0 {
		fmt.Fprintln(out, "\nEM sessions (one per blocking rule):")
		w = tabwriter.NewWriter(out, 2, 4, 2, ' ', 0)
		fmt.Fprintln(w, "RULE\tPAIRS\tEXPECTED MATCHES\tITERATIONS\tCONVERGED")
		for _, s := range m.Sessions {
			fmt.Fprintf(w, "%s\t%d\t%.0f\t%d\t%v\n", s.Rule, s.Pairs, s.Matches, s.Iterations, s.Converged)
		}
		return w.Flush()
	}
	return nil
}
