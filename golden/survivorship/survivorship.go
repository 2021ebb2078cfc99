// Package survivorship decides which source value survives into a golden
// record, field by field, and says why. It is pure Go: the golden package
// feeds it the member records of one golden record and stores the result
// and its lineage.
//
// A policy is an ordered list of rules per field (or per group of fields
// that must come from one record, such as an address). Each rule keeps only
// the best candidates by its measure; the next rule breaks the remaining
// ties. The last resort is deterministic (the most recent, then the
// smallest record id), so the same members always give the same result.
package survivorship

import (
	"fmt"
	"sort"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/council/golden/record"
)

// Rule is one survivorship criterion.
type Rule string

// The rules. Each keeps the candidates that score best by its measure.
const (
	Valid    Rule = "valid"    // a value that passed validation beats one that failed
	Trust    Rule = "trust"    // the source with the highest trust
	Recent   Rule = "recent"   // the most recently observed (observed_at, else when it was ingested)
	Complete Rule = "complete" // the longest value; for a group, the most fields filled
	Frequent Rule = "frequent" // the value most members agree on
	Union    Rule = "union"    // list fields (";"-separated): every distinct item of every member
)

// ParseRule returns the rule named s.
func ParseRule(s string) (Rule, error) {
	switch r := Rule(strings.TrimSpace(strings.ToLower(s))); r {
	case Valid, Trust, Recent, Complete, Frequent, Union:
		return r, nil
	}
	return "", fmt.Errorf("unknown survivorship rule %q (want valid, trust, recent, complete, frequent or union)", s)
}

// Candidate is one member record of a golden record, as survivorship sees it.
type Candidate struct {
	RID      int64
	Source   string
	SourceID string
	Trust    int
	When     time.Time // observed_at, else the ingest run's start
	Invalid  record.Validity
	Values   *[record.NumFields]string
}

// Choice is the surviving value of one field and where it came from.
type Choice struct {
	Value string
	// From lists the candidates that gave the value: one, or several for a
	// union. Indexes into the candidates passed to Resolve.
	From []int
	Rule Rule // the rule that decided (the first that narrowed the field down), "" if uncontested
}

// Result is a golden record's surviving values.
type Result struct {
	Fields [record.NumFields]Choice
}

// Group is a set of fields that survive together, from one record: an
// address taken half from one record and half from another is no address.
type Group struct {
	Name   string
	Fields []record.Field
	Rules  []Rule
}

// KindPolicy is the policy for one kind of entity.
type KindPolicy struct {
	Rules  []Rule                  // for fields with no rule of their own
	Fields map[record.Field][]Rule // per-field overrides
	Groups []Group
	// ProperCase are name fields whose surviving value, when a source
	// wrote it in one case only ("SMITH"), is given its proper case
	// ("Smith", "O'Brien", "McDonald"): see ProperName.
	ProperCase []record.Field
}

// Policy is a whole survivorship configuration.
type Policy struct {
	Kinds map[record.Kind]*KindPolicy
	// Trust overrides a source's trust from golden.yaml.
	Trust map[string]int
}

// AddressFields are the fields that make up an address.
var addressFields = []record.Field{
	record.UPRN, record.USRN, record.SubBuilding, record.BuildingName, record.BuildingNumber,
	record.Street, record.Locality, record.Town, record.Postcode, record.AddressText, record.Classification,
}

// AddressFields returns the fields that make up an address.
func AddressFields() []record.Field { return append([]record.Field(nil), addressFields...) }

// Default returns the built-in policy: valid values first everywhere; names
// from the most trusted, most complete record; identifiers by agreement;
// the address as one block, the most recent for people (they move) and the
// most trusted (the gazetteer) for properties.
func Default() *Policy {
	lists := map[record.Field][]Rule{
		record.PreviousFamilyNames: {Union},
		record.PreviousNames:       {Union},
		record.SICCodes:            {Union},
	}
	person := &KindPolicy{
		Rules: []Rule{Valid, Trust, Recent, Complete},
		Fields: map[record.Field][]Rule{
			record.NHSNumber:   {Valid, Frequent, Trust, Recent},
			record.NINumber:    {Valid, Frequent, Trust, Recent},
			record.DateOfBirth: {Valid, Frequent, Trust, Recent},
			record.Sex:         {Valid, Frequent, Trust, Recent},
			record.Phone:       {Valid, Recent, Trust},
			record.Email:       {Valid, Recent, Trust},
		},
		Groups: []Group{
			{Name: "name", Fields: []record.Field{record.Title, record.GivenName, record.MiddleNames, record.FamilyName}, Rules: []Rule{Valid, Trust, Complete, Recent}},
			{Name: "address", Fields: AddressFields(), Rules: []Rule{Valid, Recent, Trust, Complete}},
		},
		ProperCase: []record.Field{record.Title, record.GivenName, record.MiddleNames, record.FamilyName, record.PreviousFamilyNames},
	}
	property := &KindPolicy{
		Rules:  []Rule{Valid, Trust, Recent, Complete},
		Groups: []Group{{Name: "address", Fields: AddressFields(), Rules: []Rule{Valid, Trust, Complete, Recent}}},
	}
	business := &KindPolicy{
		Rules: []Rule{Valid, Trust, Recent, Complete},
		Fields: map[record.Field][]Rule{
			record.CompanyNumber: {Valid, Frequent, Trust, Recent},
			record.CompanyStatus: {Recent, Trust},
			record.RateableValue: {Recent, Trust},
		},
		Groups: []Group{{Name: "address", Fields: AddressFields(), Rules: []Rule{Valid, Trust, Recent, Complete}}},
	}
	for _, kp := range []*KindPolicy{person, property, business} {
		if kp.Fields == nil {
			kp.Fields = map[record.Field][]Rule{}
		}
		for f, r := range lists {
			kp.Fields[f] = r
		}
	}
	return &Policy{Kinds: map[record.Kind]*KindPolicy{record.Person: person, record.Property: property, record.Business: business}}
}

// For returns the policy of kind k (the default if the policy has none).
func (p *Policy) For(k record.Kind) *KindPolicy {
	if p != nil && p.Kinds != nil {
		if kp := p.Kinds[k]; kp != nil {
			return kp
		}
	}
	return Default().Kinds[k]
}

// Resolve picks every field's surviving value from the candidates.
func (kp *KindPolicy) Resolve(cands []Candidate) Result {
	var res Result
	inGroup := [record.NumFields]bool{}
	for _, g := range kp.Groups {
		// A field with its own rule leaves the group.
		var fields []record.Field
		for _, f := range g.Fields {
			if _, own := kp.Fields[f]; !own {
				fields = append(fields, f)
			}
		}
		for _, f := range fields {
			inGroup[f] = true
		}
		resolveGroup(&res, cands, fields, g.Rules)
	}
	for f := record.Field(0); f < record.NumFields; f++ {
		if inGroup[f] {
			continue
		}
		rules, ok := kp.Fields[f]
		if !ok {
			rules = kp.Rules
		}
		res.Fields[f] = resolveField(cands, f, rules)
	}
	// A value that failed validation (a mistyped NHS number, a date that
	// is no date) is kept on its source record but never becomes the
	// golden value: the golden record is what partners receive as the
	// identifier. With no valid value the field stays empty.
	for f := record.Field(0); f < record.NumFields; f++ {
		ch := res.Fields[f]
		if ch.Value == "" || len(ch.From) == 0 {
			continue
		}
		valid := false
		for _, i := range ch.From {
			if !cands[i].Invalid.Has(f) {
				valid = true
			}
		}
		if !valid {
			res.Fields[f] = Choice{}
		}
	}
	// A name in capitals ("SMITH John", family-first) is a source's habit,
	// not the person's name.
	for _, f := range kp.ProperCase {
		res.Fields[f].Value = ProperName(res.Fields[f].Value)
	}
	return res
}

// score is a candidate's measure under one rule; higher is better.
type scorer func(i int) float64

func resolveField(cands []Candidate, f record.Field, rules []Rule) Choice {
	var idx []int
	for i := range cands {
		if cands[i].Values[f] != "" {
			idx = append(idx, i)
		}
	}
	if len(idx) == 0 {
		return Choice{}
	}
	for _, r := range rules {
		if r == Union {
			return union(cands, idx, f)
		}
	}
	if len(idx) == 1 {
		return Choice{Value: cands[idx[0]].Values[f], From: idx}
	}
	var freq map[string]int
	if hasRule(rules, Frequent) {
		freq = map[string]int{}
		for _, i := range idx {
			freq[cands[i].Values[f]]++
		}
	}
	score := func(r Rule) scorer {
		switch r {
		case Valid:
			return func(i int) float64 { return b2f(!cands[i].Invalid.Has(f)) }
		case Trust:
			return func(i int) float64 { return float64(cands[i].Trust) }
		case Recent:
			return func(i int) float64 { return float64(cands[i].When.UnixNano()) }
		case Complete:
			return func(i int) float64 { return float64(utf8.RuneCountInString(cands[i].Values[f])) }
		case Frequent:
			return func(i int) float64 { return float64(freq[cands[i].Values[f]]) }
		}
		return func(int) float64 { return 0 }
	}
	idx, decided := narrow(cands, idx, rules, score, func(i int) string { return cands[i].Values[f] })
	best := tieBreak(cands, idx)
	return Choice{Value: cands[best].Values[f], From: []int{best}, Rule: decided}
}

func resolveGroup(res *Result, cands []Candidate, fields []record.Field, rules []Rule) {
	if len(fields) == 0 {
		return
	}
	filled := func(i int) int {
		n := 0
		for _, f := range fields {
			if cands[i].Values[f] != "" {
				n++
			}
		}
		return n
	}
	var idx []int
	for i := range cands {
		if filled(i) > 0 {
			idx = append(idx, i)
		}
	}
	if len(idx) == 0 {
		return
	}
	if len(idx) == 1 {
		for _, f := range fields {
			if v := cands[idx[0]].Values[f]; v != "" {
				res.Fields[f] = Choice{Value: v, From: idx}
			}
		}
		return
	}
	sig := func(i int) string {
		var b strings.Builder
		for _, f := range fields {
			b.WriteString(cands[i].Values[f])
			b.WriteByte(0)
		}
		return b.String()
	}
	var freq map[string]int
	if hasRule(rules, Frequent) {
		freq = map[string]int{}
		for _, i := range idx {
			freq[sig(i)]++
		}
	}
	score := func(r Rule) scorer {
		switch r {
		case Valid:
			return func(i int) float64 {
				bad := 0
				for _, f := range fields {
					if cands[i].Values[f] != "" && cands[i].Invalid.Has(f) {
						bad++
					}
				}
				return -float64(bad)
			}
		case Trust:
			return func(i int) float64 { return float64(cands[i].Trust) }
		case Recent:
			return func(i int) float64 { return float64(cands[i].When.UnixNano()) }
		case Complete:
			return func(i int) float64 { return float64(filled(i)) }
		case Frequent:
			return func(i int) float64 { return float64(freq[sig(i)]) }
		}
		return func(int) float64 { return 0 }
	}
	idx, decided := narrow(cands, idx, rules, score, sig)
	best := tieBreak(cands, idx)
	for _, f := range fields {
		if v := cands[best].Values[f]; v != "" {
			res.Fields[f] = Choice{Value: v, From: []int{best}, Rule: decided}
		}
	}
}

// narrow applies the rules in order, each keeping the best-scoring
// candidates. It reports the first rule that removed a candidate whose
// value differed from the survivors' (the rule that decided).
func narrow(cands []Candidate, idx []int, rules []Rule, score func(Rule) scorer, value func(int) string) ([]int, Rule) {
	var decided Rule
	for _, r := range rules {
		if len(idx) < 2 {
			break
		}
		s := score(r)
		best := s(idx[0])
		for _, i := range idx[1:] {
			if v := s(i); v > best {
				best = v
			}
		}
		var keep []int
		for _, i := range idx {
			if s(i) == best {
				keep = append(keep, i)
			}
		}
		if decided == "" && len(keep) < len(idx) && !sameValues(keep, idx, value) {
			decided = r
		}
		idx = keep
	}
	return idx, decided
}

func sameValues(keep, all []int, value func(int) string) bool {
	v := value(keep[0])
	for _, i := range all {
		if value(i) != v {
			return false
		}
	}
	return true
}

// tieBreak returns the most recent candidate, then the one with the
// smallest record id: deterministic whatever the input order.
func tieBreak(cands []Candidate, idx []int) int {
	best := idx[0]
	for _, i := range idx[1:] {
		a, b := cands[i], cands[best]
		if a.When.After(b.When) || (a.When.Equal(b.When) && a.RID < b.RID) {
			best = i
		}
	}
	return best
}

func union(cands []Candidate, idx []int, f record.Field) Choice {
	seen := map[string]bool{}
	var items []string
	var from []int
	for _, i := range idx {
		gave := false
		for _, it := range strings.Split(cands[i].Values[f], ";") {
			it = strings.TrimSpace(it)
			if it == "" || seen[it] {
				continue
			}
			seen[it] = true
			items = append(items, it)
			gave = true
		}
		if gave {
			from = append(from, i)
		}
	}
	sort.Strings(items)
	// Lineage in record-id order, whatever order the members came in.
	sort.Slice(from, func(a, b int) bool { return cands[from[a]].RID < cands[from[b]].RID })
	return Choice{Value: strings.Join(items, ";"), From: from, Rule: Union}
}

func hasRule(rules []Rule, r Rule) bool {
	for _, x := range rules {
		if x == r {
			return true
		}
	}
	return false
}

func b2f(b bool) float64 {
	if b {
		return 1
	}
	return 0
}
