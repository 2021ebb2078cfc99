package cli

import (
	"path/filepath"
	"strings"
)

// ExportFormat settles an export's --format from the flag and --out: the
// format named, else --out's extension, else CSV. Parquet is a binary file
// and needs --out. Errors are UsageErrors.
func ExportFormat(format, out string) (string, error) {
	format = strings.ToLower(format)
	if format == "" && out != "" {
		format = strings.TrimPrefix(filepath.Ext(out), ".")
	}
	switch format {
	case "":
		return "csv", nil
	case "csv", "json":
		return format, nil
	case "parquet":
		if out == "" {
			return "", Usagef("--format parquet needs --out FILE")
		}
		return format, nil
	}
	return "", Usagef("--format %q (want csv, json or parquet)", format)
}
