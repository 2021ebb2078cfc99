package matching

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"math"
	"strings"

	"github.com/council/golden/config"
	"github.com/council/golden/matching/em"
	"github.com/council/golden/matching/spec"
	"github.com/council/golden/matching/sqlgen"
	"github.com/council/golden/record"
	"github.com/council/golden/store"
)

// ErrRecordNotFound means a key names no current record.
var ErrRecordNotFound = errors.New("no current record")

// WhyStep is one comparison's contribution to a pair's match weight.
type WhyStep struct {
	Comparison   string  `json:"comparison"`
	ValueA       *string `json:"value_a"`
	ValueB       *string `json:"value_b"`
	Level        string  `json:"level"`
	Gamma        int     `json:"gamma"`
	M            float64 `json:"m,omitempty"`
	U            float64 `json:"u,omitempty"`
	Weight       float64 `json:"weight"`
	TF           float64 `json:"tf,omitempty"`            // the value's term frequency, for tf levels
	TFAdjustment float64 `json:"tf_adjustment,omitempty"` // added to Weight
	Cumulative   float64 `json:"cumulative_weight"`
}

// Explanation is the waterfall of one pair: the prior, each comparison's
// weight, the total and the probability, and what was decided.
type Explanation struct {
	Kind          record.Kind `json:"kind"`
	A             record.Key  `json:"a"`
	B             record.Key  `json:"b"`
	RidA          int64       `json:"rid_a"`
	RidB          int64       `json:"rid_b"`
	ModelVersion  int         `json:"model_version"`
	Prior         float64     `json:"prior"`
	PriorWeight   float64     `json:"prior_weight"`
	Steps         []WhyStep   `json:"steps"`
	MatchWeight   float64     `json:"match_weight"`
	Probability   float64     `json:"probability"`
	Deterministic string      `json:"deterministic_rule,omitempty"`
	// DeterministicHeld: the rule matched but the score is below review,
	// so the pair is held for review instead of linked.
	DeterministicHeld bool   `json:"deterministic_held,omitempty"`
	BlockingRule      string `json:"blocking_rule,omitempty"` // the first rule that makes it a candidate; "" = never compared
	ModeAllows        bool   `json:"mode_allows"`
	Decision          string `json:"decision"` // link | review | no match | not a candidate
	ClusterA          int64  `json:"cluster_a"`
	ClusterB          int64  `json:"cluster_b"`
	SameCluster       bool   `json:"same_cluster"`
	Constraint        string `json:"constraint,omitempty"` // must-link or cannot-link between them
	// Held says why a pair that scores above the review threshold may
	// not be linked automatically (its probability is capped at the review
	// threshold, as scoring does): the required comparisons do not favour
	// a match, or a distinct one disagrees. "" when it is not held.
	Held          string  `json:"held,omitempty"`
	LinkThreshold float64 `json:"link_threshold"`
	Review        float64 `json:"review_threshold"`
}

// Why explains the score of the pair (a, b) under the kind's latest model.
func Why(ctx context.Context, st *store.Store, cfg *config.Config, a, b record.Key) (*Explanation, error) {
	var ridA, ridB int64
	var kindA, kindB string
	for _, x := range []struct {
		k    record.Key
		rid  *int64
		kind *string
	}{{a, &ridA, &kindA}, {b, &ridB, &kindB}} {
		err := st.DB.QueryRowContext(ctx, `SELECT rid, kind FROM current_records WHERE source = $1 AND source_id = $2`, x.k.Source, x.k.SourceID).Scan(x.rid, x.kind)
		if errors.Is(err, sql.ErrNoRows) {
			return nil, fmt.Errorf("%s: %w", x.k, ErrRecordNotFound)
		}
		if err != nil {
			return nil, fmt.Errorf("why: %w", err)
		}
	}
	if kindA != kindB {
		return nil, fmt.Errorf("why: %s is a %s record and %s a %s record: only records of one kind are compared", a, kindA, b, kindB)
	}
	kind := record.Kind(kindA)
	if ridA > ridB {
		a, b, ridA, ridB = b, a, ridB, ridA
	}
	if _, err := refreshFeatures(ctx, st, kind); err != nil {
		return nil, fmt.Errorf("why: %w", err)
	}
	conn, err := st.DB.Conn(ctx)
	if err != nil {
		return nil, err
	}
	defer conn.Close()
	defer dropSession(conn)
	ss, err := openSession(ctx, conn, cfg, kind)
	if err != nil {
		return nil, fmt.Errorf("why: %w", err)
	}
	s, m := ss.spec, ss.model
	q := ss.gen.Explain(ridA, ridB, m.Weights(s))
	rows, err := conn.QueryContext(ctx, q.SQL, q.Args...)
	if err != nil {
		return nil, fmt.Errorf("why: %w", err)
	}
	defer rows.Close()
	cols, _ := rows.Columns()
	if !rows.Next() {
		return nil, fmt.Errorf("why: no features for the pair: %w", ErrRecordNotFound)
	}
	vals := make([]any, len(cols))
	ptrs := make([]any, len(cols))
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	if err := rows.Scan(ptrs...); err != nil {
		return nil, fmt.Errorf("why: %w", err)
	}
	rows.Close()
	col := map[string]any{}
	for i, c := range cols {
		col[c] = vals[i]
	}
	ex := &Explanation{Kind: kind, A: a, B: b, RidA: ridA, RidB: ridB, ModelVersion: m.Version, Prior: m.Prior,
		PriorWeight: em.Logit(m.Prior), LinkThreshold: s.Thresholds.Link, Review: s.Thresholds.Review}
	total := ex.PriorWeight
	for i, c := range s.Comparisons {
		g := int(toFloat(col[sqlgen.GammaCol(c)]))
		step := WhyStep{Comparison: c.Name, Gamma: g, ValueA: toStr(col["vl."+c.Name]), ValueB: toStr(col["vr."+c.Name])}
		if g < 0 {
			step.Level = "null (missing on one or both sides): no weight"
		} else {
			lm := m.level(i, g)
			step.Level, step.M, step.U, step.Weight = lm.Label, lm.M, lm.U, lm.Weight
			if lm.TF {
				tf := toFloat(col[sqlgen.TFPairCol(c)])
				if tf > 0 {
					step.TF = tf
					step.TFAdjustment = c.TFWeight * math.Log2(lm.U/tf)
				}
			}
		}
		total += step.Weight + step.TFAdjustment
		step.Cumulative = total
		ex.Steps = append(ex.Steps, step)
	}
	ex.MatchWeight = total
	ex.Probability = em.Probability(total)
	if d := toStr(col["det"]); d != nil {
		// As scoring: linked, unless the score says they are different.
		scored := ex.Probability
		ex.Deterministic = *d
		ex.Probability = 1
		for _, r := range s.Deterministic {
			if r.Name == *d && r.HoldIfDifferent && scored < s.Thresholds.Review {
				ex.Probability = s.Thresholds.Review
				ex.DeterministicHeld = true
			}
		}
	} else if ex.Probability > s.Thresholds.Review {
		if ex.Held = held(s, ex.Steps); ex.Held != "" {
			ex.Probability = s.Thresholds.Review
		}
	}
	ex.ModeAllows, _ = col["mode_ok"].(bool)
	for i, r := range sqlgen.EffectiveRules(s) {
		if ok, _ := col[fmt.Sprintf("b.%d", i)].(bool); ok && ex.ModeAllows {
			ex.BlockingRule = r.Name
			break
		}
	}
	switch {
	case ex.BlockingRule == "":
		ex.Decision = "not a candidate"
	case ex.Probability >= s.Thresholds.Link:
		ex.Decision = "link"
	case ex.Probability >= s.Thresholds.Review:
		ex.Decision = "review"
	default:
		ex.Decision = "no match"
	}
	for _, x := range []struct {
		rid int64
		out *int64
	}{{ridA, &ex.ClusterA}, {ridB, &ex.ClusterB}} {
		if err := conn.QueryRowContext(ctx, `SELECT cluster_id FROM match_clusters WHERE kind = $1 AND rid = $2`, string(kind), x.rid).Scan(x.out); err != nil && !errors.Is(err, sql.ErrNoRows) {
			return nil, fmt.Errorf("why: %w", err)
		}
	}
	ex.SameCluster = ex.ClusterA != 0 && ex.ClusterA == ex.ClusterB
	var rule sql.NullString
	err = conn.QueryRowContext(ctx, `SELECT rule FROM link_constraints WHERE kind = $1 AND active AND
		((a_source = $2 AND a_id = $3 AND b_source = $4 AND b_id = $5) OR (a_source = $4 AND a_id = $5 AND b_source = $2 AND b_id = $3))
		ORDER BY decided_at DESC LIMIT 1`, string(kind), a.Source, a.SourceID, b.Source, b.SourceID).Scan(&rule)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("why: %w", err)
	}
	ex.Constraint = rule.String
	return ex, nil
}

// held mirrors the scoring's cap (sqlgen's heldCond) on one pair's steps:
// why the pair may not be linked automatically, or "".
func held(s *spec.Spec, steps []WhyStep) string {
	var why []string
	if len(s.Require) > 0 {
		req := map[string]bool{}
		for _, r := range s.Require {
			req[r] = true
		}
		sum := 0.0
		for _, st := range steps {
			if req[st.Comparison] {
				sum += st.Weight + st.TFAdjustment
			}
		}
		if sum <= s.Thresholds.RequireWeight {
			why = append(why, fmt.Sprintf("the required comparisons (%s) add up to %+.2f, not above %+.2f",
				strings.Join(s.Require, ", "), sum, s.Thresholds.RequireWeight))
		}
	}
	for _, name := range s.Distinct {
		for _, st := range steps {
			if st.Comparison == name && st.Gamma == 0 {
				why = append(why, name+" disagrees (two different values are two different things)")
			}
		}
	}
	return strings.Join(why, "; ")
}

func toFloat(v any) float64 {
	switch x := v.(type) {
	case int8:
		return float64(x)
	case int16:
		return float64(x)
	case int32:
		return float64(x)
	case int64:
		return float64(x)
	case float32:
		return float64(x)
	case float64:
		return x
	}
	return 0
}

func toStr(v any) *string {
	switch x := v.(type) {
	case string:
		return &x
	case []byte:
		s := string(x)
		return &s
	}
	return nil
}
