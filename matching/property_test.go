package matching

import (
	"context"
	"fmt"
	"testing"

	"github.com/council/golden/matching/internal/testload"
	"github.com/council/golden/record"
)

// TestPropertySameDwellingTwoVillages matches a small council's gazetteer
// with its business-rates extract, which has no UPRNs. Two villages have the
// same street names and house numbers in other postcodes (1 CHURCH ROAD in
// both). The rates record of a property agrees with its gazetteer record on
// number, street and postcode, and links; a namesake in the other village
// does not, nor do two neighbours on one street.
func TestPropertySameDwellingTwoVillages(t *testing.T) {
	ctx := context.Background()
	st := openStore(t)
	villages := []struct{ town, pc string }{{"ASHFORD", "AB1 1AA"}, {"BRAMLEY", "AB2 2BB"}}
	streets := []string{"CHURCH ROAD", "HIGH STREET", "MILL LANE"}
	var ls []testload.Labelled
	add := func(source, id, entity, number, street, town, pc, uprn string) {
		r := record.Record{Kind: record.Property, Key: record.Key{Source: source, SourceID: id}}
		r.Set(record.BuildingNumber, number)
		r.Set(record.Street, street)
		r.Set(record.Town, town)
		r.Set(record.Postcode, pc)
		r.Set(record.UPRN, uprn)
		ls = append(ls, testload.Labelled{Rec: r, Entity: entity})
	}
	uprn := 100000000
	for vi, v := range villages {
		for si, s := range streets {
			for n := 1; n <= 12; n++ {
				uprn++
				entity := fmt.Sprintf("%d-%d-%d", vi, si, n)
				add("gazetteer", fmt.Sprint(uprn), entity, fmt.Sprint(n), s, v.town, v.pc, fmt.Sprint(uprn))
				if n%3 == 0 {
					// Rates: no UPRN; "ROAD" abbreviated on some.
					street := s
					if n%2 == 0 && s == "CHURCH ROAD" {
						street = "CHURCH RD"
					}
					add("rates", "R"+entity, entity, fmt.Sprint(n), street, v.town, v.pc, "")
				}
			}
		}
	}
	if _, err := testload.Insert(ctx, st, 1, testload.Records(ls)); err != nil {
		t.Fatal(err)
	}
	if _, err := Run(ctx, st, nil, record.Property, Options{RunID: 1, Logger: testLogger(t)}); err != nil {
		t.Fatal(err)
	}
	got := clustersByKey(t, st, record.Property)
	truth := truthByKey(ls)
	for a, ea := range truth {
		for b, eb := range truth {
			if a >= b {
				continue
			}
			same, linked := ea == eb, got[a] == got[b]
			switch {
			case same && !linked:
				t.Errorf("%s and %s are one property, not linked", a, b)
			case !same && linked:
				t.Errorf("%s and %s are two properties, linked", a, b)
			}
		}
	}
}

// TestRunWithNothingToLearn: a pilot extract whose records block with no
// other (or a single record) is matched without a model: every record is
// its own cluster, nothing is trained, and the run does not fail.
func TestRunWithNothingToLearn(t *testing.T) {
	for _, n := range []int{1, 3} {
		t.Run(fmt.Sprint(n), func(t *testing.T) {
			ctx := context.Background()
			st := openStore(t)
			names := []string{"Ann", "Bob", "Cyd"}
			var recs []record.Record
			for i := 0; i < n; i++ {
				r := record.Record{Kind: record.Person, Key: record.Key{Source: "pilot", SourceID: fmt.Sprint(i)}}
				r.Set(record.GivenName, names[i])
				r.Set(record.FamilyName, names[i]+"son")
				r.Set(record.DateOfBirth, fmt.Sprintf("19%d0-01-0%d", 5+i, 1+i))
				recs = append(recs, r)
			}
			if _, err := testload.Insert(ctx, st, 1, recs); err != nil {
				t.Fatal(err)
			}
			rep, err := Run(ctx, st, nil, record.Person, Options{RunID: 1, Logger: testLogger(t)})
			if err != nil {
				t.Fatal(err)
			}
			if rep.Trained || rep.CandidatePairs != 0 || rep.Clusters != int64(n) {
				t.Errorf("report %+v, want %d clusters, none trained", rep, n)
			}
			if got := clustersByKey(t, st, record.Person); len(got) != n {
				t.Errorf("%d records clustered, want %d", len(got), n)
			}
		})
	}
}
