package matching

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"math"
	"strings"
	"time"

	"github.com/council/golden/matching/em"
	"github.com/council/golden/matching/spec"
	"github.com/council/golden/matching/sqlgen"
	"github.com/council/golden/record"
	"github.com/council/golden/store"
)

// errNothingToLearn is train's answer when no two records are alike enough
// to be candidates (or there is only one): there is nothing to learn m from,
// and nothing to link.
var errNothingToLearn = errors.New("nothing to learn from")

// minSessionPairs is the fewest pairs a blocking rule must produce for its
// EM session to contribute m estimates.
const minSessionPairs = 50

// group is the field a feature column derives from: given_dm → given.
func group(col string) string {
	for _, p := range []string{"given", "family", "pc", "biz", "dob"} {
		if col == p || strings.HasPrefix(col, p+"_") {
			return p
		}
	}
	return col
}

// comparisonGroups lists the fields a comparison reads.
func comparisonGroups(c spec.Comparison) map[string]bool {
	g := map[string]bool{group(c.Column): true}
	for _, l := range c.Levels {
		g[group(l.Column)] = true
		if l.Other != "" {
			g[group(l.Other)] = true
		}
	}
	return g
}

func blocked(c spec.Comparison, keyGroups map[string]bool) bool {
	for g := range comparisonGroups(c) {
		if keyGroups[g] {
			return true
		}
	}
	return false
}

// train estimates a model from the candidate table on conn (which must
// hold the base and candidate tables). It builds the gammas table.
func train(ctx context.Context, conn *sql.Conn, gen *sqlgen.Gen, kind record.Kind, log func(string, ...any)) (*Model, error) {
	s := gen.Spec
	levels := make([]int, len(s.Comparisons))
	for i, c := range s.Comparisons {
		levels[i] = len(c.Levels)
	}
	rules := sqlgen.EffectiveRules(s)
	smp, err := trainingSample(ctx, conn, gen, rules)
	if err != nil {
		return nil, err
	}
	q := gen.Gammas(smp)
	if _, err := conn.ExecContext(ctx, q.SQL, q.Args...); err != nil {
		return nil, fmt.Errorf("train: comparison vectors: %w", err)
	}
	// Records per source, for the number of possible pairs.
	var perSource []int64
	var records int64
	rows, err := conn.QueryContext(ctx, `SELECT count(*) FROM `+gen.D.Quote(gen.T.Base)+` GROUP BY source`)
	if err != nil {
		return nil, fmt.Errorf("train: %w", err)
	}
	for rows.Next() {
		var n int64
		rows.Scan(&n)
		perSource = append(perSource, n)
		records += n
	}
	rows.Close()
	var possible float64
	sumSq := 0.0
	for _, n := range perSource {
		sumSq += float64(n) * float64(n-1) / 2
	}
	all := float64(records) * float64(records-1) / 2
	switch s.Mode {
	case spec.Dedupe:
		possible = sumSq
	case spec.Link:
		possible = all - sumSq
	default:
		possible = all
	}
	if possible < 1 {
		return nil, fmt.Errorf("train: %d %s records give no pairs to compare: %w", records, kind, errNothingToLearn)
	}

	// u from random pairs.
	sample := int(math.Ceil(math.Sqrt(2 * float64(s.Training.RandomPairs))))
	rq := gen.RandomPatterns(sample, s.Training.Seed)
	var rnd []em.Pattern
	err = readPatterns(ctx, conn, rq, len(levels), func(p em.Pattern) { rnd = append(rnd, p) })
	if err != nil {
		return nil, fmt.Errorf("train: random pairs: %w", err)
	}
	var randomPairs float64
	for _, p := range rnd {
		randomPairs += p.Count
	}
	if randomPairs == 0 {
		return nil, fmt.Errorf("train: no random pairs (one source in link mode?)")
	}
	u := em.U(rnd, levels)

	// m and λ by EM, one session per blocking rule.
	counts, err := readSampledPatterns(ctx, conn, gen.PatternCounts(smp), len(levels))
	if err != nil {
		return nil, fmt.Errorf("train: pattern counts: %w", err)
	}
	// Each rule trains on every candidate pair it finds (or its sample of
	// them), whichever rule found it first: a rule's pairs must not be
	// thinned by earlier rules, or a later rule sees only the pairs that
	// disagree on their keys. A sampled pair counts for the pairs it stands
	// for (1 / the chance it was kept), so expected matches and λ are those
	// of all candidates.
	byRule := map[string][]em.Pattern{}
	trainMask := int64(0)
	for i, r := range rules {
		if i < 63 && !r.NoTrain {
			trainMask |= 1 << i
		}
	}
	var allPatterns []em.Pattern
	for _, sp := range counts {
		for i, r := range rules {
			if i < 63 && sp.kept&(1<<i) != 0 {
				p := sp.pattern
				p.Count /= smp.Share(i)
				byRule[r.Name] = append(byRule[r.Name], p)
			}
		}
		if sp.kept&trainMask != 0 && sp.p > 0 {
			p := sp.pattern
			p.Count /= sp.p
			allPatterns = append(allPatterns, p)
		}
	}
	dropDistinct(s, byRule)
	pool := map[string][]em.Pattern{"": allPatterns}
	dropDistinct(s, pool)
	allPatterns = pool[""]
	if len(allPatterns) == 0 {
		return nil, fmt.Errorf("train: blocking found no candidate pairs among %d %s records: %w", records, kind, errNothingToLearn)
	}
	// Comparisons with a fixed m take part in every session, untrained.
	known := make([]bool, len(levels))
	m0 := em.InitialM(levels)
	for i, c := range s.Comparisons {
		if c.M != nil {
			known[i] = true
			for j := range c.Levels {
				m0[i][sqlgen.Gamma(c, j)] = c.M[j]
			}
		}
	}
	globalFree := make([]bool, len(levels))
	for i := range globalFree {
		globalFree[i] = !known[i]
	}
	opt := em.Options{MaxIterations: s.Training.MaxIterations, Tolerance: s.Training.Tolerance}
	gopt := opt
	gopt.Free, gopt.Known = globalFree, known
	global, err := em.Run(allPatterns, levels, u, m0, 0.1, gopt)
	if err != nil {
		return nil, fmt.Errorf("train: %w", err)
	}
	mSum := make([][]float64, len(levels))
	wSum := make([]float64, len(levels))
	for i := range mSum {
		mSum[i] = make([]float64, levels[i])
	}
	model := &Model{Kind: kind, SpecHash: s.Hash(), TrainedAt: time.Now().UTC(), Records: records, RandomPairs: int64(randomPairs)}
	expected := 0.0
	for _, r := range rules {
		ps := byRule[r.Name]
		if len(ps) == 0 || r.NoTrain {
			continue
		}
		keyGroups := map[string]bool{}
		for _, k := range r.Keys {
			keyGroups[group(k.Column)] = true
		}
		free := make([]bool, len(levels))
		var fixed []string
		anyFree := false
		for i, c := range s.Comparisons {
			free[i] = !known[i]
			for g := range comparisonGroups(c) {
				if keyGroups[g] {
					free[i] = false
				}
			}
			if free[i] {
				anyFree = true
			} else {
				fixed = append(fixed, c.Name)
			}
		}
		sess := Session{Rule: r.Name, Fixed: fixed}
		for _, p := range ps {
			sess.Pairs += int64(p.Count)
		}
		if !anyFree {
			continue
		}
		o := opt
		o.Free = free
		o.Known = make([]bool, len(levels))
		for i := range known {
			// A fixed comparison stays in the likelihood unless the rule
			// blocked on it.
			o.Known[i] = known[i] && !blocked(s.Comparisons[i], keyGroups)
		}
		res, err := em.Run(ps, levels, u, global.M, global.Lambda, o)
		if err != nil {
			return nil, fmt.Errorf("train: rule %s: %w", r.Name, err)
		}
		sess.Matches, sess.Iterations, sess.Converged = res.Matches, res.Iterations, res.Converged
		expected += res.Matches
		if sess.Pairs >= minSessionPairs && res.Matches >= 1 {
			for i := range levels {
				if !free[i] {
					continue
				}
				for k := range mSum[i] {
					mSum[i][k] += res.Matches * res.M[i][k]
				}
				wSum[i] += res.Matches
			}
		}
		model.Sessions = append(model.Sessions, sess)
		log("em session", "rule", r.Name, "pairs", sess.Pairs, "expected_matches", math.Round(res.Matches), "iterations", res.Iterations)
	}
	model.Prior = math.Min(math.Max(expected/possible, 1e-12), 0.5)
	for i, c := range s.Comparisons {
		cm := ComparisonModel{Name: c.Name}
		for j, l := range c.Levels {
			gam := sqlgen.Gamma(c, j)
			// Half a match of pseudo-count per level, as u has half a pair:
			// a level no training pair reached (a rare spelling, a building
			// on the street line) is unseen, not impossible.
			k := float64(len(c.Levels))
			m := (global.M[i][gam]*global.Matches + 0.5) / (global.Matches + 0.5*k)
			if wSum[i] > 0 {
				m = (mSum[i][gam] + 0.5) / (wSum[i] + 0.5*k)
			}
			if c.M != nil {
				m = c.M[j]
			}
			cm.Levels = append(cm.Levels, LevelModel{Label: l.Label, Gamma: gam, M: m, U: u[i][gam], Weight: em.Weight(m, u[i][gam]), TF: l.TF})
		}
		monotone(cm.Levels)
		model.Comparisons = append(model.Comparisons, cm)
	}
	return model, nil
}

// trainingSample chooses, per effective rule, the share of its candidate
// pairs that training reads: all of them up to Training.MaxPairs, then a
// repeatable sample of MaxPairs (by a hash of the pair and the seed).
func trainingSample(ctx context.Context, conn *sql.Conn, gen *sqlgen.Gen, rules []spec.BlockingRule) (sqlgen.Sample, error) {
	s := gen.Spec
	smp := sqlgen.Sample{Seed: s.Training.Seed}
	for _, r := range rules {
		smp.Train = append(smp.Train, !r.NoTrain)
	}
	if s.Training.MaxPairs <= 0 {
		return smp, nil
	}
	q := gen.RuleCounts()
	n := min(len(rules), 63)
	counts := make([]int64, n)
	dest := make([]any, n)
	for i := range counts {
		dest[i] = &counts[i]
	}
	if n > 0 {
		if err := conn.QueryRowContext(ctx, q.SQL, q.Args...).Scan(dest...); err != nil {
			return smp, fmt.Errorf("train: pairs per rule: %w", err)
		}
	}
	for _, c := range counts {
		f := 1.0
		if c > int64(s.Training.MaxPairs) {
			f = float64(s.Training.MaxPairs) / float64(c)
		}
		smp.Fraction = append(smp.Fraction, f)
	}
	return smp, nil
}

// sampledPattern is one row of the sampled pattern counts.
type sampledPattern struct {
	kept    int64   // rules whose sample holds these pairs
	p       float64 // chance the global session's sample holds them
	pattern em.Pattern
}

func readSampledPatterns(ctx context.Context, conn *sql.Conn, q sqlgen.Query, nc int) ([]sampledPattern, error) {
	var out []sampledPattern
	var kept int64
	var p float64
	err := readPatterns(ctx, conn, q, nc, func(pt em.Pattern) {
		out = append(out, sampledPattern{kept: kept, p: p, pattern: pt})
	}, &kept, &p)
	return out, err
}

// readPatterns reads pattern counts (a row is the comparison vector's nc
// gammas, then the count), passing each to add. lead are scanned from the
// columns before the gammas, before add sees the row.
func readPatterns(ctx context.Context, conn *sql.Conn, q sqlgen.Query, nc int, add func(em.Pattern), lead ...any) error {
	rows, err := conn.QueryContext(ctx, q.SQL, q.Args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	g := make([]int64, nc)
	var n int64
	dest := append(lead[:len(lead):len(lead)], make([]any, 0, nc+1)...)
	for i := range g {
		dest = append(dest, &g[i])
	}
	dest = append(dest, &n)
	for rows.Next() {
		if err := rows.Scan(dest...); err != nil {
			return err
		}
		p := em.Pattern{Gammas: make([]int8, nc), Count: float64(n)}
		for i, v := range g {
			p.Gammas[i] = int8(v)
		}
		add(p)
	}
	return rows.Err()
}

// saveModel stores m as the next version of its kind, with the term
// frequencies of the spec's tf columns, and sets m.Version and m.TFFloor.
func saveModel(ctx context.Context, st *store.Store, conn *sql.Conn, gen *sqlgen.Gen, m *Model, runID int64) error {
	return st.InTxConn(ctx, conn, func(tx *store.Tx) error {
		if err := tx.QueryRowContext(ctx, `SELECT coalesce(max(version), 0) + 1 FROM match_models WHERE kind = $1`, string(m.Kind)).Scan(&m.Version); err != nil {
			return fmt.Errorf("save model: %w", err)
		}
		m.TFFloor = map[string]float64{}
		for _, c := range gen.TFColumns() {
			col := gen.D.Quote(c)
			_, err := tx.ExecContext(ctx, `INSERT INTO match_tf (kind, version, col, value, tf)
				SELECT $1, $2, $3, v, count(*)::DOUBLE / sum(count(*)) OVER ()
				FROM (SELECT `+col+` AS v FROM match_features WHERE kind = $1 AND `+col+` IS NOT NULL) GROUP BY v`,
				string(m.Kind), m.Version, c)
			if err != nil {
				return fmt.Errorf("save model: term frequencies of %s: %w", c, err)
			}
			var n int64
			if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM match_features WHERE kind = $1 AND `+col+` IS NOT NULL`, string(m.Kind)).Scan(&n); err != nil {
				return fmt.Errorf("save model: %w", err)
			}
			m.TFFloor[c] = 1 / math.Max(float64(n), 1)
		}
		text, err := jsonIndent(m)
		if err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, `INSERT INTO match_models (kind, version, spec_hash, trained_at, run_id, model) VALUES ($1, $2, $3, $4, $5, $6)`,
			string(m.Kind), m.Version, m.SpecHash, m.TrainedAt, runID, text)
		if err != nil {
			return fmt.Errorf("save model: %w", err)
		}
		return nil
	})
}
