package ingest_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/council/golden/cmd/golden/root"
	"github.com/council/golden/connectors"
	"github.com/council/golden/internal/cli"
)

const goodYAML = `version: 1
store: {path: g.duckdb}
sources:
  - name: ctax
    kind: person
    connector: csv
    path: people.csv
    id: REF
    fields:
      given_name: FORENAME
      family_name: SURNAME
`

func run(t *testing.T, dir string, args ...string) (string, string, int) {
	t.Helper()
	io, _, out, errOut := cli.Test()
	f := &cli.Factory{IO: io}
	cmd := root.New(f)
	cmd.SetArgs(append([]string{"--config", filepath.Join(dir, "golden.yaml")}, args...))
	err := cmd.Execute()
	if err != nil {
		errOut.WriteString(err.Error())
	}
	return out.String(), errOut.String(), cli.ExitCode(err)
}

func setup(t *testing.T, yaml, csv string) string {
	t.Helper()
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "golden.yaml"), []byte(yaml), 0o600); err != nil {
		t.Fatal(err)
	}
	if csv != "" {
		if err := os.WriteFile(filepath.Join(dir, "people.csv"), []byte(csv), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func TestIngestCommand(t *testing.T) {
	tests := []struct {
		name     string
		yaml     string
		csv      string
		args     []string
		code     int
		stderr   []string
		jsonRead int64
	}{
		{name: "clean", yaml: goodYAML, csv: "REF,FORENAME,SURNAME\n1,Ann,Lee\n", code: 0, stderr: []string{"ctax", "read = stored + quarantined"}},
		{name: "quarantine is exit 3", yaml: goodYAML, csv: "REF,FORENAME,SURNAME\n1,Ann,Lee\n,No,Id\n", code: 3,
			stderr: []string{"1 rows quarantined", "golden export quarantine"}},
		{name: "json", yaml: goodYAML, csv: "REF,FORENAME,SURNAME\n1,Ann,Lee\n2,Bob,Ray\n", args: []string{"--json"}, code: 0, jsonRead: 2},
		{name: "config error names the line", yaml: strings.Replace(goodYAML, "family_name: SURNAME", "family_nam: SURNAME", 1), csv: "x", code: 2,
			stderr: []string{"golden.yaml:11:", `unknown field "family_nam"`}},
		{name: "unknown source", yaml: goodYAML, csv: "REF\n", args: []string{"--source", "nope"}, code: 2, stderr: []string{`no source called "nope"`}},
		{name: "missing file is a failure", yaml: goodYAML, code: 1, stderr: []string{"source ctax", "no such file"}},
		{name: "ambiguous dates warn", yaml: strings.Replace(goodYAML, "family_name: SURNAME", "family_name: SURNAME\n      date_of_birth: {column: DOB, date: DD/MM/YYYY}", 1),
			csv: "REF,FORENAME,SURNAME,DOB\n1,Ann,Lee,01/02/1980\n2,Bob,Ray,03/04/1990\n", code: 3, stderr: []string{"warning: ctax: date_of_birth: day/month order ambiguous"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := setup(t, tt.yaml, tt.csv)
			out, errOut, code := run(t, dir, append([]string{"ingest"}, tt.args...)...)
			if code != tt.code {
				t.Errorf("exit %d, want %d\nstderr: %s", code, tt.code, errOut)
			}
			for _, s := range tt.stderr {
				if !strings.Contains(errOut, s) {
					t.Errorf("stderr lacks %q:\n%s", s, errOut)
				}
			}
			if tt.jsonRead > 0 {
				var rep connectors.IngestReport
				if err := json.Unmarshal([]byte(out), &rep); err != nil {
					t.Fatalf("stdout is not the JSON report: %v\n%s", err, out)
				}
				if rep.Sources[0].Read != tt.jsonRead || rep.RunID == 0 {
					t.Errorf("report %+v", rep)
				}
			}
		})
	}
}

func TestExportQuarantine(t *testing.T) {
	dir := setup(t, goodYAML, "REF,FORENAME,SURNAME\n1,Ann,Lee\n,Secret,Person\n1,Dup,Row\n")
	if _, errOut, code := run(t, dir, "ingest"); code != 3 {
		t.Fatalf("ingest exit %d: %s", code, errOut)
	}
	out, _, code := run(t, dir, "export", "quarantine")
	if code != 0 || !strings.Contains(out, "no source id") || !strings.Contains(out, "duplicate source id") {
		t.Fatalf("exit %d:\n%s", code, out)
	}
	if strings.Contains(out, "Secret") {
		t.Errorf("raw content shown without --raw:\n%s", out)
	}
	out, _, _ = run(t, dir, "export", "quarantine", "--json", "--raw")
	var rows []map[string]any
	if err := json.Unmarshal([]byte(out), &rows); err != nil || len(rows) != 2 {
		t.Fatalf("json: %v\n%s", err, out)
	}
	if rows[0]["raw"] != ",Secret,Person" || rows[0]["line"].(float64) != 3 || rows[0]["file"] != "people.csv" {
		t.Errorf("first row: %v", rows[0])
	}
	out, _, _ = run(t, dir, "export", "quarantine", "--format", "csv")
	if !strings.HasPrefix(out, "run_id,source,file,line,field,reason\n") || strings.Count(out, "\n") != 3 {
		t.Errorf("csv:\n%s", out)
	}
	if _, _, code := run(t, dir, "export", "quarantine", "--format", "xml"); code != 2 {
		t.Errorf("--format xml: exit %d, want 2", code)
	}
}
