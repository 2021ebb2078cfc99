package root

import (
	"github.com/spf13/cobra"

	"github.com/council/golden/internal/cli"
)

func addConnectorCommands(root *cobra.Command, f *cli.Factory) {
}
