package policy

import (
	"context"
	"fmt"
	"math/rand/v2"
	"testing"
)

const benchPolicy = `version: 1
services: {asc: adult-social-care}
partners:
  - {id: nhs, name: NHS, contact: c, key: {env: NHS_KEY}}
agreements:
  - reference: DSA-1
    partner: nhs
    legal_basis: t
    purposes: [t]
    start: 2025-01-01
    end: 2027-01-01
    review: 2026-12-01
    flags: [safeguarding]
    entities:
      person:
        where: 'age >= 65 && "adult-social-care" in services'
        fields:
          golden_id: pseudonymise
          nhs_number: pseudonymise
          given_name: keep
          family_name: {mask: 2}
          date_of_birth: {generalise: year}
          postcode: {generalise: district}
          age: {generalise: band}
`

// BenchmarkDecideRow measures one record through the row condition, the
// flag check and six transforms (two HMACs).
func BenchmarkDecideRow(b *testing.B) {
	e := compileText(b, benchPolicy, lintNow)
	plan, err := e.Plan("nhs", "DSA-1", lintNow)
	if err != nil {
		b.Fatal(err)
	}
	kp := plan.Kind("person")
	rng := rand.New(rand.NewPCG(1, 1))
	recs := make([]*Record, 4096)
	for i := range recs {
		src := []string{"ctax"}
		if i%2 == 0 {
			src = append(src, "asc")
		}
		recs[i] = &Record{Kind: "person", ID: fmt.Sprintf("G%08d", i), Sources: src, Fields: map[string]string{
			"given_name": "Ann", "family_name": "Okafor", "nhs_number": fmt.Sprintf("94%08d", rng.IntN(1e8)),
			"date_of_birth": fmt.Sprintf("19%02d-0%d-1%d", 20+rng.IntN(80), 1+rng.IntN(9), rng.IntN(9)), "postcode": "SS14 1AB"}}
	}
	ctx := context.Background()
	shared := 0
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		r := recs[i%len(recs)]
		if out, _ := kp.Decide(ctx, r); out == Shared {
			kp.Row(r, nil)
			shared++
		}
	}
	b.ReportMetric(float64(shared)/float64(b.N), "shared/op")
}
