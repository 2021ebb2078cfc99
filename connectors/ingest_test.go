package connectors

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/council/golden/config"
	"github.com/council/golden/store"
)

// project writes golden.yaml (with %s replaced by nothing) and the given
// files into a temp dir and returns the loaded config and an open store.
func project(t *testing.T, yaml string, files map[string]string) (*config.Config, *store.Store) {
	t.Helper()
	dir := t.TempDir()
	for name, body := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	path := filepath.Join(dir, "golden.yaml")
	if err := os.WriteFile(path, []byte(yaml), 0o600); err != nil {
		t.Fatal(err)
	}
	cfg, err := config.Load(path)
	if err != nil {
		t.Fatalf("config: %v", err)
	}
	st, err := store.Open(context.Background(), filepath.Join(dir, "g.duckdb"), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return cfg, st
}

func write(t *testing.T, cfg *config.Config, name, body string) {
	t.Helper()
	if err := os.WriteFile(filepath.Join(cfg.Dir, name), []byte(body), 0o600); err != nil {
		t.Fatal(err)
	}
}

func ingest(t *testing.T, st *store.Store, cfg *config.Config) SourceReport {
	t.Helper()
	rep, err := Ingest(context.Background(), st, cfg, IngestOptions{})
	if err != nil {
		t.Fatalf("ingest: %v", err)
	}
	if len(rep.Sources) != 1 {
		t.Fatalf("want one source report, got %d", len(rep.Sources))
	}
	s := rep.Sources[0]
	checkReconciles(t, s)
	return s
}

func checkReconciles(t *testing.T, s SourceReport) {
	t.Helper()
	if s.Read != s.Stored+s.Quarantined || s.Stored != s.New+s.Changed+s.Unchanged {
		t.Errorf("%s does not reconcile: %+v", s.Name, s)
	}
}

func counts(s SourceReport) string {
	return fmt.Sprintf("read=%d new=%d changed=%d unchanged=%d deleted=%d quarantined=%d", s.Read, s.New, s.Changed, s.Unchanged, s.Deleted, s.Quarantined)
}

func query(t *testing.T, st *store.Store, q string, args ...any) string {
	t.Helper()
	rows, err := st.DB.QueryContext(context.Background(), q, args...)
	if err != nil {
		t.Fatalf("%s: %v", q, err)
	}
	defer rows.Close()
	cols, _ := rows.Columns()
	var out []string
	for rows.Next() {
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			t.Fatal(err)
		}
		var parts []string
		for _, v := range vals {
			if v == nil {
				parts = append(parts, "NULL")
			} else {
				parts = append(parts, fmt.Sprint(v))
			}
		}
		out = append(out, strings.Join(parts, "|"))
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return strings.Join(out, "\n")
}

const peopleYAML = `version: 1
sources:
  - name: ctax
    kind: person
    connector: csv
    path: people.csv
    mode: %s
    id: REF
    delete_flag: {column: ACTION, values: [D]}
    fields:
      given_name: FORENAME
      family_name: {column: SURNAME, case: title}
      date_of_birth: {column: DOB, date: DD/MM/YYYY}
      postcode: POSTCODE
      nhs_number: NHS
    attributes:
      tenure: TENURE
    relationships:
      - {type: parent_of, from_column: PARENT}
`

const peopleV1 = `REF,FORENAME,SURNAME,DOB,POSTCODE,NHS,TENURE,PARENT,ACTION
A1,John,SMITH,25/12/1980,sw1a1aa,943 476 5919,owner,,
A2,Jane,smith,13/02/1982,PO5 2SE,9434765918,tenant,A1,
A3,Ann,Doe,14/03/1990,PO5 2SE,,,,
`

func TestIngestChangeDetection(t *testing.T) {
	ctx := context.Background()
	cfg, st := project(t, fmt.Sprintf(peopleYAML, "full"), map[string]string{"people.csv": peopleV1})

	s := ingest(t, st, cfg)
	if got, want := counts(s), "read=3 new=3 changed=0 unchanged=0 deleted=0 quarantined=0"; got != want {
		t.Fatalf("first run: %s, want %s", got, want)
	}
	if got := query(t, st, `SELECT source_id, given_name, family_name, date_of_birth, postcode, nhs_number, invalid_fields, attrs FROM current_records ORDER BY source_id`); got !=
		"A1|John|Smith|1980-12-25|SW1A 1AA|9434765919|NULL|{\"tenure\":\"owner\"}\n"+
			"A2|Jane|Smith|1982-02-13|PO5 2SE|9434765918|nhs_number|{\"tenure\":\"tenant\"}\n"+
			"A3|Ann|Doe|1990-03-14|PO5 2SE|NULL|NULL|NULL" {
		t.Errorf("records:\n%s", got)
	}
	if got := query(t, st, `SELECT from_source, from_id, to_source, to_id, rel_type FROM source_relationships`); got != "ctax|A1|ctax|A2|parent_of" {
		t.Errorf("relationships: %s", got)
	}
	rids := query(t, st, `SELECT source_id, rid FROM source_records ORDER BY source_id`)

	t.Run("same extract changes nothing", func(t *testing.T) {
		s := ingest(t, st, cfg)
		if got, want := counts(s), "read=3 new=0 changed=0 unchanged=3 deleted=0 quarantined=0"; got != want {
			t.Fatalf("%s, want %s", got, want)
		}
		if n := query(t, st, `SELECT count(*) FROM source_records`); n != "3" {
			t.Errorf("%s versions after a re-run, want 3", n)
		}
	})
	t.Run("changed row is a new version, missing row deleted", func(t *testing.T) {
		write(t, cfg, "people.csv", strings.Replace(strings.Replace(peopleV1, "Jane,smith", "Jane,Jones", 1), "A3,Ann,Doe,14/03/1990,PO5 2SE,,,,\n", "", 1)+"A4,New,Person,01/01/2001,,,,,\n")
		s := ingest(t, st, cfg)
		if got, want := counts(s), "read=3 new=1 changed=1 unchanged=1 deleted=1 quarantined=0"; got != want {
			t.Fatalf("%s, want %s", got, want)
		}
		if got := query(t, st, `SELECT source_id, version, is_current, deleted, family_name FROM source_records WHERE source_id IN ('A2','A3') ORDER BY source_id, version`); got !=
			"A2|1|false|false|Smith\nA2|2|true|false|Jones\nA3|1|false|false|Doe\nA3|2|true|true|Doe" {
			t.Errorf("versions:\n%s", got)
		}
		if got := query(t, st, `SELECT source_id, rid FROM source_records WHERE version = 1 AND source_id <> 'A4' ORDER BY source_id`); got != rids {
			t.Errorf("rids moved: %s, was %s", got, rids)
		}
		s = ingest(t, st, cfg)
		if got, want := counts(s), "read=3 new=0 changed=0 unchanged=3 deleted=0 quarantined=0"; got != want {
			t.Fatalf("re-run: %s, want %s", got, want)
		}
	})
	t.Run("a deleted record that comes back", func(t *testing.T) {
		write(t, cfg, "people.csv", peopleV1)
		s := ingest(t, st, cfg)
		if s.Changed < 1 {
			t.Fatalf("%s: A3 should come back as a change", counts(s))
		}
		if got := query(t, st, `SELECT deleted, version FROM source_records WHERE source_id = 'A3' AND is_current`); got != "false|3" {
			t.Errorf("A3 current: %s", got)
		}
	})
	t.Run("empty full extract is refused", func(t *testing.T) {
		before := query(t, st, `SELECT count(*), sum(version) FROM source_records`)
		write(t, cfg, "people.csv", "REF,FORENAME,SURNAME,DOB,POSTCODE,NHS,TENURE,PARENT,ACTION\n")
		_, err := Ingest(ctx, st, cfg, IngestOptions{})
		var se *SourceError
		if !errors.As(err, &se) || se.Source != "ctax" {
			t.Fatalf("err = %v, want a SourceError for ctax", err)
		}
		if after := query(t, st, `SELECT count(*), sum(version) FROM source_records`); after != before {
			t.Errorf("store changed: %s → %s", before, after)
		}
	})
}

func TestIngestDelta(t *testing.T) {
	cfg, st := project(t, fmt.Sprintf(peopleYAML, "delta"), map[string]string{"people.csv": peopleV1})
	ingest(t, st, cfg)
	write(t, cfg, "people.csv", "REF,FORENAME,SURNAME,DOB,POSTCODE,NHS,TENURE,PARENT,ACTION\nA3,,,,,,,,D\nA9,,,,,,,,D\nA4,New,Person,01/01/2001,,,,,\n")
	s := ingest(t, st, cfg)
	if got, want := counts(s), "read=3 new=1 changed=1 unchanged=1 deleted=1 quarantined=0"; got != want {
		t.Fatalf("%s, want %s", got, want)
	}
	if got := query(t, st, `SELECT source_id, deleted, given_name FROM source_records WHERE is_current ORDER BY source_id`); got !=
		"A1|false|John\nA2|false|Jane\nA3|true|Ann\nA4|false|New" {
		t.Errorf("current:\n%s", got)
	}
	// The same delta again is not applied again.
	s = ingest(t, st, cfg)
	if got, want := counts(s), "read=0 new=0 changed=0 unchanged=0 deleted=0 quarantined=0"; got != want {
		t.Fatalf("re-run: %s, want %s", got, want)
	}
	if len(s.Warnings) != 1 || !strings.Contains(s.Warnings[0], "no new delta file: the 1 found were applied before (the latest, people.csv, by run 2)") {
		t.Errorf("re-run warnings %q", s.Warnings)
	}
}

func TestIngestWholeFileFailureLeavesStore(t *testing.T) {
	ctx := context.Background()
	cfg, st := project(t, fmt.Sprintf(peopleYAML, "full"), map[string]string{"people.csv": peopleV1})
	ingest(t, st, cfg)
	before := query(t, st, `SELECT (SELECT count(*) FROM source_records), (SELECT count(*) FROM quarantine), (SELECT count(*) FROM ingest_counts)`)
	tests := []struct {
		name, body string
		remove     bool
		want       string
	}{
		{name: "missing file", remove: true, want: "no such file"},
		{name: "layout does not fit", body: "REF;FORENAME;SURNAME\nA1;John;Smith\n", want: `column "DOB"`},
		{name: "empty full extract", body: "REF,FORENAME,SURNAME,DOB,POSTCODE,NHS,TENURE,PARENT,ACTION\n", want: "refusing to mark all 3"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.remove {
				os.Remove(filepath.Join(cfg.Dir, "people.csv"))
			} else {
				write(t, cfg, "people.csv", tt.body)
			}
			_, err := Ingest(ctx, st, cfg, IngestOptions{})
			if err == nil || !strings.Contains(err.Error(), "ctax") || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("err = %v, want one naming ctax and %q", err, tt.want)
			}
			if after := query(t, st, `SELECT (SELECT count(*) FROM source_records), (SELECT count(*) FROM quarantine), (SELECT count(*) FROM ingest_counts)`); after != before {
				t.Errorf("store changed: %s → %s", before, after)
			}
			// The failed run is in the history, as failed.
			if got := query(t, st, `SELECT status FROM ingest_runs ORDER BY run_id DESC LIMIT 1`); got != "failed" {
				t.Errorf("the failed ingest's run has status %q, want failed", got)
			}
		})
	}
}

func copyFile(t *testing.T, from, to string) {
	t.Helper()
	b, err := os.ReadFile(from)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(to, b, 0o600); err != nil {
		t.Fatal(err)
	}
}

// TestIngestQuarantinedRowIsNotMissing: in a full extract, a record whose row
// is quarantined (a bad required value, a ragged row, broken quoting after
// the id) is in the extract: it is kept as it was, not marked deleted. Only
// the record whose id is nowhere in the extract is.
func TestIngestQuarantinedRowIsNotMissing(t *testing.T) {
	yaml := strings.Replace(fmt.Sprintf(peopleYAML, "full"), "date_of_birth: {column: DOB, date: DD/MM/YYYY}",
		"date_of_birth: {column: DOB, date: DD/MM/YYYY, required: true}", 1)
	cfg, st := project(t, yaml, map[string]string{"people.csv": `REF,FORENAME,SURNAME,DOB,POSTCODE,NHS,TENURE,PARENT,ACTION
A1,John,SMITH,25/12/1980,sw1a1aa,,owner,,
A2,Jane,smith,13/02/1982,PO5 2SE,,tenant,,
A3,Ann,Doe,14/03/1990,PO5 2SE,,,,
A4,Bo,Wu,01/01/1981,PO5 2SE,,,,
A5,Cy,Po,02/02/1982,PO5 2SE,,,,
`})
	ingest(t, st, cfg)
	write(t, cfg, "people.csv", `REF,FORENAME,SURNAME,DOB,POSTCODE,NHS,TENURE,PARENT,ACTION
A1,John,SMITH,25/12/1980,sw1a1aa,,owner,,
A2,Jane,smith,not a date,PO5 2SE,,tenant,,
A3,Ann,Doe,14/03/1990,PO5 2SE,,,,,extra
A4,"Bo "Wu,01/01/1981,PO5 2SE,,,,
`)
	rep, err := Ingest(context.Background(), st, cfg, IngestOptions{})
	if err != nil {
		t.Fatal(err)
	}
	s := rep.Sources[0]
	checkReconciles(t, s)
	if got, want := counts(s), "read=4 new=0 changed=0 unchanged=1 deleted=1 quarantined=3"; got != want {
		t.Errorf("counts %s, want %s", got, want)
	}
	got := query(t, st, `SELECT source_id, version, deleted FROM source_records WHERE is_current ORDER BY source_id`)
	want := "A1|1|false\nA2|1|false\nA3|1|false\nA4|1|false\nA5|2|true"
	if got != want {
		t.Errorf("current versions:\n%s\nwant:\n%s", got, want)
	}
	if !slices.ContainsFunc(s.Warnings, func(w string) bool { return strings.Contains(w, "3 records kept as they were") }) {
		t.Errorf("no warning that 3 records were kept: %q", s.Warnings)
	}
}

// TestIngestJSONPathNoRecordHas: a mapped path that no record has is warned
// about, with the near miss when the records have one; an attribute's path
// only when many records lack it (most people have no preferred name).
func TestIngestJSONPathNoRecordHas(t *testing.T) {
	cfg, st := project(t, `version: 1
sources:
  - name: asc
    kind: person
    connector: ndjson
    path: people.ndjson
    id: id
    fields:
      given_name: name.frist
      family_name: name.last
      date_of_birth: {path: dateOfBirth, date: YYYY-MM-DD}
    attributes:
      preferred_name: name.preferred
`, map[string]string{"people.ndjson": `{"id": "1", "name": {"first": "Ann", "last": "Lee"}, "dob": "1980-01-02"}
{"id": "2", "name": {"first": "Bob", "last": "Ray"}, "dob": "1990-03-04"}
`})
	s := ingest(t, st, cfg)
	got := strings.Join(s.Warnings, "\n")
	for _, want := range []string{
		`no record of the 2 read has the path "name.frist", so the value is empty in every row; the records have "name.first"`,
		`no record of the 2 read has the path "dateOfBirth", so the value is empty in every row: check the path`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("warnings lack %q:\n%s", want, got)
		}
	}
	if strings.Contains(got, "name.preferred") {
		t.Errorf("a rare attribute's path is warned about in 2 records:\n%s", got)
	}
}

// TestIngestBadAttributeFlagged: an attribute declared money or a date whose
// value does not read is kept as received, flagged invalid (attr.<name>)
// and counted in a warning.
func TestIngestBadAttributeFlagged(t *testing.T) {
	cfg, st := project(t, `version: 1
sources:
  - name: rates
    kind: business
    connector: csv
    path: in.csv
    id: REF
    fields:
      business_name: NAME
    attributes:
      balance: {column: BALANCE, money: true}
      start: {column: START, date: DD/MM/YYYY}
`, map[string]string{"in.csv": "REF,NAME,BALANCE,START\n1,Acme,£12.50,01/02/2023\n2,Bolt,abc,31/11/2023\n"})
	s := ingest(t, st, cfg)
	got := query(t, st, `SELECT source_id, coalesce(invalid_fields, ''), attrs->>'balance', attrs->>'start' FROM source_records ORDER BY source_id`)
	want := "1||1250|2023-02-01\n2|attr.balance;attr.start|abc|31/11/2023"
	if got != want {
		t.Errorf("stored:\n%s\nwant:\n%s", got, want)
	}
	all := strings.Join(s.Warnings, "\n")
	for _, w := range []string{"attribute balance: 1 values do not read as money", "attribute start: 1 values do not read as a date"} {
		if !strings.Contains(all, w) {
			t.Errorf("warnings lack %q:\n%s", w, all)
		}
	}
}

// TestIngestDateOrderConfirmedEarlier: dates that all fit both day/month
// orders are warned about until the store holds one that confirmed the
// declared order; then a small nightly file of them is not warned about.
func TestIngestDateOrderConfirmedEarlier(t *testing.T) {
	const ambiguous = "date_of_birth: day/month order ambiguous"
	yaml := fmt.Sprintf(peopleYAML, "delta")
	cfg, st := project(t, yaml, map[string]string{"people.csv": "REF,FORENAME,SURNAME,DOB,POSTCODE,NHS,TENURE,PARENT,ACTION\nA1,Ann,Lee,01/02/1980,,,,,\n"})
	if s := ingest(t, st, cfg); !strings.Contains(strings.Join(s.Warnings, "\n"), ambiguous) {
		t.Errorf("no ambiguity warning on a first file of ambiguous dates: %q", s.Warnings)
	}
	write(t, cfg, "people.csv", "REF,FORENAME,SURNAME,DOB,POSTCODE,NHS,TENURE,PARENT,ACTION\nA2,Bob,Ray,25/12/1990,,,,,\n")
	ingest(t, st, cfg)
	write(t, cfg, "people.csv", "REF,FORENAME,SURNAME,DOB,POSTCODE,NHS,TENURE,PARENT,ACTION\nA3,Cy,Ode,03/04/1970,,,,,\n")
	if s := ingest(t, st, cfg); strings.Contains(strings.Join(s.Warnings, "\n"), ambiguous) {
		t.Errorf("ambiguity warned about again after 25/12/1990 confirmed DD/MM: %q", s.Warnings)
	}
}

// An ISO date (or any other format) confirms nothing about DD/MM: only a
// value read with the format in question does.
func TestIngestDateOrderConfirmedOnlyByItsFormat(t *testing.T) {
	const ambiguous = "date_of_birth: day/month order ambiguous"
	cfg, st := project(t, `version: 1
sources:
  - name: a
    kind: person
    connector: csv
    path: in.csv
    mode: delta
    id: REF
    fields:
      given_name: NAME
      date_of_birth: DOB
`, map[string]string{"in.csv": "REF,NAME,DOB\n1,Ann,1980-01-25\n"})
	ingest(t, st, cfg)
	write(t, cfg, "in.csv", "REF,NAME,DOB\n2,Bob,04/03/1970\n")
	if s := ingest(t, st, cfg); !strings.Contains(strings.Join(s.Warnings, "\n"), ambiguous) {
		t.Errorf("an ISO date took for confirming DD/MM: no ambiguity warning: %q", s.Warnings)
	}
}

// A family-first full name is split before its case option: the capitals
// that mark the family part are still there.
func TestIngestFamilyFirstNameCased(t *testing.T) {
	cfg, st := project(t, `version: 1
sources:
  - name: er
    kind: person
    connector: csv
    path: in.csv
    id: REF
    fields:
      full_name: {column: NAME, order: family_first, case: title}
`, map[string]string{"in.csv": "REF,NAME\n1,SMITH JONES Mary Ann\n2,VAN DER BERG Anouk\n"})
	ingest(t, st, cfg)
	got := query(t, st, `SELECT source_id, given_name, coalesce(middle_names, ''), family_name FROM source_records ORDER BY source_id`)
	if want := "1|Mary|Ann|Smith Jones\n2|Anouk||Van Der Berg"; got != want {
		t.Errorf("names:\n%s\nwant:\n%s", got, want)
	}
}

// TestIngestDanglingRelationships: a relationship whose other end is not in
// the store is kept and warned about, unless that source holds no records
// yet (not ingested).
func TestIngestDanglingRelationships(t *testing.T) {
	cfg, st := project(t, `version: 1
sources:
  - name: gaz
    kind: property
    connector: csv
    path: gaz.csv
    id: UPRN
    fields:
      uprn: UPRN
  - name: ctax
    kind: person
    connector: csv
    path: ctax.csv
    id: REF
    fields:
      given_name: NAME
    relationships:
      - {type: lives_at, to_column: UPRN, to_source: gaz}
      - {type: works_at, to_column: EMPLOYER, to_source: companies}
`, map[string]string{
		"gaz.csv":  "UPRN\n100\n101\n",
		"ctax.csv": "REF,NAME,UPRN,EMPLOYER\nA1,Ann,100,C1\nA2,Bob,999,C2\n",
	})
	rep, err := Ingest(context.Background(), st, cfg, IngestOptions{})
	if err != nil {
		t.Fatal(err)
	}
	got := strings.Join(rep.Warnings(), "\n")
	if !strings.Contains(got, "1 lives_at relationships point at gaz records that are not in the store") {
		t.Errorf("no warning for the UPRN the gazetteer lacks:\n%s", got)
	}
	if strings.Contains(got, "companies") {
		t.Errorf("a warning for a source not ingested yet:\n%s", got)
	}
	if n := query(t, st, `SELECT count(*) FROM source_relationships WHERE valid_to IS NULL`); n != "4" {
		t.Errorf("%s relationships kept, want 4", n)
	}
}
