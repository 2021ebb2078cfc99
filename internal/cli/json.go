package cli

import (
	"encoding/json"
	"io"

	"github.com/spf13/cobra"
)

// JSONFlag adds --json to cmd, bound to *enabled.
func JSONFlag(cmd *cobra.Command, enabled *bool) {
	cmd.Flags().BoolVar(enabled, "json", false, "print machine-readable JSON to stdout")
}

// WriteJSON writes v as indented JSON followed by a newline.
func WriteJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}
