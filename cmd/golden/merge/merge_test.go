package merge_test

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/council/golden/cmd/golden/merge"
	"github.com/council/golden/cmd/golden/review"
	"github.com/council/golden/cmd/golden/split"
	"github.com/council/golden/golden/goldentest"
	"github.com/council/golden/internal/cli"
	"github.com/council/golden/record"
	"github.com/spf13/cobra"
)

// project writes a golden.yaml naming the test world's sources and a
// store with two golden records that should be one, and one that holds a
// record that is someone else.
func project(t *testing.T) (cfgPath, db string) {
	dir := t.TempDir()
	cfgPath = filepath.Join(dir, "golden.yaml")
	os.WriteFile(cfgPath, []byte(`version: 1
sources:
  - {name: council_tax, kind: person, connector: csv, path: a.csv, trust: 3}
  - {name: housing, kind: person, connector: csv, path: b.csv, trust: 2}
  - {name: education, kind: person, connector: csv, path: c.csv, trust: 1}
`), 0o600)
	db = filepath.Join(dir, "golden.duckdb")
	w := goldentest.NewAt(t, db)
	w.Put(
		goldentest.Person("council_tax:A1", "given_name", "Jane", "family_name", "Smith", "nhs_number", "9434765919"),
		goldentest.Person("housing:T9", "given_name", "Jane", "family_name", "Smyth"),
		goldentest.Person("education:E5", "given_name", "Tom", "family_name", "Smith", "nhs_number", "4010232137"),
		goldentest.Person("education:E6", "given_name", "Jane", "family_name", "Smith", "nhs_number", "9434765919"),
	)
	w.Cluster(record.Person, []string{"council_tax:A1", "education:E5"})
	w.Build(record.Person) // P-1 {A1, E5}, P-2 {T9}, P-3 {E6}
	w.St.Close()
	return cfgPath, db
}

func execute(t *testing.T, cmd func(*cli.Factory) *cobra.Command, cfg, db string, args ...string) (string, error) {
	t.Helper()
	ios, _, out, _ := cli.Test()
	c := cmd(&cli.Factory{IO: ios, ConfigPath: cfg, DBPath: db})
	c.SetArgs(args)
	c.SilenceUsage, c.SilenceErrors = true, true
	err := c.Execute()
	return out.String(), err
}

func TestStewardCommands(t *testing.T) {
	cfg, db := project(t)
	newMerge := func(f *cli.Factory) *cobra.Command { return merge.New(f, nil) }
	newSplit := func(f *cli.Factory) *cobra.Command { return split.New(f, nil) }
	newReview := func(f *cli.Factory) *cobra.Command { return review.New(f, nil) }

	out, err := execute(t, newReview, cfg, db, "--kind", "person")
	var we *cli.WarningsError
	if !errors.As(err, &we) || !strings.Contains(out, "conflict\tperson\tP-1\t") {
		t.Fatalf("review: %v\n%s", err, out)
	}

	out, err = execute(t, newSplit, cfg, db, "P-1", "--move", "education:E5", "--by", "s1", "--note", "different NHS numbers")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out, "recorded 1 decision(s)") || !strings.Contains(out, "P-1 keeps its id; the moved records are now in P-4") {
		t.Errorf("split output:\n%s", out)
	}
	out, err = execute(t, newMerge, cfg, db, "P-1", "P-3", "housing:T9", "--by", "s1")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out, "recorded 2 must-link decision(s)") || !strings.Contains(out, "golden record P-1 now holds them (run") {
		t.Errorf("merge output:\n%s", out)
	}
	// Merging the split-off record back contradicts the split.
	_, err = execute(t, newMerge, cfg, db, "P-1", "P-4")
	if err == nil || !strings.Contains(err.Error(), "cannot-link") {
		t.Errorf("merge against a split: %v", err)
	}
	if _, err := execute(t, newMerge, cfg, db, "P-1", "P-99"); cli.ExitCode(err) != cli.ExitNotFound {
		t.Errorf("unknown id: exit %d (%v)", cli.ExitCode(err), err)
	}
	if _, err := execute(t, newSplit, cfg, db, "P-1", "--move", "education:E6", "--move", "council_tax:A1", "--move", "housing:T9"); cli.ExitCode(err) != cli.ExitUsage {
		t.Errorf("split of every record: exit %d (%v)", cli.ExitCode(err), err)
	}
	out, err = execute(t, newReview, cfg, db, "--kind", "person", "--json")
	if err != nil || !strings.Contains(out, `"total": 0`) || !strings.Contains(out, `"items": []`) {
		t.Errorf("review after the decisions: %v\n%s", err, out)
	}
}

func TestFlags(t *testing.T) {
	tests := []struct {
		name string
		cmd  func(*cli.Factory) *cobra.Command
		args []string
		code int
	}{
		{"merge one", func(f *cli.Factory) *cobra.Command { return merge.New(f, func(*merge.Options) error { return nil }) }, []string{"P-1"}, cli.ExitUsage},
		{"merge two", func(f *cli.Factory) *cobra.Command { return merge.New(f, func(*merge.Options) error { return nil }) }, []string{"P-1", "P-2"}, 0},
		{"split without move", func(f *cli.Factory) *cobra.Command { return split.New(f, func(*split.Options) error { return nil }) }, []string{"P-1"}, cli.ExitUsage},
		{"split bad key", func(f *cli.Factory) *cobra.Command { return split.New(f, func(*split.Options) error { return nil }) }, []string{"P-1", "--move", "A1"}, cli.ExitUsage},
		{"split", func(f *cli.Factory) *cobra.Command { return split.New(f, func(*split.Options) error { return nil }) }, []string{"P-1", "--move", "a:1", "--move", "b:2"}, 0},
		{"review bad kind", func(f *cli.Factory) *cobra.Command { return review.New(f, func(*review.Options) error { return nil }) }, []string{"--kind", "car"}, cli.ExitUsage},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := execute(t, tt.cmd, "", "", tt.args...)
			code := cli.ExitCode(err)
			// Cobra's own argument errors become usage errors in root.
			if err != nil && code == cli.ExitFailure && strings.Contains(err.Error(), "arg") {
				code = cli.ExitUsage
			}
			if code != tt.code {
				t.Errorf("exit %d (%v), want %d", code, err, tt.code)
			}
		})
	}
}
