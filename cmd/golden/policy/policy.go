// Package policy is `golden policy`: check a governance policy (lint) and
// explain what an agreement shares (explain).
package policy

import (
	"time"

	"github.com/spf13/cobra"

	"github.com/council/golden/internal/cli"
	"github.com/council/golden/rules"
	gov "github.com/council/golden/rules/policy"
)

// New returns the policy command with its verbs.
func New(f *cli.Factory) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "policy <command>",
		Short: "Check the governance policy and explain what each agreement shares",
		Long: `The governance policy (governance: in golden.yaml) names the partners and
internal roles, their data-sharing agreements, and for each agreement the
entity kinds, rows, fields and flags that may leave, and how each field is
transformed. Anything it does not name is not shared.`,
		Example: `  golden policy lint
  golden policy explain --partner nhs-essex`,
		Args: cobra.NoArgs,
		RunE: func(c *cobra.Command, args []string) error { return c.Help() },
	}
	cmd.AddCommand(NewLint(f, nil), NewExplain(f, nil))
	return cmd
}

// policyPath finds the policy file: --policy, else golden.yaml's
// governance:. It also returns golden.yaml's sources and their flags when
// there is a golden.yaml to read (nil otherwise).
func policyPath(f *cli.Factory, flag string) (string, map[string][]string, error) {
	if flag != "" {
		var sources map[string][]string
		if f.ConfigPath != "" {
			if cfg, err := f.Config(); err == nil {
				sources = rules.SourceFlags(cfg)
			}
		}
		return flag, sources, nil
	}
	cfg, err := f.Config()
	if err != nil {
		return "", nil, err
	}
	if cfg.Governance == "" {
		return "", nil, &cli.UsageError{Err: &rules.NoPolicyError{File: cfg.File}}
	}
	return cfg.Resolve(cfg.Governance), rules.SourceFlags(cfg), nil
}

// load reads and compiles the policy; a file that is not there is a usage error.
func load(path string, now time.Time, sources map[string][]string) (*gov.Engine, gov.Diagnostics, error) {
	e, ds, err := gov.Load(path, gov.Env{Now: now, Sources: sources})
	if err != nil {
		return nil, nil, &cli.UsageError{Err: err}
	}
	return e, ds, nil
}
