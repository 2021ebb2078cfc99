package rules

import (
	"context"
	"encoding/json"
	"errors"
	"path/filepath"
	"strings"
	"testing"

	"github.com/council/golden/rules/audit"
	"github.com/council/golden/rules/govtest"
	"github.com/council/golden/rules/policy"
	"github.com/council/golden/store"
)

const rolePolicy = `version: 1
services: {asc: adult-social-care}
roles:
  - {id: adult-social-care, name: Adult Social Care}
  - {id: revenues, name: Revenues}
agreements:
  - reference: ROLE-ASC
    partner: adult-social-care
    legal_basis: Care Act 2014
    purposes: [assessments]
    start: 2026-01-01
    end: 2027-12-31
    review: 2027-06-30
    entities:
      person:
        where: '"adult-social-care" in services && age >= 18'
        fields: [given_name, family_name, age]
`

func TestViewWritesTheAccessLog(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	st, err := store.Open(ctx, filepath.Join(dir, "g.duckdb"), store.Options{Threads: 1})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	govtest.Insert(t, st, govtest.People)
	eng := writePolicy(t, dir, rolePolicy)
	tests := []struct {
		role, id string
		shown    bool
		err      error
	}{
		{"adult-social-care", "P1", true, nil},
		{"adult-social-care", "P3", false, nil}, // safeguarding flag not named
		{"adult-social-care", "P4", true, nil},
		{"adult-social-care", "P5", false, nil}, // no age
		{"revenues", "P1", false, nil},          // no agreement
		{"adult-social-care", "NOPE", false, ErrNoRecord},
	}
	logged := 0
	for _, tc := range tests {
		t.Run(tc.role+"/"+tc.id, func(t *testing.T) {
			vis, err := View(ctx, st, eng, ViewRequest{Role: tc.role, GoldenID: tc.id, Purpose: "assessment", Actor: "sw1", Now: testNow})
			if tc.err != nil {
				if !errors.Is(err, tc.err) {
					t.Fatalf("got %v", err)
				}
				return
			}
			logged++
			var de *policy.DeniedError
			if tc.shown != (vis != nil) || !tc.shown && !errors.As(err, &de) {
				t.Fatalf("vis %v err %v", vis, err)
			}
			if vis != nil && strings.Join(vis.Fields, ",") != "given_name,family_name,age" {
				t.Fatalf("fields %v", vis.Fields)
			}
		})
	}
	es, err := audit.Entries(ctx, st.DB, audit.Accesses)
	if err != nil || len(es) != logged {
		t.Fatalf("%d access entries, want %d (%v)", len(es), logged, err)
	}
	var d struct {
		GoldenID string `json:"golden_id"`
		Shown    bool   `json:"shown"`
	}
	json.Unmarshal([]byte(es[0].Detail), &d)
	if d.GoldenID != "P1" || !d.Shown || es[0].Purpose != "assessment" || es[0].Actor != "sw1" || es[0].Agreement != "ROLE-ASC" {
		t.Fatalf("entry %+v", es[0])
	}
	if p := audit.Verify(audit.Accesses, es); len(p) > 0 {
		t.Fatal(p)
	}
	for _, e := range es {
		if strings.Contains(e.Detail, "Ada") || strings.Contains(e.Detail, "Okafor") {
			t.Fatalf("access log holds personal data: %s", e.Detail)
		}
	}
	if _, err := View(ctx, st, eng, ViewRequest{Role: "adult-social-care", GoldenID: "P1", Now: testNow}); err == nil {
		t.Fatal("a view without a purpose was allowed")
	}
}
