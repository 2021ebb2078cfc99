package connectors

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// Each reader end to end: values come through, bad rows are quarantined with
// their line, and read = stored + quarantined.
func TestIngestFormats(t *testing.T) {
	tests := []struct {
		name    string
		yaml    string
		files   map[string]string
		stored  int64
		quar    []string // quarantine reasons, by line
		check   string   // SQL
		want    string
		wantErr string // a whole-file failure
	}{
		{name: "fixed width with record types", yaml: `
    connector: fixedwidth
    path: in.dat
    id: REF
    format:
      record_type: {start: 1, length: 2}
      record_types: {"10": person}
      layout:
        - {name: REF, start: 3, length: 5}
        - {name: SURNAME, start: 8, length: 10}
        - {name: DOB, start: 18, length: 8, type: date}
        - {name: AGE, start: 26, length: 3, type: number}
    fields:
      family_name: SURNAME
      date_of_birth: {column: DOB, date: YYYYMMDD}
`, files: map[string]string{"in.dat": "" +
			"00HEADER\n" +
			"10A0001Smith     19800101 44\n" +
			"10A0002Jones     19811231 4x\n" +
			"20A0003Other     19700101  1\n" +
			"10A0004Brontë    1990\n" +
			"10A0005Lee       20000229  9\n"},
			stored: 2, quar: []string{"not a number", "line has 21 characters; the layout's last field starts at 26"},
			check: `SELECT source_id, family_name, date_of_birth FROM current_records ORDER BY 1`,
			want:  "A0001|Smith|1980-01-01\nA0005|Lee|2000-02-29"},
		{name: "fixed width layout that does not fit", yaml: `
    connector: fixedwidth
    path: in.dat
    id: REF
    format:
      ragged: quarantine
      layout:
        - {name: REF, start: 1, length: 5}
        - {name: SURNAME, start: 40, length: 10}
    fields:
      family_name: SURNAME
`, files: map[string]string{"in.dat": "A0001Smith\nA0002Jones\n"}, wantErr: "the layout does not fit"},
		{name: "ndjson nested paths", yaml: `
    connector: ndjson
    path: in.ndjson
    id: id
    fields:
      given_name: name.given
      family_name: name.family
      postcode: addresses.0.postcode
      phone: phones
`, files: map[string]string{"in.ndjson": `{"id": 1, "name": {"given": "Ann", "family": "Lee"}, "addresses": [{"postcode": "po5 2se"}], "phones": ["020 7946 0018"]}
{"id": 2, "name": {"given": "Bob"
[1, 2, 3]
{"id": 3, "name": null, "addresses": []}
`},
			stored: 2, quar: []string{"invalid JSON: the record is cut short", "the record is not a JSON object"},
			check: `SELECT source_id, given_name, family_name, postcode, phone FROM current_records ORDER BY 1`,
			want:  "1|Ann|Lee|PO5 2SE|02079460018\n3|NULL|NULL|NULL|NULL"},
		{name: "json array at a path", yaml: `
    connector: json
    path: in.json
    id: ref
    format: {records: data.people}
    fields:
      given_name: given
      date_of_birth: {column: dob, date: iso}
`, files: map[string]string{"in.json": `{"meta": {"n": 2}, "data": {"people": [{"ref": "A", "given": "Zoë", "dob": "2001-02-03"}, {"ref": "B", "given": "Al", "dob": 20010203}, "junk"]}}`},
			stored: 2, quar: []string{"the record is not a JSON object"},
			check: `SELECT source_id, given_name, date_of_birth, invalid_fields FROM current_records ORDER BY 1`,
			want:  "A|Zoë|2001-02-03|NULL\nB|Al|20010203|date_of_birth"},
		{name: "json missing path", yaml: `
    connector: json
    path: in.json
    id: ref
    format: {records: data.people}
    fields:
      given_name: given
`, files: map[string]string{"in.json": `{"data": {"staff": []}}`}, wantErr: `no "people" in the document`},
		{name: "json broken array", yaml: `
    connector: json
    path: in.json
    id: ref
    fields:
      given_name: given
`, files: map[string]string{"in.json": `[{"ref": "A", "given": "x"}, {"ref": "B", "giv`}, wantErr: "record 2"},
		{name: "dtf73 properties", yaml: `
    connector: dtf73
    path: in.csv
`, files: map[string]string{"in.csv": `10,"Test Council",9999,2024-01-01,0,2024-01-01,10:00:00,"7.3","F"
11,"I",1,20900161,1,5361,2,2008-06-03,1,8,0,2017-01-04,2017-01-04,2008-06-03,,534846.00,186763.00,534933.00,186768.00,1
15,"I",2,20900161,"ACRE LANE","BRIXTON","LONDON","LAMBETH","ENG"
21,"I",3,100021234567,1,2,2008-06-03,"RD04",,531000.00,175000.00,1,5660,2008-06-03,,2008-06-03,2008-06-03,"","E05000416","",1,1,"5660B000000001"
24,"I",4,100021234567,"5660L000000001","ENG",1,2008-06-03,,2008-06-03,2008-06-03,,"",,"","FLAT 1",12,"A",,"","",20900161,"",Y,"SW2 5SG","LONDON",Y,1,1,"5660L000000001"
21,"I",5,100021234568,1,2,2008-06-03,"RD04",,531000.00,175000.00,1,5660,2008-06-03,,2008-06-03,2008-06-03,"","E05000416","",1,1,"5660B000000002"
21,"D",6,100021234568,1,2,2008-06-03,"RD04",,531000.00,175000.00,1,5660,2008-06-03,,2008-06-03,2008-06-03,"","E05000416","",1,1,"5660B000000002"
21,"I",7,100021234569,1,2
24,"X",8,100021234567,"5660L000000001","ENG",1,2008-06-03,,2008-06-03,2008-06-03,,"",,"","FLAT 1",12,"A",,"","",20900161,"",Y,"SW2 5SG","LONDON",Y,1,1,"5660L000000001"
99,0,8,2024-01-01,10:00:00
`},
			stored: 2, quar: []string{"record type 21 has 6 fields", "change type is not I, U or D"},
			// 100021234568 was inserted and deleted in the same file: a delete of
			// a record the store never had changes nothing (counted unchanged).
			check: `SELECT uprn, usrn, sub_building, building_number, street, locality, town, postcode, classification, deleted, address_text FROM source_records ORDER BY uprn`,
			want:  "100021234567|20900161|FLAT 1|12A|ACRE LANE|BRIXTON|LONDON|SW2 5SG|RD04|false|FLAT 1, 12A ACRE LANE, BRIXTON, LONDON, SW2 5SG"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			yaml := "version: 1\nsources:\n  - name: s\n    kind: person\n    mode: delta" + tt.yaml
			if strings.Contains(tt.name, "dtf73") {
				yaml = strings.Replace(yaml, "kind: person", "kind: property", 1)
			}
			cfg, st := project(t, yaml, tt.files)
			rep, err := Ingest(context.Background(), st, cfg, IngestOptions{})
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) || !strings.Contains(err.Error(), "source s") {
					t.Fatalf("err = %v, want one naming source s and %q", err, tt.wantErr)
				}
				if n := query(t, st, `SELECT count(*) FROM source_records`); n != "0" {
					t.Errorf("the store changed: %s records", n)
				}
				return
			}
			if err != nil {
				t.Fatalf("ingest: %v", err)
			}
			s := rep.Sources[0]
			checkReconciles(t, s)
			if s.Stored != tt.stored {
				t.Errorf("stored %d, want %d (%s)", s.Stored, tt.stored, counts(s))
			}
			got := query(t, st, `SELECT reason FROM quarantine ORDER BY line`)
			var reasons []string
			if got != "" {
				reasons = strings.Split(got, "\n")
			}
			if len(reasons) != len(tt.quar) {
				t.Fatalf("quarantine %q, want %q", reasons, tt.quar)
			}
			for i := range reasons {
				if !strings.Contains(reasons[i], tt.quar[i]) {
					t.Errorf("reason %d = %q, want %q", i, reasons[i], tt.quar[i])
				}
			}
			if got := query(t, st, tt.check); got != tt.want {
				t.Errorf("%s\n got %q\nwant %q", tt.check, got, tt.want)
			}
		})
	}
}

func TestIngestXLSX(t *testing.T) {
	f := excelize.NewFile()
	defer f.Close()
	f.SetSheetName("Sheet1", "Residents")
	rows := [][]any{
		{"Council residents export"},
		{},
		{"Ref", "Name", "DOB", "Postcode", "Account"},
		{"R1", "SMITH, John", 29221, "po5 2se", "00123"},
		{"R2", "Mrs Jane Doe", "13/02/1982", "SW1A 1AA", "00456"},
		{},
		{"R3", "Bob", "not a date", "", "", "stray"},
	}
	for i, r := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := f.SetSheetRow("Residents", cell, &r); err != nil {
			t.Fatal(err)
		}
	}
	f.NewSheet("Other")
	dir := t.TempDir()
	if err := f.SaveAs(filepath.Join(dir, "in.xlsx")); err != nil {
		t.Fatal(err)
	}
	const yaml = `version: 1
sources:
  - name: s
    kind: person
    connector: xlsx
    path: in.xlsx
    format: {sheet: %SHEET%}
    id: Ref
    fields:
      full_name: Name
      date_of_birth: {column: DOB, date: DD/MM/YYYY}
      postcode: Postcode
    attributes:
      account: Account
`
	t.Run("detected header, serial dates, text numbers", func(t *testing.T) {
		cfg, st := project(t, strings.Replace(yaml, "%SHEET%", "Residents", 1), nil)
		copyFile(t, filepath.Join(dir, "in.xlsx"), filepath.Join(cfg.Dir, "in.xlsx"))
		s := ingest(t, st, cfg)
		if s.Stored != 2 || s.Quarantined != 1 {
			t.Fatalf("%s", counts(s))
		}
		if got := query(t, st, `SELECT source_id, title, given_name, family_name, date_of_birth, postcode, attrs FROM current_records ORDER BY 1`); got !=
			"R1|NULL|John|SMITH|1980-01-01|PO5 2SE|{\"account\":\"00123\"}\nR2|Mrs|Jane|Doe|1982-02-13|SW1A 1AA|{\"account\":\"00456\"}" {
			t.Errorf("records:\n%s", got)
		}
		if got := query(t, st, `SELECT file, line, reason FROM quarantine`); got != "in.xlsx[Residents]|7|row has cells beyond the header's 5 columns" {
			t.Errorf("quarantine: %s", got)
		}
	})
	t.Run("wrong sheet", func(t *testing.T) {
		cfg, st := project(t, strings.Replace(yaml, "%SHEET%", "Tenants", 1), nil)
		copyFile(t, filepath.Join(dir, "in.xlsx"), filepath.Join(cfg.Dir, "in.xlsx"))
		_, err := Ingest(context.Background(), st, cfg, IngestOptions{})
		if err == nil || !strings.Contains(err.Error(), `no sheet "Tenants"; the workbook has: Residents, Other`) {
			t.Fatalf("err = %v", err)
		}
	})
	t.Run("not a workbook", func(t *testing.T) {
		cfg, st := project(t, strings.Replace(yaml, "%SHEET%", "Residents", 1), map[string]string{"in.xlsx": "Ref,Name\nR1,x\n"})
		_, err := Ingest(context.Background(), st, cfg, IngestOptions{})
		if err == nil || !strings.Contains(err.Error(), "not an .xlsx workbook") {
			t.Fatalf("err = %v", err)
		}
	})
}
