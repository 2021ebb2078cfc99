package steward_test

import (
	"errors"
	"fmt"
	"sort"
	"strings"
	"testing"

	"github.com/council/golden/golden"
	"github.com/council/golden/golden/goldentest"
	"github.com/council/golden/golden/steward"
	"github.com/council/golden/record"
)

func lookup(t *testing.T, w *goldentest.World, refs ...string) []*steward.Group {
	t.Helper()
	var out []*steward.Group
	for _, r := range refs {
		g, err := steward.Lookup(w.Ctx, w.St.DB, r)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, g)
	}
	return out
}

func setup(t *testing.T) *goldentest.World {
	w := goldentest.New(t)
	w.Put(
		goldentest.Person("council_tax:A1", "given_name", "Jane", "family_name", "Smith", "nhs_number", "9434765919"),
		goldentest.Person("housing:T9", "given_name", "Jane", "family_name", "Smith", "nhs_number", "4010232137"),
		goldentest.Person("education:E5", "given_name", "Jayne", "family_name", "Smith"),
		goldentest.Person("education:E6", "given_name", "Tom", "family_name", "Jones"),
	)
	w.Cluster(record.Person, []string{"council_tax:A1", "housing:T9"})
	w.Build(record.Person)
	return w
}

func TestMergeAndSplit(t *testing.T) {
	w := setup(t)
	a, e5 := w.IDOf("council_tax:A1"), w.IDOf("education:E5")

	// Merge the golden record of A1/T9 with E5's.
	ds, err := steward.PlanMerge(lookup(t, w, a, "education:E5"))
	if err != nil {
		t.Fatal(err)
	}
	res, err := steward.Commit(w.Ctx, w.St, ds, steward.Options{By: "steward1", Note: "same person, checked", RunID: 10, Config: w.Cfg})
	if err != nil {
		t.Fatal(err)
	}
	if res.Recorded != 2 || res.Report.Merged != 1 {
		t.Fatalf("merge result: recorded %d, report %+v", res.Recorded, res.Report)
	}
	if w.IDOf("education:E5") != a {
		t.Fatalf("E5 in %s, want %s", w.IDOf("education:E5"), a)
	}
	st, red, _, _ := w.Golden(e5)
	if st != "retired" || red != a {
		t.Errorf("%s: %s → %s", e5, st, red)
	}
	h, _ := golden.History(w.Ctx, w.St.DB, a)
	if !strings.Contains(h[0].Reasons, "steward") || !strings.Contains(h[0].Reasons, "merge") {
		t.Errorf("history = %+v", h[0])
	}
	var n int
	w.St.DB.QueryRow(`SELECT count(*) FROM link_constraints WHERE origin = 'steward' AND rule = 'must-link' AND decided_by = 'steward1' AND length(values_hash) = 16`).Scan(&n)
	if n != 2 {
		t.Errorf("%d steward must-links, want 2", n)
	}
	// The same decision again records nothing new.
	if res, err := steward.Commit(w.Ctx, w.St, ds, steward.Options{RunID: 11, Config: w.Cfg}); err != nil || res.Recorded != 0 {
		t.Errorf("repeat: %v, %+v", err, res)
	}

	// Split T9 out again: cannot-links T9 against A1 and E5 — but T9 was
	// must-linked to A1 by the merge, so that must be revoked first.
	g := lookup(t, w, a)[0]
	ds, err = steward.PlanSplit(g, []string{"housing:T9"})
	if err != nil {
		t.Fatal(err)
	}
	_, err = steward.Commit(w.Ctx, w.St, ds, steward.Options{RunID: 12, Config: w.Cfg})
	var ce *steward.ConflictError
	if !errors.As(err, &ce) {
		t.Fatalf("split against a must-link: err = %v", err)
	}
	if !strings.Contains(ce.Error(), "golden revoke council_tax:A1 housing:T9") {
		t.Errorf("conflict message %q does not say how to revoke", ce.Error())
	}
	// Revoking the merge (the run that recorded it) lets the split through.
	rv, err := steward.Revoke(w.Ctx, w.St, steward.Selection{Run: 10}, steward.Options{By: "steward2", Note: "wrong merge"})
	if err != nil || len(rv.Revoked) != 2 {
		t.Fatalf("revoke run 10: %v, %+v", err, rv)
	}
	res, err = steward.Commit(w.Ctx, w.St, ds, steward.Options{RunID: 13, Config: w.Cfg})
	if err != nil {
		t.Fatal(err)
	}
	if res.Recorded != 2 || res.Report.Created != 1 || res.Report.Split != 1 {
		t.Fatalf("split: recorded %d, report %+v", res.Recorded, res.Report)
	}
	if w.IDOf("council_tax:A1") != a || w.IDOf("education:E5") != a || w.IDOf("housing:T9") == a {
		t.Errorf("after split: A1 %s, E5 %s, T9 %s", w.IDOf("council_tax:A1"), w.IDOf("education:E5"), w.IDOf("housing:T9"))
	}
	// Merging them back now contradicts the split.
	ds, _ = steward.PlanMerge(lookup(t, w, "council_tax:A1", "housing:T9"))
	if _, err := steward.Commit(w.Ctx, w.St, ds, steward.Options{RunID: 14, Config: w.Cfg}); !errors.As(err, &ce) {
		t.Errorf("merge against a cannot-link: err = %v", err)
	}
}

func TestPlanErrors(t *testing.T) {
	w := setup(t)
	a := w.IDOf("council_tax:A1")
	g := lookup(t, w, a)[0]
	for name, move := range map[string][]string{
		"not a member": {"education:E6"},
		"everything":   {"council_tax:A1", "housing:T9"},
		"nothing":      nil,
	} {
		t.Run(name, func(t *testing.T) {
			if _, err := steward.PlanSplit(g, move); err == nil {
				t.Error("accepted")
			}
		})
	}
	if _, err := steward.PlanMerge(lookup(t, w, a)); err == nil {
		t.Error("merge of one reference accepted")
	}
	if _, err := steward.PlanMerge(lookup(t, w, a, "housing:T9")); err == nil {
		t.Error("merge of a record with its own golden record accepted")
	}
	if _, err := steward.Lookup(w.Ctx, w.St.DB, "council_tax:NOPE"); !errors.Is(err, golden.ErrNotFound) {
		t.Errorf("unknown key: %v", err)
	}
}

func TestReview(t *testing.T) {
	w := setup(t)
	a := w.IDOf("council_tax:A1")
	// A scored pair across two golden records.
	w.St.DB.Exec(`INSERT INTO match_pairs VALUES ('person', ?, ?, 3.5, 0.82, 'name', 1)`, w.RIDs["housing:T9"], w.RIDs["education:E5"])
	q, err := steward.Review(w.Ctx, w.St.DB, steward.ReviewOptions{Kind: record.Person})
	if err != nil {
		t.Fatal(err)
	}
	if q.Shown != 2 || q.Total != 2 || q.Cut() || len(q.Counts) != 2 {
		t.Errorf("queue: shown %d of %d, counts %+v", q.Shown, q.Total, q.Counts)
	}
	types := map[string]steward.Item{}
	for _, it := range q.Items {
		types[it.Type] = it
	}
	if c := types["conflict"]; c.GoldenIDs == nil || c.GoldenIDs[0] != a || c.Field != "nhs_number" || c.Values != 2 {
		t.Errorf("conflict = %+v", c)
	}
	if d := types["possible-duplicate"]; len(d.GoldenIDs) != 2 || d.Probability != 0.82 {
		t.Errorf("possible duplicate = %+v", d)
	}
	if _, ok := types["recheck"]; ok {
		t.Error("recheck with no decisions")
	}

	// A steward decides; then a record changes: the decision is re-queued.
	ds, _ := steward.PlanMerge(lookup(t, w, a, "education:E5"))
	if _, err := steward.Commit(w.Ctx, w.St, ds, steward.Options{RunID: 5, Config: w.Cfg, NoApply: true}); err != nil {
		t.Fatal(err)
	}
	q, _ = steward.Review(w.Ctx, w.St.DB, steward.ReviewOptions{Kind: record.Person})
	for _, it := range q.Items {
		if it.Type == "recheck" {
			t.Fatalf("re-queued before any change: %+v", it)
		}
	}
	w.Put(goldentest.Person("education:E5", "given_name", "Jayne", "family_name", "Smith-Jones"))
	q, _ = steward.Review(w.Ctx, w.St.DB, steward.ReviewOptions{Kind: record.Person})
	n := 0
	for _, it := range q.Items {
		if it.Type == "recheck" {
			n++
			if it.Why != "a record changed since the decision" {
				t.Errorf("recheck = %+v", it)
			}
		}
	}
	if n != 1 {
		t.Errorf("%d rechecks, want 1 (the pair with E5)", n)
	}
}

// A limit cuts each type's list and the queue says how much it left out.
func TestReviewLimit(t *testing.T) {
	w := setup(t)
	// Three scored pairs across golden records; E6 stands alone.
	for _, p := range [][2]string{{"housing:T9", "education:E5"}, {"housing:T9", "education:E6"}, {"education:E5", "education:E6"}} {
		l, r := w.RIDs[p[0]], w.RIDs[p[1]]
		if l > r {
			l, r = r, l
		}
		if _, err := w.St.DB.Exec(`INSERT INTO match_pairs VALUES ('person', ?, ?, 3.5, 0.7, 'name', 1)`, l, r); err != nil {
			t.Fatal(err)
		}
	}
	tests := []struct {
		limit, shown, total, dups int
	}{
		{0, 4, 4, 3}, // the default limit: everything
		{1, 2, 4, 1}, // one conflict, one of three duplicates
		{2, 3, 4, 2},
		{10, 4, 4, 3},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprint(tt.limit), func(t *testing.T) {
			q, err := steward.Review(w.Ctx, w.St.DB, steward.ReviewOptions{Limit: tt.limit})
			if err != nil {
				t.Fatal(err)
			}
			if q.Shown != tt.shown || q.Total != tt.total || len(q.Items) != tt.shown || q.Cut() != (tt.shown < tt.total) {
				t.Fatalf("shown %d (%d items) of %d, want %d of %d", q.Shown, len(q.Items), q.Total, tt.shown, tt.total)
			}
			for _, c := range q.Counts {
				if c.Type == "possible-duplicate" && (c.Shown != tt.dups || c.Total != 3 || c.Kind != "person") {
					t.Errorf("duplicates count %+v, want %d of 3", c, tt.dups)
				}
			}
		})
	}
}

func keys(ss ...string) []record.Key {
	var out []record.Key
	for _, s := range ss {
		src, id, _ := strings.Cut(s, ":")
		out = append(out, record.Key{Source: src, SourceID: id})
	}
	return out
}

// A revoked decision stays in the store, inactive, with who revoked it,
// when and why; it no longer blocks a contrary decision.
func TestRevoke(t *testing.T) {
	w := setup(t)
	a := w.IDOf("council_tax:A1")
	ds, err := steward.PlanMerge(lookup(t, w, a, "education:E5", "education:E6"))
	if err != nil {
		t.Fatal(err)
	}
	res, err := steward.Commit(w.Ctx, w.St, ds, steward.Options{By: "s1", Note: "one family?", Config: w.Cfg})
	if err != nil || res.Recorded != 3 {
		t.Fatalf("merge: %v %+v", err, res)
	}
	mergeRun := res.RunID
	w.St.DB.Exec(`INSERT INTO link_constraints (kind, a_source, a_id, b_source, b_id, rule, origin, decided_by, note)
		VALUES ('person', 'housing', 'T9', 'education', 'E6', 'cannot-link', 'config', 'golden.yaml', 'golden.yaml line 9')`)

	tests := []struct {
		name    string
		sel     steward.Selection
		revoked []string // "a b" of each decision revoked
		err     error
		config  bool
	}{
		{"a pair, either order", steward.Selection{Groups: [][]record.Key{keys("education:E5"), keys("council_tax:A1")}}, []string{"council_tax:A1 education:E5"}, nil, false},
		{"the same pair again", steward.Selection{Groups: [][]record.Key{keys("council_tax:A1"), keys("education:E5")}}, nil, steward.ErrNoDecision, false},
		{"no decision between them", steward.Selection{Groups: [][]record.Key{keys("housing:T9"), keys("education:E5")}}, nil, steward.ErrNoDecision, false},
		{"golden.yaml's", steward.Selection{Groups: [][]record.Key{keys("housing:T9"), keys("education:E6")}}, nil, nil, true},
		{"the rest of the run", steward.Selection{Run: mergeRun}, []string{"council_tax:A1 housing:T9", "council_tax:A1 education:E6"}, nil, false},
		{"a run with nothing left", steward.Selection{Run: mergeRun}, nil, steward.ErrNoDecision, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rv, err := steward.Revoke(w.Ctx, w.St, tt.sel, steward.Options{By: "s2", Note: "undo"})
			var ce *steward.ConfigConstraintError
			switch {
			case tt.config:
				if !errors.As(err, &ce) || !strings.Contains(err.Error(), "golden.yaml line 9") {
					t.Fatalf("err = %v, want a golden.yaml constraint error", err)
				}
				return
			case tt.err != nil:
				if !errors.Is(err, tt.err) {
					t.Fatalf("err = %v, want %v", err, tt.err)
				}
				return
			case err != nil:
				t.Fatal(err)
			}
			var got []string
			for _, d := range rv.Revoked {
				got = append(got, d.A+" "+d.B)
				if d.Active || d.RevokedBy != "s2" || d.RevokedRun != rv.RunID || d.Run != mergeRun || d.DecidedBy != "s1" {
					t.Errorf("revoked decision %+v", d)
				}
			}
			sort.Strings(got)
			want := append([]string(nil), tt.revoked...)
			sort.Strings(want)
			if strings.Join(got, ",") != strings.Join(want, ",") {
				t.Errorf("revoked %v, want %v", got, want)
			}
		})
	}

	// Nothing was deleted: three revoked steward decisions, with who, when and why.
	all, err := steward.Decisions(w.Ctx, w.St.DB, steward.DecisionOptions{Revoked: true})
	if err != nil {
		t.Fatal(err)
	}
	active, _ := steward.Decisions(w.Ctx, w.St.DB, steward.DecisionOptions{})
	revoked := 0
	for _, d := range all {
		if !d.Active {
			revoked++
			if d.RevokedAt == nil || d.RevokeNote != "undo" || d.Note != "one family?" {
				t.Errorf("revoked decision %+v", d)
			}
		}
	}
	if len(all) != 4 || revoked != 3 || len(active) != 1 || active[0].Origin != "config" {
		t.Errorf("decisions: %d in all, %d revoked, active %+v", len(all), revoked, active)
	}
	// The merge and the two revocations were recorded as finished runs;
	// the refused revocations recorded none.
	var ok, other int
	w.St.DB.QueryRow(`SELECT count(*) FILTER (WHERE status = 'ok'), count(*) FILTER (WHERE status <> 'ok')
		FROM ingest_runs WHERE config_hash = 'steward'`).Scan(&ok, &other)
	if ok != 3 || other != 0 {
		t.Errorf("steward runs: %d ok, %d other; want 3 ok (merge, two revocations) and no other", ok, other)
	}
	// The merge can now be decided the other way.
	ds, _ = steward.PlanSplit(lookup(t, w, a)[0], []string{"education:E6"})
	if _, err := steward.Commit(w.Ctx, w.St, ds, steward.Options{By: "s2", Config: w.Cfg}); err != nil {
		t.Errorf("split after the revocation: %v", err)
	}
}
