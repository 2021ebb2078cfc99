// Package steward records a data steward's decisions about golden records
// and applies them. Decisions are must-link and cannot-link pairs on
// SOURCE-RECORD keys (never on golden ids), with a hash of the values the
// steward saw, so they survive every rebuild and are re-queued for review
// when those values change. The matching engine honours them on every run;
// Apply also puts them into effect at once: it rewrites the clustering of
// the records concerned and rebuilds their golden records, in the same
// transaction as the decision.
package steward

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"database/sql/driver"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"sort"
	"strings"
	"time"

	"github.com/council/golden/config"
	"github.com/council/golden/golden"
	"github.com/council/golden/record"
	"github.com/council/golden/store"
)

// Rules.
const (
	MustLink   = "must-link"
	CannotLink = "cannot-link"
)

// Decision is one pair decided by a steward.
type Decision struct {
	Kind       record.Kind `json:"kind"`
	Rule       string      `json:"rule"`
	A          record.Key  `json:"a"`
	B          record.Key  `json:"b"`
	ValuesHash string      `json:"values_hash"`
	aRID, bRID int64
}

// ConflictError is a decision that contradicts an earlier active one.
type ConflictError struct {
	Rule string // the earlier decision's rule
	A, B string
}

func (e *ConflictError) Error() string {
	return fmt.Sprintf("steward: %s and %s are already %s (revoke that decision first: golden revoke %s %s)", e.A, e.B, e.Rule, e.A, e.B)
}

// member is a current source record.
type member struct {
	key  record.Key
	rid  int64
	hash string
}

// Group is the source records a reference stands for.
type Group struct {
	Ref      string
	Kind     record.Kind
	GoldenID string // "" when the reference is a source key outside any golden record
	members  []member
}

// Keys lists the group's source keys.
func (g *Group) Keys() []string {
	out := make([]string, len(g.members))
	for i, m := range g.members {
		out[i] = m.key.String()
	}
	return out
}

// Lookup resolves a reference: an active golden id (all its current source
// records) or a source key "source:source_id" (that record only).
func Lookup(ctx context.Context, q store.Querier, ref string) (*Group, error) {
	g := &Group{Ref: ref}
	var rows *sql.Rows
	var err error
	if src, sid, ok := strings.Cut(ref, ":"); ok {
		rows, err = q.QueryContext(ctx, `SELECT r.kind, r.source, r.source_id, r.rid, r.content_hash, coalesce(m.golden_id, '')
			FROM current_records r LEFT JOIN golden_members m ON m.rid = r.rid
			WHERE r.source = ? AND r.source_id = ?`, src, sid)
	} else {
		res, rerr := golden.Resolve(ctx, q, ref)
		if rerr != nil {
			return nil, rerr
		}
		if res.Retired {
			return nil, fmt.Errorf("steward: %s is retired (its records are in %s): decide on an active id", ref, strings.Join(res.Destinations, ", "))
		}
		rows, err = q.QueryContext(ctx, `SELECT r.kind, r.source, r.source_id, r.rid, r.content_hash, m.golden_id
			FROM golden_members m JOIN current_records r ON r.rid = m.rid
			WHERE m.golden_id = ? ORDER BY r.rid`, ref)
	}
	if err != nil {
		return nil, fmt.Errorf("steward: %s: %w", ref, err)
	}
	defer rows.Close()
	for rows.Next() {
		var m member
		var kind string
		if err := rows.Scan(&kind, &m.key.Source, &m.key.SourceID, &m.rid, &m.hash, &g.GoldenID); err != nil {
			return nil, fmt.Errorf("steward: %s: %w", ref, err)
		}
		g.Kind = record.Kind(kind)
		g.members = append(g.members, m)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("steward: %s: %w", ref, err)
	}
	if len(g.members) == 0 {
		return nil, fmt.Errorf("source record %s: %w", ref, golden.ErrNotFound)
	}
	return g, nil
}

// PairHash is the values hash of a pair: what the steward saw of both
// records (their content hashes, in key order).
func PairHash(aHash, bHash string) string {
	h := sha256.Sum256([]byte(aHash + "|" + bHash))
	return hex.EncodeToString(h[:8])
}

func decision(kind record.Kind, rule string, a, b member) Decision {
	return Decision{Kind: kind, Rule: rule, A: a.key, B: b.key, ValuesHash: PairHash(a.hash, b.hash), aRID: a.rid, bRID: b.rid}
}

// PlanMerge decides that every record of the groups is one entity: each
// is must-linked to the first group's oldest record.
func PlanMerge(groups []*Group) ([]Decision, error) {
	if len(groups) < 2 {
		return nil, errors.New("steward: merge needs at least two golden ids or source keys")
	}
	kind := groups[0].Kind
	same := groups[0].GoldenID != ""
	for _, g := range groups[1:] {
		same = same && g.GoldenID == groups[0].GoldenID
	}
	if same {
		return nil, fmt.Errorf("steward: nothing to merge: all are in golden record %s", groups[0].GoldenID)
	}
	anchor := groups[0].members[0]
	seen := map[int64]bool{anchor.rid: true}
	var out []Decision
	for _, g := range groups {
		if g.Kind != kind {
			return nil, fmt.Errorf("steward: cannot merge %s (%s) with %s (%s)", groups[0].Ref, kind, g.Ref, g.Kind)
		}
		for _, m := range g.members {
			if !seen[m.rid] {
				seen[m.rid] = true
				out = append(out, decision(kind, MustLink, anchor, m))
			}
		}
	}
	if len(out) == 0 {
		return nil, errors.New("steward: nothing to merge: the references are the same records")
	}
	return out, nil
}

// PlanSplit decides that the records move (source keys) are not the same
// entity as the rest of golden record g: each is cannot-linked to every
// remaining record, and the moved records are must-linked together so
// that they form one golden record.
func PlanSplit(g *Group, move []string) ([]Decision, error) {
	if g.GoldenID == "" || g.GoldenID != g.Ref {
		return nil, fmt.Errorf("steward: split takes a golden id, not %s", g.Ref)
	}
	in := map[string]bool{}
	for _, k := range move {
		in[k] = true
	}
	var moved, kept []member
	for _, m := range g.members {
		if in[m.key.String()] {
			moved = append(moved, m)
			delete(in, m.key.String())
		} else {
			kept = append(kept, m)
		}
	}
	if len(in) > 0 {
		var missing []string
		for k := range in {
			missing = append(missing, k)
		}
		sort.Strings(missing)
		return nil, fmt.Errorf("steward: %s not in golden record %s", strings.Join(missing, ", "), g.GoldenID)
	}
	if len(moved) == 0 || len(kept) == 0 {
		return nil, fmt.Errorf("steward: a split must move some but not all of the %d source records of %s", len(g.members), g.GoldenID)
	}
	var out []Decision
	for _, m := range moved {
		for _, k := range kept {
			out = append(out, decision(g.Kind, CannotLink, k, m))
		}
	}
	for _, m := range moved[1:] {
		out = append(out, decision(g.Kind, MustLink, moved[0], m))
	}
	return out, nil
}

// Options say who decided and how to apply.
type Options struct {
	By     string
	Note   string
	RunID  int64 // the run the rebuild is recorded under; 0: Commit records a "steward" run of its own
	Config *config.Config
	// NoApply only records the decisions; they take effect on the next
	// matching run.
	NoApply bool
	Logger  *slog.Logger
}

// Result is what Commit did.
type Result struct {
	Decisions []Decision      `json:"decisions"`
	Recorded  int             `json:"recorded"` // new constraint rows (repeats of an active decision are skipped)
	Report    *golden.Report  `json:"report,omitempty"`
	GoldenIDs map[string]bool `json:"-"`
	RunID     int64           `json:"run_id"` // the run the decisions were recorded under
}

// Commit records the decisions (refusing any that contradict an active
// one) and, unless NoApply, rewrites the clustering of the records
// concerned and rebuilds the kind's golden records, all in one
// transaction.
func Commit(ctx context.Context, st *store.Store, ds []Decision, opts Options) (res *Result, err error) {
	if opts.RunID == 0 {
		if opts.RunID, err = st.BeginRun(ctx, "steward"); err != nil {
			return nil, err
		}
		defer func() {
			status := "ok"
			if err != nil {
				status = "failed"
			}
			if ferr := st.FinishRun(ctx, opts.RunID, status); err == nil && ferr != nil {
				res, err = nil, ferr
			}
		}()
	}
	res = &Result{Decisions: ds, RunID: opts.RunID}
	if len(ds) == 0 {
		return res, nil
	}
	kind := ds[0].Kind
	err = st.InTx(ctx, func(tx *store.Tx) error {
		n, err := recordDecisions(ctx, tx, ds, opts)
		if err != nil {
			return err
		}
		res.Recorded = n
		if opts.NoApply {
			return nil
		}
		if err := apply(ctx, tx, kind, ds, opts.RunID); err != nil {
			return err
		}
		res.Report, err = golden.BuildInTx(ctx, tx, opts.Config, kind, golden.Options{RunID: opts.RunID, Reason: "steward", Logger: opts.Logger})
		return err
	})
	if err != nil {
		return nil, err
	}
	return res, nil
}

func recordDecisions(ctx context.Context, tx *store.Tx, ds []Decision, opts Options) (int, error) {
	var fresh []Decision
	for _, d := range ds {
		var rule string
		err := tx.QueryRowContext(ctx, `SELECT rule FROM link_constraints WHERE kind = ? AND active AND (
				(a_source = ? AND a_id = ? AND b_source = ? AND b_id = ?) OR (a_source = ? AND a_id = ? AND b_source = ? AND b_id = ?))
			ORDER BY rule <> ? LIMIT 1`,
			string(d.Kind), d.A.Source, d.A.SourceID, d.B.Source, d.B.SourceID, d.B.Source, d.B.SourceID, d.A.Source, d.A.SourceID, d.Rule).Scan(&rule)
		switch {
		case errors.Is(err, sql.ErrNoRows):
			fresh = append(fresh, d)
		case err != nil:
			return 0, fmt.Errorf("steward: constraints: %w", err)
		case rule != d.Rule:
			return 0, &ConflictError{Rule: rule, A: d.A.String(), B: d.B.String()}
		}
	}
	if err := checkTransitive(ctx, tx, ds); err != nil {
		return 0, err
	}
	now := time.Now().UTC()
	err := tx.Append(ctx, "link_constraints", []string{"kind", "a_source", "a_id", "b_source", "b_id", "rule", "origin", "decided_by", "decided_at", "values_hash", "note", "active", "run_id"},
		func(a *store.Appender) error {
			for _, d := range fresh {
				var note driver.Value
				if opts.Note != "" {
					note = opts.Note
				}
				if err := a.AppendRow(string(d.Kind), d.A.Source, d.A.SourceID, d.B.Source, d.B.SourceID, d.Rule, "steward", opts.By, now, d.ValuesHash, note, true, opts.RunID); err != nil {
					return err
				}
			}
			return nil
		})
	if err != nil {
		return 0, fmt.Errorf("steward: record decisions: %w", err)
	}
	return len(fresh), nil
}

// checkTransitive refuses a merge that would put an active cannot-link
// pair together, and a split that would separate an active must-link pair.
func checkTransitive(ctx context.Context, tx *store.Tx, ds []Decision) error {
	// The records a merge joins, and the sides a split separates.
	together := map[string]bool{}
	sideA, sideB := map[string]bool{}, map[string]bool{}
	for _, d := range ds {
		switch d.Rule {
		case MustLink:
			together[d.A.String()], together[d.B.String()] = true, true
		case CannotLink:
			sideA[d.A.String()], sideB[d.B.String()] = true, true
		}
	}
	rows, err := tx.QueryContext(ctx, `SELECT rule, a_source || ':' || a_id, b_source || ':' || b_id FROM link_constraints
		WHERE kind = ? AND active`, string(ds[0].Kind))
	if err != nil {
		return fmt.Errorf("steward: constraints: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var rule, a, b string
		if err := rows.Scan(&rule, &a, &b); err != nil {
			return fmt.Errorf("steward: constraints: %w", err)
		}
		if rule == CannotLink && len(sideA) == 0 && together[a] && together[b] {
			return &ConflictError{Rule: rule, A: a, B: b}
		}
		if rule == MustLink && ((sideA[a] && sideB[b]) || (sideA[b] && sideB[a])) {
			return &ConflictError{Rule: rule, A: a, B: b}
		}
	}
	return rows.Err()
}

// apply rewrites the clustering of every cluster the decisions touch:
// must-linked records join one cluster; cannot-linked ones are separated
// (the side of each pair's b goes to a cluster of its own).
func apply(ctx context.Context, tx *store.Tx, kind record.Kind, ds []Decision, run int64) error {
	touched := map[int64]bool{}
	for _, d := range ds {
		touched[d.aRID], touched[d.bRID] = true, true
	}
	// The current cluster of every record in a cluster the decisions touch.
	cluster, err := clusters(ctx, tx, kind, touched)
	if err != nil {
		return err
	}
	parent := map[int64]int64{}
	var find func(int64) int64
	find = func(x int64) int64 {
		p, ok := parent[x]
		if !ok || p == x {
			return x
		}
		r := find(p)
		parent[x] = r
		return r
	}
	union := func(a, b int64) {
		ra, rb := find(a), find(b)
		if ra != rb {
			parent[ra] = rb
		}
	}
	moved := map[int64]bool{}
	for _, d := range ds {
		if d.Rule == CannotLink {
			moved[d.bRID] = true
		}
	}
	// Records stay with their cluster, except moved ones, which leave it.
	first := map[[2]int64]int64{}
	for rid, c := range cluster {
		k := [2]int64{c, b2i(moved[rid])}
		if f, ok := first[k]; ok {
			union(rid, f)
		} else {
			first[k] = rid
		}
	}
	for _, d := range ds {
		if d.Rule == MustLink {
			union(d.aRID, d.bRID)
		}
	}
	minOf := map[int64]int64{}
	for rid := range cluster {
		r := find(rid)
		if m, ok := minOf[r]; !ok || rid < m {
			minOf[r] = rid
		}
	}
	if _, err := tx.ExecContext(ctx, `CREATE OR REPLACE TEMP TABLE steward_rids (rid BIGINT)`); err != nil {
		return fmt.Errorf("steward: apply: %w", err)
	}
	defer tx.ExecContext(context.WithoutCancel(ctx), `DROP TABLE IF EXISTS steward_rids`)
	rids := make([]int64, 0, len(cluster))
	for rid := range cluster {
		rids = append(rids, rid)
	}
	sort.Slice(rids, func(i, j int) bool { return rids[i] < rids[j] })
	err = tx.Append(ctx, "steward_rids", nil, func(a *store.Appender) error {
		for _, r := range rids {
			if err := a.AppendRow(r); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("steward: apply: %w", err)
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM match_clusters WHERE kind = ? AND rid IN (SELECT rid FROM steward_rids)`, string(kind)); err != nil {
		return fmt.Errorf("steward: apply: %w", err)
	}
	err = tx.Append(ctx, "match_clusters", nil, func(a *store.Appender) error {
		for _, r := range rids {
			if err := a.AppendRow(string(kind), r, minOf[find(r)], run); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("steward: apply: %w", err)
	}
	return nil
}

// clusters returns rid → cluster id for every current record of kind in a
// cluster that holds one of rids (a record not clustered yet is its own).
func clusters(ctx context.Context, tx *store.Tx, kind record.Kind, rids map[int64]bool) (map[int64]int64, error) {
	if _, err := tx.ExecContext(ctx, `CREATE OR REPLACE TEMP TABLE steward_seed (rid BIGINT)`); err != nil {
		return nil, fmt.Errorf("steward: clusters: %w", err)
	}
	defer tx.ExecContext(context.WithoutCancel(ctx), `DROP TABLE IF EXISTS steward_seed`)
	err := tx.Append(ctx, "steward_seed", nil, func(a *store.Appender) error {
		for r := range rids {
			if err := a.AppendRow(r); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("steward: clusters: %w", err)
	}
	rows, err := tx.QueryContext(ctx, `
		WITH c AS (SELECT r.rid, coalesce(m.cluster_id, -r.rid) AS cluster_id
		           FROM current_records r
		           LEFT JOIN (SELECT rid, arg_max(cluster_id, run_id) AS cluster_id FROM match_clusters WHERE kind = $1 GROUP BY rid) m
		             ON m.rid = r.rid
		           WHERE r.kind = $1)
		SELECT rid, cluster_id FROM c
		WHERE cluster_id IN (SELECT c.cluster_id FROM c JOIN steward_seed s USING (rid))`, string(kind))
	if err != nil {
		return nil, fmt.Errorf("steward: clusters: %w", err)
	}
	defer rows.Close()
	out := map[int64]int64{}
	for rows.Next() {
		var r, c int64
		if err := rows.Scan(&r, &c); err != nil {
			return nil, fmt.Errorf("steward: clusters: %w", err)
		}
		out[r] = c
	}
	return out, rows.Err()
}

func b2i(b bool) int64 {
	if b {
		return 1
	}
	return 0
}
