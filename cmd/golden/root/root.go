// Package root assembles golden's commands.
package root

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/council/golden/cmd/golden/initcmd"
	"github.com/council/golden/internal/cli"
)

// New returns the golden command with every subcommand attached.
func New(f *cli.Factory) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "golden <command>",
		Short: "Master data for a council: link residents, properties and businesses into golden records",
		Long: `golden pulls person, property and business records out of a council's legacy
systems, links the records that describe the same thing into golden records
kept in one DuckDB file, and shares them with partners only as far as the
governance rules allow.

Exit codes: 0 ok, 1 failed (the failed step wrote nothing), 2 bad usage or config,
3 finished with warnings, 4 not found.`,
		Example: `  golden init                 # write a commented golden.yaml here
  golden run                  # ingest, match and build golden records
  golden show --largest person`,
		SilenceErrors: true,
		SilenceUsage:  true,
		Args:          cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			return cmd.Help()
		},
	}
	cmd.SetOut(f.IO.Out)
	cmd.SetErr(f.IO.ErrOut)
	cmd.SetIn(f.IO.In)
	cmd.PersistentFlags().StringVarP(&f.ConfigPath, "config", "c", "", "project file (default golden.yaml)")
	cmd.PersistentFlags().StringVar(&f.DBPath, "db", "", "store file (default: the config's store.path, else golden.duckdb)")
	cmd.SetFlagErrorFunc(func(c *cobra.Command, err error) error {
		return &cli.UsageError{Err: fmt.Errorf("%w\nSee '%s --help'.", err, c.CommandPath())}
	})
	cmd.AddCommand(initcmd.New(f, nil))
	cmd.AddCommand(&cobra.Command{
		Use:   "export <what>",
		Short: "Export quarantine, clusters or golden records as CSV, Parquet or JSON",
		Args:  cobra.NoArgs,
		RunE:  func(c *cobra.Command, args []string) error { return c.Help() },
	})
	for _, add := range areas() {
		add(cmd, f)
	}
	for _, c := range cmd.Commands() {
		if c.Args == nil {
			c.Args = cobra.NoArgs
		}
	}
	wrapArgErrors(cmd)
	return cmd
}

// wrapArgErrors makes argument errors usage errors (exit 2) on every command.
func wrapArgErrors(cmd *cobra.Command) {
	if args := cmd.Args; args != nil {
		cmd.Args = func(c *cobra.Command, a []string) error {
			if err := args(c, a); err != nil {
				return &cli.UsageError{Err: fmt.Errorf("%w\nSee '%s --help'.", err, c.CommandPath())}
			}
			return nil
		}
	}
	for _, c := range cmd.Commands() {
		wrapArgErrors(c)
	}
}

// exportCommand returns the `export` parent, to which areas add their verbs.
func exportCommand(root *cobra.Command) *cobra.Command {
	for _, c := range root.Commands() {
		if c.Name() == "export" {
			return c
		}
	}
	panic("root: no export command")
}
