package mapping

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"hash"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/council/golden/connectors/raw"
	"github.com/council/golden/record"
	"github.com/council/golden/ukid"
)

// Out is one mapped row.
type Out struct {
	Rec  record.Record
	Rels []string // the other record's id per Spec.Rels() entry; "" when the row states none
	Hash string   // content hash: the same content gives the same hash in every run
	// BadAttrs names the attributes whose value did not parse as declared
	// (a date, money): kept as received and flagged invalid as attr.<name>.
	BadAttrs []string
}

// Mapper maps rows of one source. It is not safe for concurrent use: give
// each worker its own (Spec.NewMapper); their Stats merge for the warnings.
type Mapper struct {
	s     *Spec
	hdr   *raw.Header
	idx   [][]int
	stats map[statKey]*dateStat
	h     hash.Hash
	buf   []byte
	now   time.Time
	// For sparse headers (JSON objects, one per row): rows seen, and per
	// getter and name whether any row had it, to warn about a path that no
	// record has (most often a misspelt one).
	sparseRows int64
	seen       [][]bool
	paths      map[string]bool // the paths records had, while a mapped one is still unseen (at most maxPaths)
	// Per date field (standard or attribute): values read and values that
	// no format read, to warn when a declared format reads none of them.
	dateCounts map[*fieldSpec]*dateCount
	badAttrs   map[string]int64 // attribute → values that did not parse
}

type dateCount struct {
	read, failed int64
	firstFailed  int64 // line
}

type dateStat struct {
	field      string
	format     string
	confirmed  int64 // values whose day > 12: the order is right
	ambiguous  int64 // values that read either way (day, month ≤ 12 and different)
	swapFailed int64 // values that failed but would read with day and month swapped
	firstAmbig int64 // line of the first ambiguous value
	bothListed bool  // the spec lists the swapped format too
}

// NewMapper returns a mapper for one goroutine.
func (s *Spec) NewMapper() *Mapper {
	return &Mapper{s: s, idx: make([][]int, len(s.getters)), stats: map[statKey]*dateStat{}, h: sha256.New(), now: time.Now()}
}

// HeaderError is a file whose header lacks a mapped column: the layout
// does not fit, a whole-file failure.
type HeaderError struct {
	Config  string // the project file's name; "" reads as golden.yaml
	File    string
	Column  string
	What    string
	Line    int // golden.yaml line of the mapping
	Columns []string
}

func (e *HeaderError) Error() string {
	cols := e.Columns
	more := ""
	if len(cols) > 40 {
		cols, more = cols[:40], ", …"
	}
	cfg := e.Config
	if cfg == "" {
		cfg = "golden.yaml"
	}
	return fmt.Sprintf("%s: column %q (mapped to %s at %s line %d) is not in the file; it has: %s%s",
		e.File, e.Column, e.What, cfg, e.Line, strings.Join(cols, ", "), more)
}

func (m *Mapper) resolve(row *raw.Row) error {
	h := row.Header
	if h.Sparse {
		m.sparseRows++
		if m.seen == nil {
			m.seen = make([][]bool, len(m.s.getters))
			for _, g := range m.s.getters {
				m.seen[g.id] = make([]bool, len(g.names))
			}
		}
	}
	for _, g := range m.s.getters {
		if g.constant != nil {
			continue
		}
		idx := m.idx[g.id][:0]
		if g.join {
			for k, n := range g.names {
				i, ok := h.Index(n)
				if ok && h.Sparse {
					m.seen[g.id][k] = true
				}
				if !ok {
					if !g.optional && !h.Sparse {
						return &HeaderError{Config: m.s.cfgName, File: row.File, Column: n, What: g.what, Line: g.node.Line, Columns: h.Names}
					}
					i = -1
				}
				idx = append(idx, i)
			}
		} else {
			found := -1
			for k, n := range g.names {
				if i, ok := h.Index(n); ok {
					found = i
					if h.Sparse {
						m.seen[g.id][k] = true
					}
					break
				}
			}
			if found < 0 && !g.optional && !h.Sparse {
				return &HeaderError{Config: m.s.cfgName, File: row.File, Column: strings.Join(g.names, " | "), What: g.what, Line: g.node.Line, Columns: h.Names}
			}
			idx = append(idx, found)
		}
		m.idx[g.id] = idx
	}
	if h.Sparse && len(m.paths) < maxPaths && m.unseen() {
		if m.paths == nil {
			m.paths = map[string]bool{}
		}
		for _, n := range h.Names {
			m.paths[n] = true
		}
	}
	m.hdr = h
	return nil
}

func (m *Mapper) get(g *getter, row *raw.Row) string {
	if g.constant != nil {
		return *g.constant
	}
	idx := m.idx[g.id]
	if !g.join {
		i := idx[0]
		if i < 0 || i >= len(row.Values) {
			return ""
		}
		return row.Values[i]
	}
	var parts []string
	for _, i := range idx {
		if i < 0 || i >= len(row.Values) {
			continue
		}
		if v := strings.TrimSpace(row.Values[i]); v != "" {
			parts = append(parts, v)
		}
	}
	return strings.Join(parts, g.sep)
}

// Map maps row into out. A row that cannot be mapped comes back as a
// RowError (quarantine); err is a whole-file failure (a mapped column that
// the file does not have).
func (m *Mapper) Map(row *raw.Row, out *Out) (*raw.RowError, error) {
	*out = Out{Rels: out.Rels[:0]}
	if row.Err != nil {
		out.Rec.Key = record.Key{Source: m.s.Source, SourceID: m.faultyID(row)}
		return row.Err, nil
	}
	if row.Header != m.hdr {
		if err := m.resolve(row); err != nil {
			return nil, err
		}
	}
	rec := &out.Rec
	rec.Kind = m.s.Kind
	rec.Line = row.Line
	rec.Deleted = row.Deleted

	id := m.text(m.s.id, row)
	if id == "" {
		return &raw.RowError{Field: "id", Reason: "no source id"}, nil
	}
	rec.Key = record.Key{Source: m.s.Source, SourceID: id}

	for _, fs := range m.s.fields {
		v := m.text(fs, row)
		if v == "" {
			if fs.required {
				return &raw.RowError{Field: fs.name, Reason: "required field is empty"}, nil
			}
			continue
		}
		norm, ok := m.standard(fs, v, row.Line)
		rec.Values[fs.field] = norm
		if !ok {
			if fs.required {
				return &raw.RowError{Field: fs.name, Reason: "required field is not valid"}, nil
			}
			rec.Invalid = rec.Invalid.With(fs.field)
		}
	}
	if m.s.name != nil {
		// Split before the case option: in a family-first name the capitals
		// mark the family part (SMITH JONES Mary).
		if v := m.uncased(m.s.name, row); v != "" {
			n := SplitName(v, m.s.name.order == "family_first")
			c := m.s.name.caseMode
			m.setSplit(rec, record.Title, n.Title)
			m.setSplit(rec, record.GivenName, applyCase(c, n.Given))
			m.setSplit(rec, record.MiddleNames, applyCase(c, n.Middle))
			m.setSplit(rec, record.FamilyName, applyCase(c, n.Family))
		} else if m.s.name.required {
			return &raw.RowError{Field: FullName, Reason: "required field is empty"}, nil
		}
	}
	if m.s.addr != nil {
		var parts []string
		if g := m.s.addr.get; g.join {
			for _, i := range m.idx[g.id] {
				if i >= 0 && i < len(row.Values) {
					parts = append(parts, row.Values[i])
				}
			}
		} else {
			parts = []string{m.text(m.s.addr, row)}
		}
		// A postcode mapped on its own (and kept even when invalid) is not an
		// address line: drop it from the end before splitting.
		if pc := rec.Values[record.Postcode]; pc != "" {
			for len(parts) > 0 {
				last := strings.TrimSpace(parts[len(parts)-1])
				if last == "" || strings.EqualFold(strings.ReplaceAll(last, " ", ""), strings.ReplaceAll(pc, " ", "")) {
					parts = parts[:len(parts)-1]
					continue
				}
				break
			}
		}
		a := SplitAddress(parts)
		if a.Text == "" && m.s.addr.required {
			return &raw.RowError{Field: Address, Reason: "required field is empty"}, nil
		}
		m.setSplit(rec, record.SubBuilding, a.SubBuilding)
		m.setSplit(rec, record.BuildingName, a.BuildingName)
		m.setSplit(rec, record.BuildingNumber, a.BuildingNumber)
		m.setSplit(rec, record.Street, a.Street)
		m.setSplit(rec, record.Locality, a.Locality)
		m.setSplit(rec, record.Town, a.Town)
		if a.Postcode == "" && a.Text != "" && rec.Values[record.Postcode] != "" {
			// The postcode came in its own column: the one-line address ends with it.
			a.Text += ", " + rec.Values[record.Postcode]
		}
		m.setSplit(rec, record.AddressText, a.Text)
		if rec.Values[record.Postcode] == "" && a.Postcode != "" {
			pc, ok := ukid.Postcode(a.Postcode)
			rec.Values[record.Postcode] = pc
			if !ok {
				rec.Invalid = rec.Invalid.With(record.Postcode)
			}
		}
	}
	if len(m.s.attrs) > 0 {
		for _, fs := range m.s.attrs {
			v := m.text(fs, row)
			if v == "" {
				continue
			}
			bad := false
			if len(fs.dates) > 0 {
				t, ok := m.date(fs, v, row.Line)
				if ok {
					v = t.Format("2006-01-02")
				}
				bad = !ok
			} else if fs.money {
				p, ok := Pence(v)
				if ok {
					v = p
				}
				bad = !ok
			}
			if bad {
				out.BadAttrs = append(out.BadAttrs, fs.name)
				if m.badAttrs == nil {
					m.badAttrs = map[string]int64{}
				}
				m.badAttrs[fs.name]++
			}
			if rec.Attrs == nil {
				rec.Attrs = map[string]string{}
			}
			rec.Attrs[fs.name] = v
		}
	}
	if m.s.obs != nil {
		if v := m.text(m.s.obs, row); v != "" {
			if t, ok := m.date(m.s.obs, v, row.Line); ok {
				rec.Observed = t
			}
		}
	}
	for _, f := range m.s.flags {
		v := strings.ToLower(strings.TrimSpace(m.get(f.get, row)))
		if f.values == nil && truthy(v) || f.values[v] {
			rec.Flags = append(rec.Flags, f.flag)
		}
	}
	if m.s.delete != nil {
		v := strings.ToLower(strings.TrimSpace(m.get(m.s.delete.get, row)))
		if m.s.delete.values[v] {
			rec.Deleted = true
		}
	}
	for _, r := range m.s.rels {
		out.Rels = append(out.Rels, strings.TrimSpace(m.get(r.get, row)))
	}
	out.Hash = m.hash(out)
	return nil, nil
}

// setSplit sets a part of a split name or address unless the source
// mapped that field itself and the row has a value for it.
func (m *Mapper) setSplit(rec *record.Record, f record.Field, v string) {
	if rec.Values[f] == "" && v != "" {
		rec.Values[f] = v
	}
}

func truthy(v string) bool {
	switch v {
	case "", "n", "no", "0", "false", "f", "none", "null":
		return false
	}
	return true
}

// text reads a field's value: trimmed (and of the trim characters), mapped
// through map:, defaulted, and cased.
func (m *Mapper) text(fs *fieldSpec, row *raw.Row) string {
	return applyCase(fs.caseMode, m.uncased(fs, row))
}

// applyCase applies a field's case option (upper, lower, title or "").
func applyCase(mode, v string) string {
	switch mode {
	case "upper":
		return strings.ToUpper(v)
	case "lower":
		return strings.ToLower(v)
	case "title":
		return TitleCase(v)
	}
	return v
}

// uncased is a field's text before its case option: trimmed, mapped,
// defaulted.
func (m *Mapper) uncased(fs *fieldSpec, row *raw.Row) string {
	v := strings.TrimSpace(m.get(fs.get, row))
	if fs.trim != "" {
		v = strings.TrimSpace(strings.Trim(v, fs.trim))
	}
	if fs.valueMap != nil {
		if mv, ok := fs.valueMap[strings.ToLower(v)]; ok {
			v = mv
		}
	}
	if v == "" {
		v = fs.deflt
	}
	return v
}

// faultyID is the source id of a row the reader could not read whole, when
// the columns it did read (row.Values, a prefix, under the file's header)
// hold it; else "". It is only used to know that the record is in the
// extract: a wrong one can only keep a record from being taken for missing.
func (m *Mapper) faultyID(row *raw.Row) string {
	if row.Header == nil || row.Header.Sparse || len(row.Values) == 0 {
		return ""
	}
	if row.Header != m.hdr {
		if err := m.resolve(row); err != nil {
			return ""
		}
	}
	full := *row
	if n := len(row.Header.Names); len(row.Values) < n {
		full.Values = make([]string, n)
		copy(full.Values, row.Values)
	}
	return m.text(m.s.id, &full)
}

// standard parses and validates a standard field's value. An invalid value
// comes back as received (trimmed) with ok false.
func (m *Mapper) standard(fs *fieldSpec, v string, line int64) (string, bool) {
	f := fs.field
	if len(fs.dates) > 0 || f == record.DateOfBirth {
		t, ok := m.date(fs, v, line)
		if !ok {
			return v, false
		}
		if f == record.DateOfBirth && (t.After(m.now) || t.Year() < 1880) {
			return t.Format("2006-01-02"), false
		}
		return t.Format("2006-01-02"), true
	}
	if fs.money || f == record.RateableValue {
		return Pence(v)
	}
	switch f {
	case record.Postcode:
		return ukid.Postcode(v)
	case record.NHSNumber:
		if m.hdr != nil && m.hdr.ExcelDates {
			if d, ok := chiFromNumberCell(v); ok {
				return d, true
			}
		}
		return ukid.NHSNumber(v)
	case record.NINumber:
		return ukid.NINumber(v)
	case record.Phone:
		if d, ok := ukid.Phone(v); ok {
			return d, true
		}
		if len(v) >= 9 && len(v) <= 10 && v[0] != '0' && allDigits(v) {
			// A spreadsheet stored the number as a number and dropped its
			// leading 0 (7700900123, 1214960000).
			if d, ok := ukid.Phone("0" + v); ok {
				return d, true
			}
		}
		return ukid.Phone(v)
	case record.Email:
		return ukid.Email(v)
	case record.CompanyNumber:
		return ukid.CompanyNumber(v)
	case record.UPRN:
		return ukid.UPRN(v)
	case record.USRN:
		return ukid.USRN(v)
	case record.Sex:
		return Sex(v)
	case record.SICCodes:
		return SICCodes(v), true
	case record.Classification:
		return strings.ToUpper(collapse(v)), true
	}
	return collapse(v), true
}

// date reads v with the field's formats (or the defaults), keeping the
// statistics for the day/month order check.
func (m *Mapper) date(fs *fieldSpec, v string, line int64) (time.Time, bool) {
	t, ok := m.readDate(fs, v, line)
	if len(fs.dates) > 0 {
		dc := m.dateCounts[fs]
		if dc == nil {
			if m.dateCounts == nil {
				m.dateCounts = map[*fieldSpec]*dateCount{}
			}
			dc = &dateCount{}
			m.dateCounts[fs] = dc
		}
		if ok {
			dc.read++
		} else {
			dc.failed++
			if dc.firstFailed == 0 {
				dc.firstFailed = line
			}
		}
	}
	return t, ok
}

func (m *Mapper) readDate(fs *fieldSpec, v string, line int64) (time.Time, bool) {
	formats := fs.dates
	if len(formats) == 0 {
		formats = defaultFormats
	}
	for _, f := range formats {
		t, day, mon, ok := f.parse(v)
		if !ok {
			continue
		}
		if f.swappable() && !f.yearFirst() {
			st := m.stat(fs.name, f, formats)
			switch {
			case day > 12:
				st.confirmed++
			case day != mon:
				st.ambiguous++
				if st.firstAmbig == 0 {
					st.firstAmbig = line
				}
			}
		}
		return t, true
	}
	if m.hdr != nil && m.hdr.ExcelDates {
		if t, _, _, ok := excelFormat.parse(v); ok {
			return t, true
		}
	}
	// Would it read with day and month swapped? Then the order may be wrong.
	for _, f := range formats {
		if f.swappable() && !f.yearFirst() {
			if _, _, _, ok := f.swapped().parse(v); ok {
				m.stat(fs.name, f, formats).swapFailed++
			}
			break
		}
	}
	return time.Time{}, false
}

type statKey struct {
	field  string
	format *dateFormat
}

func (m *Mapper) stat(field string, f *dateFormat, all []*dateFormat) *dateStat {
	key := statKey{field, f}
	st := m.stats[key]
	if st == nil {
		st = &dateStat{format: f.name, field: field}
		for _, g := range all {
			if f.swapOf(g) {
				st.bothListed = true
			}
		}
		m.stats[key] = st
	}
	return st
}

func (m *Mapper) hash(out *Out) string {
	r := &out.Rec
	b := m.buf[:0]
	b = append(b, r.Kind...)
	for i := range r.Values {
		b = append(b, 0x1f)
		b = append(b, r.Values[i]...)
	}
	b = append(b, 0x1e)
	b = strconv.AppendUint(b, uint64(r.Invalid), 16)
	for _, f := range r.Flags {
		b = append(b, 0x1f)
		b = append(b, f...)
	}
	b = append(b, 0x1e)
	if len(r.Attrs) > 0 {
		names := r.AttrNames()
		for _, k := range names {
			b = append(b, k...)
			b = append(b, 0x1d)
			b = append(b, r.Attrs[k]...)
			b = append(b, 0x1f)
		}
	}
	b = append(b, 0x1e)
	if !r.Observed.IsZero() {
		b = r.Observed.AppendFormat(b, time.RFC3339)
	}
	if r.Deleted {
		b = append(b, 'D')
	}
	for _, id := range out.Rels {
		b = append(b, 0x1f)
		b = append(b, id...)
	}
	m.buf = b
	m.h.Reset()
	m.h.Write(b)
	var sum [sha256.Size]byte
	return hex.EncodeToString(m.h.Sum(sum[:0])[:16])
}

// Warnings merges the mappers' statistics into warnings about the source:
// date columns whose day/month order the data does not confirm.
//
// confirmed, if not nil, says whether an earlier run confirmed the day/month
// order of a date field (by its name in the spec: a field, an attribute or
// observed) read with a declared format (see ConfirmedOrders): a small
// nightly delta whose dates all fit both orders is then not warned about
// again.
func (s *Spec) Warnings(mappers []*Mapper, confirmed func(field, format string) bool) []string {
	merged := mergeDateStats(mappers)
	out := s.missingPaths(mappers)
	out = append(out, s.unreadDates(mappers, merged)...)
	bad := map[string]int64{}
	for _, m := range mappers {
		for a, n := range m.badAttrs {
			bad[a] += n
		}
	}
	for _, fs := range s.attrs {
		if n := bad[fs.name]; n > 0 {
			what := "a date as declared"
			if fs.money {
				what = "money"
			}
			out = append(out, fmt.Sprintf("attribute %s: %d values do not read as %s: kept as received, flagged invalid (attr.%s)", fs.name, n, what, fs.name))
		}
	}
	keys := make([]string, 0, len(merged))
	for k := range merged {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		st := merged[k]
		field, _, _ := strings.Cut(k, "\x00")
		switch {
		case st.swapFailed > 0:
			out = append(out, fmt.Sprintf("%s: %d values do not read as %s but would with day and month swapped (flagged invalid): check the date format", field, st.swapFailed, st.format))
		case st.ambiguous > 0 && st.bothListed:
			out = append(out, fmt.Sprintf("%s: %d values fit both day/month orders (first at line %d); read as %s, the first format listed", field, st.ambiguous, st.firstAmbig, st.format))
		case st.ambiguous > 0 && st.confirmed == 0 && (confirmed == nil || !confirmed(field, st.format)):
			out = append(out, fmt.Sprintf("%s: day/month order ambiguous: no value has a day over 12 to confirm %s (%d values fit both orders, first at line %d)", field, st.format, st.ambiguous, st.firstAmbig))
		}
	}
	return out
}

// mergeDateStats adds up the mappers' day/month statistics per field and
// format (keyed field + NUL + format).
func mergeDateStats(mappers []*Mapper) map[string]*dateStat {
	merged := map[string]*dateStat{}
	for _, m := range mappers {
		for sk, st := range m.stats {
			k := sk.field + "\x00" + sk.format.name
			t := merged[k]
			if t == nil {
				c := *st
				merged[k] = &c
				continue
			}
			t.confirmed += st.confirmed
			t.ambiguous += st.ambiguous
			t.swapFailed += st.swapFailed
			if t.firstAmbig == 0 || st.firstAmbig != 0 && st.firstAmbig < t.firstAmbig {
				t.firstAmbig = st.firstAmbig
			}
		}
	}
	return merged
}

// DateOrder is a date field and a declared format whose day/month order
// some value confirmed (a day over 12).
type DateOrder struct{ Field, Format string }

// ConfirmedOrders lists the fields and formats whose order the mappers'
// values confirmed, sorted.
func (s *Spec) ConfirmedOrders(mappers []*Mapper) []DateOrder {
	var out []DateOrder
	for _, st := range mergeDateStats(mappers) {
		if st.confirmed > 0 {
			out = append(out, DateOrder{Field: st.field, Format: st.format})
		}
	}
	slices.SortFunc(out, func(a, b DateOrder) int { return strings.Compare(a.Field+"\x00"+a.Format, b.Field+"\x00"+b.Format) })
	return out
}

// unreadDates warns about each date field with a declared format that read
// none of the column's values: the format is wrong (DD.MM.YY for 03.07.1958),
// and every value was flagged invalid without a word. A column whose values
// would read with day and month swapped has its own warning.
func (s *Spec) unreadDates(mappers []*Mapper, stats map[string]*dateStat) []string {
	type total struct {
		fs                  *fieldSpec
		read, failed, first int64
	}
	var totals []*total
	byField := map[*fieldSpec]*total{}
	for _, m := range mappers {
		for fs, dc := range m.dateCounts {
			t := byField[fs]
			if t == nil {
				t = &total{fs: fs}
				byField[fs] = t
				totals = append(totals, t)
			}
			t.read += dc.read
			t.failed += dc.failed
			if t.first == 0 || dc.firstFailed != 0 && dc.firstFailed < t.first {
				t.first = dc.firstFailed
			}
		}
	}
	sort.Slice(totals, func(i, j int) bool { return totals[i].fs.name < totals[j].fs.name })
	var out []string
	for _, t := range totals {
		if t.read > 0 || t.failed == 0 {
			continue
		}
		swapped := false
		for k, st := range stats {
			if field, _, _ := strings.Cut(k, "\x00"); field == t.fs.name && st.swapFailed > 0 {
				swapped = true
			}
		}
		if swapped {
			continue
		}
		names := make([]string, len(t.fs.dates))
		for i, f := range t.fs.dates {
			names[i] = f.name
		}
		line := 0
		if t.fs.node != nil {
			line = t.fs.node.Line
		}
		out = append(out, fmt.Sprintf("%s (%s line %d): none of the %d values reads as %s (all kept as received and flagged invalid; first at line %d): check the date format",
			t.fs.name, s.cfgName, line, t.failed, strings.Join(names, " or "), t.first))
	}
	return out
}

// maxPaths bounds the distinct paths a mapper keeps to suggest a spelling.
const maxPaths = 4096

// unseen reports whether a mapped (not optional) path has been in no record
// this mapper saw.
func (m *Mapper) unseen() bool {
	for _, g := range m.s.getters {
		if g.constant != nil || g.optional {
			continue
		}
		if g.join && slices.Contains(m.seen[g.id], false) || !g.join && !slices.Contains(m.seen[g.id], true) {
			return true
		}
	}
	return false
}

// nearPath returns the path records had that a missing one most likely
// meant: the same ignoring case, one or two letters off (pupil.surnme,
// pupil.surname; contacts.name, contacts.0.name), or for a path without a
// parent, the same name under one (surname, pupil.surname). "" when none:
// the path is taken to be absent from this extract (a small one may lack an
// optional part), not misspelt.
func nearPath(missing string, paths []string) string {
	best, bestD := "", 3
	for _, p := range paths {
		if strings.EqualFold(p, missing) {
			return p
		}
		if d := editDistance(strings.ToLower(p), strings.ToLower(missing), bestD); d < bestD {
			best, bestD = p, d
		}
	}
	if best != "" || strings.Contains(missing, ".") {
		return best
	}
	for _, p := range paths {
		if strings.EqualFold(p[strings.LastIndexByte(p, '.')+1:], missing) {
			return p
		}
	}
	return ""
}

// editDistance is the Levenshtein distance of a and b in bytes, or max when
// it is max or more.
func editDistance(a, b string, max int) int {
	if d := len(a) - len(b); d >= max || -d >= max {
		return max
	}
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		low := cur[0]
		for j := 1; j <= len(b); j++ {
			c := prev[j-1]
			if a[i-1] != b[j-1] {
				c = 1 + min(c, prev[j], cur[j-1])
			}
			cur[j] = c
			low = min(low, c)
		}
		if low >= max {
			return max
		}
		prev, cur = cur, prev
	}
	return min(prev[len(b)], max)
}

// missingPaths warns about each mapped path of a JSON source that no record
// had: a misspelt path would otherwise leave the field empty in every row
// without a word, since a JSON record may lack any path.
func (s *Spec) missingPaths(mappers []*Mapper) []string {
	var rows int64
	seen := make([][]bool, len(s.getters))
	had := map[string]bool{}
	for _, m := range mappers {
		if m.sparseRows == 0 {
			continue
		}
		rows += m.sparseRows
		for p := range m.paths {
			had[p] = true
		}
		for id, names := range m.seen {
			if seen[id] == nil {
				seen[id] = make([]bool, len(names))
			}
			for k, ok := range names {
				seen[id][k] = seen[id][k] || ok
			}
		}
	}
	if rows == 0 {
		return nil
	}
	paths := make([]string, 0, len(had))
	for p := range had {
		paths = append(paths, p)
	}
	sort.Strings(paths)
	var out []string
	for _, g := range s.getters {
		if g.constant != nil || g.optional {
			continue
		}
		var missing []string
		if g.join {
			for k, n := range g.names {
				if !seen[g.id][k] {
					missing = append(missing, n)
				}
			}
		} else if !slices.Contains(seen[g.id], true) {
			missing = g.names
		}
		line := 0
		if g.node != nil {
			line = g.node.Line
		}
		for _, n := range missing {
			if near := nearPath(n, paths); near != "" {
				out = append(out, fmt.Sprintf("%s (%s line %d): no record of the %d read has the path %q, so the value is empty in every row; the records have %q: check the spelling (or add optional: true)",
					g.what, s.cfgName, line, rows, n, near))
			} else if !g.sparse || rows >= sparsePathRows {
				out = append(out, fmt.Sprintf("%s (%s line %d): no record of the %d read has the path %q, so the value is empty in every row: check the path (or add optional: true)",
					g.what, s.cfgName, line, rows, n))
			}
		}
	}
	return out
}

// sparsePathRows is how many records must lack an attribute's or a
// relationship's path, with no near miss among the paths they have, before
// it is warned about: in a small file nobody may have a preferred name.
const sparsePathRows = 1000

var defaultFormats = defaultDates()

var excelFormat = &dateFormat{name: "excel", excel: true, dayIdx: -1, monIdx: -1}

func defaultDates() []*dateFormat {
	var out []*dateFormat
	for _, s := range []string{"YYYY-MM-DD", "DD/MM/YYYY", "DD-MM-YYYY", "DD.MM.YYYY", "YYYYMMDD", "DD MON YYYY", "DD-MON-YYYY", "DD MONTH YYYY", "DD/MM/YY", "DD-MON-YY"} {
		f, err := parseDateFormat(s)
		if err != nil {
			panic(err)
		}
		out = append(out, f)
	}
	return out
}

func (f *dateFormat) yearFirst() bool {
	for _, t := range f.tokens {
		switch t.kind {
		case "YYYY", "YY":
			return true
		case "DD", "MM":
			return false
		}
	}
	return false
}

func (f *dateFormat) swapped() *dateFormat {
	g := *f
	g.tokens = append([]dateToken(nil), f.tokens...)
	g.tokens[f.dayIdx], g.tokens[f.monIdx] = dateToken{kind: "MM"}, dateToken{kind: "DD"}
	g.dayIdx, g.monIdx = f.monIdx, f.dayIdx
	return &g
}

// collapse trims s and turns runs of white space into one space.
func collapse(s string) string {
	clean := true
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c == '\t' || c == '\n' || c == '\r' || c == 0xC2 || c == ' ' && (i == 0 || i+1 == len(s) || s[i+1] == ' ') {
			clean = false
			break
		}
	}
	if clean {
		return s
	}
	return strings.Join(strings.Fields(s), " ")
}

// chiFromNumberCell restores the leading 0 a workbook dropped from a Scottish
// CHI number (DDMMYY and four digits, Modulus 11 like an NHS number) stored as
// a number: nine digits that read as a day 01–09 and a month 01–12 with the 0
// put back, and whose check digit is then right. Other nine-digit values stay
// invalid: an NHS number of England and Wales never starts with 0.
func chiFromNumberCell(v string) (string, bool) {
	if len(v) != 9 || !allDigits(v) || v[0] == '0' {
		return "", false
	}
	if mm := (v[1]-'0')*10 + v[2] - '0'; mm < 1 || mm > 12 {
		return "", false
	}
	return ukid.NHSNumber("0" + v)
}
