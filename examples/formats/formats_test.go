// Package formats_test loads every example config in this folder (one per
// file in ../shared/data/formats) and checks record counts and a few values.
package formats_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/council/golden/config"
	"github.com/council/golden/connectors"
	"github.com/council/golden/store"
)

type counts struct{ read, stored, quarantined int64 }

type example struct {
	dir     string
	sources map[string]counts
	checks  map[string]string // SQL → expected result (rows joined by \n, columns by |)
}

var examples = []example{
	{dir: "nndr_basildon_csv", sources: map[string]counts{"basildon_ndr": {5583, 5555, 28}},
		checks: map[string]string{
			`SELECT business_name, building_number, street, town, postcode, rateable_value, json_extract_string(attrs, '$.liability_start')
			 FROM current_records WHERE source_id = '0664302/Childs Property Ltd/43313'`: "Childs Property Ltd|31-33|The Broadway|Wickford|SS11 7AD|15600000|2018-08-01",
			// 78 stored rows (79 in the file) have a partial or mistyped postcode ("CM12 ONH"): kept as received, flagged.
			`SELECT count(*) FROM current_records WHERE postcode IS NULL`:                                      "0",
			`SELECT count(*) FROM current_records WHERE invalid_fields = 'postcode'`:                           "78",
			`SELECT postcode, town FROM current_records WHERE source_id = '0664302/Childs Property Ltd/43313'`: "SS11 7AD|Wickford",
		}},
	{dir: "nndr_basildon_xlsx", sources: map[string]counts{"basildon_ndr": {5583, 4999, 584}},
		checks: map[string]string{
			`SELECT business_name, building_name, street, postcode, rateable_value FROM current_records WHERE source_id = '1065061'`: "DVS GHL Basildon Limited|Aviva House|Southernhay|SS14 1EZ|15700000",
			`SELECT count(*) FROM quarantine WHERE reason LIKE 'duplicate source id%'`:                                               "584",
		}},
	{dir: "nndr_portsmouth_xlsx", sources: map[string]counts{"portsmouth_ndr": {9199, 5876, 3323}},
		checks: map[string]string{
			`SELECT business_name, sub_building, building_number, street, town, postcode, rateable_value, json_extract_string(attrs, '$.liability_start')
			 FROM current_records WHERE source_id = '177500080710'`: "NULL|Ground Floor|25|Albert Road|Southsea|PO5 2SE|860000|2003-05-14",
			`SELECT business_name FROM current_records WHERE source_id = '177209823010'`: "Kew Green Hotels (Portsmouth Lrg1) Limited",
		}},
	{dir: "nndr_portsmouth_csv", sources: map[string]counts{"portsmouth_occupied": {3421, 3261, 160}, "portsmouth_empty": {447, 446, 1}, "portsmouth_all": {5331, 5331, 0}},
		checks: map[string]string{
			`SELECT json_extract_string(attrs, '$.exemption_code'), json_extract_string(attrs, '$.exemption_start'), rateable_value FROM current_records WHERE source = 'portsmouth_empty' AND source_id = '177512281010'`: "LOW RV|2019-11-08|70000",
		}},
	{dir: "companies_house_basic", sources: map[string]counts{"companies_house": {1, 1, 0}},
		checks: map[string]string{
			`SELECT business_name, company_number, company_status, sub_building, street, town, postcode, sic_codes, previous_names, json_extract_string(attrs, '$.incorporation_date')
			 FROM current_records`: "!OBAC UK LIMITED|07687209|Active|UNIT 9|BERRY COURT FARM BRAMLEY ROAD|TADLEY|RG26 5AT|70229|!OBAC FITTINGS LIMITED|2011-06-29",
		}},
	{dir: "companies_house_addresses", sources: map[string]counts{"ch_addresses_csv": {21952, 21952, 0}, "ch_addresses_parquet": {21952, 21952, 0}},
		checks: map[string]string{
			`SELECT company_number, postcode, address_text FROM current_records WHERE source = 'ch_addresses_csv' AND source_id = '06911165'`: "06911165|PE37 7QH|NORFOLK HOUSE 22 -24 MARKET PLACE SWAFFHAM NORFOLK, PE37 7QH",
			// The Parquet and CSV copies hold the same data.
			`SELECT count(*) FROM current_records a JOIN current_records b ON a.source_id = b.source_id AND a.source = 'ch_addresses_csv' AND b.source = 'ch_addresses_parquet' AND a.content_hash = b.content_hash`: "21952",
		}},
	{dir: "fhrs", sources: map[string]counts{"fhrs_csv": {5000, 5000, 0}, "fhrs_parquet": {5000, 5000, 0}},
		checks: map[string]string{
			`SELECT building_number, street, postcode FROM current_records WHERE source = 'fhrs_csv' AND source_id = '1395196'`: "38|STATION ROAD SUDBURY SUFFOLK|CO10 2SS",
		}},
	{dir: "identifiers", sources: map[string]counts{"nhs_cases": {6, 6, 0}, "postcode_cases": {15, 15, 0}},
		checks: map[string]string{
			// Every case the shared file marks invalid is flagged, and no valid one is.
			`SELECT count(*) FROM current_records WHERE source = 'nhs_cases' AND (json_extract_string(attrs, '$.expected_valid') = '1') = (invalid_fields IS NOT NULL)`: "0",
			// Postcodes are normalised before matching: "SW1A1AA" is valid once spaced.
			`SELECT source_id, postcode FROM current_records WHERE source = 'postcode_cases' AND invalid_fields IS NULL AND json_extract_string(attrs, '$.expected_valid') = '0'`: "SW1A1AA|SW1A 1AA",
			`SELECT count(*) FROM current_records WHERE source = 'postcode_cases' AND invalid_fields IS NULL`:                                                                     "10",
		}},
	{dir: "addressbase_v1", sources: map[string]counts{"abp_streets": {2, 2, 0}},
		checks: map[string]string{
			`SELECT usrn, street, town FROM current_records ORDER BY usrn`: "14200759|SILVER LANE|EXETER\n14200769|NULL|NULL",
		}},
	{dir: "addressbase_v2", sources: map[string]counts{"abp_properties": {3, 3, 0}},
		checks: map[string]string{
			`SELECT uprn, postcode FROM current_records WHERE uprn = '100091275899'`:                                        "100091275899|CO14 8RX",
			`SELECT uprn, usrn, sub_building, building_name, building_number FROM current_records WHERE uprn = '131041604'`: "131041604|48804683|1a-2b|MAIDENHILL From STABLES|NULL",
		}},
	{dir: "llpg_dtf73_streets", sources: map[string]counts{"lambeth_streets": {3, 3, 0}},
		checks: map[string]string{
			`SELECT usrn, json_extract_string(attrs, '$.start_x') FROM current_records ORDER BY usrn`: "20900161|534846.00\n20900162|535790.00\n20900163|532800.00",
		}},
}

func TestExamples(t *testing.T) {
	ctx := context.Background()
	seen := map[string]bool{}
	for _, ex := range examples {
		seen[ex.dir] = true
		t.Run(ex.dir, func(t *testing.T) {
			cfg, err := config.Load(filepath.Join(ex.dir, "golden.yaml"))
			if err != nil {
				t.Fatal(err)
			}
			st, err := store.Open(ctx, filepath.Join(t.TempDir(), "g.duckdb"), store.Options{})
			if err != nil {
				t.Fatal(err)
			}
			defer st.Close()
			rep, err := connectors.Ingest(ctx, st, cfg, connectors.IngestOptions{})
			if err != nil {
				t.Fatalf("ingest: %v", err)
			}
			if len(rep.Sources) != len(ex.sources) {
				t.Fatalf("%d sources ingested, want %d", len(rep.Sources), len(ex.sources))
			}
			for _, s := range rep.Sources {
				want, ok := ex.sources[s.Name]
				if !ok {
					t.Fatalf("unexpected source %s", s.Name)
				}
				if got := (counts{s.Read, s.Stored, s.Quarantined}); got != want {
					t.Errorf("%s: read/stored/quarantined = %v, want %v", s.Name, got, want)
				}
				if s.Read != s.Stored+s.Quarantined {
					t.Errorf("%s does not reconcile: %+v", s.Name, s)
				}
			}
			for q, want := range ex.checks {
				if got := query(t, st, q); got != want {
					t.Errorf("%s\n got %q\nwant %q", strings.Join(strings.Fields(q), " "), got, want)
				}
			}
			// The same extract again changes nothing.
			rep, err = connectors.Ingest(ctx, st, cfg, connectors.IngestOptions{})
			if err != nil {
				t.Fatalf("second ingest: %v", err)
			}
			for _, s := range rep.Sources {
				if s.New+s.Changed+s.Deleted != 0 {
					t.Errorf("%s: a second ingest of the same extract changed something: %+v", s.Name, s)
				}
			}
		})
	}
	entries, err := os.ReadDir(".")
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if e.IsDir() && !seen[e.Name()] {
			t.Errorf("example %s has no expectations in this test", e.Name())
		}
	}
}

// TestLambethChangeFiles applies the insert, update and delete files in turn
// to a delta source, as a nightly job would.
func TestLambethChangeFiles(t *testing.T) {
	ctx := context.Background()
	cfg, err := config.Load(filepath.Join("llpg_dtf73_streets", "golden.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	st, err := store.Open(ctx, filepath.Join(t.TempDir(), "g.duckdb"), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	src := &cfg.Sources[0]
	steps := []struct {
		file string
		want string // new changed unchanged deleted
	}{
		{"lambeth_dtf73_street_insert.csv", "3 0 0 0"},
		{"lambeth_dtf73_street_update.csv", "0 1 0 0"},
		{"lambeth_dtf73_street_delete.csv", "0 1 0 1"},
		{"lambeth_dtf73_street_delete.csv", "0 0 0 0"}, // applied already: skipped
	}
	for _, step := range steps {
		src.Path = filepath.Join(filepath.Dir(src.Path), step.file)
		rep, err := connectors.Ingest(ctx, st, cfg, connectors.IngestOptions{})
		if err != nil {
			t.Fatalf("%s: %v", step.file, err)
		}
		s := rep.Sources[0]
		if got := fmt.Sprintf("%d %d %d %d", s.New, s.Changed, s.Unchanged, s.Deleted); got != step.want {
			t.Errorf("%s: new changed unchanged deleted = %s, want %s", step.file, got, step.want)
		}
		if skipped := step.want == "0 0 0 0"; skipped != (len(s.Warnings) == 1 && strings.Contains(s.Warnings[0], "no new delta file")) {
			t.Errorf("%s: warnings %q", step.file, s.Warnings)
		}
	}
	if got := query(t, st, `SELECT usrn, deleted, version, json_extract_string(attrs, '$.start_x') FROM source_records WHERE is_current ORDER BY usrn`); got !=
		"20900161|false|2|666666.00\n20900162|true|2|535790.00\n20900163|false|1|532800.00" {
		t.Errorf("current streets:\n%s", got)
	}
}

func query(t *testing.T, st *store.Store, q string) string {
	t.Helper()
	rows, err := st.DB.QueryContext(context.Background(), q)
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
		parts := make([]string, len(vals))
		for i, v := range vals {
			if v == nil {
				parts[i] = "NULL"
			} else {
				parts[i] = fmt.Sprint(v)
			}
		}
		out = append(out, strings.Join(parts, "|"))
	}
	return strings.Join(out, "\n")
}
