package root

import (
	"github.com/spf13/cobra"

	"github.com/council/golden/cmd/golden/bench"
	"github.com/council/golden/cmd/golden/generate"
	"github.com/council/golden/internal/cli"
)

func addSyntheticCommands(root *cobra.Command, f *cli.Factory) {
	root.AddCommand(generate.New(f, nil))
	root.AddCommand(bench.New(f, nil))
}
