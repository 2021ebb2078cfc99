package golden

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"fmt"
	"runtime"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/council/golden/golden/survivorship"
	"github.com/council/golden/record"
	"github.com/council/golden/store"
)

// writer derives and writes the golden records of the changed clusters.
type writer struct {
	b       *builder
	retired map[string]string // retired id → redirect
	gone    []goneMember
	// oldMembers lists, per old golden id, where each of its members went:
	// the golden id of its new cluster, or "" when it was deleted.
	oldMembers map[string][]moved
	// splitTo lists, per old id, the golden ids that received its members
	// other than the id it kept (if it kept one).
	splitTo map[string][]string
	// touched are the golden ids whose record may have changed, uprns the
	// UPRNs they had or have: what households and relationships are
	// re-derived around.
	touched, uprns map[string]bool
}

type moved struct {
	key  string // source:source_id
	dest string
}

// member is a source record as Build reads it.
type member struct {
	rid      int64
	source   string
	sourceID string
	version  int32
	run      int64
	when     time.Time
	invalid  record.Validity
	flags    string
	values   [record.NumFields]string
}

func (w *writer) index(clusters []cluster) {
	w.touched, w.uprns = map[string]bool{}, map[string]bool{}
	for id, o := range w.b.affected {
		w.touched[id] = true
		w.uprns[o.values[record.UPRN]] = true
	}
	w.oldMembers = map[string][]moved{}
	for _, c := range clusters {
		for _, s := range c.slots {
			if s.oldID != "" {
				w.oldMembers[s.oldID] = append(w.oldMembers[s.oldID], moved{key: s.source + ":" + s.sourceID, dest: c.id})
			}
		}
	}
	for _, g := range w.gone {
		w.oldMembers[g.goldenID] = append(w.oldMembers[g.goldenID], moved{key: g.source + ":" + g.sourceID})
	}
	w.splitTo = map[string][]string{}
	for id, ms := range w.oldMembers {
		seen := map[string]bool{}
		for _, m := range ms {
			if m.dest != "" && m.dest != id && m.dest != w.retired[id] && !seen[m.dest] {
				seen[m.dest] = true
				w.splitTo[id] = append(w.splitTo[id], m.dest)
			}
		}
		sort.Strings(w.splitTo[id])
		if len(w.splitTo[id]) > 0 {
			w.b.report.Split++
		}
	}
}

// historyRow is one version of a golden record.
type historyRow struct {
	id      string
	version int32
	reasons []string
	fields  []string
	detail  map[string]any
}

type change struct {
	Old string `json:"old,omitempty"`
	New string `json:"new,omitempty"`
}

func (w *writer) batch(ctx context.Context, cs []cluster) error {
	b := w.b
	var rids []int64
	for _, c := range cs {
		for _, sl := range c.slots {
			rids = append(rids, sl.rid)
		}
	}
	done := b.timed("batch load")
	recs, err := b.loadMembers(ctx, rids)
	done()
	if err != nil {
		return err
	}
	// Records new to golden have their keys only now.
	for ci := range cs {
		for si := range cs[ci].slots {
			sl := &cs[ci].slots[si]
			if m := recs[sl.rid]; m != nil && sl.source == "" {
				sl.source, sl.sourceID = m.source, m.sourceID
			}
		}
	}
	done = b.timed("batch derive")

	run := b.opts.RunID
	var (
		outRows  [][]driver.Value
		members  [][]driver.Value
		lineage  [][]driver.Value
		history  []historyRow
		movedOut [][]driver.Value
	)
	derived, err := b.resolveAll(cs, recs)
	if err != nil {
		return err
	}
	for ci := range cs {
		c := &cs[ci]
		cands, mems, res := derived[ci].cands, derived[ci].mems, derived[ci].res

		var vals [record.NumFields]string
		for f := range vals {
			vals[f] = res.Fields[f].Value
		}
		flags, sources := unionFlags(mems), unionSources(mems)
		w.touched[c.id] = true
		w.uprns[vals[record.UPRN]] = true
		old := b.affected[c.id]
		if c.isNew {
			old = nil
		}

		// What happened to the membership.
		var (
			reasons                        []string
			added, removed, changedRecords []string
			mergedFrom                     []string
			splitFrom                      []string
		)
		for _, s := range c.slots {
			key := s.source + ":" + s.sourceID
			switch {
			case s.oldID == "":
				added = append(added, key)
			case s.oldID != c.id:
				added = append(added, key)
				if c.isNew {
					splitFrom = appendUnique(splitFrom, s.oldID)
				} else {
					mergedFrom = appendUnique(mergedFrom, s.oldID)
				}
			case s.version != s.oldVer:
				changedRecords = append(changedRecords, key)
			}
			since := s.sinceRun
			if s.oldID != c.id {
				since = run
				if s.oldID != "" {
					movedOut = append(movedOut, []driver.Value{string(b.kind), s.oldID, s.rid, s.source, s.sourceID, s.sinceRun, run, "moved"})
				}
			}
			members = append(members, []driver.Value{string(b.kind), c.id, s.rid, s.source, s.sourceID, s.version, since, c.key})
		}
		var deleted []string
		if old != nil {
			for _, m := range w.oldMembers[c.id] {
				if m.dest == "" {
					deleted = append(deleted, m.key)
					removed = append(removed, m.key)
				} else if m.dest != c.id {
					removed = append(removed, m.key)
				}
			}
		}
		if c.isNew {
			reasons = append(reasons, "created")
		}
		if hasNewSource(c.slots) {
			reasons = append(reasons, "new_source")
		}
		if len(changedRecords) > 0 {
			reasons = append(reasons, "changed_source")
		}
		if len(deleted) > 0 {
			reasons = append(reasons, "deleted_source")
		}
		if len(mergedFrom) > 0 {
			reasons = append(reasons, "merge")
		}
		if len(splitFrom) > 0 || (old != nil && len(w.splitTo[c.id]) > 0) {
			reasons = append(reasons, "split")
		}

		// What happened to the values.
		var changedFields []string
		fieldChanges := map[string]change{}
		for f := record.Field(0); f < record.NumFields; f++ {
			var was string
			if old != nil {
				was = old.values[f]
			}
			if vals[f] != was {
				changedFields = append(changedFields, f.Name())
				fieldChanges[f.Name()] = change{Old: was, New: vals[f]}
			}
		}
		contentChanged := old == nil || len(changedFields) > 0 || old.flags != flags || old.sources != sources ||
			int(old.members) != len(c.slots) || old.status != "active"
		memberChanged := len(added) > 0 || len(removed) > 0
		if !contentChanged && !memberChanged {
			// Nothing a reader of the golden record could see changed (for
			// example a source record re-sent with the same values): keep
			// the version, refresh membership and lineage only.
			w.lineageRows(&lineage, c.id, res, cands, mems)
			continue
		}
		if len(reasons) == 0 {
			reasons = append(reasons, "survivorship")
		}
		if b.opts.Reason != "" {
			reasons = append(reasons, b.opts.Reason)
		}
		version, created := int32(1), run
		if old != nil {
			version, created = old.version+1, old.createdRun
			b.report.Updated++
		} else {
			b.report.Created++
		}
		row := []driver.Value{string(b.kind), c.id, "active", nil, version, created, run, asValue(flags), asValue(sources), int32(len(c.slots))}
		for _, v := range vals {
			row = append(row, asValue(v))
		}
		outRows = append(outRows, row)
		w.lineageRows(&lineage, c.id, res, cands, mems)

		detail := map[string]any{}
		if len(fieldChanges) > 0 {
			detail["fields"] = fieldChanges
		}
		putList(detail, "added", added)
		putList(detail, "removed", removed)
		putList(detail, "deleted", deleted)
		putList(detail, "changed", changedRecords)
		putList(detail, "merged_from", mergedFrom)
		putList(detail, "split_from", splitFrom)
		if old != nil {
			putList(detail, "split_to", w.splitTo[c.id])
		}
		if old != nil && (old.flags != flags) {
			detail["flags"] = change{Old: old.flags, New: flags}
		}
		history = append(history, historyRow{id: c.id, version: version, reasons: reasons, fields: changedFields, detail: detail})
	}
	done()
	defer b.timed("batch write")()
	return w.write(ctx, outRows, members, lineage, history, movedOut)
}

func hasNewSource(slots []slot) bool {
	for _, s := range slots {
		if s.oldID == "" {
			return true
		}
	}
	return false
}

func (w *writer) lineageRows(out *[][]driver.Value, id string, res survivorship.Result, cands []survivorship.Candidate, mems []*member) {
	kind := string(w.b.kind)
	for f := record.Field(0); f < record.NumFields; f++ {
		ch := res.Fields[f]
		if ch.Value == "" {
			continue
		}
		for _, i := range ch.From {
			m := mems[i]
			var when driver.Value
			if !m.when.IsZero() {
				when = m.when
			}
			*out = append(*out, []driver.Value{kind, id, f.Name(), m.rid, m.source, m.sourceID, m.version, when, m.run, string(ch.Rule)})
		}
	}
}

// retire writes the retired ids: status retired, a redirect to where most
// of their records went, and a history version saying why.
func (w *writer) retire(ctx context.Context) error {
	b := w.b
	run := b.opts.RunID
	var rows [][]driver.Value
	var history []historyRow
	ids := make([]string, 0, len(w.retired))
	for id := range w.retired {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	for _, id := range ids {
		old := b.affected[id]
		redirect := w.retired[id]
		row := []driver.Value{string(b.kind), id, "retired", asValue(redirect), old.version + 1, old.createdRun, run, asValue(old.flags), asValue(old.sources), int32(0)}
		for _, v := range old.values {
			row = append(row, asValue(v))
		}
		rows = append(rows, row)
		detail := map[string]any{}
		reasons := []string{"retired"}
		var deleted []string
		for _, m := range w.oldMembers[id] {
			if m.dest == "" {
				deleted = append(deleted, m.key)
			}
		}
		if redirect != "" {
			reasons = append(reasons, "merge")
			detail["merged_into"] = redirect
			b.report.Merged++
		}
		if len(deleted) > 0 {
			reasons = append(reasons, "deleted_source")
		}
		putList(detail, "deleted", deleted)
		putList(detail, "split_to", w.splitTo[id])
		if b.opts.Reason != "" {
			reasons = append(reasons, b.opts.Reason)
		}
		history = append(history, historyRow{id: id, version: old.version + 1, reasons: reasons, detail: detail})
		b.report.Retired++
	}
	return w.write(ctx, rows, nil, nil, history, nil)
}

// logGone records the memberships that ended because the source record
// was deleted.
func (w *writer) logGone(ctx context.Context) error {
	var rows [][]driver.Value
	for _, g := range w.gone {
		rows = append(rows, []driver.Value{string(w.b.kind), g.goldenID, g.rid, g.source, g.sourceID, g.sinceRun, w.b.opts.RunID, "deleted"})
	}
	return w.write(ctx, nil, nil, nil, nil, rows)
}

func (w *writer) write(ctx context.Context, out, members, lineage [][]driver.Value, history []historyRow, memberLog [][]driver.Value) error {
	b := w.b
	tables := []struct {
		name string
		rows [][]driver.Value
	}{
		{"g_out", out},
		{"golden_members", members},
		{"golden_lineage", lineage},
		{"golden_member_log", memberLog},
	}
	for _, t := range tables {
		if len(t.rows) == 0 {
			continue
		}
		err := b.tx.Append(ctx, t.name, nil, func(a *store.Appender) error {
			for _, r := range t.rows {
				if err := a.AppendRow(r...); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			return fmt.Errorf("golden %s: write %s: %w", b.kind, t.name, err)
		}
	}
	if len(history) == 0 {
		return nil
	}
	err := b.tx.Append(ctx, "golden_history", nil, func(a *store.Appender) error {
		for _, h := range history {
			var detail driver.Value
			if len(h.detail) > 0 {
				detail = mustJSON(h.detail)
			}
			if err := a.AppendRow(string(b.kind), h.id, h.version, b.opts.RunID, b.now, strings.Join(h.reasons, ";"),
				asValue(strings.Join(h.fields, ";")), detail); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("golden %s: write history: %w", b.kind, err)
	}
	return nil
}

// resolved is one cluster's members and surviving values.
type resolved struct {
	cands []survivorship.Candidate
	mems  []*member
	res   survivorship.Result
}

// resolveAll runs survivorship for every cluster, on every core: it only
// reads the loaded records and the policy.
func (b *builder) resolveAll(cs []cluster, recs map[int64]*member) ([]resolved, error) {
	out := make([]resolved, len(cs))
	workers := runtime.GOMAXPROCS(0)
	if len(cs) < 2000 || workers < 2 {
		workers = 1
	}
	var wg sync.WaitGroup
	errs := make([]error, workers)
	for wk := 0; wk < workers; wk++ {
		wg.Add(1)
		go func(wk int) {
			defer wg.Done()
			for i := wk; i < len(cs); i += workers {
				cands, mems, err := b.candidates(&cs[i], recs)
				if err != nil {
					errs[wk] = err
					return
				}
				out[i] = resolved{cands: cands, mems: mems, res: b.policy.Resolve(cands)}
			}
		}(wk)
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return nil, err
		}
	}
	return out, nil
}

// candidates are the members of a cluster as survivorship sees them, in
// rid order.
func (b *builder) candidates(c *cluster, recs map[int64]*member) ([]survivorship.Candidate, []*member, error) {
	cands := make([]survivorship.Candidate, len(c.slots))
	mems := make([]*member, len(c.slots))
	for i, s := range c.slots {
		m := recs[s.rid]
		if m == nil {
			return nil, nil, fmt.Errorf("golden %s: source record %s:%s (rid %d) is clustered but not current", b.kind, s.source, s.sourceID, s.rid)
		}
		mems[i] = m
		cands[i] = survivorship.Candidate{RID: m.rid, Source: m.source, SourceID: m.sourceID, Trust: b.trust[m.source],
			When: m.when, Invalid: m.invalid, Values: &m.values}
	}
	return cands, mems, nil
}

// loadMembers reads the current versions of the records rids.
func (b *builder) loadMembers(ctx context.Context, rids []int64) (map[int64]*member, error) {
	if err := b.exec(ctx, "batch", `DELETE FROM g_batch`); err != nil {
		return nil, err
	}
	err := b.tx.Append(ctx, "g_batch", nil, func(a *store.Appender) error {
		for _, r := range rids {
			if err := a.AppendRow(r); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("golden %s: batch: %w", b.kind, err)
	}
	rows, err := b.tx.QueryContext(ctx, `
		SELECT r.rid, r.source, r.source_id, r.version, r.run_id, r.observed_at, i.started_at, r.invalid_fields, r.flags, `+fieldColumnList("r.")+`
		FROM current_records r JOIN g_batch USING (rid)
		LEFT JOIN ingest_runs i ON i.run_id = r.run_id`)
	if err != nil {
		return nil, fmt.Errorf("golden %s: load source records: %w", b.kind, err)
	}
	defer rows.Close()
	out := map[int64]*member{}
	vals := make([]sql.NullString, record.NumFields)
	var observed, started sql.NullTime
	var invalid, flags sql.NullString
	for rows.Next() {
		m := &member{}
		dest := []any{&m.rid, &m.source, &m.sourceID, &m.version, &m.run, &observed, &started, &invalid, &flags}
		for i := range vals {
			dest = append(dest, &vals[i])
		}
		if err := rows.Scan(dest...); err != nil {
			return nil, fmt.Errorf("golden %s: load source records: %w", b.kind, err)
		}
		switch {
		case observed.Valid:
			m.when = observed.Time.UTC()
		case started.Valid:
			m.when = started.Time.UTC()
		}
		for _, name := range strings.Split(invalid.String, ";") {
			if f, ok := record.ParseField(strings.TrimSpace(name)); ok {
				m.invalid = m.invalid.With(f)
			}
		}
		m.flags = flags.String
		for i := range vals {
			m.values[i] = vals[i].String
		}
		out[m.rid] = m
	}
	return out, rows.Err()
}

func unionFlags(ms []*member) string {
	seen := map[string]bool{}
	var out []string
	for _, m := range ms {
		for _, f := range strings.Split(m.flags, ";") {
			if f = strings.TrimSpace(f); f != "" && !seen[f] {
				seen[f] = true
				out = append(out, f)
			}
		}
	}
	sort.Strings(out)
	return strings.Join(out, ";")
}

func unionSources(ms []*member) string {
	seen := map[string]bool{}
	var out []string
	for _, m := range ms {
		if !seen[m.source] {
			seen[m.source] = true
			out = append(out, m.source)
		}
	}
	sort.Strings(out)
	return strings.Join(out, ";")
}

func appendUnique(s []string, v string) []string {
	for _, x := range s {
		if x == v {
			return s
		}
	}
	return append(s, v)
}

func putList(m map[string]any, k string, v []string) {
	if len(v) > 0 {
		m[k] = v
	}
}
