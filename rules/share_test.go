package rules

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/council/golden/rules/audit"
	"github.com/council/golden/rules/govtest"
	"github.com/council/golden/rules/policy"
	"github.com/council/golden/store"
)

var testNow = time.Date(2026, 6, 15, 10, 0, 0, 0, time.UTC)

// fixture is a synthetic golden record for tests (no real person).
type fixture struct {
	kind, id, status string
	flags, sources   string
	fields           map[string]string
}

func openStore(t testing.TB) *store.Store {
	t.Helper()
	st, err := store.Open(context.Background(), filepath.Join(t.TempDir(), "golden.duckdb"), store.Options{Threads: 1})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

func insertGolden(t *testing.T, st *store.Store, recs []fixture) {
	t.Helper()
	ctx := context.Background()
	fields := []string{"given_name", "family_name", "date_of_birth", "nhs_number", "postcode", "email", "street", "business_name", "uprn"}
	cols := append([]string{"kind", "golden_id", "status", "version", "created_run", "updated_run", "flags", "sources", "member_count"}, fields...)
	err := st.InTx(ctx, func(tx *store.Tx) error {
		return tx.Append(ctx, "golden_records", cols, func(a *store.Appender) error {
			for _, r := range recs {
				status := r.status
				if status == "" {
					status = "active"
				}
				row := []any{r.kind, r.id, status, int32(1), int64(1), int64(1), r.flags, r.sources, int32(1)}
				for _, f := range fields {
					v, ok := r.fields[f]
					if !ok {
						row = append(row, nil)
						continue
					}
					row = append(row, v)
				}
				vals := make([]any, len(row))
				copy(vals, row)
				if err := a.AppendRow(toDriver(vals)...); err != nil {
					return err
				}
			}
			return nil
		})
	})
	if err != nil {
		t.Fatal(err)
	}
}

func writePolicy(t testing.TB, dir, text string) *policy.Engine {
	t.Helper()
	path := filepath.Join(dir, "policy.yaml")
	if err := os.WriteFile(path, []byte(text), 0o600); err != nil {
		t.Fatal(err)
	}
	e, ds, err := policy.Load(path, policy.Env{Now: testNow})
	if err != nil || e == nil {
		t.Fatal(err, ds)
	}
	return e
}

const sharePolicy = `version: 1
services: {asc: adult-social-care, ctax: revenues}
partners:
  - id: nhs
    name: NHS Example ICB
    contact: dpo@nhs.example
    key: {file: nhs.key}
agreements:
  - reference: DSA-NHS-1
    partner: nhs
    legal_basis: UK GDPR 6(1)(e), 9(2)(h)
    purposes: [hospital discharge]
    start: 2026-01-01
    end: 2027-12-31
    review: 2027-06-30
    flags: [safeguarding]
    entities:
      person:
        where: 'age >= 65 && "adult-social-care" in services'
        fields:
          golden_id: pseudonymise
          given_name: keep
          family_name: {mask: 2}
          date_of_birth: {generalise: year}
          postcode: {generalise: district}
          flags: keep
`

const nhsKey = "nhs-key-material-0123456789abcdef"

func shareFixture(t *testing.T) (*store.Store, *policy.Engine, string) {
	t.Helper()
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "nhs.key"), []byte(nhsKey+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	st := openStore(t)
	insertGolden(t, st, []fixture{
		{kind: "person", id: "P1", sources: "asc;ctax", fields: map[string]string{"given_name": "Ada", "family_name": "Okafor", "date_of_birth": "1940-02-03", "postcode": "SS14 1AB", "nhs_number": "9434765919"}},
		{kind: "person", id: "P2", sources: "asc", flags: "safeguarding", fields: map[string]string{"given_name": "Bea", "family_name": "Nowak", "date_of_birth": "1950-07-01", "postcode": "SS13 2CD"}},
		{kind: "person", id: "P3", sources: "asc", flags: "witness_protection", fields: map[string]string{"given_name": "Cal", "date_of_birth": "1945-01-01"}},
		{kind: "person", id: "P4", sources: "ctax", fields: map[string]string{"given_name": "Dee", "date_of_birth": "1930-01-01"}},
		{kind: "person", id: "P5", sources: "asc", fields: map[string]string{"given_name": "Eve", "date_of_birth": "1990-01-01"}},
		{kind: "person", id: "P6", sources: "asc", fields: map[string]string{"given_name": "Fay"}},
		{kind: "person", id: "P7", sources: "asc", status: "retired", fields: map[string]string{"given_name": "Gus", "date_of_birth": "1930-01-01"}},
		{kind: "property", id: "U1", fields: map[string]string{"uprn": "100012345678", "street": "High Street"}},
	})
	return st, writePolicy(t, dir, sharePolicy), dir
}

func TestShareCSV(t *testing.T) {
	ctx := context.Background()
	st, eng, dir := shareFixture(t)
	out := filepath.Join(dir, "out")
	var logs bytes.Buffer
	m, err := Share(ctx, st, eng, ShareOptions{Partner: "nhs", Format: "csv", OutDir: out, Now: testNow, Actor: "tester", Logger: slog.New(slog.NewTextHandler(&logs, nil))})
	if err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(filepath.Join(out, "person.csv"))
	if err != nil {
		t.Fatal(err)
	}
	rows, _ := csv.NewReader(bytes.NewReader(b)).ReadAll()
	if got := strings.Join(rows[0], ","); got != "golden_id,given_name,family_name,date_of_birth,postcode,flags" {
		t.Fatalf("header %s", got)
	}
	if len(rows) != 3 {
		t.Fatalf("rows %v", rows)
	}
	if rows[1][1] != "Ada" || rows[1][2] != "****or" || rows[1][3] != "1940" || rows[1][4] != "SS14" || rows[1][5] != "" {
		t.Errorf("row 1 %v", rows[1])
	}
	if rows[2][1] != "Bea" || rows[2][5] != "safeguarding" {
		t.Errorf("row 2 %v", rows[2])
	}
	if rows[1][0] == "P1" || len(rows[1][0]) != 32 {
		t.Errorf("golden id not pseudonymised: %q", rows[1][0])
	}
	if m.Rows != 2 || m.Withheld["person"][policy.WithheldFlag.String()] != 1 || m.Withheld["person"][policy.WithheldWhere.String()] != 2 ||
		m.Withheld["person"][policy.WithheldError.String()] != 1 || m.Withheld["property"]["kind not in agreement"] != 1 {
		t.Errorf("manifest counts: rows %d withheld %v", m.Rows, m.Withheld)
	}
	// The manifest on disk matches, with each file's SHA-256.
	var disk Manifest
	mb, _ := os.ReadFile(filepath.Join(out, ManifestName))
	if err := json.Unmarshal(mb, &disk); err != nil {
		t.Fatal(err)
	}
	sum, n, _ := hashFile(filepath.Join(out, "person.csv"))
	if len(disk.Files) != 1 || disk.Files[0].SHA256 != sum || disk.Files[0].Bytes != n || disk.Agreement.Reference != "DSA-NHS-1" || disk.Agreement.Purposes[0] != "hospital discharge" {
		t.Errorf("manifest %s", mb)
	}
	// The disclosure log has the entry, chained and matching the manifest.
	es, err := audit.Entries(ctx, st.DB, audit.Disclosures)
	if err != nil || len(es) != 1 {
		t.Fatal(es, err)
	}
	if es[0].Hash != disk.Disclosure.Hash || es[0].Partner != "nhs" || es[0].Actor != "tester" || !strings.Contains(es[0].Detail, sum) {
		t.Errorf("entry %+v", es[0])
	}
	if p := audit.Verify(audit.Disclosures, es); len(p) > 0 {
		t.Fatal(p)
	}
	var n2 int
	st.DB.QueryRow(`SELECT count(*) FROM share_counts WHERE seq = 1`).Scan(&n2)
	if n2 != 5 {
		t.Errorf("share_counts rows %d", n2)
	}
	for _, s := range []string{logs.String(), string(mb), string(b)} {
		if strings.Contains(s, nhsKey) || strings.Contains(s, "Okafor") && s != string(b) {
			t.Errorf("key or personal data in output: %s", s)
		}
	}
	// A second share into the same folder is refused and logs nothing.
	if _, err := Share(ctx, st, eng, ShareOptions{Partner: "nhs", Format: "csv", OutDir: out, Now: testNow}); !errors.Is(err, ErrOutNotEmpty) {
		t.Fatalf("second share: %v", err)
	}
	es, _ = audit.Entries(ctx, st.DB, audit.Disclosures)
	if len(es) != 1 {
		t.Fatalf("refused share was logged")
	}
}

func TestShareFormats(t *testing.T) {
	ctx := context.Background()
	st, eng, dir := shareFixture(t)
	for _, format := range Formats() {
		t.Run(format, func(t *testing.T) {
			out := filepath.Join(dir, "out-"+format)
			m, err := Share(ctx, st, eng, ShareOptions{Partner: "nhs", Format: format, OutDir: out, Now: testNow})
			if err != nil {
				t.Fatal(err)
			}
			cols, rows := readExtract(t, st, filepath.Join(out, "person."+format), format)
			if strings.Join(cols, ",") != "golden_id,given_name,family_name,date_of_birth,postcode,flags" || len(rows) != 2 || m.Rows != 2 {
				t.Fatalf("cols %v rows %v", cols, rows)
			}
			if rows[0][1] != "Ada" || rows[1][5] != "safeguarding" {
				t.Fatalf("rows %v", rows)
			}
		})
	}
	es, _ := audit.Entries(ctx, st.DB, audit.Disclosures)
	if len(es) != len(Formats()) || len(audit.Verify(audit.Disclosures, es)) > 0 {
		t.Fatalf("log: %d entries, %v", len(es), audit.Verify(audit.Disclosures, es))
	}
}

// readExtract reads any extract format back as a header and rows of text.
func readExtract(t *testing.T, st *store.Store, path, format string) ([]string, [][]string) {
	t.Helper()
	switch format {
	case "csv":
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		rows, err := csv.NewReader(bytes.NewReader(b)).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		return rows[0], rows[1:]
	case "json":
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		dec := json.NewDecoder(bytes.NewReader(b))
		var objs []json.RawMessage
		if err := dec.Decode(&objs); err != nil {
			t.Fatalf("%s: %v", b, err)
		}
		var cols []string
		var rows [][]string
		for _, o := range objs {
			d := json.NewDecoder(bytes.NewReader(o))
			d.Token()
			var row []string
			first := cols == nil
			for d.More() {
				k, _ := d.Token()
				var v *string
				d.Decode(&v)
				if first {
					cols = append(cols, k.(string))
				}
				if v == nil {
					row = append(row, "")
				} else {
					row = append(row, *v)
				}
			}
			rows = append(rows, row)
		}
		return cols, rows
	case "xlsx":
		f, err := excelize.OpenFile(path)
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		all, err := f.GetRows(f.GetSheetName(0))
		if err != nil {
			t.Fatal(err)
		}
		for i := range all {
			for len(all[i]) < len(all[0]) {
				all[i] = append(all[i], "")
			}
		}
		return all[0], all[1:]
	case "parquet":
		rs, err := st.DB.Query(`SELECT * FROM read_parquet(?)`, path)
		if err != nil {
			t.Fatal(err)
		}
		defer rs.Close()
		cols, _ := rs.Columns()
		var rows [][]string
		for rs.Next() {
			vals := make([]*string, len(cols))
			ptrs := make([]any, len(cols))
			for i := range vals {
				ptrs[i] = &vals[i]
			}
			if err := rs.Scan(ptrs...); err != nil {
				t.Fatal(err)
			}
			row := make([]string, len(cols))
			for i, v := range vals {
				if v != nil {
					row[i] = *v
				}
			}
			rows = append(rows, row)
		}
		return cols, rows
	}
	t.Fatalf("format %s", format)
	return nil, nil
}

func TestShareRefusals(t *testing.T) {
	ctx := context.Background()
	st, eng, dir := shareFixture(t)
	tests := []struct {
		name string
		opts ShareOptions
		want string
	}{
		{"unknown partner", ShareOptions{Partner: "nsh", Format: "csv"}, `did you mean "nhs"`},
		{"unknown agreement", ShareOptions{Partner: "nhs", Agreement: "DSA-NHS-2", Format: "csv"}, `did you mean "DSA-NHS-1"`},
		{"expired", ShareOptions{Partner: "nhs", Format: "csv", Now: time.Date(2028, 1, 1, 0, 0, 0, 0, time.UTC)}, "expired on 2027-12-31"},
		{"not started", ShareOptions{Partner: "nhs", Format: "csv", Now: time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)}, "has not started"},
		{"bad format", ShareOptions{Partner: "nhs", Format: "xls"}, "format"},
	}
	for i, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			tc.opts.OutDir = filepath.Join(dir, fmt.Sprint("refused", i))
			if tc.opts.Now.IsZero() {
				tc.opts.Now = testNow
			}
			_, err := Share(ctx, st, eng, tc.opts)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("got %v, want %q", err, tc.want)
			}
			if _, err := os.Stat(tc.opts.OutDir); !errors.Is(err, os.ErrNotExist) {
				t.Errorf("refused share left %s", tc.opts.OutDir)
			}
		})
	}
	es, _ := audit.Entries(ctx, st.DB, audit.Disclosures)
	if len(es) != 0 {
		t.Fatal("refused shares were logged")
	}
}

// TestPropertyShare runs the whole share (store, writers, manifest, log) on
// random policies and records and checks the files against the policy.
func TestPropertyShare(t *testing.T) {
	ctx := context.Background()
	flagsPool := []string{"safeguarding", "witness_protection", "national_data_opt_out", "refuge", "unknown_marker"}
	textFields := []string{"given_name", "family_name", "nhs_number", "email", "street"}
	seeds := 12
	for seed := 1; seed <= seeds; seed++ {
		rng := rand.New(rand.NewPCG(uint64(seed), 99))
		dir := t.TempDir()
		st := openStore(t)
		// Records: every value a unique token, so a leak is unambiguous.
		var recs []fixture
		for i := 0; i < 80; i++ {
			f := fixture{kind: []string{"person", "property", "business"}[rng.IntN(3)], id: fmt.Sprintf("G%04d", i), fields: map[string]string{}}
			for _, tf := range textFields {
				f.fields[tf] = fmt.Sprintf("tok%d_%s", i, tf)
			}
			if rng.IntN(4) > 0 {
				f.fields["date_of_birth"] = testNow.AddDate(-rng.IntN(100), 0, -rng.IntN(365)).Format("2006-01-02")
			}
			var fl []string
			for _, x := range flagsPool {
				if rng.IntN(5) == 0 {
					fl = append(fl, x)
				}
			}
			f.flags = strings.Join(fl, ";")
			if rng.IntN(2) == 0 {
				f.sources = "asc"
			}
			recs = append(recs, f)
		}
		insertGolden(t, st, recs)
		// Policy: two partners with distinct keys, the same agreement shape.
		keys := map[string]string{}
		var b strings.Builder
		b.WriteString("version: 1\nservices: {asc: adult-social-care}\nflags: [refuge]\npartners:\n")
		for _, p := range []string{"alpha", "beta"} {
			keys[p] = fmt.Sprintf("%s-secret-%016x", p, rng.Uint64())
			os.WriteFile(filepath.Join(dir, p+".key"), []byte(keys[p]), 0o600)
			fmt.Fprintf(&b, "  - {id: %s, name: %s, contact: c@example.org, key: {file: %s.key}}\n", p, p, p)
		}
		allowed := map[string]bool{}
		var allowedList []string
		for _, x := range flagsPool[:4] {
			if rng.IntN(3) == 0 {
				allowed[x] = true
				allowedList = append(allowedList, x)
			}
		}
		minAge := rng.IntN(90)
		shared := map[string]string{"golden_id": "keep", "nhs_number": "pseudonymise", "flags": "keep"}
		for _, tf := range []string{"given_name", "family_name", "email"} {
			if rng.IntN(2) == 0 {
				shared[tf] = []string{"keep", "{mask: 3}", "pseudonymise"}[rng.IntN(3)]
			}
		}
		kinds := []string{"person"}
		if rng.IntN(2) == 0 {
			kinds = append(kinds, "business")
		}
		b.WriteString("agreements:\n")
		for _, p := range []string{"alpha", "beta"} {
			fmt.Fprintf(&b, "  - reference: A-%s\n    partner: %s\n    legal_basis: test\n    purposes: [test]\n    start: 2026-01-01\n    end: 2026-12-31\n    review: 2026-11-30\n    flags: [%s]\n    entities:\n", p, p, strings.Join(allowedList, ", "))
			for _, k := range kinds {
				fmt.Fprintf(&b, "      %s:\n        where: 'age >= %d || \"adult-social-care\" in services'\n        fields:\n", k, minAge)
				for _, f := range slices.Sorted(mapsKeys(shared)) {
					fmt.Fprintf(&b, "          %s: %s\n", f, shared[f])
				}
			}
		}
		eng := writePolicy(t, dir, b.String())
		if ds := eng.Diagnostics().Errors(); len(ds) > 0 {
			t.Fatalf("seed %d: %v\n%s", seed, ds, b.String())
		}
		format := Formats()[seed%len(Formats())]
		var logs bytes.Buffer
		logger := slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
		pseudo := map[string]map[string]string{} // partner → golden_id → nhs pseudonym
		for _, p := range []string{"alpha", "beta"} {
			out := filepath.Join(dir, "out-"+p)
			m, err := Share(ctx, st, eng, ShareOptions{Partner: p, Format: format, OutDir: out, Now: testNow, Logger: logger})
			if err != nil {
				t.Fatalf("seed %d: %v", seed, err)
			}
			pseudo[p] = map[string]string{}
			byID := map[string]fixture{}
			for _, r := range recs {
				byID[r.id] = r
			}
			var total int64
			for _, mf := range m.Files {
				if !slices.Contains(kinds, mf.Kind) {
					t.Fatalf("seed %d: kind %s shared without being named", seed, mf.Kind)
				}
				cols, rows := readExtract(t, st, filepath.Join(out, mf.Name), format)
				total += int64(len(rows))
				for _, c := range cols {
					if _, ok := shared[c]; !ok {
						t.Fatalf("seed %d: column %s not in policy", seed, c)
					}
				}
				for _, row := range rows {
					vals := map[string]string{}
					for i, c := range cols {
						vals[c] = row[i]
					}
					r := byID[vals["golden_id"]]
					if r.kind != mf.Kind {
						t.Fatalf("seed %d: row %v in the wrong file or unknown", seed, row)
					}
					for _, fl := range policy.SplitList(r.flags) {
						if !allowed[fl] {
							t.Fatalf("seed %d: record with flag %s shared, agreement allows %v", seed, fl, allowedList)
						}
					}
					for _, fl := range policy.SplitList(vals["flags"]) {
						if !allowed[fl] {
							t.Fatalf("seed %d: flag %s in output", seed, fl)
						}
					}
					age := -1
					if d, err := time.Parse("2006-01-02", r.fields["date_of_birth"]); err == nil {
						age = testNow.Year() - d.Year()
						if testNow.Month() < d.Month() || testNow.Month() == d.Month() && testNow.Day() < d.Day() {
							age--
						}
					}
					if !(r.sources == "asc" || age >= minAge) {
						t.Fatalf("seed %d: row %s fails the condition (age %d, sources %q)", seed, r.id, age, r.sources)
					}
					for _, tf := range textFields {
						if _, ok := shared[tf]; ok {
							continue
						}
						for _, v := range row {
							if strings.Contains(v, r.fields[tf]) {
								t.Fatalf("seed %d: unshared %s leaked", seed, tf)
							}
						}
					}
					pseudo[p][r.id] = vals["nhs_number"]
				}
			}
			// Completeness: every record the oracle admits is in the files.
			var want int64
			for _, r := range recs {
				if !slices.Contains(kinds, r.kind) {
					continue
				}
				ok := true
				for _, fl := range policy.SplitList(r.flags) {
					ok = ok && allowed[fl]
				}
				age := -1
				if d, err := time.Parse("2006-01-02", r.fields["date_of_birth"]); err == nil {
					age = testNow.Year() - d.Year()
					if testNow.Month() < d.Month() || testNow.Month() == d.Month() && testNow.Day() < d.Day() {
						age--
					}
				}
				if ok && (r.sources == "asc" || age >= 0 && age >= minAge) {
					want++
				}
			}
			if want != m.Rows {
				t.Fatalf("seed %d: %d rows shared, the oracle admits %d", seed, m.Rows, want)
			}
			if total != m.Rows {
				t.Fatalf("seed %d: manifest says %d rows, files hold %d", seed, m.Rows, total)
			}
			// No key material in any file written, the log or the manifest.
			filepath.WalkDir(out, func(path string, d os.DirEntry, err error) error {
				if d.IsDir() {
					return nil
				}
				data, _ := os.ReadFile(path)
				for _, k := range keys {
					if bytes.Contains(data, []byte(k)) {
						t.Fatalf("seed %d: key in %s", seed, path)
					}
				}
				return nil
			})
		}
		// Stable: a second share to alpha gives every record the same pseudonym.
		m2, err := Share(ctx, st, eng, ShareOptions{Partner: "alpha", Format: "csv", OutDir: filepath.Join(dir, "again"), Now: testNow.AddDate(0, 1, 0), Logger: logger})
		if err != nil {
			t.Fatalf("seed %d: %v", seed, err)
		}
		for _, mf := range m2.Files {
			cols, rows := readExtract(t, st, filepath.Join(dir, "again", mf.Name), "csv")
			for _, row := range rows {
				vals := map[string]string{}
				for i, c := range cols {
					vals[c] = row[i]
				}
				if pseudo["alpha"][vals["golden_id"]] != vals["nhs_number"] && pseudo["alpha"][vals["golden_id"]] != "" {
					t.Fatalf("seed %d: pseudonym for %s changed between shares", seed, vals["golden_id"])
				}
			}
		}
		for id, a := range pseudo["alpha"] {
			if bv, ok := pseudo["beta"][id]; ok && (a == bv || a == "") {
				t.Fatalf("seed %d: pseudonyms equal across partners for %s", seed, id)
			}
		}
		// A broken key gives an error that names where the key should be, never the key.
		os.WriteFile(filepath.Join(dir, "beta.key"), []byte("zq9x"), 0o600)
		eng2, ds, _ := policy.Load(filepath.Join(dir, "policy.yaml"), policy.Env{Now: testNow})
		_, err = Share(ctx, st, eng2, ShareOptions{Partner: "beta", Format: format, OutDir: filepath.Join(dir, "out-broken"), Now: testNow, Logger: logger})
		if err == nil {
			t.Fatalf("seed %d: share with a broken key succeeded", seed)
		}
		everything := logs.String() + err.Error() + ds.Error()
		for _, k := range append(slices.Collect(mapsValues(keys)), "zq9x") {
			if strings.Contains(everything, k) {
				t.Fatalf("seed %d: key material in logs or errors: %s", seed, everything)
			}
		}
		es, _ := audit.Entries(ctx, st.DB, audit.Disclosures)
		if len(es) != 3 || len(audit.Verify(audit.Disclosures, es)) > 0 {
			t.Fatalf("seed %d: log has %d entries", seed, len(es))
		}
	}
}

func TestShareNothingMatches(t *testing.T) {
	ctx := context.Background()
	tests := []struct {
		name, where, fields string
		cols                int
	}{
		{"no rows", "false", "given_name: keep", 1},
		{"no columns", "true", "given_name: drop", 0},
	}
	for _, tc := range tests {
		for _, format := range Formats() {
			t.Run(tc.name+"/"+format, func(t *testing.T) {
				dir := t.TempDir()
				st := openStore(t)
				govtest.Insert(t, st, govtest.People)
				text := strings.Replace(govtest.Policy, `'age >= 65 && "adult-social-care" in services'`, "'"+tc.where+"'", 1)
				text = strings.Replace(text, "          golden_id: pseudonymise\n          given_name: keep\n          family_name: {mask: 2}\n          postcode: {generalise: district}\n", "          "+tc.fields+"\n", 1)
				os.WriteFile(filepath.Join(dir, "nhs.key"), []byte(govtest.Key), 0o600)
				eng := writePolicy(t, dir, text)
				m, err := Share(ctx, st, eng, ShareOptions{Partner: "nhs", Format: format, OutDir: filepath.Join(dir, "out"), Now: testNow, Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
				if err != nil {
					t.Fatal(err)
				}
				if len(m.Files) != 1 || len(m.Files[0].Fields) != tc.cols {
					t.Fatalf("files %+v", m.Files)
				}
				if tc.cols > 0 {
					cols, rows := readExtract(t, st, filepath.Join(dir, "out", m.Files[0].Name), format)
					if format == "json" && m.Rows == 0 {
						cols = make([]string, tc.cols) // an empty array has no keys; the manifest lists the fields
					}
					if len(cols) != tc.cols || len(rows) != int(m.Rows) {
						t.Fatalf("cols %v rows %v, manifest %d", cols, rows, m.Rows)
					}
				}
			})
		}
	}
}
