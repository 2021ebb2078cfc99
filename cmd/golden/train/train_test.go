package train

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/council/golden/internal/cli"
	"github.com/council/golden/matching"
)

func TestFlags(t *testing.T) {
	for _, tt := range []struct {
		name    string
		args    []string
		wantErr bool
	}{
		{"all kinds", nil, false},
		{"one kind", []string{"--kind", "property", "--json"}, false},
		{"out needs kind", []string{"--out", "m.json"}, true},
		{"bad kind", []string{"--kind", "x"}, true},
	} {
		t.Run(tt.name, func(t *testing.T) {
			ios, _, _, _ := cli.Test()
			cmd := New(&cli.Factory{IO: ios}, func(o *Options) error { return nil })
			cmd.SetArgs(tt.args)
			cmd.SilenceErrors, cmd.SilenceUsage = true, true
			if err := cmd.Execute(); (err != nil) != tt.wantErr {
				t.Fatalf("err = %v, want error %v", err, tt.wantErr)
			}
		})
	}
}

func TestPrint(t *testing.T) {
	m := &matching.Model{Kind: "person", Version: 2, TrainedAt: time.Date(2026, 1, 2, 3, 4, 0, 0, time.UTC), Records: 10, Prior: 0.01,
		Comparisons: []matching.ComparisonModel{{Name: "dob", Levels: []matching.LevelModel{
			{Label: "exact", Gamma: 1, M: 0.9, U: 0.01, Weight: 6.49},
			{Label: "else", Gamma: 0, M: 0.1, U: 0.99, Weight: -3.31}}}}}
	var b bytes.Buffer
	if err := Print(&b, m); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"person model version 2", "dob", "exact", "+6.49", "-3.31", "0.9000"} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("output lacks %q:\n%s", want, b.String())
		}
	}
}
