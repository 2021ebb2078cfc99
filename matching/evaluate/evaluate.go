// Package evaluate measures a clustering against the truth: pairwise
// precision, recall and F1 over all true pairs (pairs blocking never
// produced count as misses), B-cubed and cluster-level figures, blocking
// recall, and a threshold sweep over scored pairs.
package evaluate

import (
	"math"
	"sort"
)

// Pair is an unordered pair of record keys (A < B).
type Pair struct{ A, B string }

// MakePair orders a and b.
func MakePair(a, b string) Pair {
	if a > b {
		a, b = b, a
	}
	return Pair{a, b}
}

// Scores are precision, recall and F1.
type Scores struct {
	TruePositives  int64   `json:"true_positives"`
	FalsePositives int64   `json:"false_positives"`
	FalseNegatives int64   `json:"false_negatives"`
	Precision      float64 `json:"precision"`
	Recall         float64 `json:"recall"`
	F1             float64 `json:"f1"`
}

func scores(tp, fp, fn int64) Scores {
	s := Scores{TruePositives: tp, FalsePositives: fp, FalseNegatives: fn}
	if tp+fp > 0 {
		s.Precision = float64(tp) / float64(tp+fp)
	} else {
		s.Precision = 1
	}
	if tp+fn > 0 {
		s.Recall = float64(tp) / float64(tp+fn)
	} else {
		s.Recall = 1
	}
	if s.Precision+s.Recall > 0 {
		s.F1 = 2 * s.Precision * s.Recall / (s.Precision + s.Recall)
	}
	return s
}

// groups inverts a key → label map.
func groups(labels map[string]string) map[string][]string {
	g := map[string][]string{}
	for k, l := range labels {
		g[l] = append(g[l], k)
	}
	return g
}

func pairCount(n int) int64 { return int64(n) * int64(n-1) / 2 }

// Pairwise compares predicted clusters with true entities over the keys in
// truth (keys missing from predicted are singletons). It counts pairs
// without listing them, so very large clusters are cheap.
func Pairwise(truth, predicted map[string]string) Scores {
	// Contingency of (true entity, predicted cluster).
	type cell struct{ t, p string }
	cont := map[cell]int{}
	tSize := map[string]int{}
	pSize := map[string]int{}
	for k, t := range truth {
		p, ok := predicted[k]
		if !ok {
			p = "\x00" + k
		}
		cont[cell{t, p}]++
		tSize[t]++
		pSize[p]++
	}
	var tp, truePairs, predPairs int64
	for _, n := range cont {
		tp += pairCount(n)
	}
	for _, n := range tSize {
		truePairs += pairCount(n)
	}
	for _, n := range pSize {
		predPairs += pairCount(n)
	}
	return scores(tp, predPairs-tp, truePairs-tp)
}

// BCubed is the B-cubed precision, recall and F1 (averaged per record).
func BCubed(truth, predicted map[string]string) Scores {
	type cell struct{ t, p string }
	cont := map[cell]int{}
	tSize := map[string]int{}
	pSize := map[string]int{}
	pred := func(k string) string {
		if p, ok := predicted[k]; ok {
			return p
		}
		return "\x00" + k
	}
	for k, t := range truth {
		p := pred(k)
		cont[cell{t, p}]++
		tSize[t]++
		pSize[p]++
	}
	var prec, rec float64
	for c, n := range cont {
		// Each of the n records in this cell has n correct companions.
		prec += float64(n) * float64(n) / float64(pSize[c.p])
		rec += float64(n) * float64(n) / float64(tSize[c.t])
	}
	N := float64(len(truth))
	s := Scores{Precision: prec / N, Recall: rec / N}
	if s.Precision+s.Recall > 0 {
		s.F1 = 2 * s.Precision * s.Recall / (s.Precision + s.Recall)
	}
	return s
}

// Clusters are cluster-level figures: how many predicted clusters equal a
// true entity exactly.
type Clusters struct {
	TrueEntities      int     `json:"true_entities"`
	PredictedClusters int     `json:"predicted_clusters"`
	ExactMatches      int     `json:"exact_matches"`
	ExactShare        float64 `json:"exact_share"` // of true entities
	LargestPredicted  int     `json:"largest_predicted"`
	LargestTrue       int     `json:"largest_true"`
}

// ClusterLevel compares clusters as sets.
func ClusterLevel(truth, predicted map[string]string) Clusters {
	pred := map[string]string{}
	for k := range truth {
		if p, ok := predicted[k]; ok {
			pred[k] = p
		} else {
			pred[k] = "\x00" + k
		}
	}
	tg, pg := groups(truth), groups(pred)
	c := Clusters{TrueEntities: len(tg), PredictedClusters: len(pg)}
	sig := func(keys []string) string {
		s := append([]string(nil), keys...)
		sort.Strings(s)
		out := ""
		for _, k := range s {
			out += k + "\x00"
		}
		return out
	}
	tsig := map[string]bool{}
	for _, ks := range tg {
		tsig[sig(ks)] = true
		c.LargestTrue = max(c.LargestTrue, len(ks))
	}
	for _, ks := range pg {
		if tsig[sig(ks)] {
			c.ExactMatches++
		}
		c.LargestPredicted = max(c.LargestPredicted, len(ks))
	}
	if c.TrueEntities > 0 {
		c.ExactShare = float64(c.ExactMatches) / float64(c.TrueEntities)
	}
	return c
}

// ScoredPair is a candidate pair with its match probability.
type ScoredPair struct {
	Pair
	P float64
}

// SweepRow is pairwise precision and recall of the rule "link every scored
// pair at or above Threshold" (without clustering).
type SweepRow struct {
	Threshold float64 `json:"threshold"`
	Scores
}

// Sweep evaluates thresholds over scored pairs against the truth; true
// pairs never scored count as misses at every threshold.
func Sweep(truth map[string]string, pairs []ScoredPair, thresholds []float64) []SweepRow {
	var truePairs int64
	for _, ks := range groups(truth) {
		truePairs += pairCount(len(ks))
	}
	var out []SweepRow
	for _, t := range thresholds {
		var tp, fp int64
		for _, p := range pairs {
			if p.P < t {
				continue
			}
			ta, okA := truth[p.A]
			tb, okB := truth[p.B]
			if !okA || !okB {
				continue
			}
			if ta == tb {
				tp++
			} else {
				fp++
			}
		}
		out = append(out, SweepRow{Threshold: t, Scores: scores(tp, fp, truePairs-tp)})
	}
	return out
}

// BlockingRecall is the share of true pairs among the candidates.
func BlockingRecall(truth map[string]string, candidates []Pair) (recall float64, found, truePairs int64) {
	for _, ks := range groups(truth) {
		truePairs += pairCount(len(ks))
	}
	seen := map[Pair]bool{}
	for _, p := range candidates {
		p = MakePair(p.A, p.B)
		if seen[p] {
			continue
		}
		seen[p] = true
		ta, okA := truth[p.A]
		tb, okB := truth[p.B]
		if okA && okB && ta == tb {
			found++
		}
	}
	if truePairs == 0 {
		return 1, found, 0
	}
	return float64(found) / float64(truePairs), found, truePairs
}

// Round rounds to n decimals, for reports.
func Round(x float64, n int) float64 {
	p := math.Pow(10, float64(n))
	return math.Round(x*p) / p
}

// PairScores computes precision, recall and F1 from counts.
func PairScores(tp, fp, fn int64) Scores { return scores(tp, fp, fn) }
