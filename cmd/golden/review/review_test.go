package review

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/council/golden/golden/goldentest"
	"github.com/council/golden/golden/steward"
	"github.com/council/golden/internal/cli"
	"github.com/council/golden/record"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

func TestFlags(t *testing.T) {
	tests := []struct {
		name    string
		args    []string
		want    Options
		wantErr bool
	}{
		{"default", []string{}, Options{Limit: steward.DefaultLimit}, false},
		{"limit and kind", []string{"--limit", "5", "--kind", "person", "--json"}, Options{Limit: 5, Kind: "person", JSON: true}, false},
		{"zero limit", []string{"--limit", "0"}, Options{}, true},
		{"bad kind", []string{"--kind", "vehicle"}, Options{}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ios, _, _, _ := cli.Test()
			var got *Options
			cmd := New(&cli.Factory{IO: ios}, func(o *Options) error { got = o; return nil })
			cmd.SetArgs(tt.args)
			cmd.SilenceUsage, cmd.SilenceErrors = true, true
			err := cmd.Execute()
			if tt.wantErr {
				var ue *cli.UsageError
				if !errors.As(err, &ue) {
					t.Fatalf("err = %v, want a usage error", err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got.Limit != tt.want.Limit || got.Kind != tt.want.Kind || got.JSON != tt.want.JSON {
				t.Errorf("options = %+v, want %+v", got, tt.want)
			}
		})
	}
}

// scenario: one golden record whose members give two NHS numbers (a
// conflict) and three scored pairs across golden records.
func scenario(t *testing.T) string {
	path := filepath.Join(t.TempDir(), "golden.duckdb")
	w := goldentest.NewAt(t, path)
	w.Put(
		goldentest.Person("council_tax:A1", "given_name", "Jane", "family_name", "Smith", "nhs_number", "9434765919"),
		goldentest.Person("housing:T9", "given_name", "Jane", "family_name", "Smith", "nhs_number", "4010232137"),
		goldentest.Person("education:E5", "given_name", "Jayne", "family_name", "Smith"),
		goldentest.Person("education:E6", "given_name", "Jane", "family_name", "Smyth"),
	)
	w.Cluster(record.Person, []string{"council_tax:A1", "housing:T9"})
	w.Build(record.Person)
	for i, p := range [][2]string{{"housing:T9", "education:E5"}, {"housing:T9", "education:E6"}, {"education:E5", "education:E6"}} {
		l, r := w.RIDs[p[0]], w.RIDs[p[1]]
		if l > r {
			l, r = r, l
		}
		if _, err := w.St.DB.Exec(`INSERT INTO match_pairs VALUES ('person', ?, ?, 3.5, ?, 'name', 1)`, l, r, 0.9-0.1*float64(i)); err != nil {
			t.Fatal(err)
		}
	}
	w.St.Close()
	return path
}

func TestReview(t *testing.T) {
	path := scenario(t)
	tests := []struct {
		name    string
		args    []string
		tty     bool
		wantErr string
	}{
		{"all", []string{}, false, ""},
		{"all-terminal", []string{}, true, ""},
		{"limit1", []string{"--limit", "1"}, false, "showing 2 of 4 items (person possible-duplicate 1 of 3); --limit N lists up to N of each type and kind\n"},
		{"property", []string{"--kind", "property"}, false, "nothing to review\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ios, _, out, errOut := cli.Test()
			ios.IsTerminal = tt.tty
			f := &cli.Factory{IO: ios, DBPath: path, ConfigPath: filepath.Join(t.TempDir(), "none.yaml")}
			cmd := New(f, nil)
			cmd.SetArgs(tt.args)
			cmd.SilenceUsage, cmd.SilenceErrors = true, true
			err := cmd.Execute()
			wantCode := cli.ExitWarnings
			if tt.name == "property" {
				wantCode = cli.ExitOK
			}
			if code := cli.ExitCode(err); code != wantCode {
				t.Fatalf("exit %d (%v), want %d", code, err, wantCode)
			}
			if errOut.String() != tt.wantErr {
				t.Errorf("stderr %q, want %q", errOut.String(), tt.wantErr)
			}
			file := filepath.Join("testdata", tt.name+".txt")
			if *update {
				os.WriteFile(file, out.Bytes(), 0o644)
			}
			want, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(out.Bytes(), want) {
				t.Errorf("output differs from %s (run with -update):\n%s", file, out.Bytes())
			}
		})
	}
	t.Run("json", func(t *testing.T) {
		ios, _, out, _ := cli.Test()
		cmd := New(&cli.Factory{IO: ios, DBPath: path, ConfigPath: filepath.Join(t.TempDir(), "none.yaml")}, nil)
		cmd.SetArgs([]string{"--json", "--limit", "2"})
		cmd.SilenceUsage, cmd.SilenceErrors = true, true
		if err := cmd.Execute(); cli.ExitCode(err) != cli.ExitWarnings {
			t.Fatalf("exit %d: %v", cli.ExitCode(err), err)
		}
		var q steward.Queue
		if err := json.Unmarshal(out.Bytes(), &q); err != nil {
			t.Fatal(err)
		}
		if q.Shown != 3 || q.Total != 4 || len(q.Items) != 3 || len(q.Counts) != 2 {
			t.Errorf("json: shown %d of %d, %d items, counts %+v", q.Shown, q.Total, len(q.Items), q.Counts)
		}
	})
}
