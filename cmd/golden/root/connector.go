package root

import (
	"github.com/spf13/cobra"

	"github.com/council/golden/cmd/golden/exportquarantine"
	"github.com/council/golden/cmd/golden/ingest"
	"github.com/council/golden/internal/cli"
)

func addConnectorCommands(root *cobra.Command, f *cli.Factory) {
	root.AddCommand(ingest.New(f, nil))
	exportCommand(root).AddCommand(exportquarantine.New(f, nil))
}
