package config

import (
	"errors"
	"strings"
	"testing"
)

const good = `version: 1
council: Demo City
store:
  path: out/golden.duckdb
  threads: 2
sources:
  - name: council_tax
    kind: person
    connector: csv
    path: ctax.csv
    fields:
      given_name: FORENAME
  - name: gazetteer
    kind: property
    connector: dtf73
    path: llpg.csv
    mode: delta
constraints:
  - {kind: person, rule: cannot-link, a: "council_tax:1", b: "council_tax:2"}
`

func TestParseGood(t *testing.T) {
	c, err := Parse("/p/golden.yaml", []byte(good))
	if err != nil {
		t.Fatal(err)
	}
	if len(c.Sources) != 2 || c.Sources[0].Mode != "full" || c.Sources[1].Mode != "delta" {
		t.Fatalf("sources = %+v", c.Sources)
	}
	if c.Sources[0].Line != 7 {
		t.Errorf("source line = %d, want 7", c.Sources[0].Line)
	}
	if got := c.StorePath(); got != "/p/out/golden.duckdb" {
		t.Errorf("StorePath = %s", got)
	}
	if got := c.Resolve("ctax.csv"); got != "/p/ctax.csv" {
		t.Errorf("Resolve = %s", got)
	}
	if s, ok := c.Source("gazetteer"); !ok || s.Connector != "dtf73" {
		t.Errorf("Source(gazetteer) = %+v, %v", s, ok)
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct {
		name, text, want string
	}{
		{"not yaml", "sources: [", "golden.yaml:1:"},
		{"unknown key", "srouces: []\n", `golden.yaml:1: unknown key "srouces"`},
		{"no sources", "version: 1\n", "no sources"},
		{"bad kind", "sources:\n  - name: a\n    kind: vehicle\n    connector: csv\n", "golden.yaml:3: source a: unknown entity kind"},
		{"dup source", "sources:\n  - {name: a, kind: person, connector: csv}\n  - {name: a, kind: person, connector: csv}\n", "golden.yaml:3: source \"a\" is defined twice"},
		{"bad mode", "sources:\n  - name: a\n    kind: person\n    connector: csv\n    mode: sometimes\n", "golden.yaml:5: source a: mode"},
		{"type error", "version: one\nsources: []\n", "golden.yaml:1: cannot unmarshal text"},
		{"bad constraint", "sources:\n  - {name: a, kind: person, connector: csv}\nconstraints:\n  - {kind: person, rule: maybe, a: 'a:1', b: 'a:2'}\n", "golden.yaml:4: constraint rule"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse("golden.yaml", []byte(tt.text))
			if err == nil {
				t.Fatal("no error")
			}
			var ce *Error
			if !errors.As(err, &ce) {
				t.Fatalf("error %T is not *config.Error", err)
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %q does not contain %q", err, tt.want)
			}
			if strings.Contains(err.Error(), "config.") || strings.Contains(err.Error(), "!!") {
				t.Errorf("error %q shows Go or YAML internals", err)
			}
		})
	}
}
