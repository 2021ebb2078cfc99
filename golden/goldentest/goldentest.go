// Package goldentest builds synthetic stores for tests and benchmarks of
// golden records: it writes source_records and match_clusters directly
// (through the Appender), as connectors and matching would, so that tests
// need not wait for either.
package goldentest

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"fmt"
	"io"
	"log/slog"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/council/golden/config"
	"github.com/council/golden/golden"
	"github.com/council/golden/record"
	"github.com/council/golden/store"
)

// World is a synthetic store for tests: it writes source_records and
// match_clusters directly, as connectors and matching would.
type World struct {
	t    testing.TB
	Ctx  context.Context
	St   *store.Store
	Cfg  *config.Config
	RIDs map[string]int64 // source:id → rid
	vers map[string]int32
	next int64
	Run  int64 // the run the next Put and Build use
}

// New returns an empty in-memory store with five sources: council_tax
// (trust 3), housing (2), education (1) for people, gazetteer (5) for
// properties and nndr (2) for businesses.
func New(t testing.TB) *World { return NewAt(t, ":memory:") }

// NewAt is New with the store in the file at path.
func NewAt(t testing.TB, path string) *World {
	t.Helper()
	ctx := context.Background()
	st, err := store.Open(ctx, path, store.Options{Threads: 2})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	cfg := &config.Config{Sources: []config.Source{
		{Name: "council_tax", Kind: record.Person, Trust: 3},
		{Name: "housing", Kind: record.Person, Trust: 2},
		{Name: "education", Kind: record.Person, Trust: 1},
		{Name: "gazetteer", Kind: record.Property, Trust: 5},
		{Name: "nndr", Kind: record.Business, Trust: 2},
	}}
	return &World{t: t, Ctx: ctx, St: st, Cfg: cfg, RIDs: map[string]int64{}, vers: map[string]int32{}, next: 1, Run: 1}
}

// Rec is a source record to write.
type Rec struct {
	Kind     record.Kind
	Key      string // source:id
	Fields   map[record.Field]string
	Invalid  []record.Field
	Flags    string
	Observed time.Time
}

// Person returns a person record with fields given as name, value pairs.
func Person(key string, kv ...string) Rec {
	r := Rec{Kind: record.Person, Key: key, Fields: map[record.Field]string{}}
	for i := 0; i+1 < len(kv); i += 2 {
		f, ok := record.ParseField(kv[i])
		if !ok {
			panic("unknown field " + kv[i])
		}
		r.Fields[f] = kv[i+1]
	}
	return r
}

// Of returns r as a record of kind k.
func (r Rec) Of(k record.Kind) Rec { r.Kind = k; return r }

// Bad returns r with fields f flagged invalid.
func (r Rec) Bad(f ...record.Field) Rec { r.Invalid = f; return r }

// Seen returns r observed on the given day.
func (r Rec) Seen(y, m, d int) Rec {
	r.Observed = time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
	return r
}

// Flagged returns r with restriction markers flags (";"-separated).
func (r Rec) Flagged(flags string) Rec { r.Flags = flags; return r }

// syncRuns takes run ids from the store's sequence up to w.Run, so that
// runs begun later with store.BeginRun (steward commands) do not collide
// with the ids the world uses.
func (w *World) syncRuns() {
	w.t.Helper()
	for {
		var v int64
		if err := w.St.DB.QueryRowContext(w.Ctx, `SELECT nextval('run_id_seq')`).Scan(&v); err != nil {
			w.t.Fatal(err)
		}
		if v >= w.Run {
			return
		}
	}
}

// Put writes records as new versions (or first versions) in one ingest run.
func (w *World) Put(rs ...Rec) {
	w.t.Helper()
	w.syncRuns()
	err := w.St.InTx(w.Ctx, func(tx *store.Tx) error {
		if _, err := tx.ExecContext(w.Ctx, `INSERT OR IGNORE INTO ingest_runs (run_id, started_at, status) VALUES (?, ?, 'ok')`,
			w.Run, time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC).Add(time.Duration(w.Run)*time.Hour)); err != nil {
			return err
		}
		for _, r := range rs {
			if rid, ok := w.RIDs[r.Key]; ok {
				if _, err := tx.ExecContext(w.Ctx, `UPDATE source_records SET is_current = false WHERE rid = ?`, rid); err != nil {
					return err
				}
			}
		}
		return tx.Append(w.Ctx, "source_records", nil, func(a *store.Appender) error {
			for _, r := range rs {
				rid, ok := w.RIDs[r.Key]
				if !ok {
					rid = w.next
					w.next++
					w.RIDs[r.Key] = rid
				}
				w.vers[r.Key]++
				src, id, _ := strings.Cut(r.Key, ":")
				var inv []string
				for _, f := range r.Invalid {
					inv = append(inv, f.Name())
				}
				var obs driver.Value
				if !r.Observed.IsZero() {
					obs = r.Observed
				}
				row := []driver.Value{rid, src, id, string(r.Kind), w.vers[r.Key], w.Run, int64(0), fmt.Sprint(r.Fields, r.Flags),
					true, false, obs, strings.Join(inv, ";"), r.Flags, "{}"}
				for f := record.Field(0); f < record.NumFields; f++ {
					if v, ok := r.Fields[f]; ok {
						row = append(row, v)
					} else {
						row = append(row, nil)
					}
				}
				if err := a.AppendRow(row...); err != nil {
					return err
				}
			}
			return nil
		})
	})
	if err != nil {
		w.t.Fatal(err)
	}
}

// Del marks source records deleted (a new, deleted version).
func (w *World) Del(keys ...string) {
	w.t.Helper()
	for _, k := range keys {
		if _, err := w.St.DB.ExecContext(w.Ctx, `UPDATE source_records SET deleted = true WHERE rid = ? AND is_current`, w.RIDs[k]); err != nil {
			w.t.Fatal(err)
		}
	}
}

// Cluster replaces the clustering of kind: each group is a cluster; every
// other current record of the kind is a singleton.
func (w *World) Cluster(kind record.Kind, groups ...[]string) {
	w.t.Helper()
	in := map[int64]int64{}
	for _, g := range groups {
		min := int64(-1)
		for _, k := range g {
			rid, ok := w.RIDs[k]
			if !ok {
				w.t.Fatalf("cluster: unknown key %s", k)
			}
			if min < 0 || rid < min {
				min = rid
			}
		}
		for _, k := range g {
			in[w.RIDs[k]] = min
		}
	}
	err := w.St.InTx(w.Ctx, func(tx *store.Tx) error {
		if _, err := tx.ExecContext(w.Ctx, `DELETE FROM match_clusters WHERE kind = ?`, string(kind)); err != nil {
			return err
		}
		rows, err := tx.QueryContext(w.Ctx, `SELECT rid FROM current_records WHERE kind = ? ORDER BY rid`, string(kind))
		if err != nil {
			return err
		}
		var all []int64
		for rows.Next() {
			var r int64
			rows.Scan(&r)
			all = append(all, r)
		}
		rows.Close()
		return tx.Append(w.Ctx, "match_clusters", nil, func(a *store.Appender) error {
			for _, r := range all {
				c, ok := in[r]
				if !ok {
					c = r
				}
				if err := a.AppendRow(string(kind), r, c, w.Run); err != nil {
					return err
				}
			}
			return nil
		})
	})
	if err != nil {
		w.t.Fatal(err)
	}
}

// Build runs Build for kind as the next run.
func (w *World) Build(kind record.Kind) *golden.Report {
	w.t.Helper()
	rep, err := w.TryBuild(kind)
	if err != nil {
		w.t.Fatal(err)
	}
	return rep
}

// TryBuild is Build returning the error.
func (w *World) TryBuild(kind record.Kind) (*golden.Report, error) {
	w.syncRuns()
	rep, err := golden.Build(w.Ctx, w.St, w.Cfg, kind, golden.Options{RunID: w.Run, Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	w.Run++
	return rep, err
}

// IDOf returns the active golden id of a source record.
func (w *World) IDOf(key string) string {
	w.t.Helper()
	var id string
	err := w.St.DB.QueryRowContext(w.Ctx, `SELECT golden_id FROM golden_members WHERE rid = ?`, w.RIDs[key]).Scan(&id)
	if err != nil {
		w.t.Fatalf("golden id of %s: %v", key, err)
	}
	return id
}

// Golden returns a golden record's status, redirect, version and a field.
func (w *World) Golden(id string) (status, redirect string, version int, vals map[string]string) {
	w.t.Helper()
	var red sql.NullString
	vals = map[string]string{}
	cols := []string{}
	for _, f := range record.AllFields() {
		cols = append(cols, "coalesce("+store.QuoteIdent(f.Name())+", '')")
	}
	dest := []any{&status, &red, &version}
	strs := make([]string, record.NumFields)
	for i := range strs {
		dest = append(dest, &strs[i])
	}
	err := w.St.DB.QueryRowContext(w.Ctx, `SELECT status, redirect_to, version, `+strings.Join(cols, ", ")+` FROM golden_records WHERE golden_id = ?`, id).Scan(dest...)
	if err != nil {
		w.t.Fatalf("golden record %s: %v", id, err)
	}
	for i, s := range strs {
		if s != "" {
			vals[record.Field(i).Name()] = s
		}
	}
	return status, red.String, version, vals
}

// Snapshot is every golden record of a kind with its version: to check
// that a run changed nothing.
func (w *World) Snapshot(kind record.Kind) string {
	w.t.Helper()
	rows, err := w.St.DB.QueryContext(w.Ctx, `SELECT golden_id, status, coalesce(redirect_to, ''), version, updated_run, member_count FROM golden_records WHERE kind = ? ORDER BY golden_id`, string(kind))
	if err != nil {
		w.t.Fatal(err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var id, st, red string
		var v, u, n int64
		rows.Scan(&id, &st, &red, &v, &u, &n)
		out = append(out, fmt.Sprintf("%s %s %s v%d u%d n%d", id, st, red, v, u, n))
	}
	sort.Strings(out)
	return strings.Join(out, "\n")
}

// ResetGolden empties every table golden writes, as if Build had never run.
func (w *World) ResetGolden() {
	w.t.Helper()
	for _, t := range []string{"golden_records", "golden_members", "golden_member_log", "golden_lineage", "golden_history",
		"golden_state", "households", "golden_relationships"} {
		if _, err := w.St.DB.ExecContext(w.Ctx, "DELETE FROM "+t); err != nil {
			w.t.Fatal(err)
		}
	}
}

// State is the golden records of kind without their ids: for each active
// golden record, its member keys, surviving values, flags, sources and
// lineage. Two stores with the same State differ at most in ids.
func (w *World) State(kind record.Kind) []string {
	w.t.Helper()
	cols := []string{}
	for _, f := range record.AllFields() {
		cols = append(cols, "coalesce(g."+store.QuoteIdent(f.Name())+", '')")
	}
	rows, err := w.St.DB.QueryContext(w.Ctx, `
		WITH m AS (SELECT golden_id, string_agg(source || ':' || source_id, ',' ORDER BY source, source_id) AS members
		           FROM golden_members GROUP BY golden_id),
		     l AS (SELECT l.golden_id, string_agg(l.field || '=' || l.source || ':' || l.source_id || '@' || coalesce(l.rule, ''), ',' ORDER BY l.field, l.source, l.source_id) AS lineage
		           FROM golden_lineage l GROUP BY l.golden_id)
		SELECT m.members || ' | ' || g.member_count || ' | ' || coalesce(g.flags, '') || ' | ' || coalesce(g.sources, '') || ' | ' ||
		       concat_ws('/', `+strings.Join(cols, ", ")+`) || ' | ' || coalesce(l.lineage, '')
		FROM golden_records g JOIN m USING (golden_id) LEFT JOIN l USING (golden_id)
		WHERE g.kind = ? AND g.status = 'active'
		ORDER BY 1`, string(kind))
	if err != nil {
		w.t.Fatal(err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			w.t.Fatal(err)
		}
		out = append(out, s)
	}
	return out
}

// Relate writes a source relationship: from's record stands in relation
// typ to to's record, as source says.
func (w *World) Relate(source, from, typ, to string) {
	w.t.Helper()
	fs, fid, _ := strings.Cut(from, ":")
	ts, tid, _ := strings.Cut(to, ":")
	err := w.St.InTx(w.Ctx, func(tx *store.Tx) error {
		return tx.Append(w.Ctx, "source_relationships", nil, func(a *store.Appender) error {
			return a.AppendRow(source, fs, fid, ts, tid, typ, nil, nil, w.Run)
		})
	})
	if err != nil {
		w.t.Fatal(err)
	}
}

// Derived is the households and golden relationships without golden ids:
// each golden record is named by its smallest member key.
func (w *World) Derived() []string {
	w.t.Helper()
	rows, err := w.St.DB.QueryContext(w.Ctx, `
		WITH n AS (SELECT golden_id, min(source || ':' || source_id) AS name FROM golden_members GROUP BY golden_id)
		SELECT 'household ' || h.uprn || ' ' || n.name || ' ' || coalesce(p.name, '')
		FROM households h JOIN n ON n.golden_id = h.golden_id LEFT JOIN n p ON p.golden_id = h.property_id
		UNION ALL
		SELECT 'rel ' || r.rel_type || ' ' || r.source || ' ' || coalesce(r.from_key, '') || ' ' || coalesce(r.to_key, '') || ' ' ||
		       f.name || ' → ' || t.name || ' ' || coalesce(r.valid_to::VARCHAR, '')
		FROM golden_relationships r JOIN n f ON f.golden_id = r.from_id JOIN n t ON t.golden_id = r.to_id
		ORDER BY 1`)
	if err != nil {
		w.t.Fatal(err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			w.t.Fatal(err)
		}
		out = append(out, s)
	}
	return out
}

// EndRelationship marks a source relationship ended, as a full extract
// that no longer states it does.
func (w *World) EndRelationship(from, typ, to string) {
	w.t.Helper()
	fs, fid, _ := strings.Cut(from, ":")
	ts, tid, _ := strings.Cut(to, ":")
	if _, err := w.St.DB.ExecContext(w.Ctx, `UPDATE source_relationships SET valid_to = DATE '2026-06-01'
		WHERE from_source = ? AND from_id = ? AND to_source = ? AND to_id = ? AND rel_type = ? AND valid_to IS NULL`, fs, fid, ts, tid, typ); err != nil {
		w.t.Fatal(err)
	}
}
