package root

import (
	"github.com/spf13/cobra"

	"github.com/council/golden/cmd/golden/evaluate"
	"github.com/council/golden/cmd/golden/exportclusters"
	"github.com/council/golden/cmd/golden/match"
	"github.com/council/golden/cmd/golden/train"
	"github.com/council/golden/cmd/golden/why"
	"github.com/council/golden/internal/cli"
)

func addMatchingCommands(root *cobra.Command, f *cli.Factory) {
	root.AddCommand(train.New(f, nil))
	root.AddCommand(match.New(f, nil))
	root.AddCommand(why.New(f, nil))
	root.AddCommand(evaluate.New(f, nil))
	exportCommand(root).AddCommand(exportclusters.New(f, nil))
}
