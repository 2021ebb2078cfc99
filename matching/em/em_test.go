package em

import (
	"math"
	"testing"
)

// TestRecoversParameters: patterns drawn from a known two-class model give
// back its m and its share of matches.
func TestRecoversParameters(t *testing.T) {
	levels := []int{2, 3}
	trueM := [][]float64{{0.1, 0.9}, {0.05, 0.15, 0.8}}
	u := [][]float64{{0.95, 0.05}, {0.9, 0.08, 0.02}}
	lambda := 0.2
	n := 100000.0
	var ps []Pattern
	for a := 0; a < 2; a++ {
		for b := 0; b < 3; b++ {
			c := n * (lambda*trueM[0][a]*trueM[1][b] + (1-lambda)*u[0][a]*u[1][b])
			ps = append(ps, Pattern{Gammas: []int8{int8(a), int8(b)}, Count: c})
		}
	}
	res, err := Run(ps, levels, u, InitialM(levels), 0.5, Options{MaxIterations: 1000, Tolerance: 1e-9})
	if err != nil {
		t.Fatal(err)
	}
	if math.Abs(res.Lambda-lambda) > 0.01 {
		t.Errorf("lambda = %.4f, want %.2f", res.Lambda, lambda)
	}
	for c := range trueM {
		for k := range trueM[c] {
			if math.Abs(res.M[c][k]-trueM[c][k]) > 0.02 {
				t.Errorf("m[%d][%d] = %.4f, want %.2f", c, k, res.M[c][k], trueM[c][k])
			}
		}
	}
}

func TestUSmoothsUnseenLevels(t *testing.T) {
	u := U([]Pattern{{Gammas: []int8{0}, Count: 1000}, {Gammas: []int8{Null}, Count: 50}}, []int{2})
	if u[0][1] <= 0 || u[0][1] > 0.001 || math.Abs(u[0][0]+u[0][1]-1) > 1e-9 {
		t.Errorf("u = %v", u[0])
	}
}

func TestWeight(t *testing.T) {
	if w := Weight(0.9, 0.01); math.Abs(w-math.Log2(90)) > 1e-12 {
		t.Errorf("Weight = %v", w)
	}
	if p := Probability(0); p != 0.5 {
		t.Errorf("Probability(0) = %v", p)
	}
}
