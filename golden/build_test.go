package golden_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/council/golden/config"
	"github.com/council/golden/golden"
	"github.com/council/golden/golden/goldentest"
	"github.com/council/golden/record"
)

func TestBuildFirstRunAndIdempotence(t *testing.T) {
	w := goldentest.New(t)
	w.Put(
		goldentest.Person("council_tax:A1", "given_name", "Jane", "family_name", "Smith", "date_of_birth", "1980-02-03", "uprn", "100"),
		goldentest.Person("housing:T9", "given_name", "Jane", "family_name", "Smyth", "nhs_number", "9434765919", "uprn", "100"),
		goldentest.Person("education:E5", "given_name", "Tom", "family_name", "Smith", "uprn", "100"),
	)
	w.Cluster(record.Person, []string{"council_tax:A1", "housing:T9"})
	rep := w.Build(record.Person)
	if rep.Created != 2 || rep.Active != 2 || rep.Updated != 0 || rep.Retired != 0 {
		t.Fatalf("first run report = %+v", rep)
	}
	if rep.Households != 1 {
		t.Errorf("households = %d, want 1", rep.Households)
	}
	id := w.IDOf("council_tax:A1")
	if w.IDOf("housing:T9") != id {
		t.Fatal("records of one cluster in different golden records")
	}
	_, _, v, vals := w.Golden(id)
	if v != 1 || vals["family_name"] != "Smith" || vals["nhs_number"] != "9434765919" {
		t.Errorf("golden %s v%d values %v", id, v, vals)
	}
	before := w.Snapshot(record.Person)
	for i := 0; i < 2; i++ {
		rep = w.Build(record.Person)
		if rep.Created+rep.Updated+rep.Retired != 0 || rep.Unchanged != 2 {
			t.Fatalf("rerun %d report = %+v", i, rep)
		}
	}
	if after := w.Snapshot(record.Person); after != before {
		t.Errorf("rerun changed golden records:\n%s\nwant\n%s", after, before)
	}
	var n int
	w.St.DB.QueryRow(`SELECT count(*) FROM golden_history`).Scan(&n)
	if n != 2 {
		t.Errorf("history rows = %d, want 2", n)
	}
}

func TestMergeRetiresYoungerID(t *testing.T) {
	w := goldentest.New(t)
	w.Put(goldentest.Person("council_tax:A1", "given_name", "Jane", "family_name", "Smith"))
	w.Cluster(record.Person)
	w.Build(record.Person)
	old := w.IDOf("council_tax:A1")
	w.Put(goldentest.Person("housing:T9", "given_name", "Jane", "family_name", "Smith", "phone", "07700900123"))
	w.Cluster(record.Person)
	w.Build(record.Person)
	young := w.IDOf("housing:T9")
	if young == old {
		t.Fatal("separate clusters share an id")
	}
	// Matching now puts them together: the older id survives.
	w.Cluster(record.Person, []string{"council_tax:A1", "housing:T9"})
	rep := w.Build(record.Person)
	if rep.Merged != 1 || rep.Retired != 1 || rep.Updated != 1 || rep.Created != 0 {
		t.Fatalf("merge report = %+v", rep)
	}
	if got := w.IDOf("housing:T9"); got != old {
		t.Errorf("merged record in %s, want the older %s", got, old)
	}
	status, redirect, v, _ := w.Golden(young)
	if status != "retired" || redirect != old || v != 2 {
		t.Errorf("younger id: %s → %q v%d, want retired → %s v2", status, redirect, v, old)
	}
	_, _, v, vals := w.Golden(old)
	if v != 2 || vals["phone"] != "07700900123" {
		t.Errorf("survivor v%d values %v", v, vals)
	}
	r, err := golden.Resolve(w.Ctx, w.St.DB, young)
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Destinations) != 1 || r.Destinations[0] != old {
		t.Errorf("resolve %s = %+v, want %s", young, r, old)
	}
}

func TestSplitKeepsIDForLargerPart(t *testing.T) {
	w := goldentest.New(t)
	w.Put(
		goldentest.Person("council_tax:A1", "given_name", "Jane", "family_name", "Smith"),
		goldentest.Person("housing:T9", "given_name", "Jane", "family_name", "Smith"),
		goldentest.Person("education:E5", "given_name", "Jane", "family_name", "Smith"),
		goldentest.Person("education:E6", "given_name", "Janet", "family_name", "Smith"),
		goldentest.Person("education:E7", "given_name", "Jane", "family_name", "Smith"),
	)
	all := []string{"council_tax:A1", "housing:T9", "education:E5", "education:E6", "education:E7"}
	w.Cluster(record.Person, all)
	w.Build(record.Person)
	id := w.IDOf("council_tax:A1")

	// E6 and A1 leave; the part with the most records (T9, E5, E7) keeps
	// the id, although A1 is the oldest record.
	w.Cluster(record.Person, []string{"housing:T9", "education:E5", "education:E7"}, []string{"council_tax:A1", "education:E6"})
	rep := w.Build(record.Person)
	if rep.Split != 1 || rep.Created != 1 || rep.Updated != 1 || rep.Retired != 0 {
		t.Fatalf("split report = %+v", rep)
	}
	if w.IDOf("housing:T9") != id || w.IDOf("education:E5") != id {
		t.Errorf("larger part lost the id %s", id)
	}
	other := w.IDOf("education:E6")
	if other == id || w.IDOf("council_tax:A1") != other {
		t.Errorf("smaller part: %s, %s", other, w.IDOf("council_tax:A1"))
	}
	h, err := golden.History(w.Ctx, w.St.DB, other)
	if err != nil {
		t.Fatal(err)
	}
	if len(h) != 1 || !strings.Contains(h[0].Reasons, "split") || h[0].Detail["split_from"] == nil {
		t.Errorf("new part history = %+v", h)
	}
	h, _ = golden.History(w.Ctx, w.St.DB, id)
	if len(h) != 2 || !strings.Contains(h[0].Reasons, "split") {
		t.Errorf("kept id history = %+v", h)
	}
}

func TestDeleteAllMembersRetiresWithoutRedirect(t *testing.T) {
	w := goldentest.New(t)
	w.Put(goldentest.Person("council_tax:A1", "given_name", "Jane"), goldentest.Person("housing:T9", "given_name", "Tom"))
	w.Cluster(record.Person)
	w.Build(record.Person)
	id := w.IDOf("council_tax:A1")
	w.Del("council_tax:A1")
	w.Cluster(record.Person)
	rep := w.Build(record.Person)
	if rep.Retired != 1 || rep.Merged != 0 || rep.Active != 1 {
		t.Fatalf("report = %+v", rep)
	}
	status, redirect, _, _ := w.Golden(id)
	if status != "retired" || redirect != "" {
		t.Errorf("%s: %s → %q", id, status, redirect)
	}
	r, err := golden.Resolve(w.Ctx, w.St.DB, id)
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Destinations) != 0 || len(r.Deleted) != 1 || r.Deleted[0] != "council_tax:A1" {
		t.Errorf("resolve = %+v", r)
	}
	r, err = golden.Resolve(w.Ctx, w.St.DB, "council_tax:A1")
	if err != nil || !r.KeyDeleted || r.ID != id {
		t.Errorf("resolve deleted key = %+v, %v", r, err)
	}
}

func TestChangedSourceRecordNewVersion(t *testing.T) {
	w := goldentest.New(t)
	w.Put(goldentest.Person("council_tax:A1", "given_name", "Jane", "family_name", "Smith"), goldentest.Person("housing:T9", "given_name", "Tom"))
	w.Cluster(record.Person)
	w.Build(record.Person)
	other := w.Snapshot(record.Person)
	w.Put(goldentest.Person("council_tax:A1", "given_name", "Jane", "family_name", "Jones"))
	w.Cluster(record.Person)
	rep := w.Build(record.Person)
	if rep.Updated != 1 || rep.Unchanged != 1 {
		t.Fatalf("report = %+v", rep)
	}
	id := w.IDOf("council_tax:A1")
	_, _, v, vals := w.Golden(id)
	if v != 2 || vals["family_name"] != "Jones" {
		t.Errorf("v%d %v", v, vals)
	}
	h, _ := golden.History(w.Ctx, w.St.DB, id)
	if h[0].Reasons != "changed_source" || h[0].Fields != "family_name" {
		t.Errorf("history = %+v", h[0])
	}
	if other == w.Snapshot(record.Person) {
		t.Error("snapshot did not change")
	}
	if !strings.Contains(w.Snapshot(record.Person), w.IDOf("housing:T9")+" active  v1 u1") {
		t.Errorf("untouched record changed:\n%s", w.Snapshot(record.Person))
	}
}

func TestCannotLinkInOneGoldenRecordFails(t *testing.T) {
	for _, from := range []string{"config", "table"} {
		t.Run(from, func(t *testing.T) {
			w := goldentest.New(t)
			w.Put(goldentest.Person("council_tax:A1", "given_name", "Jane"), goldentest.Person("housing:T9", "given_name", "Jane"))
			if from == "config" {
				w.Cfg.Constraints = []config.Constraint{{Kind: record.Person, Rule: "cannot-link", A: "council_tax:A1", B: "housing:T9"}}
			} else {
				w.St.DB.Exec(`INSERT INTO link_constraints (kind, a_source, a_id, b_source, b_id, rule, origin) VALUES ('person','council_tax','A1','housing','T9','cannot-link','steward')`)
			}
			w.Cluster(record.Person, []string{"council_tax:A1", "housing:T9"})
			_, err := w.TryBuild(record.Person)
			var ce *golden.ConstraintError
			if !errors.As(err, &ce) || ce.A != "council_tax:A1" || ce.B != "housing:T9" {
				t.Fatalf("err = %v, want a ConstraintError naming both keys", err)
			}
			var n int
			w.St.DB.QueryRow(`SELECT count(*) FROM golden_records`).Scan(&n)
			if n != 0 {
				t.Errorf("a failed build left %d golden records", n)
			}
			// Separate clusters are fine.
			w.Cluster(record.Person)
			if rep := w.Build(record.Person); rep.Created != 2 {
				t.Errorf("report = %+v", rep)
			}
		})
	}
}

// Matching rewrites only the match_clusters rows that change: rows of
// unchanged clusters keep the run that wrote them.
func TestClusterRowsFromEarlierRuns(t *testing.T) {
	w := goldentest.New(t)
	w.Put(goldentest.Person("council_tax:A1", "given_name", "Jane"), goldentest.Person("housing:T9", "given_name", "Jane"),
		goldentest.Person("education:E5", "given_name", "Tom"))
	w.Cluster(record.Person, []string{"council_tax:A1", "housing:T9"})
	w.Build(record.Person)
	before := w.Snapshot(record.Person)
	// A later run rewrites only E5's row.
	if _, err := w.St.DB.Exec(`UPDATE match_clusters SET run_id = 99 WHERE rid = ?`, w.RIDs["education:E5"]); err != nil {
		t.Fatal(err)
	}
	if rep := w.Build(record.Person); rep.Created+rep.Updated+rep.Retired != 0 {
		t.Fatalf("report = %+v", rep)
	}
	if after := w.Snapshot(record.Person); after != before {
		t.Errorf("golden records changed:\n%s\nwant\n%s", after, before)
	}
}

func TestPropertyKeyedBySurvivingUPRN(t *testing.T) {
	w := goldentest.New(t)
	w.Put(
		goldentest.Person("gazetteer:G1", "uprn", "200", "street", "High Street").Of(record.Property),
		goldentest.Person("housing:H1", "uprn", "100", "street", "High St").Of(record.Property),
		goldentest.Person("housing:H2", "uprn", "300", "street", "Low Street").Of(record.Property).Bad(record.UPRN),
	)
	w.Cluster(record.Property, []string{"gazetteer:G1", "housing:H1"})
	w.Build(record.Property)
	// The gazetteer is trusted most: its UPRN survives, and keys the id.
	if id := w.IDOf("gazetteer:G1"); id != "U-200" {
		t.Errorf("property id %s, want U-200", id)
	}
	// An invalid UPRN does not key an id.
	if id := w.IDOf("housing:H2"); id != "L-1" {
		t.Errorf("property with an invalid UPRN has id %s, want L-1", id)
	}
	// Split H1 off, then give G1 a new cluster of its own: U-200 stays with
	// G1; a new record claiming UPRN 200 cannot take the id again.
	w.Put(goldentest.Person("housing:H3", "uprn", "200").Of(record.Property))
	w.Cluster(record.Property)
	w.Build(record.Property)
	if id := w.IDOf("gazetteer:G1"); id != "U-200" {
		t.Errorf("after split G1 is in %s, want U-200", id)
	}
	if id := w.IDOf("housing:H1"); id != "U-100" {
		t.Errorf("split-off H1 is in %s, want U-100", id)
	}
	if id := w.IDOf("housing:H3"); id != "L-2" {
		t.Errorf("H3 is in %s, want L-2 (U-200 is taken)", id)
	}
}

func TestEmptyStoreAndUnclusteredRecords(t *testing.T) {
	w := goldentest.New(t)
	for _, k := range record.Kinds {
		if rep := w.Build(k); rep.Active != 0 || rep.Created != 0 {
			t.Errorf("%s on an empty store: %+v", k, rep)
		}
	}
	// Records the matching engine has not clustered yet stand alone.
	w.Put(goldentest.Person("council_tax:A1", "given_name", "Jane"), goldentest.Person("housing:T9", "given_name", "Jane"))
	if rep := w.Build(record.Person); rep.Created != 2 {
		t.Errorf("unclustered records: %+v", rep)
	}
	id := w.IDOf("council_tax:A1")
	// Once clustered as singletons, nothing changes.
	w.Cluster(record.Person)
	if rep := w.Build(record.Person); rep.Created+rep.Updated+rep.Retired != 0 || w.IDOf("council_tax:A1") != id {
		t.Errorf("clustering singletons changed golden records: %+v", rep)
	}
}
