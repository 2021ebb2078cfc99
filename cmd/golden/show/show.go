// Package show is `golden show`: one golden record with its lineage,
// members, household, relationships and (optionally) history.
package show

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"sort"
	"strings"
	"text/tabwriter"

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

	Ref     string // golden id or source:source_id
	Largest string // a kind
	History bool
	JSON    bool
}

// New returns the show command. runF replaces the run function in tests.
func New(f *cli.Factory, runF func(*Options) error) *cobra.Command {
	opts := &Options{IO: f.IO, Factory: f}
	cmd := &cobra.Command{
		Use:   "show [<golden-id> | <source>:<source-id>]",
		Short: "Show a golden record: surviving values with lineage, source records, household, relationships",
		Long: `Show a golden record. The argument is a golden id (P-42, B-7, U-100023336956),
active or retired, or a source record's key (council_tax:A1001). A retired id is
resolved to where its records went: the record most of them joined is shown and
every destination is listed.`,
		Example: `  golden show P-42
  golden show council_tax:A1001 --history
  golden show --largest person
  golden show P-42 --json | jq '.fields[] | {field, value}'`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Ctx = cmd.Context()
			if len(args) == 1 {
				opts.Ref = args[0]
			}
			if (opts.Ref == "") == (opts.Largest == "") {
				return cli.Usagef("give a golden id or source key, or --largest KIND")
			}
			if opts.Largest != "" {
				if _, err := record.ParseKind(opts.Largest); err != nil {
					return cli.Usagef("--largest: %v", err)
				}
			}
			if runF != nil {
				return runF(opts)
			}
			return run(opts)
		},
	}
	cmd.Flags().StringVar(&opts.Largest, "largest", "", "show the golden record of `KIND` (person, property, business) with the most source records")
	cmd.Flags().BoolVar(&opts.History, "history", false, "include every version: what changed and why")
	cli.JSONFlag(cmd, &opts.JSON)
	return cmd
}

func run(opts *Options) error {
	ctx := opts.Ctx
	if ctx == nil {
		ctx = context.Background()
	}
	st, err := opts.Factory.OpenStoreOnly(ctx)
	if err != nil {
		return err
	}
	defer st.Close()
	ref := opts.Ref
	if opts.Largest != "" {
		if ref, err = golden.Largest(ctx, st.DB, record.Kind(opts.Largest)); err != nil {
			return notFound(err, "no active "+opts.Largest+" golden records")
		}
	}
	v, err := golden.Show(ctx, st.DB, ref, golden.ShowOptions{History: opts.History})
	if err != nil {
		return notFound(err, ref)
	}
	if opts.JSON {
		return cli.WriteJSON(opts.IO.Out, v)
	}
	return Print(opts.IO.Out, v)
}

func notFound(err error, what string) error {
	if errors.Is(err, golden.ErrNotBuilt) {
		return &cli.NotFoundError{What: what, Hint: "it is ingested but in no golden record yet; `golden run` matches and builds"}
	}
	var del *golden.DeletedError
	if errors.As(err, &del) {
		return &cli.NotFoundError{What: what, Hint: fmt.Sprintf("its source record was deleted in run %d, before any golden record held it (golden runs shows the run)", del.Run)}
	}
	if errors.Is(err, golden.ErrNotFound) {
		return &cli.NotFoundError{What: what}
	}
	return err
}

// Print writes a golden record as text.
func Print(out io.Writer, v *golden.View) error {
	w := &errWriter{w: out}
	if r := v.Resolution; r != nil {
		switch {
		case r.KeyDeleted && !r.Retired:
			w.printf("%s is deleted; it was last in golden record %s\n", r.Asked, v.ID)
		case r.Asked != v.ID && !r.Retired:
			w.printf("%s is in golden record %s\n", r.Asked, v.ID)
		}
		if r.Retired {
			asked := r.ID
			if r.Asked != r.ID {
				if r.KeyDeleted {
					w.printf("%s is deleted; ", r.Asked)
				}
				w.printf("%s was last in golden record %s\n", r.Asked, r.ID)
			}
			switch {
			case len(r.Redirects) > 0:
				w.printf("%s is retired: redirects to %s\n", asked, strings.Join(r.Redirects, " → "))
			default:
				w.printf("%s is retired\n", asked)
			}
			if len(r.Destinations) > 0 {
				w.printf("its records are now in: %s\n", strings.Join(r.Destinations, ", "))
			}
			if len(r.Deleted) > 0 {
				w.printf("deleted since: %s\n", strings.Join(r.Deleted, ", "))
			}
			if len(r.Destinations) == 0 {
				w.printf("none of its records is current; its last values:\n")
			}
			w.printf("\n")
		}
	}
	w.printf("%s  %s golden record · %s · version %d · created run %d · updated run %d\n",
		v.ID, v.Kind, v.Status, v.Version, v.CreatedRun, v.UpdatedRun)
	if v.RedirectTo != "" {
		w.printf("redirect to: %s\n", v.RedirectTo)
	}
	if len(v.Flags) > 0 {
		w.printf("flags: %s\n", strings.Join(v.Flags, ", "))
	}
	w.printf("sources: %s\n\n", strings.Join(v.Sources, ", "))

	tw := newTable(w)
	tw.row("FIELD", "VALUE", "FROM", "AS OF", "RULE")
	for _, f := range v.Fields {
		var from, when, rule []string
		for _, p := range f.Lineage {
			from = append(from, fmt.Sprintf("%s:%s (v%d)", p.Source, p.SourceID, p.Version))
			if p.ObservedAt != nil {
				when = append(when, p.ObservedAt.Format("2006-01-02"))
			} else {
				when = append(when, fmt.Sprintf("run %d", p.IngestRun))
			}
			if p.Rule != "" {
				rule = appendUnique(rule, p.Rule)
			}
		}
		if len(from) > 3 {
			from = append(from[:3], fmt.Sprintf("+%d more", len(f.Lineage)-3))
			when = when[:3]
		}
		tw.row(f.Field, f.Value, strings.Join(from, ", "), strings.Join(uniq(when), ", "), strings.Join(rule, ","))
	}
	tw.flush()

	w.printf("\nSource records (%d)\n", len(v.Members))
	tw = newTable(w)
	tw.row("SOURCE", "SOURCE ID", "VERSION", "SINCE RUN", "KEY FIELDS")
	for _, m := range v.Members {
		names := make([]string, 0, len(m.KeyFields))
		for k := range m.KeyFields {
			names = append(names, k)
		}
		sort.Strings(names)
		var kv []string
		for _, k := range names {
			kv = append(kv, k+"="+m.KeyFields[k])
		}
		if m.Invalid != "" {
			kv = append(kv, "invalid: "+m.Invalid)
		}
		tw.row(m.Source, m.SourceID, fmt.Sprint(m.Version), fmt.Sprint(m.SinceRun), strings.Join(kv, "  "))
	}
	tw.flush()

	for _, h := range v.Households {
		w.printf("\nHousehold %s (UPRN %s", h.ID, h.UPRN)
		if h.PropertyID != "" {
			w.printf(", property %s", h.PropertyID)
		}
		w.printf(")\n")
		tw = newTable(w)
		for _, p := range h.Members {
			mark := " "
			if p.ID == v.ID {
				mark = "*"
			}
			tw.row(mark+" "+p.ID, p.Name, p.DOB)
		}
		tw.flush()
	}
	if len(v.Relationships) > 0 {
		// One line per related record and type; the sources that state it
		// (and the source records they state it between) are summarised.
		type group struct {
			l      golden.Link
			stated []string
			dates  []string
		}
		var groups []*group
		at := map[string]*group{}
		for _, l := range v.Relationships {
			k := l.Type + "\x00" + l.Direction + "\x00" + l.OtherID
			g := at[k]
			if g == nil {
				g = &group{l: l}
				at[k] = g
				groups = append(groups, g)
			}
			g.stated = appendUnique(g.stated, l.Source)
			var dates string
			if l.ValidFrom != nil {
				dates = "from " + l.ValidFrom.Format("2006-01-02")
			}
			if l.ValidTo != nil {
				dates += " to " + l.ValidTo.Format("2006-01-02")
			}
			if dates = strings.TrimSpace(dates); dates != "" {
				g.dates = appendUnique(g.dates, dates)
			}
		}
		w.printf("\nRelationships (%d)\n", len(groups))
		tw = newTable(w)
		for _, g := range groups {
			arrow := "→"
			if g.l.Direction == "in" {
				arrow = "←"
			}
			stated := "stated by " + strings.Join(g.stated, ", ")
			if len(g.stated) == 1 && g.stated[0] == "uprn" {
				stated = "same UPRN"
			}
			tw.row(g.l.Type+" "+arrow, g.l.OtherKind+" "+g.l.OtherID, g.l.OtherName, stated, strings.Join(g.dates, "; "))
		}
		tw.flush()
	}
	printHistory(w, "History", v.History)
	if v.Resolution != nil && len(v.RetiredHistory) > 0 {
		printHistory(w, "History of "+v.Resolution.ID, v.RetiredHistory)
	}
	return w.err
}

func printHistory(w *errWriter, title string, hs []golden.HistoryEntry) {
	if len(hs) == 0 {
		return
	}
	w.printf("\n%s\n", title)
	for _, h := range hs {
		w.printf("v%d  run %d  %s  %s\n", h.Version, h.RunID, h.ChangedAt.Format("2006-01-02 15:04"), strings.ReplaceAll(h.Reasons, ";", ", "))
		for _, k := range []string{"merged_from", "merged_into", "split_from", "split_to", "added", "removed", "deleted", "changed"} {
			if d, ok := h.Detail[k]; ok {
				w.printf("      %s: %s\n", strings.ReplaceAll(k, "_", " "), list(d))
			}
		}
		if h.Fields != "" {
			w.printf("      fields: %s\n", strings.ReplaceAll(h.Fields, ";", ", "))
		}
	}
}

func list(v any) string {
	switch x := v.(type) {
	case []any:
		s := make([]string, len(x))
		for i, e := range x {
			s[i] = fmt.Sprint(e)
		}
		return strings.Join(s, ", ")
	}
	return fmt.Sprint(v)
}

func uniq(s []string) []string {
	var out []string
	for _, x := range s {
		out = appendUnique(out, x)
	}
	return out
}

func appendUnique(s []string, v string) []string {
	for _, x := range s {
		if x == v {
			return s
		}
	}
	return append(s, v)
}

// table is a tabwriter whose lines lose their trailing padding.
type table struct {
	buf bytes.Buffer
	tw  *tabwriter.Writer
	out io.Writer
}

func newTable(out io.Writer) *table {
	t := &table{out: out}
	t.tw = tabwriter.NewWriter(&t.buf, 0, 4, 2, ' ', 0)
	return t
}

func (t *table) row(cells ...string) { fmt.Fprintln(t.tw, strings.Join(cells, "\t")) }

func (t *table) flush() {
	t.tw.Flush()
	for _, line := range strings.SplitAfter(t.buf.String(), "\n") {
		if line == "" {
			continue
		}
		io.WriteString(t.out, strings.TrimRight(line, " \n")+"\n")
	}
}

type errWriter struct {
	w   io.Writer
	err error
}

func (e *errWriter) Write(p []byte) (int, error) {
	if e.err != nil {
		return 0, e.err
	}
	n, err := e.w.Write(p)
	e.err = err
	return n, err
}

func (e *errWriter) printf(format string, args ...any) { fmt.Fprintf(e, format, args...) }
