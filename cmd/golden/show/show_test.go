package show

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/council/golden/golden/goldentest"
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
		{"id", []string{"P-1"}, Options{Ref: "P-1"}, false},
		{"key with history", []string{"council_tax:A1", "--history", "--json"}, Options{Ref: "council_tax:A1", History: true, JSON: true}, false},
		{"largest", []string{"--largest", "person"}, Options{Largest: "person"}, false},
		{"nothing", []string{}, Options{}, true},
		{"both", []string{"P-1", "--largest", "person"}, Options{}, true},
		{"bad kind", []string{"--largest", "vehicle"}, Options{}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ios, _, _, _ := cli.Test()
			var got *Options
			cmd := New(&cli.Factory{IO: ios}, func(o *Options) error { got = o; return nil })
			cmd.SetArgs(tt.args)
			cmd.SilenceUsage, cmd.SilenceErrors = true, true
			cmd.SetOut(ios.Out)
			cmd.SetErr(ios.ErrOut)
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
			if got.Ref != tt.want.Ref || got.Largest != tt.want.Largest || got.History != tt.want.History || got.JSON != tt.want.JSON {
				t.Errorf("options = %+v, want %+v", got, tt.want)
			}
		})
	}
}

// scenario builds a small store: a merge (P-2 retires into P-1), a
// household and a relationship.
func scenario(t *testing.T) string {
	path := filepath.Join(t.TempDir(), "golden.duckdb")
	w := goldentest.NewAt(t, path)
	w.Put(
		goldentest.Person("council_tax:A1", "given_name", "Jane", "family_name", "Smith", "date_of_birth", "1980-02-03", "uprn", "100").Seen(2025, 3, 1),
		goldentest.Person("education:E5", "given_name", "Tom", "family_name", "Smith", "date_of_birth", "2015-04-01", "uprn", "100"),
	)
	w.Cluster(record.Person)
	w.Build(record.Person)
	w.Put(goldentest.Person("housing:T9", "given_name", "Jane", "family_name", "Smith", "nhs_number", "9434765919", "uprn", "100").Flagged("safeguarding"))
	w.Relate("education", "council_tax:A1", "parent_of", "education:E5")
	w.Cluster(record.Person)
	w.Build(record.Person)
	w.Cluster(record.Person, []string{"council_tax:A1", "housing:T9"})
	w.Build(record.Person)
	// Ingested after the last build: in no golden record yet.
	w.Put(goldentest.Person("library:L1", "given_name", "Ann", "family_name", "Lee"))
	// Ingested and deleted between builds: in no golden record ever.
	w.Put(goldentest.Person("library:L2", "given_name", "Bo", "family_name", "Wu"))
	w.Del("library:L2")
	w.St.Close()
	return path
}

func TestShow(t *testing.T) {
	path := scenario(t)
	stamp := regexp.MustCompile(`\d{4}-\d\d-\d\d \d\d:\d\d`)
	tests := []struct {
		name string
		args []string
		code int
	}{
		{"active", []string{"P-1"}, 0},
		{"retired", []string{"P-3", "--history"}, 0},
		{"source_key", []string{"education:E5"}, 0},
		{"largest", []string{"--largest", "person"}, 0},
		{"unknown", []string{"P-99"}, cli.ExitNotFound},
		{"unknown_source_key", []string{"library:L9"}, cli.ExitNotFound},
		{"not_built", []string{"library:L1"}, cli.ExitNotFound},
		{"deleted_unbuilt", []string{"library:L2"}, cli.ExitNotFound},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ios, _, out, _ := cli.Test()
			f := &cli.Factory{IO: ios, DBPath: path, ConfigPath: filepath.Join(t.TempDir(), "none.yaml")}
			cmd := New(f, nil)
			cmd.SetArgs(tt.args)
			cmd.SilenceUsage, cmd.SilenceErrors = true, true
			err := cmd.Execute()
			if code := cli.ExitCode(err); code != tt.code {
				t.Fatalf("exit %d (%v), want %d", code, err, tt.code)
			}
			if tt.code != 0 {
				if notBuilt := strings.Contains(fmt.Sprint(err), "in no golden record yet; `golden run`"); notBuilt != (tt.name == "not_built") {
					t.Errorf("error %q", err)
				}
				if deleted := strings.Contains(fmt.Sprint(err), "its source record was deleted in run"); deleted != (tt.name == "deleted_unbuilt") {
					t.Errorf("error %q", err)
				}
				return
			}
			got := stamp.ReplaceAll(out.Bytes(), []byte("YYYY-MM-DD hh:mm"))
			file := filepath.Join("testdata", tt.name+".txt")
			if *update {
				os.WriteFile(file, got, 0o644)
			}
			want, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("output differs from %s (run with -update):\n%s", file, got)
			}
		})
	}
	t.Run("json", func(t *testing.T) {
		ios, _, out, _ := cli.Test()
		cmd := New(&cli.Factory{IO: ios, DBPath: path, ConfigPath: filepath.Join(t.TempDir(), "none.yaml")}, nil)
		cmd.SetArgs([]string{"P-3", "--json"})
		if err := cmd.Execute(); err != nil {
			t.Fatal(err)
		}
		var v struct {
			ID         string `json:"golden_id"`
			Resolution struct {
				Retired      bool     `json:"retired"`
				Destinations []string `json:"destinations"`
			} `json:"resolution"`
			Members []struct{ Source string } `json:"members"`
		}
		if err := json.Unmarshal(out.Bytes(), &v); err != nil {
			t.Fatal(err)
		}
		if v.ID != "P-1" || !v.Resolution.Retired || len(v.Resolution.Destinations) != 1 || len(v.Members) != 2 {
			t.Errorf("json = %+v", v)
		}
	})
}
