// Package evaluate is `golden evaluate`: precision, recall and F1 of the
// current matching against a truth file.
package evaluate

import (
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
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

	Truth    string
	Kind     string
	Source   string // with --source, the truth file is a source extract: keys are <source>:<id column>
	IDCol    string
	Entity   string
	JSON     bool
	MinF1    float64
	Sweep    []float64
	sweepRaw string
}

// New returns the evaluate command. runF replaces the run function in tests.
func New(f *cli.Factory, runF func(*Options) error) *cobra.Command {
	opts := &Options{IO: f.IO, Factory: f}
	cmd := &cobra.Command{
		Use:   "evaluate --truth FILE [--kind KIND] [--source NAME --id COL --entity COL] [--json]",
		Short: "Measure matching against the truth: pairwise P/R/F1, B-cubed, blocking recall, a threshold sweep",
		Long: `Compare the current clusters with a truth file. The file is CSV, one of:
  source,source_id,entity      the true entity of each record
  a,b[,match]                  labelled pairs of source:id keys (match 1/0, default 1)
  any extract with --source    keys are <source>:<--id column>, entity in --entity
Pairwise precision, recall and F1 count every true pair, so pairs blocking
never produced are misses. Also: B-cubed and cluster-level figures, blocking
recall, the number of candidate pairs and a threshold sweep over the scores.`,
		Example: `  golden evaluate --truth truth.csv --kind person
  golden evaluate --truth fake_1000.csv --source fake --id unique_id --entity cluster
  golden evaluate --truth labels.csv --json | jq .pairwise.f1`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Ctx = cmd.Context()
			if opts.Truth == "" {
				return cli.Usagef("--truth FILE is required")
			}
			if opts.Kind == "" {
				opts.Kind = string(record.Person)
			}
			if _, err := record.ParseKind(opts.Kind); err != nil {
				return cli.Usagef("--kind: %v", err)
			}
			if opts.Source == "" && (opts.IDCol != "" || opts.Entity != "") {
				return cli.Usagef("--id and --entity need --source")
			}
			if opts.Source != "" && (opts.IDCol == "" || opts.Entity == "") {
				return cli.Usagef("--source needs --id COL and --entity COL")
			}
			if opts.sweepRaw != "" {
				for _, s := range strings.Split(opts.sweepRaw, ",") {
					v, err := strconv.ParseFloat(strings.TrimSpace(s), 64)
					if err != nil || v <= 0 || v >= 1 {
						return cli.Usagef("--sweep: %q is not a probability between 0 and 1", s)
					}
					opts.Sweep = append(opts.Sweep, v)
				}
			}
			if runF != nil {
				return runF(opts)
			}
			return run(opts)
		},
	}
	cmd.Flags().StringVar(&opts.Truth, "truth", "", "truth `FILE` (CSV)")
	cmd.Flags().StringVar(&opts.Kind, "kind", "", "the kind to evaluate (default person)")
	cmd.Flags().StringVar(&opts.Source, "source", "", "read the truth from an extract of source `NAME`")
	cmd.Flags().StringVar(&opts.IDCol, "id", "", "with --source: the id column")
	cmd.Flags().StringVar(&opts.Entity, "entity", "", "with --source: the true entity column")
	cmd.Flags().StringVar(&opts.sweepRaw, "sweep", "", "thresholds of the sweep table, comma-separated (default 0.01 … 0.999)")
	cmd.Flags().Float64Var(&opts.MinF1, "min-f1", 0, "exit 3 when pairwise F1 is below this")
	cli.JSONFlag(cmd, &opts.JSON)
	return cmd
}

// ReadTruth reads a truth file (see the command's help).
func ReadTruth(r io.Reader, name, source, idCol, entityCol string) (matching.Truth, error) {
	t := matching.Truth{Entities: map[record.Key]string{}}
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = -1
	cr.TrimLeadingSpace = true
	cr.LazyQuotes = true
	head, err := cr.Read()
	if err != nil {
		return t, fmt.Errorf("%s: header: %w", name, err)
	}
	idx := map[string]int{}
	for i, h := range head {
		idx[strings.TrimSpace(strings.TrimPrefix(h, "\ufeff"))] = i
	}
	col := func(names ...string) int {
		for _, n := range names {
			if i, ok := idx[n]; ok {
				return i
			}
		}
		return -1
	}
	// Ids are compared as the store holds them: a leading apostrophe (an
	// extract's text marker, '0000087) is part of the id unless the
	// source's mapping trims it.
	clean := func(s string) string { return strings.Trim(strings.TrimSpace(s), `"`) }
	key := func(s string, line int) (record.Key, error) {
		src, id, ok := strings.Cut(clean(s), ":")
		if !ok {
			return record.Key{}, fmt.Errorf("%s:%d: a key is not source:source_id", name, line)
		}
		return record.Key{Source: src, SourceID: id}, nil
	}
	var mode string
	var ci, ei, ai, bi, mi int
	switch {
	case source != "":
		mode, ci, ei = "extract", col(idCol), col(entityCol)
		if ci < 0 || ei < 0 {
			return t, fmt.Errorf("%s: no column %q or %q", name, idCol, entityCol)
		}
	case col("a") >= 0 && col("b") >= 0:
		mode, ai, bi, mi = "pairs", col("a"), col("b"), col("match", "label", "is_match")
	case col("source") >= 0 && col("source_id") >= 0:
		mode, ai, ci, ei = "entities", col("source"), col("source_id"), col("entity", "cluster", "truth", "entity_id")
		if ei < 0 {
			return t, fmt.Errorf("%s: no entity column (entity, cluster, truth or entity_id)", name)
		}
	default:
		return t, fmt.Errorf("%s: want columns source,source_id,entity or a,b[,match] (or --source with --id and --entity)", name)
	}
	for line := 2; ; line++ {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return t, fmt.Errorf("%s:%d: %w", name, line, err)
		}
		get := func(i int) string {
			if i < 0 || i >= len(rec) {
				return ""
			}
			return clean(rec[i])
		}
		switch mode {
		case "extract":
			if get(ci) != "" {
				t.Entities[record.Key{Source: source, SourceID: get(ci)}] = get(ei)
			}
		case "entities":
			if get(ci) != "" {
				t.Entities[record.Key{Source: get(ai), SourceID: get(ci)}] = get(ei)
			}
		case "pairs":
			a, err := key(get(ai), line)
			if err != nil {
				return t, err
			}
			b, err := key(get(bi), line)
			if err != nil {
				return t, err
			}
			m := true
			if mi >= 0 {
				switch strings.ToLower(get(mi)) {
				case "1", "1.0", "true", "yes", "y", "match":
				case "0", "0.0", "false", "no", "n", "non-match", "nonmatch":
					m = false
				default:
					return t, fmt.Errorf("%s:%d: match is not 1/0, true/false or yes/no", name, line)
				}
			}
			t.Pairs = append(t.Pairs, matching.LabelledPair{A: a, B: b, Match: m})
		}
	}
	return t, nil
}

func run(opts *Options) error {
	ctx := opts.Ctx
	if ctx == nil {
		ctx = context.Background()
	}
	f, err := os.Open(opts.Truth)
	if err != nil {
		return cli.Usagef("--truth: %v", err)
	}
	truth, err := ReadTruth(f, opts.Truth, opts.Source, opts.IDCol, opts.Entity)
	f.Close()
	if err != nil {
		return &cli.UsageError{Err: err}
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
	rep, err := matching.Evaluate(ctx, st, cfg, record.Kind(opts.Kind), truth, opts.Sweep)
	if errors.Is(err, matching.ErrNoModel) {
		return cli.Usagef("%v (run `golden match` first)", err)
	}
	if err != nil {
		return err
	}
	if opts.JSON {
		err = cli.WriteJSON(opts.IO.Out, rep)
	} else {
		err = Print(opts.IO.Out, rep)
	}
	if err != nil {
		return err
	}
	if opts.MinF1 > 0 {
		f1 := 0.0
		switch {
		case rep.Pairwise != nil:
			f1 = rep.Pairwise.F1
		case rep.Labelled != nil:
			f1 = rep.Labelled.F1
		}
		if f1 < opts.MinF1 {
			return &cli.WarningsError{Msg: fmt.Sprintf("pairwise F1 %.4f is below --min-f1 %.4f", f1, opts.MinF1)}
		}
	}
	return nil
}

// Print writes the report as text.
func Print(out io.Writer, r *matching.EvalReport) error {
	fmt.Fprintf(out, "%s matching (model v%d, link threshold %.2f)\n", r.Kind, r.ModelVersion, r.LinkThreshold)
	if r.Pairwise != nil {
		fmt.Fprintf(out, "records with a truth: %d (%d current records without one)\n", r.Records, r.Unlabelled)
		p := r.Pairwise
		fmt.Fprintf(out, "pairwise:  precision %.4f  recall %.4f  F1 %.4f  (%d true pairs; %d found, %d false, %d missed)\n",
			p.Precision, p.Recall, p.F1, r.TruePairs, p.TruePositives, p.FalsePositives, p.FalseNegatives)
		fmt.Fprintf(out, "B-cubed:   precision %.4f  recall %.4f  F1 %.4f\n", r.BCubed.Precision, r.BCubed.Recall, r.BCubed.F1)
		c := r.Clusters
		fmt.Fprintf(out, "clusters:  %d predicted, %d true entities, %d exactly right (%.1f%%); largest %d predicted, %d true\n",
			c.PredictedClusters, c.TrueEntities, c.ExactMatches, 100*c.ExactShare, c.LargestPredicted, c.LargestTrue)
	}
	if r.Labelled != nil {
		l := r.Labelled
		fmt.Fprintf(out, "labelled pairs: precision %.4f  recall %.4f  F1 %.4f\n", l.Precision, l.Recall, l.F1)
	}
	fmt.Fprintf(out, "blocking:  %d candidate pairs; recall %.4f (%d of %d true pairs)\n", r.CandidatePairs, r.BlockingRecall, r.BlockingFound, r.TruePairs)
	if len(r.Sweep) > 0 {
		fmt.Fprintln(out, "\nthreshold sweep (link every candidate pair at or above the threshold, no clustering):")
		w := tabwriter.NewWriter(out, 2, 4, 2, ' ', tabwriter.AlignRight)
		fmt.Fprintln(w, "THRESHOLD\tPRECISION\tRECALL\tF1\tFOUND\tFALSE\tMISSED\t")
		for _, s := range r.Sweep {
			fmt.Fprintf(w, "%g\t%.4f\t%.4f\t%.4f\t%d\t%d\t%d\t\n", s.Threshold, s.Precision, s.Recall, s.F1, s.TruePositives, s.FalsePositives, s.FalseNegatives)
		}
		return w.Flush()
	}
	return nil
}
