package connectors

import (
	"context"
	"fmt"
	"strings"
	"testing"
)

// Hostile extracts: every row is either stored or quarantined with a reason,
// and the counts reconcile.
func TestIngestHostileCSV(t *testing.T) {
	const yaml = `version: 1
sources:
  - name: s
    kind: person
    connector: csv
    path: in.csv
    mode: full
    id: REF
    format: {encoding: %ENC%}
    fields:
      given_name: NAME
      family_name: SURNAME
`
	huge := strings.Repeat("x", 5<<20)
	tests := []struct {
		name     string
		enc      string
		body     string
		read     int64
		stored   int64
		reasons  []string // substrings of the quarantine reasons, in line order
		warnings []string
	}{
		{name: "broken quoting", enc: "utf-8", body: "REF,NAME,SURNAME\n1,\"Ann,Lee\n2,Bob,Ray\n3,\"Cy\"x,Ode\n", read: 3, stored: 1,
			reasons: []string{"broken quoting", "broken quoting: text after a closing quote in column 2"}},
		{name: "unclosed quote at the end", enc: "utf-8", body: "REF,NAME,SURNAME\n1,Ann,Lee\n2,\"Bob,Ray\n3,Cy,Ode\n", read: 3, stored: 2,
			reasons: []string{"broken quoting: a quoted field is not closed before the end of the file"}},
		{name: "quoted newline", enc: "utf-8", body: "REF,NAME,SURNAME\n1,\"Ann\nMarie\",Lee\n2,Bob,Ray\n", read: 2, stored: 2},
		{name: "ragged rows", enc: "utf-8", body: "REF,NAME,SURNAME\n1,Ann\n2,Bob,Ray,extra\n3,Cy,Ode,\n", read: 3, stored: 1,
			reasons: []string{"ragged row: 2 columns", "ragged row: 4 columns"}},
		{name: "bad utf-8 bytes", enc: "utf-8", body: "REF,NAME,SURNAME\n1,Ann\xff\xfe,Lee\n2,Bob,Ray\n", read: 2, stored: 1,
			reasons: []string{"not valid in the declared encoding utf-8"}},
		{name: "windows-1252 undefined byte", enc: "windows-1252", body: "REF,NAME,SURNAME\n1,Ann\x81,Lee\n2,Zo\xeb,Ray\n", read: 2, stored: 1,
			reasons: []string{"not valid in the encoding windows-1252"}},
		{name: "empty file", enc: "utf-8", body: "", read: 0, stored: 0, warnings: []string{"the file is empty"}},
		{name: "header only", enc: "utf-8", body: "REF,NAME,SURNAME\n", read: 0, stored: 0, warnings: []string{"header only"}},
		{name: "duplicate header names", enc: "utf-8", body: "REF,NAME,SURNAME,NAME\n1,Ann,Lee,Other\n", read: 1, stored: 1,
			warnings: []string{`names column "NAME" twice; column 4 is called "NAME_2"`}},
		{name: "huge single field", enc: "utf-8", body: "REF,NAME,SURNAME\n1," + huge + ",Lee\n2,Bob,Ray\n", read: 2, stored: 1,
			reasons: []string{"row longer than"}},
		{name: "binary junk", enc: "utf-8", body: "REF,NAME,SURNAME\n1,Ann,Lee\n\x00\x01\x02\x03PK\x03\x04\n2,Bob,Ray\n", read: 3, stored: 2,
			reasons: []string{"binary content"}},
		{name: "duplicate ids", enc: "utf-8", body: "REF,NAME,SURNAME\n1,Ann,Lee\n1,Ann,Lea\n", read: 2, stored: 1,
			reasons: []string{"duplicate source id: the first row with it is in.csv line 2"}},
		{name: "old Mac line endings", enc: "utf-8", body: "REF,NAME,SURNAME\r1,Ann,Lee\r2,Bob,Ray\r", read: 2, stored: 2},
		{name: "missing id", enc: "utf-8", body: "REF,NAME,SURNAME\n,Ann,Lee\n  ,Bob,Ray\n", read: 2, stored: 0,
			reasons: []string{"no source id", "no source id"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg, st := project(t, strings.Replace(yaml, "%ENC%", tt.enc, 1), map[string]string{"in.csv": tt.body})
			rep, err := Ingest(context.Background(), st, cfg, IngestOptions{})
			if err != nil {
				t.Fatalf("ingest: %v", err)
			}
			s := rep.Sources[0]
			checkReconciles(t, s)
			if s.Read != tt.read || s.Stored != tt.stored {
				t.Errorf("read %d stored %d, want %d and %d", s.Read, s.Stored, tt.read, tt.stored)
			}
			got := query(t, st, `SELECT reason FROM quarantine ORDER BY line`)
			var reasons []string
			if got != "" {
				reasons = strings.Split(got, "\n")
			}
			if len(reasons) != len(tt.reasons) {
				t.Fatalf("quarantine reasons %q, want %q", reasons, tt.reasons)
			}
			for i := range reasons {
				if !strings.Contains(reasons[i], tt.reasons[i]) {
					t.Errorf("reason %d = %q, want it to contain %q", i, reasons[i], tt.reasons[i])
				}
			}
			if n := query(t, st, `SELECT count(*) FROM quarantine WHERE raw IS NULL OR file IS NULL OR line IS NULL`); n != "0" {
				t.Errorf("%s quarantined rows lack raw content, file or line", n)
			}
			all := strings.Join(s.Warnings, "\n")
			for _, w := range tt.warnings {
				if !strings.Contains(all, w) {
					t.Errorf("warnings %q lack %q", s.Warnings, w)
				}
			}
		})
	}
}

// An undeclared encoding detected as UTF-8 from the start of the file: a
// Windows-1252 line further on is read as such, with a warning.
func TestIngestLateWindows1252(t *testing.T) {
	const yaml = `version: 1
sources:
  - name: s
    kind: person
    connector: csv
    path: in.csv
    id: REF
    fields:
      family_name: SURNAME
`
	body := "REF,SURNAME\n" + strings.Repeat("1,Lee\n", 0)
	for i := 0; i < 9000; i++ {
		body += "A" + strings.Repeat("0", 1) + fmt.Sprint(i) + ",Lee\n"
	}
	body += "Z1,Bront\xeb\n"
	cfg, st := project(t, yaml, map[string]string{"in.csv": body})
	s := ingest(t, st, cfg)
	if s.Quarantined != 0 || s.Stored != 9001 {
		t.Fatalf("%s", counts(s))
	}
	if got := query(t, st, `SELECT family_name FROM current_records WHERE source_id = 'Z1'`); got != "Brontë" {
		t.Errorf("got %q", got)
	}
	if len(s.Warnings) != 1 || !strings.Contains(s.Warnings[0], "line 9002 is not") {
		t.Errorf("warnings %q", s.Warnings)
	}
}

func TestIngestEncodings(t *testing.T) {
	const yaml = `version: 1
sources:
  - name: s
    kind: business
    connector: csv
    path: in.csv
    id: 1
    format: {header: false, delimiter: "%DELIM%"%ENC%}
    fields:
      business_name: 2
      rateable_value: 3
`
	tests := []struct {
		name, delim, enc, body string
	}{
		{"utf-8 bom", ",", "", "\xef\xbb\xbf1,Café £ Ltd,\"£1,200\"\n"},
		{"windows-1252 declared", "|", ", encoding: windows-1252", "1|Caf\xe9 \xa3 Ltd|\xa31,200\n"},
		{"windows-1252 detected", "\t", "", "1\tCaf\xe9 \xa3 Ltd\t\xa31,200\n"},
		{"latin-1", ";", ", encoding: latin-1", "1;Caf\xe9 \xa3 Ltd;\xa31,200\n"},
		{"detected delimiter", "", "", "1|Café £ Ltd|£1,200\n"},
		{"no quoting", ",", ", quote: ''", "1,\"Café £ Ltd\",1200\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			y := strings.Replace(strings.Replace(yaml, "%ENC%", tt.enc, 1), "%DELIM%", tt.delim, 1)
			if tt.delim == "" {
				y = strings.Replace(y, `, delimiter: ""`, "", 1)
			}
			cfg, st := project(t, y, map[string]string{"in.csv": tt.body})
			rep, err := Ingest(context.Background(), st, cfg, IngestOptions{})
			if err != nil {
				t.Fatalf("ingest: %v", err)
			}
			checkReconciles(t, rep.Sources[0])
			want := "Café £ Ltd|120000"
			if tt.name == "no quoting" {
				want = "\"Café £ Ltd\"|120000"
			}
			if got := query(t, st, `SELECT business_name, rateable_value FROM current_records`); got != want {
				t.Errorf("got %q, want %q (quarantine: %s)", got, want, query(t, st, `SELECT reason FROM quarantine`))
			}
		})
	}
}

// With ragged: pad, the lines a broken quoted field swallowed are not padded
// into records of their own: they are most likely the rest of that field.
func TestIngestPadAfterBrokenQuoting(t *testing.T) {
	const padYAML = `version: 1
sources:
  - name: s
    kind: person
    connector: csv
    path: in.csv
    id: REF
    format: {ragged: pad}
    fields:
      given_name: NAME
      family_name: SURNAME
`
	cfg, st := project(t, padYAML, map[string]string{"in.csv": "REF,NAME,SURNAME\n1,\"Ann spans\nmany\nlines\n2,Bob\n3,Cy,Ode\n"})
	s := ingest(t, st, cfg)
	checkReconciles(t, s)
	// Line 2's quote never closes: every later line was read into it, and
	// the short ones are not padded (3,Cy,Ode, whole, is a record).
	if s.Read != 5 || s.Stored != 1 {
		t.Errorf("%s, want 5 read and 1 stored", counts(s))
	}
	got := query(t, st, `SELECT line, reason FROM quarantine ORDER BY line`)
	for _, want := range []string{"2|broken quoting", "3|ragged row: 1 columns, the header has 3; it follows the quoted field that broke at line 2", "4|ragged row", "5|ragged row: 2 columns"} {
		if !strings.Contains(got, want) {
			t.Errorf("quarantine lacks %q:\n%s", want, got)
		}
	}

	// Beyond max_row_lines the field is given up, but the short lines after
	// it are still not records, until a whole row; short rows after that
	// are padded as usual.
	cfg2, st2 := project(t, strings.Replace(padYAML, "format: {ragged: pad}", "format: {ragged: pad, max_row_lines: 3}", 1),
		map[string]string{"in.csv": "REF,NAME,SURNAME\n1,\"Ann spans\nmany\nlines\nand\nnever\ncloses\n3,Cy,Ode\n4,Di\n"})
	s = ingest(t, st2, cfg2)
	checkReconciles(t, s)
	if got := query(t, st2, `SELECT source_id FROM source_records ORDER BY source_id`); got != "3\n4" {
		t.Errorf("stored %q, want 3 and 4 (4,Di padded)", got)
	}
}
