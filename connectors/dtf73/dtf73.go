// Package dtf73 reads BS7666 gazetteer exports: GeoPlace DTF 7.3 (an LLPG's
// export) and AddressBase Premium's CSV, which share its record structure.
// Each line is a record whose first field is its type (11 street, 15 street
// descriptor, 21 BLPU, 24 LPI, 28 delivery point, 32 classification, …) and
// second its change type (I insert, U update, D delete). Records are applied
// in file order; at the end the reader yields one row per property (a BLPU
// joined with its preferred LPI, that LPI's street descriptor, and any
// delivery point and classification), or per street with records: streets.
package dtf73

import (
	"bufio"
	"context"
	"encoding/csv"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"

	gcsv "github.com/council/golden/connectors/csv"
	"github.com/council/golden/connectors/raw"
	"gopkg.in/yaml.v3"
)

type layout struct {
	schema string
	fields []string
}

// Format is the dtf73 connector's format section.
type Format struct {
	Records    string `yaml:"records"`     // properties (default) | streets
	LayoutFile string `yaml:"layout_file"` // a CSV of record_identifier, field order and field name, replacing the built-in layouts
	Encoding   string `yaml:"encoding"`
}

// Connector is the dtf73 connector.
type Connector struct{}

// Name implements raw.Connector.
func (Connector) Name() string { return "dtf73" }

// Summary implements raw.Connector.
func (Connector) Summary() string {
	return "BS7666 DTF 7.3 gazetteer (LLPG) and AddressBase Premium CSV: streets, BLPUs and LPIs joined into properties"
}

// NeedsFiles implements raw.NeedsFiles.
func (Connector) NeedsFiles() bool { return true }

// Preset implements raw.Presetter.
func (Connector) Preset(format *yaml.Node) string {
	if n := raw.Node(format, "records"); n != nil && n.Value == "streets" {
		return presetStreets
	}
	return presetProperties
}

const presetProperties = `
id: UPRN
fields:
  uprn: UPRN
  usrn: {column: USRN, optional: true}
  sub_building: SUB_BUILDING
  building_name: BUILDING_NAME
  building_number: BUILDING_NUMBER
  street: STREET
  locality: LOCALITY
  town: TOWN
  postcode: POSTCODE
  address_text: ADDRESS
  classification: CLASSIFICATION
  business_name: ORGANISATION
attributes:
  logical_status: LOGICAL_STATUS
  parent_uprn: PARENT_UPRN
  x: X
  y: Y
  lpi_key: LPI_KEY
  administrative_area: ADMINISTRATIVE_AREA
`

const presetStreets = `
id: USRN
fields:
  usrn: USRN
  street: STREET
  locality: LOCALITY
  town: TOWN
attributes:
  administrative_area: ADMINISTRATIVE_AREA
  record_type: RECORD_TYPE
  state: STATE
  street_classification: STREET_CLASSIFICATION
  start_x: START_X
  start_y: START_Y
  end_x: END_X
  end_y: END_Y
`

// Open implements raw.Connector.
func (Connector) Open(ctx context.Context, src *raw.Source) (raw.Reader, error) {
	var f Format
	if err := raw.DecodeStrict(src.Config.File, "source "+src.Name+": format", src.Format, &f); err != nil {
		return nil, err
	}
	switch f.Records {
	case "", "properties", "streets":
	default:
		return nil, src.Errorf(raw.Node(src.Format, "records"), "format: records %q (want properties or streets)", f.Records)
	}
	enc, err := raw.ParseEncoding(f.Encoding)
	if err != nil {
		return nil, src.Errorf(raw.Node(src.Format, "encoding"), "format: %v", err)
	}
	layouts := builtinLayouts
	if f.LayoutFile != "" {
		layouts, err = ReadLayouts(src.Config.Resolve(f.LayoutFile))
		if err != nil {
			return nil, src.Errorf(raw.Node(src.Format, "layout_file"), "format: layout_file: %v", err)
		}
	}
	return &Reader{Files: src.Files, Streets: f.Records == "streets", Layouts: layouts, Encoding: enc, Log: src.Logger(), Warn: src.Warn}, nil
}

// ReadLayouts reads record layouts from a CSV with a header naming
// record_identifier, the field's order (field_order or column_order) and its
// name (field or column), such as dtf73_fields_lambeth.csv.
func ReadLayouts(path string) (map[string][]layout, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	r := csv.NewReader(f)
	r.FieldsPerRecord = -1
	rows, err := r.ReadAll()
	if err != nil {
		return nil, err
	}
	if len(rows) < 2 {
		return nil, fmt.Errorf("%s has no layout rows", path)
	}
	col := map[string]int{}
	for i, h := range rows[0] {
		col[strings.ToLower(strings.TrimSpace(h))] = i
	}
	find := func(names ...string) (int, error) {
		for _, n := range names {
			if i, ok := col[n]; ok {
				return i, nil
			}
		}
		return 0, fmt.Errorf("%s: no %s column", path, strings.Join(names, " or "))
	}
	rid, err := find("record_identifier")
	if err != nil {
		return nil, err
	}
	ord, err := find("field_order", "column_order")
	if err != nil {
		return nil, err
	}
	name, err := find("field", "column")
	if err != nil {
		return nil, err
	}
	type entry struct {
		order int
		name  string
	}
	byType := map[string][]entry{}
	for i, row := range rows[1:] {
		if len(row) <= max(rid, ord, name) {
			return nil, fmt.Errorf("%s line %d: too few columns", path, i+2)
		}
		o, err := strconv.Atoi(strings.TrimSpace(row[ord]))
		if err != nil {
			return nil, fmt.Errorf("%s line %d: order is not a number", path, i+2)
		}
		t := strings.TrimSpace(row[rid])
		byType[t] = append(byType[t], entry{o, strings.TrimSpace(row[name])})
	}
	out := map[string][]layout{}
	for t, es := range byType {
		sort.Slice(es, func(i, j int) bool { return es[i].order < es[j].order })
		l := layout{schema: filepath.Base(path)}
		for _, e := range es {
			l.fields = append(l.fields, e.name)
		}
		out[t] = []layout{l}
	}
	return out, nil
}

// Reader reads gazetteer files.
type Reader struct {
	Files    []string
	Streets  bool
	Layouts  map[string][]layout
	Encoding string
	Log      interface{ Info(string, ...any) }
	Warn     raw.Warner
}

// rec is one record that the gazetteer's state holds: where its text is in
// the spool and what the state needs to know of it without reading it
// back. Changes apply in order and a property's records may come in any
// order (a file is usually sorted by record type), so every record is kept
// until the end; its text waits in the spool file, not in memory, and a
// rec is 32 bytes. Held as text, a 144 MB file of 495,000 properties took
// 1.4 GB (2.4 GB while ingested).
type rec struct {
	off    int64  // where the line is in the spool
	size   int32  // its length
	line   int32  // its line in its file
	file   uint16 // index in Reader.Files
	layout uint8  // index in state.layouts
	lang   uint8  // LANGUAGE of a descriptor or an LPI, index in state.langs
	change byte   // I, U or D
	rank   int8   // an LPI's preference (see lpiRank)
}

// property is what the state knows of one UPRN: its current records.
type property struct {
	uprn      string
	blpu      *rec
	lpis      []*rec // every LPI it had, in order of first appearance; deleted ones marked D
	dp, class *rec
	listed    bool // in state.order
}

// fields is a record's values, read back from the spool.
type fields struct {
	idx  map[string]int
	vals []string
	raw  string
}

// f returns the value of field name ("" if the layout has none).
func (r *fields) f(name string) string {
	if i, ok := r.idx[name]; ok && i < len(r.vals) {
		return r.vals[i]
	}
	return ""
}

func (r *fields) get(names ...string) string {
	for _, n := range names {
		if v := r.f(n); v != "" {
			return v
		}
	}
	return ""
}

// lpiRank is how much an LPI is preferred as its property's address:
// approved (logical status 1) first, then English, then official.
func lpiRank(l *fields) int8 {
	var r int8
	if l.f("LOGICAL_STATUS") == "1" {
		r += 4
	}
	if l.f("LANGUAGE") == "ENG" {
		r += 2
	}
	if l.f("OFFICIAL_FLAG") == "Y" {
		r++
	}
	return r
}

// spool holds the lines of the records kept, in a temporary file that is
// removed when the read ends.
type spool struct {
	f   *os.File
	w   *bufio.Writer
	off int64
	buf []byte
}

func newSpool() (*spool, error) {
	f, err := os.CreateTemp("", "golden-dtf73-*.spool")
	if err != nil {
		return nil, fmt.Errorf("gazetteer spool: %w", err)
	}
	return &spool{f: f, w: bufio.NewWriterSize(f, 1<<20)}, nil
}

func (s *spool) close() {
	s.f.Close()
	os.Remove(s.f.Name())
}

// put appends a line and returns where it is.
func (s *spool) put(text string) (off int64, size int32, err error) {
	off = s.off
	n, err := s.w.WriteString(text)
	s.off += int64(n)
	if err != nil {
		return 0, 0, fmt.Errorf("gazetteer spool: %w", err)
	}
	return off, int32(n), nil
}

// get reads a record's line back and splits it into its fields, named by
// idx.
func (s *spool) get(rc *rec, idx map[string]int) (*fields, error) {
	if s.w.Buffered() > 0 {
		if err := s.w.Flush(); err != nil {
			return nil, fmt.Errorf("gazetteer spool: %w", err)
		}
	}
	s.buf = slices.Grow(s.buf[:0], int(rc.size))[:rc.size]
	if _, err := s.f.ReadAt(s.buf, rc.off); err != nil {
		return nil, fmt.Errorf("gazetteer spool: %w", err)
	}
	text := string(s.buf)
	vals, err := gcsv.SplitLine(text, ',', '"')
	if err != nil {
		return nil, fmt.Errorf("gazetteer spool: %w", err) // it was split once already
	}
	for i := range vals {
		vals[i] = strings.TrimSpace(vals[i])
	}
	return &fields{idx: idx, vals: vals, raw: text}, nil
}

// state is the gazetteer as the records so far describe it. Its keys are
// copies, not substrings of the lines, which would keep the lines alive.
type state struct {
	spool       *spool
	layouts     []map[string]int // field name → position, per layout seen
	langs       []string         // LANGUAGE values seen
	props       map[string]*property
	order       []*property       // in order of first appearance
	lpis        map[string]*rec   // LPI_KEY → its current LPI (one of a property's lpis)
	streets     map[string]*rec   // USRN → street (11)
	descriptors map[string][]*rec // USRN → descriptors (15), one per language
	streetOrder []string          // USRNs in order of first appearance (records: streets)
	usrns       map[string]string // one copy of each USRN seen
}

// property returns the state of uprn, a new one if it has none. A property
// is yielded in the order its first BLPU or LPI came (listed says whether
// it has come yet): a delivery point or a classification does not place it.
func (s *state) property(uprn string, place bool) *property {
	p := s.props[uprn]
	if p == nil {
		p = &property{uprn: strings.Clone(uprn)}
		s.props[p.uprn] = p
	}
	if place && !p.listed {
		p.listed = true
		s.order = append(s.order, p)
	}
	return p
}

// lang returns the index of a LANGUAGE value.
func (s *state) lang(l string) uint8 {
	for i, v := range s.langs {
		if v == l {
			return uint8(i)
		}
	}
	if len(s.langs) == 255 {
		return 255 // not one language golden tells apart from the others
	}
	s.langs = append(s.langs, strings.Clone(l))
	return uint8(len(s.langs) - 1)
}

func (s *state) langOf(rc *rec) string {
	if int(rc.lang) < len(s.langs) {
		return s.langs[rc.lang]
	}
	return "?"
}

// Read implements raw.Reader.
func (r *Reader) Read(ctx context.Context, emit raw.Emit) error {
	if len(r.Files) > math.MaxUint16 {
		return fmt.Errorf("%d gazetteer files in one source: at most %d", len(r.Files), math.MaxUint16)
	}
	sp, err := newSpool()
	if err != nil {
		return err
	}
	defer sp.close()
	s := &state{spool: sp, props: map[string]*property{}, lpis: map[string]*rec{}, streets: map[string]*rec{},
		descriptors: map[string][]*rec{}, usrns: map[string]string{}}
	for i, path := range r.Files {
		if err := r.readFile(ctx, i, path, s, emit); err != nil {
			return err
		}
	}
	if r.Streets {
		return r.emitStreets(ctx, s, emit)
	}
	return r.emitProperties(ctx, s, emit)
}

func (r *Reader) readFile(ctx context.Context, fileNo int, path string, s *state, emit raw.Emit) error {
	name := filepath.Base(path)
	tf, err := raw.OpenText(path, r.Encoding)
	if err != nil {
		return &raw.FileError{File: path, Err: err}
	}
	defer tf.Close()
	lines := raw.NewLines(bufio.NewReader(tf), 1<<20)
	fits, misfits := map[string]int{}, map[string]int{}
	indexes := map[*layout]uint8{}
	skipped := map[string]int{}
	for {
		text, long, err := lines.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return &raw.FileError{File: path, Err: err}
		}
		if strings.TrimSpace(text) == "" {
			continue
		}
		if lines.Line%4096 == 0 && ctx.Err() != nil {
			return ctx.Err()
		}
		if lines.Line > math.MaxInt32 {
			return &raw.FileError{File: path, Err: fmt.Errorf("more than %d lines", math.MaxInt32)}
		}
		bad := func(reason string) error {
			return emit(&raw.Row{File: name, Line: lines.Line, Raw: text, Err: &raw.RowError{Reason: reason}})
		}
		if long {
			if err := bad("line longer than 1 MiB"); err != nil {
				return err
			}
			continue
		}
		if why := raw.CheckText(text, tf.Encoding); why != "" {
			if err := bad(why); err != nil {
				return err
			}
			continue
		}
		vals, err := gcsv.SplitLine(text, ',', '"')
		if err != nil {
			if err := bad(err.Error()); err != nil {
				return err
			}
			continue
		}
		typ := strings.TrimSpace(vals[0])
		switch typ {
		case "10", "99", "29", "98", "12", "13", "14", "16", "17", "22", "23", "25", "26", "27", "30", "31":
			skipped[typ]++
			continue
		case "11", "15", "21", "24", "28", "32":
		default:
			if err := bad("unknown record type"); err != nil {
				return err
			}
			continue
		}
		var lay *layout
		for i := range r.Layouts[typ] {
			if len(r.Layouts[typ][i].fields) == len(vals) {
				lay = &r.Layouts[typ][i]
				break
			}
		}
		if lay == nil {
			misfits[typ]++
			want := []string{}
			for _, l := range r.Layouts[typ] {
				want = append(want, fmt.Sprintf("%d (%s)", len(l.fields), l.schema))
			}
			if err := bad(fmt.Sprintf("record type %s has %d fields; the layouts have %s", typ, len(vals), strings.Join(want, " or "))); err != nil {
				return err
			}
			continue
		}
		fits[typ]++
		layNo, ok := indexes[lay]
		if !ok {
			idx := make(map[string]int, len(lay.fields))
			for i, f := range lay.fields {
				idx[f] = i
			}
			layNo = uint8(len(s.layouts))
			s.layouts = append(s.layouts, idx)
			indexes[lay] = layNo
		}
		idx := s.layouts[layNo]
		for i := range vals {
			vals[i] = strings.TrimSpace(vals[i])
		}
		fs := &fields{idx: idx, vals: vals, raw: text}
		change := strings.ToUpper(fs.f("CHANGE_TYPE"))
		if change != "I" && change != "U" && change != "D" {
			if err := bad("change type is not I, U or D"); err != nil {
				return err
			}
			continue
		}
		rc := &rec{file: uint16(fileNo), line: int32(lines.Line), layout: layNo, change: change[0]}
		if err := r.apply(s, typ, rc, fs, emit); err != nil {
			return err
		}
	}
	for typ, n := range misfits {
		if fits[typ] == 0 && n >= 20 {
			return &raw.FileError{File: path, Err: fmt.Errorf("the layout does not fit: none of %d records of type %s has a known field count", n, typ)}
		}
	}
	for typ, n := range skipped {
		r.Log.Info("skipped gazetteer records", "file", name, "record_type", typ, "count", n)
	}
	return nil
}

// apply applies one record (rc, its values fs) to the state in file order,
// and spools the record if the state keeps it.
func (r *Reader) apply(s *state, typ string, rc *rec, fs *fields, emit raw.Emit) error {
	key := func(k string) (string, error) {
		v := fs.f(k)
		if v == "" {
			return "", emit(&raw.Row{File: filepath.Base(r.Files[rc.file]), Line: int64(rc.line), Raw: fs.raw, Err: &raw.RowError{Field: k, Reason: "empty key"}})
		}
		return v, nil
	}
	keep := func() error {
		var err error
		rc.off, rc.size, err = s.spool.put(fs.raw)
		return err
	}
	switch typ {
	case "11", "15":
		usrn, err := key("USRN")
		if usrn == "" {
			return err
		}
		// One copy of each USRN is the key everywhere: assigning to a map
		// with a substring of the line as key would keep the line.
		if k, ok := s.usrns[usrn]; ok {
			usrn = k
		} else {
			usrn = strings.Clone(usrn)
			s.usrns[usrn] = usrn
			if r.Streets {
				s.streetOrder = append(s.streetOrder, usrn)
			}
		}
		if typ == "11" {
			if err := keep(); err != nil {
				return err
			}
			s.streets[usrn] = rc // a delete is kept as the last state, marked D
			return nil
		}
		rc.lang = s.lang(fs.f("LANGUAGE"))
		list := s.descriptors[usrn]
		kept := list[:0]
		for _, d := range list {
			if d.lang != rc.lang {
				kept = append(kept, d)
			}
		}
		if rc.change != 'D' {
			if err := keep(); err != nil {
				return err
			}
			kept = append(kept, rc)
		}
		s.descriptors[usrn] = kept
	case "21", "28", "32":
		uprn, err := key("UPRN")
		if uprn == "" {
			return err
		}
		if r.Streets {
			return nil
		}
		p := s.property(uprn, typ == "21")
		var slot **rec
		switch typ {
		case "21":
			slot = &p.blpu
		case "28":
			slot = &p.dp
		case "32":
			slot = &p.class
		}
		if rc.change == 'D' && typ != "21" {
			*slot = nil // a BLPU deleted is kept as the last state, marked D
			return nil
		}
		if err := keep(); err != nil {
			return err
		}
		*slot = rc
	case "24":
		k, err := key("LPI_KEY")
		if k == "" {
			return err
		}
		if r.Streets {
			return nil
		}
		old := s.lpis[k]
		if rc.change == 'D' {
			if old != nil {
				old.change = 'D'
				delete(s.lpis, k)
			}
			if uprn := fs.f("UPRN"); uprn != "" {
				s.property(uprn, true)
			}
			return nil
		}
		if err := keep(); err != nil {
			return err
		}
		rc.lang, rc.rank = s.lang(fs.f("LANGUAGE")), lpiRank(fs)
		if old != nil {
			*old = *rc // the LPI's place among its property's is kept
			return nil
		}
		s.lpis[strings.Clone(k)] = rc
		uprn := fs.f("UPRN")
		if uprn == "" {
			// Kept by its key, but no property to put it in: as before,
			// an LPI without a UPRN yields nothing.
			return nil
		}
		p := s.property(uprn, true)
		p.lpis = append(p.lpis, rc)
	}
	return nil
}

var propertyHeader = raw.NewHeader([]string{"UPRN", "USRN", "PARENT_UPRN", "LOGICAL_STATUS", "CLASSIFICATION", "SUB_BUILDING", "BUILDING_NAME",
	"BUILDING_NUMBER", "STREET", "LOCALITY", "TOWN", "ADMINISTRATIVE_AREA", "POSTCODE", "ORGANISATION", "X", "Y", "LPI_KEY", "ADDRESS", "CHANGE_TYPE"})

var streetHeader = raw.NewHeader([]string{"USRN", "STREET", "LOCALITY", "TOWN", "ADMINISTRATIVE_AREA", "RECORD_TYPE", "STATE",
	"STREET_CLASSIFICATION", "START_X", "START_Y", "END_X", "END_Y", "CHANGE_TYPE"})

// descriptor returns the English descriptor of a street, else any.
func (s *state) descriptor(usrn string) *rec {
	var any *rec
	for _, d := range s.descriptors[usrn] {
		if l := s.langOf(d); l == "ENG" || l == "" {
			return d
		}
		any = d
	}
	return any
}

// preferredLPI picks a property's LPI: the best lpiRank, the first seen
// of equals.
func (p *property) preferredLPI() *rec {
	var best *rec
	for _, l := range p.lpis {
		if l.change != 'D' && (best == nil || l.rank > best.rank) {
			best = l
		}
	}
	return best
}

// read reads a record back from the spool; a nil rec gives nil.
func (s *state) read(rc *rec) (*fields, error) {
	if rc == nil {
		return nil, nil
	}
	return s.spool.get(rc, s.layouts[rc.layout])
}

func numberRange(startN, startS, endN, endS string) string {
	s := startN + startS
	if e := endN + endS; e != "" {
		s += "-" + e
	}
	return s
}

func (r *Reader) emitProperties(ctx context.Context, s *state, emit raw.Emit) error {
	for n, p := range s.order {
		if n%4096 == 0 && ctx.Err() != nil {
			return ctx.Err()
		}
		uprn := p.uprn
		bRec, lRec := p.blpu, p.preferredLPI()
		if bRec == nil && lRec == nil {
			continue
		}
		first := bRec
		if first == nil {
			first = lRec
		}
		var recs [4]*fields
		for i, rc := range []*rec{bRec, lRec, p.dp, p.class} {
			f, err := s.read(rc)
			if err != nil {
				return err
			}
			recs[i] = f
		}
		b, l, dp, cl := recs[0], recs[1], recs[2], recs[3]
		row := &raw.Row{File: filepath.Base(r.Files[first.file]), Line: int64(first.line), Header: propertyHeader}
		var rawParts []string
		vals := make([]string, len(propertyHeader.Names))
		set := func(name, v string) {
			i, _ := propertyHeader.Index(name)
			vals[i] = v
		}
		set("UPRN", uprn)
		change := ""
		if b != nil {
			rawParts = append(rawParts, b.raw)
			set("PARENT_UPRN", b.f("PARENT_UPRN"))
			set("LOGICAL_STATUS", b.f("LOGICAL_STATUS"))
			set("CLASSIFICATION", b.f("BLPU_CLASS"))
			set("ORGANISATION", b.f("ORGANISATION"))
			set("X", b.f("X_COORDINATE"))
			set("Y", b.f("Y_COORDINATE"))
			set("POSTCODE", b.f("POSTCODE_LOCATOR"))
			change = string(bRec.change)
			row.Deleted = bRec.change == 'D'
		}
		if cl != nil {
			set("CLASSIFICATION", cl.f("CLASSIFICATION_CODE"))
		}
		var sub, name, number, street, locality, town, admin string
		if l != nil {
			rawParts = append(rawParts, l.raw)
			set("USRN", l.f("USRN"))
			set("LPI_KEY", l.f("LPI_KEY"))
			sub = joinNonEmpty(" ", l.f("SAO_TEXT"), numberRange(l.f("SAO_START_NUMBER"), l.f("SAO_START_SUFFIX"), l.f("SAO_END_NUMBER"), l.f("SAO_END_SUFFIX")))
			name = l.f("PAO_TEXT")
			number = numberRange(l.f("PAO_START_NUMBER"), l.f("PAO_START_SUFFIX"), l.f("PAO_END_NUMBER"), l.f("PAO_END_SUFFIX"))
			d, err := s.read(s.descriptor(l.f("USRN")))
			if err != nil {
				return err
			}
			if d != nil {
				street = d.get("STREET_DESCRIPTOR", "STREET_DESCRIPTION")
				locality = d.f("LOCALITY_NAME")
				town = d.f("TOWN_NAME")
				admin = d.f("ADMINSTRATIVE_AREA")
			}
			if pt := l.f("POST_TOWN"); pt != "" {
				town = pt
			}
			if pc := l.f("POSTCODE"); pc != "" {
				set("POSTCODE", pc)
			}
			if change == "" {
				change = string(lRec.change)
			}
		}
		if dp != nil {
			rawParts = append(rawParts, dp.raw)
			if pc := dp.f("POSTCODE"); pc != "" {
				set("POSTCODE", pc)
			}
			if pt := dp.f("POST_TOWN"); pt != "" && town == "" {
				town = pt
			}
			if org := dp.f("ORGANISATION_NAME"); org != "" {
				set("ORGANISATION", org)
			}
		}
		set("SUB_BUILDING", sub)
		set("BUILDING_NAME", name)
		set("BUILDING_NUMBER", number)
		set("STREET", street)
		set("LOCALITY", locality)
		set("TOWN", town)
		set("ADMINISTRATIVE_AREA", admin)
		set("CHANGE_TYPE", change)
		pc, _ := propertyHeader.Index("POSTCODE")
		set("ADDRESS", joinNonEmpty(", ", sub, name, joinNonEmpty(" ", number, street), locality, town, vals[pc]))
		row.Values = vals
		row.Raw = strings.Join(rawParts, "\n")
		if err := emit(row); err != nil {
			return err
		}
	}
	return nil
}

func (r *Reader) emitStreets(ctx context.Context, s *state, emit raw.Emit) error {
	for n, usrn := range s.streetOrder {
		if n%4096 == 0 && ctx.Err() != nil {
			return ctx.Err()
		}
		stRec, dRec := s.streets[usrn], s.descriptor(usrn)
		first := stRec
		if first == nil {
			first = dRec
		}
		if first == nil {
			continue
		}
		st, err := s.read(stRec)
		if err != nil {
			return err
		}
		d, err := s.read(dRec)
		if err != nil {
			return err
		}
		vals := make([]string, len(streetHeader.Names))
		set := func(name, v string) {
			i, _ := streetHeader.Index(name)
			vals[i] = v
		}
		row := &raw.Row{File: filepath.Base(r.Files[first.file]), Line: int64(first.line), Header: streetHeader}
		var rawParts []string
		set("USRN", usrn)
		if st != nil {
			rawParts = append(rawParts, st.raw)
			set("RECORD_TYPE", st.f("RECORD_TYPE"))
			set("STATE", st.f("STATE"))
			set("STREET_CLASSIFICATION", st.f("STREET_CLASSIFICATION"))
			set("START_X", st.f("STREET_START_X"))
			set("START_Y", st.f("STREET_START_Y"))
			set("END_X", st.f("STREET_END_X"))
			set("END_Y", st.f("STREET_END_Y"))
			set("CHANGE_TYPE", string(stRec.change))
			row.Deleted = stRec.change == 'D'
		}
		if d != nil {
			rawParts = append(rawParts, d.raw)
			set("STREET", d.get("STREET_DESCRIPTOR", "STREET_DESCRIPTION"))
			set("LOCALITY", d.f("LOCALITY_NAME"))
			set("TOWN", d.f("TOWN_NAME"))
			set("ADMINISTRATIVE_AREA", d.f("ADMINSTRATIVE_AREA"))
		}
		row.Values = vals
		row.Raw = strings.Join(rawParts, "\n")
		if err := emit(row); err != nil {
			return err
		}
	}
	return nil
}

func joinNonEmpty(sep string, parts ...string) string {
	var out []string
	for _, p := range parts {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return strings.Join(out, sep)
}
