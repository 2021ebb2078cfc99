// Package ids maps a new clustering onto persistent golden ids. It is pure
// Go: the golden package gives it, for the clusters that changed, which
// golden id each member had before, and it decides which ids survive.
//
// The rules:
//   - a cluster whose members all belonged to one golden record keeps its id;
//   - when clusters merge, the oldest id survives and the others retire with
//     a redirect to it;
//   - when a golden record splits, the part with the most of its members
//     keeps the id (ties: the part holding its oldest source record) and the
//     other parts get new ids, unless they join another record;
//   - an id whose members all went elsewhere retires, redirected to where
//     most of them went; one whose members were all deleted retires with
//     no redirect.
package ids

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
)

// Old is a golden id that existed before this run.
type Old struct {
	ID         string
	CreatedRun int64
}

// Cluster is a cluster of the new clustering, with the golden id each of
// its members had ("" for a member that belonged to none).
type Cluster struct {
	Key    int64 // the cluster's id (its smallest member rid)
	RIDs   []int64
	OldIDs []string // parallel to RIDs
}

// Retirement is an old id that no longer has a cluster.
type Retirement struct {
	ID string
	// RedirectTo is the Key of the cluster that took most of its members;
	// its golden id is where the retired id redirects.
	RedirectTo int64
	Deleted    bool // every member was deleted: no redirect
}

// Result is the outcome of Assign.
type Result struct {
	// IDs gives each cluster (by Key) its golden id; "" means a new id is
	// needed (the caller allocates, in Key order).
	IDs     map[int64]string
	Retired []Retirement
}

// Older reports whether a is older than b: created in an earlier run, then
// the smaller sequence number, then the smaller id.
func Older(a, b Old) bool {
	if a.CreatedRun != b.CreatedRun {
		return a.CreatedRun < b.CreatedRun
	}
	sa, sb := Seq(a.ID), Seq(b.ID)
	if sa != sb {
		return sa < sb
	}
	return a.ID < b.ID
}

// Seq is the number at the end of a golden id (P-42 → 42), or 0.
func Seq(id string) int64 {
	i := strings.LastIndexByte(id, '-')
	n, err := strconv.ParseInt(id[i+1:], 10, 64)
	if err != nil {
		return 0
	}
	return n
}

// Format makes a golden id from a kind prefix and a sequence number.
func Format(prefix string, seq int64) string { return fmt.Sprintf("%s-%d", prefix, seq) }

// Assign decides the golden id of each cluster. olds describes every old
// id named in the clusters or in gone; gone lists the old ids that lost
// members which are no longer current (deleted source records).
func Assign(clusters []Cluster, olds map[string]Old, gone map[string]int) (*Result, error) {
	type part struct {
		ci     int   // cluster index
		n      int   // members of the old id in it
		oldest int64 // its smallest rid that came from the old id
	}
	parts := map[string][]part{}
	for ci := range clusters {
		c := &clusters[ci]
		if len(c.RIDs) != len(c.OldIDs) {
			return nil, fmt.Errorf("ids: cluster %d: %d rids but %d old ids", c.Key, len(c.RIDs), len(c.OldIDs))
		}
		at := map[string]int{}
		for i, id := range c.OldIDs {
			if id == "" {
				continue
			}
			if _, ok := olds[id]; !ok {
				return nil, fmt.Errorf("ids: cluster %d names unknown golden id %s", c.Key, id)
			}
			k, ok := at[id]
			if !ok {
				k = len(parts[id])
				at[id] = k
				parts[id] = append(parts[id], part{ci: ci, oldest: c.RIDs[i]})
			}
			p := &parts[id][k]
			p.n++
			if c.RIDs[i] < p.oldest {
				p.oldest = c.RIDs[i]
			}
		}
	}
	order := make([]Old, 0, len(olds))
	for id, o := range olds {
		if _, ok := parts[id]; ok || gone[id] > 0 {
			o.ID = id
			order = append(order, o)
		}
	}
	sort.Slice(order, func(i, j int) bool { return Older(order[i], order[j]) })

	res := &Result{IDs: make(map[int64]string, len(clusters))}
	taken := make([]string, len(clusters))
	var retired []string
	for _, o := range order {
		ps := parts[o.ID]
		sort.Slice(ps, func(i, j int) bool {
			if ps[i].n != ps[j].n {
				return ps[i].n > ps[j].n
			}
			return ps[i].oldest < ps[j].oldest
		})
		kept := false
		for _, p := range ps {
			if taken[p.ci] == "" {
				taken[p.ci] = o.ID
				kept = true
				break
			}
		}
		if !kept {
			retired = append(retired, o.ID)
		}
	}
	for ci, c := range clusters {
		res.IDs[c.Key] = taken[ci]
	}
	for _, id := range retired {
		r := Retirement{ID: id}
		if ps := parts[id]; len(ps) > 0 {
			// ps is sorted: the first part holds most of its members.
			r.RedirectTo = clusters[ps[0].ci].Key
		} else {
			r.Deleted = true
		}
		res.Retired = append(res.Retired, r)
	}
	return res, nil
}
