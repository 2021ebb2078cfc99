package survivorship

import (
	"strings"
	"testing"
	"time"

	"github.com/council/golden/record"
)

type cand struct {
	rid     int64
	source  string
	trust   int
	day     int // observed on 2026-01-<day>; 0 for unknown
	invalid []record.Field
	kv      []string
}

func build(cs []cand) []Candidate {
	out := make([]Candidate, len(cs))
	for i, c := range cs {
		var vals [record.NumFields]string
		for j := 0; j+1 < len(c.kv); j += 2 {
			f, ok := record.ParseField(c.kv[j])
			if !ok {
				panic(c.kv[j])
			}
			vals[f] = c.kv[j+1]
		}
		var inv record.Validity
		for _, f := range c.invalid {
			inv = inv.With(f)
		}
		var when time.Time
		if c.day > 0 {
			when = time.Date(2026, 1, c.day, 0, 0, 0, 0, time.UTC)
		}
		out[i] = Candidate{RID: c.rid, Source: c.source, SourceID: "x", Trust: c.trust, When: when, Invalid: inv, Values: &vals}
	}
	return out
}

func TestResolve(t *testing.T) {
	person := Default().For(record.Person)
	tests := []struct {
		name   string
		policy *KindPolicy
		cands  []cand
		field  record.Field
		want   string
		from   []int64 // rids
		rule   Rule
	}{
		{
			name:   "valid NHS number beats a mistyped one from a more trusted source",
			policy: person,
			cands: []cand{
				{rid: 1, source: "council_tax", trust: 5, day: 9, invalid: []record.Field{record.NHSNumber}, kv: []string{"nhs_number", "9434765918"}},
				{rid: 2, source: "health", trust: 1, day: 1, kv: []string{"nhs_number", "9434765919"}},
			},
			field: record.NHSNumber, want: "9434765919", from: []int64{2}, rule: Valid,
		},
		{
			name:   "identifier: most frequent wins over trust",
			policy: person,
			cands: []cand{
				{rid: 1, source: "a", trust: 5, kv: []string{"date_of_birth", "1980-01-02"}},
				{rid: 2, source: "b", trust: 1, kv: []string{"date_of_birth", "1980-02-01"}},
				{rid: 3, source: "c", trust: 1, kv: []string{"date_of_birth", "1980-02-01"}},
			},
			field: record.DateOfBirth, want: "1980-02-01", rule: Frequent,
		},
		{
			name:   "name from the most trusted source",
			policy: person,
			cands: []cand{
				{rid: 1, source: "housing", trust: 2, day: 20, kv: []string{"given_name", "Jon", "family_name", "Smith"}},
				{rid: 2, source: "council_tax", trust: 3, day: 1, kv: []string{"given_name", "Jonathan", "family_name", "Smith"}},
			},
			field: record.GivenName, want: "Jonathan", from: []int64{2}, rule: Trust,
		},
		{
			name:   "address as a block from the most recent record",
			policy: person,
			cands: []cand{
				{rid: 1, source: "council_tax", trust: 3, day: 1, kv: []string{"street", "Old Road", "postcode", "AB1 2CD", "town", "Basildon"}},
				{rid: 2, source: "housing", trust: 1, day: 15, kv: []string{"street", "New Street", "postcode", "SS1 1AA"}},
			},
			// The newer address has no town: it must not borrow the old one.
			field: record.Town, want: "",
		},
		{
			name:   "address block gives the newer street",
			policy: person,
			cands: []cand{
				{rid: 1, source: "council_tax", trust: 3, day: 1, kv: []string{"street", "Old Road", "postcode", "AB1 2CD", "town", "Basildon"}},
				{rid: 2, source: "housing", trust: 1, day: 15, kv: []string{"street", "New Street", "postcode", "SS1 1AA"}},
			},
			field: record.Street, want: "New Street", from: []int64{2}, rule: Recent,
		},
		{
			name:   "unknown observation dates lose to known ones",
			policy: &KindPolicy{Rules: []Rule{Recent}, Fields: map[record.Field][]Rule{}},
			cands: []cand{
				{rid: 1, source: "a", kv: []string{"email", "old@example.org"}},
				{rid: 2, source: "b", day: 3, kv: []string{"email", "new@example.org"}},
			},
			field: record.Email, want: "new@example.org", from: []int64{2}, rule: Recent,
		},
		{
			name:   "most complete",
			policy: &KindPolicy{Rules: []Rule{Complete, Trust}, Fields: map[record.Field][]Rule{}},
			cands: []cand{
				{rid: 1, source: "a", trust: 9, kv: []string{"middle_names", "A"}},
				{rid: 2, source: "b", trust: 1, kv: []string{"middle_names", "Alexander"}},
			},
			field: record.MiddleNames, want: "Alexander", from: []int64{2}, rule: Complete,
		},
		{
			name:   "agreeing members: uncontested, smallest rid",
			policy: person,
			cands: []cand{
				{rid: 7, source: "a", trust: 1, kv: []string{"sex", "F"}},
				{rid: 3, source: "a", trust: 1, kv: []string{"sex", "F"}},
			},
			field: record.Sex, want: "F", from: []int64{3}, rule: "",
		},
		{
			name:   "union of previous names",
			policy: person,
			cands: []cand{
				{rid: 1, source: "a", kv: []string{"previous_family_names", "Jones;Brown"}},
				{rid: 2, source: "b", kv: []string{"previous_family_names", "Brown"}},
				{rid: 3, source: "c", kv: []string{"previous_family_names", "Adams"}},
			},
			field: record.PreviousFamilyNames, want: "Adams;Brown;Jones", from: []int64{1, 3}, rule: Union,
		},
		{
			name:   "empty everywhere",
			policy: person,
			cands:  []cand{{rid: 1, source: "a"}},
			field:  record.Email, want: "",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cs := build(tt.cands)
			res := tt.policy.Resolve(cs)
			got := res.Fields[tt.field]
			if got.Value != tt.want {
				t.Fatalf("%s = %q, want %q", tt.field, got.Value, tt.want)
			}
			if tt.want == "" {
				return
			}
			if got.Rule != tt.rule {
				t.Errorf("rule = %q, want %q", got.Rule, tt.rule)
			}
			if tt.from != nil {
				var rids []int64
				for _, i := range got.From {
					rids = append(rids, cs[i].RID)
				}
				if len(rids) != len(tt.from) {
					t.Fatalf("from %v, want %v", rids, tt.from)
				}
				for i := range rids {
					if rids[i] != tt.from[i] {
						t.Fatalf("from %v, want %v", rids, tt.from)
					}
				}
			}
			// The result must not depend on the order of the members.
			rev := make([]Candidate, len(cs))
			for i := range cs {
				rev[len(cs)-1-i] = cs[i]
			}
			if again := tt.policy.Resolve(rev).Fields[tt.field].Value; again != got.Value {
				t.Errorf("reversed members give %q, want %q", again, got.Value)
			}
		})
	}
}

func TestParse(t *testing.T) {
	good := `
trust: {housing: 9}
defaults: [recent, trust]
person:
  fields:
    nhs_number: [valid, trust]
    given_name: [complete]
  groups:
    address: {rules: [trust, recent]}
business:
  groups:
    address: {fields: [uprn, postcode]}
`
	p, err := Parse("surv.yaml", []byte(good))
	if err != nil {
		t.Fatal(err)
	}
	person := p.For(record.Person)
	if got := person.Rules; len(got) != 2 || got[0] != Recent {
		t.Errorf("person rules = %v", got)
	}
	if got := person.Fields[record.NHSNumber]; len(got) != 2 || got[1] != Trust {
		t.Errorf("nhs_number rules = %v", got)
	}
	for _, g := range person.Groups {
		if g.Name == "address" && (len(g.Rules) != 2 || g.Rules[0] != Trust || len(g.Fields) != len(AddressFields())) {
			t.Errorf("person address group = %+v", g)
		}
	}
	for _, g := range p.For(record.Business).Groups {
		if g.Name == "address" && len(g.Fields) != 2 {
			t.Errorf("business address group = %+v", g)
		}
	}
	if p.Trust["housing"] != 9 {
		t.Errorf("trust = %v", p.Trust)
	}
	if p.Hash(record.Person, nil) == Default().Hash(record.Person, nil) {
		t.Error("a changed policy has the default's hash")
	}
	if Default().Hash(record.Person, map[string]int{"a": 1}) == Default().Hash(record.Person, map[string]int{"a": 2}) {
		t.Error("a trust change does not change the hash")
	}

	bad := []struct{ name, text, want string }{
		{"unknown rule", "person:\n  rules: [newest]\n", "surv.yaml:2: unknown survivorship rule"},
		{"unknown field", "person:\n  fields:\n    shoe_size: [trust]\n", "surv.yaml:3: unknown field"},
		{"unknown kind", "vehicle:\n  rules: [trust]\n", "surv.yaml:1: unknown key"},
		{"field in two groups", "person:\n  groups:\n    contact: {fields: [postcode, phone]}\n", "in groups address and contact"},
		{"trust not a number", "trust: {housing: high}\n", "surv.yaml:1: trust of housing"},
		{"proper_case field", "person:\n  proper_case: [shoe_size]\n", "surv.yaml:2: proper_case: unknown field"},
		{"proper_case not a list", "person:\n  proper_case: yes\n", "surv.yaml:2: proper_case: want a list"},
	}
	for _, tt := range bad {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse("surv.yaml", []byte(tt.text))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("err = %v, want %q", err, tt.want)
			}
		})
	}
}

func TestInvalidValuesNeverSurvive(t *testing.T) {
	var a, b [record.NumFields]string
	a[record.NHSNumber], a[record.DateOfBirth], a[record.GivenName] = "1234567890", "31/02/1981", "Ann"
	b[record.NHSNumber], b[record.GivenName] = "9434765919", "Anne"
	bad := record.Validity(0).With(record.NHSNumber).With(record.DateOfBirth)
	tests := []struct {
		name  string
		cands []Candidate
		nhs   string
		dob   string
	}{
		{"only an invalid value", []Candidate{{RID: 1, Trust: 9, Invalid: bad, Values: &a}}, "", ""},
		{"valid beats invalid of higher trust", []Candidate{{RID: 1, Trust: 9, Invalid: bad, Values: &a}, {RID: 2, Trust: 1, Values: &b}}, "9434765919", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := Default().For(record.Person).Resolve(tt.cands)
			if got := res.Fields[record.NHSNumber].Value; got != tt.nhs {
				t.Errorf("nhs_number = %q, want %q", got, tt.nhs)
			}
			if got := res.Fields[record.DateOfBirth].Value; got != tt.dob {
				t.Errorf("date_of_birth = %q, want %q", got, tt.dob)
			}
			if res.Fields[record.GivenName].Value == "" {
				t.Error("a valid field was dropped")
			}
		})
	}
}

// A name a source writes in capitals survives properly cased; the
// survivorship file can list other fields, or none.
func TestProperCase(t *testing.T) {
	cands := build([]cand{
		{rid: 1, source: "council_tax", trust: 5, kv: []string{"title", "MR", "given_name", "John", "family_name", "MCDONALD-SMITH", "previous_family_names", "O'BRIEN;Jones"}},
		{rid: 2, source: "housing", trust: 1, kv: []string{"given_name", "Jon", "family_name", "McDonald"}},
	})
	got := Default().For(record.Person).Resolve(cands)
	for f, want := range map[record.Field]string{record.Title: "Mr", record.GivenName: "John", record.FamilyName: "McDonald-Smith", record.PreviousFamilyNames: "Jones;O'Brien"} {
		if got.Fields[f].Value != want {
			t.Errorf("%s = %q, want %q", f.Name(), got.Fields[f].Value, want)
		}
	}
	if got.Fields[record.FamilyName].From[0] != 0 {
		t.Errorf("family_name from %v: casing must not change which record survives", got.Fields[record.FamilyName].From)
	}

	none, err := Parse("s.yaml", []byte("person:\n  proper_case: []\n"))
	if err != nil {
		t.Fatal(err)
	}
	if v := none.For(record.Person).Resolve(cands).Fields[record.FamilyName].Value; v != "MCDONALD-SMITH" {
		t.Errorf("proper_case: [] gave %q", v)
	}
	if none.Hash(record.Person, nil) == Default().Hash(record.Person, nil) {
		t.Error("turning proper case off does not change the hash")
	}
	// Businesses keep their names as written ("ACME LTD").
	biz := build([]cand{{rid: 1, source: "nndr", trust: 1, kv: []string{"business_name", "ACME LTD"}}})
	if v := Default().For(record.Business).Resolve(biz).Fields[record.BusinessName].Value; v != "ACME LTD" {
		t.Errorf("business_name = %q", v)
	}
}
