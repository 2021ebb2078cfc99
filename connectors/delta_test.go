package connectors

import (
	"context"
	"fmt"
	"strings"
	"testing"
)

// A delta source's files are a log of changes: read in name order, each row
// a version of its record, a repeated id a later change (not a duplicate),
// whatever chunk the rows fall in. A file applied once is not applied again.
func TestIngestDeltaFilesApplyInOrder(t *testing.T) {
	const header = "REF,FORENAME,SURNAME,DOB,POSTCODE,NHS,TENURE,PARENT,ACTION\n"
	files := map[string]string{
		"delta_1.csv": header +
			"A1,John,SMITH,25/12/1980,,,,,\n" +
			"A2,Jane,SMITH,13/02/2012,,,,A1,\n" +
			"A1,Johnny,SMITH,25/12/1980,,,,,\n",
		"delta_2.csv": header +
			"A1,Jon,SMITH,25/12/1980,,,,,\n" +
			"A2,,,,,,,,D\n" +
			"A3,Ann,DOE,14/03/1990,,,,,\n" +
			"A3,Ann,DOE,14/03/1990,,,,,\n",
	}
	yaml := strings.Replace(fmt.Sprintf(peopleYAML, "delta"), "path: people.csv", "path: delta_*.csv", 1)
	for _, chunk := range []int{0, 2, 1} {
		t.Run(fmt.Sprintf("chunk %d", chunk), func(t *testing.T) {
			ctx := context.Background()
			cfg, st := project(t, yaml, files)
			opts := IngestOptions{chunkRows: chunk, batchRows: max(chunk, 1)}
			rep, err := Ingest(ctx, st, cfg, opts)
			if err != nil {
				t.Fatal(err)
			}
			s := rep.Sources[0]
			checkReconciles(t, s)
			if got, want := counts(s), "read=7 new=3 changed=3 unchanged=1 deleted=1 quarantined=0"; got != want {
				t.Errorf("%s, want %s", got, want)
			}
			if got, want := query(t, st, `SELECT source_id, version, given_name, deleted, is_current FROM source_records ORDER BY source_id, version`),
				"A1|1|John|false|false\nA1|2|Johnny|false|false\nA1|3|Jon|false|true\n"+
					"A2|1|Jane|false|false\nA2|2|Jane|true|true\n"+
					"A3|1|Ann|false|true"; got != want {
				t.Errorf("versions:\n%s\nwant\n%s", got, want)
			}
			// The parent_of edge went with A2's deletion.
			if got := query(t, st, `SELECT count(*) FROM source_relationships WHERE valid_to IS NULL`); got != "0" {
				t.Errorf("open edges: %s", got)
			}

			// Both files again: skipped, nothing changes.
			before := query(t, st, `SELECT count(*), max(version) FROM source_records`)
			rep, err = Ingest(ctx, st, cfg, opts)
			if err != nil {
				t.Fatal(err)
			}
			s = rep.Sources[0]
			if got, want := counts(s), "read=0 new=0 changed=0 unchanged=0 deleted=0 quarantined=0"; got != want {
				t.Errorf("again: %s, want %s", got, want)
			}
			if len(s.Warnings) != 1 || !strings.Contains(s.Warnings[0], "no new delta file: the 2 found were applied before (the latest, delta_2.csv, by run 1)") {
				t.Errorf("again: warnings %q", s.Warnings)
			}
			if after := query(t, st, `SELECT count(*), max(version) FROM source_records`); after != before {
				t.Errorf("again: store changed %s → %s", before, after)
			}

			// A new file beside them: only it is read.
			write(t, cfg, "delta_3.csv", header+"A1,John,SMITH,25/12/1980,,,,,\nA2,Jane,SMITH,13/02/2012,,,,A1,\n")
			rep, err = Ingest(ctx, st, cfg, opts)
			if err != nil {
				t.Fatal(err)
			}
			s = rep.Sources[0]
			if got, want := counts(s), "read=2 new=0 changed=2 unchanged=0 deleted=0 quarantined=0"; got != want {
				t.Errorf("delta_3: %s, want %s", got, want)
			}
			// The old files are skipped quietly: a folder of deltas that is
			// never cleared is not a warning every night.
			if len(s.Warnings) != 0 || strings.Join(s.SkippedFiles, " ") != "delta_1.csv delta_2.csv" {
				t.Errorf("delta_3: warnings %q, skipped %q", s.Warnings, s.SkippedFiles)
			}
			if got, want := query(t, st, `SELECT source_id, version, given_name, deleted FROM source_records WHERE is_current ORDER BY source_id`),
				"A1|4|John|false\nA2|3|Jane|false\nA3|1|Ann|false"; got != want {
				t.Errorf("current after delta_3:\n%s", got)
			}
			if got := query(t, st, `SELECT file, run_id FROM delta_files ORDER BY run_id, file`); got != "delta_1.csv|1\ndelta_2.csv|1\ndelta_3.csv|3" {
				t.Errorf("delta_files:\n%s", got)
			}
		})
	}
}

// An id that comes more than maxDeltaRepeats times in a delta run is a
// placeholder, not a record changing that often: its later rows are
// quarantined, in any chunking, and the run reconciles.
func TestIngestDeltaPlaceholderID(t *testing.T) {
	var b strings.Builder
	b.WriteString("REF,FORENAME,SURNAME,DOB,POSTCODE,NHS,TENURE,PARENT,ACTION\n")
	for i := range 150 {
		fmt.Fprintf(&b, "0,Person%d,SMITH,01/01/1990,,,,,\n", i)
	}
	b.WriteString("A1,Ann,DOE,14/03/1990,,,,,\n")
	for _, chunk := range []int{0, 7} {
		t.Run(fmt.Sprintf("chunk %d", chunk), func(t *testing.T) {
			cfg, st := project(t, fmt.Sprintf(peopleYAML, "delta"), map[string]string{"people.csv": b.String()})
			rep, err := Ingest(context.Background(), st, cfg, IngestOptions{chunkRows: chunk, batchRows: 4})
			if err != nil {
				t.Fatal(err)
			}
			s := rep.Sources[0]
			checkReconciles(t, s)
			if got, want := counts(s), "read=151 new=2 changed=100 unchanged=0 deleted=0 quarantined=49"; got != want {
				t.Errorf("%s, want %s", got, want)
			}
			if got := query(t, st, `SELECT count(*), min(line), any_value(reason) FROM quarantine`); !strings.HasPrefix(got, "49|103|source id repeated more than 100 times in one delta run") {
				t.Errorf("quarantine: %s", got)
			}
			if got := query(t, st, `SELECT given_name, version FROM source_records WHERE source_id = '0' AND is_current`); got != "Person100|101" {
				t.Errorf("current placeholder record: %s", got)
			}
		})
	}
}

// A full extract in which thousands of rows share a placeholder id: each
// later row is quarantined as a duplicate of the first, in time linear in
// the rows (the check once joined the id's rows with each other).
func TestIngestFullPlaceholderID(t *testing.T) {
	var b strings.Builder
	b.WriteString("REF,FORENAME,SURNAME,DOB,POSTCODE,NHS,TENURE,PARENT,ACTION\n")
	const n = 30000
	for i := range n {
		fmt.Fprintf(&b, "0,Person%d,SMITH,01/01/1990,,,,,\n", i)
	}
	cfg, st := project(t, fmt.Sprintf(peopleYAML, "full"), map[string]string{"people.csv": b.String()})
	rep, err := Ingest(context.Background(), st, cfg, IngestOptions{chunkRows: 4096})
	if err != nil {
		t.Fatal(err)
	}
	s := rep.Sources[0]
	checkReconciles(t, s)
	if got, want := counts(s), fmt.Sprintf("read=%d new=1 changed=0 unchanged=0 deleted=0 quarantined=%d", n, n-1); got != want {
		t.Errorf("%s, want %s", got, want)
	}
	if got := query(t, st, `SELECT count(DISTINCT reason) FROM quarantine`); got != "1" {
		t.Errorf("reasons: %s", got)
	}
}

// A delta's delete row dates the deletion when it has an observed date.
func TestIngestDeltaDeleteObserved(t *testing.T) {
	cfg, st := project(t, `version: 1
sources:
  - name: hb
    kind: person
    connector: csv
    path: hb.csv
    mode: delta
    id: REF
    delete_flag: {column: ACTION, values: [D]}
    observed: {column: UPDATED, date: YYYY-MM-DD}
    fields:
      given_name: NAME
`, map[string]string{"hb.csv": "REF,NAME,UPDATED,ACTION\nA1,Ann,2024-01-01,\nA2,Bob,2024-01-01,\n"})
	ingest(t, st, cfg)
	write(t, cfg, "hb.csv", "REF,NAME,UPDATED,ACTION\nA1,,2024-06-01,D\nA2,,,D\n")
	ingest(t, st, cfg)
	got := query(t, st, `SELECT source_id, version, deleted, strftime(observed_at, '%Y-%m-%d') FROM source_records WHERE is_current ORDER BY source_id`)
	if want := "A1|2|true|2024-06-01\nA2|2|true|2024-01-01"; got != want {
		t.Errorf("current versions:\n%s\nwant:\n%s", got, want)
	}
}
