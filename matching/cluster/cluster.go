// Package cluster groups linked records into entities: a union-find over
// the links, strongest first, that honours must-link and cannot-link
// constraints and guards against chaining. Two groups merge only when the
// links and review-band pairs between them cover at least MinDensity of the
// record pairs between them, so one weak bridge cannot join two people
// through a third record that resembles both.
package cluster

import (
	"cmp"
	"slices"
)

// Edge is a scored pair. Pairs at or above the link probability are links;
// pairs below it still count as support when groups merge.
type Edge struct {
	A, B int64
	P    float64
}

// Options tune clustering.
type Options struct {
	Link       float64 // probability at or above which a pair is a link
	MinDensity float64 // share of cross pairs that must be scored pairs for two groups to merge
}

// Stats count what clustering did.
type Stats struct {
	Links          int // links considered
	Merged         int // links that joined two groups
	Guarded        int // links refused by the density guard
	Vetoed         int // links refused because a pair across the groups scored as different records
	CannotLink     int // links refused by a cannot-link constraint
	MustLink       int // must-link constraints applied
	MustConflicts  int // must-link constraints refused because a cannot-link forbids them
	Clusters       int // clusters, singletons included
	LargestCluster int
}

// Graph is the clustering input over a fixed set of records.
type Graph struct {
	rids []int64 // sorted
	// A record's index: dense[rid-base] when the rids are dense enough
	// (one slot per possible rid, -1 for none: faster than a map with
	// millions of records), else index.
	dense []int32
	base  int64
	index map[int64]int32
	adj   [][]int32 // scored-pair neighbours
	cant  [][]int32
	veto  [][]int32
	must  [][2]int32
	edges []iedge
}

type iedge struct {
	a, b int32
	p    float64
}

// NewGraph starts a graph over rids (any order; duplicates ignored).
func NewGraph(rids []int64) *Graph {
	r := slices.Clone(rids)
	slices.Sort(r)
	r = slices.Compact(r)
	g := &Graph{rids: r}
	if len(r) > 0 && r[len(r)-1]-r[0] < 8*int64(len(r))+1024 {
		g.base = r[0]
		g.dense = make([]int32, r[len(r)-1]-r[0]+1)
		for i := range g.dense {
			g.dense[i] = -1
		}
		for i, x := range r {
			g.dense[x-g.base] = int32(i)
		}
	} else {
		g.index = make(map[int64]int32, len(r))
		for i, x := range r {
			g.index[x] = int32(i)
		}
	}
	g.adj = make([][]int32, len(r))
	return g
}

// at is rid's index, and whether the graph has it.
func (g *Graph) at(rid int64) (int32, bool) {
	if g.index != nil {
		i, ok := g.index[rid]
		return i, ok
	}
	if rid < g.base || rid-g.base >= int64(len(g.dense)) {
		return 0, false
	}
	i := g.dense[rid-g.base]
	return i, i >= 0
}

// AddEdge adds a scored pair; pairs naming unknown records are ignored.
func (g *Graph) AddEdge(e Edge) {
	a, okA := g.at(e.A)
	b, okB := g.at(e.B)
	if !okA || !okB || a == b {
		return
	}
	g.adj[a] = append(g.adj[a], b)
	g.adj[b] = append(g.adj[b], a)
	g.edges = append(g.edges, iedge{a, b, e.P})
}

// MustLink requires a and b in one cluster.
func (g *Graph) MustLink(a, b int64) {
	x, okA := g.at(a)
	y, okB := g.at(b)
	if okA && okB && x != y {
		g.must = append(g.must, [2]int32{x, y})
	}
}

// CannotLink forbids a and b in one cluster.
func (g *Graph) CannotLink(a, b int64) {
	x, okA := g.at(a)
	y, okB := g.at(b)
	if !okA || !okB || x == y {
		return
	}
	if g.cant == nil {
		g.cant = make([][]int32, len(g.rids))
	}
	g.cant[x] = append(g.cant[x], y)
	g.cant[y] = append(g.cant[y], x)
}

// Veto records a scored pair that says a and b are different records:
// clustering never joins two groups across it (a link between a and b
// themselves is not affected: a pair is either a link or a veto).
func (g *Graph) Veto(a, b int64) {
	x, okA := g.at(a)
	y, okB := g.at(b)
	if !okA || !okB || x == y {
		return
	}
	if g.veto == nil {
		g.veto = make([][]int32, len(g.rids))
	}
	g.veto[x] = append(g.veto[x], y)
	g.veto[y] = append(g.veto[y], x)
}

// Components groups the records that links (pairs at or above link) and
// must-links connect, ignoring every guard: a cluster never reaches beyond
// its component. It returns, aligned with Rids(), the index of the first
// record of each record's component, or -1 for a record nothing connects.
// A veto between two components can never be consulted, so only the vetoes
// inside one need loading.
func (g *Graph) Components(link float64) []int32 {
	n := len(g.rids)
	u := &uf{parent: make([]int32, n)}
	for i := range u.parent {
		u.parent[i] = int32(i)
	}
	find := u.find
	join := func(a, b int32) {
		ra, rb := find(a), find(b)
		if ra == rb {
			return
		}
		if ra > rb {
			ra, rb = rb, ra
		}
		u.parent[rb] = ra
	}
	for _, e := range g.edges {
		if e.p >= link {
			join(e.a, e.b)
		}
	}
	for _, m := range g.must {
		join(m[0], m[1])
	}
	size := make([]int32, n)
	for i := range n {
		size[find(int32(i))]++
	}
	out := make([]int32, n)
	for i := range out {
		r := find(int32(i))
		if size[r] < 2 {
			out[i] = -1
		} else {
			out[i] = r
		}
	}
	return out
}

type uf struct {
	parent  []int32
	members [][]int32
}

func (u *uf) find(x int32) int32 {
	for u.parent[x] != x {
		u.parent[x] = u.parent[u.parent[x]]
		x = u.parent[x]
	}
	return x
}

func (u *uf) union(a, b int32) {
	if len(u.members[a]) < len(u.members[b]) {
		a, b = b, a
	}
	u.parent[b] = a
	u.members[a] = append(u.members[a], u.members[b]...)
	u.members[b] = nil
}

// Cluster returns each record's cluster id (the smallest rid in its
// cluster), aligned with Rids(), and what happened. The result depends only
// on the edges and constraints, not on the order they were added.
func (g *Graph) Cluster(opt Options) ([]int64, Stats) {
	n := len(g.rids)
	u := &uf{parent: make([]int32, n), members: make([][]int32, n)}
	for i := range u.parent {
		u.parent[i] = int32(i)
		u.members[i] = []int32{int32(i)}
	}
	var st Stats
	across := func(lists [][]int32, ra, rb int32) bool {
		if lists == nil {
			return false
		}
		small, other := ra, rb
		if len(u.members[small]) > len(u.members[other]) {
			small, other = other, small
		}
		for _, x := range u.members[small] {
			for _, y := range lists[x] {
				if u.find(y) == other {
					return true
				}
			}
		}
		return false
	}
	forbidden := func(ra, rb int32) bool { return across(g.cant, ra, rb) }
	must := slices.Clone(g.must)
	slices.SortFunc(must, func(x, y [2]int32) int {
		return cmp.Or(cmp.Compare(x[0], y[0]), cmp.Compare(x[1], y[1]))
	})
	for _, m := range must {
		ra, rb := u.find(m[0]), u.find(m[1])
		if ra == rb {
			continue
		}
		if forbidden(ra, rb) {
			st.MustConflicts++
			continue
		}
		u.union(ra, rb)
		st.MustLink++
	}
	// Only links are merged; the pairs below the link probability count
	// only as support (adj), so they need no sorting.
	edges := make([]iedge, 0, len(g.edges))
	for _, e := range g.edges {
		if e.p < opt.Link {
			continue
		}
		if e.a > e.b {
			e.a, e.b = e.b, e.a
		}
		edges = append(edges, e)
	}
	slices.SortFunc(edges, func(x, y iedge) int {
		return cmp.Or(cmp.Compare(y.p, x.p), cmp.Compare(x.a, y.a), cmp.Compare(x.b, y.b))
	})
	// Deduplicate neighbour lists so that support counts each pair once.
	for i := range g.adj {
		slices.Sort(g.adj[i])
		g.adj[i] = slices.Compact(g.adj[i])
	}
	for _, e := range edges {
		if e.p < opt.Link {
			break
		}
		st.Links++
		ra, rb := u.find(e.a), u.find(e.b)
		if ra == rb {
			continue
		}
		if forbidden(ra, rb) {
			st.CannotLink++
			continue
		}
		if across(g.veto, ra, rb) {
			st.Vetoed++
			continue
		}
		sa, sb := len(u.members[ra]), len(u.members[rb])
		if sa*sb > 1 && opt.MinDensity > 0 {
			small, other := ra, rb
			if sa > sb {
				small, other = rb, ra
			}
			support := 0
			for _, x := range u.members[small] {
				for _, y := range g.adj[x] {
					if u.find(y) == other {
						support++
					}
				}
			}
			if float64(support) < opt.MinDensity*float64(sa*sb) {
				st.Guarded++
				continue
			}
		}
		u.union(ra, rb)
		st.Merged++
	}
	minOf := make([]int32, n) // per root: smallest member index
	size := make([]int, n)
	for i := range minOf {
		minOf[i] = -1
	}
	for i := 0; i < n; i++ {
		r := u.find(int32(i))
		if minOf[r] < 0 {
			minOf[r] = int32(i) // i ascends: the first seen is the smallest
			st.Clusters++
		}
		size[r]++
		st.LargestCluster = max(st.LargestCluster, size[r])
	}
	out := make([]int64, n)
	for i := range out {
		out[i] = g.rids[minOf[u.find(int32(i))]]
	}
	return out, st
}

// Rids are the records in the order Cluster reports them.
func (g *Graph) Rids() []int64 { return g.rids }
