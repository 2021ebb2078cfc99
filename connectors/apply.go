package connectors

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/council/golden/record"
	"github.com/council/golden/store"
)

// sourceCols are source_records' columns before the field columns.
var sourceCols = []string{"rid", "source", "source_id", "kind", "version", "run_id", "line", "content_hash",
	"is_current", "deleted", "observed_at", "invalid_fields", "flags", "attrs"}

// The staging tables of one ingest (temporary: they live and die with the
// transaction's connection). Everything DuckDB stores inside a transaction
// stays in memory until the transaction ends, so they are narrow: the ids of
// the good rows staged so far (duplicates, records missing from a full
// extract), the quarantined rows, the raw text of the rare rows whose id
// the filter may have seen, the file names, the relationships the rows state
// and the current chunk's plan. The rows themselves are read, a chunk at a
// time, from Go memory through store.StagedFunc: their sequence number and
// everything else packed into one text value (separated by U+001F) that SQL
// unpacks when it writes source_records.
const (
	idsTable    = "ingest_ids"
	rejectTable = "ingest_rejects"
	maybeTable  = "ingest_maybe_dup"
	filesTable  = "ingest_files"
)

var stageSQL = []string{
	"CREATE OR REPLACE TEMP TABLE " + idsTable + " (seq BIGINT, source_id VARCHAR, file_no INTEGER, line BIGINT)",
	// source_id: the quarantined row's id, where it could be read.
	"CREATE OR REPLACE TEMP TABLE " + rejectTable + " (seq BIGINT, file VARCHAR, line BIGINT, field VARCHAR, reason VARCHAR, raw VARCHAR, source_id VARCHAR)",
	"CREATE OR REPLACE TEMP TABLE " + maybeTable + " (seq BIGINT, raw VARCHAR)",
	"CREATE OR REPLACE TEMP TABLE " + filesTable + " (file_no INTEGER, file VARCHAR)",
	// owner: the source id of the row that states the edge.
	"CREATE OR REPLACE TEMP TABLE ingest_rels (from_source VARCHAR, from_id VARCHAR, to_source VARCHAR, to_id VARCHAR, rel_type VARCHAR, owner VARCHAR)",
}

const dropStageSQL = "DROP TABLE " + idsTable + "; DROP TABLE " + rejectTable + "; DROP TABLE " + maybeTable + "; DROP TABLE " + filesTable +
	"; DROP TABLE ingest_rels; DROP TABLE IF EXISTS ingest_plan; DROP TABLE IF EXISTS ingest_chunk; DROP TABLE IF EXISTS ingest_current; DROP TABLE IF EXISTS ingest_later"

// staged is the chunk's rows as SQL reads them; $1 is the key store.Stage gave.
const staged = store.StagedFunc + "($1)"

// Positions (1-based, as DuckDB lists count) in the packed value. The first
// is the deleted mark ("1" or "0") followed by the content hash, so that the
// plan reads both without splitting the whole value.
const (
	packHash     = 1 // after the one-character deleted mark
	packLine     = 2
	packSourceID = 3
	packObserved = 4 // "YYYY-MM-DD hh:mm:ss.ffffff" UTC, or ""
	packInvalid  = 5
	packFlags    = 6
	packAttrs    = 7
	packFields   = 8 // then one per mapped field, then one per relationship
)

const unitSep = 0x1f

// packedAt returns the SQL expression for packed position i of list.
func packedAt(list string, i int) string {
	return fmt.Sprintf("NULLIF(%s[%d], '')", list, i)
}

// stagedHash and stagedDeleted read the content hash and the deleted mark
// that lead a packed value, without splitting the rest.
func stagedHash(packed string) string {
	return "substr(" + packed + ", 2, strpos(" + packed + ", chr(31)) - 2)"
}

func stagedDeleted(packed string) string { return "starts_with(" + packed + ", '1')" }

// applier compares the staged extract with the store's current versions
// and writes what changed, a chunk of rows at a time as they are staged
// (duplicates, the plan, retired and new versions, relationships stated),
// then once for the whole extract (quarantine, records missing from a full
// extract, relationships ended and the run's counts).
type applier struct {
	j     *job
	tx    *store.Tx
	s     *stage
	runID int64
	sr    *SourceReport

	snapped               bool // ingest_current exists
	empty                 bool // and is empty: the source had no records
	nNew, nChanged, nSame int64
	nSkip, nDelete        int64
	allCols, oldFields    string
	stageFieldExprs       []string
}

func newApplier(j *job, tx *store.Tx, s *stage, runID int64, sr *SourceReport) *applier {
	fieldCols := make([]string, 0, record.NumFields)
	for _, f := range record.AllFields() {
		fieldCols = append(fieldCols, store.QuoteIdent(f.Name()))
	}
	exprs := make([]string, 0, record.NumFields)
	for _, f := range record.AllFields() {
		if pos, ok := s.fieldPos(f); ok {
			exprs = append(exprs, packedAt("s.p", pos))
		} else {
			exprs = append(exprs, "NULL")
		}
	}
	return &applier{j: j, tx: tx, s: s, runID: runID, sr: sr,
		allCols:         strings.Join(append(append([]string(nil), sourceCols...), fieldCols...), ", "),
		oldFields:       "r." + strings.Join(fieldCols, ", r."),
		stageFieldExprs: exprs}
}

func (a *applier) exec(ctx context.Context, what, q string, args ...any) (int64, error) {
	start := time.Now()
	res, err := a.tx.ExecContext(ctx, q, args...)
	if err != nil {
		return 0, fmt.Errorf("%s: %w", what, err)
	}
	n, _ := res.RowsAffected()
	a.j.log.Debug("ingest step", "step", what, "rows", n, "took", time.Since(start))
	return n, nil
}

func (a *applier) count(ctx context.Context, what, q string, args ...any) (int64, error) {
	var n int64
	if err := a.tx.QueryRowContext(ctx, q, args...).Scan(&n); err != nil {
		return 0, fmt.Errorf("%s: %w", what, err)
	}
	return n, nil
}

// snapshot keeps the source's current versions as they were before this
// ingest, read once: the chunks compare with them, not with what earlier
// chunks wrote, and records missing from a full extract are found in them.
func (a *applier) snapshot(ctx context.Context) error {
	if a.snapped {
		return nil
	}
	if _, err := a.exec(ctx, "current versions", `CREATE OR REPLACE TEMP TABLE ingest_current AS
		SELECT rid, source_id, version, content_hash, deleted FROM source_records WHERE source = $1 AND is_current`, a.j.src.Name); err != nil {
		return err
	}
	a.snapped = true
	n, err := a.count(ctx, "current versions", `SELECT count(*) FROM ingest_current`)
	a.empty = n == 0
	return err
}

// chunk applies the chunk of rows staged under key, those with seq in
// [lo, hi). Rows are staged in file order and every earlier row's id is in
// ingest_ids already, so a duplicate is always found against the first row
// with its id. In a full extract it is quarantined; in a delta it is a later
// change of the record (deltaChunk).
func (a *applier) chunk(ctx context.Context, c chunkInfo) error {
	key, lo, hi := c.key, c.lo, c.hi
	if err := a.snapshot(ctx); err != nil {
		return err
	}
	fast := a.empty && !a.j.noFastPath
	if fast && !c.maybeDups {
		return a.firstLoadChunk(ctx, c, 0)
	}
	if c.maybeDups && a.j.spec.Delta {
		return a.deltaChunk(ctx, c)
	}
	if c.maybeDups {
		// Later rows with an id already seen in this extract: quarantined,
		// the first kept. Only rows the id filter flagged can be one.
		dups, err := a.exec(ctx, "duplicates", `
		INSERT INTO ingest_rejects (seq, file, line, field, reason, raw)
		SELECT d.seq, df.file, d.line, 'id',
		       'duplicate source id: the first row with it is ' || ff.file || ' line ' || d.first_line || '; this one is not stored', m.raw
		FROM `+repeatsSQL+` d
		JOIN ingest_maybe_dup m ON m.seq = d.seq AND d.seq >= $1 AND d.occ > 0
		JOIN ingest_files df ON df.file_no = d.file_no
		JOIN ingest_files ff ON ff.file_no = d.first_file_no`, lo, hi)
		if err != nil {
			return err
		}
		if _, err := a.exec(ctx, "duplicates", `DELETE FROM ingest_ids
			WHERE seq IN (SELECT seq FROM ingest_rejects WHERE seq >= $1 AND seq < $2 AND field = 'id')`, lo, hi); err != nil {
			return err
		}
		if _, err := a.exec(ctx, "duplicates", `DELETE FROM ingest_maybe_dup`); err != nil {
			return err
		}
		if fast {
			// Most of the filter's "maybe"s in a big extract are false;
			// the true duplicates are left out of a first load.
			return a.firstLoadChunk(ctx, c, dups)
		}
	}
	return a.applyRows(ctx, key, lo, hi, "")
}

// repeatsSQL lists, for the ids that the chunk [$1, $2) has in rows the id
// filter flagged, every row with one of them so far (in this chunk or an
// earlier one): seq, source_id, file_no, line, occ (how many earlier rows
// have its id) and the file_no and line of the first of them. A window,
// not a join of an id's rows with each other, which is quadratic for a
// placeholder id; and ingest_ids, which grows with the extract, is only
// scanned, never joined back (a hash table of it would have to fit in
// the ingest's memory cap).
const repeatsSQL = `(SELECT seq, source_id, file_no, line, row_number() OVER w - 1 AS occ,
		first_value(file_no) OVER w AS first_file_no, first_value(line) OVER w AS first_line
	FROM ingest_ids
	WHERE seq < $2 AND source_id IN (SELECT i.source_id FROM ingest_ids i JOIN ingest_maybe_dup m ON m.seq = i.seq
	                                 WHERE i.seq >= $1 AND i.seq < $2)
	WINDOW w AS (PARTITION BY source_id ORDER BY seq))`

// maxDeltaRepeats is how many later rows one id may have in a delta run.
const maxDeltaRepeats = 100

// deltaChunk applies a chunk of a delta source in which some ids repeat an
// earlier row's (in this chunk, an earlier chunk or an earlier file of the
// run): a delta is a log of changes, so the rows apply in order, each a
// version of its record. The rows whose id is new to the run go first; then
// the second rows of their ids, compared with what the first ones stored;
// then the third, and so on. An id that comes more than maxDeltaRepeats
// times in one run is a placeholder (0, UNKNOWN), not a record changing:
// its later rows are quarantined.
func (a *applier) deltaChunk(ctx context.Context, c chunkInfo) error {
	if _, err := a.exec(ctx, "repeated ids", `CREATE OR REPLACE TEMP TABLE ingest_later AS
		SELECT seq, source_id, file_no, line, occ FROM `+repeatsSQL+`
		WHERE occ > 0 AND seq >= $1`, c.lo, c.hi); err != nil {
		return err
	}
	if _, err := a.exec(ctx, "repeated ids", `
		INSERT INTO ingest_rejects (seq, file, line, field, reason, raw)
		SELECT l.seq, df.file, l.line, 'id',
		       'source id repeated more than '`+` || $1 || ' times in one delta run (a placeholder id?); this row is not stored', m.raw
		FROM ingest_later l JOIN ingest_maybe_dup m ON m.seq = l.seq
		JOIN ingest_files df ON df.file_no = l.file_no
		WHERE l.occ > $1`, maxDeltaRepeats); err != nil {
		return err
	}
	for _, q := range []string{
		`DELETE FROM ingest_ids WHERE seq IN (SELECT seq FROM ingest_later WHERE occ > $1)`,
		`DELETE FROM ingest_later WHERE occ > $1`,
	} {
		if _, err := a.exec(ctx, "repeated ids", q, maxDeltaRepeats); err != nil {
			return err
		}
	}
	if _, err := a.exec(ctx, "repeated ids", `DELETE FROM ingest_maybe_dup`); err != nil {
		return err
	}
	if err := a.applyRows(ctx, c.key, c.lo, c.hi, " AND i.seq NOT IN (SELECT seq FROM ingest_later)"); err != nil {
		return err
	}
	var rounds int64
	if err := a.tx.QueryRowContext(ctx, `SELECT coalesce(max(occ), 0) FROM ingest_later`).Scan(&rounds); err != nil {
		return fmt.Errorf("repeated ids: %w", err)
	}
	for k := int64(1); k <= rounds; k++ {
		// The current versions of this round's records are what the
		// earlier rows stored (or what the store held, if this is the
		// first of their rows in the chunk and the earlier were elsewhere).
		if _, err := a.exec(ctx, "repeated ids", `DELETE FROM ingest_current
			WHERE source_id IN (SELECT source_id FROM ingest_later WHERE occ = $1)`, k); err != nil {
			return err
		}
		if _, err := a.exec(ctx, "repeated ids", `INSERT INTO ingest_current
			SELECT rid, source_id, version, content_hash, deleted FROM source_records
			WHERE source = $1 AND is_current AND source_id IN (SELECT source_id FROM ingest_later WHERE occ = $2)`, a.j.src.Name, k); err != nil {
			return err
		}
		// A later row speaks for its record's relationships instead of the
		// earlier ones.
		if _, err := a.exec(ctx, "repeated ids", `DELETE FROM ingest_rels
			WHERE owner IN (SELECT source_id FROM ingest_later WHERE occ = $1)`, k); err != nil {
			return err
		}
		if err := a.applyRows(ctx, c.key, c.lo, c.hi, " AND i.seq IN (SELECT seq FROM ingest_later WHERE occ = $4)", k); err != nil {
			return err
		}
	}
	return nil
}

// applyRows plans and writes the chunk's good rows with seq in [lo, hi)
// that also meet which (a condition on i.seq, or "", whose parameters are
// $4 on, given in args): each is new, a change
// of the current version, a delete, or the same.
func (a *applier) applyRows(ctx context.Context, key string, lo, hi int64, which string, args ...any) error {
	src := a.j.src.Name
	// The plan: what happens to each good row (duplicates are no longer
	// among the ids). The chunk's rows are put in a table of their own
	// first, so that DuckDB knows how few they are and builds the join's
	// hash table on them, not on ingest_current, which is as big as the
	// source (built once a chunk, that cost 1.2 s a chunk at 3,000,000
	// records under the ingest's memory cap).
	if _, err := a.exec(ctx, "plan", `CREATE OR REPLACE TEMP TABLE ingest_chunk AS
		SELECT i.seq, i.source_id, s.content_hash, s.deleted
		FROM ingest_ids i
		JOIN (SELECT seq, `+stagedHash("text")+` AS content_hash, `+stagedDeleted("text")+` AS deleted FROM `+staged+`) s ON s.seq = i.seq
		WHERE i.seq >= $2 AND i.seq < $3`+which, append([]any{key, lo, hi}, args...)...); err != nil {
		return err
	}
	if _, err := a.exec(ctx, "plan", `CREATE OR REPLACE TEMP TABLE ingest_plan AS
		WITH c AS MATERIALIZED (
			SELECT k.seq, c.rid, c.version, c.content_hash, c.deleted
			FROM ingest_current c JOIN ingest_chunk k ON c.source_id = k.source_id)
		SELECT k.seq, c.rid AS old_rid, c.version AS old_version,
		       CASE WHEN c.rid IS NULL THEN CASE WHEN k.deleted THEN 'skip' ELSE 'new' END
		            WHEN k.deleted AND c.deleted THEN 'same'
		            WHEN k.deleted THEN 'delete'
		            WHEN c.content_hash = k.content_hash AND NOT c.deleted THEN 'same'
		            ELSE 'changed' END AS action
		FROM ingest_chunk k LEFT JOIN c ON c.seq = k.seq`); err != nil {
		return err
	}
	var nNew, nChanged, nSame, nSkip, nDelete int64
	row := a.tx.QueryRowContext(ctx, `SELECT count(*) FILTER (action = 'new'), count(*) FILTER (action = 'changed'),
		count(*) FILTER (action = 'same'), count(*) FILTER (action = 'skip'), count(*) FILTER (action = 'delete')
		FROM ingest_plan`)
	if err := row.Scan(&nNew, &nChanged, &nSame, &nSkip, &nDelete); err != nil {
		return fmt.Errorf("plan: %w", err)
	}
	a.nNew, a.nChanged, a.nSame, a.nSkip, a.nDelete = a.nNew+nNew, a.nChanged+nChanged, a.nSame+nSame, a.nSkip+nSkip, a.nDelete+nDelete

	// Retire the versions that are replaced (changed, or deleted by a delta).
	if nChanged+nDelete > 0 {
		if _, err := a.exec(ctx, "retire versions", `
		UPDATE source_records SET is_current = false
		WHERE source = $1 AND is_current
		  AND rid IN (SELECT old_rid FROM ingest_plan WHERE action IN ('changed', 'delete'))`, src); err != nil {
			return err
		}
	}
	// New records and new versions of changed ones. The plan is the join's
	// build side (narrow); the packed values are split after the join. New
	// records get their rids in file order, so that ids derived from them
	// come out the same in every run.
	if nNew+nChanged > 0 {
		if _, err := a.exec(ctx, "store records", `
		INSERT INTO source_records (`+a.allCols+`)
		SELECT CASE WHEN s.action = 'new' THEN nextval('rid_seq') ELSE s.old_rid END,
		       $2, s.p[`+strconv.Itoa(packSourceID)+`], $3, CASE WHEN s.action = 'new' THEN 1 ELSE s.old_version + 1 END, $4,
		       s.p[`+strconv.Itoa(packLine)+`]::BIGINT, substr(s.p[`+strconv.Itoa(packHash)+`], 2),
		       true, false, `+packedAt("s.p", packObserved)+`::TIMESTAMP,
		       `+packedAt("s.p", packInvalid)+`, `+packedAt("s.p", packFlags)+`, `+packedAt("s.p", packAttrs)+`,
		       `+strings.Join(a.stageFieldExprs, ", ")+`
		FROM (SELECT string_split(st.text, chr(31)) AS p, pl.action, pl.old_rid, pl.old_version
		      FROM `+staged+` st JOIN ingest_plan pl ON pl.seq = st.seq
		      WHERE pl.action IN ('new', 'changed')
		      ORDER BY st.seq) s`, key, src, string(a.j.src.Kind), a.runID); err != nil {
			return err
		}
	}
	// Deletions keep the last values, as a new version marked deleted, as
	// of the delete row's observed date where it has one.
	if nDelete > 0 {
		if _, err := a.exec(ctx, "delta deletes", `
			INSERT INTO source_records (`+a.allCols+`)
			SELECT r.rid, r.source, r.source_id, r.kind, r.version + 1, $2,
			       string_split(s.text, chr(31))[`+strconv.Itoa(packLine)+`]::BIGINT, `+stagedHash("s.text")+`,
			       true, true, coalesce(`+packedAt("string_split(s.text, chr(31))", packObserved)+`::TIMESTAMP, r.observed_at),
			       r.invalid_fields, r.flags, r.attrs, `+a.oldFields+`
			FROM ingest_plan p JOIN `+staged+` s ON s.seq = p.seq
			JOIN source_records r ON r.rid = p.old_rid AND r.version = p.old_version
			WHERE p.action = 'delete'`, key, a.runID); err != nil {
			return err
		}
	}
	return a.stateRels(ctx, key, `s.seq IN (SELECT seq FROM ingest_plan)`)
}

// chunkInfo describes a chunk of staged rows: the key store.Stage gave
// them, their seq range [lo, hi), how many good rows it holds and how many
// of those are delete rows, and whether the id filter flagged any.
type chunkInfo struct {
	key           string
	lo, hi        int64
	rows, deleted int64
	maybeDups     bool
}

// firstLoadChunk applies a chunk of a source that had no records before this
// ingest: every row is new (a delete row deletes nothing), so there is
// nothing to compare and no plan to make. dups of the chunk's rows were
// found to repeat an earlier row's id and quarantined (their seqs are in
// ingest_rejects): they are left out.
func (a *applier) firstLoadChunk(ctx context.Context, c chunkInfo, dups int64) error {
	stored := "true"
	if dups > 0 {
		// The chunk's rows quarantined as duplicates.
		dupSeqs := `SELECT seq FROM ingest_rejects WHERE seq >= ` + strconv.FormatInt(c.lo, 10) + ` AND field = 'id'`
		var dupDeleted int64
		if err := a.tx.QueryRowContext(ctx, `SELECT count(*) FROM `+staged+` s
			WHERE `+stagedDeleted("s.text")+` AND s.seq IN (`+dupSeqs+`)`, c.key).Scan(&dupDeleted); err != nil {
			return fmt.Errorf("duplicates: %w", err)
		}
		c.rows -= dups
		c.deleted -= dupDeleted
		stored = `s.seq NOT IN (` + dupSeqs + `)`
	}
	a.nNew += c.rows - c.deleted
	a.nSkip += c.deleted
	if c.rows > c.deleted {
		if _, err := a.exec(ctx, "store records", `
		INSERT INTO source_records (`+a.allCols+`)
		SELECT nextval('rid_seq'), $2, s.p[`+strconv.Itoa(packSourceID)+`], $3, 1, $4,
		       s.p[`+strconv.Itoa(packLine)+`]::BIGINT, substr(s.p[`+strconv.Itoa(packHash)+`], 2),
		       true, false, `+packedAt("s.p", packObserved)+`::TIMESTAMP,
		       `+packedAt("s.p", packInvalid)+`, `+packedAt("s.p", packFlags)+`, `+packedAt("s.p", packAttrs)+`,
		       `+strings.Join(a.stageFieldExprs, ", ")+`
		FROM (SELECT string_split(s.text, chr(31)) AS p FROM `+staged+` s
		      WHERE NOT `+stagedDeleted("s.text")+` AND `+stored+` ORDER BY s.seq) s`, c.key, a.j.src.Name, string(a.j.src.Kind), a.runID); err != nil {
			return err
		}
	}
	return a.stateRels(ctx, c.key, stored)
}

// stateRels keeps the relationships the chunk's stored rows state (those
// that stored matches; deleted rows state none).
func (a *applier) stateRels(ctx context.Context, key, stored string) error {
	rels := a.j.spec.Rels()
	if len(rels) == 0 {
		return nil
	}
	src := a.j.src.Name
	var parts []string
	args := []any{key}
	for i, r := range rels {
		col := packedAt("p", a.s.relPos(i))
		id := packedAt("p", packSourceID)
		n := len(args)
		if r.ThisIsFrom {
			parts = append(parts, fmt.Sprintf(`SELECT $%d, %s, $%d, %s, $%d, %s FROM rows WHERE %s IS NOT NULL`, n+1, id, n+2, col, n+3, id, col))
			args = append(args, src, r.Other, string(r.Type))
		} else {
			parts = append(parts, fmt.Sprintf(`SELECT $%d, %s, $%d, %s, $%d, %s FROM rows WHERE %s IS NOT NULL`, n+1, col, n+2, id, n+3, id, col))
			args = append(args, r.Other, src, string(r.Type))
		}
	}
	// The chunk's rows that are stored (not duplicates) and not deleted.
	_, err := a.exec(ctx, "relationships", `INSERT INTO ingest_rels
		WITH rows AS (SELECT string_split(s.text, chr(31)) AS p FROM `+staged+` s
		              WHERE `+stored+` AND NOT `+stagedDeleted("s.text")+`)
		`+strings.Join(parts, " UNION ALL "), args...)
	return err
}

// finish applies what needs the whole extract: quarantine, records missing
// from a full extract, relationships ended and the run's counts.
func (a *applier) finish(ctx context.Context) error {
	j, sr, src, runID := a.j, a.sr, a.j.src.Name, a.runID
	var err error
	if sr.Quarantined, err = a.exec(ctx, "quarantine", `
		INSERT INTO quarantine (run_id, source, file, line, field, reason, raw)
		SELECT ?, ?, file, line, field, reason, raw FROM ingest_rejects ORDER BY seq`, runID, src); err != nil {
		return err
	}
	staged, err := a.count(ctx, "count rows", `SELECT count(*) FROM ingest_ids`)
	if err != nil {
		return err
	}
	sr.Read = staged + sr.Quarantined
	sr.New, sr.Changed, sr.Unchanged = a.nNew, a.nChanged+a.nDelete, a.nSame+a.nSkip
	sr.Deleted = a.nDelete
	sr.Stored = sr.New + sr.Changed + sr.Unchanged

	// Full extracts: current records missing from the extract are deleted.
	if !j.spec.Delta {
		if err := a.snapshot(ctx); err != nil {
			return err
		}
		// Records missing from the extract, and those whose rows are in it
		// but quarantined, in one pass over the current versions.
		var nGone, nHeld int64
		if err := a.tx.QueryRowContext(ctx, `
			SELECT count(*) FILTER (NOT staged AND NOT rejected), count(*) FILTER (NOT staged AND rejected)
			FROM (SELECT `+inStaged("c")+` AS staged, `+inRejects("c")+` AS rejected FROM ingest_current c WHERE NOT c.deleted)`).
			Scan(&nGone, &nHeld); err != nil {
			return fmt.Errorf("deletions: %w", err)
		}
		if nHeld > 0 {
			j.warn.Warn("%d records kept as they were: their rows in this extract were quarantined, so they are neither updated nor taken for missing", nHeld)
		}
		if nGone > 0 && sr.Stored == 0 && !j.allowNil {
			return fmt.Errorf("the extract has no records (%d rows read, %d quarantined): refusing to mark all %d current records deleted "+
				"(set allow_empty: true on the source if the system really is empty)", sr.Read, sr.Quarantined, nGone)
		}
		sr.Deleted += nGone
		if nGone > 0 {
			if _, err := a.exec(ctx, "retire missing", `
				UPDATE source_records SET is_current = false
				WHERE source = ? AND is_current AND NOT deleted AND `+notInExtract("source_records"), src); err != nil {
				return err
			}
			if _, err := a.exec(ctx, "full-extract deletes", `
				INSERT INTO source_records (`+a.allCols+`)
				SELECT r.rid, r.source, r.source_id, r.kind, r.version + 1, ?, NULL, r.content_hash || ':deleted',
				       true, true, r.observed_at, r.invalid_fields, r.flags, r.attrs, `+a.oldFields+`
				FROM source_records r
				WHERE r.source = ? AND r.run_id <> ? AND NOT r.deleted
				  AND r.version = (SELECT max(version) FROM source_records m WHERE m.rid = r.rid)
				  AND NOT r.is_current AND `+notInExtract("r"), runID, src, runID); err != nil {
				return err
			}
		}
	}
	if err := a.endRels(ctx); err != nil {
		return err
	}
	if err := writeCounts(ctx, a.tx, runID, sr); err != nil {
		return err
	}
	_, err = a.exec(ctx, "drop staging", dropStageSQL)
	return err
}

// notInExtract is the SQL condition that the record (table alias t) is not
// in the extract: no row staged with its id, and no quarantined row whose
// id could be read.
func notInExtract(t string) string { return "NOT " + inStaged(t) + " AND NOT " + inRejects(t) }

// inStaged and inRejects are the SQL conditions that a row with the
// record's id (table alias t) was staged, or quarantined with its id read.
func inStaged(t string) string {
	return `EXISTS (SELECT 1 FROM ingest_ids s WHERE s.source_id = ` + t + `.source_id)`
}

func inRejects(t string) string {
	return `EXISTS (SELECT 1 FROM ingest_rejects q WHERE q.source_id = ` + t + `.source_id)`
}

// writeCounts keeps a source's counts for the run in ingest_counts.
func writeCounts(ctx context.Context, tx *store.Tx, runID int64, sr *SourceReport) error {
	if _, err := tx.ExecContext(ctx, `INSERT INTO ingest_counts (run_id, source, kind, rows_read, stored, new, changed, unchanged, deleted, quarantined)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, runID, sr.Name, string(sr.Kind), sr.Read, sr.Stored, sr.New, sr.Changed, sr.Unchanged, sr.Deleted, sr.Quarantined); err != nil {
		return fmt.Errorf("counts: %w", err)
	}
	return nil
}

// endRels records the relationships the rows stated: new edges are added;
// edges the source no longer states get valid_to = today (kept, not removed).
func (a *applier) endRels(ctx context.Context) error {
	if len(a.j.spec.Rels()) == 0 {
		return nil
	}
	src := a.j.src.Name
	scope := ""
	if a.j.spec.Delta {
		// A delta speaks only for the records it carries.
		scope = ` AND ((from_source = $1 AND from_id IN (SELECT source_id FROM ingest_ids))
		            OR (to_source = $1 AND to_id IN (SELECT source_id FROM ingest_ids)))`
	}
	if _, err := a.exec(ctx, "end relationships", `
		UPDATE source_relationships SET valid_to = current_date
		WHERE source = $1 AND valid_to IS NULL`+scope+`
		  AND NOT EXISTS (SELECT 1 FROM ingest_rels e WHERE e.from_source = source_relationships.from_source AND e.from_id = source_relationships.from_id
		                  AND e.to_source = source_relationships.to_source AND e.to_id = source_relationships.to_id AND e.rel_type = source_relationships.rel_type)`,
		src); err != nil {
		return err
	}
	_, err := a.exec(ctx, "add relationships", `
		INSERT INTO source_relationships (source, from_source, from_id, to_source, to_id, rel_type, valid_from, valid_to, run_id)
		SELECT DISTINCT $1, e.from_source, e.from_id, e.to_source, e.to_id, e.rel_type, NULL::DATE, NULL::DATE, $2 FROM ingest_rels e
		WHERE NOT EXISTS (SELECT 1 FROM source_relationships r WHERE r.source = $1 AND r.valid_to IS NULL
		                  AND e.from_source = r.from_source AND e.from_id = r.from_id AND e.to_source = r.to_source
		                  AND e.to_id = r.to_id AND e.rel_type = r.rel_type)`, src, a.runID)
	return err
}
