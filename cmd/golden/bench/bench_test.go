package bench

import (
	"bytes"
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/council/golden/internal/cli"
	"github.com/council/golden/record"
	"github.com/council/golden/synthetic"
)

// A small bench runs every stage, measures accuracy against the truth, and
// reuses the generated city the second time.
func TestRunSmallCity(t *testing.T) {
	if testing.Short() {
		t.Skip("runs matching end to end")
	}
	ctx := context.Background()
	cache := t.TempDir()
	ios, _, _, _ := cli.Test()
	opts := &Options{IO: ios, People: 150, Seed: 4, Cache: cache, Threads: 2}
	res, err := Run(ctx, opts)
	if err != nil {
		t.Fatal(err)
	}
	stages := map[string]Stage{}
	for _, s := range res.Stages {
		stages[s.Name+"/"+string(s.Kind)] = s
	}
	for _, name := range []string{"generate/", "ingest/", "match/person", "golden/person", "match/business"} {
		s, ok := stages[name]
		if !ok {
			t.Errorf("no stage %s", name)
			continue
		}
		if s.Status != "ok" {
			t.Errorf("stage %s: %s %s", name, s.Status, s.Error)
		}
		if s.Records == 0 {
			t.Errorf("stage %s counted no records", name)
		}
	}
	if q, want := stages["ingest/"].Detail["quarantined"], stages["ingest/"].Detail["expected_quarantined"]; q != int64(want.(int)) {
		t.Errorf("quarantined %v rows, expected %v", q, want)
	}
	var person *synthetic.Accuracy
	for i := range res.Accuracy {
		a := &res.Accuracy[i]
		for _, v := range []float64{a.Precision, a.Recall, a.F1} {
			if v < 0 || v > 1 {
				t.Errorf("%s: accuracy %v out of range", a.Kind, v)
			}
		}
		if a.TruePositives > a.PredictedPairs || a.TruePositives > a.TruePairs {
			t.Errorf("%s: %d true positives of %d predicted, %d true", a.Kind, a.TruePositives, a.PredictedPairs, a.TruePairs)
		}
		if a.Kind == record.Person {
			person = a
		}
	}
	if person == nil || person.TruePairs == 0 || person.Records != person.Clustered {
		t.Fatalf("person accuracy %+v: want true pairs and every record clustered", person)
	}

	again, err := Run(ctx, opts)
	if err != nil {
		t.Fatal(err)
	}
	if again.Stages[0].Status != "cached" {
		t.Errorf("second run's generate stage is %s, want cached", again.Stages[0].Status)
	}
	if again.Accuracy[0] != res.Accuracy[0] {
		t.Errorf("same city, different accuracy: %+v then %+v", res.Accuracy[0], again.Accuracy[0])
	}

	var text bytes.Buffer
	res.WriteText(&text)
	for _, want := range []string{"stage", "ingest", "precision", "person"} {
		if !strings.Contains(text.String(), want) {
			t.Errorf("text output lacks %q", want)
		}
	}
	b, err := json.Marshal(res)
	if err != nil || !bytes.Contains(b, []byte(`"records_per_sec"`)) {
		t.Errorf("json: %v %s", err, b)
	}
}

func TestFlags(t *testing.T) {
	tests := []struct {
		name    string
		args    []string
		wantErr string
	}{
		{"defaults", nil, ""},
		{"json", []string{"--people", "10", "--json"}, ""},
		{"bad kind", []string{"--kind", "vehicle"}, "vehicle"},
		{"bad people", []string{"--people", "-1"}, "at least 1"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ios, _, _, _ := cli.Test()
			cmd := New(&cli.Factory{IO: ios}, func(*Options) error { return nil })
			cmd.SetArgs(tt.args)
			err := cmd.Execute()
			if tt.wantErr == "" && err != nil {
				t.Fatal(err)
			}
			if tt.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tt.wantErr) || cli.ExitCode(err) != cli.ExitUsage) {
				t.Fatalf("err = %v, want usage error with %q", err, tt.wantErr)
			}
		})
	}
}
