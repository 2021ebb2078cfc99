package root

import (
	"github.com/spf13/cobra"

	"github.com/council/golden/cmd/golden/exportgolden"
	"github.com/council/golden/cmd/golden/merge"
	"github.com/council/golden/cmd/golden/review"
	"github.com/council/golden/cmd/golden/revoke"
	"github.com/council/golden/cmd/golden/show"
	"github.com/council/golden/cmd/golden/split"
	"github.com/council/golden/internal/cli"
)

func addGoldenCommands(root *cobra.Command, f *cli.Factory) {
	root.AddCommand(show.New(f, nil), review.New(f, nil), merge.New(f, nil), split.New(f, nil), revoke.New(f, nil))
	exportCommand(root).AddCommand(exportgolden.New(f, nil))
}
