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

// relationships rebuilds households and the relationships between golden
// records. Both are derived wholesale from the golden records and the
// source relationships, in SQL: cheap, and always consistent with them.
func (b *builder) relationships(ctx context.Context) error {
	run := b.opts.RunID
	if err := b.exec(ctx, "households", `DELETE FROM households`); err != nil {
		return err
	}
	if err := b.exec(ctx, "households", `
		INSERT INTO households (household_id, uprn, golden_id, property_id, run_id)
		SELECT 'H-' || g.uprn, g.uprn, g.golden_id, p.golden_id, $1
		FROM golden_records g
		LEFT JOIN (SELECT uprn, min(golden_id) AS golden_id FROM golden_records
		           WHERE kind = 'property' AND status = 'active' AND coalesce(uprn, '') <> '' GROUP BY uprn) p
		  ON p.uprn = g.uprn
		WHERE g.kind = 'person' AND g.status = 'active' AND coalesce(g.uprn, '') <> ''`, run); err != nil {
		return err
	}
	if err := b.exec(ctx, "relationships", `DELETE FROM golden_relationships`); err != nil {
		return err
	}
	return b.exec(ctx, "relationships", `
		INSERT INTO golden_relationships
		SELECT DISTINCT fm.kind, fm.golden_id, tm.kind, tm.golden_id, r.rel_type, r.source,
		       r.from_source || ':' || r.from_id, r.to_source || ':' || r.to_id, r.valid_from, r.valid_to, $1
		FROM source_relationships r
		JOIN golden_members fm ON fm.source = r.from_source AND fm.source_id = r.from_id
		JOIN golden_members tm ON tm.source = r.to_source AND tm.source_id = r.to_id
		WHERE fm.golden_id <> tm.golden_id
		UNION
		SELECT 'business', bz.golden_id, 'property', p.golden_id, 'occupies', 'uprn', NULL, NULL, NULL, NULL, $1
		FROM golden_records bz JOIN golden_records p ON p.uprn = bz.uprn
		WHERE bz.kind = 'business' AND p.kind = 'property' AND bz.status = 'active' AND p.status = 'active'
		  AND coalesce(bz.uprn, '') <> ''`, run)
}
