// Package why is `golden why`: the match-weight waterfall of one pair of
// source records.
package why

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/council/golden/config"
	"github.com/council/golden/golden"
	"github.com/council/golden/internal/cli"
	"github.com/council/golden/matching"
	"github.com/council/golden/record"
	"github.com/council/golden/store"
)

// Options are the command's inputs.
type Options struct {
	IO      *cli.IOStreams
	Factory *cli.Factory
	Ctx     context.Context

	A, B record.Key
	JSON bool
}

// New returns the why command. runF replaces the run function in tests.
func New(f *cli.Factory, runF func(*Options) error) *cobra.Command {
	opts := &Options{IO: f.IO, Factory: f}
	cmd := &cobra.Command{
		Use:   "why <source>:<id> <source>:<id>",
		Short: "Explain a match score: each comparison's level, m, u, weight and term-frequency adjustment",
		Long: `Show how two source records were scored: the prior, then for each comparison
the values compared, the level reached, its m and u, its weight and any
term-frequency adjustment, up to the final match weight and probability; the
blocking rule that makes them a candidate pair, the decision and their clusters.

With --db and no golden.yaml here, why works from the store alone when the
stored model was trained on the default matching spec (a note on stderr says
the thresholds shown are the defaults); otherwise it says what is missing.`,
		Example: `  golden why council_tax:A1001 housing:T77
  golden why council_tax:A1001 housing:T77 --json | jq .probability
  golden why --db /backup/golden.duckdb council_tax:A1001 housing:T77`,
		Args: cobra.ExactArgs(2),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Ctx = cmd.Context()
			for i, a := range args {
				src, id, ok := strings.Cut(a, ":")
				if !ok || src == "" || id == "" {
					return cli.Usagef("%q is not source:source_id", a)
				}
				k := record.Key{Source: src, SourceID: id}
				if i == 0 {
					opts.A = k
				} else {
					opts.B = k
				}
			}
			if opts.A == opts.B {
				return cli.Usagef("give two different records")
			}
			if runF != nil {
				return runF(opts)
			}
			return run(opts)
		},
	}
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
		// The store alone will do when --db names it and there is no
		// project file here: the model is in the store, and the matching
		// spec is the default one if the model was trained on it.
		if opts.Factory.DBPath == "" || !noProjectFile(opts.Factory) {
			return err
		}
		cfg = nil
	}
	st, err := opts.Factory.OpenExistingStore(ctx, cfg)
	if err != nil {
		return err
	}
	defer st.Close()
	ex, err := matching.Why(ctx, st, cfg, opts.A, opts.B)
	if errors.Is(err, matching.ErrRecordNotFound) {
		// "council_tax:X: no current record" reads "council_tax:X not found".
		return &cli.NotFoundError{What: strings.TrimSuffix(err.Error(), ": "+matching.ErrRecordNotFound.Error())}
	}
	if errors.Is(err, matching.ErrNoModel) && cfg == nil {
		return noSpec(ctx, st.DB, opts.A, err)
	}
	if errors.Is(err, matching.ErrNoModel) {
		return cli.Usagef("%v (run `golden match` or `golden train` first)", err)
	}
	if err != nil {
		return err
	}
	if cfg == nil {
		fmt.Fprintf(opts.IO.ErrOut, "no %s here: scored with the default %s matching spec, which model v%d was trained on; "+
			"the thresholds and blocking rules shown are the defaults (pass --config if golden.yaml sets others)\n",
			config.DefaultFile, ex.Kind, ex.ModelVersion)
	}
	if opts.JSON {
		return cli.WriteJSON(opts.IO.Out, ex)
	}
	return Print(opts.IO.Out, ex)
}

// noProjectFile reports whether no project file was named and there is
// none in the current folder.
func noProjectFile(f *cli.Factory) bool {
	if f.ConfigPath != "" {
		return false
	}
	_, err := os.Stat(config.DefaultFile)
	return errors.Is(err, os.ErrNotExist)
}

// noSpec explains a model that cannot be used without golden.yaml: the
// store keeps the model but not the matching spec it was trained on, and
// the default spec is not that one.
func noSpec(ctx context.Context, q store.Querier, a record.Key, err error) error {
	res, rerr := golden.Resolve(ctx, q, a.String())
	if rerr != nil {
		return cli.Usagef("%v: without %s only a model trained on the default matching spec can be used (pass --config)", err, config.DefaultFile)
	}
	kind := record.Kind(res.Kind)
	m, merr := matching.LoadModel(ctx, q, kind)
	if errors.Is(merr, matching.ErrNoModel) {
		return cli.Usagef("no trained %s model in the store (run `golden match` or `golden train` first)", kind)
	}
	if merr != nil {
		return merr
	}
	return cli.Usagef("no %s here, and the %s model in the store (version %d, spec %s) was trained on a matching spec that is not the default: "+
		"the store keeps the model but not golden.yaml's matching section it needs; pass --config with the project's golden.yaml",
		config.DefaultFile, kind, m.Version, m.SpecHash)
}

func val(s *string) string {
	if s == nil {
		return "—"
	}
	// One line per comparison: a value's line breaks and tabs would break
	// the table.
	return cellText.Replace(*s)
}

var cellText = strings.NewReplacer("\r\n", "⏎", "\n", "⏎", "\r", "⏎", "\t", " ")

// Print writes the waterfall as text.
func Print(out io.Writer, ex *matching.Explanation) error {
	fmt.Fprintf(out, "%s  vs  %s  (%s, model v%d)\n\n", ex.A, ex.B, ex.Kind, ex.ModelVersion)
	w := tabwriter.NewWriter(out, 2, 4, 2, ' ', 0)
	fmt.Fprintln(w, "COMPARISON\tA\tB\tLEVEL\tM\tU\tWEIGHT\tTF ADJ\tTOTAL")
	fmt.Fprintf(w, "prior\t\t\t%.3g\t\t\t%+.2f\t\t%+.2f\n", ex.Prior, ex.PriorWeight, ex.PriorWeight)
	for _, s := range ex.Steps {
		m, u, tf := "", "", ""
		if s.Gamma >= 0 {
			m, u = fmt.Sprintf("%.4f", s.M), fmt.Sprintf("%.4g", s.U)
		}
		if s.TFAdjustment != 0 {
			tf = fmt.Sprintf("%+.2f", s.TFAdjustment)
		}
		fmt.Fprintf(w, "%s\t%s\t%s\t%s\t%s\t%s\t%+.2f\t%s\t%+.2f\n", s.Comparison, val(s.ValueA), val(s.ValueB), s.Level, m, u, s.Weight, tf, s.Cumulative)
	}
	if err := w.Flush(); err != nil {
		return err
	}
	fmt.Fprintf(out, "\nmatch weight %+.2f → probability %.4f\n", ex.MatchWeight, ex.Probability)
	if ex.Held != "" {
		fmt.Fprintf(out, "held for review (probability capped at %.2f): %s\n", ex.Review, ex.Held)
	}
	switch {
	case ex.DeterministicHeld:
		fmt.Fprintf(out, "deterministic rule %q matches, but the score says they are different: held for review, not linked\n", ex.Deterministic)
	case ex.Deterministic != "":
		fmt.Fprintf(out, "deterministic rule %q: a match\n", ex.Deterministic)
	}
	switch {
	case !ex.ModeAllows:
		fmt.Fprintln(out, "the matching mode does not compare these two records (dedupe compares within a source, link across)")
	case ex.BlockingRule == "":
		fmt.Fprintln(out, "no blocking rule makes them a candidate pair: they were never compared")
	default:
		fmt.Fprintf(out, "candidate pair through blocking rule %s\n", ex.BlockingRule)
	}
	fmt.Fprintf(out, "decision: %s (link ≥ %.2f, review ≥ %.2f)\n", ex.Decision, ex.LinkThreshold, ex.Review)
	if ex.Constraint != "" {
		fmt.Fprintf(out, "constraint: %s\n", ex.Constraint)
	}
	same := "different clusters"
	if ex.SameCluster {
		same = "the same cluster"
	}
	_, err := fmt.Fprintf(out, "clusters: %d and %d (%s)\n", ex.ClusterA, ex.ClusterB, same)
	return err
}
