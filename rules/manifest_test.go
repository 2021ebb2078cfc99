package rules

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/council/golden/rules/audit"
)

func TestCheckManifest(t *testing.T) {
	tests := []struct {
		name string
		edit func(out string) error
		sql  string
		want string // "" = no problem
	}{
		{name: "intact"},
		{name: "extract edited", edit: func(out string) error {
			return os.WriteFile(filepath.Join(out, "person.csv"), []byte("golden_id\nforged\n"), 0o600)
		}, want: "is not the file that was shared"},
		{name: "extract removed", edit: func(out string) error { return os.Remove(filepath.Join(out, "person.csv")) }},
		{name: "manifest hash edited", edit: func(out string) error {
			b, _ := os.ReadFile(filepath.Join(out, ManifestName))
			var m Manifest
			json.Unmarshal(b, &m)
			m.Files[0].SHA256 = strings.Repeat("0", 64)
			b, _ = json.Marshal(m)
			return os.WriteFile(filepath.Join(out, ManifestName), b, 0o600)
		}, want: "the manifest was edited"},
		{name: "log entry removed", sql: `DELETE FROM disclosure_log`, want: "is not in the log"},
		{name: "log entry rewritten", sql: `UPDATE disclosure_log SET hash = '` + strings.Repeat("a", 64) + `'`, want: "the log was rewritten"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			ctx := context.Background()
			st, eng, dir := shareFixture(t)
			out := filepath.Join(dir, "out")
			if _, err := Share(ctx, st, eng, ShareOptions{Partner: "nhs", Format: "csv", OutDir: out, Now: testNow, Logger: slog.New(slog.NewTextHandler(io.Discard, nil))}); err != nil {
				t.Fatal(err)
			}
			if tc.edit != nil {
				if err := tc.edit(out); err != nil {
					t.Fatal(err)
				}
			}
			if tc.sql != "" {
				if _, err := st.DB.Exec(tc.sql); err != nil {
					t.Fatal(err)
				}
			}
			es, err := audit.Entries(ctx, st.DB, audit.Disclosures)
			if err != nil {
				t.Fatal(err)
			}
			probs, err := CheckManifest(es, filepath.Join(out, ManifestName))
			if err != nil {
				t.Fatal(err)
			}
			if tc.want == "" {
				if len(probs) > 0 {
					t.Fatalf("problems %v", probs)
				}
				return
			}
			if len(probs) == 0 || !strings.Contains(probs[0].Msg, tc.want) {
				t.Fatalf("got %v, want %q", probs, tc.want)
			}
		})
	}
}
