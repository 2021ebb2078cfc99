package matching

import (
	"math"
	"testing"

	"github.com/council/golden/matching/em"
	"github.com/council/golden/matching/spec"
)

func TestMonotone(t *testing.T) {
	lv := func(m, u float64) LevelModel { return LevelModel{M: m, U: u, Weight: math.Log2(m / u)} }
	tests := []struct {
		name   string
		levels []LevelModel
		want   []float64
	}{
		{"already ordered", []LevelModel{lv(0.9, 0.01), lv(0.08, 0.04), lv(0.02, 0.95)},
			[]float64{math.Log2(90), math.Log2(2), math.Log2(0.02 / 0.95)}},
		{"unseen middle level pooled with the one below", []LevelModel{lv(0.9, 0.01), lv(1e-6, 0.003), lv(0.08, 0.007), lv(0.02, 0.98)},
			[]float64{math.Log2(90), math.Log2((1e-6 + 0.08) / 0.01), math.Log2((1e-6 + 0.08) / 0.01), math.Log2(0.02 / 0.98)}},
		{"a noisy rare level below does not lift the strong one above it", []LevelModel{lv(0.97, 0.79), lv(0.025, 0.0003), lv(0.005, 0.21)},
			[]float64{math.Log2(0.995 / 0.7903), math.Log2(0.995 / 0.7903), math.Log2(0.005 / 0.21)}},
		{"else weighing more than the level above is pooled with it", []LevelModel{lv(0.97, 0.02), lv(0.001, 0.97), lv(0.029, 0.01)},
			[]float64{math.Log2(0.97 / 0.02), math.Log2(0.03 / 0.98), math.Log2(0.03 / 0.98)}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			monotone(tt.levels)
			for j, l := range tt.levels {
				if math.Abs(l.Weight-tt.want[j]) > 1e-9 {
					t.Errorf("level %d weight %.4f, want %.4f", j, l.Weight, tt.want[j])
				}
				if j > 0 && l.Weight > tt.levels[j-1].Weight+1e-12 {
					t.Errorf("level %d weighs more than level %d", j, j-1)
				}
			}
		})
	}
}

func TestDropDistinct(t *testing.T) {
	s := &spec.Spec{
		Comparisons: []spec.Comparison{{Name: "uprn"}, {Name: "flat"}},
		Distinct:    []string{"uprn"},
	}
	pat := func(g0, g1 int8, n float64) em.Pattern { return em.Pattern{Gammas: []int8{g0, g1}, Count: n} }
	byRule := map[string][]em.Pattern{
		"1": {pat(1, 1, 5), pat(0, 1, 7), pat(-1, 0, 3), pat(0, 0, 9)},
		"2": {pat(0, 1, 2)},
	}
	dropDistinct(s, byRule)
	if got := byRule["1"]; len(got) != 2 || got[0].Count != 5 || got[1].Count != 3 {
		t.Errorf("rule 1 kept %+v, want the agreeing and the null patterns", got)
	}
	if len(byRule["2"]) != 0 {
		t.Errorf("rule 2 kept %+v", byRule["2"])
	}
}
