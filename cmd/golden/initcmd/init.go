// Package initcmd is `golden init`: scaffold a commented golden.yaml.
package initcmd

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"github.com/spf13/cobra"

	"github.com/council/golden/config"
	"github.com/council/golden/internal/cli"
)

// Options are init's inputs.
type Options struct {
	IO    *cli.IOStreams
	Dir   string
	Force bool
}

// New returns the init command. runF, if not nil, replaces the run function (for tests).
func New(f *cli.Factory, runF func(*Options) error) *cobra.Command {
	opts := &Options{IO: f.IO}
	cmd := &cobra.Command{
		Use:   "init [DIR]",
		Short: "Write a commented golden.yaml to start a project",
		Example: `  golden init                  # golden.yaml in this folder
  golden init projects/newham   # in another folder
  golden init --force           # overwrite an existing golden.yaml`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Dir = "."
			if len(args) == 1 {
				opts.Dir = args[0]
			}
			if runF != nil {
				return runF(opts)
			}
			return run(opts)
		},
	}
	cmd.Flags().BoolVar(&opts.Force, "force", false, "overwrite an existing golden.yaml")
	return cmd
}

func run(opts *Options) error {
	if err := os.MkdirAll(opts.Dir, 0o755); err != nil {
		return fmt.Errorf("init: %w", err)
	}
	path := filepath.Join(opts.Dir, config.DefaultFile)
	if _, err := os.Stat(path); err == nil && !opts.Force {
		return cli.Usagef("%s already exists (use --force to overwrite)", path)
	} else if err != nil && !errors.Is(err, os.ErrNotExist) {
		return fmt.Errorf("init: %w", err)
	}
	if err := os.WriteFile(path, config.Example, 0o644); err != nil {
		return fmt.Errorf("init: %w", err)
	}
	fmt.Fprintf(opts.IO.ErrOut, "wrote %s: edit its sources, then run `golden run`\n", path)
	return nil
}
