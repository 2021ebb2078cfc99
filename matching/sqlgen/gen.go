package sqlgen

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"github.com/council/golden/matching/spec"
)

// Tables names the tables the generated SQL reads and writes.
type Tables struct {
	Features string // the store's feature table (match_features)
	TF       string // the store's term-frequency table (match_tf)
	Base     string // session table: features of the kind, with attributes and tf values
	Delta    string // session table: rids to re-block in an incremental run
	Cand     string // session table: candidate pairs
	Gammas   string // session table: comparison vectors of the candidates
}

// DefaultTables are the names Run uses.
var DefaultTables = Tables{
	Features: "match_features", TF: "match_tf",
	Base: "_m_base", Delta: "_m_delta", Cand: "_m_cand", Gammas: "_m_gammas",
}

// Gen renders SQL for one spec.
type Gen struct {
	D     Dialect
	Spec  *spec.Spec
	T     Tables
	Attrs []string // attribute names present in the data, for attr.<name> columns
}

// GammaCol names the column holding comparison i's level.
func GammaCol(c spec.Comparison) string { return "g." + c.Name }

// TFCol names the base column holding the term frequency of column col.
func TFCol(col string) string { return "tf." + col }

// DaysCol names the base column holding a date column's day number.
func DaysCol(col string) string { return col + "#days" }

// TFPairCol names the pair column holding comparison c's term frequency.
func TFPairCol(c spec.Comparison) string { return "tf." + c.Name }

// Gamma is the level value of level j (0-based, in spec order) of c: the
// first level is the highest, the else level is 0. Null is -1.
func Gamma(c spec.Comparison, j int) int { return len(c.Levels) - 1 - j }

// baseColumns lists the catalogue columns the spec reads (not attributes).
func (g *Gen) baseColumns() (cols []string, attrs []string) {
	for _, c := range g.Spec.Columns() {
		if a, ok := strings.CutPrefix(c, spec.AttrPrefix); ok {
			attrs = append(attrs, a)
		} else {
			cols = append(cols, c)
		}
	}
	return cols, attrs
}

// TFColumns lists the columns with term-frequency adjustments.
func (g *Gen) TFColumns() []string {
	seen := map[string]bool{}
	var out []string
	for _, c := range g.Spec.Comparisons {
		if c.TF != "" && !seen[c.TF] {
			seen[c.TF] = true
			out = append(out, c.TF)
		}
	}
	return out
}

// TFFloor is what an unseen value's term frequency is taken to be.
type TFFloor map[string]float64

// Base renders the session table of the kind's features: rid, source and
// every column the spec reads, attributes extracted, and (when tfVersion >
// 0) each tf column's frequency under model tfVersion.
func (g *Gen) Base(kind string, tfVersion int, floor TFFloor) Query {
	b := &builder{d: g.D}
	cols, attrs := g.baseColumns()
	var sel []string
	sel = append(sel, "f."+b.q("rid"), "f."+b.q("source"))
	for _, c := range cols {
		sel = append(sel, "f."+b.q(c))
	}
	for _, c := range g.dateColumns() {
		sel = append(sel, g.D.DayNumber("f."+b.q(c))+" AS "+b.q(DaysCol(c)))
	}
	for _, a := range attrs {
		sel = append(sel, "nullif(trim(upper("+g.D.JSONText("f."+b.q("attrs"), b.p(g.D.JSONPath(a)))+")), '') AS "+b.q(spec.AttrPrefix+a))
	}
	var joins []string
	if tfVersion > 0 {
		for i, c := range g.TFColumns() {
			t := b.q(fmt.Sprintf("t%d", i))
			sel = append(sel, "coalesce("+t+"."+b.q("tf")+", "+b.p(floor[c])+") AS "+b.q(TFCol(c)))
			joins = append(joins, "LEFT JOIN "+b.q(g.T.TF)+" "+t+" ON "+t+"."+b.q("kind")+" = "+b.p(kind)+
				" AND "+t+"."+b.q("version")+" = "+b.p(tfVersion)+" AND "+t+"."+b.q("col")+" = "+b.p(c)+
				" AND "+t+"."+b.q("value")+" = "+colExpr(b, "f", c))
		}
	}
	q := "SELECT " + strings.Join(sel, ",\n       ") + "\nFROM " + b.q(g.T.Features) + " f"
	for _, j := range joins {
		q += "\n" + j
	}
	q += "\nWHERE f." + b.q("kind") + " = " + b.p(kind)
	b.w(g.D.CreateTemp(b.q(g.T.Base), q))
	return b.query()
}

// dateColumns lists the columns a date_within level reads.
func (g *Gen) dateColumns() []string {
	seen := map[string]bool{}
	var out []string
	for _, c := range g.Spec.Comparisons {
		for _, l := range c.Levels {
			if l.Kind == spec.DateWithin && !seen[l.Column] && !strings.HasPrefix(l.Column, spec.AttrPrefix) {
				seen[l.Column] = true
				out = append(out, l.Column)
			}
		}
	}
	return out
}

// editGuard is a cheap necessary condition for an edit distance of at most
// k, so that the quadratic distance runs only on plausible pairs: lengths
// within k, and for k = 1 on equal lengths at most two differing positions
// (one substitution or one transposition).
func (g *Gen) editGuard(b *builder, a, z string, k int) string {
	d := g.D
	guard := "abs(" + d.Length(a) + " - " + d.Length(z) + ") <= " + b.p(k)
	if k == 1 {
		guard += " AND CASE WHEN " + d.Length(a) + " = " + d.Length(z) + " THEN " + d.Hamming(a, z) + " <= 2 ELSE true END"
	}
	return guard
}

// colExpr is side.column, with attribute columns read from the base.
func colExpr(b *builder, side, col string) string {
	if strings.HasPrefix(col, spec.AttrPrefix) {
		return side + "." + b.q(col)
	}
	return side + "." + b.q(col)
}

// EffectiveRules is the blocking union: deterministic rules first (so that
// their pairs are always candidates), then the spec's rules.
func EffectiveRules(s *spec.Spec) []spec.BlockingRule {
	var out []spec.BlockingRule
	have := map[string]bool{}
	key := func(keys []spec.Key) string {
		var p []string
		for _, k := range keys {
			p = append(p, k.String())
		}
		return strings.Join(p, "|")
	}
	for _, r := range s.Blocking {
		have[key(r.Keys)] = true
	}
	for _, d := range s.Deterministic {
		var ks []spec.Key
		for _, c := range d.Equal {
			ks = append(ks, spec.Key{Column: c})
		}
		if !have[key(ks)] {
			have[key(ks)] = true
			out = append(out, spec.BlockingRule{Name: d.Name, Keys: ks})
		}
	}
	return append(out, s.Blocking...)
}

func (g *Gen) keyExpr(b *builder, side string, k spec.Key) string {
	e := colExpr(b, side, k.Column)
	if k.Prefix > 0 {
		return g.D.Left(e, b.p(k.Prefix))
	}
	return e
}

// keyMatch joins base rows f to a table k of key values (columns in key
// order, named by position).
func (g *Gen) keyMatch(b *builder, r spec.BlockingRule, k string) string {
	var p []string
	for i, key := range r.Keys {
		p = append(p, g.keyExpr(b, "f", key)+" = "+k+"."+b.q(fmt.Sprintf("k%d", i)))
	}
	return strings.Join(p, " AND ")
}

// ruleCond is the join condition of a rule. Prefix keys also require the
// value to be at least that long, so short values do not form huge blocks.
func (g *Gen) ruleCond(b *builder, r spec.BlockingRule) string {
	var p []string
	for _, k := range r.Keys {
		p = append(p, g.keyExpr(b, "l", k)+" = "+g.keyExpr(b, "r", k))
	}
	return strings.Join(p, " AND ")
}

func (g *Gen) modeCond(b *builder) string {
	switch g.Spec.Mode {
	case spec.Dedupe:
		return "l." + b.q("source") + " = r." + b.q("source")
	case spec.Link:
		return "l." + b.q("source") + " <> r." + b.q("source")
	}
	return ""
}

// Candidates renders the blocking union into the candidate table: each pair
// once (rid_l < rid_r), tagged with the first rule that found it (rule) and
// the set of every rule that found it (rules, bit i for rule i; rules past
// the 63rd are left out of the set). Each rule is a plain equi-join; the
// union is grouped by pair, so no rule re-tests the others' keys. With
// delta, only pairs with at least one side in the delta table are made.
func (g *Gen) Candidates(delta bool) Query {
	b := &builder{d: g.D}
	rules := EffectiveRules(g.Spec)
	var parts []string
	halves := []string{"all"}
	if delta {
		halves = []string{"left", "right"}
	}
	inDelta := "SELECT " + b.q("rid") + " FROM " + b.q(g.T.Delta)
	deltaSide := "(SELECT * FROM " + b.q(g.T.Base) + " WHERE " + b.q("rid") + " IN (" + inDelta + "))"
	for i, r := range rules {
		for _, half := range halves {
			lsrc, rsrc := b.q(g.T.Base), b.q(g.T.Base)
			if r.MaxBlock > 0 {
				// Only key values shared by at most MaxBlock records.
				var ks []string
				for i, k := range r.Keys {
					ks = append(ks, g.keyExpr(b, "f", k)+" AS "+b.q(fmt.Sprintf("k%d", i)))
				}
				small := "(SELECT f.* FROM " + b.q(g.T.Base) + " f SEMI JOIN (SELECT " + strings.Join(ks, ", ") + " FROM " + b.q(g.T.Base) +
					" f GROUP BY ALL HAVING count(*) <= " + b.p(r.MaxBlock) + ") k ON " + g.keyMatch(b, r, "k") + ")"
				lsrc, rsrc = small, small
			}
			switch half {
			case "left":
				lsrc = deltaSide
			case "right":
				rsrc = deltaSide
			}
			q := fmt.Sprintf("SELECT l.%s AS rid_l, r.%s AS rid_r, %d AS i\nFROM %s l JOIN %s r ON %s AND l.%s < r.%s",
				b.q("rid"), b.q("rid"), i, lsrc, rsrc, g.ruleCond(b, r), b.q("rid"), b.q("rid"))
			var where []string
			if m := g.modeCond(b); m != "" {
				where = append(where, m)
			}
			if half == "right" {
				where = append(where, "l."+b.q("rid")+" NOT IN ("+inDelta+")")
			}
			if len(where) > 0 {
				q += "\nWHERE " + strings.Join(where, " AND ")
			}
			parts = append(parts, q)
		}
	}
	// The first rule is kept as its number: a name per pair would be a
	// string on every one of millions of rows (Score names it only for the
	// pairs it keeps).
	q := "SELECT rid_l, rid_r, CAST(min(i) AS INTEGER) AS rule,\n       CAST(bit_or(CASE WHEN i < 63 THEN CAST(1 AS BIGINT) << i ELSE 0 END) AS BIGINT) AS rules\nFROM (\n" +
		strings.Join(parts, "\nUNION ALL\n") + "\n)\nGROUP BY rid_l, rid_r"
	b.w(g.D.CreateTemp(b.q(g.T.Cand), q))
	return b.query()
}

// levelCond is the SQL test of one level on sides l and r.
// similarity is the similarity a level of kind JaroWinkler, Jaro, Jaccard
// or Overlap tests against a threshold (for the token kinds, the size of
// the intersection), and false for the other kinds.
func (g *Gen) similarity(b *builder, l spec.Level) (string, bool) {
	a, z := colExpr(b, "l", l.Column), colExpr(b, "r", l.Column)
	switch l.Kind {
	case spec.JaroWinkler:
		return g.D.JaroWinkler(a, z), true
	case spec.Jaro:
		return g.D.Jaro(a, z), true
	case spec.Jaccard, spec.Overlap:
		return g.D.IntersectCount(a, z), true
	}
	return "", false
}

func (g *Gen) levelCond(b *builder, l spec.Level) string {
	d := g.D
	a, z := colExpr(b, "l", l.Column), colExpr(b, "r", l.Column)
	sim, _ := g.similarity(b, l)
	switch l.Kind {
	case spec.Exact:
		return a + " = " + z
	case spec.JaroWinkler, spec.Jaro:
		return sim + " >= " + b.p(l.Threshold)
	case spec.Levenshtein:
		return g.editGuard(b, a, z, int(l.Threshold)) + " AND " + d.Levenshtein(a, z) + " <= " + b.p(int(l.Threshold))
	case spec.Damerau:
		return g.editGuard(b, a, z, int(l.Threshold)) + " AND " + d.Damerau(a, z) + " <= " + b.p(int(l.Threshold))
	case spec.Initial:
		return "(" + d.Length(a) + " = 1 OR " + d.Length(z) + " = 1) AND " + d.Substr(a, 1, 1) + " = " + d.Substr(z, 1, 1)
	case spec.Swapped:
		ao, zo := colExpr(b, "l", l.Other), colExpr(b, "r", l.Other)
		return a + " = " + zo + " AND " + ao + " = " + z
	case spec.Cross:
		ao, zo := colExpr(b, "l", l.Other), colExpr(b, "r", l.Other)
		return "(" + a + " = " + zo + " OR " + ao + " = " + z + ")"
	case spec.DateWithin:
		if strings.HasPrefix(l.Column, spec.AttrPrefix) {
			return "abs(" + d.DayNumber(a) + " - " + d.DayNumber(z) + ") <= " + b.p(int(l.Threshold))
		}
		return "abs(l." + b.q(DaysCol(l.Column)) + " - r." + b.q(DaysCol(l.Column)) + ") <= " + b.p(int(l.Threshold))
	case spec.DateSwap:
		return d.Substr(a, 1, 4) + " = " + d.Substr(z, 1, 4) + " AND " + d.Substr(a, 6, 2) + " = " + d.Substr(z, 9, 2) +
			" AND " + d.Substr(a, 9, 2) + " = " + d.Substr(z, 6, 2)
	case spec.DateTypo:
		return d.Length(a) + " = " + d.Length(z) + " AND CASE WHEN " + d.Length(a) + " = " + d.Length(z) + " THEN " + d.Hamming(a, z) + " <= 1 ELSE false END"
	case spec.NumWithin:
		x, y := d.ToDouble(a), d.ToDouble(z)
		return "abs(" + x + " - " + y + ") <= " + b.p(l.Threshold) + " * greatest(abs(" + x + "), abs(" + y + "))"
	case spec.Jaccard:
		// |a ∩ b| / (|a| + |b| − |a ∩ b|) ≥ t  ⇔  |a ∩ b| ≥ t(|a| + |b|) / (1 + t),
		// which needs the intersection once. Token lists hold no duplicates.
		t := l.Threshold
		return sim + " >= " + b.p(t/(1+t)) + " * (" + d.ListLen(a) + " + " + d.ListLen(z) + ")"
	case spec.Overlap:
		return sim + " >= 1"
	}
	return "true"
}

// GammaExpr is comparison c's CASE expression.
func (g *Gen) gammaExpr(b *builder, c spec.Comparison) string {
	var sb strings.Builder
	a, z := colExpr(b, "l", c.Column), colExpr(b, "r", c.Column)
	sb.WriteString("CASE WHEN " + a + " IS NULL OR " + z + " IS NULL THEN -1")
	for j, l := range c.Levels {
		if l.Kind == spec.Else {
			break
		}
		sb.WriteString(fmt.Sprintf("\n     WHEN %s THEN %d", g.levelCond(b, l), Gamma(c, j)))
	}
	sb.WriteString("\n     ELSE 0 END")
	return sb.String()
}

// detExpr names the first deterministic rule a pair satisfies, else NULL.
func (g *Gen) detExpr(b *builder) string {
	if len(g.Spec.Deterministic) == 0 {
		return "CAST(NULL AS VARCHAR)"
	}
	var sb strings.Builder
	sb.WriteString("CASE")
	for _, r := range g.Spec.Deterministic {
		var p []string
		for _, c := range r.Equal {
			p = append(p, colExpr(b, "l", c)+" = "+colExpr(b, "r", c))
		}
		sb.WriteString(" WHEN " + strings.Join(p, " AND ") + " THEN " + b.p(r.Name))
	}
	sb.WriteString(" END")
	return sb.String()
}

// gammaSelect renders the comparison vector of the pairs in from (a table
// or subquery with rid_l, rid_r, rule).
func (g *Gen) gammaSelect(b *builder, from string, withTF bool) string {
	var sel []string
	sel = append(sel, "c.rid_l", "c.rid_r", "c.rule", "c.rules")
	for _, c := range g.Spec.Comparisons {
		sel = append(sel, g.gammaExpr(b, c)+" AS "+b.q(GammaCol(c)))
	}
	if withTF {
		for _, c := range g.Spec.Comparisons {
			if c.TF != "" {
				sel = append(sel, "greatest(l."+b.q(TFCol(c.TF))+", r."+b.q(TFCol(c.TF))+") AS "+b.q(TFPairCol(c)))
			}
		}
	}
	sel = append(sel, g.detExpr(b)+" AS det")
	return "SELECT " + strings.Join(sel, ",\n       ") + "\nFROM " + from + " c\nJOIN " + b.q(g.T.Base) + " l ON l." + b.q("rid") + " = c.rid_l\nJOIN " +
		b.q(g.T.Base) + " r ON r." + b.q("rid") + " = c.rid_r"
}

// sideCol matches a column of one side of a pair: l."given", r."addr_tokens".
var sideCol = regexp.MustCompile(`\b([lr])\."([^"]+)"`)

// hoistedGammaSelect is gammaSelect for scoring every candidate pair: a
// similarity that several levels test (a Jaro-Winkler at 0.92 and at 0.8,
// a token overlap at two thresholds) is computed once per pair in an inner
// select instead of once per level that reaches it (on 16M pairs, a
// two-level Jaro-Winkler once took 0.6–0.9 s less CPU than twice). The
// inner select also carries the columns the levels read, named "l.<col>"
// and "r.<col>". The gammas are the same as gammaSelect's: only where each
// value is computed changes.
func (g *Gen) hoistedGammaSelect(b *builder, from string, withTF bool) string {
	flat := g.gammaSelect(b, from, withTF)
	fromAt := strings.Index(flat, "\nFROM ")
	sel, joins := flat[:fromAt], flat[fromAt:]
	// The similarities tested by more than one level.
	count := map[string]int{}
	var order []string
	for _, c := range g.Spec.Comparisons {
		for _, l := range c.Levels {
			e, ok := g.similarity(b, l)
			if !ok {
				continue
			}
			if count[e] == 0 {
				order = append(order, e)
			}
			count[e]++
		}
	}
	var inner []string
	for _, e := range order {
		if count[e] < 2 {
			continue
		}
		h := fmt.Sprintf("h.%d", len(inner))
		sel = strings.ReplaceAll(sel, e, b.q(h))
		inner = append(inner, e+" AS "+b.q(h))
	}
	if len(inner) == 0 {
		return flat
	}
	// The rest reads the sides' columns from the inner select.
	seen := map[string]bool{}
	var cols []string
	sel = sideCol.ReplaceAllStringFunc(sel, func(m string) string {
		p := sideCol.FindStringSubmatch(m)
		name := p[1] + "." + p[2]
		if !seen[name] {
			seen[name] = true
			cols = append(cols, m+" AS "+b.q(name))
		}
		return b.q(name)
	})
	return sel + "\nFROM (SELECT c.*, " + strings.Join(append(cols, inner...), ", ") + joins + ") c"
}

// Sample is a repeatable subsample of the candidate pairs for training, so
// that training costs the same however many records there are: a pair that
// effective rule i finds is kept for rule i's session when its hash (of the
// pair and Seed) is below Fraction[i]. A nil Fraction, or 1, keeps them all.
type Sample struct {
	Fraction []float64 // per effective rule (EffectiveRules order)
	Train    []bool    // per effective rule: whether it trains (for the global session's inclusion probability)
	Seed     int64
}

// Share is the share of rule i's pairs the sample keeps.
func (s Sample) Share(i int) float64 {
	if i < len(s.Fraction) && s.Fraction[i] < 1 {
		return s.Fraction[i]
	}
	return 1
}

func (s Sample) sampled() bool {
	for _, f := range s.Fraction {
		if f < 1 {
			return true
		}
	}
	return false
}

// sampleKept is, for a pair in c (with rid_l, rid_r and the rules bit
// set), its hash h in [0, 1) and the bit set of rules whose sample keeps it
// (kept, reading h).
func (g *Gen) sampleKept(b *builder, smp Sample) (h, kept string) {
	if !smp.sampled() {
		return "0.0", "c.rules"
	}
	h = g.D.Unit("c.rid_l", "c.rid_r", b.p(smp.Seed))
	full := int64(0)
	var bits []string
	for i, f := range smp.Fraction {
		if i >= 63 {
			break
		}
		if f >= 1 {
			full |= 1 << i
		} else {
			bits = append(bits, fmt.Sprintf("CASE WHEN h < %s THEN (CAST(1 AS BIGINT) << %d) ELSE 0 END", b.p(f), i))
		}
	}
	return h, "c.rules & (" + strconv.FormatInt(full, 10) + " | " + strings.Join(bits, " | ") + ")"
}

// sampleP is the chance that the global session's sample (the pairs kept
// by any training rule) holds a pair in c: the largest fraction among the
// training rules that found it.
func (g *Gen) sampleP(b *builder, smp Sample) string {
	if !smp.sampled() {
		return "1.0"
	}
	var ps []string
	for i := range smp.Fraction {
		if i < 63 && i < len(smp.Train) && smp.Train[i] {
			ps = append(ps, fmt.Sprintf("CASE WHEN c.rules & (CAST(1 AS BIGINT) << %d) <> 0 THEN %s ELSE 0.0 END", i, b.p(smp.Share(i))))
		}
	}
	if len(ps) == 0 {
		return "0.0"
	}
	return "greatest(" + strings.Join(ps, ", ") + ")"
}

// RuleCounts counts the candidate pairs each effective rule finds (rules
// past the 63rd are not counted): columns n0, n1, ….
func (g *Gen) RuleCounts() Query {
	b := &builder{d: g.D}
	var sel []string
	for i := range EffectiveRules(g.Spec) {
		if i >= 63 {
			break
		}
		sel = append(sel, fmt.Sprintf("count(*) FILTER (WHERE rules & (CAST(1 AS BIGINT) << %d) <> 0) AS %s", i, b.q(fmt.Sprintf("n%d", i))))
	}
	if len(sel) == 0 {
		sel = append(sel, "count(*)")
	}
	b.w("SELECT " + strings.Join(sel, ",\n       ") + "\nFROM " + b.q(g.T.Cand))
	return b.query()
}

// Gammas renders the comparison vectors of the candidates that smp keeps for
// some rule into the gammas table (used for training).
func (g *Gen) Gammas(smp Sample) Query {
	b := &builder{d: g.D}
	from := b.q(g.T.Cand)
	if smp.sampled() {
		h, kept := g.sampleKept(b, smp)
		from = "(SELECT c.* FROM (SELECT *, " + h + " AS h FROM " + b.q(g.T.Cand) + " c) c WHERE " + kept + " <> 0)"
	}
	inner := g.gammaSelect(b, from, false)
	b.w(g.D.CreateTemp(b.q(g.T.Gammas), inner))
	return b.query()
}

// PatternCounts counts the sampled candidates by the set of blocking rules
// whose sample keeps them (kept), the global session's inclusion chance
// (p) and agreement pattern: EM's input. smp must be the sample Gammas was
// given.
func (g *Gen) PatternCounts(smp Sample) Query {
	b := &builder{d: g.D}
	h, kept := g.sampleKept(b, smp)
	p := g.sampleP(b, smp)
	var cols []string
	for _, c := range g.Spec.Comparisons {
		cols = append(cols, b.q(GammaCol(c)))
	}
	b.w("SELECT kept, p, " + strings.Join(cols, ", ") + ", count(*) AS n\nFROM (SELECT *, " + kept + " AS kept, " + p + " AS p\n  FROM (SELECT *, " + h + " AS h FROM " + b.q(g.T.Gammas) +
		" c) c)\nWHERE kept <> 0\nGROUP BY kept, p, " + strings.Join(cols, ", "))
	return b.query()
}

// RandomPatterns counts agreement patterns over the pairs of a repeatable
// sample of records (sample records give about sample²/2 pairs), for u.
func (g *Gen) RandomPatterns(sample int, seed int64) Query {
	b := &builder{d: g.D}
	var cols []string
	var sel []string
	for _, c := range g.Spec.Comparisons {
		sel = append(sel, g.gammaExpr(b, c)+" AS "+b.q(GammaCol(c)))
		cols = append(cols, b.q(GammaCol(c)))
	}
	with := "WITH s AS (SELECT * FROM " + b.q(g.T.Base) + " ORDER BY " + g.D.Hash(b.q("rid")+" + "+b.p(seed)) + ", " + b.q("rid") + " LIMIT " + b.p(sample) + ")\n"
	on := "l." + b.q("rid") + " < r." + b.q("rid")
	if m := g.modeCond(b); m != "" {
		on += " AND " + m
	}
	sql := with + "SELECT " + strings.Join(cols, ", ") + ", count(*) AS n FROM (\n  SELECT " + strings.Join(sel, ",\n         ") +
		"\n  FROM s l JOIN s r ON " + on + "\n) GROUP BY " + strings.Join(cols, ", ")
	b.w(sql)
	return b.query()
}

// Weights are a trained model's numbers as the scoring SQL needs them.
type Weights struct {
	PriorLogit float64     // log2(λ / (1 − λ))
	Level      [][]float64 // [comparison][gamma] match weight log2(m/u)
	TFU        [][]float64 // [comparison][gamma] u of a tf level, 0 when the level has no tf adjustment
}

func (g *Gen) weightExpr(b *builder, w Weights) string {
	return strings.Join(append([]string{b.p(w.PriorLogit)}, g.weightTerms(b, w, nil)...), "\n   + ")
}

// weightTerms are the comparisons' weight terms (level weight and tf
// adjustment); with only, just those of the comparisons it names.
func (g *Gen) weightTerms(b *builder, w Weights, only map[string]bool) []string {
	var terms []string
	for i, c := range g.Spec.Comparisons {
		if only != nil && !only[c.Name] {
			continue
		}
		var sb strings.Builder
		sb.WriteString("CASE " + b.q(GammaCol(c)))
		for gam := len(c.Levels) - 1; gam >= 0; gam-- {
			sb.WriteString(fmt.Sprintf(" WHEN %d THEN %s", gam, b.p(w.Level[i][gam])))
		}
		sb.WriteString(" ELSE 0 END")
		terms = append(terms, sb.String())
		if c.TF == "" {
			continue
		}
		for gam := len(c.Levels) - 1; gam >= 0; gam-- {
			if u := w.TFU[i][gam]; u > 0 {
				terms = append(terms, fmt.Sprintf("CASE WHEN %s = %d THEN %s * %s ELSE 0 END", b.q(GammaCol(c)), gam,
					b.p(c.TFWeight), g.D.Log2(b.p(u)+" / "+b.q(TFPairCol(c)))))
			}
		}
	}
	return terms
}

// Score renders the scored pairs at or above the review probability (and
// every pair a deterministic rule names: linked, or held for review by a
// rule that holds if different), and those below the veto
// probability (when veto > 0), into table out: rid_l, rid_r, rule,
// match_weight, probability.
func (g *Gen) Score(out string, w Weights, review, veto float64) Query {
	b := &builder{d: g.D}
	inner := g.hoistedGammaSelect(b, b.q(g.T.Cand), true)
	we := g.weightExpr(b, w)
	p := "1.0 / (1.0 + " + g.D.Pow2("-w") + ")"
	capped := ""
	if nl := g.heldCond(b, w); nl != "" {
		capped = " WHEN " + nl + " THEN least(" + p + ", " + b.p(review) + ")"
	}
	// Rule names only for the pairs at or above the review threshold: the
	// negative pairs (most of them) carry no rule.
	var name strings.Builder
	name.WriteString("CASE WHEN det IS NOT NULL THEN det WHEN w >= " + b.p(logit(review)) + " THEN CASE rule")
	for i, r := range EffectiveRules(g.Spec) {
		name.WriteString(fmt.Sprintf(" WHEN %d THEN %s", i, b.p(r.Name)))
	}
	name.WriteString(" END END")
	// A deterministic rule links; one that holds if different (spec.Rule)
	// sends the pair to review under its name instead when the score, the
	// rule's own agreement included, is below review.
	detProb := "1.0"
	var hold []string
	for _, r := range g.Spec.Deterministic {
		if r.HoldIfDifferent {
			hold = append(hold, b.p(r.Name))
		}
	}
	if len(hold) > 0 {
		detProb = "CASE WHEN det IN (" + strings.Join(hold, ", ") + ") AND w < " + b.p(logit(review)) + " THEN " + b.p(review) + " ELSE 1.0 END"
	}
	q := "SELECT rid_l, rid_r, " + name.String() + " AS rule, w AS match_weight,\n       CASE WHEN det IS NOT NULL THEN " + detProb + capped + " ELSE " +
		p + " END AS probability\nFROM (SELECT *,\n     " + we + " AS w\n  FROM (\n" + inner + "\n  ))\nWHERE det IS NOT NULL OR w >= " + b.p(logit(review))
	if veto > 0 {
		q += " OR w < " + b.p(logit(veto))
	}
	b.w(g.D.CreateTemp(b.q(out), q))
	return b.query()
}

// heldCond is true for a pair that may not be linked automatically: its
// required comparisons (Spec.Require) do not together favour a match (the
// sum of their weights, tf adjustments included, is not above
// Thresholds.RequireWeight), or it
// is at the else level of a Spec.Distinct comparison. "" when the spec has
// neither.
func (g *Gen) heldCond(b *builder, w Weights) string {
	var or []string
	if len(g.Spec.Require) > 0 {
		only := map[string]bool{}
		for _, r := range g.Spec.Require {
			only[r] = true
		}
		if terms := g.weightTerms(b, w, only); len(terms) > 0 {
			or = append(or, "("+strings.Join(terms, " + ")+") <= "+b.p(g.Spec.Thresholds.RequireWeight))
		}
	}
	for _, name := range g.Spec.Distinct {
		for _, c := range g.Spec.Comparisons {
			if c.Name == name {
				or = append(or, b.q(GammaCol(c))+" = 0")
			}
		}
	}
	if len(or) == 0 {
		return ""
	}
	return "(" + strings.Join(or, " OR ") + ")"
}

// Explain renders one pair's comparison vector, tf values, weight, each
// comparison's values on both sides ("vl.<name>", "vr.<name>"), whether
// each effective blocking rule finds the pair ("b.<i>") and whether the
// mode allows it ("mode_ok").
func (g *Gen) Explain(ridL, ridR int64, w Weights) Query {
	b := &builder{d: g.D}
	from := "(SELECT " + b.p(ridL) + "::BIGINT AS rid_l, " + b.p(ridR) + "::BIGINT AS rid_r, CAST(NULL AS INTEGER) AS rule, CAST(0 AS BIGINT) AS rules)"
	inner := g.gammaSelect(b, from, true)
	var extra []string
	for _, c := range g.Spec.Comparisons {
		extra = append(extra, "CAST(l."+b.q(c.Column)+" AS VARCHAR) AS "+b.q("vl."+c.Name), "CAST(r."+b.q(c.Column)+" AS VARCHAR) AS "+b.q("vr."+c.Name))
	}
	for i, r := range EffectiveRules(g.Spec) {
		extra = append(extra, "coalesce("+g.ruleCond(b, r)+", false) AS "+b.q(fmt.Sprintf("b.%d", i)))
	}
	mode := "true"
	if m := g.modeCond(b); m != "" {
		mode = m
	}
	extra = append(extra, mode+" AS mode_ok")
	// The extra columns read l and r: splice them into the inner select.
	fromAt := strings.Index(inner, "\nFROM ")
	inner = inner[:fromAt] + ",\n       " + strings.Join(extra, ",\n       ") + inner[fromAt:]
	we := g.weightExpr(b, w)
	b.w("SELECT *, " + we + " AS w\nFROM (\n" + inner + "\n)")
	return b.query()
}

func logit(p float64) float64 {
	return log2(p / (1 - p))
}
