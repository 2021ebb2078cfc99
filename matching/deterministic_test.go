package matching

import (
	"context"
	"fmt"
	"testing"

	"github.com/council/golden/matching/internal/testload"
	"github.com/council/golden/record"
)

// TestSameNHSNumberAgainstEverythingElse: the same NHS number links two
// records of one person, but a child's record carrying its mother's number
// (another name, birth date, sex) is held for review, not linked.
func TestSameNHSNumberAgainstEverythingElse(t *testing.T) {
	ctx := context.Background()
	st := openStore(t)
	given := []string{"Ann", "Bob", "Cyd", "Dee", "Eve", "Fay", "Gus", "Hal", "Ida", "Jon", "Kay", "Lee"}
	family := []string{"Smith", "Jones", "Patel", "Nowak", "Okafor", "Brown", "Khan", "Evans", "Price", "Hughes", "Walsh", "Dunn"}
	nhs := []string{"9434765919", "4010232137", "6541003238", "9990000018", "9434765870", "9434765862",
		"9434765854", "9434765846", "9434765838", "9434765811", "9434765803", "9434765897"}
	var ls []testload.Labelled
	add := func(src, id, entity, g, f, dob, sex, n string) {
		r := record.Record{Kind: record.Person, Key: record.Key{Source: src, SourceID: id}}
		r.Set(record.GivenName, g)
		r.Set(record.FamilyName, f)
		r.Set(record.DateOfBirth, dob)
		r.Set(record.Sex, sex)
		r.Set(record.NHSNumber, n)
		r.Set(record.Postcode, "PO5 2SE")
		ls = append(ls, testload.Labelled{Rec: r, Entity: entity})
	}
	for i := range given {
		dob := fmt.Sprintf("19%02d-0%d-1%d", 50+i*3, 1+i%9, i%10)
		add("gp", fmt.Sprint(i), fmt.Sprint(i), given[i], family[i], dob, "F", nhs[i])
		add("social_care", fmt.Sprint(i), fmt.Sprint(i), given[i], family[i], dob, "F", nhs[i])
	}
	// The child of person 0, recorded with her mother's NHS number.
	add("school", "C1", "child", "Tom", "Smith", "2015-06-30", "M", nhs[0])
	if _, err := testload.Insert(ctx, st, 1, testload.Records(ls)); err != nil {
		t.Fatal(err)
	}
	if _, err := Run(ctx, st, nil, record.Person, Options{RunID: 1, Logger: testLogger(t)}); err != nil {
		t.Fatal(err)
	}
	got := clustersByKey(t, st, record.Person)
	if got["gp:0"] != got["social_care:0"] {
		t.Error("the same person's two records, same NHS number, are not linked")
	}
	if got["school:C1"] == got["gp:0"] {
		t.Error("a child carrying its mother's NHS number is linked to her")
	}
	var n int
	if err := st.DB.QueryRow(`SELECT count(*) FROM match_pairs p JOIN current_records a ON a.rid = p.rid_l JOIN current_records b ON b.rid = p.rid_r
		WHERE p.kind = 'person' AND 'school' IN (a.source, b.source) AND p.rule = 'same nhs' AND p.probability < 0.8`).Scan(&n); err != nil {
		t.Fatal(err)
	}
	if n == 0 {
		t.Error("the child's pairs with its mother's records are not held for review under 'same nhs'")
	}
}
