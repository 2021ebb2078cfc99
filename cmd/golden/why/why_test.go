package why

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/council/golden/golden/goldentest"
	"github.com/council/golden/internal/cli"
	"github.com/council/golden/record"
	"github.com/council/golden/store"
)

func TestArgs(t *testing.T) {
	tests := []struct {
		name    string
		args    []string
		a, b    record.Key
		wantErr bool
	}{
		{"two keys", []string{"council_tax:A1", "housing:T9"}, record.Key{Source: "council_tax", SourceID: "A1"}, record.Key{Source: "housing", SourceID: "T9"}, false},
		{"id with a colon", []string{"er:PD-1:7", "er:PD-1:8"}, record.Key{Source: "er", SourceID: "PD-1:7"}, record.Key{Source: "er", SourceID: "PD-1:8"}, false},
		{"not a key", []string{"A1", "housing:T9"}, record.Key{}, record.Key{}, true},
		{"same record", []string{"a:1", "a:1"}, record.Key{}, record.Key{}, true},
		{"one key", []string{"a:1"}, record.Key{}, record.Key{}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ios, _, _, _ := cli.Test()
			var got *Options
			cmd := New(&cli.Factory{IO: ios}, func(o *Options) error { got = o; return nil })
			cmd.SetArgs(tt.args)
			cmd.SilenceErrors, cmd.SilenceUsage = true, true
			err := cmd.Execute()
			if tt.wantErr {
				if err == nil {
					t.Fatal("no error")
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got.A != tt.a || got.B != tt.b {
				t.Errorf("got %v %v, want %v %v", got.A, got.B, tt.a, tt.b)
			}
		})
	}
}

// Without golden.yaml, why says what is missing: no model at all, or a
// model trained on a spec the store does not keep.
func TestStoreAlone(t *testing.T) {
	path := filepath.Join(t.TempDir(), "golden.duckdb")
	w := goldentest.NewAt(t, path)
	w.Put(
		goldentest.Person("council_tax:A1", "given_name", "Jane", "family_name", "Smith"),
		goldentest.Person("housing:T9", "given_name", "Jane", "family_name", "Smyth"),
	)
	w.Cluster(record.Person)
	w.Build(record.Person)
	w.St.Close()
	why := func(config string) error {
		ios, _, _, _ := cli.Test()
		cmd := New(&cli.Factory{IO: ios, DBPath: path, ConfigPath: config}, nil)
		cmd.SetArgs([]string{"council_tax:A1", "housing:T9"})
		cmd.SilenceErrors, cmd.SilenceUsage = true, true
		return cmd.Execute()
	}
	tests := []struct {
		name   string
		config string
		model  string // a match_models row's spec hash; "" for none
		want   string
	}{
		{"no model", "", "", "no trained person model in the store"},
		{"other spec", "", "0123456789abcdef", "the person model in the store (version 1, spec 0123456789abcdef) was trained on a matching spec that is not the default"},
		{"missing --config", filepath.Join(t.TempDir(), "golden.yaml"), "", "no project file"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.model != "" {
				st, err := store.Open(context.Background(), path, store.Options{})
				if err != nil {
					t.Fatal(err)
				}
				_, err = st.DB.Exec(`INSERT INTO match_models (kind, version, spec_hash, trained_at, model) VALUES ('person', 1, ?, now(), ?)`,
					tt.model, `{"kind": "person", "version": 1, "spec_hash": "`+tt.model+`"}`)
				st.Close()
				if err != nil {
					t.Fatal(err)
				}
			}
			err := why(tt.config)
			if cli.ExitCode(err) != cli.ExitUsage || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("exit %d: %v; want exit 2 with %q", cli.ExitCode(err), err, tt.want)
			}
		})
	}
}
