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
	"os"
	"path/filepath"
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

// rec is one parsed record: its values in its layout's order, where it
// came from. The whole gazetteer is held until its end (changes apply in
// order), so a record is a slice, not a map: a map per record made a
// 144 MB file of 500,000 properties take 3.7 GB.
type rec struct {
	idx    map[string]int // field name → position in vals, one per layout
	vals   []string
	change string
	file   string
	line   int64
	raw    string
}

// f returns the value of field name ("" if the layout has none).
func (r *rec) f(name string) string {
	if i, ok := r.idx[name]; ok {
		return r.vals[i]
	}
	return ""
}

func (r *rec) get(names ...string) string {
	for _, n := range names {
		if v := r.f(n); v != "" {
			return v
		}
	}
	return ""
}

// state is the gazetteer as the records so far describe it.
type state struct {
	streets     map[string]*rec   // USRN → street (11)
	descriptors map[string][]*rec // USRN → descriptors (15), one per language
	blpus       map[string]*rec   // UPRN → BLPU (21)
	lpis        map[string]*rec   // LPI_KEY → LPI (24)
	lpiByUPRN   map[string][]string
	dps         map[string]*rec // UPRN → delivery point (28)
	classes     map[string]*rec // UPRN → classification (32)
	order       []string        // UPRNs (or USRNs) in order of first appearance
	seen        map[string]bool
}

// Read implements raw.Reader.
func (r *Reader) Read(ctx context.Context, emit raw.Emit) error {
	s := &state{streets: map[string]*rec{}, descriptors: map[string][]*rec{}, blpus: map[string]*rec{}, lpis: map[string]*rec{},
		lpiByUPRN: map[string][]string{}, dps: map[string]*rec{}, classes: map[string]*rec{}, seen: map[string]bool{}}
	for _, path := range r.Files {
		if err := r.readFile(ctx, path, s, emit); err != nil {
			return err
		}
	}
	if r.Streets {
		return r.emitStreets(s, emit)
	}
	return r.emitProperties(s, emit)
}

func (r *Reader) readFile(ctx context.Context, path string, s *state, emit raw.Emit) error {
	name := filepath.Base(path)
	tf, err := raw.OpenText(path, r.Encoding)
	if err != nil {
		return &raw.FileError{File: path, Err: err}
	}
	defer tf.Close()
	lines := raw.NewLines(bufio.NewReader(tf), 1<<20)
	fits, misfits := map[string]int{}, map[string]int{}
	indexes := map[*layout]map[string]int{}
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
		fields, err := gcsv.SplitLine(text, ',', '"')
		if err != nil {
			if err := bad(err.Error()); err != nil {
				return err
			}
			continue
		}
		typ := strings.TrimSpace(fields[0])
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
			if len(r.Layouts[typ][i].fields) == len(fields) {
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
			if err := bad(fmt.Sprintf("record type %s has %d fields; the layouts have %s", typ, len(fields), strings.Join(want, " or "))); err != nil {
				return err
			}
			continue
		}
		fits[typ]++
		idx := indexes[lay]
		if idx == nil {
			idx = make(map[string]int, len(lay.fields))
			for i, f := range lay.fields {
				idx[f] = i
			}
			indexes[lay] = idx
		}
		rc := &rec{idx: idx, vals: make([]string, len(lay.fields)), file: name, line: lines.Line, raw: text}
		for i := range lay.fields {
			rc.vals[i] = strings.TrimSpace(fields[i])
		}
		rc.change = strings.ToUpper(rc.f("CHANGE_TYPE"))
		if rc.change != "I" && rc.change != "U" && rc.change != "D" {
			if err := bad("change type is not I, U or D"); err != nil {
				return err
			}
			continue
		}
		if err := r.apply(s, typ, rc, emit); err != nil {
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

// apply applies one record to the state in file order.
func (r *Reader) apply(s *state, typ string, rc *rec, emit raw.Emit) error {
	key := func(k string) (string, error) {
		v := rc.f(k)
		if v == "" {
			return "", emit(&raw.Row{File: rc.file, Line: rc.line, Raw: rc.raw, Err: &raw.RowError{Field: k, Reason: "empty key"}})
		}
		return v, nil
	}
	note := func(id string) {
		if !s.seen[id] {
			s.seen[id] = true
			s.order = append(s.order, id)
		}
	}
	switch typ {
	case "11":
		usrn, err := key("USRN")
		if usrn == "" {
			return err
		}
		s.streets[usrn] = rc // a delete is kept as the last state, marked D
		if r.Streets {
			note(usrn)
		}
	case "15":
		usrn, err := key("USRN")
		if usrn == "" {
			return err
		}
		lang := rc.f("LANGUAGE")
		list := s.descriptors[usrn]
		kept := list[:0]
		for _, d := range list {
			if d.f("LANGUAGE") != lang {
				kept = append(kept, d)
			}
		}
		if rc.change != "D" {
			kept = append(kept, rc)
		}
		s.descriptors[usrn] = kept
		if r.Streets {
			note(usrn)
		}
	case "21":
		uprn, err := key("UPRN")
		if uprn == "" {
			return err
		}
		s.blpus[uprn] = rc
		if !r.Streets {
			note(uprn)
		}
	case "24":
		k, err := key("LPI_KEY")
		if k == "" {
			return err
		}
		uprn := rc.f("UPRN")
		if rc.change == "D" {
			delete(s.lpis, k)
		} else {
			if _, ok := s.lpis[k]; !ok {
				s.lpiByUPRN[uprn] = append(s.lpiByUPRN[uprn], k)
			}
			s.lpis[k] = rc
		}
		if !r.Streets && uprn != "" {
			note(uprn)
		}
	case "28":
		uprn, err := key("UPRN")
		if uprn == "" {
			return err
		}
		if rc.change == "D" {
			delete(s.dps, uprn)
		} else {
			s.dps[uprn] = rc
		}
	case "32":
		uprn, err := key("UPRN")
		if uprn == "" {
			return err
		}
		if rc.change == "D" {
			delete(s.classes, uprn)
		} else {
			s.classes[uprn] = rc
		}
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
		if d.f("LANGUAGE") == "ENG" || d.f("LANGUAGE") == "" {
			return d
		}
		any = d
	}
	return any
}

// preferredLPI picks a property's LPI: approved (logical status 1) first,
// then English, then the official one, then the first seen.
func (s *state) preferredLPI(uprn string) *rec {
	var best *rec
	score := -1
	for _, k := range s.lpiByUPRN[uprn] {
		l := s.lpis[k]
		if l == nil {
			continue
		}
		sc := 0
		if l.f("LOGICAL_STATUS") == "1" {
			sc += 4
		}
		if l.f("LANGUAGE") == "ENG" {
			sc += 2
		}
		if l.f("OFFICIAL_FLAG") == "Y" {
			sc++
		}
		if sc > score {
			best, score = l, sc
		}
	}
	return best
}

func numberRange(startN, startS, endN, endS string) string {
	s := startN + startS
	if e := endN + endS; e != "" {
		s += "-" + e
	}
	return s
}

func (r *Reader) emitProperties(s *state, emit raw.Emit) error {
	for _, uprn := range s.order {
		b := s.blpus[uprn]
		l := s.preferredLPI(uprn)
		dp := s.dps[uprn]
		cl := s.classes[uprn]
		if b == nil && l == nil {
			continue
		}
		var first *rec = b
		if first == nil {
			first = l
		}
		row := &raw.Row{File: first.file, Line: first.line, Header: propertyHeader}
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
			change = b.change
			row.Deleted = b.change == "D"
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
			if d := s.descriptor(l.f("USRN")); d != nil {
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
				change = l.change
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

func (r *Reader) emitStreets(s *state, emit raw.Emit) error {
	for _, usrn := range s.order {
		st := s.streets[usrn]
		d := s.descriptor(usrn)
		first := st
		if first == nil {
			first = d
		}
		if first == nil {
			continue
		}
		vals := make([]string, len(streetHeader.Names))
		set := func(name, v string) {
			i, _ := streetHeader.Index(name)
			vals[i] = v
		}
		row := &raw.Row{File: first.file, Line: first.line, Header: streetHeader}
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
			set("CHANGE_TYPE", st.change)
			row.Deleted = st.change == "D"
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
