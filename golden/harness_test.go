package golden

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
	"github.com/council/golden/record"
	"github.com/council/golden/store"
)

// world is a synthetic store for tests: it writes source_records and
// match_clusters directly, as connectors and matching would.
type world struct {
	t    testing.TB
	ctx  context.Context
	st   *store.Store
	cfg  *config.Config
	rids map[string]int64 // source:id → rid
	vers map[string]int32
	next int64
	run  int64
}

func newWorld(t testing.TB) *world {
	t.Helper()
	ctx := context.Background()
	st, err := store.Open(ctx, ":memory:", store.Options{Threads: 2})
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
	return &world{t: t, ctx: ctx, st: st, cfg: cfg, rids: map[string]int64{}, vers: map[string]int32{}, next: 1, run: 1}
}

// rec is a source record to write.
type rec struct {
	kind     record.Kind
	key      string // source:id
	fields   map[record.Field]string
	invalid  []record.Field
	flags    string
	observed time.Time
}

func person(key string, kv ...string) rec {
	r := rec{kind: record.Person, key: key, fields: map[record.Field]string{}}
	for i := 0; i+1 < len(kv); i += 2 {
		f, ok := record.ParseField(kv[i])
		if !ok {
			panic("unknown field " + kv[i])
		}
		r.fields[f] = kv[i+1]
	}
	return r
}

func (r rec) of(k record.Kind) rec      { r.kind = k; return r }
func (r rec) bad(f ...record.Field) rec { r.invalid = f; return r }
func (r rec) seen(y, m, d int) rec {
	r.observed = time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
	return r
}
func (r rec) flagged(f string) rec { r.flags = f; return r }

// put writes records as new versions (or first versions) in one ingest run.
func (w *world) put(rs ...rec) {
	w.t.Helper()
	err := w.st.InTx(w.ctx, func(tx *store.Tx) error {
		if _, err := tx.ExecContext(w.ctx, `INSERT OR IGNORE INTO ingest_runs (run_id, started_at, status) VALUES (?, ?, 'ok')`,
			w.run, time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC).Add(time.Duration(w.run)*time.Hour)); err != nil {
			return err
		}
		for _, r := range rs {
			if rid, ok := w.rids[r.key]; ok {
				if _, err := tx.ExecContext(w.ctx, `UPDATE source_records SET is_current = false WHERE rid = ?`, rid); err != nil {
					return err
				}
			}
		}
		return tx.Append(w.ctx, "source_records", nil, func(a *store.Appender) error {
			for _, r := range rs {
				rid, ok := w.rids[r.key]
				if !ok {
					rid = w.next
					w.next++
					w.rids[r.key] = rid
				}
				w.vers[r.key]++
				src, id, _ := strings.Cut(r.key, ":")
				var inv []string
				for _, f := range r.invalid {
					inv = append(inv, f.Name())
				}
				var obs driver.Value
				if !r.observed.IsZero() {
					obs = r.observed
				}
				row := []driver.Value{rid, src, id, string(r.kind), w.vers[r.key], w.run, int64(0), fmt.Sprint(r.fields, r.flags),
					true, false, obs, strings.Join(inv, ";"), r.flags, "{}"}
				for f := record.Field(0); f < record.NumFields; f++ {
					if v, ok := r.fields[f]; ok {
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

// del marks source records deleted (a new, deleted version).
func (w *world) del(keys ...string) {
	w.t.Helper()
	for _, k := range keys {
		if _, err := w.st.DB.ExecContext(w.ctx, `UPDATE source_records SET deleted = true WHERE rid = ? AND is_current`, w.rids[k]); err != nil {
			w.t.Fatal(err)
		}
	}
}

// cluster replaces the clustering of kind: each group is a cluster; every
// other current record of the kind is a singleton.
func (w *world) cluster(kind record.Kind, groups ...[]string) {
	w.t.Helper()
	in := map[int64]int64{}
	for _, g := range groups {
		min := int64(-1)
		for _, k := range g {
			rid, ok := w.rids[k]
			if !ok {
				w.t.Fatalf("cluster: unknown key %s", k)
			}
			if min < 0 || rid < min {
				min = rid
			}
		}
		for _, k := range g {
			in[w.rids[k]] = min
		}
	}
	err := w.st.InTx(w.ctx, func(tx *store.Tx) error {
		if _, err := tx.ExecContext(w.ctx, `DELETE FROM match_clusters WHERE kind = ?`, string(kind)); err != nil {
			return err
		}
		rows, err := tx.QueryContext(w.ctx, `SELECT rid FROM current_records WHERE kind = ? ORDER BY rid`, string(kind))
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
		return tx.Append(w.ctx, "match_clusters", nil, func(a *store.Appender) error {
			for _, r := range all {
				c, ok := in[r]
				if !ok {
					c = r
				}
				if err := a.AppendRow(string(kind), r, c, w.run); err != nil {
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

// build runs Build for kind as the next run.
func (w *world) build(kind record.Kind) *Report {
	w.t.Helper()
	rep, err := w.tryBuild(kind)
	if err != nil {
		w.t.Fatal(err)
	}
	return rep
}

func (w *world) tryBuild(kind record.Kind) (*Report, error) {
	rep, err := Build(w.ctx, w.st, w.cfg, kind, Options{RunID: w.run, Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	w.run++
	return rep, err
}

// idOf returns the active golden id of a source record.
func (w *world) idOf(key string) string {
	w.t.Helper()
	var id string
	err := w.st.DB.QueryRowContext(w.ctx, `SELECT golden_id FROM golden_members WHERE rid = ?`, w.rids[key]).Scan(&id)
	if err != nil {
		w.t.Fatalf("golden id of %s: %v", key, err)
	}
	return id
}

// golden returns a golden record's status, redirect, version and a field.
func (w *world) golden(id string) (status, redirect string, version int, vals map[string]string) {
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
	err := w.st.DB.QueryRowContext(w.ctx, `SELECT status, redirect_to, version, `+strings.Join(cols, ", ")+` FROM golden_records WHERE golden_id = ?`, id).Scan(dest...)
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

// snapshot is every golden record of a kind with its version: to check
// that a run changed nothing.
func (w *world) snapshot(kind record.Kind) string {
	w.t.Helper()
	rows, err := w.st.DB.QueryContext(w.ctx, `SELECT golden_id, status, coalesce(redirect_to, ''), version, updated_run, member_count FROM golden_records WHERE kind = ? ORDER BY golden_id`, string(kind))
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
