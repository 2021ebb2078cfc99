package connectors

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/council/golden/config"
	"github.com/council/golden/store"
)

var update = flag.Bool("update", false, "rewrite the want.txt golden files in testdata/trial")

// TestIngestTrialExtracts ingests the extracts of a new-user trial
// (testdata/trial/*: each a golden.yaml written from docs/golden-yaml.md and
// a few synthetic rows of a legacy export) and compares the counts,
// warnings, quarantine and stored records with want.txt (-update rewrites it).
func TestIngestTrialExtracts(t *testing.T) {
	build := map[string]func(t *testing.T, dir string){
		"housing_xlsx": writeHousingWorkbook,
	}
	dirs, err := filepath.Glob(filepath.Join("testdata", "trial", "*", "golden.yaml"))
	if err != nil || len(dirs) == 0 {
		t.Fatalf("no trial extracts: %v", err)
	}
	for _, y := range dirs {
		src := filepath.Dir(y)
		name := filepath.Base(src)
		t.Run(name, func(t *testing.T) {
			dir := t.TempDir()
			entries, err := os.ReadDir(src)
			if err != nil {
				t.Fatal(err)
			}
			for _, e := range entries {
				if e.Name() != "want.txt" {
					copyFile(t, filepath.Join(src, e.Name()), filepath.Join(dir, e.Name()))
				}
			}
			if b := build[name]; b != nil {
				b(t, dir)
			}
			cfg, err := config.Load(filepath.Join(dir, "golden.yaml"))
			if err != nil {
				t.Fatalf("config: %v", err)
			}
			st, err := store.Open(context.Background(), filepath.Join(t.TempDir(), "g.duckdb"), store.Options{})
			if err != nil {
				t.Fatal(err)
			}
			defer st.Close()
			rep, err := Ingest(context.Background(), st, cfg, IngestOptions{})
			if err != nil {
				t.Fatalf("ingest: %v", err)
			}
			var b strings.Builder
			for _, s := range rep.Sources {
				checkReconciles(t, s)
				fmt.Fprintf(&b, "%s: %s\n", s.Name, counts(s))
			}
			b.WriteString("\n# warnings\n")
			for _, w := range rep.Warnings() {
				b.WriteString(w + "\n")
			}
			b.WriteString("\n# quarantine: source|file|line|field|reason\n")
			b.WriteString(query(t, st, `SELECT source, file, line, field, reason FROM quarantine ORDER BY source, file, line`))
			b.WriteString("\n\n# records\n")
			b.WriteString(query(t, st, `SELECT source_id, title, given_name, family_name, date_of_birth, sex, nhs_number, phone,
				sub_building, building_name, building_number, street, locality, town, postcode, address_text, uprn,
				invalid_fields, flags, attrs FROM current_records ORDER BY source, source_id`))
			if rels := query(t, st, `SELECT from_source, from_id, rel_type, to_source, to_id FROM source_relationships ORDER BY ALL`); rels != "" {
				b.WriteString("\n\n# relationships\n" + rels)
			}
			b.WriteString("\n")
			got := b.String()
			want := filepath.Join(src, "want.txt")
			if *update {
				if err := os.WriteFile(want, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			w, err := os.ReadFile(want)
			if err != nil {
				t.Fatalf("%v (run with -update to write it)", err)
			}
			if got != string(w) {
				t.Errorf("%s differs (-update rewrites it):\n--- got\n%s--- want\n%s", want, got, w)
			}
		})
	}
}

// writeHousingWorkbook writes housing.xlsx as a housing system exports it:
// a title and a blank row above the header, two sheets, dates as serial
// numbers, identifiers typed in as numbers (a phone without its leading 0, a
// Scottish CHI number that starts with 0), and a total row at the end of one
// sheet.
func writeHousingWorkbook(t *testing.T, dir string) {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	dateStyle, err := f.NewStyle(&excelize.Style{NumFmt: 14})
	if err != nil {
		t.Fatal(err)
	}
	sheets := map[string][][]any{
		"Tenants": {
			{"T0001", "Okafor", "Chidi", time.Date(1984, 7, 9, 0, 0, 0, 0, time.UTC), 9434765900, 7700900123, "CV1 5FB", 44197},
			{"T0002", "Nic Dhòmhnaill", "Siobhán", time.Date(1931, 1, 2, 0, 0, 0, 0, time.UTC), 101701233, 1214960000, "CV2 4LD", 45000},
			{"T0003", "Smith", "Joe", time.Date(2000, 2, 29, 0, 0, 0, 0, time.UTC), "943 476 5978", "07700 900125", "cv3 6ef", 45500},
			// Nine digits that are no CHI number (month 43) stay invalid.
			{"T0004", "Jones", "Amy", time.Date(1990, 5, 5, 0, 0, 0, 0, time.UTC), 943476590, 123, "CV3 6EF", 45501},
			{},
			// The total row a spreadsheet export ends with: not a tenant.
			{"Total tenancies", 4},
		},
		"Leaseholders": {
			{"L0001", "Evans", "Rhys", time.Date(1970, 3, 1, 0, 0, 0, 0, time.UTC), 9434766044, 2476000000, "CV4 7AL", 40000},
		},
	}
	for i, sheet := range []string{"Tenants", "Leaseholders"} {
		if i == 0 {
			f.SetSheetName("Sheet1", sheet)
		} else if _, err := f.NewSheet(sheet); err != nil {
			t.Fatal(err)
		}
		f.SetCellValue(sheet, "A1", "Housing Register - "+sheet+" - exported 01/12/2026")
		hdr := []any{"Tenancy Ref", "Surname", "First Name", "Date of Birth", "NHS Number", "Phone", "Postcode", "Start Date"}
		if err := f.SetSheetRow(sheet, "A3", &hdr); err != nil {
			t.Fatal(err)
		}
		for j, r := range sheets[sheet] {
			row := 4 + j
			cell, _ := excelize.CoordinatesToCellName(1, row)
			if err := f.SetSheetRow(sheet, cell, &r); err != nil {
				t.Fatal(err)
			}
			for _, col := range []int{4, 8} {
				c, _ := excelize.CoordinatesToCellName(col, row)
				f.SetCellStyle(sheet, c, c, dateStyle)
			}
		}
	}
	if err := f.SaveAs(filepath.Join(dir, "housing.xlsx")); err != nil {
		t.Fatal(err)
	}
}
