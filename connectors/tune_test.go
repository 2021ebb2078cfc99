package connectors

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/council/golden/store"
)

func TestParseBytes(t *testing.T) {
	tests := []struct {
		in   string
		want int64
		ok   bool
	}{
		{"18.5 GiB", 37 << 29, true},
		{"256.0 MiB", 256 << 20, true},
		{"4.0 GB", 4e9, true},
		{"0 bytes", 0, true},
		{"lots", 0, false},
		{"12 parsecs", 0, false},
	}
	for _, tt := range tests {
		got, ok := parseBytes(tt.in)
		if got != tt.want || ok != tt.ok {
			t.Errorf("parseBytes(%q) = %d, %v; want %d, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}

// An ingest caps DuckDB's memory (unless the store's own limit is lower) and
// puts every setting back afterwards.
func TestTuneDuckDBRestores(t *testing.T) {
	tests := []struct {
		limit, during string
	}{
		{"", "256.0 MiB"}, // DuckDB's default: 80 % of RAM
		{"4GB", "256.0 MiB"},
		{"100MB", "95.3 MiB"},
	}
	for _, tt := range tests {
		t.Run(tt.limit, func(t *testing.T) {
			ctx := context.Background()
			st, err := store.Open(ctx, filepath.Join(t.TempDir(), "g.duckdb"), store.Options{MemoryLimit: tt.limit})
			if err != nil {
				t.Fatal(err)
			}
			defer st.Close()
			settings := func() string {
				return query(t, st, `SELECT current_setting('memory_limit'), current_setting('threads'), current_setting('write_buffer_row_group_count')`)
			}
			before := settings()
			restore, err := tuneDuckDB(ctx, st)
			if err != nil {
				t.Fatal(err)
			}
			if got := query(t, st, `SELECT current_setting('memory_limit')`); got != tt.during {
				t.Errorf("during the ingest memory_limit = %s, want %s", got, tt.during)
			}
			restore()
			if after := settings(); after != before {
				t.Errorf("settings %s, want %s as before", after, before)
			}
		})
	}
}
