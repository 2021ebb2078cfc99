// Package policy is golden's governance engine: partners, internal roles,
// data-sharing agreements, and what each agreement lets leave the council —
// which entity kinds, which rows (a CEL condition over the golden record),
// which fields and how each is transformed, and which restricted flags.
//
// Everything not named is denied. The engine works on its own Record type
// and knows nothing of the store; package rules loads golden records into it.
package policy

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"
	"time"

	"gopkg.in/yaml.v3"

	"github.com/council/golden/rules/transform"
)

// Pos is a place in the policy file.
type Pos struct {
	Line   int `json:"line"`
	Column int `json:"column,omitempty"`
}

func posOf(n *yaml.Node) Pos {
	if n == nil {
		return Pos{}
	}
	return Pos{Line: n.Line, Column: n.Column}
}

// Policy is a parsed policy file.
type Policy struct {
	File     string
	Version  int
	Council  string
	Services map[string]string // source name → service name
	Flags    []FlagDef         // flags the council defines (the built-in ones are implied)
	Partners []*Partner        // external partners and internal roles
	// Agreements in file order.
	Agreements []*Agreement
	// Hash is the SHA-256 of the file's bytes (hex), recorded in manifests.
	Hash string

	servicePos map[string]Pos
}

// FlagDef is a restriction marker the council defines.
type FlagDef struct {
	Name        string
	Restricted  bool // a record carrying it is withheld unless an agreement names it
	Description string
	Pos         Pos
}

// BuiltinFlags returns the flags that are always restricted: a record
// carrying one never leaves unless an agreement names the flag.
func BuiltinFlags() []string {
	return []string{"safeguarding", "witness_protection", "national_data_opt_out"}
}

// Partner is an organisation outside the council, or an internal role
// (a team inside it) when Internal is set.
type Partner struct {
	ID       string
	Name     string
	Contact  string
	Internal bool
	Key      *KeyRef // where the pseudonymisation key is; nil if none
	Pos      Pos
}

// KeyRef says where a partner's key is kept: a file or an environment
// variable, never the policy itself.
type KeyRef struct {
	File string // relative to the policy file
	Env  string
	Pos  Pos
}

func (k *KeyRef) String() string {
	if k == nil {
		return "none"
	}
	if k.Env != "" {
		return "environment variable " + k.Env
	}
	return "file " + k.File
}

// Date is a calendar date from the policy; zero when absent.
type Date struct {
	time.Time
	Pos Pos
}

// Set reports whether the date was given.
func (d Date) Set() bool { return !d.Time.IsZero() }

func (d Date) String() string {
	if !d.Set() {
		return ""
	}
	return d.Format("2006-01-02")
}

// Agreement is one data-sharing agreement (or, for an internal role, one
// access rule) with one partner.
type Agreement struct {
	Reference  string
	Partner    string
	LegalBasis string
	Purposes   []string
	Start      Date
	End        Date
	Review     Date
	Flags      []Named // restricted flags this agreement explicitly allows
	Entities   []*EntityRule
	Pos        Pos
}

// Purpose is the agreement's purposes joined for display.
func (a *Agreement) Purpose() string { return strings.Join(a.Purposes, "; ") }

// Named is a name with where it was written.
type Named struct {
	Name string
	Pos  Pos
}

// EntityRule is what an agreement shares of one entity kind.
type EntityRule struct {
	Kind     string
	Where    string // CEL; empty means every row (subject to flags)
	WherePos Pos    // where the expression's text starts
	// whereBlock: the expression is a YAML block scalar, each of its lines
	// indented to WherePos.Column.
	whereBlock  bool
	whereFolded []int // folded block: the length of each source line of the expression
	Fields      []FieldRule
	Pos         Pos
}

// FieldRule names one field and its transform.
type FieldRule struct {
	Field     string
	Transform transform.Spec
	Pos       Pos
}

// Parse reads a policy file's text. A file that is not YAML gives a nil
// policy; every other problem is a diagnostic and parsing goes on, so one
// run reports them all.
func Parse(file string, b []byte) (*Policy, Diagnostics) {
	p := &Policy{File: file, Services: map[string]string{}, servicePos: map[string]Pos{}, Hash: sha256Hex(b)}
	var ds Diagnostics
	var root yaml.Node
	dec := yaml.NewDecoder(bytes.NewReader(b))
	if err := dec.Decode(&root); err != nil {
		line, msg := yamlMessage(err)
		if strings.Contains(msg, "did not find expected key") || strings.Contains(msg, "could not find expected ':'") {
			msg += ` on or just after this line: check the indentation, and quote a where: condition whole, e.g. where: '"adult-social-care" in services'`
		}
		return nil, Diagnostics{{File: file, Line: line, Severity: Error, Code: CodeYAML, Message: msg}}
	}
	if len(root.Content) == 0 || root.Content[0].Kind != yaml.MappingNode {
		return nil, Diagnostics{{File: file, Line: 1, Severity: Error, Code: CodeYAML, Message: "want a mapping at the top level (partners:, agreements:, …)"}}
	}
	w := &walker{file: file, ds: &ds, lines: strings.Split(string(b), "\n")}
	top := root.Content[0]
	w.keys(top, "", "version", "council", "services", "flags", "partners", "roles", "agreements")
	if n := get(top, "version"); n != nil {
		v, err := strconv.Atoi(n.Value)
		if err != nil || v != 1 {
			w.errorf(n, "", CodeBadValue, "version %q is not supported (want 1)", n.Value)
		}
		p.Version = v
	}
	p.Council = w.scalar(get(top, "council"), "", "council")
	if n := get(top, "services"); n != nil {
		if w.want(n, yaml.MappingNode, "", "services: want a mapping of source name to service name") {
			for i := 0; i+1 < len(n.Content); i += 2 {
				k, v := n.Content[i], n.Content[i+1]
				p.Services[k.Value] = w.scalar(v, "", "services."+k.Value)
				p.servicePos[k.Value] = posOf(k)
			}
		}
	}
	if n := get(top, "flags"); n != nil && w.want(n, yaml.SequenceNode, "", "flags: want a list of flags") {
		for _, f := range n.Content {
			p.Flags = append(p.Flags, w.flag(f))
		}
	}
	for _, sec := range []struct {
		key      string
		internal bool
	}{{"partners", false}, {"roles", true}} {
		n := get(top, sec.key)
		if n == nil || !w.want(n, yaml.SequenceNode, "", sec.key+": want a list") {
			continue
		}
		for _, pn := range n.Content {
			if pt := w.partner(pn, sec.internal); pt != nil {
				p.Partners = append(p.Partners, pt)
			}
		}
	}
	if n := get(top, "agreements"); n != nil && w.want(n, yaml.SequenceNode, "", "agreements: want a list") {
		for _, an := range n.Content {
			if a := w.agreement(an); a != nil {
				p.Agreements = append(p.Agreements, a)
			}
		}
	}
	return p, ds
}

// Partner returns the partner or role with id.
func (p *Policy) Partner(id string) *Partner {
	for _, pt := range p.Partners {
		if pt.ID == id {
			return pt
		}
	}
	return nil
}

// AgreementsOf returns the agreements with partner id, in file order.
func (p *Policy) AgreementsOf(id string) []*Agreement {
	var out []*Agreement
	for _, a := range p.Agreements {
		if a.Partner == id {
			out = append(out, a)
		}
	}
	return out
}

// Agreement returns the agreement with reference ref.
func (p *Policy) Agreement(ref string) *Agreement {
	for _, a := range p.Agreements {
		if a.Reference == ref {
			return a
		}
	}
	return nil
}

// walker turns YAML nodes into the model, collecting diagnostics.
type walker struct {
	file  string
	ds    *Diagnostics
	lines []string
}

func (w *walker) add(n *yaml.Node, sev Severity, scope, code, format string, args ...any) {
	pos := posOf(n)
	*w.ds = append(*w.ds, Diagnostic{File: w.file, Line: pos.Line, Column: pos.Column, Severity: sev, Code: code, Message: fmt.Sprintf(format, args...), Scope: scope})
}

func (w *walker) errorf(n *yaml.Node, scope, code, format string, args ...any) {
	w.add(n, Error, scope, code, format, args...)
}

func (w *walker) want(n *yaml.Node, kind yaml.Kind, scope, msg string) bool {
	if n.Kind != kind {
		w.errorf(n, scope, CodeBadValue, "%s", msg)
		return false
	}
	return true
}

// keys reports keys of mapping n outside allowed, suggesting the nearest.
func (w *walker) keys(n *yaml.Node, scope string, allowed ...string) {
	if n.Kind != yaml.MappingNode {
		return
	}
	seen := map[string]bool{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k := n.Content[i]
		if seen[k.Value] {
			w.errorf(k, scope, CodeDuplicate, "key %q appears twice", k.Value)
		}
		seen[k.Value] = true
		ok := false
		for _, a := range allowed {
			if a == k.Value {
				ok = true
			}
		}
		if !ok {
			w.errorf(k, scope, CodeUnknownKey, "unknown key %q%s (want one of %s)", k.Value, didYouMean(k.Value, allowed), strings.Join(allowed, ", "))
		}
	}
}

func (w *walker) scalar(n *yaml.Node, scope, what string) string {
	if n == nil {
		return ""
	}
	if n.Kind != yaml.ScalarNode {
		w.errorf(n, scope, CodeBadValue, "%s: want a single value", what)
		return ""
	}
	return n.Value
}

func (w *walker) list(n *yaml.Node, scope, what string) []Named {
	if n == nil {
		return nil
	}
	if n.Kind == yaml.ScalarNode {
		return []Named{{Name: n.Value, Pos: posOf(n)}}
	}
	if n.Kind != yaml.SequenceNode {
		w.errorf(n, scope, CodeBadValue, "%s: want a list", what)
		return nil
	}
	var out []Named
	for _, c := range n.Content {
		if v := w.scalar(c, scope, what); v != "" {
			out = append(out, Named{Name: v, Pos: posOf(c)})
		}
	}
	return out
}

func (w *walker) date(n *yaml.Node, scope, what string) Date {
	if n == nil {
		return Date{}
	}
	v := w.scalar(n, scope, what)
	t, err := time.Parse("2006-01-02", v)
	if err != nil {
		w.errorf(n, scope, CodeBadValue, "%s: %q is not a date (want YYYY-MM-DD)", what, v)
		return Date{Pos: posOf(n)}
	}
	return Date{Time: t, Pos: posOf(n)}
}

func (w *walker) flag(n *yaml.Node) FlagDef {
	if n.Kind == yaml.ScalarNode {
		return FlagDef{Name: NormaliseFlag(n.Value), Restricted: true, Pos: posOf(n)}
	}
	if !w.want(n, yaml.MappingNode, "", "flag: want a name or {name, restricted, description}") {
		return FlagDef{}
	}
	w.keys(n, "", "name", "restricted", "description")
	f := FlagDef{Name: NormaliseFlag(w.scalar(get(n, "name"), "", "flag name")), Restricted: true, Description: w.scalar(get(n, "description"), "", "description"), Pos: posOf(n)}
	if f.Name == "" {
		w.errorf(n, "", CodeMissing, "flag has no name")
	}
	if r := get(n, "restricted"); r != nil {
		switch r.Value {
		case "true", "yes":
		case "false", "no":
			f.Restricted = false
		default:
			w.errorf(r, "", CodeBadValue, "restricted: want true or false")
		}
	}
	return f
}

func (w *walker) partner(n *yaml.Node, internal bool) *Partner {
	what := "partner"
	if internal {
		what = "role"
	}
	if !w.want(n, yaml.MappingNode, "", what+": want a mapping with id, name, contact") {
		return nil
	}
	pt := &Partner{Internal: internal, Pos: posOf(n)}
	pt.ID = w.scalar(get(n, "id"), "", what+" id")
	scope := "partner:" + pt.ID
	w.keys(n, scope, "id", "name", "contact", "key")
	pt.Name = w.scalar(get(n, "name"), scope, what+" name")
	pt.Contact = w.scalar(get(n, "contact"), scope, "contact")
	if pt.ID == "" {
		w.errorf(n, scope, CodeMissing, "%s has no id", what)
	}
	if pt.Name == "" {
		w.add(n, Warning, scope, CodeMissing, "%s %s has no name", what, pt.ID)
	}
	if !internal && pt.Contact == "" {
		w.add(n, Warning, scope, CodeMissing, "partner %s has no contact (who answers for the data it receives?)", pt.ID)
	}
	if k := get(n, "key"); k != nil {
		if k.Kind == yaml.ScalarNode {
			// Never echo the value: it may be the key itself.
			w.errorf(k, scope, CodeKeyInPolicy, "%s %s: key material does not belong in the policy file; write key: {file: PATH} or key: {env: VARIABLE}", what, pt.ID)
		} else if w.want(k, yaml.MappingNode, scope, "key: want {file: PATH} or {env: VARIABLE}") {
			w.keys(k, scope, "file", "env")
			pt.Key = &KeyRef{File: w.scalar(get(k, "file"), scope, "key file"), Env: w.scalar(get(k, "env"), scope, "key env"), Pos: posOf(k)}
			switch {
			case (pt.Key.File == "") == (pt.Key.Env == ""):
				w.errorf(k, scope, CodeKeyMissing, "%s %s: key wants exactly one of file or env", what, pt.ID)
			case looksLikeKey(pt.Key.Env) || looksLikeKey(pt.Key.File):
				// Someone pasted the key where its location belongs: never echo it.
				w.errorf(k, scope, CodeKeyInPolicy, "%s %s: key: {file: …} or {env: …} must say where the key is kept, but this looks like key material (not repeated here): move it to a file or an environment variable", what, pt.ID)
				pt.Key = nil
			}
		}
	}
	return pt
}

func (w *walker) agreement(n *yaml.Node) *Agreement {
	if !w.want(n, yaml.MappingNode, "", "agreement: want a mapping with reference, partner, legal_basis, purposes, start, end, entities") {
		return nil
	}
	a := &Agreement{Pos: posOf(n)}
	a.Reference = w.scalar(get(n, "reference"), "", "reference")
	scope := "agreement:" + a.Reference
	w.keys(n, scope, "reference", "partner", "legal_basis", "purposes", "purpose", "start", "end", "review", "flags", "entities")
	if a.Reference == "" {
		w.errorf(n, scope, CodeMissing, "agreement has no reference")
	}
	a.Partner = w.scalar(get(n, "partner"), scope, "partner")
	if a.Partner == "" {
		w.errorf(n, scope, CodeMissing, "agreement %s names no partner", a.Reference)
	}
	a.LegalBasis = w.scalar(get(n, "legal_basis"), scope, "legal_basis")
	if a.LegalBasis == "" {
		w.errorf(n, scope, CodeMissing, "agreement %s has no legal_basis", a.Reference)
	}
	for _, key := range []string{"purposes", "purpose"} {
		for _, p := range w.list(get(n, key), scope, key) {
			a.Purposes = append(a.Purposes, p.Name)
		}
	}
	if len(a.Purposes) == 0 {
		w.errorf(n, scope, CodeMissing, "agreement %s has no purposes", a.Reference)
	}
	a.Start = w.date(get(n, "start"), scope, "start")
	a.End = w.date(get(n, "end"), scope, "end")
	a.Review = w.date(get(n, "review"), scope, "review")
	if get(n, "start") == nil {
		w.errorf(n, scope, CodeMissing, "agreement %s has no start date", a.Reference)
	}
	if get(n, "end") == nil {
		w.errorf(n, scope, CodeMissing, "agreement %s has no end date (every agreement must lapse)", a.Reference)
	}
	if a.Start.Set() && a.End.Set() && a.End.Before(a.Start.Time) {
		w.errorf(get(n, "end"), scope, CodeBadValue, "agreement %s ends (%s) before it starts (%s)", a.Reference, a.End, a.Start)
	}
	for _, f := range w.list(get(n, "flags"), scope, "flags") {
		f.Name = NormaliseFlag(f.Name)
		a.Flags = append(a.Flags, f)
	}
	en := get(n, "entities")
	if en == nil {
		w.errorf(n, scope, CodeMissing, "agreement %s shares no entities (add entities: {person: {fields: …}})", a.Reference)
	} else if w.want(en, yaml.MappingNode, scope, "entities: want a mapping of kind (person, property, business) to its rule") {
		for i := 0; i+1 < len(en.Content); i += 2 {
			if r := w.entity(en.Content[i], en.Content[i+1], scope); r != nil {
				a.Entities = append(a.Entities, r)
			}
		}
	}
	return a
}

func (w *walker) entity(kn, n *yaml.Node, scope string) *EntityRule {
	r := &EntityRule{Kind: kn.Value, Pos: posOf(kn)}
	if !w.want(n, yaml.MappingNode, scope, kn.Value+": want a mapping with where and fields") {
		return nil
	}
	w.keys(n, scope, "where", "fields")
	if wn := get(n, "where"); wn != nil {
		r.Where = w.scalar(wn, scope, "where")
		r.WherePos = posOf(wn)
		if wn.Style&(yaml.SingleQuotedStyle|yaml.DoubleQuotedStyle) != 0 {
			r.WherePos.Column++ // CEL columns count from inside the quotes
		}
		if wn.Style&(yaml.LiteralStyle|yaml.FoldedStyle) != 0 {
			r.WherePos.Line++ // a block scalar starts on the next line
			r.WherePos.Column = 1
			if l := r.WherePos.Line - 1; l < len(w.lines) {
				r.WherePos.Column = len(w.lines[l]) - len(strings.TrimLeft(w.lines[l], " ")) + 1
			}
			r.whereBlock = true
			if wn.Style&yaml.FoldedStyle != 0 {
				for l := r.WherePos.Line - 1; l < len(w.lines); l++ {
					t := strings.TrimSpace(w.lines[l])
					indent := len(w.lines[l]) - len(strings.TrimLeft(w.lines[l], " "))
					if t == "" || indent+1 < r.WherePos.Column {
						break // the block ends at a blank or less indented line
					}
					r.whereFolded = append(r.whereFolded, len(t))
				}
			}
		}
	}
	fn := get(n, "fields")
	if fn == nil {
		w.errorf(n, scope, CodeMissing, "%s, %s: no fields: nothing of it is shared (default deny); add fields:", strings.TrimPrefix(scope, "agreement:"), r.Kind)
		return r
	}
	switch fn.Kind {
	case yaml.SequenceNode:
		for _, c := range fn.Content {
			if c.Kind == yaml.MappingNode && len(c.Content) == 2 {
				r.Fields = append(r.Fields, w.field(c.Content[0], c.Content[1], scope))
				continue
			}
			name := w.scalar(c, scope, "field")
			r.Fields = append(r.Fields, FieldRule{Field: name, Transform: transform.Spec{Op: transform.Keep}, Pos: posOf(c)})
		}
	case yaml.MappingNode:
		for i := 0; i+1 < len(fn.Content); i += 2 {
			r.Fields = append(r.Fields, w.field(fn.Content[i], fn.Content[i+1], scope))
		}
	default:
		w.errorf(fn, scope, CodeBadValue, "fields: want a mapping of field to transform (given_name: keep) or a list of fields ([given_name, family_name] or one '- given_name' per line)")
	}
	return r
}

func (w *walker) field(kn, vn *yaml.Node, scope string) FieldRule {
	fr := FieldRule{Field: kn.Value, Pos: posOf(kn)}
	ops := make([]string, len(transform.Ops()))
	for i, o := range transform.Ops() {
		ops[i] = string(o)
	}
	switch vn.Kind {
	case yaml.ScalarNode:
		v := strings.ToLower(vn.Value)
		switch v {
		case "", "keep", "as-is", "true", "yes":
			fr.Transform = transform.Spec{Op: transform.Keep}
		case "drop", "false", "no":
			fr.Transform = transform.Spec{Op: transform.Drop}
		case "pseudonymise", "pseudonymize", "hash":
			fr.Transform = transform.Spec{Op: transform.Pseudonymise}
		case "mask", "generalise", "generalize":
			w.errorf(vn, scope, CodeTransform, "field %s: %s needs a setting, e.g. {mask: 4} or {generalise: year}", fr.Field, v)
			fr.Transform = transform.Spec{Op: transform.Drop}
		default:
			w.errorf(vn, scope, CodeTransform, "field %s: unknown transform %q%s (want %s)", fr.Field, vn.Value, didYouMean(vn.Value, ops), strings.Join(ops, ", "))
			fr.Transform = transform.Spec{Op: transform.Drop}
		}
	case yaml.MappingNode:
		fr.Transform = w.transformMap(fr.Field, vn, scope, ops)
	default:
		w.errorf(vn, scope, CodeTransform, "field %s: want a transform (keep, drop, pseudonymise, {mask: N}, {generalise: LEVEL})", fr.Field)
		fr.Transform = transform.Spec{Op: transform.Drop}
	}
	return fr
}

func (w *walker) transformMap(field string, n *yaml.Node, scope string, ops []string) transform.Spec {
	w.keys(n, scope, "mask", "generalise", "generalize", "pseudonymise", "keep", "drop", "bands")
	spec := transform.Spec{Op: transform.Drop}
	set := 0
	if m := get(n, "mask"); m != nil {
		set++
		v, err := strconv.Atoi(m.Value)
		if err != nil || v < 0 {
			w.errorf(m, scope, CodeTransform, "field %s: mask wants the number of characters to keep (0 or more)", field)
		} else {
			spec = transform.Spec{Op: transform.Mask, N: v}
		}
	}
	for _, key := range []string{"generalise", "generalize"} {
		if g := get(n, key); g != nil {
			set++
			spec = transform.Spec{Op: transform.Generalise, Level: strings.ToLower(g.Value)}
			levels := []string{transform.Year, transform.Month, transform.District, transform.Sector, transform.Band}
			known := false
			for _, l := range levels {
				known = known || l == spec.Level
			}
			if !known {
				w.errorf(g, scope, CodeTransform, "field %s: generalise %q%s (want year, month, district, sector or band)", field, g.Value, didYouMean(g.Value, levels))
				spec = transform.Spec{Op: transform.Drop}
			}
		}
	}
	for _, key := range []string{"pseudonymise", "keep", "drop"} {
		if g := get(n, key); g != nil {
			set++
			spec = transform.Spec{Op: transform.Op(key)}
		}
	}
	if b := get(n, "bands"); b != nil {
		if spec.Op != transform.Generalise || spec.Level != transform.Band {
			w.errorf(b, scope, CodeTransform, "field %s: bands go with generalise: band", field)
		} else if b.Kind != yaml.SequenceNode {
			w.errorf(b, scope, CodeTransform, "field %s: bands: want a list of ascending lower bounds, e.g. [0, 18, 65]", field)
		} else {
			for _, c := range b.Content {
				v, err := strconv.Atoi(c.Value)
				if err != nil {
					w.errorf(c, scope, CodeTransform, "field %s: band bound %q is not a whole number", field, c.Value)
					continue
				}
				spec.Bands = append(spec.Bands, v)
			}
		}
	}
	if set == 0 {
		w.errorf(n, scope, CodeTransform, "field %s: no transform (want one of %s)", field, strings.Join(ops, ", "))
	} else if set > 1 {
		w.errorf(n, scope, CodeTransform, "field %s: one transform per field", field)
		spec = transform.Spec{Op: transform.Drop}
	}
	return spec
}

// NormaliseFlag makes flag spellings comparable: lower case, '_' for '-' and spaces.
func NormaliseFlag(s string) string {
	s = strings.ToLower(strings.TrimSpace(s))
	return strings.NewReplacer("-", "_", " ", "_").Replace(s)
}

func get(m *yaml.Node, key string) *yaml.Node {
	if m == nil || m.Kind != yaml.MappingNode {
		return nil
	}
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == key {
			return m.Content[i+1]
		}
	}
	return nil
}

func yamlMessage(err error) (int, string) {
	s := strings.TrimPrefix(err.Error(), "yaml: ")
	var line int
	if n, _ := fmt.Sscanf(s, "line %d:", &line); n == 1 {
		_, s, _ = strings.Cut(s, ":")
		s = strings.TrimSpace(s)
	}
	return line, s
}

// looksLikeKey reports whether s looks like key material rather than a
// file path or a variable name: long, one token of hex or base64 with both
// letters and digits, and no path separator or file extension.
func looksLikeKey(s string) bool {
	if len(s) < 24 || strings.ContainsAny(s, "./\\") {
		return false
	}
	letters, digits := false, false
	for _, r := range s {
		switch {
		case r >= '0' && r <= '9':
			digits = true
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z':
			letters = true
		case r == '+' || r == '=' || r == '-' || r == '_':
		default:
			return false
		}
	}
	return letters && digits
}
