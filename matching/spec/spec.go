// Package spec is the matching specification of one entity kind: how
// candidate pairs are found (blocking rules), how each pair is compared
// (comparisons as ordered levels), which fields get term-frequency
// adjustments, which deterministic rules link outright, the link and review
// thresholds and the mode (dedupe, link or both). Defaults exist for person,
// property and business; golden.yaml's matching section overrides any part.
package spec

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"

	"github.com/council/golden/record"
)

// Mode says which pairs are compared.
type Mode string

// Modes.
const (
	Dedupe Mode = "dedupe" // pairs within one source
	Link   Mode = "link"   // pairs across sources
	Both   Mode = "both"   // both
)

// Spec is the matching specification of one kind.
type Spec struct {
	Kind          record.Kind    `json:"kind"`
	Mode          Mode           `json:"mode"`
	Blocking      []BlockingRule `json:"blocking"`
	Comparisons   []Comparison   `json:"comparisons"`
	Deterministic []Rule         `json:"deterministic,omitempty"`
	Thresholds    Thresholds     `json:"thresholds"`
	Cluster       Cluster        `json:"cluster"`
	Training      Training       `json:"training"`
	// CompareAttributes adds a comparison (exact, one edit, else) for every
	// source attribute no comparison names already.
	CompareAttributes bool `json:"compare_attributes"`
	// Require names the comparisons that tell one person (or thing) from
	// another, as opposed to where it is: a pair is linked automatically
	// only when their weights (tf adjustments included; a missing value
	// counts zero) add up to evidence for a match. Otherwise its
	// probability is capped at the review threshold, so that a steward sees
	// it; deterministic rules still link. Empty: no requirement.
	Require []string `json:"require,omitempty"`
	// Distinct names comparisons of identifiers that no two records of one
	// thing hold different values of (a UPRN): a pair at the else level of
	// any of them is not linked automatically either (capped likewise).
	Distinct []string `json:"distinct,omitempty"`
}

// Thresholds are match probabilities: pairs at or above Link are linked
// automatically; pairs at or above Review (and below Link) go to a steward.
//
// Candidate pairs below Veto are kept as negative evidence: clustering never
// joins two groups across one of them (0 turns this off).
type Thresholds struct {
	Link   float64 `json:"link"`
	Review float64 `json:"review"`
	Veto   float64 `json:"veto"`
	// RequireWeight is how many bits of match weight the Require
	// comparisons must add up to, together, for a pair to be linked
	// automatically. A given name that merely starts alike (Mia, Michael:
	// +0.6) is not evidence that two members of one household are one
	// person; a typo'd one (+3.8), an initial or a birth date is.
	RequireWeight float64 `json:"require_weight,omitempty"`
}

// Cluster tunes the guard against chaining. Two groups that already hold
// more than one record merge only when at least MinDensity of the record
// pairs between them are links themselves.
type Cluster struct {
	MinDensity float64 `json:"min_density"`
}

// Training tunes unsupervised training.
type Training struct {
	RandomPairs   int     `json:"random_pairs"`   // pairs sampled to estimate u
	MaxIterations int     `json:"max_iterations"` // EM iterations per session
	Tolerance     float64 `json:"tolerance"`      // EM stops when no parameter moves more
	Seed          int64   `json:"seed"`           // sample seed
	// MaxPairs bounds the candidate pairs each blocking rule's EM session
	// reads: a rule that finds more trains on a repeatable sample of this
	// many (by a hash of the pair and Seed), so that training costs the
	// same at any population. 0 reads every pair.
	MaxPairs int `json:"max_pairs"`
}

// BlockingRule finds candidate pairs that agree exactly on every key.
type BlockingRule struct {
	Name string `json:"name"`
	Keys []Key  `json:"keys"`
	// NoTrain keeps the rule out of EM training (it still finds candidates).
	// Rules that block only on where people live find whole households,
	// whose members share a surname and an address but are different
	// people: EM run on them learns "same household", not "same person".
	NoTrain bool `json:"no_train,omitempty"`
	// MaxBlock, when set, skips key values shared by more records than
	// this: a rule on names alone then stays linear in the population (the
	// commonest names are left to the rules that add a date or a place).
	MaxBlock int `json:"max_block,omitempty"`
}

// Key is a column, or its first Prefix characters.
type Key struct {
	Column string `json:"column"`
	Prefix int    `json:"prefix,omitempty"`
}

func (k Key) String() string {
	if k.Prefix > 0 {
		return fmt.Sprintf("left(%s, %d)", k.Column, k.Prefix)
	}
	return k.Column
}

// Columns lists the columns a rule reads.
func (b BlockingRule) Columns() []string {
	var out []string
	for _, k := range b.Keys {
		out = append(out, k.Column)
	}
	return out
}

// LevelKind is the test a comparison level applies.
type LevelKind string

// Level kinds.
const (
	Exact       LevelKind = "exact"         // equal values of Column
	JaroWinkler LevelKind = "jaro_winkler"  // similarity ≥ Threshold
	Jaro        LevelKind = "jaro"          // similarity ≥ Threshold
	Levenshtein LevelKind = "levenshtein"   // edits ≤ Threshold
	Damerau     LevelKind = "damerau"       // edits (with transpositions) ≤ Threshold
	Initial     LevelKind = "initial"       // one side is an initial and the first letters agree
	Swapped     LevelKind = "swapped"       // Column on one side equals Other on the other, both ways
	Cross       LevelKind = "cross"         // Column on one side equals Other on the other, either way
	DateWithin  LevelKind = "date_within"   // |days| ≤ Threshold
	DateSwap    LevelKind = "date_swap"     // same year, day and month swapped
	DateTypo    LevelKind = "date_typo"     // one character differs
	NumWithin   LevelKind = "number_within" // |a-b| ≤ Threshold × max(|a|,|b|)
	Jaccard     LevelKind = "jaccard"       // token-set overlap ≥ Threshold
	Overlap     LevelKind = "overlap"       // at least one shared token
	Else        LevelKind = "else"          // everything else
)

// Level is one outcome of a comparison.
type Level struct {
	Kind      LevelKind `json:"kind"`
	Column    string    `json:"column,omitempty"`
	Other     string    `json:"other,omitempty"`
	Threshold float64   `json:"threshold,omitempty"`
	Label     string    `json:"label"`
	// TF applies the comparison's term-frequency adjustment at this level.
	TF bool `json:"tf,omitempty"`
}

// Comparison compares one aspect of two records through ordered levels: the
// first level whose test passes is the pair's level. A pair with either
// side's Column missing is at the null level, which carries no weight.
type Comparison struct {
	Name   string  `json:"name"`
	Column string  `json:"column"`
	Levels []Level `json:"levels"`
	// TF names the column whose value frequencies adjust the weight of the
	// levels marked TF ("" for none); TFWeight scales the adjustment.
	TF       string  `json:"tf,omitempty"`
	TFWeight float64 `json:"tf_weight,omitempty"`
	// M, when set, fixes m per level (in level order) instead of training
	// it: identifiers, whose disagreement means different records whatever
	// the candidate pairs look like, keep EM from calling every pair that
	// shares a street a match.
	M []float64 `json:"m,omitempty"`
}

// Rule is a deterministic rule: two records that agree on every column of
// Equal (all present on both sides) are a match whatever their score.
type Rule struct {
	Name  string   `json:"name"`
	Equal []string `json:"equal"`
	// HoldIfDifferent: a pair the rule names is held for review, not
	// linked, when its score (the rule's own agreement included) is below
	// the review threshold: everything else says the two are different
	// (a placeholder NHS number, a mother's on her child's record).
	HoldIfDifferent bool `json:"hold_if_different,omitempty"`
}

// Hash identifies the parts of a spec a trained model depends on: the
// comparisons and their levels. A model trained for another hash does not
// fit the spec and is retrained.
func (s *Spec) Hash() string {
	b, _ := json.Marshal(struct {
		M Mode
		C []Comparison
	}{s.Mode, s.Comparisons})
	h := sha256.Sum256(b)
	return hex.EncodeToString(h[:8])
}

// Columns lists every column the spec reads, in first-use order.
func (s *Spec) Columns() []string {
	seen := map[string]bool{}
	var out []string
	add := func(c string) {
		if c != "" && !seen[c] {
			seen[c] = true
			out = append(out, c)
		}
	}
	for _, b := range s.Blocking {
		for _, k := range b.Keys {
			add(k.Column)
		}
	}
	for _, c := range s.Comparisons {
		add(c.Column)
		add(c.TF)
		for _, l := range c.Levels {
			add(l.Column)
			add(l.Other)
		}
	}
	for _, r := range s.Deterministic {
		for _, c := range r.Equal {
			add(c)
		}
	}
	return out
}

// Validate checks that the spec is complete and consistent.
func (s *Spec) Validate() error {
	switch s.Mode {
	case Dedupe, Link, Both:
	default:
		return fmt.Errorf("mode %q (want dedupe, link or both)", s.Mode)
	}
	if len(s.Blocking) == 0 {
		return fmt.Errorf("no blocking rules")
	}
	if len(s.Comparisons) == 0 {
		return fmt.Errorf("no comparisons")
	}
	t := s.Thresholds
	if !(t.Review > 0 && t.Review <= t.Link && t.Link < 1) {
		return fmt.Errorf("thresholds: want 0 < review (%g) ≤ link (%g) < 1", t.Review, t.Link)
	}
	if t.Veto < 0 || t.Veto >= t.Review {
		return fmt.Errorf("thresholds: want 0 ≤ veto (%g) < review (%g)", t.Veto, t.Review)
	}
	if s.Cluster.MinDensity < 0 || s.Cluster.MinDensity > 1 {
		return fmt.Errorf("cluster.min_density %g: want 0..1", s.Cluster.MinDensity)
	}
	names := map[string]bool{}
	for _, b := range s.Blocking {
		if names["block:"+b.Name] {
			return fmt.Errorf("blocking rule %q defined twice", b.Name)
		}
		names["block:"+b.Name] = true
		if len(b.Keys) == 0 {
			return fmt.Errorf("blocking rule %q has no keys", b.Name)
		}
		for _, k := range b.Keys {
			c, ok := LookupColumn(k.Column)
			if !ok {
				return fmt.Errorf("blocking rule %q: unknown column %q (known: %s)", b.Name, k.Column, ColumnNames())
			}
			if c.Type == List {
				return fmt.Errorf("blocking rule %q: column %q is a token list; block on a text column", b.Name, k.Column)
			}
		}
	}
	for _, c := range s.Comparisons {
		if names["cmp:"+c.Name] {
			return fmt.Errorf("comparison %q defined twice", c.Name)
		}
		names["cmp:"+c.Name] = true
		if _, ok := LookupColumn(c.Column); !ok {
			return fmt.Errorf("comparison %q: unknown column %q (known: %s)", c.Name, c.Column, ColumnNames())
		}
		if c.TF != "" {
			if _, ok := LookupColumn(c.TF); !ok {
				return fmt.Errorf("comparison %q: unknown tf column %q", c.Name, c.TF)
			}
		}
		if len(c.Levels) < 2 {
			return fmt.Errorf("comparison %q: want at least two levels", c.Name)
		}
		for i, l := range c.Levels {
			if err := l.check(c); err != nil {
				return fmt.Errorf("comparison %q level %d: %w", c.Name, i+1, err)
			}
			if l.Kind == Else && i != len(c.Levels)-1 {
				return fmt.Errorf("comparison %q: else must be the last level", c.Name)
			}
		}
		if c.Levels[len(c.Levels)-1].Kind != Else {
			return fmt.Errorf("comparison %q: the last level must be else", c.Name)
		}
		if c.M != nil {
			if len(c.M) != len(c.Levels) {
				return fmt.Errorf("comparison %q: m has %d values for %d levels", c.Name, len(c.M), len(c.Levels))
			}
			sum := 0.0
			for _, m := range c.M {
				if m <= 0 || m >= 1 {
					return fmt.Errorf("comparison %q: each m must be between 0 and 1", c.Name)
				}
				sum += m
			}
			if sum < 0.99 || sum > 1.01 {
				return fmt.Errorf("comparison %q: m values sum to %g, want 1", c.Name, sum)
			}
		}
	}
	for _, r := range s.Require {
		if !names["cmp:"+r] {
			return fmt.Errorf("require: no comparison %q", r)
		}
	}
	for _, r := range s.Distinct {
		if !names["cmp:"+r] {
			return fmt.Errorf("distinct: no comparison %q", r)
		}
	}
	for _, r := range s.Deterministic {
		if len(r.Equal) == 0 {
			return fmt.Errorf("deterministic rule %q has no columns", r.Name)
		}
		for _, c := range r.Equal {
			if _, ok := LookupColumn(c); !ok {
				return fmt.Errorf("deterministic rule %q: unknown column %q", r.Name, c)
			}
		}
	}
	return nil
}

func (l Level) check(c Comparison) error {
	col, ok := LookupColumn(l.Column)
	if !ok {
		return fmt.Errorf("unknown column %q (known: %s)", l.Column, ColumnNames())
	}
	needList := l.Kind == Jaccard || l.Kind == Overlap
	anyType := l.Kind == Else || l.Kind == Exact
	if needList && col.Type != List {
		return fmt.Errorf("%s needs a token-list column; %q is not one", l.Kind, l.Column)
	}
	if !needList && !anyType && col.Type == List {
		return fmt.Errorf("%s cannot compare the token list %q (use jaccard or overlap)", l.Kind, l.Column)
	}
	switch l.Kind {
	case Exact, Initial, DateSwap, DateTypo, Overlap, Else:
	case JaroWinkler, Jaro, Jaccard:
		if l.Threshold <= 0 || l.Threshold > 1 {
			return fmt.Errorf("%s threshold %g: want 0 < t ≤ 1", l.Kind, l.Threshold)
		}
	case Levenshtein, Damerau, DateWithin:
		if l.Threshold < 0 || l.Threshold != float64(int(l.Threshold)) {
			return fmt.Errorf("%s: want a whole number ≥ 0, not %g", l.Kind, l.Threshold)
		}
	case NumWithin:
		if l.Threshold < 0 {
			return fmt.Errorf("%s: want a tolerance ≥ 0", l.Kind)
		}
	case Swapped, Cross:
		if _, ok := LookupColumn(l.Other); !ok || l.Other == "" {
			return fmt.Errorf("%s: unknown other column %q", l.Kind, l.Other)
		}
	default:
		return fmt.Errorf("unknown level kind %q", l.Kind)
	}
	if l.TF && c.TF == "" {
		return fmt.Errorf("tf level but the comparison names no tf column")
	}
	return nil
}

// DefaultLabel describes a level for the waterfall and `golden train`.
func (l Level) DefaultLabel(c Comparison) string {
	col := ""
	if l.Column != c.Column {
		col = " " + l.Column
	}
	t := strconv.FormatFloat(l.Threshold, 'g', -1, 64)
	switch l.Kind {
	case Exact:
		return "exact" + col
	case JaroWinkler, Jaro, Jaccard:
		return string(l.Kind) + col + " ≥ " + t
	case Levenshtein, Damerau:
		return string(l.Kind) + col + " ≤ " + t
	case DateWithin:
		return "within " + t + " days"
	case DateSwap:
		return "day and month swapped"
	case DateTypo:
		return "one character differs"
	case NumWithin:
		return "within " + strconv.FormatFloat(l.Threshold*100, 'g', -1, 64) + "%"
	case Swapped:
		return "swapped with " + l.Other
	case Cross:
		return "equals " + l.Other + " on the other side"
	case Initial:
		return "initial" + col
	case Overlap:
		return "shared token" + col
	}
	return strings.TrimSpace(string(l.Kind) + col)
}
