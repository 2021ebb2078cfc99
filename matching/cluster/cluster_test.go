package cluster

import (
	"math/rand/v2"
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

// TestVetoesInsideComponents: loading only the vetoes inside one link
// component (what Run does) clusters exactly as loading them all.
func TestVetoesInsideComponents(t *testing.T) {
	for seed := range uint64(200) {
		t.Run("", func(t *testing.T) {
			rng := rand.New(rand.NewPCG(seed, 7))
			n := 4 + rng.IntN(20)
			var rids []int64
			for i := range n {
				rids = append(rids, int64(10+i))
			}
			var edges []Edge
			var vetoes, must [][2]int64
			for range rng.IntN(3 * n) {
				a, b := rids[rng.IntN(n)], rids[rng.IntN(n)]
				switch rng.IntN(6) {
				case 0, 1:
					vetoes = append(vetoes, [2]int64{a, b})
				case 2:
					if rng.IntN(4) == 0 {
						must = append(must, [2]int64{a, b})
					}
				default:
					edges = append(edges, Edge{a, b, rng.Float64()})
				}
			}
			build := func(onlyInside bool) *Graph {
				g := NewGraph(rids)
				for _, e := range edges {
					g.AddEdge(e)
				}
				for _, m := range must {
					g.MustLink(m[0], m[1])
				}
				comp := g.Components(0.5)
				at := map[int64]int32{}
				for i, r := range g.Rids() {
					at[r] = comp[i]
				}
				for _, v := range vetoes {
					if !onlyInside || (at[v[0]] >= 0 && at[v[0]] == at[v[1]]) {
						g.Veto(v[0], v[1])
					}
				}
				return g
			}
			opt := Options{Link: 0.5, MinDensity: 0.3}
			all, sa := build(false).Cluster(opt)
			inside, si := build(true).Cluster(opt)
			if !slices.Equal(all, inside) || sa != si {
				t.Fatalf("seed %d: every veto %v %+v, vetoes inside components %v %+v", seed, all, sa, inside, si)
			}
		})
	}
}

func TestComponents(t *testing.T) {
	g := NewGraph([]int64{1, 2, 3, 4, 5, 6})
	g.AddEdge(Edge{1, 2, 0.99})
	g.AddEdge(Edge{2, 3, 0.95})
	g.AddEdge(Edge{4, 5, 0.6}) // below the link: no component
	g.MustLink(6, 5)
	got := g.Components(0.9)
	want := []int32{0, 0, 0, -1, 4, 4}
	if !slices.Equal(got, want) {
		t.Errorf("components = %v, want %v", got, want)
	}
}

// TestSparseRids: rids far apart (a map, not a dense table) cluster alike.
func TestSparseRids(t *testing.T) {
	for _, step := range []int64{1, 3, 1 << 40} {
		rids := []int64{5 * step, 1 * step, 9 * step, 7 * step}
		g := NewGraph(rids)
		g.AddEdge(Edge{1 * step, 9 * step, 0.99})
		g.AddEdge(Edge{2 * step, 9 * step, 0.99}) // unknown record: ignored
		g.MustLink(7*step, 5*step)
		got, _ := g.Cluster(Options{Link: 0.9})
		want := []int64{1 * step, 5 * step, 5 * step, 1 * step}
		if !slices.Equal(got, want) {
			t.Errorf("step %d: clusters = %v, want %v", step, got, want)
		}
	}
}
