package policy

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"time"

	"cel.dev/cel-go/cel"
	"cel.dev/cel-go/common"
	"cel.dev/cel-go/common/ast"
	"cel.dev/cel-go/ext"

	"github.com/council/golden/record"
	"github.com/council/golden/rules/transform"
)

// Env is what compiling a policy may consult besides the file: the date,
// and where partners' keys are read from (injectable for tests).
type Env struct {
	Now      time.Time                              // the evaluation date (expiry, age); default time.Now
	Getenv   func(name string) (string, bool)       // default os.LookupEnv
	ReadFile func(path string) ([]byte, error)      // default os.ReadFile
	Stat     func(path string) (os.FileInfo, error) // default os.Stat
	Dir      string                                 // key files are relative to this (default: the policy file's folder)
	// Sources, when known (from golden.yaml), are the source names and the
	// flags each can set: lint then checks services: against them and warns
	// of flags the policy does not define.
	Sources map[string][]string
}

func (e Env) withDefaults(file string) Env {
	if e.Now.IsZero() {
		e.Now = time.Now()
	}
	if e.Getenv == nil {
		e.Getenv = os.LookupEnv
	}
	if e.ReadFile == nil {
		e.ReadFile = os.ReadFile
	}
	if e.Stat == nil {
		e.Stat = os.Stat
	}
	if e.Dir == "" {
		e.Dir = filepath.Dir(file)
	}
	return e
}

// Engine is a compiled policy: conditions type-checked and compiled, keys
// loaded. It is safe for concurrent use.
type Engine struct {
	Policy *Policy
	diags  Diagnostics
	env    Env
	cel    *cel.Env
	rules  map[*Agreement]map[string]*compiledRule
	keys   map[string]*transform.Key // partner id → key
	flags  map[string]FlagDef        // every known flag, built-in ones included
}

type compiledRule struct {
	rule *EntityRule
	prg  cel.Program // nil: every row
}

// Load reads, parses and compiles the policy file at path.
func Load(path string, env Env) (*Engine, Diagnostics, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, nil, fmt.Errorf("policy: %w", err)
	}
	p, ds := Parse(path, b)
	if p == nil {
		return nil, ds, nil
	}
	e, cds := Compile(p, env)
	return e, append(ds, cds...), nil
}

// Compile checks p against the record model and compiles it. It always
// returns an engine; agreements with errors (and all of them, if the policy
// has errors of its own) refuse to share. Diagnostics are in file order.
func Compile(p *Policy, env Env) (*Engine, Diagnostics) {
	env = env.withDefaults(p.File)
	e := &Engine{Policy: p, env: env, rules: map[*Agreement]map[string]*compiledRule{}, keys: map[string]*transform.Key{}, flags: map[string]FlagDef{}}
	var ds Diagnostics
	add := func(pos Pos, sev Severity, scope, code, format string, args ...any) {
		ds = append(ds, Diagnostic{File: p.File, Line: pos.Line, Column: pos.Column, Severity: sev, Code: code, Message: fmt.Sprintf(format, args...), Scope: scope})
	}
	celEnv, err := newCELEnv()
	if err != nil {
		add(Pos{}, Error, "", CodeCEL, "CEL environment: %v", err)
	}
	e.cel = celEnv

	// Flags.
	for _, f := range BuiltinFlags() {
		e.flags[f] = FlagDef{Name: f, Restricted: true}
	}
	for _, f := range p.Flags {
		if f.Name == "" {
			continue
		}
		if old, dup := e.flags[f.Name]; dup {
			if old.Pos.Line == 0 && !f.Restricted {
				add(f.Pos, Error, "", CodeBadValue, "flag %s is built in and always restricted", f.Name)
			} else if old.Pos.Line != 0 {
				add(f.Pos, Error, "", CodeDuplicate, "flag %s is defined twice (first on line %d)", f.Name, old.Pos.Line)
			}
			continue
		}
		e.flags[f.Name] = f
	}
	flagNames := make([]string, 0, len(e.flags))
	for n := range e.flags {
		flagNames = append(flagNames, n)
	}
	sort.Strings(flagNames)
	services := map[string]bool{}
	for src, svc := range p.Services {
		services[svc] = true
		if svc == "" {
			add(p.servicePos[src], Error, "", CodeBadValue, "services: source %s maps to no service name", src)
		}
	}

	if len(env.Sources) > 0 {
		names := make([]string, 0, len(env.Sources))
		for n := range env.Sources {
			names = append(names, n)
		}
		sort.Strings(names)
		for src := range p.Services {
			if _, ok := env.Sources[src]; !ok {
				add(p.servicePos[src], Warning, "", CodeUnknownSvc, "services: %q is not a source in golden.yaml%s", src, didYouMeanOr(src, names, "it maps nothing"))
			}
		}
		for _, src := range names {
			for _, f := range env.Sources[src] {
				if _, ok := e.flags[NormaliseFlag(f)]; !ok {
					add(Pos{Line: 1}, Warning, "", CodeUnknownFlag, "source %s sets flag %q, which the policy does not define: records carrying it never leave (define it under flags: to decide)", src, f)
				}
			}
		}
	}

	// Partners and their keys.
	ids := map[string]Pos{}
	var partnerIDs []string
	for _, pt := range p.Partners {
		if pt.ID == "" {
			continue
		}
		if first, dup := ids[pt.ID]; dup {
			add(pt.Pos, Error, "partner:"+pt.ID, CodeDuplicate, "partner or role %s is defined twice (first on line %d)", pt.ID, first.Line)
			continue
		}
		ids[pt.ID] = pt.Pos
		partnerIDs = append(partnerIDs, pt.ID)
	}
	needsKey := map[string]Pos{}
	for _, a := range p.Agreements {
		for _, r := range a.Entities {
			for _, f := range r.Fields {
				if f.Transform.Op == transform.Pseudonymise {
					if _, ok := needsKey[a.Partner]; !ok {
						needsKey[a.Partner] = f.Pos
					}
				}
			}
		}
	}
	type keyed struct {
		id  string
		key *transform.Key
	}
	var loaded []keyed
	for _, pt := range p.Partners {
		if pt.Key == nil || pt.Key.File == "" && pt.Key.Env == "" {
			if pos, ok := needsKey[pt.ID]; ok {
				add(pos, Error, "partner:"+pt.ID, CodeKeyMissing, "agreements with %s pseudonymise but the partner has no key: add key: {file: PATH} or key: {env: VARIABLE} to it (line %d)", pt.ID, pt.Pos.Line)
			}
			continue
		}
		k, err := loadKey(pt.Key, env)
		if err != nil {
			sev := Warning
			if _, ok := needsKey[pt.ID]; ok {
				sev = Error
			}
			add(pt.Key.Pos, sev, "partner:"+pt.ID, CodeKeyMissing, "%s %s: %v", kindOfPartner(pt), pt.ID, err)
			continue
		}
		e.keys[pt.ID] = k
		if pt.Key.File != "" {
			if fi, err := env.Stat(keyPath(pt.Key, env)); err == nil && fi.Mode().Perm()&0o077 != 0 {
				add(pt.Key.Pos, Warning, "partner:"+pt.ID, CodeKeyMissing, "%s %s: key file %s can be read by other users (mode %04o): chmod 600 it", kindOfPartner(pt), pt.ID, pt.Key.File, fi.Mode().Perm())
			}
		}
		for _, o := range loaded {
			if o.key.Equal(k) {
				add(pt.Key.Pos, Error, "partner:"+pt.ID, CodeKeyShared, "%s %s uses the same key as %s: pseudonyms would link across partners; give each its own key", kindOfPartner(pt), pt.ID, o.id)
			}
		}
		loaded = append(loaded, keyed{pt.ID, k})
	}

	// Agreements.
	refs := map[string]Pos{}
	kinds := []string{string(record.Person), string(record.Property), string(record.Business)}
	for _, a := range p.Agreements {
		scope := "agreement:" + a.Reference
		if a.Reference != "" {
			if first, dup := refs[a.Reference]; dup {
				add(a.Pos, Error, scope, CodeDuplicate, "agreement %s is defined twice (first on line %d)", a.Reference, first.Line)
			}
			refs[a.Reference] = a.Pos
		}
		if a.Partner != "" && p.Partner(a.Partner) == nil {
			add(a.Pos, Error, scope, CodeUnknownPart, "agreement %s: unknown partner %q%s", a.Reference, a.Partner, didYouMeanOr(a.Partner, partnerIDs, "define it under partners: or roles:"))
		}
		now := dateOf(env.Now)
		switch {
		case a.End.Set() && now.After(a.End.Time):
			add(a.End.Pos, Error, scope, CodeExpired, "agreement %s expired on %s: it shares nothing until renewed", a.Reference, a.End)
		case a.Start.Set() && now.Before(a.Start.Time):
			add(a.Start.Pos, Warning, scope, CodeNotStarted, "agreement %s starts on %s: it shares nothing before then", a.Reference, a.Start)
		}
		if a.Review.Set() && now.After(a.Review.Time) && !(a.End.Set() && now.After(a.End.Time)) {
			add(a.Review.Pos, Warning, scope, CodeReview, "agreement %s was due for review on %s", a.Reference, a.Review)
		} else if !a.Review.Set() {
			add(a.Pos, Warning, scope, CodeReview, "agreement %s has no review date", a.Reference)
		}
		for _, f := range a.Flags {
			if _, ok := e.flags[f.Name]; !ok {
				add(f.Pos, Error, scope, CodeUnknownFlag, "agreement %s: unknown flag %q%s", a.Reference, f.Name, didYouMeanOr(f.Name, flagNames, "define it under flags:"))
			}
		}
		compiled := map[string]*compiledRule{}
		for _, r := range a.Entities {
			knownKind := true
			if _, err := record.ParseKind(r.Kind); err != nil {
				add(r.Pos, Error, scope, CodeUnknownKind, "agreement %s: unknown entity kind %q%s (want person, property or business)", a.Reference, r.Kind, didYouMean(r.Kind, kinds))
				knownKind = false // its fields and condition are still checked below
			} else if _, dup := compiled[r.Kind]; dup {
				add(r.Pos, Error, scope, CodeDuplicate, "agreement %s: %s appears twice", a.Reference, r.Kind)
				continue
			}
			cr := &compiledRule{rule: r}
			seen := map[string]bool{}
			for _, f := range r.Fields {
				fi, ok := fieldInfo(f.Field)
				if !ok {
					add(f.Pos, Error, scope, CodeUnknownField, "agreement %s, %s: unknown field %q%s", a.Reference, r.Kind, f.Field, didYouMeanOr(f.Field, fieldNames(), "see docs/governance.md for the field list"))
					continue
				}
				if seen[f.Field] {
					add(f.Pos, Error, scope, CodeDuplicate, "agreement %s, %s: field %s appears twice", a.Reference, r.Kind, f.Field)
				}
				seen[f.Field] = true
				if err := f.Transform.Check(fi.Holds); err != nil {
					add(f.Pos, Error, scope, CodeTransform, "agreement %s, %s, field %s: %v", a.Reference, r.Kind, f.Field, err)
				}
			}
			if strings.TrimSpace(r.Where) != "" && celEnv != nil {
				named := map[string]bool{}
				for _, f := range a.Flags {
					named[f.Name] = true
				}
				prg, cds := e.compileWhere(r, services, named)
				for _, d := range cds {
					d.File, d.Scope = p.File, scope
					d.Message = fmt.Sprintf("agreement %s, %s, where: %s", a.Reference, r.Kind, d.Message)
					ds = append(ds, d)
				}
				if prg == nil {
					continue
				}
				cr.prg = prg
			}
			if knownKind {
				compiled[r.Kind] = cr
			}
		}
		e.rules[a] = compiled
	}
	ds = append(ds, e.unusedChecks()...)
	ds.Sort()
	e.diags = ds
	return e, ds
}

func (e *Engine) unusedChecks() Diagnostics {
	var ds Diagnostics
	for _, pt := range e.Policy.Partners {
		if pt.ID != "" && len(e.Policy.AgreementsOf(pt.ID)) == 0 {
			ds = append(ds, Diagnostic{File: e.Policy.File, Line: pt.Pos.Line, Column: pt.Pos.Column, Severity: Warning, Code: CodeMissing, Message: fmt.Sprintf("%s %s has no agreement: it receives nothing", kindOfPartner(pt), pt.ID), Scope: "partner:" + pt.ID})
		}
	}
	return ds
}

func kindOfPartner(pt *Partner) string {
	if pt.Internal {
		return "role"
	}
	return "partner"
}

func didYouMeanOr(name string, candidates []string, otherwise string) string {
	if s := didYouMean(name, candidates); s != "" {
		return s
	}
	return " (" + otherwise + ")"
}

func dateOf(t time.Time) time.Time {
	y, m, d := t.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

func sha256Hex(b []byte) string {
	s := sha256.Sum256(b)
	return hex.EncodeToString(s[:])
}

func keyPath(ref *KeyRef, env Env) string {
	if rest, ok := strings.CutPrefix(ref.File, "~/"); ok {
		if home, err := os.UserHomeDir(); err == nil {
			return filepath.Join(home, rest)
		}
	}
	if filepath.IsAbs(ref.File) {
		return ref.File
	}
	return filepath.Join(env.Dir, ref.File)
}

// loadKey reads a partner's key. Errors say where the key should be, never
// what it holds.
func loadKey(ref *KeyRef, env Env) (*transform.Key, error) {
	var b []byte
	if ref.Env != "" {
		v, ok := env.Getenv(ref.Env)
		if !ok || v == "" {
			return nil, fmt.Errorf("key: environment variable %s is not set", ref.Env)
		}
		b = []byte(v)
	} else {
		path := keyPath(ref, env)
		raw, err := env.ReadFile(path)
		if err != nil {
			if errors.Is(err, os.ErrNotExist) {
				return nil, fmt.Errorf("key file %s does not exist", path)
			}
			return nil, fmt.Errorf("key file %s cannot be read", path)
		}
		b = bytes.TrimRight(raw, "\r\n")
	}
	if len(b) < transform.MinKeyBytes {
		return nil, fmt.Errorf("key from %s is too short (%d bytes; want at least %d)", ref, len(b), transform.MinKeyBytes)
	}
	return transform.NewKey(b), nil
}

// Variables available to row conditions.
const (
	VarKind     = "kind"
	VarID       = "golden_id"
	VarAge      = "age"
	VarServices = "services"
	VarSources  = "sources"
	VarFlags    = "flags"
)

// Variables lists the names a row condition may use.
func Variables() []string {
	out := []string{VarKind, VarID, VarAge, VarServices, VarSources, VarFlags}
	for _, f := range record.AllFields() {
		out = append(out, f.Name())
	}
	return out
}

func newCELEnv() (*cel.Env, error) {
	opts := []cel.EnvOption{
		cel.Variable(VarKind, cel.StringType),
		cel.Variable(VarID, cel.StringType),
		cel.Variable(VarAge, cel.IntType),
		cel.Variable(VarServices, cel.ListType(cel.StringType)),
		cel.Variable(VarSources, cel.ListType(cel.StringType)),
		cel.Variable(VarFlags, cel.ListType(cel.StringType)),
		ext.Strings(),
	}
	for _, f := range record.AllFields() {
		opts = append(opts, cel.Variable(f.Name(), cel.StringType))
	}
	return cel.NewEnv(opts...)
}

// celFunctions are the functions and macros conditions may use, for suggestions.
func celFunctions() []string {
	return []string{"size", "contains", "startsWith", "endsWith", "matches", "exists", "exists_one", "all", "map", "filter",
		"int", "string", "double", "timestamp", "duration", "lowerAscii", "upperAscii", "trim", "replace", "split", "substring", "indexOf", "join"}
}

// isCall reports whether name at loc in the expression is called: (…) follows it.
func isCall(src string, loc common.Location, name string) bool {
	if loc == nil || loc.Line() < 1 {
		return false
	}
	lines := strings.Split(src, "\n")
	if loc.Line() > len(lines) {
		return false
	}
	line := []rune(lines[loc.Line()-1])
	col := loc.Column()
	if col < 0 || col > len(line) {
		return false
	}
	return col < len(line) && line[col] == '(' && col >= len([]rune(name)) && string(line[col-len([]rune(name)):col]) == name
}

var wordOperator = regexp.MustCompile(`'(and|or|not|AND|OR|NOT)'`)

var undeclared = regexp.MustCompile(`undeclared reference to '([^']+)'`)

// compileWhere type-checks a row condition. Diagnostics carry lines in the
// policy file.
func (e *Engine) compileWhere(r *EntityRule, services, namedFlags map[string]bool) (cel.Program, Diagnostics) {
	var ds Diagnostics
	checked, iss := e.cel.Compile(r.Where)
	if iss != nil && iss.Err() != nil {
		for _, ce := range iss.Errors() {
			msg := ce.Message
			back := 0 // a call is reported at its '(': point at the name instead
			if m := undeclared.FindStringSubmatch(msg); m != nil && isCall(r.Where, ce.Location, m[1]) {
				back = len([]rune(m[1]))
				msg = fmt.Sprintf("unknown function %q: a condition may call only CEL's standard functions (size, contains, startsWith, endsWith, matches, exists, all, …)%s", m[1], didYouMean(m[1], celFunctions()))
			} else if m != nil {
				msg = fmt.Sprintf("unknown name %q: a condition may use only the record's fields and %s, %s, %s, %s, %s, %s%s",
					m[1], VarKind, VarID, VarAge, VarServices, VarSources, VarFlags, didYouMean(m[1], Variables()))
			} else if strings.HasPrefix(msg, "Syntax error") && wordOperator.MatchString(msg) {
				msg += " (CEL writes and, or, not as &&, ||, !)"
			} else if strings.HasPrefix(msg, "Syntax error") && (strings.Contains(msg, "'='") || strings.Contains(msg, "at: '= '")) {
				msg += " (CEL compares with ==)"
			} else if strings.HasPrefix(msg, "found no matching overload") {
				msg += " (no such function for these types; conditions may use CEL's standard functions only)"
			}
			pos := r.WherePos
			line, col := pos.Line, pos.Column
			if ce.Location != nil && ce.Location.Line() > 0 {
				line += ce.Location.Line() - 1
				switch {
				case len(r.whereFolded) > 0 && ce.Location.Line() == 1:
					// A folded block is one line to CEL: find the source line.
					off := ce.Location.Column() - back
					for _, n := range r.whereFolded[:len(r.whereFolded)-1] {
						if off <= n {
							break
						}
						off -= n + 1
						line++
					}
					col += off
				case r.whereBlock:
					col += ce.Location.Column() - back
				case ce.Location.Line() == 1 && col > 0:
					col += ce.Location.Column() - back
				default:
					col = ce.Location.Column() + 1 - back
				}
			}
			ds = append(ds, Diagnostic{Line: line, Column: col, Severity: Error, Code: CodeCEL, Message: msg})
		}
		return nil, ds
	}
	if !checked.OutputType().IsExactType(cel.BoolType) {
		ds = append(ds, Diagnostic{Line: r.WherePos.Line, Column: r.WherePos.Column, Severity: Error, Code: CodeCEL,
			Message: fmt.Sprintf("the condition gives %s, not true or false", checked.OutputType())})
		return nil, ds
	}
	// `"x" in services` with a service no source maps to is likely a typo.
	if native := checked.NativeRep(); native != nil {
		ast.PreOrderVisit(native.Expr(), ast.NewExprVisitor(func(x ast.Expr) {
			if x.Kind() != ast.CallKind || x.AsCall().FunctionName() != "@in" || len(x.AsCall().Args()) != 2 {
				return
			}
			lhs, rhs := x.AsCall().Args()[0], x.AsCall().Args()[1]
			if rhs.Kind() != ast.IdentKind || lhs.Kind() != ast.LiteralKind {
				return
			}
			s, ok := lhs.AsLiteral().Value().(string)
			if !ok {
				return
			}
			switch rhs.AsIdent() {
			case VarServices:
				if len(services) > 0 && !services[s] {
					names := make([]string, 0, len(services))
					for n := range services {
						names = append(names, n)
					}
					sort.Strings(names)
					ds = append(ds, Diagnostic{Line: r.WherePos.Line, Column: r.WherePos.Column, Severity: Warning, Code: CodeUnknownSvc,
						Message: fmt.Sprintf("service %q is not one the services: section maps a source to%s", s, didYouMean(s, names))})
				}
			case VarFlags:
				f, ok := e.flags[NormaliseFlag(s)]
				switch {
				case !ok:
					ds = append(ds, Diagnostic{Line: r.WherePos.Line, Column: r.WherePos.Column, Severity: Warning, Code: CodeUnknownFlag,
						Message: fmt.Sprintf("flag %q is not defined%s", s, didYouMean(s, e.flagNames()))})
				case f.Restricted && !namedFlags[f.Name]:
					ds = append(ds, Diagnostic{Line: r.WherePos.Line, Column: r.WherePos.Column, Severity: Warning, Code: CodeUnknownFlag,
						Message: fmt.Sprintf("records carrying the restricted flag %s are withheld before this condition is evaluated; name it under the agreement's flags: if they may leave", f.Name)})
				}
			}
		}))
	}
	prg, err := e.cel.Program(checked, cel.CostLimit(celCostLimit), cel.InterruptCheckFrequency(100))
	if err != nil {
		ds = append(ds, Diagnostic{Line: r.WherePos.Line, Severity: Error, Code: CodeCEL, Message: err.Error()})
		return nil, ds
	}
	return prg, ds
}

func (e *Engine) flagNames() []string {
	out := make([]string, 0, len(e.flags))
	for n := range e.flags {
		out = append(out, n)
	}
	sort.Strings(out)
	return out
}

// celCostLimit bounds the work one row condition may do.
const celCostLimit = 100000
