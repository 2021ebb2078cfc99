// Package em estimates a Fellegi-Sunter model without labels. u (the chance
// that two records that do not match agree at a level) comes from counts of
// agreement patterns over random pairs; m (the same for matches) and the
// share of matches come from Expectation-Maximisation over counts of
// agreement patterns among candidate pairs, with u held fixed. EM runs on
// aggregated patterns (a few thousand rows however many pairs there are),
// not on pairs.
package em

import (
	"fmt"
	"math"
)

// Null is the level value of a comparison with a missing side.
const Null = -1

// Pattern is one agreement pattern and how many pairs have it.
type Pattern struct {
	Gammas []int8 // one level per comparison; Null for missing
	Count  float64
}

// U estimates u[c][level] from random-pair patterns. Each level's count is
// smoothed by one half pair so that a level never seen among random pairs
// (an exact identifier match, say) gets a small u rather than zero.
func U(patterns []Pattern, levels []int) [][]float64 {
	u := make([][]float64, len(levels))
	for c, n := range levels {
		cnt := make([]float64, n)
		total := 0.0
		for _, p := range patterns {
			g := p.Gammas[c]
			if g == Null {
				continue
			}
			cnt[g] += p.Count
			total += p.Count
		}
		u[c] = make([]float64, n)
		for k := range cnt {
			u[c][k] = (cnt[k] + 0.5) / (total + 0.5*float64(n))
		}
	}
	return u
}

// InitialM is a starting point for m: most matches at the top level, few at
// the bottom.
func InitialM(levels []int) [][]float64 {
	m := make([][]float64, len(levels))
	for c, n := range levels {
		m[c] = make([]float64, n)
		if n == 1 {
			m[c][0] = 1
			continue
		}
		m[c][n-1] = 0.85
		m[c][0] = 0.03
		for k := 1; k < n-1; k++ {
			m[c][k] = 0.12 / float64(n-2)
		}
		if n == 2 {
			m[c][0] = 0.15
		}
	}
	return m
}

// Options tune one EM session.
type Options struct {
	MaxIterations int
	Tolerance     float64
	// Free marks the comparisons whose m is estimated; the others (usually
	// those a blocking rule made agree) are left out of the likelihood,
	// unless Known marks them: their m (as given in m0) is used but not
	// changed.
	Free  []bool
	Known []bool
}

// Result is what one EM session found.
type Result struct {
	M          [][]float64
	Lambda     float64 // share of matches among the session's pairs
	Matches    float64 // expected number of matches among them
	Pairs      float64
	Iterations int
	Converged  bool
}

// Run runs EM over patterns with u fixed, starting from m0 and lambda0.
func Run(patterns []Pattern, levels []int, u, m0 [][]float64, lambda0 float64, opt Options) (*Result, error) {
	if len(patterns) == 0 {
		return nil, fmt.Errorf("em: no pairs")
	}
	nc := len(levels)
	free := opt.Free
	if free == nil {
		free = make([]bool, nc)
		for i := range free {
			free[i] = true
		}
	}
	use := make([]bool, nc)
	for c := range use {
		use[c] = free[c] || (opt.Known != nil && opt.Known[c])
	}
	m := make([][]float64, nc)
	for c := range m {
		m[c] = append([]float64(nil), m0[c]...)
	}
	lambda := lambda0
	if lambda <= 0 || lambda >= 1 {
		lambda = 0.1
	}
	res := &Result{}
	for _, p := range patterns {
		res.Pairs += p.Count
	}
	// Per-pattern log-likelihood ratio pieces of u are constant: precompute.
	logU := make([]float64, len(patterns))
	for i, p := range patterns {
		for c, g := range p.Gammas {
			if g != Null && use[c] {
				logU[i] += math.Log(u[c][g])
			}
		}
	}
	acc := make([][]float64, nc)
	for c := range acc {
		acc[c] = make([]float64, levels[c])
	}
	for it := 1; it <= opt.MaxIterations; it++ {
		for c := range acc {
			clear(acc[c])
		}
		sumP := 0.0
		for i, p := range patterns {
			lm := 0.0
			for c, g := range p.Gammas {
				if g != Null && use[c] {
					lm += math.Log(m[c][g])
				}
			}
			// posterior = 1 / (1 + (1-λ)/λ · exp(logU - logM))
			post := 1 / (1 + (1-lambda)/lambda*math.Exp(logU[i]-lm))
			w := post * p.Count
			sumP += w
			for c, g := range p.Gammas {
				if g != Null {
					acc[c][g] += w
				}
			}
		}
		newLambda := sumP / res.Pairs
		delta := math.Abs(newLambda - lambda)
		for c := range m {
			if !free[c] {
				continue
			}
			tot := 0.0
			for _, v := range acc[c] {
				tot += v
			}
			if tot <= 0 {
				continue
			}
			for k := range m[c] {
				// A floor keeps every level possible for a match.
				v := math.Max(acc[c][k]/tot, 1e-6)
				delta = math.Max(delta, math.Abs(v-m[c][k]))
				m[c][k] = v
			}
		}
		lambda = math.Min(math.Max(newLambda, 1e-9), 1-1e-9)
		res.Iterations = it
		res.Matches = sumP
		if delta < opt.Tolerance {
			res.Converged = true
			break
		}
	}
	res.M = m
	res.Lambda = lambda
	return res, nil
}

// Weight is log2(m/u), the match weight of a level.
func Weight(m, u float64) float64 { return math.Log2(m / u) }

// Logit is log2(p/(1-p)).
func Logit(p float64) float64 { return math.Log2(p / (1 - p)) }

// Probability turns a match weight into a probability.
func Probability(w float64) float64 { return 1 / (1 + math.Pow(2, -w)) }
