package matching

import (
	"github.com/council/golden/matching/em"
	"github.com/council/golden/matching/spec"
)

// dropDistinct removes from EM's input the agreement patterns at the else
// level of a Spec.Distinct comparison: those pairs hold different values of
// an identifier that one thing never has two of, so they are known
// non-matches. Left in, EM may take a common kind of non-match (flats of
// one building, say, which share everything but the flat and the UPRN)
// for the matches it is looking for. They still count for u, which comes
// from random pairs.
func dropDistinct(s *spec.Spec, byRule map[string][]em.Pattern) {
	var idx []int
	for _, d := range s.Distinct {
		for i, c := range s.Comparisons {
			if c.Name == d {
				idx = append(idx, i)
			}
		}
	}
	if len(idx) == 0 {
		return
	}
	for r, ps := range byRule {
		kept := ps[:0]
		for _, p := range ps {
			known := false
			for _, i := range idx {
				known = known || p.Gammas[i] == 0
			}
			if !known {
				kept = append(kept, p)
			}
		}
		byRule[r] = kept
	}
}

// monotone makes a comparison's level weights non-increasing in level
// order. A spec lists levels strongest first, so a pair at one level must
// never count as less evidence of a match than a pair at a level below it;
// but EM, run only on the sessions where a comparison is free, can leave a
// level it hardly saw with an m near zero (nicknames, when most nickname
// pairs come from records without a birth date) and a level with a handful
// of pairs with a wild ratio. Adjacent levels that break the order are
// pooled (pool-adjacent-violators over m and u): each gets the weight of
// the pooled m and u, so a level backed by little mass moves to its
// neighbour rather than the other way round. m and u stay as estimated.
func monotone(levels []LevelModel) {
	type block struct {
		from, to int // level indexes, inclusive
		m, u     float64
	}
	w := func(b block) float64 { return em.Weight(b.m, b.u) }
	var stack []block
	// From the weakest level up: each new (stronger) block must weigh at
	// least as much as the block below it.
	for j := len(levels) - 1; j >= 0; j-- {
		b := block{from: j, to: j, m: levels[j].M, u: levels[j].U}
		for len(stack) > 0 && w(b) < w(stack[len(stack)-1]) {
			top := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			b = block{from: b.from, to: top.to, m: b.m + top.m, u: b.u + top.u}
		}
		stack = append(stack, b)
	}
	for _, b := range stack {
		if b.from == b.to {
			continue
		}
		for j := b.from; j <= b.to; j++ {
			levels[j].Weight = w(b)
		}
	}
}
