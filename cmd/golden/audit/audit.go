// Package audit is `golden audit`: list the disclosure and access logs and
// verify their hash chains.
package audit

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/spf13/cobra"

	"github.com/council/golden/internal/cli"
	"github.com/council/golden/rules"
	raudit "github.com/council/golden/rules/audit"
)

// New returns the audit command with its verbs.
func New(f *cli.Factory) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "audit <command>",
		Short: "List and verify the disclosure and access logs",
		Long: `Every share with a partner is recorded in the disclosure log; every view a
role makes of a record in the access log. Both are append-only and
hash-chained: golden audit verify finds an edited, deleted or reordered entry.`,
		Example: `  golden audit log
  golden audit verify`,
		Args: cobra.NoArgs,
		RunE: func(c *cobra.Command, args []string) error { return c.Help() },
	}
	cmd.AddCommand(NewLog(f, nil), NewVerify(f, nil))
	return cmd
}

// LogOptions are log's inputs.
type LogOptions struct {
	IO      *cli.IOStreams
	Access  bool
	Partner string
	JSON    bool

	factory *cli.Factory
}

// NewLog returns `golden audit log`. runF, if not nil, replaces the run function (for tests).
func NewLog(f *cli.Factory, runF func(*LogOptions) error) *cobra.Command {
	opts := &LogOptions{IO: f.IO, factory: f}
	cmd := &cobra.Command{
		Use:   "log",
		Short: "List the disclosure log (or the access log)",
		Example: `  golden audit log
  golden audit log --partner nhs-essex
  golden audit log --access --json`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if runF != nil {
				return runF(opts)
			}
			return runLog(cmd, opts)
		},
	}
	cmd.Flags().BoolVar(&opts.Access, "access", false, "the access log instead of the disclosure log")
	cmd.Flags().StringVar(&opts.Partner, "partner", "", "only entries for this partner or role")
	cli.JSONFlag(cmd, &opts.JSON)
	return cmd
}

func logName(access bool) string {
	if access {
		return raudit.Accesses
	}
	return raudit.Disclosures
}

type detail struct {
	Format   string `json:"format"`
	OutDir   string `json:"out_dir"`
	Rows     int64  `json:"rows"`
	GoldenID string `json:"golden_id"` // access log
	Shown    bool   `json:"shown"`     // access log
}

func yesNo(b bool) string {
	if b {
		return "yes"
	}
	return "no"
}

func short(h string) string {
	if len(h) > 12 {
		return h[:12]
	}
	return h
}

func runLog(cmd *cobra.Command, opts *LogOptions) error {
	ctx := cmd.Context()
	cfg, _ := opts.factory.Config() // the store may be given by --db alone
	st, err := opts.factory.OpenExistingStore(ctx, cfg)
	if err != nil {
		return err
	}
	defer st.Close()
	es, err := raudit.Entries(ctx, st.DB, logName(opts.Access))
	if err != nil {
		return err
	}
	var keep []raudit.Entry
	for _, e := range es {
		if opts.Partner == "" || e.Partner == opts.Partner {
			keep = append(keep, e)
		}
	}
	if opts.JSON {
		// The detail is JSON already: embed it rather than quote it.
		type entry struct {
			raudit.Entry
			Detail json.RawMessage `json:"detail"`
		}
		out := make([]entry, 0, len(keep))
		for _, e := range keep {
			d := json.RawMessage(e.Detail)
			if !json.Valid(d) {
				d, _ = json.Marshal(e.Detail)
			}
			out = append(out, entry{Entry: e, Detail: d})
		}
		return cli.WriteJSON(opts.IO.Out, out)
	}
	tw := tabwriter.NewWriter(opts.IO.Out, 0, 4, 2, ' ', 0)
	if opts.Access {
		fmt.Fprintln(tw, "SEQ\tAT\tUSER\tROLE\tRULE\tPURPOSE\tGOLDEN ID\tSHOWN\tHASH")
	} else {
		fmt.Fprintln(tw, "SEQ\tAT\tACTOR\tPARTNER\tAGREEMENT\tROWS\tFORMAT\tOUT\tHASH")
	}
	for _, e := range keep {
		var d detail
		json.Unmarshal([]byte(e.Detail), &d)
		at := e.At
		if t, err := time.Parse(time.RFC3339Nano, at); err == nil {
			at = t.Format(time.RFC3339)
		}
		if opts.Access {
			rule := e.Agreement
			if rule == "" {
				rule = "-"
			}
			fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", e.Seq, at, e.Actor, e.Partner, rule, e.Purpose, d.GoldenID, yesNo(d.Shown), short(e.Hash))
			continue
		}
		fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%s\t%d\t%s\t%s\t%s\n", e.Seq, at, e.Actor, e.Partner, e.Agreement, d.Rows, d.Format, d.OutDir, short(e.Hash))
	}
	tw.Flush()
	if len(keep) == 0 {
		fmt.Fprintln(opts.IO.ErrOut, "no entries")
	}
	return nil
}

// VerifyOptions are verify's inputs.
type VerifyOptions struct {
	IO       *cli.IOStreams
	Anchor   string   // SEQ:HASH from a manifest
	Manifest []string // manifest.json files to check against the log
	JSON     bool

	factory *cli.Factory
}

// NewVerify returns `golden audit verify`. runF, if not nil, replaces the run function (for tests).
func NewVerify(f *cli.Factory, runF func(*VerifyOptions) error) *cobra.Command {
	opts := &VerifyOptions{IO: f.IO, factory: f}
	cmd := &cobra.Command{
		Use:   "verify",
		Short: "Check the disclosure and access logs' hash chains; exit 1 naming every break",
		Long: `Recompute every entry's hash and check each follows the one before it.
An edited entry, a deleted one, or entries put in another order are reported
and the command exits 1.

Removing the newest entries leaves a shorter chain that is still whole: to
catch that, pass a share's manifest.json with --manifest (or its
disclosure.seq and disclosure.hash with --anchor): verify checks that entry is
still in the log, that the manifest agrees with it, and that the extract files
beside the manifest are the ones that were shared.`,
		Example: `  golden audit verify
  golden audit verify --anchor 42:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08
  golden audit verify --manifest out/nhs/manifest.json     # the log entry, and the files beside it
  golden audit verify --anchor "$(jq -r '"\(.disclosure.seq):\(.disclosure.hash)"' out/nhs/manifest.json)"`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if runF != nil {
				return runF(opts)
			}
			return runVerify(cmd, opts)
		},
	}
	cmd.Flags().StringVar(&opts.Anchor, "anchor", "", "SEQ:HASH of a disclosure entry that must still be in the log")
	cmd.Flags().StringArrayVar(&opts.Manifest, "manifest", nil, "a share's manifest.json: its entry must be in the log, and the extract files beside it unchanged (repeatable)")
	cli.JSONFlag(cmd, &opts.JSON)
	return cmd
}

type verifyReport struct {
	Log      string           `json:"log"`
	Entries  int              `json:"entries"`
	HeadSeq  int64            `json:"head_seq"`
	HeadHash string           `json:"head_hash"`
	Problems []raudit.Problem `json:"problems"`
}

func runVerify(cmd *cobra.Command, opts *VerifyOptions) error {
	var anchorSeq int64
	var anchorHash string
	if opts.Anchor != "" {
		s, h, ok := strings.Cut(opts.Anchor, ":")
		n, err := strconv.ParseInt(s, 10, 64)
		if !ok || err != nil || len(h) != 64 {
			return cli.Usagef("--anchor %q: want SEQ:HASH (the disclosure seq and 64-character hash from a manifest)", opts.Anchor)
		}
		anchorSeq, anchorHash = n, strings.ToLower(h)
	}
	ctx := cmd.Context()
	cfg, _ := opts.factory.Config()
	st, err := opts.factory.OpenExistingStore(ctx, cfg)
	if err != nil {
		return err
	}
	defer st.Close()
	var reports []verifyReport
	broken := 0
	for _, name := range []string{raudit.Disclosures, raudit.Accesses} {
		es, err := raudit.Entries(ctx, st.DB, name)
		if err != nil {
			return err
		}
		r := verifyReport{Log: name, Entries: len(es), Problems: raudit.Verify(name, es)}
		if anchorHash != "" && name == raudit.Disclosures {
			r.Problems = append(r.Problems, raudit.VerifyHead(name, es, anchorSeq, anchorHash)...)
		}
		if name == raudit.Disclosures {
			for _, mp := range opts.Manifest {
				probs, err := rules.CheckManifest(es, mp)
				if err != nil {
					return cli.Usagef("%v", err)
				}
				for i := range probs {
					probs[i].Msg = mp + ": " + probs[i].Msg
				}
				r.Problems = append(r.Problems, probs...)
				if len(probs) == 0 && !opts.JSON {
					fmt.Fprintf(opts.IO.Out, "%s: matches the disclosure log\n", mp)
				}
			}
		}
		if len(es) > 0 {
			r.HeadSeq, r.HeadHash = es[len(es)-1].Seq, es[len(es)-1].Hash
		}
		if r.Problems == nil {
			r.Problems = []raudit.Problem{}
		}
		broken += len(r.Problems)
		reports = append(reports, r)
	}
	if opts.JSON {
		if err := cli.WriteJSON(opts.IO.Out, reports); err != nil {
			return err
		}
	} else {
		for _, r := range reports {
			if len(r.Problems) == 0 {
				fmt.Fprintf(opts.IO.Out, "%s: %d entries, chain intact", r.Log, r.Entries)
				if r.Entries > 0 {
					fmt.Fprintf(opts.IO.Out, ", head %d:%s", r.HeadSeq, r.HeadHash)
				}
				fmt.Fprintln(opts.IO.Out)
				continue
			}
			fmt.Fprintf(opts.IO.Out, "%s: %d entries, %d problem(s):\n", r.Log, r.Entries, len(r.Problems))
			for _, p := range r.Problems {
				fmt.Fprintf(opts.IO.Out, "  %s\n", p.Msg)
			}
		}
	}
	if broken > 0 {
		return fmt.Errorf("audit: %d problem(s) found: the logs have been tampered with", broken)
	}
	return nil
}
