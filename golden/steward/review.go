package steward

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/council/golden/record"
	"github.com/council/golden/store"
)

// Item is something a steward should look at.
type Item struct {
	Type string `json:"type"` // recheck | conflict | possible-duplicate
	Kind string `json:"kind"`
	// For recheck: the earlier decision whose records changed since.
	Rule      string     `json:"rule,omitempty"`
	A         string     `json:"a,omitempty"`
	B         string     `json:"b,omitempty"`
	DecidedBy string     `json:"decided_by,omitempty"`
	DecidedAt *time.Time `json:"decided_at,omitempty"`
	// For conflict and possible-duplicate: the golden records concerned.
	GoldenIDs   []string `json:"golden_ids,omitempty"`
	Field       string   `json:"field,omitempty"`  // conflict: the identifier members disagree on
	Values      int      `json:"values,omitempty"` // conflict: how many distinct valid values
	Probability float64  `json:"probability,omitempty"`
	Why         string   `json:"why"`
}

// ReviewOptions narrow the queue.
type ReviewOptions struct {
	Kind  record.Kind // "" for every kind
	Limit int         // per type and kind; 0 for DefaultLimit
}

// DefaultLimit is how many items of each type and kind Review lists.
const DefaultLimit = 50

// Queue is what Review found: the items listed and how many there are in
// all, so that a cut list says so.
type Queue struct {
	Items  []Item  `json:"items"`
	Shown  int     `json:"shown"`
	Total  int     `json:"total"`
	Counts []Count `json:"counts"` // per kind and type, those with anything to review
}

// Count is how many items of one type and kind there are, and how many
// of them are listed.
type Count struct {
	Kind  string `json:"kind"`
	Type  string `json:"type"`
	Shown int    `json:"shown"`
	Total int    `json:"total"`
}

// Cut reports whether the limit left items out.
func (q *Queue) Cut() bool { return q.Shown < q.Total }

// conflictFields are identifiers that one entity has only one valid value of.
var conflictFields = []record.Field{record.NHSNumber, record.NINumber, record.CompanyNumber}

// Review lists what needs a steward: decisions whose records changed since
// they were made (re-queued), golden records whose members disagree on a
// valid identifier (a possible wrong merge), and scored pairs above the
// review threshold that sit in different golden records (a possible
// missed merge), most likely first. Nothing here contains field values.
func Review(ctx context.Context, q store.Querier, opts ReviewOptions) (*Queue, error) {
	limit := opts.Limit
	if limit <= 0 {
		limit = DefaultLimit
	}
	kinds := record.Kinds
	if opts.Kind != "" {
		kinds = []record.Kind{opts.Kind}
	}
	out := &Queue{Items: []Item{}, Counts: []Count{}}
	for _, k := range kinds {
		for _, list := range []struct {
			typ string
			f   func(context.Context, store.Querier, record.Kind, int) ([]Item, int, error)
		}{{"recheck", recheck}, {"conflict", conflicts}, {"possible-duplicate", duplicates}} {
			items, total, err := list.f(ctx, q, k, limit)
			if err != nil {
				return nil, err
			}
			if total > 0 {
				out.Counts = append(out.Counts, Count{Kind: string(k), Type: list.typ, Shown: len(items), Total: total})
			}
			out.Items = append(out.Items, items...)
			out.Shown += len(items)
			out.Total += total
		}
	}
	return out, nil
}

func recheck(ctx context.Context, q store.Querier, k record.Kind, limit int) ([]Item, int, error) {
	rows, err := q.QueryContext(ctx, `
		SELECT c.rule, c.a_source || ':' || c.a_id, c.b_source || ':' || c.b_id, coalesce(c.decided_by, ''), c.decided_at,
		       ra.content_hash IS NULL OR rb.content_hash IS NULL, count(*) OVER ()
		FROM link_constraints c
		LEFT JOIN current_records ra ON ra.source = c.a_source AND ra.source_id = c.a_id
		LEFT JOIN current_records rb ON rb.source = c.b_source AND rb.source_id = c.b_id
		WHERE c.kind = ? AND c.active AND c.origin = 'steward' AND c.values_hash IS NOT NULL
		  AND (ra.content_hash IS NULL OR rb.content_hash IS NULL
		       OR c.values_hash <> substr(sha256(ra.content_hash || '|' || rb.content_hash), 1, 16))
		ORDER BY c.decided_at LIMIT ?`, string(k), limit)
	if err != nil {
		return nil, 0, fmt.Errorf("steward: review %s: %w", k, err)
	}
	defer rows.Close()
	var out []Item
	total := 0
	for rows.Next() {
		it := Item{Type: "recheck", Kind: string(k)}
		var at time.Time
		var gone bool
		if err := rows.Scan(&it.Rule, &it.A, &it.B, &it.DecidedBy, &at, &gone, &total); err != nil {
			return nil, 0, fmt.Errorf("steward: review %s: %w", k, err)
		}
		it.DecidedAt = &at
		it.Why = "a record changed since the decision"
		if gone {
			it.Why = "a record was deleted since the decision"
		}
		out = append(out, it)
	}
	return out, total, rows.Err()
}

func conflicts(ctx context.Context, q store.Querier, k record.Kind, limit int) ([]Item, int, error) {
	var parts []string
	for _, f := range conflictFields {
		col := store.QuoteIdent(f.Name())
		parts = append(parts, fmt.Sprintf(`SELECT m.golden_id, '%s' AS field, count(DISTINCT r.%s) AS n
			FROM golden_members m JOIN current_records r ON r.rid = m.rid
			WHERE m.kind = $1 AND coalesce(r.%s, '') <> ''
			  AND NOT list_contains(string_split(coalesce(r.invalid_fields, ''), ';'), '%s')
			GROUP BY m.golden_id HAVING count(DISTINCT r.%s) > 1`, f.Name(), col, col, f.Name(), col))
	}
	rows, err := q.QueryContext(ctx, `SELECT golden_id, field, n, count(*) OVER () FROM (`+strings.Join(parts, " UNION ALL ")+`)
		ORDER BY n DESC, golden_id, field LIMIT $2`, string(k), limit)
	if err != nil {
		return nil, 0, fmt.Errorf("steward: review %s: %w", k, err)
	}
	defer rows.Close()
	var out []Item
	total := 0
	for rows.Next() {
		var id string
		it := Item{Type: "conflict", Kind: string(k)}
		if err := rows.Scan(&id, &it.Field, &it.Values, &total); err != nil {
			return nil, 0, fmt.Errorf("steward: review %s: %w", k, err)
		}
		it.GoldenIDs = []string{id}
		it.Why = fmt.Sprintf("its source records give %d different valid %s values", it.Values, it.Field)
		out = append(out, it)
	}
	return out, total, rows.Err()
}

func duplicates(ctx context.Context, q store.Querier, k record.Kind, limit int) ([]Item, int, error) {
	rows, err := q.QueryContext(ctx, `
		SELECT least(ma.golden_id, mb.golden_id), greatest(ma.golden_id, mb.golden_id), max(p.probability) AS p, count(*) OVER ()
		FROM match_pairs p
		JOIN golden_members ma ON ma.rid = p.rid_l
		JOIN golden_members mb ON mb.rid = p.rid_r
		WHERE p.kind = $1 AND ma.golden_id <> mb.golden_id
		  AND NOT EXISTS (SELECT 1 FROM link_constraints c WHERE c.kind = $1 AND c.active AND c.rule = 'cannot-link'
		      AND ((c.a_source = ma.source AND c.a_id = ma.source_id AND c.b_source = mb.source AND c.b_id = mb.source_id)
		        OR (c.b_source = ma.source AND c.b_id = ma.source_id AND c.a_source = mb.source AND c.a_id = mb.source_id)))
		GROUP BY 1, 2 ORDER BY p DESC, 1, 2 LIMIT $2`, string(k), limit)
	if err != nil {
		return nil, 0, fmt.Errorf("steward: review %s: %w", k, err)
	}
	defer rows.Close()
	var out []Item
	total := 0
	for rows.Next() {
		var a, b string
		it := Item{Type: "possible-duplicate", Kind: string(k)}
		if err := rows.Scan(&a, &b, &it.Probability, &total); err != nil {
			return nil, 0, fmt.Errorf("steward: review %s: %w", k, err)
		}
		it.GoldenIDs = []string{a, b}
		it.Why = fmt.Sprintf("scored pair (p=%.2f) in two golden records", it.Probability)
		out = append(out, it)
	}
	return out, total, rows.Err()
}
