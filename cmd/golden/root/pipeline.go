package root

import (
	"github.com/spf13/cobra"

	"github.com/council/golden/cmd/golden/run"
	"github.com/council/golden/cmd/golden/runs"
	"github.com/council/golden/internal/cli"
)

func addPipelineCommands(root *cobra.Command, f *cli.Factory) {
	root.AddCommand(run.New(f, nil))
	root.AddCommand(runs.New(f, nil))
}
