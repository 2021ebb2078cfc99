package exportclusters

import (
	"testing"

	"github.com/council/golden/internal/cli"
)

func TestFlags(t *testing.T) {
	for _, tt := range []struct {
		name       string
		args       []string
		wantFormat string
		wantErr    bool
	}{
		{"default csv", nil, "csv", false},
		{"from extension", []string{"--out", "c.parquet"}, "parquet", false},
		{"json", []string{"--format", "JSON", "--kind", "business"}, "json", false},
		{"parquet to stdout", []string{"--format", "parquet"}, "", true},
		{"bad format", []string{"--format", "xml"}, "", true},
		{"bad kind", []string{"--kind", "car"}, "", true},
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
			if err == nil && got.Format != tt.wantFormat {
				t.Errorf("format %q, want %q", got.Format, tt.wantFormat)
			}
		})
	}
}
