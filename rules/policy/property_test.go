package policy

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"math/rand/v2"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/council/golden/rules/transform"
)

// The property tests build random policies (as YAML, so the parser is part
// of what is tested) and random records, apply the engine, and check every
// output against an oracle written independently of the engine: no field,
// row or flag leaves that the policy does not allow; values are transformed
// exactly as stated; pseudonyms are stable per partner and differ between
// partners.

var propNow = time.Date(2026, 6, 15, 12, 0, 0, 0, time.UTC)

var (
	propKinds    = []string{"person", "property", "business"}
	propSources  = []string{"council_tax", "housing", "asc_system", "csc_system", "electoral"}
	propServices = map[string]string{"asc_system": "adult-social-care", "csc_system": "childrens-social-care", "housing": "housing"}
	// refuge is declared restricted, deceased unrestricted; mystery is undeclared.
	propFlags     = []string{"safeguarding", "witness_protection", "national_data_opt_out", "refuge", "deceased", "mystery", "Witness-Protection"}
	propDeclared  = []string{"safeguarding", "witness_protection", "national_data_opt_out", "refuge", "deceased"}
	propTextField = []string{"given_name", "family_name", "nhs_number", "email", "street", "town", "business_name", "uprn"}
)

type propCond interface {
	cel() string
	eval(r *propRecord) (val, err bool)
}

type condAgeGE struct{ n int }
type condAgeLT struct{ n int }
type condSvc struct{ s string }
type condPrefix struct{ p string }
type condEq struct{ f, v string }
type condNoFlags struct{}
type condAnd struct{ a, b propCond }
type condOr struct{ a, b propCond }
type condNot struct{ a propCond }

func (c condAgeGE) cel() string { return fmt.Sprintf("age >= %d", c.n) }
func (c condAgeGE) eval(r *propRecord) (bool, bool) {
	if r.age < 0 {
		return false, true
	}
	return r.age >= c.n, false
}
func (c condAgeLT) cel() string { return fmt.Sprintf("age < %d", c.n) }
func (c condAgeLT) eval(r *propRecord) (bool, bool) {
	if r.age < 0 {
		return false, true
	}
	return r.age < c.n, false
}
func (c condSvc) cel() string { return strconv.Quote(c.s) + " in services" }
func (c condSvc) eval(r *propRecord) (bool, bool) {
	for _, s := range r.sources {
		if m, ok := propServices[s]; ok {
			s = m
		}
		if s == c.s {
			return true, false
		}
	}
	return false, false
}
func (c condPrefix) cel() string { return "postcode.startsWith(" + strconv.Quote(c.p) + ")" }
func (c condPrefix) eval(r *propRecord) (bool, bool) {
	return strings.HasPrefix(r.fields["postcode"], c.p), false
}
func (c condEq) cel() string                     { return c.f + " == " + strconv.Quote(c.v) }
func (c condEq) eval(r *propRecord) (bool, bool) { return r.fields[c.f] == c.v, false }
func (condNoFlags) cel() string                  { return "size(flags) == 0" }
func (condNoFlags) eval(r *propRecord) (bool, bool) {
	return len(r.flags) == 0, false
}
func (c condAnd) cel() string { return "(" + c.a.cel() + " && " + c.b.cel() + ")" }
func (c condAnd) eval(r *propRecord) (bool, bool) {
	av, ae := c.a.eval(r)
	bv, be := c.b.eval(r)
	if !ae && !av || !be && !bv {
		return false, false
	}
	if ae || be {
		return false, true
	}
	return true, false
}
func (c condOr) cel() string { return "(" + c.a.cel() + " || " + c.b.cel() + ")" }
func (c condOr) eval(r *propRecord) (bool, bool) {
	av, ae := c.a.eval(r)
	bv, be := c.b.eval(r)
	if !ae && av || !be && bv {
		return true, false
	}
	if ae || be {
		return false, true
	}
	return false, false
}
func (c condNot) cel() string { return "!(" + c.a.cel() + ")" }
func (c condNot) eval(r *propRecord) (bool, bool) {
	v, e := c.a.eval(r)
	return !v, e
}

func randCond(rng *rand.Rand, depth int) propCond {
	if depth > 0 && rng.IntN(3) == 0 {
		switch rng.IntN(3) {
		case 0:
			return condAnd{randCond(rng, depth-1), randCond(rng, depth-1)}
		case 1:
			return condOr{randCond(rng, depth-1), randCond(rng, depth-1)}
		default:
			return condNot{randCond(rng, depth-1)}
		}
	}
	switch rng.IntN(6) {
	case 0:
		return condAgeGE{rng.IntN(100)}
	case 1:
		return condAgeLT{rng.IntN(100)}
	case 2:
		svcs := []string{"adult-social-care", "childrens-social-care", "housing", "council_tax", "electoral"}
		return condSvc{svcs[rng.IntN(len(svcs))]}
	case 3:
		return condPrefix{[]string{"SS", "E1", "CM", "S"}[rng.IntN(4)]}
	case 4:
		return condEq{"family_name", fmt.Sprintf("fam%d", rng.IntN(4))}
	}
	return condNoFlags{}
}

type propField struct {
	name string
	spec transform.Spec
	yaml string
}

type propRule struct {
	kind   string
	cond   propCond // nil: every row
	fields []propField
}

type propAgreement struct {
	ref, partner string
	start, end   time.Time
	flags        []string
	rules        []propRule
}

type propPolicy struct {
	partners   []string
	keys       map[string]string
	agreements []propAgreement
}

func randField(rng *rand.Rand) propField {
	switch rng.IntN(8) {
	case 0:
		lv := []string{"year", "month"}[rng.IntN(2)]
		return propField{"date_of_birth", transform.Spec{Op: transform.Generalise, Level: lv}, "{generalise: " + lv + "}"}
	case 1:
		lv := []string{"district", "sector"}[rng.IntN(2)]
		return propField{"postcode", transform.Spec{Op: transform.Generalise, Level: lv}, "{generalise: " + lv + "}"}
	case 2:
		if rng.IntN(2) == 0 {
			return propField{"age", transform.Spec{Op: transform.Keep}, "keep"}
		}
		return propField{"age", transform.Spec{Op: transform.Generalise, Level: "band", Bands: []int{0, 18, 65}}, "{generalise: band, bands: [0, 18, 65]}"}
	case 3:
		return propField{"flags", transform.Spec{Op: transform.Keep}, "keep"}
	case 4:
		return propField{"golden_id", transform.Spec{Op: transform.Pseudonymise}, "pseudonymise"}
	}
	name := propTextField[rng.IntN(len(propTextField))]
	switch rng.IntN(4) {
	case 0:
		n := rng.IntN(6)
		return propField{name, transform.Spec{Op: transform.Mask, N: n}, fmt.Sprintf("{mask: %d}", n)}
	case 1:
		return propField{name, transform.Spec{Op: transform.Pseudonymise}, "pseudonymise"}
	case 2:
		return propField{name, transform.Spec{Op: transform.Drop}, "drop"}
	}
	return propField{name, transform.Spec{Op: transform.Keep}, "keep"}
}

func randPolicy(rng *rand.Rand) propPolicy {
	var p propPolicy
	p.keys = map[string]string{}
	np := 1 + rng.IntN(3)
	for i := 0; i < np; i++ {
		id := fmt.Sprintf("partner%d", i)
		p.partners = append(p.partners, id)
		b := make([]byte, 24)
		for j := range b {
			b[j] = byte('a' + rng.IntN(26))
		}
		p.keys[id] = string(b)
	}
	na := 1 + rng.IntN(4)
	for i := 0; i < na; i++ {
		a := propAgreement{ref: fmt.Sprintf("DSA-%d", i), partner: p.partners[rng.IntN(np)]}
		switch rng.IntN(5) {
		case 0: // expired
			a.start, a.end = propNow.AddDate(-2, 0, 0), propNow.AddDate(0, 0, -1)
		case 1: // not started
			a.start, a.end = propNow.AddDate(0, 0, 1), propNow.AddDate(1, 0, 0)
		default:
			a.start, a.end = propNow.AddDate(0, 0, -rng.IntN(400)), propNow.AddDate(0, 0, rng.IntN(400))
		}
		for _, f := range propDeclared {
			if rng.IntN(3) == 0 {
				a.flags = append(a.flags, f)
			}
		}
		for _, k := range propKinds {
			if rng.IntN(3) == 0 {
				continue
			}
			r := propRule{kind: k}
			if rng.IntN(3) > 0 {
				r.cond = randCond(rng, 2)
			}
			seen := map[string]bool{}
			for j := rng.IntN(7); j >= 0; j-- {
				f := randField(rng)
				if !seen[f.name] {
					seen[f.name] = true
					r.fields = append(r.fields, f)
				}
			}
			a.rules = append(a.rules, r)
		}
		p.agreements = append(p.agreements, a)
	}
	return p
}

func (p propPolicy) yaml() string {
	var b strings.Builder
	b.WriteString("version: 1\nservices:\n")
	for _, s := range []string{"asc_system", "csc_system", "housing"} {
		fmt.Fprintf(&b, "  %s: %s\n", s, propServices[s])
	}
	b.WriteString("flags:\n  - refuge\n  - {name: deceased, restricted: false}\npartners:\n")
	for _, id := range p.partners {
		fmt.Fprintf(&b, "  - {id: %s, name: Partner %s, contact: dpo@example.org, key: {env: KEY_%s}}\n", id, id, strings.ToUpper(id))
	}
	b.WriteString("agreements:\n")
	for _, a := range p.agreements {
		fmt.Fprintf(&b, "  - reference: %s\n    partner: %s\n    legal_basis: test\n    purposes: [testing]\n    start: %s\n    end: %s\n    review: %s\n",
			a.ref, a.partner, a.start.Format("2006-01-02"), a.end.Format("2006-01-02"), a.end.Format("2006-01-02"))
		if len(a.flags) > 0 {
			fmt.Fprintf(&b, "    flags: [%s]\n", strings.Join(a.flags, ", "))
		}
		b.WriteString("    entities:\n")
		for _, r := range a.rules {
			fmt.Fprintf(&b, "      %s:\n", r.kind)
			if r.cond != nil {
				fmt.Fprintf(&b, "        where: %s\n", yamlQuote(r.cond.cel()))
			}
			b.WriteString("        fields:\n")
			for _, f := range r.fields {
				fmt.Fprintf(&b, "          %s: %s\n", f.name, f.yaml)
			}
			if len(r.fields) == 0 {
				b.WriteString("          {}\n")
			}
		}
		if len(a.rules) == 0 {
			b.WriteString("      {}\n")
		}
	}
	return b.String()
}

func yamlQuote(s string) string { return "'" + strings.ReplaceAll(s, "'", "''") + "'" }

type propRecord struct {
	kind, id string
	fields   map[string]string
	flags    []string
	sources  []string
	age      int // -1 unknown
}

func (r *propRecord) rec() *Record {
	return &Record{Kind: r.kind, ID: r.id, Fields: r.fields, Flags: r.flags, Sources: r.sources}
}

func randRecord(rng *rand.Rand, i int) *propRecord {
	r := &propRecord{kind: propKinds[rng.IntN(3)], id: fmt.Sprintf("G%06d", i), fields: map[string]string{}, age: -1}
	for _, f := range propTextField {
		if rng.IntN(5) > 0 {
			r.fields[f] = fmt.Sprintf("tok_%s_%d_%d", f, i, rng.IntN(1000))
		}
	}
	r.fields["family_name"] = fmt.Sprintf("fam%d", rng.IntN(4))
	switch rng.IntN(5) {
	case 0:
	case 1:
		r.fields["date_of_birth"] = "not a date"
	case 2:
		r.fields["date_of_birth"] = propNow.AddDate(1, 0, 0).Format("2006-01-02") // in the future
	default:
		dob := propNow.AddDate(0, 0, -rng.IntN(100*366))
		r.fields["date_of_birth"] = dob.Format("2006-01-02")
		y := propNow.Year() - dob.Year()
		if propNow.Month() < dob.Month() || propNow.Month() == dob.Month() && propNow.Day() < dob.Day() {
			y--
		}
		r.age = y
	}
	pcs := []string{"SS14 1AB", "E1 6AN", "CM1 1XX", "SW1A 1AA", "garbage", "S1 2BJ", ""}
	r.fields["postcode"] = pcs[rng.IntN(len(pcs))]
	for _, f := range propFlags {
		if rng.IntN(6) == 0 {
			r.flags = append(r.flags, f)
		}
	}
	for _, s := range propSources {
		if rng.IntN(3) == 0 {
			r.sources = append(r.sources, s)
		}
	}
	return r
}

func oraclePseudonym(key, field, value string) string {
	m := hmac.New(sha256.New, []byte(key))
	m.Write([]byte(field + "\x00" + value))
	return hex.EncodeToString(m.Sum(nil)[:16])
}

func TestPropertyNothingLeavesThatThePolicyDoesNotAllow(t *testing.T) {
	ctx := context.Background()
	const policies, records = 300, 60
	counts := map[string]int{}
	for seed := uint64(1); seed <= policies; seed++ {
		rng := rand.New(rand.NewPCG(seed, 7))
		pp := randPolicy(rng)
		text := pp.yaml()
		p, ds := Parse("policy.yaml", []byte(text))
		if p == nil || ds.HasErrors() {
			t.Fatalf("seed %d: generated policy does not parse: %v\n%s", seed, ds, text)
		}
		env := Env{Now: propNow, Getenv: func(n string) (string, bool) {
			v, ok := pp.keys[strings.ToLower(strings.TrimPrefix(n, "KEY_"))]
			return v, ok
		}}
		e, cds := Compile(p, env)
		for _, d := range cds.Errors() {
			if d.Code != CodeExpired {
				t.Fatalf("seed %d: unexpected error %v\n%s", seed, d, text)
			}
		}
		recs := make([]*propRecord, records)
		for i := range recs {
			recs[i] = randRecord(rng, i)
		}
		for _, pa := range pp.agreements {
			plan, err := e.Plan(pa.partner, pa.ref, propNow)
			inForce := !propNow.Before(pa.start) && !dateOf(propNow).After(pa.end)
			if !inForce {
				var de *DeniedError
				if !errors.As(err, &de) {
					t.Fatalf("seed %d: agreement %s is not in force but Plan gave %v", seed, pa.ref, err)
				}
				counts["denied agreements"]++
				continue
			}
			if err != nil {
				t.Fatalf("seed %d: agreement %s in force but Plan failed: %v", seed, pa.ref, err)
			}
			allowedFlags := map[string]bool{}
			for _, f := range pa.flags {
				allowedFlags[f] = true
			}
			rules := map[string]propRule{}
			for _, r := range pa.rules {
				rules[r.kind] = r
			}
			for _, pr := range recs {
				rule, kindNamed := rules[pr.kind]
				kp := plan.Kind(pr.kind)
				if !kindNamed {
					if kp != nil {
						t.Fatalf("seed %d: kind %s not in agreement %s but planned", seed, pr.kind, pa.ref)
					}
					continue
				}
				// Oracle: may this row leave?
				flagsOK := true
				for _, f := range pr.flags {
					nf := strings.ReplaceAll(strings.ToLower(f), "-", "_")
					if !allowedFlags[nf] && nf != "deceased" {
						flagsOK = false
					}
				}
				condOK := true
				if rule.cond != nil {
					v, cerr := rule.cond.eval(pr)
					condOK = v && !cerr
				}
				out, _ := kp.Decide(ctx, pr.rec())
				if (out == Shared) != (flagsOK && condOK) {
					cond := "<none>"
					if rule.cond != nil {
						cond = rule.cond.cel()
					}
					t.Fatalf("seed %d, %s, record %+v: outcome %v, oracle flags ok %v, condition (%s) ok %v", seed, pa.ref, *pr, out, flagsOK, cond, condOK)
				}
				if out != Shared {
					counts[out.String()]++
					continue
				}
				counts["shared"]++
				row := kp.Row(pr.rec(), nil)
				checkRow(t, seed, pp.keys[pa.partner], rule, allowedFlags, pr, kp.FieldNames(), row)
			}
		}
	}
	t.Logf("outcomes over %d random policies × %d records: %v", policies, records, counts)
	for _, k := range []string{"shared", WithheldFlag.String(), WithheldWhere.String(), WithheldError.String(), "denied agreements"} {
		if counts[k] == 0 {
			t.Errorf("the generator never produced %q: the property is not exercised", k)
		}
	}
}

func checkRow(t *testing.T, seed uint64, key string, rule propRule, allowedFlags map[string]bool, pr *propRecord, cols, row []string) {
	t.Helper()
	named := map[string]propField{}
	for _, f := range rule.fields {
		if f.spec.Op != transform.Drop {
			named[f.name] = f
		}
	}
	if len(cols) != len(named) {
		t.Fatalf("seed %d: columns %v, policy names %v", seed, cols, rule.fields)
	}
	for i, c := range cols {
		f, ok := named[c]
		if !ok {
			t.Fatalf("seed %d: column %s is not named by the policy", seed, c)
		}
		raw := pr.fields[c]
		switch c {
		case "golden_id":
			raw = pr.id
		case "age":
			raw = ""
			if pr.age >= 0 {
				raw = strconv.Itoa(pr.age)
			}
		case "flags":
			var keep []string
			for _, fl := range pr.flags {
				nf := strings.ReplaceAll(strings.ToLower(fl), "-", "_")
				if allowedFlags[nf] {
					keep = append(keep, nf)
				}
			}
			for _, got := range SplitList(row[i]) {
				if !allowedFlags[got] {
					t.Fatalf("seed %d: flag %s left without the agreement naming it", seed, got)
				}
			}
			_ = keep
			continue
		}
		got := row[i]
		if raw == "" {
			if got != "" {
				t.Fatalf("seed %d: empty %s became %q", seed, c, got)
			}
			continue
		}
		var want string
		switch f.spec.Op {
		case transform.Keep:
			want = raw
		case transform.Mask:
			want = raw
			if n := len(raw) - f.spec.N; n > 0 {
				want = strings.Repeat("*", n) + raw[n:]
			}
		case transform.Pseudonymise:
			want = oraclePseudonym(key, c, raw)
		case transform.Generalise:
			switch f.spec.Level {
			case "year":
				want = oracleDate(raw, 4)
			case "month":
				want = oracleDate(raw, 7)
			case "district", "sector":
				want = oraclePostcode(raw, f.spec.Level)
			case "band":
				a, _ := strconv.Atoi(raw)
				switch {
				case a < 18:
					want = "0-17"
				case a < 65:
					want = "18-64"
				default:
					want = "65+"
				}
			}
		}
		if got != want {
			t.Fatalf("seed %d: field %s (%v) of %q gave %q, want %q", seed, c, f.spec, raw, got, want)
		}
	}
	// No value of a field the rule does not share appears anywhere in the row.
	for name, v := range pr.fields {
		if _, ok := named[name]; ok || !strings.HasPrefix(v, "tok_") {
			continue
		}
		for _, cell := range row {
			if strings.Contains(cell, v) {
				t.Fatalf("seed %d: value of unshared field %s leaked", seed, name)
			}
		}
	}
}

func oracleDate(v string, n int) string {
	if _, err := time.Parse("2006-01-02", v); err != nil {
		return ""
	}
	return v[:n]
}

func oraclePostcode(v, level string) string {
	known := map[string][2]string{"SS14 1AB": {"SS14", "SS14 1"}, "E1 6AN": {"E1", "E1 6"}, "CM1 1XX": {"CM1", "CM1 1"}, "SW1A 1AA": {"SW1A", "SW1A 1"}, "S1 2BJ": {"S1", "S1 2"}}
	g, ok := known[v]
	if !ok {
		return ""
	}
	if level == "district" {
		return g[0]
	}
	return g[1]
}

func TestPropertyPseudonymsStablePerPartnerDistinctAcross(t *testing.T) {
	rng := rand.New(rand.NewPCG(42, 42))
	keys := map[string]string{"a": "key-for-partner-a-0123456789", "b": "key-for-partner-b-0123456789"}
	text := `version: 1
partners:
  - {id: a, name: A, contact: x, key: {env: KA}}
  - {id: b, name: B, contact: y, key: {env: KB}}
agreements:
  - {reference: A1, partner: a, legal_basis: t, purposes: [t], start: 2020-01-01, end: 2030-01-01, review: 2029-01-01, entities: {person: {fields: {golden_id: pseudonymise, nhs_number: pseudonymise}}}}
  - {reference: B1, partner: b, legal_basis: t, purposes: [t], start: 2020-01-01, end: 2030-01-01, review: 2029-01-01, entities: {person: {fields: {golden_id: pseudonymise, nhs_number: pseudonymise}}}}
`
	p, ds := Parse("p.yaml", []byte(text))
	if ds.HasErrors() {
		t.Fatal(ds)
	}
	e, ds := Compile(p, Env{Now: propNow, Getenv: func(n string) (string, bool) { v, ok := keys[strings.ToLower(n[1:])]; return v, ok }})
	if ds.HasErrors() {
		t.Fatal(ds)
	}
	pa, err := e.Plan("a", "", propNow)
	if err != nil {
		t.Fatal(err)
	}
	pb, err := e.Plan("b", "", propNow)
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]string{}
	for i := 0; i < 2000; i++ {
		rec := &Record{Kind: "person", ID: fmt.Sprintf("G%d", rng.IntN(500)), Fields: map[string]string{"nhs_number": strconv.Itoa(rng.IntN(1e9))}}
		ra := pa.Kind("person").Row(rec, nil)
		ra2 := pa.Kind("person").Row(rec, nil)
		rb := pb.Kind("person").Row(rec, nil)
		for j := range ra {
			if ra[j] != ra2[j] {
				t.Fatalf("pseudonym not stable for one partner")
			}
			if ra[j] == rb[j] {
				t.Fatalf("partners a and b got the same pseudonym")
			}
			if strings.Contains(ra[j], rec.ID) || strings.Contains(ra[j], rec.Fields["nhs_number"]) {
				t.Fatalf("pseudonym contains the value")
			}
		}
		// Distinct values never collide (128 bits), equal values always agree.
		if prev, ok := seen[ra[0]]; ok && prev != rec.ID {
			t.Fatalf("two golden ids share a pseudonym")
		}
		seen[ra[0]] = rec.ID
	}
}
