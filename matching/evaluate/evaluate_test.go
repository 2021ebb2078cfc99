package evaluate

import (
	"math"
	"testing"
)

func TestPairwise(t *testing.T) {
	truth := map[string]string{"a": "1", "b": "1", "c": "1", "d": "2", "e": "3"}
	tests := []struct {
		name      string
		predicted map[string]string
		p, r      float64
	}{
		{"perfect", map[string]string{"a": "x", "b": "x", "c": "x", "d": "y", "e": "z"}, 1, 1},
		{"all singletons", map[string]string{}, 1, 0},
		{"one split", map[string]string{"a": "x", "b": "x", "c": "y", "d": "z", "e": "w"}, 1, 1.0 / 3},
		{"one false merge", map[string]string{"a": "x", "b": "x", "c": "x", "d": "x", "e": "z"}, 0.5, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := Pairwise(truth, tt.predicted)
			if math.Abs(s.Precision-tt.p) > 1e-9 || math.Abs(s.Recall-tt.r) > 1e-9 {
				t.Errorf("P %.3f R %.3f, want %.3f %.3f", s.Precision, s.Recall, tt.p, tt.r)
			}
		})
	}
}

func TestBCubedAndClusters(t *testing.T) {
	truth := map[string]string{"a": "1", "b": "1", "c": "2"}
	pred := map[string]string{"a": "x", "b": "x", "c": "x"}
	b := BCubed(truth, pred)
	// a and b: precision 2/3 each, c: 1/3 → 5/9; recall 1.
	if math.Abs(b.Precision-5.0/9) > 1e-9 || b.Recall != 1 {
		t.Errorf("B-cubed = %+v", b)
	}
	c := ClusterLevel(truth, map[string]string{"a": "x", "b": "x", "c": "y"})
	if c.ExactMatches != 2 || c.TrueEntities != 2 {
		t.Errorf("clusters = %+v", c)
	}
}

func TestSweepCountsUnscoredTruePairsAsMisses(t *testing.T) {
	truth := map[string]string{"a": "1", "b": "1", "c": "1"}
	rows := Sweep(truth, []ScoredPair{{MakePair("a", "b"), 0.9}}, []float64{0.5})
	if rows[0].TruePositives != 1 || rows[0].FalseNegatives != 2 {
		t.Errorf("sweep = %+v", rows[0])
	}
	r, found, all := BlockingRecall(truth, []Pair{{"b", "a"}})
	if found != 1 || all != 3 || math.Abs(r-1.0/3) > 1e-9 {
		t.Errorf("blocking recall %v %d %d", r, found, all)
	}
}
