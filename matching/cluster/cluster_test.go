package cluster

import (
	"slices"
	"testing"
)

func TestCluster(t *testing.T) {
	tests := []struct {
		name    string
		rids    []int64
		edges   []Edge
		must    [][2]int64
		cannot  [][2]int64
		density float64
		want    []int64 // cluster id per rid, in rid order
	}{
		{"singletons", []int64{3, 1, 2}, nil, nil, nil, 0.3, []int64{1, 2, 3}},
		{"pair", []int64{1, 2, 3}, []Edge{{2, 3, 0.99}}, nil, nil, 0.3, []int64{1, 2, 2}},
		{"below link", []int64{1, 2}, []Edge{{1, 2, 0.6}}, nil, nil, 0.3, []int64{1, 2}},
		{"cannot-link wins over score", []int64{1, 2}, []Edge{{1, 2, 1}}, nil, [][2]int64{{2, 1}}, 0.3, []int64{1, 2}},
		{"must-link without score", []int64{1, 2, 3}, nil, [][2]int64{{3, 1}}, nil, 0.3, []int64{1, 2, 1}},
		{"cannot-link through a chain", []int64{1, 2, 3},
			[]Edge{{1, 2, 0.99}, {2, 3, 0.98}}, nil, [][2]int64{{1, 3}}, 0, []int64{1, 1, 3}},
		// 1-2 and 3-4 are strong pairs; one weak bridge 2-3 must not join them.
		{"guard against chaining", []int64{1, 2, 3, 4},
			[]Edge{{1, 2, 0.999}, {3, 4, 0.998}, {2, 3, 0.95}}, nil, nil, 0.3, []int64{1, 1, 3, 3}},
		{"dense groups merge", []int64{1, 2, 3, 4},
			[]Edge{{1, 2, 0.999}, {3, 4, 0.998}, {2, 3, 0.95}, {1, 4, 0.7}}, nil, nil, 0.3, []int64{1, 1, 1, 1}},
		{"no guard", []int64{1, 2, 3, 4},
			[]Edge{{1, 2, 0.999}, {3, 4, 0.998}, {2, 3, 0.95}}, nil, nil, 0, []int64{1, 1, 1, 1}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, order := range []bool{false, true} {
				g := NewGraph(tt.rids)
				edges := slices.Clone(tt.edges)
				if order {
					slices.Reverse(edges)
				}
				for _, e := range edges {
					g.AddEdge(e)
				}
				for _, m := range tt.must {
					g.MustLink(m[0], m[1])
				}
				for _, c := range tt.cannot {
					g.CannotLink(c[0], c[1])
				}
				got, _ := g.Cluster(Options{Link: 0.9, MinDensity: tt.density})
				if !slices.Equal(got, tt.want) {
					t.Fatalf("clusters = %v, want %v (reversed input %v)", got, tt.want, order)
				}
			}
		})
	}
}
