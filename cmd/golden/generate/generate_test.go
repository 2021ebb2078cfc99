package generate

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/council/golden/config"
	"github.com/council/golden/connectors"
	"github.com/council/golden/internal/cli"
	"github.com/council/golden/store"
	"github.com/council/golden/synthetic"
)

// A generated city loads through golden's own connectors: every readable row
// is stored, and the only rows quarantined are the ones made unreadable on
// purpose (truth_corrupt.csv).
func TestGeneratedCityIngests(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	sum, err := synthetic.Generate(ctx, dir, synthetic.Options{People: 1500, Seed: 21})
	if err != nil {
		t.Fatal(err)
	}
	cfg, err := config.Load(filepath.Join(dir, synthetic.ConfigFile))
	if err != nil {
		t.Fatal(err)
	}
	st, err := store.Open(ctx, filepath.Join(t.TempDir(), "g.duckdb"), store.Options{Threads: 2})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	rep, err := connectors.Ingest(ctx, st, cfg, connectors.IngestOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Sources) != len(sum.Rows) {
		t.Errorf("ingested %d sources, generated %d", len(rep.Sources), len(sum.Rows))
	}
	for _, s := range rep.Sources {
		t.Run(s.Name, func(t *testing.T) {
			if s.Stored != int64(sum.Rows[s.Name]) {
				t.Errorf("stored %d records, truth has %d", s.Stored, sum.Rows[s.Name])
			}
			if s.Quarantined != int64(sum.Corrupt[s.Name]) {
				t.Errorf("quarantined %d rows, %d were corrupted on purpose", s.Quarantined, sum.Corrupt[s.Name])
			}
			for _, w := range s.Warnings {
				t.Logf("warning: %s", w)
			}
		})
	}
	// Every relationship type the extracts state arrives.
	rows, err := st.DB.QueryContext(ctx, "SELECT rel_type, count(*) FROM source_relationships GROUP BY 1")
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	got := map[string]int{}
	for rows.Next() {
		var typ string
		var n int
		if err := rows.Scan(&typ, &n); err != nil {
			t.Fatal(err)
		}
		got[typ] = n
	}
	for _, typ := range []string{"lives_at", "partner_of", "parent_of", "carer_of", "occupies"} {
		if got[typ] == 0 {
			t.Errorf("no %s relationships stored (got %v)", typ, got)
		}
	}
}

func TestCommand(t *testing.T) {
	tests := []struct {
		name    string
		args    []string
		wantErr string
		people  int
	}{
		{"defaults", []string{"--out", "x"}, "", 1000},
		{"people", []string{"--people", "50", "--seed", "3", "--out", "x"}, "", 50},
		{"no out", []string{"--people", "5"}, "--out is required", 0},
		{"bad people", []string{"--people", "0", "--out", "x"}, "at least 1", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ios, _, _, _ := cli.Test()
			var got *Options
			cmd := New(&cli.Factory{IO: ios}, func(o *Options) error { got = o; return nil })
			cmd.SetArgs(tt.args)
			err := cmd.Execute()
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("err = %v, want %q", err, tt.wantErr)
				}
				if cli.ExitCode(err) != cli.ExitUsage {
					t.Errorf("exit code %d, want %d", cli.ExitCode(err), cli.ExitUsage)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got.People != tt.people {
				t.Errorf("people = %d, want %d", got.People, tt.people)
			}
		})
	}
}

func TestRunWritesSummary(t *testing.T) {
	ios, _, out, _ := cli.Test()
	dir := t.TempDir()
	if err := run(context.Background(), &Options{IO: ios, People: 120, Seed: 2, Out: dir}); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"people in", "council_tax", "gazetteer", "true relationships"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
}
