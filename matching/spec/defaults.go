package spec

import (
	"fmt"

	"github.com/council/golden/record"
)

// Default returns the built-in spec of kind: what a user who only maps
// columns gets. Each call returns a fresh value the caller may change.
func Default(kind record.Kind) (*Spec, error) {
	var s *Spec
	switch kind {
	case record.Person:
		s = defaultPerson()
	case record.Property:
		s = defaultProperty()
	case record.Business:
		s = defaultBusiness()
	default:
		return nil, fmt.Errorf("no default matching spec for kind %q", kind)
	}
	s.Kind = kind
	s.Mode = Both
	s.Cluster = Cluster{MinDensity: 0.1}
	s.Training = Training{RandomPairs: 300_000, MaxIterations: 200, Tolerance: 1e-6, Seed: 1, MaxPairs: 200_000}
	s.CompareAttributes = true
	fillLabels(s)
	return s, nil
}

func fillLabels(s *Spec) {
	for i := range s.Comparisons {
		c := &s.Comparisons[i]
		for j := range c.Levels {
			l := &c.Levels[j]
			if l.Column == "" {
				l.Column = c.Column
			}
			if l.Label == "" {
				l.Label = l.DefaultLabel(*c)
			}
		}
		if c.TF != "" && c.TFWeight == 0 {
			c.TFWeight = 1
		}
	}
	for i := range s.Blocking {
		b := &s.Blocking[i]
		if b.Name == "" {
			b.Name = ruleName(b.Keys)
		}
	}
	for i := range s.Deterministic {
		r := &s.Deterministic[i]
		if r.Name == "" {
			r.Name = "same " + joinStrings(r.Equal, " and ")
		}
	}
}

func ruleName(keys []Key) string {
	var n []string
	for _, k := range keys {
		n = append(n, k.String())
	}
	return joinStrings(n, "+")
}

func joinStrings(s []string, sep string) string {
	out := ""
	for i, x := range s {
		if i > 0 {
			out += sep
		}
		out += x
	}
	return out
}

func keys(cols ...string) []Key {
	out := make([]Key, len(cols))
	for i, c := range cols {
		out[i] = Key{Column: c}
	}
	return out
}

func block(cols ...string) BlockingRule { return BlockingRule{Keys: keys(cols...)} }

// noTrain marks a rule that finds candidates but does not train m.
func noTrain(r BlockingRule) BlockingRule { r.NoTrain = true; return r }

func lv(kind LevelKind, t float64) Level { return Level{Kind: kind, Threshold: t} }

func on(kind LevelKind, col string, t float64) Level {
	return Level{Kind: kind, Column: col, Threshold: t}
}

var (
	exact = Level{Kind: Exact}
	tfx   = Level{Kind: Exact, TF: true}
	other = Level{Kind: Else}
)

// identifier compares an identifier: equal, one keying slip, different.
// Its m is fixed, not trained: two records with different valid
// identifiers are almost always different records.
func identifier(name, col string) Comparison {
	return Comparison{Name: name, Column: col, Levels: []Level{exact, lv(Damerau, 1), other}, M: []float64{0.95, 0.03, 0.02}}
}

func postcodeCmp() Comparison {
	return Comparison{Name: "postcode", Column: "pc", TF: "pc", Levels: []Level{
		tfx, on(Exact, "pc_sector", 0), lv(Damerau, 1), on(Exact, "pc_out", 0), other}}
}

func textCmp(name, col string, hi, lo float64) Comparison {
	return Comparison{Name: name, Column: col, Levels: []Level{exact, lv(JaroWinkler, hi), lv(JaroWinkler, lo), other}}
}

func defaultPerson() *Spec {
	return &Spec{
		Blocking: []BlockingRule{
			// A rule on names alone grows with the square of the population
			// (every John Smith against every other): those skip blocks of
			// more than 30 records, left to the rules with a date or place.
			block("nhs"),
			block("ni"),
			{Keys: keys("given_dm", "family_dm"), MaxBlock: 30},
			block("dob", "family_sx"),
			block("dob", "given_sx"),
			block("dob", "names_sx"),
			block("dob", "pc"),
			{Keys: keys("dob", "house"), MaxBlock: 10},
			{Keys: keys("names_sx", "house"), MaxBlock: 10},
			// A postcode holds a few dozen people, so a name within it is
			// a small block at any population: it finds the records without
			// a birth date (council tax, electoral register) and without a
			// house number (school contacts) that the rules on names alone
			// lose once a name is common.
			block("given_dm", "pc"),
			noTrain(block("family_dm", "pc")),
			noTrain(block("house", "street")),
			{Keys: []Key{{Column: "given", Prefix: 2}, {Column: "family", Prefix: 2}, {Column: "dob", Prefix: 4}}, MaxBlock: 10},
			{Keys: []Key{{Column: "family"}, {Column: "dob", Prefix: 4}}, MaxBlock: 10},
			{Keys: keys("given_sx", "family_sx"), MaxBlock: 30},
			block("email"),
			block("email_user"),
			block("phone"),
		},
		Comparisons: []Comparison{
			{Name: "given_name", Column: "given", TF: "given", Levels: []Level{
				tfx,
				on(Exact, "given_canon", 0),
				{Kind: Swapped, Other: "family"},
				lv(JaroWinkler, 0.92),
				on(Exact, "given_dm", 0),
				lv(JaroWinkler, 0.8),
				lv(Initial, 0),
				other}},
			{Name: "family_name", Column: "family", TF: "family", Levels: []Level{
				tfx,
				{Kind: Swapped, Other: "given"},
				lv(JaroWinkler, 0.92),
				on(Exact, "family_dm", 0),
				lv(JaroWinkler, 0.8),
				other}},
			{Name: "date_of_birth", Column: "dob", Levels: []Level{
				exact, lv(DateSwap, 0), lv(DateTypo, 0), lv(Damerau, 1), lv(DateWithin, 365), other}},
			{Name: "sex", Column: "sex", Levels: []Level{exact, other}},
			identifier("nhs_number", "nhs"),
			identifier("ni_number", "ni"),
			// Addresses made from names (john.smith1@…, john.smith2@…) are
			// alike for every namesake: only the same mailbox, or the same
			// name before the @ at another provider, is evidence.
			{Name: "email", Column: "email", Levels: []Level{exact, on(Exact, "email_user", 0), other}},
			{Name: "phone", Column: "phone", Levels: []Level{exact, lv(Damerau, 1), other}},
			// Where a person lives is one comparison: a postcode, a house
			// number and a street say the same thing, and Fellegi-Sunter
			// would add their weights as if independent — enough to link
			// two members of one household.
			{Name: "address", Column: "addr_tokens", Levels: []Level{
				{Kind: Exact, Column: "addr_key", Label: "same dwelling"},
				{Kind: Jaccard, Column: "addr_tokens", Threshold: 0.8},
				{Kind: Exact, Column: "pc", Label: "same postcode"},
				{Kind: Jaccard, Column: "addr_tokens", Threshold: 0.5},
				{Kind: Exact, Column: "pc_out", Label: "same postcode district"},
				other}},
			// Locality and town carry little weight inside one council
			// (nearly everyone agrees) but separate places elsewhere.
			textCmp("locality", "locality", 0.92, 0.8),
			textCmp("town", "town", 0.92, 0.8),
		},
		// An NHS number is one person's, but systems mistype and reuse
		// them (a parent's on a child's record): against everything else
		// it goes to a steward. A company number or a UPRN is the register's
		// own key and links whatever the names and addresses say.
		Deterministic: []Rule{{Equal: []string{"nhs"}, HoldIfDifferent: true}},
		Thresholds:    Thresholds{Link: 0.8, Review: 0.3, Veto: 0.01, RequireWeight: 1},
		// Members of one household share a surname and an address, and
		// Fellegi-Sunter counts those as independent evidence: only
		// something that tells people apart may make a link.
		Require: []string{"given_name", "date_of_birth", "nhs_number", "ni_number", "email"},
	}
}

func defaultProperty() *Spec {
	// A property is its dwelling: UPRNs are allocated in sequence (one
	// digit apart is another property), and another house or flat number
	// is another property whatever the street says. Those comparisons have
	// a fixed m; a street and a postcode are shared by a whole road.
	return &Spec{
		Blocking: []BlockingRule{
			block("uprn"),
			block("pc", "house"),
			block("pc", "building"),
			block("pc", "flat"),
			block("street", "house", "town"),
			block("addr_key"),
		},
		Comparisons: []Comparison{
			{Name: "uprn", Column: "uprn", Levels: []Level{exact, other}, M: []float64{0.999, 0.001}},
			// flat is the flat's number (standardise.FlatNumber): UNIT 1 and
			// UNIT 2 are as different as 1 and 2.
			{Name: "flat", Column: "flat", Levels: []Level{exact, other}, M: []float64{0.95, 0.05}},
			{Name: "house_number", Column: "house", Levels: []Level{exact, other}, M: []float64{0.95, 0.05}},
			textCmp("building_name", "building", 0.92, 0.8),
			// Number, street and postcode all agreeing is one dwelling: a
			// level of its own, whose u is measured on the whole, because
			// on a council of a few streets the u's of a street and a
			// postcode are large and their product understates it (the
			// demo's gazetteer and rates records of one shop only reached
			// review). With another postcode (a HIGH STREET in two villages)
			// the street is only the street.
			{Name: "street", Column: "street", Levels: []Level{
				{Kind: Exact, Column: "addr_pc", Label: "same dwelling and postcode"},
				exact, lv(JaroWinkler, 0.92),
				// A one-line address read back into parts often puts the
				// building (WHARF BUSINESS PARK) on the street line.
				{Kind: Cross, Other: "building"},
				lv(JaroWinkler, 0.8), other}},
			postcodeCmp(),
			textCmp("town", "town", 0.92, 0.8),
		},
		Deterministic: []Rule{{Equal: []string{"uprn"}}},
		Thresholds:    Thresholds{Link: 0.75, Review: 0.5, Veto: 0.01},
		// A street and a postcode say where, not which: another number, flat
		// or building on them is another property.
		Require: []string{"uprn", "flat", "house_number", "building_name"},
		// Nor are two flats or units: on a business park (UNIT 1, UNIT 2 of
		// CROMWELL BUSINESS PARK, BRIDGE STREET) everything else agrees.
		Distinct: []string{"uprn", "flat"},
	}
}

func defaultBusiness() *Spec {
	return &Spec{
		Blocking: []BlockingRule{
			block("company_no"),
			block("biz_key"),
			// A council is one or two postcode districts and one town: a
			// name's first word there is a block that grows with the
			// square of the businesses. Blocks over 20 are left to the
			// rules with a number or a postcode.
			{Keys: keys("biz_dm", "pc_out"), MaxBlock: 20},
			{Keys: keys("biz_first", "town"), MaxBlock: 20},
			// Many companies share an accountant's registered office: its
			// block is capped too.
			noTrain(BlockingRule{Keys: keys("pc", "house"), MaxBlock: 50}),
			{Keys: keys("biz_first", "house"), MaxBlock: 20},
			block("phone"),
			{Keys: []Key{{Column: "biz_name", Prefix: 6}}, MaxBlock: 100},
		},
		Comparisons: []Comparison{
			identifier("company_number", "company_no"),
			{Name: "business_name", Column: "biz_name", TF: "biz_name", Levels: []Level{
				tfx,
				on(Exact, "biz_key", 0),
				// Billed under the trading name, registered under the other.
				{Kind: Cross, Other: "trading"},
				lv(JaroWinkler, 0.92),
				on(Jaccard, "biz_tokens", 0.6),
				lv(JaroWinkler, 0.8),
				on(Jaccard, "biz_tokens", 0.3),
				other}},
			postcodeCmp(),
			{Name: "house_number", Column: "house", Levels: []Level{exact, lv(Damerau, 1), other}},
			textCmp("street", "street", 0.92, 0.8),
			textCmp("town", "town", 0.92, 0.8),
			{Name: "phone", Column: "phone", Levels: []Level{exact, lv(Damerau, 1), other}},
			{Name: "email", Column: "email", Levels: []Level{exact, other}},
		},
		Deterministic: []Rule{{Equal: []string{"company_no"}}},
		// No veto: one business trades from several premises, so two of its
		// records at different addresses can score as strangers.
		Thresholds: Thresholds{Link: 0.7, Review: 0.3},
		// An address is where a business trades or is registered, and one
		// address holds many: a link needs the name or the number.
		Require:  []string{"company_number", "business_name"},
		Distinct: []string{"company_number"},
	}
}
