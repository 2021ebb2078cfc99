package why

import (
	"testing"

	"github.com/council/golden/internal/cli"
	"github.com/council/golden/record"
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
