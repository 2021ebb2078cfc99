package golden

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"github.com/council/golden/record"
	"github.com/council/golden/store"
)

// ConstraintError is a cannot-link pair of source records found in one
// golden record. The matching engine must never produce one; Build checks
// as a defence in depth and refuses to commit.
type ConstraintError struct {
	Kind     string
	A, B     string // source:source_id
	GoldenID string
}

func (e *ConstraintError) Error() string {
	return fmt.Sprintf("golden %s: cannot-link pair %s and %s are both in golden record %s (check the clustering)", e.Kind, e.A, e.B, e.GoldenID)
}

// checkConstraints fails if any active cannot-link pair of the kind (from
// stewards or from golden.yaml) is in one golden record.
func (b *builder) checkConstraints(ctx context.Context) error {
	defer b.timed("constraints")()
	if err := b.temp(ctx, "g_cons", `(a_source VARCHAR, a_id VARCHAR, b_source VARCHAR, b_id VARCHAR)`); err != nil {
		return err
	}
	err := b.tx.Append(ctx, "g_cons", nil, func(a *store.Appender) error {
		for _, c := range b.cfgConstraints {
			if string(c.Kind) != string(b.kind) || c.Rule != "cannot-link" {
				continue
			}
			as, aid, _ := strings.Cut(c.A, ":")
			bs, bid, _ := strings.Cut(c.B, ":")
			if err := a.AppendRow(as, aid, bs, bid); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("golden %s: constraints: %w", b.kind, err)
	}
	var n int
	if err := b.tx.QueryRowContext(ctx, `SELECT (SELECT count(*) FROM link_constraints WHERE kind = ? AND rule = 'cannot-link' AND active)
		+ (SELECT count(*) FROM g_cons)`, string(b.kind)).Scan(&n); err != nil {
		return fmt.Errorf("golden %s: constraints: %w", b.kind, err)
	}
	if n == 0 {
		return nil
	}
	var e ConstraintError
	err = b.tx.QueryRowContext(ctx, `
		WITH c AS (
			SELECT a_source, a_id, b_source, b_id FROM link_constraints
			WHERE kind = $1 AND rule = 'cannot-link' AND active
			UNION SELECT * FROM g_cons)
		SELECT c.a_source || ':' || c.a_id, c.b_source || ':' || c.b_id, ma.golden_id
		FROM c
		JOIN golden_members ma ON ma.kind = $1 AND ma.source = c.a_source AND ma.source_id = c.a_id
		JOIN golden_members mb ON mb.kind = $1 AND mb.source = c.b_source AND mb.source_id = c.b_id
		WHERE ma.golden_id = mb.golden_id
		ORDER BY 1, 2 LIMIT 1`, string(b.kind)).Scan(&e.A, &e.B, &e.GoldenID)
	if err == nil {
		e.Kind = string(b.kind)
		return &e
	}
	if !errors.Is(err, sql.ErrNoRows) {
		return fmt.Errorf("golden %s: constraints: %w", b.kind, err)
	}
	return nil
}

// relationships brings households and the relationships between golden
// records up to date. Both are derived in SQL from the golden records and
// the source relationships, so they are always what a full rebuild would
// give, and only the difference is written. An incremental build derives
// them only around what it touched (the UPRNs and golden ids of the
// records it changed), unless the source relationships changed.
func (b *builder) relationships(ctx context.Context, full bool, touched, uprns map[string]bool) error {
	defer b.timed("households and relationships")()
	run := b.opts.RunID
	if !full {
		if err := b.fill(ctx, "g_touch", "golden_id", touched); err != nil {
			return err
		}
		if err := b.fill(ctx, "g_uprns", "uprn", uprns); err != nil {
			return err
		}
	}
	households := `
		SELECT 'H-' || g.uprn AS household_id, g.uprn, g.golden_id, p.golden_id AS property_id
		FROM golden_records g
		LEFT JOIN (SELECT uprn, min(golden_id) AS golden_id FROM golden_records
		           WHERE kind = 'property' AND status = 'active' AND coalesce(uprn, '') <> '' GROUP BY uprn) p
		  ON p.uprn = g.uprn
		WHERE g.kind = 'person' AND g.status = 'active' AND coalesce(g.uprn, '') <> ''`
	scope := ""
	if !full {
		scope = "uprn IN (SELECT uprn FROM g_uprns)"
	}
	// Households depend on people and properties only. A full build syncs
	// the difference; an incremental one re-derives the UPRNs it touched.
	switch {
	case full:
		if err := b.sync(ctx, "households", []string{"household_id", "uprn", "golden_id", "property_id"}, households, "", run); err != nil {
			return err
		}
	case b.kind != record.Business:
		if err := b.exec(ctx, "households", `DELETE FROM households WHERE `+scope); err != nil {
			return err
		}
		if err := b.exec(ctx, "households", `INSERT INTO households (household_id, uprn, golden_id, property_id, run_id)
			SELECT household_id, uprn, golden_id, property_id, $1 FROM (`+households+`) WHERE `+scope, run); err != nil {
			return err
		}
	}

	var fp string
	if err := b.tx.QueryRowContext(ctx, `SELECT count(*)::VARCHAR || ':' || coalesce(sum(hash(source, from_source, from_id, to_source, to_id, rel_type, valid_from, valid_to)), 0)::VARCHAR
		FROM source_relationships`).Scan(&fp); err != nil {
		return fmt.Errorf("golden %s: source relationships: %w", b.kind, err)
	}
	var was string
	if err := b.tx.QueryRowContext(ctx, `SELECT fingerprint FROM golden_sync WHERE name = 'source_relationships'`).Scan(&was); err != nil && !errors.Is(err, sql.ErrNoRows) {
		return fmt.Errorf("golden %s: source relationships: %w", b.kind, err)
	}
	edges, occupy, scope := "source_relationships", "", ""
	if !full && fp == was {
		// Only the edges with an end in a touched golden record.
		edges = `(
			WITH tk AS (SELECT source, source_id FROM golden_members WHERE golden_id IN (SELECT golden_id FROM g_touch))
			SELECT r.* FROM source_relationships r WHERE EXISTS (SELECT 1 FROM tk WHERE tk.source = r.from_source AND tk.source_id = r.from_id)
			UNION ALL
			SELECT r.* FROM source_relationships r WHERE EXISTS (SELECT 1 FROM tk WHERE tk.source = r.to_source AND tk.source_id = r.to_id))`
		occupy = ` AND (bz.golden_id IN (SELECT golden_id FROM g_touch) OR p.golden_id IN (SELECT golden_id FROM g_touch))`
		if b.kind == record.Person {
			// Businesses and properties linked by UPRN: not this build's.
			occupy = ` AND false`
		}
		scope = "from_id IN (SELECT golden_id FROM g_touch) OR to_id IN (SELECT golden_id FROM g_touch)"
	}
	if strings.HasPrefix(fp, "0:") {
		// No source relationships at all: nothing to join.
		edges = "(SELECT * FROM source_relationships WHERE false)"
	}
	// Each edge is joined to its two ends one at a time (fe is
	// materialised): inside the build's transaction DuckDB estimates the
	// just-rewritten golden_members at ~0 rows, and with both joins in one
	// query it chose a nested loop of golden_members with itself on
	// from_id <> to_id (196,000² rows at 100,000 people: 21 GB, then disk).
	rels := `
		WITH fe AS MATERIALIZED (
			SELECT fm.kind AS from_kind, fm.golden_id AS from_id, r.to_source, r.to_id, r.rel_type, r.source,
			       r.from_source || ':' || r.from_id AS from_key, r.valid_from, r.valid_to
			FROM ` + edges + ` r
			JOIN golden_members fm ON fm.source = r.from_source AND fm.source_id = r.from_id)
		SELECT DISTINCT fe.from_kind, fe.from_id, tm.kind AS to_kind, tm.golden_id AS to_id, fe.rel_type, fe.source,
		       fe.from_key, fe.to_source || ':' || fe.to_id AS to_key, fe.valid_from, fe.valid_to
		FROM fe
		JOIN golden_members tm ON tm.source = fe.to_source AND tm.source_id = fe.to_id
		WHERE fe.from_id <> tm.golden_id
		UNION
		SELECT 'business', bz.golden_id, 'property', p.golden_id, 'occupies', 'uprn', NULL, NULL, NULL, NULL
		FROM golden_records bz JOIN golden_records p ON p.uprn = bz.uprn
		WHERE bz.kind = 'business' AND p.kind = 'property' AND bz.status = 'active' AND p.status = 'active'
		  AND coalesce(bz.uprn, '') <> ''` + occupy
	if err := b.sync(ctx, "golden_relationships", []string{"from_kind", "from_id", "to_kind", "to_id", "rel_type", "source", "from_key", "to_key", "valid_from", "valid_to"}, rels, scope, run); err != nil {
		return err
	}
	if fp != was {
		return b.exec(ctx, "source relationships", `INSERT OR REPLACE INTO golden_sync (name, fingerprint) VALUES ('source_relationships', ?)`, fp)
	}
	return nil
}

// fill makes a one-column temp table holding values.
func (b *builder) fill(ctx context.Context, table, col string, values map[string]bool) error {
	if err := b.temp(ctx, table, "("+col+" VARCHAR)"); err != nil {
		return err
	}
	err := b.tx.Append(ctx, table, nil, func(a *store.Appender) error {
		for v := range values {
			if v == "" {
				continue
			}
			if err := a.AppendRow(v); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("golden %s: %s: %w", b.kind, table, err)
	}
	return nil
}

// sync makes the rows of table within scope (a condition on its columns;
// "" for all) exactly the rows of query within scope, deleting and
// inserting the difference (the table's run_id says when a row appeared).
func (b *builder) sync(ctx context.Context, table string, cols []string, query, scope string, run int64) error {
	list := strings.Join(cols, ", ")
	where := ""
	if scope != "" {
		where = " WHERE " + scope
	}
	if err := b.temp(ctx, "g_want_"+table, "AS SELECT "+list+" FROM ("+query+")"+where); err != nil {
		return err
	}
	if err := b.temp(ctx, "g_del_"+table, "AS SELECT "+list+" FROM "+table+where+" EXCEPT SELECT "+list+" FROM g_want_"+table); err != nil {
		return err
	}
	var match []string
	for _, c := range cols {
		match = append(match, "t."+c+" IS NOT DISTINCT FROM d."+c)
	}
	if err := b.exec(ctx, "sync "+table, "DELETE FROM "+table+" t WHERE EXISTS (SELECT 1 FROM g_del_"+table+" d WHERE "+strings.Join(match, " AND ")+")"); err != nil {
		return err
	}
	return b.exec(ctx, "sync "+table, "INSERT INTO "+table+" ("+list+", run_id) SELECT "+list+", $1 FROM (SELECT "+list+" FROM g_want_"+table+" EXCEPT SELECT "+list+" FROM "+table+where+")", run)
}
