package evaluate

import (
	"strings"
	"testing"

	"github.com/council/golden/internal/cli"
	"github.com/council/golden/record"
)

func TestReadTruth(t *testing.T) {
	tests := []struct {
		name                 string
		csv                  string
		source, id, entity   string
		entities, pairs, pos int
		wantErr              string
	}{
		{"entities", "source,source_id,entity\nct,1,P1\nhb,7,P1\nct,2,P2\n", "", "", "", 3, 0, 0, ""},
		{"pairs", "a,b,match\nct:1,hb:7,1\nct:1,ct:2,0\n", "", "", "", 0, 2, 1, ""},
		{"pairs without a label", "a,b\nct:1,hb:7\n", "", "", "", 0, 1, 1, ""},
		{"extract", "unique_id,first_name,cluster\n0,Rob,0\n1,Bob,0\n", "fake", "unique_id", "cluster", 2, 0, 0, ""},
		{"bad label", "a,b,match\nct:1,hb:7,maybe\n", "", "", "", 0, 0, 0, "truth.csv:2"},
		{"bad key", "a,b\nct1,hb:7\n", "", "", "", 0, 0, 0, "truth.csv:2: a key is not source:source_id"},
		{"unknown shape", "x,y\n1,2\n", "", "", "", 0, 0, 0, "want columns"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tr, err := ReadTruth(strings.NewReader(tt.csv), "truth.csv", tt.source, tt.id, tt.entity)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("err = %v, want %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			pos := 0
			for _, p := range tr.Pairs {
				if p.Match {
					pos++
				}
			}
			if len(tr.Entities) != tt.entities || len(tr.Pairs) != tt.pairs || pos != tt.pos {
				t.Errorf("entities %d pairs %d positive %d", len(tr.Entities), len(tr.Pairs), pos)
			}
			if tt.source != "" && tr.Entities[record.Key{Source: tt.source, SourceID: "1"}] != "0" {
				t.Errorf("extract keys not built from --source: %v", tr.Entities)
			}
		})
	}
}

func TestFlags(t *testing.T) {
	for _, tt := range []struct {
		name    string
		args    []string
		wantErr bool
	}{
		{"truth", []string{"--truth", "t.csv"}, false},
		{"no truth", nil, true},
		{"source without columns", []string{"--truth", "t.csv", "--source", "fake"}, true},
		{"columns without source", []string{"--truth", "t.csv", "--id", "x"}, true},
		{"sweep", []string{"--truth", "t.csv", "--sweep", "0.5,0.9"}, false},
		{"bad sweep", []string{"--truth", "t.csv", "--sweep", "2"}, true},
	} {
		t.Run(tt.name, func(t *testing.T) {
			ios, _, _, _ := cli.Test()
			var got *Options
			cmd := New(&cli.Factory{IO: ios}, func(o *Options) error { got = o; return nil })
			cmd.SetArgs(tt.args)
			cmd.SilenceErrors, cmd.SilenceUsage = true, true
			err := cmd.Execute()
			if (err != nil) != tt.wantErr {
				t.Fatalf("err = %v, want error %v", err, tt.wantErr)
			}
			if err == nil && got.Kind != "person" {
				t.Errorf("default kind %q", got.Kind)
			}
		})
	}
}
