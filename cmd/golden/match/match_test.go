package match

import (
	"errors"
	"testing"

	"github.com/council/golden/internal/cli"
)

func TestFlags(t *testing.T) {
	tests := []struct {
		name    string
		args    []string
		want    Options
		wantErr bool
	}{
		{"defaults", nil, Options{}, false},
		{"kind incremental json", []string{"--kind", "person", "--incremental", "--json"}, Options{Kind: "person", Incremental: true, JSON: true}, false},
		{"bad kind", []string{"--kind", "vehicle"}, Options{}, true},
		{"incremental and retrain", []string{"--incremental", "--retrain"}, Options{}, true},
		{"argument", []string{"person"}, Options{}, true},
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
				var ue *cli.UsageError
				if err == nil || (!errors.As(err, &ue) && got != nil) {
					t.Fatalf("err = %v, want a usage error", err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got.Kind != tt.want.Kind || got.Incremental != tt.want.Incremental || got.JSON != tt.want.JSON || got.Retrain != tt.want.Retrain {
				t.Errorf("options = %+v, want %+v", *got, tt.want)
			}
		})
	}
}
