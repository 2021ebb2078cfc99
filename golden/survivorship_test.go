package golden_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/council/golden/golden"
	"github.com/council/golden/golden/goldentest"
	"github.com/council/golden/record"
)

func TestSurvivorshipFromYAMLAndLineage(t *testing.T) {
	w := goldentest.New(t)
	w.Put(
		goldentest.Person("council_tax:A1", "given_name", "Jon", "nhs_number", "9434765918", "email", "old@example.org").Bad(record.NHSNumber).Seen(2025, 1, 1),
		goldentest.Person("education:E5", "given_name", "Jonathan", "nhs_number", "9434765919", "email", "new@example.org").Seen(2025, 6, 1),
	)
	w.Cluster(record.Person, []string{"council_tax:A1", "education:E5"})
	w.Build(record.Person)
	id := w.IDOf("council_tax:A1")
	_, _, v, vals := w.Golden(id)
	// Defaults: the valid NHS number wins although its source is trusted
	// less; the name comes from the most trusted source.
	if vals["nhs_number"] != "9434765919" || vals["given_name"] != "Jon" || vals["email"] != "new@example.org" {
		t.Fatalf("default survivorship: %v", vals)
	}
	view, err := golden.Show(w.Ctx, w.St.DB, id, golden.ShowOptions{})
	if err != nil {
		t.Fatal(err)
	}
	lineage := map[string]golden.Provenance{}
	for _, f := range view.Fields {
		if len(f.Lineage) != 1 {
			t.Fatalf("field %s has lineage %+v", f.Field, f.Lineage)
		}
		lineage[f.Field] = f.Lineage[0]
	}
	if p := lineage["nhs_number"]; p.Source != "education" || p.SourceID != "E5" || p.Rule != "valid" || p.ObservedAt == nil || p.ObservedAt.Month() != 6 {
		t.Errorf("nhs_number lineage = %+v", p)
	}
	if p := lineage["given_name"]; p.Source != "council_tax" || p.Rule != "trust" {
		t.Errorf("given_name lineage = %+v", p)
	}

	// A survivorship file: names by completeness, education trusted most.
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "survivorship.yaml"), []byte(`
trust: {education: 10}
person:
  groups:
    name: {rules: [complete, trust]}
`), 0o600)
	w.Cfg.Dir, w.Cfg.Survivorship = dir, "survivorship.yaml"
	rep := w.Build(record.Person)
	if rep.Updated != 1 {
		t.Fatalf("policy change: report %+v", rep)
	}
	_, _, v2, vals := w.Golden(id)
	if vals["given_name"] != "Jonathan" || v2 != v+1 {
		t.Errorf("after policy change: v%d %v", v2, vals)
	}
	h, _ := golden.History(w.Ctx, w.St.DB, id)
	if h[0].Reasons != "survivorship" || h[0].Fields != "given_name" {
		t.Errorf("history = %+v", h[0])
	}
	// And nothing more on the next run.
	if rep := w.Build(record.Person); rep.Updated != 0 {
		t.Errorf("second run with the same policy: %+v", rep)
	}

	w.Cfg.Survivorship = "missing.yaml"
	if _, err := w.TryBuild(record.Person); err == nil {
		t.Error("a missing survivorship file was ignored")
	}
}

func TestHouseholdsAndRelationships(t *testing.T) {
	w := goldentest.New(t)
	w.Put(
		goldentest.Person("council_tax:A1", "given_name", "Jane", "family_name", "Smith", "uprn", "100"),
		goldentest.Person("housing:T9", "given_name", "Jane", "family_name", "Smith", "uprn", "100"),
		goldentest.Person("education:E5", "given_name", "Tom", "family_name", "Smith", "uprn", "100", "date_of_birth", "2015-04-01"),
		goldentest.Person("education:E6", "given_name", "Ali", "family_name", "Khan", "uprn", "200"),
		goldentest.Person("gazetteer:100", "uprn", "100", "street", "High Street", "building_number", "1").Of(record.Property),
		goldentest.Person("gazetteer:200", "uprn", "200", "street", "High Street", "building_number", "2").Of(record.Property),
		goldentest.Person("nndr:N1", "business_name", "Corner Shop", "uprn", "200").Of(record.Business),
	)
	w.Relate("education", "council_tax:A1", "parent_of", "education:E5")
	w.Relate("housing", "housing:T9", "lives_at", "gazetteer:100")
	w.Cluster(record.Person, []string{"council_tax:A1", "housing:T9"})
	w.Cluster(record.Property)
	w.Cluster(record.Business)
	w.Build(record.Property)
	w.Build(record.Business)
	rep := w.Build(record.Person)
	if rep.Households != 2 {
		t.Errorf("households = %d, want 2", rep.Households)
	}
	prop := w.IDOf("gazetteer:100")
	if prop != "U-100" {
		t.Errorf("property with UPRN 100 has id %s, want U-100", prop)
	}
	jane := w.IDOf("council_tax:A1")
	v, err := golden.Show(w.Ctx, w.St.DB, jane, golden.ShowOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if len(v.Households) != 1 || v.Households[0].UPRN != "100" || v.Households[0].PropertyID != "U-100" || len(v.Households[0].Members) != 2 {
		t.Fatalf("household = %+v", v.Households)
	}
	got := map[string]string{}
	for _, l := range v.Relationships {
		got[l.Type+" "+l.Direction] = l.OtherID
	}
	if got["parent_of out"] != w.IDOf("education:E5") || got["lives_at out"] != "U-100" || len(got) != 2 {
		t.Errorf("relationships = %+v", v.Relationships)
	}
	shop, err := golden.Show(w.Ctx, w.St.DB, "nndr:N1", golden.ShowOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if len(shop.Relationships) != 1 || shop.Relationships[0].Type != "occupies" || shop.Relationships[0].OtherID != "U-200" {
		t.Errorf("business relationships = %+v", shop.Relationships)
	}
	if largest, _ := golden.Largest(w.Ctx, w.St.DB, record.Person); largest != jane {
		t.Errorf("largest person = %s, want %s", largest, jane)
	}
}

// A source that sends the family name in capitals ("SMITH John", read
// family-first) does not make the golden record shout; an existing store
// re-derives its records once when the policy gains the rule.
func TestGoldenNameProperCase(t *testing.T) {
	w := goldentest.New(t)
	w.Put(
		goldentest.Person("council_tax:A1", "title", "MR", "given_name", "John", "family_name", "SMITH-JONES").Seen(2025, 1, 1),
		goldentest.Person("housing:T9", "given_name", "Sean", "family_name", "O'BRIEN"),
		goldentest.Person("education:E5", "given_name", "Mary", "family_name", "McDonald"),
	)
	w.Cluster(record.Person)
	w.Build(record.Person)
	for key, want := range map[string][2]string{
		"council_tax:A1": {"John", "Smith-Jones"},
		"housing:T9":     {"Sean", "O'Brien"},
		"education:E5":   {"Mary", "McDonald"},
	} {
		_, _, _, vals := w.Golden(w.IDOf(key))
		if vals["given_name"] != want[0] || vals["family_name"] != want[1] {
			t.Errorf("%s: golden name %q %q, want %q %q", key, vals["given_name"], vals["family_name"], want[0], want[1])
		}
		if key == "council_tax:A1" && vals["title"] != "Mr" {
			t.Errorf("%s: title %q", key, vals["title"])
		}
	}
	// The source record keeps what the source sent.
	var fam string
	w.St.DB.QueryRow(`SELECT family_name FROM current_records WHERE source = 'housing'`).Scan(&fam)
	if fam != "O'BRIEN" {
		t.Errorf("source record family_name = %q", fam)
	}
}
