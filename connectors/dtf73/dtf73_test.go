package dtf73

import (
	"context"
	"flag"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/council/golden/connectors/raw"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// TestReadGolden reads a full gazetteer and a change file after it (inserts,
// updates and deletes of streets, descriptors, BLPUs, LPIs, delivery points
// and classifications, and lines that cannot be read) and compares every
// row yielded, properties and streets, with testdata/*.golden.
func TestReadGolden(t *testing.T) {
	files := []string{filepath.Join("testdata", "full.csv"), filepath.Join("testdata", "changes.csv")}
	for _, tt := range []struct {
		name    string
		streets bool
	}{
		{"properties", false},
		{"streets", true},
	} {
		t.Run(tt.name, func(t *testing.T) {
			r := &Reader{Files: files, Streets: tt.streets, Layouts: builtinLayouts, Encoding: "utf-8",
				Log: slog.New(slog.DiscardHandler)}
			var b strings.Builder
			err := r.Read(context.Background(), func(row *raw.Row) error {
				fmt.Fprintf(&b, "%s:%d", row.File, row.Line)
				if row.Deleted {
					b.WriteString(" deleted")
				}
				if row.Err != nil {
					fmt.Fprintf(&b, " error field=%q reason=%q", row.Err.Field, row.Err.Reason)
				}
				b.WriteString("\n")
				if row.Header != nil {
					for i, n := range row.Header.Names {
						if v := row.Values[i]; v != "" {
							fmt.Fprintf(&b, "  %s=%s\n", n, v)
						}
					}
				}
				for _, l := range strings.Split(row.Raw, "\n") {
					fmt.Fprintf(&b, "  | %s\n", l)
				}
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
			golden := filepath.Join("testdata", tt.name+".golden")
			if *update {
				if err := os.WriteFile(golden, []byte(b.String()), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatal(err)
			}
			if got := b.String(); got != string(want) {
				t.Errorf("rows differ from %s (go test -update to rewrite it):\n%s", golden, got)
			}
		})
	}
}
