package root

import (
	"github.com/spf13/cobra"

	"github.com/council/golden/internal/cli"
)

// Each area adds its commands in its own file (connectors.go, matching.go, …)
// so that areas never edit the same file. The functions are called in this
// order, which is the order `golden --help` lists them in.
func areas() []func(*cobra.Command, *cli.Factory) {
	return []func(*cobra.Command, *cli.Factory){
		addPipelineCommands,
		addConnectorCommands,
		addMatchingCommands,
		addGoldenCommands,
		addRulesCommands,
		addSyntheticCommands,
	}
}
