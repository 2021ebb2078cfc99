package revoke

import (
	"testing"

	"github.com/council/golden/internal/cli"
)

func TestFlags(t *testing.T) {
	tests := []struct {
		name string
		args []string
		want Options
		code int
	}{
		{"a pair", []string{"council_tax:A1", "housing:T9", "--by", "s1", "--note", "wrong"}, Options{Refs: []string{"council_tax:A1", "housing:T9"}, By: "s1", Note: "wrong"}, 0},
		{"a run", []string{"--run", "42", "--json"}, Options{Run: 42, JSON: true}, 0},
		{"golden ids", []string{"P-1", "P-2", "P-3"}, Options{Refs: []string{"P-1", "P-2", "P-3"}}, 0},
		{"one reference", []string{"P-1"}, Options{}, cli.ExitUsage},
		{"nothing", []string{}, Options{}, cli.ExitUsage},
		{"both", []string{"--run", "4", "P-1", "P-2"}, Options{}, cli.ExitUsage},
		{"negative run", []string{"--run", "-1"}, Options{}, cli.ExitUsage},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Setenv("USER", "tester")
			ios, _, _, _ := cli.Test()
			var got *Options
			cmd := New(&cli.Factory{IO: ios}, func(o *Options) error { got = o; return nil })
			cmd.SetArgs(tt.args)
			cmd.SilenceUsage, cmd.SilenceErrors = true, true
			err := cmd.Execute()
			if code := cli.ExitCode(err); code != tt.code {
				t.Fatalf("exit %d (%v), want %d", code, err, tt.code)
			}
			if tt.code != 0 {
				return
			}
			by := tt.want.By
			if by == "" {
				by = "tester"
			}
			if len(got.Refs) != len(tt.want.Refs) || got.Run != tt.want.Run || got.By != by || got.Note != tt.want.Note || got.JSON != tt.want.JSON {
				t.Errorf("options = %+v, want %+v (by %s)", got, tt.want, by)
			}
			for i := range got.Refs {
				if got.Refs[i] != tt.want.Refs[i] {
					t.Errorf("refs = %v, want %v", got.Refs, tt.want.Refs)
				}
			}
		})
	}
}
