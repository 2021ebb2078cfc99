package golden

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

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
// the source relationships as a whole, so they are always what a full
// rebuild would give; only the difference is written, so that a run that
// changes little writes little.
func (b *builder) relationships(ctx context.Context) error {
	defer b.timed("households and relationships")()
	run := b.opts.RunID
	households := `
		SELECT 'H-' || g.uprn AS household_id, g.uprn, g.golden_id, p.golden_id AS property_id
		FROM golden_records g
		LEFT JOIN (SELECT uprn, min(golden_id) AS golden_id FROM golden_records
		           WHERE kind = 'property' AND status = 'active' AND coalesce(uprn, '') <> '' GROUP BY uprn) p
		  ON p.uprn = g.uprn
		WHERE g.kind = 'person' AND g.status = 'active' AND coalesce(g.uprn, '') <> ''`
	if err := b.sync(ctx, "households", []string{"household_id", "uprn", "golden_id", "property_id"}, households, run); err != nil {
		return err
	}
	rels := `
		SELECT DISTINCT fm.kind AS from_kind, fm.golden_id AS from_id, tm.kind AS to_kind, tm.golden_id AS to_id, r.rel_type, r.source,
		       r.from_source || ':' || r.from_id AS from_key, r.to_source || ':' || r.to_id AS to_key, r.valid_from, r.valid_to
		FROM source_relationships r
		JOIN golden_members fm ON fm.source = r.from_source AND fm.source_id = r.from_id
		JOIN golden_members tm ON tm.source = r.to_source AND tm.source_id = r.to_id
		WHERE fm.golden_id <> tm.golden_id
		UNION
		SELECT 'business', bz.golden_id, 'property', p.golden_id, 'occupies', 'uprn', NULL, NULL, NULL, NULL
		FROM golden_records bz JOIN golden_records p ON p.uprn = bz.uprn
		WHERE bz.kind = 'business' AND p.kind = 'property' AND bz.status = 'active' AND p.status = 'active'
		  AND coalesce(bz.uprn, '') <> ''`
	return b.sync(ctx, "golden_relationships", []string{"from_kind", "from_id", "to_kind", "to_id", "rel_type", "source", "from_key", "to_key", "valid_from", "valid_to"}, rels, run)
}

// sync makes table hold exactly the rows of query (on cols; the table's
// run_id says when a row appeared), deleting and inserting the difference.
func (b *builder) sync(ctx context.Context, table string, cols []string, query string, run int64) error {
	list := strings.Join(cols, ", ")
	if err := b.temp(ctx, "g_want_"+table, "AS "+query); err != nil {
		return err
	}
	if err := b.temp(ctx, "g_del_"+table, "AS SELECT "+list+" FROM "+table+" EXCEPT SELECT "+list+" FROM g_want_"+table); err != nil {
		return err
	}
	var match []string
	for _, c := range cols {
		match = append(match, "t."+c+" IS NOT DISTINCT FROM d."+c)
	}
	if err := b.exec(ctx, "sync "+table, "DELETE FROM "+table+" t WHERE EXISTS (SELECT 1 FROM g_del_"+table+" d WHERE "+strings.Join(match, " AND ")+")"); err != nil {
		return err
	}
	return b.exec(ctx, "sync "+table, "INSERT INTO "+table+" ("+list+", run_id) SELECT "+list+", $1 FROM (SELECT "+list+" FROM g_want_"+table+" EXCEPT SELECT "+list+" FROM "+table+")", run)
}
