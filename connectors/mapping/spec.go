// Package mapping turns raw rows into canonical records as a source's
// golden.yaml entry says: which column (or path, or fixed-width field) feeds
// which field, with parsers for dates, money, case, value maps, names and
// one-line addresses; then validates and standardises identifiers at intake.
// A row that cannot be mapped is returned with its reason for quarantine.
package mapping

import (
	"fmt"
	"path/filepath"
	"sort"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/council/golden/config"
	"github.com/council/golden/connectors/raw"
	"github.com/council/golden/record"
)

// Pseudo-fields that split into standard fields.
const (
	FullName = "full_name"
	Address  = "address"
)

// Spec is a source's compiled mapping.
type Spec struct {
	Source   string
	Kind     record.Kind
	Delta    bool
	id       *fieldSpec
	fields   []*fieldSpec // standard fields, in field order
	name     *fieldSpec   // full_name, or nil
	addr     *fieldSpec   // address, or nil
	attrs    []*fieldSpec // sorted by name
	flags    []flagSpec
	rels     []RelSpec
	delete   *flagSpec
	obs      *fieldSpec
	getters  []*getter // every getter, for per-header resolution
	explicit [record.NumFields]bool
	cfgName  string // the project file's name, for messages that cite its lines
}

// RelSpec is a relationship the source states on each row.
type RelSpec struct {
	Type       record.RelType
	Other      string // the other record's source
	ThisIsFrom bool   // true: this record → other (to_column); false: other → this (from_column)
	get        *getter
}

// Rels returns the relationship specs, in order; Out.Rels has one id per spec.
func (s *Spec) Rels() []RelSpec { return s.rels }

// Fields returns the standard fields this mapping can fill, in field order.
func (s *Spec) Fields() []record.Field {
	var out []record.Field
	for f := record.Field(0); f < record.NumFields; f++ {
		if s.fills(f) {
			out = append(out, f)
		}
	}
	return out
}

func (s *Spec) fills(f record.Field) bool {
	if s.explicit[f] {
		return true
	}
	if s.name != nil {
		switch f {
		case record.Title, record.GivenName, record.MiddleNames, record.FamilyName:
			return true
		}
	}
	if s.addr != nil {
		switch f {
		case record.SubBuilding, record.BuildingName, record.BuildingNumber, record.Street, record.Locality, record.Town, record.Postcode, record.AddressText:
			return true
		}
	}
	return false
}

// getter reads one value from a row: a column (or the first of several
// alternatives that the header has), several columns joined, or a constant.
type getter struct {
	id       int
	names    []string // alternatives (column) or parts (columns)
	join     bool     // names are parts to join
	sep      string
	constant *string
	optional bool
	// sparse: an attribute or a relationship, which most records may lack
	// (a preferred name, a carer): only a near miss of a path is warned
	// about, or a path no record of many has (see Spec.missingPaths).
	sparse bool
	node   *yaml.Node
	what   string
}

type fieldSpec struct {
	name     string
	field    record.Field // for standard fields
	get      *getter
	dates    []*dateFormat
	money    bool
	caseMode string
	trim     string
	valueMap map[string]string
	deflt    string
	order    string // full_name: given_first | family_first
	required bool
	node     *yaml.Node
}

type flagSpec struct {
	get    *getter
	values map[string]bool
	flag   string
}

// fieldYAML is a field's long form in golden.yaml.
type fieldYAML struct {
	Column   yaml.Node         `yaml:"column"`
	Path     yaml.Node         `yaml:"path"`
	Columns  []string          `yaml:"columns"`
	Join     *string           `yaml:"join"`
	Sep      *string           `yaml:"sep"`
	Const    *string           `yaml:"const"`
	Date     yaml.Node         `yaml:"date"`
	Money    bool              `yaml:"money"`
	Case     string            `yaml:"case"`
	Trim     string            `yaml:"trim"`
	Map      map[string]string `yaml:"map"`
	Default  string            `yaml:"default"`
	Order    string            `yaml:"order"`
	Required bool              `yaml:"required"`
	Optional bool              `yaml:"optional"`
}

type flagYAML struct {
	Column yaml.Node `yaml:"column"`
	Path   yaml.Node `yaml:"path"`
	Values []string  `yaml:"values"`
	Flag   string    `yaml:"flag"`
}

type relYAML struct {
	Type       string `yaml:"type"`
	FromColumn string `yaml:"from_column"`
	FromSource string `yaml:"from_source"`
	ToColumn   string `yaml:"to_column"`
	ToSource   string `yaml:"to_source"`
}

// sourceKeys are the keys a source entry may have; the connector's format
// section is checked by the connector.
var sourceKeys = []string{"name", "kind", "connector", "path", "connection", "mode", "trust", "format",
	"id", "delete_flag", "observed", "fields", "attributes", "flags", "relationships", "allow_empty"}

// Parse compiles the mapping of src. preset, if not empty, is a connector's
// built-in mapping (YAML with id, fields, attributes, observed) that the
// source's own keys override.
func Parse(cfg *config.Config, src *config.Source, preset string) (*Spec, error) {
	file := cfg.File
	n := &src.Node
	for i := 0; i+1 < len(n.Content); i += 2 {
		k := n.Content[i]
		if !contains(sourceKeys, k.Value) {
			return nil, config.Errorf(file, k, "source %s: unknown key %q (want one of %s)", src.Name, k.Value, strings.Join(sourceKeys, ", "))
		}
	}
	var pre *yaml.Node
	if preset != "" {
		var doc yaml.Node
		if err := yaml.Unmarshal([]byte(preset), &doc); err != nil {
			return nil, fmt.Errorf("source %s: connector %s: built-in mapping: %w", src.Name, src.Connector, err)
		}
		pre = doc.Content[0]
	}
	pick := func(key string) *yaml.Node {
		if v := raw.Node(n, key); v != nil {
			return v
		}
		return raw.Node(pre, key)
	}
	s := &Spec{Source: src.Name, Kind: src.Kind, Delta: src.Mode == "delta", cfgName: "golden.yaml"}
	if file != "" {
		s.cfgName = filepath.Base(file)
	}
	p := &parser{file: file, src: src.Name, s: s}

	idNode := pick("id")
	if idNode == nil {
		return nil, config.Errorf(file, n, "source %s: no id: name the column that holds the source system's record id (id: COLUMN)", src.Name)
	}
	if err := p.id(idNode); err != nil {
		return nil, err
	}
	fields := mergeMaps(raw.Node(pre, "fields"), raw.Node(n, "fields"))
	if fields == nil || len(fields.Content) == 0 {
		return nil, config.Errorf(file, n, "source %s: no fields: map at least one canonical field", src.Name)
	}
	if fields.Kind != yaml.MappingNode {
		return nil, config.Errorf(file, fields, "source %s: fields: want a mapping of field: column", src.Name)
	}
	for i := 0; i+1 < len(fields.Content); i += 2 {
		k, v := fields.Content[i], fields.Content[i+1]
		fs, err := p.field(k.Value, v)
		if err != nil {
			return nil, err
		}
		switch k.Value {
		case FullName:
			s.name = fs
			continue
		case Address:
			s.addr = fs
			continue
		}
		f, ok := record.ParseField(k.Value)
		if !ok {
			return nil, config.Errorf(file, k, "source %s: fields: unknown field %q (want one of %s, or full_name, address; put other columns under attributes:)", src.Name, k.Value, fieldList())
		}
		fs.field = f
		s.explicit[f] = true
		s.fields = append(s.fields, fs)
	}
	sort.Slice(s.fields, func(i, j int) bool { return s.fields[i].field < s.fields[j].field })
	if attrs := mergeMaps(raw.Node(pre, "attributes"), raw.Node(n, "attributes")); attrs != nil {
		if attrs.Kind != yaml.MappingNode {
			return nil, config.Errorf(file, attrs, "source %s: attributes: want a mapping of name: column", src.Name)
		}
		for i := 0; i+1 < len(attrs.Content); i += 2 {
			fs, err := p.field(attrs.Content[i].Value, attrs.Content[i+1])
			if err != nil {
				return nil, err
			}
			if fs.get != nil {
				fs.get.sparse = true
			}
			s.attrs = append(s.attrs, fs)
		}
		sort.Slice(s.attrs, func(i, j int) bool { return s.attrs[i].name < s.attrs[j].name })
	}
	if obs := pick("observed"); obs != nil {
		fs, err := p.field("observed", obs)
		if err != nil {
			return nil, err
		}
		if len(fs.dates) == 0 {
			fs.dates = defaultDates()
		}
		s.obs = fs
	}
	if fl := pick("flags"); fl != nil {
		if fl.Kind != yaml.SequenceNode {
			return nil, config.Errorf(file, fl, "source %s: flags: want a list of {column, values, flag}", src.Name)
		}
		for _, item := range fl.Content {
			f, err := p.flag(item, "flags", true)
			if err != nil {
				return nil, err
			}
			s.flags = append(s.flags, f)
		}
	}
	if del := raw.Node(n, "delete_flag"); del != nil {
		f, err := p.flag(del, "delete_flag", false)
		if err != nil {
			return nil, err
		}
		s.delete = &f
	}
	if rels := raw.Node(n, "relationships"); rels != nil {
		if rels.Kind != yaml.SequenceNode {
			return nil, config.Errorf(file, rels, "source %s: relationships: want a list", src.Name)
		}
		for _, item := range rels.Content {
			r, err := p.rel(item)
			if err != nil {
				return nil, err
			}
			s.rels = append(s.rels, r)
		}
	}
	return s, nil
}

func fieldList() string {
	var names []string
	for _, f := range record.AllFields() {
		names = append(names, f.Name())
	}
	return strings.Join(names, ", ")
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// mergeMaps returns b's keys over a's (either may be nil).
func mergeMaps(a, b *yaml.Node) *yaml.Node {
	if a == nil {
		return b
	}
	if b == nil || b.Kind != yaml.MappingNode {
		if b != nil {
			return b
		}
		return a
	}
	out := &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map", Line: b.Line, Column: b.Column}
	out.Content = append(out.Content, b.Content...)
	for i := 0; i+1 < len(a.Content); i += 2 {
		if raw.Node(b, a.Content[i].Value) == nil {
			out.Content = append(out.Content, a.Content[i], a.Content[i+1])
		}
	}
	return out
}

type parser struct {
	file string
	src  string
	s    *Spec
}

func (p *parser) errorf(n *yaml.Node, format string, args ...any) error {
	return config.Errorf(p.file, n, "source %s: "+format, append([]any{p.src}, args...)...)
}

func (p *parser) newGetter(g *getter) *getter {
	g.id = len(p.s.getters)
	p.s.getters = append(p.s.getters, g)
	return g
}

func (p *parser) id(n *yaml.Node) error {
	switch n.Kind {
	case yaml.ScalarNode:
		p.s.id = &fieldSpec{name: "id", node: n, get: p.newGetter(&getter{names: []string{n.Value}, node: n, what: "id"})}
		return nil
	case yaml.MappingNode:
		fs, err := p.field("id", n)
		if err != nil {
			return err
		}
		if fs.get.join && fs.get.sep == " " && raw.Node(n, "sep") == nil && raw.Node(n, "join") == nil {
			fs.get.sep = "-"
		}
		p.s.id = fs
		return nil
	}
	return p.errorf(n, "id: want a column name or {columns: [A, B], sep: \"-\"}")
}

// field compiles one field's mapping: a column name, or the long form.
func (p *parser) field(name string, n *yaml.Node) (*fieldSpec, error) {
	fs := &fieldSpec{name: name, node: n}
	what := name
	if n.Kind == yaml.ScalarNode {
		if n.Value == "" {
			return nil, p.errorf(n, "%s: empty column name", what)
		}
		fs.get = p.newGetter(&getter{names: []string{n.Value}, node: n, what: what})
		return fs, nil
	}
	if n.Kind != yaml.MappingNode {
		return nil, p.errorf(n, "%s: want a column name or a mapping such as {column: NAME}", what)
	}
	var y fieldYAML
	if err := raw.DecodeStrict(p.file, "source "+p.src+": "+what, n, &y); err != nil {
		return nil, err
	}
	g := &getter{node: n, what: what, sep: " ", optional: y.Optional}
	col := y.Column
	if col.Kind == 0 {
		col = y.Path
	}
	sources := 0
	if col.Kind != 0 {
		sources++
		switch col.Kind {
		case yaml.ScalarNode:
			g.names = []string{col.Value}
		case yaml.SequenceNode:
			for _, c := range col.Content {
				g.names = append(g.names, c.Value)
			}
		default:
			return nil, p.errorf(&col, "%s: column: want a name or a list of alternative names", what)
		}
	}
	if len(y.Columns) > 0 {
		sources++
		g.names = y.Columns
		g.join = true
	}
	if y.Const != nil {
		sources++
		g.constant = y.Const
	}
	if sources != 1 {
		return nil, p.errorf(n, "%s: give exactly one of column, path, columns or const", what)
	}
	if y.Join != nil {
		g.sep = *y.Join
	}
	if y.Sep != nil {
		g.sep = *y.Sep
	}
	fs.get = p.newGetter(g)
	if y.Date.Kind != 0 {
		var list []string
		switch y.Date.Kind {
		case yaml.ScalarNode:
			list = []string{y.Date.Value}
		case yaml.SequenceNode:
			for _, c := range y.Date.Content {
				list = append(list, c.Value)
			}
		}
		if len(list) == 0 {
			return nil, p.errorf(&y.Date, "%s: date: want a format or a list of formats", what)
		}
		for _, d := range list {
			df, err := parseDateFormat(d)
			if err != nil {
				return nil, p.errorf(&y.Date, "%s: %v", what, err)
			}
			fs.dates = append(fs.dates, df)
		}
	}
	fs.money = y.Money
	switch y.Case {
	case "", "upper", "lower", "title", "keep":
		fs.caseMode = y.Case
	default:
		return nil, p.errorf(raw.Node(n, "case"), "%s: case %q (want upper, lower, title or keep)", what, y.Case)
	}
	fs.trim = y.Trim
	if len(y.Map) > 0 {
		fs.valueMap = map[string]string{}
		for k, v := range y.Map {
			fs.valueMap[strings.ToLower(strings.TrimSpace(k))] = v
		}
	}
	fs.deflt = y.Default
	switch y.Order {
	case "", "given_first", "family_first":
		fs.order = y.Order
	default:
		return nil, p.errorf(raw.Node(n, "order"), "%s: order %q (want given_first or family_first)", what, y.Order)
	}
	fs.required = y.Required
	return fs, nil
}

func (p *parser) flag(n *yaml.Node, what string, needFlag bool) (flagSpec, error) {
	var y flagYAML
	if err := raw.DecodeStrict(p.file, "source "+p.src+": "+what, n, &y); err != nil {
		return flagSpec{}, err
	}
	col := y.Column
	if col.Kind == 0 {
		col = y.Path
	}
	if col.Kind != yaml.ScalarNode || col.Value == "" {
		return flagSpec{}, p.errorf(n, "%s: want {column: NAME, values: [...]}", what)
	}
	if needFlag && y.Flag == "" {
		return flagSpec{}, p.errorf(n, "%s: name the flag (flag: safeguarding)", what)
	}
	if !needFlag && len(y.Values) == 0 {
		return flagSpec{}, p.errorf(n, "%s: list the values that mean delete (values: [D])", what)
	}
	f := flagSpec{get: p.newGetter(&getter{names: []string{col.Value}, node: &col, what: what}), flag: y.Flag}
	if len(y.Values) > 0 {
		f.values = map[string]bool{}
		for _, v := range y.Values {
			f.values[strings.ToLower(strings.TrimSpace(v))] = true
		}
	}
	return f, nil
}

func (p *parser) rel(n *yaml.Node) (RelSpec, error) {
	var y relYAML
	if err := raw.DecodeStrict(p.file, "source "+p.src+": relationships", n, &y); err != nil {
		return RelSpec{}, err
	}
	if y.Type == "" {
		return RelSpec{}, p.errorf(n, "relationships: no type (parent_of, lives_at, …)")
	}
	r := RelSpec{Type: record.RelType(y.Type)}
	switch {
	case y.FromColumn != "" && y.ToColumn == "":
		r.Other = y.FromSource
		r.get = p.newGetter(&getter{names: []string{y.FromColumn}, node: n, what: "relationships", sparse: true})
	case y.ToColumn != "" && y.FromColumn == "":
		r.Other = y.ToSource
		r.ThisIsFrom = true
		r.get = p.newGetter(&getter{names: []string{y.ToColumn}, node: n, what: "relationships", sparse: true})
	default:
		return RelSpec{}, p.errorf(n, "relationships: give one of from_column or to_column")
	}
	if r.Other == "" {
		r.Other = p.src
	}
	return r, nil
}
