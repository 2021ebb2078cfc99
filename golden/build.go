package golden

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"sort"
	"strings"
	"time"

	"github.com/council/golden/config"
	"github.com/council/golden/golden/ids"
	"github.com/council/golden/golden/survivorship"
	"github.com/council/golden/record"
	"github.com/council/golden/store"
)

// batchRecords is how many source records are loaded into memory at once.
const batchRecords = 100_000

type builder struct {
	tx             *store.Tx
	kind           record.Kind
	opts           Options
	log            *slog.Logger
	policy         *survivorship.KindPolicy
	trust          map[string]int
	hash           string
	cfgConstraints []config.Constraint
	report         *Report
	temps          []string

	nextSeq  int64
	usedIDs  map[string]bool // property ids keyed by UPRN already taken
	now      time.Time
	affected map[string]*oldGolden
}

// slot is one source record of a changed cluster, with where it was.
type slot struct {
	rid       int64
	source    string
	sourceID  string
	version   int32
	oldID     string // its golden id before this run, "" if none
	oldVer    int32
	sinceRun  int64
	clusterAt int
}

// cluster is one changed cluster of the new clustering.
type cluster struct {
	key   int64
	slots []slot
	id    string // its golden id, after assignment
	isNew bool
}

// goneMember is a member whose source record is no longer current.
type goneMember struct {
	goldenID, source, sourceID string
	rid, sinceRun              int64
}

// oldGolden is a golden record as it was before this run.
type oldGolden struct {
	id         string
	status     string
	redirect   string
	version    int32
	createdRun int64
	flags      string
	sources    string
	members    int32
	values     [record.NumFields]string
}

func (b *builder) temp(ctx context.Context, name, ddl string, args ...any) error {
	defer b.timed("temp " + name)()
	if _, err := b.tx.ExecContext(ctx, "CREATE OR REPLACE TEMP TABLE "+name+" "+ddl, args...); err != nil {
		return fmt.Errorf("golden: temp table %s: %w", name, err)
	}
	b.temps = append(b.temps, name)
	return nil
}

// timed logs how long a step took, at debug level.
func (b *builder) timed(what string) func() {
	start := time.Now()
	return func() { b.log.Debug("golden: step", "kind", b.kind, "step", what, "took", time.Since(start)) }
}

func (b *builder) dropTemp(ctx context.Context) {
	for _, t := range b.temps {
		b.tx.ExecContext(context.WithoutCancel(ctx), "DROP TABLE IF EXISTS "+t)
	}
}

func (b *builder) exec(ctx context.Context, what, q string, args ...any) error {
	defer b.timed(what)()
	if _, err := b.tx.ExecContext(ctx, q, args...); err != nil {
		return fmt.Errorf("golden %s: %s: %w", b.kind, what, err)
	}
	return nil
}

func (b *builder) run(ctx context.Context) error {
	b.now = time.Now().UTC()
	var stateHash string
	err := b.tx.QueryRowContext(ctx, `SELECT next_seq, policy_hash FROM golden_state WHERE kind = ?`, string(b.kind)).Scan(&b.nextSeq, &stateHash)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		b.nextSeq = 1
	case err != nil:
		return fmt.Errorf("golden %s: state: %w", b.kind, err)
	}
	full := b.opts.Full || stateHash != b.hash

	// The current clustering of every current record of the kind: one row
	// per record (matching keeps one row per record, rewriting only those
	// that change). A record the matching engine has not clustered yet
	// stands alone (keyed by -rid so that it cannot collide with a cluster).
	if err := b.temp(ctx, "g_all", `AS
		SELECT r.rid, r.version::INTEGER AS version, coalesce(c.cluster_id, -r.rid) AS cluster_id
		FROM current_records r
		LEFT JOIN match_clusters c ON c.kind = $1 AND c.rid = r.rid
		WHERE r.kind = $1`, string(b.kind)); err != nil {
		return err
	}
	if full {
		if err := b.temp(ctx, "g_dirty", `AS SELECT DISTINCT cluster_id FROM g_all`); err != nil {
			return err
		}
		if err := b.temp(ctx, "g_gone", `AS
			SELECT m.golden_id, m.rid, m.source, m.source_id, m.since_run FROM golden_members m
			WHERE m.kind = $1 AND NOT EXISTS (SELECT 1 FROM g_all a WHERE a.rid = m.rid)`, string(b.kind)); err != nil {
			return err
		}
	} else {
		// What changed, record by record, since the last build: records
		// that are new, gone, at another version or in another cluster.
		// A cluster is touched when it holds a changed record, or a record
		// of a golden record that lost or gained one: the clusters that
		// hold exactly the records of one golden record, as they were, are
		// left alone.
		if err := b.temp(ctx, "g_chg", `AS
			SELECT coalesce(a.rid, m.rid) AS rid, a.cluster_id AS label, m.golden_id
			FROM g_all a
			FULL OUTER JOIN (SELECT rid, golden_id, rec_version, cluster_id FROM golden_members WHERE kind = $1) m ON m.rid = a.rid
			WHERE a.rid IS NULL OR m.rid IS NULL OR a.version <> m.rec_version OR a.cluster_id IS DISTINCT FROM m.cluster_id`,
			string(b.kind)); err != nil {
			return err
		}
		if err := b.temp(ctx, "g_dirty", `AS
			SELECT label AS cluster_id FROM g_chg WHERE label IS NOT NULL
			UNION
			SELECT a.cluster_id FROM golden_members m JOIN g_all a ON a.rid = m.rid
			WHERE m.kind = $1 AND m.golden_id IN (SELECT golden_id FROM g_chg WHERE golden_id IS NOT NULL)`, string(b.kind)); err != nil {
			return err
		}
		if err := b.temp(ctx, "g_gone", `AS
			SELECT m.golden_id, m.rid, m.source, m.source_id, m.since_run FROM golden_members m
			WHERE m.kind = $1 AND m.rid IN (SELECT rid FROM g_chg WHERE label IS NULL)`, string(b.kind)); err != nil {
			return err
		}
	}
	// The records of the touched clusters. Their keys come from the
	// membership (records already in a golden record) or, for new ones,
	// when their values are loaded.
	if err := b.temp(ctx, "g_cur", `AS
		SELECT a.rid, a.version, a.cluster_id FROM g_all a JOIN g_dirty d USING (cluster_id)`); err != nil {
		return err
	}

	done := b.timed("load changed clusters")
	clusters, err := b.loadClusters(ctx)
	done()
	if err != nil {
		return err
	}
	gone, err := b.loadGone(ctx)
	if err != nil {
		return err
	}
	if err := b.loadAffected(ctx, clusters, gone); err != nil {
		return err
	}
	b.log.Debug("golden: changed clusters", "kind", b.kind, "clusters", len(clusters), "deleted_members", len(gone), "affected_ids", len(b.affected))

	// Decide the ids.
	in := make([]ids.Cluster, len(clusters))
	for i, c := range clusters {
		in[i] = ids.Cluster{Key: c.key, RIDs: make([]int64, len(c.slots)), OldIDs: make([]string, len(c.slots))}
		for j, s := range c.slots {
			in[i].RIDs[j], in[i].OldIDs[j] = s.rid, s.oldID
		}
	}
	olds := make(map[string]ids.Old, len(b.affected))
	for id, o := range b.affected {
		olds[id] = ids.Old{ID: id, CreatedRun: o.createdRun}
	}
	goneCount := map[string]int{}
	for _, g := range gone {
		goneCount[g.goldenID]++
	}
	res, err := ids.Assign(in, olds, goneCount)
	if err != nil {
		return fmt.Errorf("golden %s: %w", b.kind, err)
	}
	if err := b.temp(ctx, "g_batch", `(rid BIGINT)`); err != nil {
		return err
	}
	if err := b.allocate(ctx, clusters, res); err != nil {
		return err
	}
	byKey := make(map[int64]*cluster, len(clusters))
	for i := range clusters {
		byKey[clusters[i].key] = &clusters[i]
	}
	retired := make(map[string]string, len(res.Retired)) // id → redirect ("" if deleted)
	for _, r := range res.Retired {
		if r.Deleted {
			retired[r.ID] = ""
		} else {
			retired[r.ID] = byKey[r.RedirectTo].id
		}
	}

	// Clear what will be rewritten: the membership of every record in a
	// changed cluster or deleted, and the lineage of every affected id.
	if err := b.temp(ctx, "g_aff", `(golden_id VARCHAR)`); err != nil {
		return err
	}
	err = b.tx.Append(ctx, "g_aff", nil, func(a *store.Appender) error {
		for id := range b.affected {
			if err := a.AppendRow(id); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("golden %s: %w", b.kind, err)
	}
	if err := b.exec(ctx, "clear membership", `DELETE FROM golden_members WHERE kind = $1 AND
		(rid IN (SELECT rid FROM g_cur) OR rid IN (SELECT rid FROM g_gone))`, string(b.kind)); err != nil {
		return err
	}
	if err := b.exec(ctx, "clear lineage", `DELETE FROM golden_lineage WHERE kind = $1 AND golden_id IN (SELECT golden_id FROM g_aff)`, string(b.kind)); err != nil {
		return err
	}
	if err := b.temp(ctx, "g_out", "AS SELECT "+goldenColumnList()+" FROM golden_records WHERE false"); err != nil {
		return err
	}
	w := &writer{b: b, retired: retired, gone: gone}
	w.index(clusters)
	for start := 0; start < len(clusters); {
		if err := ctx.Err(); err != nil {
			return err
		}
		end, n := start, 0
		for end < len(clusters) && (n == 0 || n+len(clusters[end].slots) <= batchRecords) {
			n += len(clusters[end].slots)
			end++
		}
		done := b.timed("batch")
		err := w.batch(ctx, clusters[start:end])
		done()
		if err != nil {
			return err
		}
		start = end
	}
	done = b.timed("retire")
	if err := w.retire(ctx); err != nil {
		return err
	}
	if err := w.logGone(ctx); err != nil {
		return err
	}
	done()
	cols := goldenColumnList()
	if err := b.exec(ctx, "replace golden records", `DELETE FROM golden_records WHERE golden_id IN (SELECT golden_id FROM g_out)`); err != nil {
		return err
	}
	if err := b.exec(ctx, "replace golden records", "INSERT INTO golden_records ("+cols+") SELECT "+cols+" FROM g_out"); err != nil {
		return err
	}
	if err := b.checkConstraints(ctx); err != nil {
		return err
	}
	if err := b.relationships(ctx, full, w.touched, w.uprns); err != nil {
		return err
	}
	if err := b.exec(ctx, "state", `INSERT OR REPLACE INTO golden_state (kind, next_seq, policy_hash, last_run) VALUES (?, ?, ?, ?)`,
		string(b.kind), b.nextSeq, b.hash, b.opts.RunID); err != nil {
		return err
	}
	return b.count(ctx)
}

func (b *builder) count(ctx context.Context) error {
	defer b.timed("count")()
	if err := b.tx.QueryRowContext(ctx, `SELECT count(*) FROM golden_records WHERE kind = ? AND status = 'active'`, string(b.kind)).Scan(&b.report.Active); err != nil {
		return fmt.Errorf("golden %s: count: %w", b.kind, err)
	}
	b.report.Unchanged = b.report.Active - b.report.Created - b.report.Updated
	if err := b.tx.QueryRowContext(ctx, `SELECT count(DISTINCT household_id) FROM households`).Scan(&b.report.Households); err != nil {
		return fmt.Errorf("golden %s: count households: %w", b.kind, err)
	}
	return nil
}

// goldenColumns are the columns of golden_records that Build writes.
func goldenColumns() []string {
	cols := []string{"kind", "golden_id", "status", "redirect_to", "version", "created_run", "updated_run", "flags", "sources", "member_count"}
	for _, f := range record.AllFields() {
		cols = append(cols, f.Name())
	}
	return cols
}

func goldenColumnList() string {
	cols := goldenColumns()
	for i, c := range cols {
		cols[i] = store.QuoteIdent(c)
	}
	return strings.Join(cols, ", ")
}

func fieldColumnList(prefix string) string {
	var b strings.Builder
	for i, f := range record.AllFields() {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(prefix)
		b.WriteString(store.QuoteIdent(f.Name()))
	}
	return b.String()
}

func (b *builder) loadClusters(ctx context.Context) ([]cluster, error) {
	rows, err := b.tx.QueryContext(ctx, `
		SELECT c.cluster_id, c.rid, coalesce(m.source, ''), coalesce(m.source_id, ''), c.version, m.golden_id, m.rec_version, m.since_run
		FROM g_cur c
		LEFT JOIN golden_members m ON m.rid = c.rid AND m.kind = $1
		ORDER BY c.cluster_id, c.rid`, string(b.kind))
	if err != nil {
		return nil, fmt.Errorf("golden %s: changed clusters: %w", b.kind, err)
	}
	defer rows.Close()
	var out []cluster
	seen := map[int64]bool{}
	for rows.Next() {
		var (
			key    int64
			s      slot
			oldID  sql.NullString
			oldVer sql.NullInt32
			since  sql.NullInt64
		)
		if err := rows.Scan(&key, &s.rid, &s.source, &s.sourceID, &s.version, &oldID, &oldVer, &since); err != nil {
			return nil, fmt.Errorf("golden %s: changed clusters: %w", b.kind, err)
		}
		s.oldID, s.oldVer, s.sinceRun = oldID.String, oldVer.Int32, since.Int64
		if seen[s.rid] {
			return nil, fmt.Errorf("golden %s: source record rid %d is in two clusters in match_clusters", b.kind, s.rid)
		}
		seen[s.rid] = true
		if len(out) == 0 || out[len(out)-1].key != key {
			out = append(out, cluster{key: key})
		}
		c := &out[len(out)-1]
		c.slots = append(c.slots, s)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("golden %s: changed clusters: %w", b.kind, err)
	}
	// Clusters are keyed by their smallest rid: order by it (records not yet
	// clustered have negative keys).
	sort.Slice(out, func(i, j int) bool { return out[i].slots[0].rid < out[j].slots[0].rid })
	return out, nil
}

func (b *builder) loadGone(ctx context.Context) ([]goneMember, error) {
	rows, err := b.tx.QueryContext(ctx, `SELECT golden_id, rid, source, source_id, since_run FROM g_gone ORDER BY rid`)
	if err != nil {
		return nil, fmt.Errorf("golden %s: deleted members: %w", b.kind, err)
	}
	defer rows.Close()
	var out []goneMember
	for rows.Next() {
		var g goneMember
		if err := rows.Scan(&g.goldenID, &g.rid, &g.source, &g.sourceID, &g.sinceRun); err != nil {
			return nil, fmt.Errorf("golden %s: deleted members: %w", b.kind, err)
		}
		out = append(out, g)
	}
	return out, rows.Err()
}

// loadAffected reads the golden records that the changed clusters and the
// deleted members belonged to.
func (b *builder) loadAffected(ctx context.Context, clusters []cluster, gone []goneMember) error {
	b.affected = map[string]*oldGolden{}
	want := map[string]bool{}
	for _, c := range clusters {
		for _, s := range c.slots {
			if s.oldID != "" {
				want[s.oldID] = true
			}
		}
	}
	for _, g := range gone {
		want[g.goldenID] = true
	}
	if len(want) == 0 {
		return nil
	}
	if err := b.temp(ctx, "g_want", `(golden_id VARCHAR)`); err != nil {
		return err
	}
	err := b.tx.Append(ctx, "g_want", nil, func(a *store.Appender) error {
		for id := range want {
			if err := a.AppendRow(id); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("golden %s: %w", b.kind, err)
	}
	rows, err := b.tx.QueryContext(ctx, `SELECT g.golden_id, g.status, g.redirect_to, g.version, g.created_run, g.flags, g.sources, g.member_count, `+
		fieldColumnList("g.")+` FROM golden_records g JOIN g_want w USING (golden_id)`)
	if err != nil {
		return fmt.Errorf("golden %s: affected golden records: %w", b.kind, err)
	}
	defer rows.Close()
	vals := make([]sql.NullString, record.NumFields)
	for rows.Next() {
		o := &oldGolden{}
		var redirect, flags, sources sql.NullString
		dest := []any{&o.id, &o.status, &redirect, &o.version, &o.createdRun, &flags, &sources, &o.members}
		for i := range vals {
			dest = append(dest, &vals[i])
		}
		if err := rows.Scan(dest...); err != nil {
			return fmt.Errorf("golden %s: affected golden records: %w", b.kind, err)
		}
		o.redirect, o.flags, o.sources = redirect.String, flags.String, sources.String
		for i := range vals {
			o.values[i] = vals[i].String
		}
		b.affected[o.id] = o
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("golden %s: affected golden records: %w", b.kind, err)
	}
	for id := range want {
		if b.affected[id] == nil {
			return fmt.Errorf("golden %s: membership names golden id %s, which has no golden record", b.kind, id)
		}
	}
	return nil
}

// allocate gives new ids to the clusters that kept none, in cluster order.
// A new property is keyed by its surviving UPRN when that is valid and
// not yet taken.
func (b *builder) allocate(ctx context.Context, clusters []cluster, res *ids.Result) error {
	var uprns map[int64]string
	if b.kind == record.Property {
		var err error
		if uprns, err = b.survivingUPRNs(ctx, clusters, res); err != nil {
			return err
		}
	}
	for i := range clusters {
		c := &clusters[i]
		c.id = res.IDs[c.key]
		if c.id != "" {
			continue
		}
		c.isNew = true
		if u := uprns[c.key]; u != "" {
			id := UPRNPrefix + "-" + u
			if !b.usedIDs[id] {
				b.usedIDs[id] = true
				c.id = id
				continue
			}
		}
		c.id = ids.Format(Prefix(b.kind), b.nextSeq)
		b.nextSeq++
	}
	return nil
}

// survivingUPRNs returns the surviving UPRN of every new property cluster
// (when it passed validation), and loads the property ids already keyed
// by UPRN.
func (b *builder) survivingUPRNs(ctx context.Context, clusters []cluster, res *ids.Result) (map[int64]string, error) {
	b.usedIDs = map[string]bool{}
	rows, err := b.tx.QueryContext(ctx, `SELECT golden_id FROM golden_records WHERE kind = ? AND golden_id LIKE 'U-%'`, string(b.kind))
	if err != nil {
		return nil, fmt.Errorf("golden %s: property ids: %w", b.kind, err)
	}
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			rows.Close()
			return nil, fmt.Errorf("golden %s: property ids: %w", b.kind, err)
		}
		b.usedIDs[id] = true
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("golden %s: property ids: %w", b.kind, err)
	}
	out := map[int64]string{}
	var pending []*cluster
	n := 0
	flush := func() error {
		var rids []int64
		for _, c := range pending {
			for _, s := range c.slots {
				rids = append(rids, s.rid)
			}
		}
		recs, err := b.loadMembers(ctx, rids)
		if err != nil {
			return err
		}
		for _, c := range pending {
			cands, _, err := b.candidates(c, recs)
			if err != nil {
				return err
			}
			ch := b.policy.Resolve(cands).Fields[record.UPRN]
			if ch.Value != "" && len(ch.From) == 1 && !cands[ch.From[0]].Invalid.Has(record.UPRN) {
				out[c.key] = ch.Value
			}
		}
		pending, n = pending[:0], 0
		return nil
	}
	for i := range clusters {
		c := &clusters[i]
		if res.IDs[c.key] != "" {
			continue
		}
		pending = append(pending, c)
		n += len(c.slots)
		if n >= batchRecords {
			if err := flush(); err != nil {
				return nil, err
			}
		}
	}
	if len(pending) > 0 {
		if err := flush(); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// asValue turns "" into NULL for the store.
func asValue(s string) driver.Value {
	if s == "" {
		return nil
	}
	return s
}

func mustJSON(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		return "{}"
	}
	return string(b)
}
