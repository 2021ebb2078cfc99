package connectors

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/council/golden/record"
	"github.com/council/golden/store"
)

// sourceCols are source_records' columns before the field columns.
var sourceCols = []string{"rid", "source", "source_id", "kind", "version", "run_id", "line", "content_hash",
	"is_current", "deleted", "observed_at", "invalid_fields", "flags", "attrs"}

// apply compares the staged extract with the store's current versions and
// writes what changed: quarantine, new records, new versions, deletions,
// relationships and the run's counts.
func (j *job) apply(ctx context.Context, tx *store.Tx, s *stage, runID int64, sr *SourceReport) error {
	src := j.src.Name
	exec := func(what, q string, args ...any) (int64, error) {
		start := time.Now()
		res, err := tx.ExecContext(ctx, q, args...)
		if err != nil {
			return 0, fmt.Errorf("%s: %w", what, err)
		}
		n, _ := res.RowsAffected()
		j.log.Debug("ingest step", "step", what, "rows", n, "took", time.Since(start))
		return n, nil
	}
	count := func(what, q string, args ...any) (int64, error) {
		var n int64
		if err := tx.QueryRowContext(ctx, q, args...).Scan(&n); err != nil {
			return 0, fmt.Errorf("%s: %w", what, err)
		}
		return n, nil
	}
	var err error
	if sr.Read, err = count("count rows", `SELECT count(*) FROM ingest_stage`); err != nil {
		return err
	}
	// Later rows with an id already seen in this extract: quarantined, the first kept.
	// (Counting distinct ids first is cheaper than the window when there are none.)
	dups, err := count("duplicate check", `SELECT count(source_id) - count(DISTINCT source_id) FROM ingest_stage WHERE q_reason IS NULL`)
	if err != nil {
		return err
	}
	if dups > 0 {
		if _, err := exec("duplicates", `
		UPDATE ingest_stage SET q_field = 'id',
			q_reason = 'duplicate source id: the first row with it is ' || d.ffile || ' line ' || d.fline || '; this one is not stored'
		FROM (SELECT seq, row_number() OVER w AS rn, first_value(file) OVER w AS ffile, first_value(line) OVER w AS fline
		      FROM ingest_stage WHERE q_reason IS NULL
		      WINDOW w AS (PARTITION BY source_id ORDER BY seq)) d
		WHERE d.seq = ingest_stage.seq AND d.rn > 1`); err != nil {
			return err
		}
	}
	if sr.Quarantined, err = exec("quarantine", `
		INSERT INTO quarantine (run_id, source, file, line, field, reason, raw)
		SELECT ?, ?, file, line, q_field, q_reason, raw FROM ingest_stage WHERE q_reason IS NOT NULL ORDER BY seq`, runID, src); err != nil {
		return err
	}
	// The plan: what happens to each good row.
	if _, err := exec("plan", `
		CREATE OR REPLACE TEMP TABLE ingest_plan AS
		SELECT s.seq, c.rid AS old_rid, c.version AS old_version,
		       CASE WHEN c.rid IS NULL THEN CASE WHEN s.deleted THEN 'skip' ELSE 'new' END
		            WHEN s.deleted AND c.deleted THEN 'same'
		            WHEN s.deleted THEN 'delete'
		            WHEN c.content_hash = s.content_hash AND NOT c.deleted THEN 'same'
		            ELSE 'changed' END AS action
		FROM ingest_stage s
		LEFT JOIN (SELECT rid, source_id, version, content_hash, deleted FROM source_records
		           WHERE source = ? AND is_current) c ON c.source_id = s.source_id
		WHERE s.q_reason IS NULL`, src); err != nil {
		return err
	}
	var nSkip, nDelete int64
	row := tx.QueryRowContext(ctx, `SELECT count(*) FILTER (action = 'new'), count(*) FILTER (action = 'changed'),
		count(*) FILTER (action = 'same'), count(*) FILTER (action = 'skip'), count(*) FILTER (action = 'delete') FROM ingest_plan`)
	if err := row.Scan(&sr.New, &sr.Changed, &sr.Unchanged, &nSkip, &nDelete); err != nil {
		return fmt.Errorf("plan: %w", err)
	}
	sr.Unchanged += nSkip
	sr.Changed += nDelete
	sr.Deleted = nDelete
	sr.Stored = sr.New + sr.Changed + sr.Unchanged

	// Full extracts: current records missing from the extract are deleted.
	var nGone int64
	if !j.spec.Delta {
		if nGone, err = count("deletions", `
			SELECT count(*) FROM source_records r
			WHERE r.source = ? AND r.is_current AND NOT r.deleted
			  AND NOT EXISTS (SELECT 1 FROM ingest_stage s WHERE s.source_id = r.source_id AND s.q_reason IS NULL)`, src); err != nil {
			return err
		}
		if nGone > 0 && sr.Stored == 0 && !j.allowNil {
			return fmt.Errorf("the extract has no records (%d rows read, %d quarantined): refusing to mark all %d current records deleted "+
				"(set allow_empty: true on the source if the system really is empty)", sr.Read, sr.Quarantined, nGone)
		}
		sr.Deleted += nGone
	}

	fieldCols := make([]string, 0, record.NumFields)
	for _, f := range record.AllFields() {
		fieldCols = append(fieldCols, store.QuoteIdent(f.Name()))
	}
	stageFieldExprs := make([]string, 0, record.NumFields)
	for _, f := range record.AllFields() {
		if pos, ok := s.fieldPos(f); ok {
			stageFieldExprs = append(stageFieldExprs, packedAt("s.p", pos))
		} else {
			stageFieldExprs = append(stageFieldExprs, "NULL")
		}
	}
	allCols := strings.Join(append(append([]string(nil), sourceCols...), fieldCols...), ", ")
	oldFields := "r." + strings.Join(fieldCols, ", r.")

	// Retire the versions that are replaced (changed, deleted by a delta, or
	// missing from a full extract).
	if _, err := exec("retire versions", `
		UPDATE source_records SET is_current = false
		WHERE source = ? AND is_current AND (
			rid IN (SELECT old_rid FROM ingest_plan WHERE action IN ('changed', 'delete'))`+
		map[bool]string{true: ")", false: `
			OR (NOT deleted AND NOT EXISTS (SELECT 1 FROM ingest_stage s WHERE s.source_id = source_records.source_id AND s.q_reason IS NULL)))`}[j.spec.Delta],
		src); err != nil {
		return err
	}
	// New records and new versions of changed ones.
	if _, err := exec("store records", `
		INSERT INTO source_records (`+allCols+`)
		WITH sp AS MATERIALIZED (SELECT seq, source_id, line, content_hash, observed_at, string_split(packed, chr(31)) AS p
		                         FROM ingest_stage WHERE q_reason IS NULL)
		SELECT CASE WHEN p.action = 'new' THEN nextval('rid_seq') ELSE p.old_rid END,
		       ?, s.source_id, ?, CASE WHEN p.action = 'new' THEN 1 ELSE p.old_version + 1 END, ?, s.line, s.content_hash,
		       true, false, s.observed_at, `+packedAt("s.p", packInvalid)+`, `+packedAt("s.p", packFlags)+`, `+packedAt("s.p", packAttrs)+`,
		       `+strings.Join(stageFieldExprs, ", ")+`
		FROM sp s JOIN ingest_plan p USING (seq)
		WHERE p.action IN ('new', 'changed')`, src, string(j.src.Kind), runID); err != nil {
		return err
	}
	// Deletions keep the last values, as a new version marked deleted.
	if nDelete > 0 {
		if _, err := exec("delta deletes", `
			INSERT INTO source_records (`+allCols+`)
			SELECT r.rid, r.source, r.source_id, r.kind, r.version + 1, ?, s.line, s.content_hash,
			       true, true, r.observed_at, r.invalid_fields, r.flags, r.attrs, `+oldFields+`
			FROM ingest_plan p JOIN ingest_stage s USING (seq)
			JOIN source_records r ON r.rid = p.old_rid AND r.version = p.old_version
			WHERE p.action = 'delete'`, runID); err != nil {
			return err
		}
	}
	if nGone > 0 {
		if _, err := exec("full-extract deletes", `
			INSERT INTO source_records (`+allCols+`)
			SELECT r.rid, r.source, r.source_id, r.kind, r.version + 1, ?, NULL, r.content_hash || ':deleted',
			       true, true, r.observed_at, r.invalid_fields, r.flags, r.attrs, `+oldFields+`
			FROM source_records r
			WHERE r.source = ? AND r.run_id <> ? AND NOT r.deleted
			  AND r.version = (SELECT max(version) FROM source_records m WHERE m.rid = r.rid)
			  AND NOT r.is_current
			  AND NOT EXISTS (SELECT 1 FROM ingest_stage s WHERE s.source_id = r.source_id AND s.q_reason IS NULL)`, runID, src, runID); err != nil {
			return err
		}
	}
	if err := j.applyRels(ctx, tx, s, runID, exec); err != nil {
		return err
	}
	if _, err := exec("counts", `INSERT INTO ingest_counts (run_id, source, kind, rows_read, stored, new, changed, unchanged, deleted, quarantined)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, runID, src, string(j.src.Kind), sr.Read, sr.Stored, sr.New, sr.Changed, sr.Unchanged, sr.Deleted, sr.Quarantined); err != nil {
		return err
	}
	if _, err := exec("drop staging", `DROP TABLE ingest_stage; DROP TABLE ingest_plan`); err != nil {
		return err
	}
	return nil
}

// applyRels records the relationships the rows state: new edges are added;
// edges the source no longer states get valid_to = today (kept, not removed).
func (j *job) applyRels(ctx context.Context, tx *store.Tx, s *stage, runID int64, exec func(string, string, ...any) (int64, error)) error {
	rels := j.spec.Rels()
	src := j.src.Name
	if len(rels) == 0 {
		return nil
	}
	var parts []string
	var args []any
	for i, r := range rels {
		col := packedAt("string_split(packed, chr(31))", s.relPos(i))
		if r.ThisIsFrom {
			parts = append(parts, `SELECT ? AS from_source, source_id AS from_id, ? AS to_source, `+col+` AS to_id, ? AS rel_type, source_id AS this_id
				FROM ingest_stage WHERE q_reason IS NULL AND NOT deleted AND `+col+` IS NOT NULL`)
			args = append(args, src, r.Other, string(r.Type))
		} else {
			parts = append(parts, `SELECT ? AS from_source, `+col+` AS from_id, ? AS to_source, source_id AS to_id, ? AS rel_type, source_id AS this_id
				FROM ingest_stage WHERE q_reason IS NULL AND NOT deleted AND `+col+` IS NOT NULL`)
			args = append(args, r.Other, src, string(r.Type))
		}
	}
	if _, err := exec("relationships", `CREATE OR REPLACE TEMP TABLE ingest_rels AS SELECT DISTINCT * FROM (`+strings.Join(parts, " UNION ALL ")+`)`, args...); err != nil {
		return err
	}
	scope := ""
	if j.spec.Delta {
		// A delta speaks only for the records it carries.
		scope = ` AND ((from_source = $1 AND from_id IN (SELECT source_id FROM ingest_stage WHERE q_reason IS NULL))
		            OR (to_source = $1 AND to_id IN (SELECT source_id FROM ingest_stage WHERE q_reason IS NULL)))`
	}
	if _, err := exec("end relationships", `
		UPDATE source_relationships SET valid_to = current_date
		WHERE source = $1 AND valid_to IS NULL`+scope+`
		  AND NOT EXISTS (SELECT 1 FROM ingest_rels e WHERE e.from_source = source_relationships.from_source AND e.from_id = source_relationships.from_id
		                  AND e.to_source = source_relationships.to_source AND e.to_id = source_relationships.to_id AND e.rel_type = source_relationships.rel_type)`,
		src); err != nil {
		return err
	}
	if _, err := exec("add relationships", `
		INSERT INTO source_relationships (source, from_source, from_id, to_source, to_id, rel_type, valid_from, valid_to, run_id)
		SELECT $1, e.from_source, e.from_id, e.to_source, e.to_id, e.rel_type, NULL, NULL, $2 FROM ingest_rels e
		WHERE NOT EXISTS (SELECT 1 FROM source_relationships r WHERE r.source = $1 AND r.valid_to IS NULL
		                  AND e.from_source = r.from_source AND e.from_id = r.from_id AND e.to_source = r.to_source
		                  AND e.to_id = r.to_id AND e.rel_type = r.rel_type)`, src, runID); err != nil {
		return err
	}
	_, err := exec("drop relationships", `DROP TABLE ingest_rels`)
	return err
}
