package root

import (
	"github.com/spf13/cobra"

	"github.com/council/golden/cmd/golden/audit"
	"github.com/council/golden/cmd/golden/policy"
	"github.com/council/golden/cmd/golden/share"
	"github.com/council/golden/internal/cli"
)

func addRulesCommands(root *cobra.Command, f *cli.Factory) {
	root.AddCommand(share.New(f, nil), policy.New(f), audit.New(f))
}
