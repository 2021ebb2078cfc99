package exportgolden

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/council/golden/golden/goldentest"
	"github.com/council/golden/internal/cli"
	"github.com/council/golden/record"
	"github.com/council/golden/store"
)

func TestFlags(t *testing.T) {
	tests := []struct {
		name       string
		args       []string
		wantFormat string
		wantErr    bool
	}{
		{"default csv", []string{"--kind", "person"}, "csv", false},
		{"from extension", []string{"--kind", "person", "--out", "x.parquet"}, "parquet", false},
		{"json", []string{"--kind", "business", "--format", "JSON"}, "json", false},
		{"no kind", []string{}, "", true},
		{"bad kind", []string{"--kind", "car"}, "", true},
		{"parquet to stdout", []string{"--kind", "person", "--format", "parquet"}, "", true},
		{"bad format", []string{"--kind", "person", "--format", "xml"}, "", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ios, _, _, _ := cli.Test()
			var got *Options
			cmd := New(&cli.Factory{IO: ios}, func(o *Options) error { got = o; return nil })
			cmd.SetArgs(tt.args)
			cmd.SilenceUsage, cmd.SilenceErrors = true, true
			err := cmd.Execute()
			if tt.wantErr {
				var ue *cli.UsageError
				if !errors.As(err, &ue) {
					t.Fatalf("err = %v, want a usage error", err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got.Format != tt.wantFormat {
				t.Errorf("format = %q, want %q", got.Format, tt.wantFormat)
			}
		})
	}
}

func TestExport(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "golden.duckdb")
	w := goldentest.NewAt(t, db)
	w.Put(
		goldentest.Person("council_tax:A1", "given_name", "Jane", "family_name", "O'Brien, Smith"),
		goldentest.Person("housing:T9", "given_name", "Jane", "family_name", "O'Brien, Smith", "phone", "07700900123"),
		goldentest.Person("education:E5", "given_name", "Tom"),
	)
	w.Cluster(record.Person)
	w.Build(record.Person)
	w.Cluster(record.Person, []string{"council_tax:A1", "housing:T9"})
	w.Build(record.Person)
	w.St.Close()

	exec := func(args ...string) string {
		t.Helper()
		ios, _, out, _ := cli.Test()
		cmd := New(&cli.Factory{IO: ios, DBPath: db, ConfigPath: filepath.Join(dir, "none.yaml")}, nil)
		cmd.SetArgs(args)
		cmd.SilenceUsage, cmd.SilenceErrors = true, true
		if err := cmd.Execute(); err != nil {
			t.Fatal(err)
		}
		return out.String()
	}

	t.Run("csv", func(t *testing.T) {
		recs, err := csv.NewReader(strings.NewReader(exec("--kind", "person"))).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		if len(recs) != 3 || recs[0][1] != "golden_id" {
			t.Fatalf("csv = %q", recs)
		}
		col := map[string]int{}
		for i, c := range recs[0] {
			col[c] = i
		}
		if recs[1][col["family_name"]] != "O'Brien, Smith" || recs[1][col["member_count"]] != "2" || recs[1][col["phone"]] != "07700900123" {
			t.Errorf("first row = %q", recs[1])
		}
		all, _ := csv.NewReader(strings.NewReader(exec("--kind", "person", "--retired"))).ReadAll()
		if len(all) != 4 {
			t.Errorf("with --retired: %d rows, want 4", len(all))
		}
	})
	t.Run("json", func(t *testing.T) {
		out := filepath.Join(dir, "people.json")
		exec("--kind", "person", "--out", out)
		b, err := os.ReadFile(out)
		if err != nil {
			t.Fatal(err)
		}
		var rows []map[string]any
		if err := json.Unmarshal(b, &rows); err != nil {
			t.Fatalf("%v:\n%s", err, b)
		}
		if len(rows) != 2 || rows[0]["member_count"] != float64(2) || rows[1]["given_name"] != "Tom" {
			t.Errorf("json = %v", rows)
		}
		if fi, _ := os.Stat(out); fi.Mode().Perm() != 0o600 {
			t.Errorf("file mode %v, want 0600", fi.Mode().Perm())
		}
		if exec("--kind", "business", "--format", "json") != "[\n]\n" {
			t.Error("an empty export is not an empty array")
		}
	})
	t.Run("parquet", func(t *testing.T) {
		out := filepath.Join(dir, "people.parquet")
		exec("--kind", "person", "--out", out)
		ctx := context.Background()
		st, err := store.Open(ctx, ":memory:", store.Options{})
		if err != nil {
			t.Fatal(err)
		}
		defer st.Close()
		var n int
		var name string
		if err := st.DB.QueryRow(`SELECT count(*), max(family_name) FROM read_parquet(?)`, out).Scan(&n, &name); err != nil {
			t.Fatal(err)
		}
		if n != 2 || name != "O'Brien, Smith" {
			t.Errorf("parquet: %d rows, family %q", n, name)
		}
	})
}
