// Package share is `golden share`: write a partner's extract under one
// agreement, with its manifest, and record the disclosure.
package share

import (
	"errors"
	"fmt"
	"log/slog"
	"maps"
	"os"
	"os/user"
	"slices"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/council/golden/internal/cli"
	"github.com/council/golden/rules"
	gov "github.com/council/golden/rules/policy"
)

// Options are share's inputs.
type Options struct {
	IO        *cli.IOStreams
	Partner   string
	Agreement string
	Format    string
	Out       string
	DryRun    bool
	JSON      bool

	factory *cli.Factory
	clock   func() time.Time
}

// New returns the share command. runF, if not nil, replaces the run function (for tests).
func New(f *cli.Factory, runF func(*Options) error) *cobra.Command {
	return newCommand(f, runF, time.Now)
}

func newCommand(f *cli.Factory, runF func(*Options) error, clock func() time.Time) *cobra.Command {
	opts := &Options{IO: f.IO, factory: f, clock: clock}
	cmd := &cobra.Command{
		Use:   "share --partner P --format csv|xlsx|parquet|json --out DIR",
		Short: "Write a partner's extract under its agreement, with a manifest, and log the disclosure",
		Long: `Write the golden records a partner's agreement allows, transformed as it says,
to DIR (one file per entity kind) with manifest.json: the agreement, purposes,
time, row counts, fields and the SHA-256 of each file. The disclosure is
recorded in the hash-chained disclosure log (see golden audit).

Nothing is shared under an agreement that has expired, has not started, or
has errors (golden policy lint). DIR must be empty or not exist.`,
		Example: `  golden share --partner nhs-essex --format csv --out out/nhs-2026-06
  golden share --partner essex-police --agreement ISA-POLICE-2026-007 --format xlsx --out out/police
  golden share --partner nhs-essex --format parquet --out out/nhs --json   # print the manifest
  golden share --partner nhs-essex --dry-run                               # counts only: nothing written or logged`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			switch {
			case opts.Partner == "":
				return cli.Usagef("--partner is required%s\nSee 'golden share --help'.", partnersHint(opts))
			case opts.Out == "" && !opts.DryRun:
				return cli.Usagef("--out is required\nSee 'golden share --help'.")
			case !slices.Contains(rules.Formats(), opts.Format):
				return cli.Usagef("--format %q: want one of %s", opts.Format, strings.Join(rules.Formats(), ", "))
			}
			if runF != nil {
				return runF(opts)
			}
			return run(cmd, opts)
		},
	}
	cmd.Flags().StringVar(&opts.Partner, "partner", "", "partner or internal role id")
	cmd.Flags().StringVar(&opts.Agreement, "agreement", "", "agreement reference (needed when the partner has several in force)")
	cmd.Flags().StringVar(&opts.Format, "format", "csv", "csv, xlsx, parquet or json")
	cmd.Flags().StringVar(&opts.Out, "out", "", "output folder (created; must be empty)")
	cmd.Flags().BoolVar(&opts.DryRun, "dry-run", false, "count what would be shared and withheld; write nothing, log nothing")
	cli.JSONFlag(cmd, &opts.JSON)
	return cmd
}

// Actor names who runs a command, for the audit logs.
func Actor() string {
	if u, err := user.Current(); err == nil && u.Username != "" {
		return u.Username
	}
	if u := os.Getenv("USER"); u != "" {
		return u
	}
	return "unknown"
}

func run(cmd *cobra.Command, opts *Options) error {
	ctx := cmd.Context()
	cfg, err := opts.factory.Config()
	if err != nil {
		return err
	}
	now := opts.clock()
	eng, ds, err := rules.Load(cfg, now)
	if err != nil {
		return &cli.UsageError{Err: err}
	}
	if eng == nil {
		return &cli.UsageError{Err: fmt.Errorf("%v\nrun `golden policy lint`", ds)}
	}
	st, err := opts.factory.OpenExistingStore(ctx, cfg)
	if err != nil {
		return err
	}
	defer st.Close()
	m, err := rules.Share(ctx, st, eng, rules.ShareOptions{
		Partner: opts.Partner, Agreement: opts.Agreement, Format: opts.Format, OutDir: opts.Out,
		Now: now, Actor: Actor(), Council: cfg.Council, Logger: slog.Default(), DryRun: opts.DryRun,
	})
	var ue *gov.UnknownError
	var ae *gov.AmbiguousError
	var de *gov.DeniedError
	switch {
	case errors.As(err, &ue), errors.As(err, &ae), errors.Is(err, rules.ErrOutNotEmpty):
		return &cli.UsageError{Err: err}
	case errors.As(err, &de) && de.Code != "":
		return outOfDates(eng, de, now)
	case err != nil:
		return err
	}
	if opts.JSON {
		if err := cli.WriteJSON(opts.IO.Out, m); err != nil {
			return err
		}
	}
	if opts.DryRun {
		fmt.Fprintf(opts.IO.ErrOut, "dry run: would share %d record(s) with %s under %s; nothing written or logged\n", m.Rows, m.Partner.ID, m.Agreement.Reference)
	} else {
		fmt.Fprintf(opts.IO.ErrOut, "shared %d record(s) with %s under %s: %s (disclosure %d)\n", m.Rows, m.Partner.ID, m.Agreement.Reference, opts.Out, m.Disclosure.Seq)
	}
	for _, f := range m.Files {
		if opts.DryRun {
			fmt.Fprintf(opts.IO.ErrOut, "  %s: %d rows, fields %s\n", f.Kind, f.Rows, fieldList(f.Fields))
			continue
		}
		fmt.Fprintf(opts.IO.ErrOut, "  %s  %d rows  sha256 %s\n", f.Name, f.Rows, f.SHA256)
		for _, field := range slices.Sorted(maps.Keys(f.Unrepresentable)) {
			fmt.Fprintf(opts.IO.ErrOut, "    %d %s value(s) could not be transformed and were left empty\n", f.Unrepresentable[field], field)
		}
	}
	for _, kind := range slices.Sorted(maps.Keys(m.Withheld)) {
		reasons := m.Withheld[kind]
		for _, reason := range slices.Sorted(maps.Keys(reasons)) {
			fmt.Fprintf(opts.IO.ErrOut, "  %s: %d %s\n", kind, reasons[reason], reason)
		}
	}
	return nil
}

// outOfDates is the refusal to share under agreements that have expired or
// not started: the policy file decides it, so it is a configuration error
// (exit 2) naming each agreement, its dates and where they are written.
func outOfDates(eng *gov.Engine, de *gov.DeniedError, now time.Time) error {
	var b strings.Builder
	b.WriteString(de.Error())
	agreements := eng.Policy.AgreementsOf(de.Partner)
	if de.Agreement != "" {
		agreements = []*gov.Agreement{eng.Policy.Agreement(de.Agreement)}
	}
	for _, a := range agreements {
		if a == nil {
			continue
		}
		at := a.Pos
		if a.End.Set() && now.After(a.End.Time) {
			at = a.End.Pos
		} else if a.Start.Set() {
			at = a.Start.Pos
		}
		fmt.Fprintf(&b, "\n  %s: in force %s to %s (%s:%d)", a.Reference, orNone(a.Start.String()), orNone(a.End.String()), eng.Policy.File, at.Line)
	}
	fmt.Fprintf(&b, "\ntoday is %s: renew the agreement's dates in the policy, or share under another agreement (golden policy explain --partner %s)",
		now.UTC().Format("2006-01-02"), de.Partner)
	return &cli.UsageError{Err: errors.New(b.String())}
}

func orNone(s string) string {
	if s == "" {
		return "(none)"
	}
	return s
}

// partnersHint lists the policy's partners and roles, if it can be read.
func partnersHint(opts *Options) string {
	cfg, err := opts.factory.Config()
	if err != nil {
		return ""
	}
	eng, _, err := rules.Load(cfg, opts.clock())
	if err != nil || eng == nil || len(eng.Policy.Partners) == 0 {
		return ""
	}
	ids := make([]string, len(eng.Policy.Partners))
	for i, pt := range eng.Policy.Partners {
		ids[i] = pt.ID
	}
	return " (partners and roles: " + strings.Join(ids, ", ") + ")"
}

func fieldList(fs []rules.ManifestField) string {
	parts := make([]string, len(fs))
	for i, f := range fs {
		parts[i] = f.Name
		if f.Transform != "keep" {
			parts[i] += " (" + f.Transform + ")"
		}
	}
	return strings.Join(parts, ", ")
}
