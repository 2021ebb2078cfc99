// Package govtest builds small governance projects for tests: a golden.yaml
// naming a policy, a partner key file, and a store whose golden_records hold
// a handful of synthetic people and properties (invented names, no real data).
package govtest

import (
	"context"
	"database/sql/driver"
	"os"
	"path/filepath"
	"testing"

	"github.com/council/golden/store"
)

// Key is the test partner's key (a test value, not a secret).
const Key = "govtest-partner-key-0123456789abcdef"

// GoldenYAML is the project file the project gets.
const GoldenYAML = `version: 1
council: Test Council
store: {path: golden.duckdb, threads: 1}
sources:
  - {name: asc, kind: person, connector: csv, path: asc.csv}
  - {name: ctax, kind: person, connector: csv, path: ctax.csv}
governance: policy.yaml
`

// Policy is the project's policy: one partner, one agreement in force from
// 2026-01-01 to 2027-12-31.
const Policy = `version: 1
services: {asc: adult-social-care, ctax: revenues}
partners:
  - {id: nhs, name: NHS Test ICB, contact: dpo@nhs.example, key: {file: nhs.key}}
agreements:
  - reference: DSA-1
    partner: nhs
    legal_basis: UK GDPR 6(1)(e)
    purposes: [hospital discharge]
    start: 2026-01-01
    end: 2027-12-31
    review: 2027-06-30
    entities:
      person:
        where: 'age >= 65 && "adult-social-care" in services'
        fields:
          golden_id: pseudonymise
          given_name: keep
          family_name: {mask: 2}
          postcode: {generalise: district}
`

// Record is one golden record to insert.
type Record struct {
	Kind, ID, Status, Flags, Sources string
	Fields                           map[string]string
}

// People are the default records: two shareable, one flagged, one young,
// one without a birth date, one property.
var People = []Record{
	{Kind: "person", ID: "P1", Sources: "asc;ctax", Fields: map[string]string{"given_name": "Ada", "family_name": "Okafor", "date_of_birth": "1940-02-03", "postcode": "SS14 1AB"}},
	{Kind: "person", ID: "P2", Sources: "asc", Fields: map[string]string{"given_name": "Bea", "family_name": "Nowak", "date_of_birth": "1950-07-01", "postcode": "SS13 2CD"}},
	{Kind: "person", ID: "P3", Sources: "asc", Flags: "safeguarding", Fields: map[string]string{"given_name": "Cal", "date_of_birth": "1945-01-01"}},
	{Kind: "person", ID: "P4", Sources: "asc", Fields: map[string]string{"given_name": "Dee", "date_of_birth": "1990-01-01"}},
	{Kind: "person", ID: "P5", Sources: "asc", Fields: map[string]string{"given_name": "Eve"}},
	{Kind: "property", ID: "U1", Fields: map[string]string{"uprn": "100012345678", "street": "High Street"}},
}

// Project writes a project to a temp dir and returns golden.yaml's path.
// policy replaces Policy when not empty.
func Project(t testing.TB, policy string, recs []Record) string {
	t.Helper()
	dir := t.TempDir()
	if policy == "" {
		policy = Policy
	}
	for name, text := range map[string]string{"golden.yaml": GoldenYAML, "policy.yaml": policy, "nhs.key": Key + "\n"} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	st, err := store.Open(context.Background(), filepath.Join(dir, "golden.duckdb"), store.Options{Threads: 1})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	Insert(t, st, recs)
	return filepath.Join(dir, "golden.yaml")
}

// Insert appends recs to golden_records.
func Insert(t testing.TB, st *store.Store, recs []Record) {
	t.Helper()
	ctx := context.Background()
	fields := []string{"given_name", "family_name", "date_of_birth", "nhs_number", "postcode", "email", "street", "business_name", "uprn"}
	cols := append([]string{"kind", "golden_id", "status", "version", "created_run", "updated_run", "flags", "sources", "member_count"}, fields...)
	err := st.InTx(ctx, func(tx *store.Tx) error {
		return tx.Append(ctx, "golden_records", cols, func(a *store.Appender) error {
			for _, r := range recs {
				status := r.Status
				if status == "" {
					status = "active"
				}
				row := []driver.Value{r.Kind, r.ID, status, int32(1), int64(1), int64(1), r.Flags, r.Sources, int32(1)}
				for _, f := range fields {
					if v, ok := r.Fields[f]; ok {
						row = append(row, v)
					} else {
						row = append(row, nil)
					}
				}
				if err := a.AppendRow(row...); err != nil {
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
