package policy

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"cel.dev/cel-go/cel"
	"cel.dev/cel-go/interpreter"

	"github.com/council/golden/record"

	"github.com/council/golden/rules/transform"
)

// Diagnostics returns everything Parse and Compile found in the policy
// (only Compile's, when the engine was built with Compile directly).
func (e *Engine) Diagnostics() Diagnostics { return e.diags }

// Key returns whether the partner has a usable key (never the key).
func (e *Engine) HasKey(partner string) bool { return e.keys[partner] != nil }

// DeniedError says why nothing may be shared: no such partner, no
// agreement in force, or a policy with errors.
type DeniedError struct {
	Partner   string
	Agreement string
	Reason    string
	// Code is CodeExpired or CodeNotStarted when every agreement
	// considered is outside its start and end dates: a refusal the policy
	// file decides (renew the agreement), not the data. "" otherwise.
	Code string
}

func (e *DeniedError) Error() string {
	who := e.Partner
	if e.Agreement != "" {
		who += ", agreement " + e.Agreement
	}
	return fmt.Sprintf("nothing shared with %s: %s", who, e.Reason)
}

// UnknownError is a partner or agreement the policy does not define.
type UnknownError struct {
	What, Name, Suggestion string
}

func (e *UnknownError) Error() string {
	s := fmt.Sprintf("no %s %q in the policy", e.What, e.Name)
	if e.Suggestion != "" {
		s += fmt.Sprintf(" (did you mean %q?)", e.Suggestion)
	}
	return s
}

// Status says whether agreement a is in force at now, and if not, why.
func (e *Engine) Status(a *Agreement, now time.Time) (bool, string) {
	ok, _, why := e.status(a, now)
	return ok, why
}

// status is Status with a code for the reason: CodeExpired or
// CodeNotStarted for an agreement outside its dates, "" otherwise.
func (e *Engine) status(a *Agreement, now time.Time) (bool, string, string) {
	d := dateOf(now)
	switch {
	case a.Start.Set() && d.Before(a.Start.Time):
		return false, CodeNotStarted, fmt.Sprintf("agreement %s has not started (it starts on %s)", a.Reference, a.Start)
	case a.End.Set() && d.After(a.End.Time):
		return false, CodeExpired, fmt.Sprintf("agreement %s expired on %s", a.Reference, a.End)
	case !a.Start.Set() || !a.End.Set():
		return false, "", fmt.Sprintf("agreement %s has no start or end date", a.Reference)
	}
	if errs := e.errorsFor(a); len(errs) > 0 {
		return false, "", fmt.Sprintf("the policy has %d error(s) affecting agreement %s, first %s:%d: %s (run `golden policy lint`)", len(errs), a.Reference, errs[0].File, errs[0].Line, errs[0].Message)
	}
	return true, "", ""
}

// errorsFor lists the errors that stop agreement a sharing: its own, its
// partner's, and the policy's global ones. An expiry is reported by Status.
func (e *Engine) errorsFor(a *Agreement) Diagnostics {
	var out Diagnostics
	for _, d := range e.diags {
		if d.Severity != Error || d.Code == CodeExpired {
			continue
		}
		if d.Scope == "" || d.Scope == "agreement:"+a.Reference || d.Scope == "partner:"+a.Partner {
			out = append(out, d)
		}
	}
	return out
}

// Resolve finds the agreement to use for partner: ref when given, else the
// partner's only agreement in force at now.
func (e *Engine) Resolve(partner, ref string, now time.Time) (*Partner, *Agreement, error) {
	pt := e.Policy.Partner(partner)
	if pt == nil {
		ids := make([]string, 0, len(e.Policy.Partners))
		for _, p := range e.Policy.Partners {
			ids = append(ids, p.ID)
		}
		return nil, nil, &UnknownError{What: "partner or role", Name: partner, Suggestion: Nearest(partner, ids)}
	}
	all := e.Policy.AgreementsOf(partner)
	if ref != "" {
		a := e.Policy.Agreement(ref)
		if a == nil || a.Partner != partner {
			refs := make([]string, len(all))
			for i, x := range all {
				refs[i] = x.Reference
			}
			return pt, nil, &UnknownError{What: "agreement with " + partner, Name: ref, Suggestion: Nearest(ref, refs)}
		}
		return pt, a, nil
	}
	if len(all) == 0 {
		return pt, nil, &DeniedError{Partner: partner, Reason: "no agreement names this partner (default deny)"}
	}
	var active []*Agreement
	var reasons []string
	dates := ""
	for i, a := range all {
		ok, code, why := e.status(a, now)
		if ok {
			active = append(active, a)
			continue
		}
		reasons = append(reasons, why)
		if i == 0 || (dates != "" && code == "") {
			dates = code
		}
	}
	switch len(active) {
	case 0:
		return pt, nil, &DeniedError{Partner: partner, Reason: strings.Join(reasons, "; "), Code: dates}
	case 1:
		return pt, active[0], nil
	}
	refs := make([]string, len(active))
	for i, a := range active {
		refs[i] = a.Reference
	}
	return pt, nil, &AmbiguousError{Partner: partner, Agreements: refs}
}

// AmbiguousError means a partner has several agreements in force and the
// caller must pick one.
type AmbiguousError struct {
	Partner    string
	Agreements []string
}

func (e *AmbiguousError) Error() string {
	return fmt.Sprintf("%s has %d agreements in force (%s): choose one with --agreement", e.Partner, len(e.Agreements), strings.Join(e.Agreements, ", "))
}

// Plan is one agreement made ready to apply at one date.
type Plan struct {
	Partner   *Partner
	Agreement *Agreement
	Now       time.Time
	Kinds     []*KindPlan // in the agreement's order
}

// Kind returns the plan for kind, or nil when the agreement shares none.
func (p *Plan) Kind(kind string) *KindPlan {
	for _, k := range p.Kinds {
		if k.Kind == kind {
			return k
		}
	}
	return nil
}

// Column is one output column: a field and its transform.
type Column struct {
	Field     string
	Transform transform.Spec
	Clause    Pos
}

// KindPlan applies an agreement to records of one kind.
type KindPlan struct {
	Kind    string
	Columns []Column
	Where   string
	prg     cel.Program
	allowed map[string]bool // flags the agreement names
	open    map[string]bool // flags the council declares unrestricted
	key     *transform.Key
	now     time.Time
	svc     map[string]string
}

// Plan prepares agreement ref with partner for use at now. Unless the
// agreement is in force and free of errors it returns a *DeniedError.
func (e *Engine) Plan(partner, ref string, now time.Time) (*Plan, error) {
	pt, a, err := e.Resolve(partner, ref, now)
	if err != nil {
		return nil, err
	}
	if ok, code, why := e.status(a, now); !ok {
		return nil, &DeniedError{Partner: partner, Agreement: a.Reference, Reason: why, Code: code}
	}
	plan := &Plan{Partner: pt, Agreement: a, Now: now}
	allowed := map[string]bool{}
	for _, f := range a.Flags {
		allowed[f.Name] = true
	}
	open := map[string]bool{}
	for n, f := range e.flags {
		if !f.Restricted {
			open[n] = true
		}
	}
	for _, r := range a.Entities {
		cr := e.rules[a][r.Kind]
		if cr == nil {
			continue
		}
		kp := &KindPlan{Kind: r.Kind, Where: r.Where, prg: cr.prg, allowed: allowed, open: open, key: e.keys[a.Partner], now: now, svc: e.Policy.Services}
		for _, f := range r.Fields {
			if f.Transform.Op == transform.Drop {
				continue
			}
			kp.Columns = append(kp.Columns, Column{Field: f.Field, Transform: f.Transform, Clause: f.Pos})
		}
		plan.Kinds = append(plan.Kinds, kp)
	}
	return plan, nil
}

// Outcome is what happened to one record.
type Outcome int

// Outcomes.
const (
	Shared        Outcome = iota
	WithheldFlag          // carries a restricted flag the agreement does not name
	WithheldWhere         // the row condition is false
	WithheldError         // the row condition failed to evaluate (default deny)
)

func (o Outcome) String() string {
	switch o {
	case Shared:
		return "shared"
	case WithheldFlag:
		return "withheld: restricted flag"
	case WithheldWhere:
		return "withheld: row condition false"
	case WithheldError:
		return "withheld: row condition could not be evaluated"
	}
	return "outcome(" + strconv.Itoa(int(o)) + ")"
}

// Decide says whether rec may be shared under the plan. The second result
// names the restricted flag that stopped it, if one did. Errors from the
// condition are not returned (they could carry values); they withhold the
// row.
func (k *KindPlan) Decide(ctx context.Context, rec *Record) (Outcome, string) {
	flags := rec.NormalFlags()
	for _, f := range flags {
		if !k.allowed[f] && !k.open[f] {
			return WithheldFlag, f
		}
	}
	if k.prg == nil {
		return Shared, ""
	}
	vars := k.activation(rec, flags)
	out, _, err := k.prg.ContextEval(ctx, vars)
	if err != nil {
		return WithheldError, ""
	}
	if b, ok := out.Value().(bool); ok && b {
		return Shared, ""
	}
	return WithheldWhere, ""
}

// activation resolves the condition's variables from the record lazily:
// only what the condition uses is computed.
type activation struct {
	k     *KindPlan
	rec   *Record
	flags []string
}

func (k *KindPlan) activation(rec *Record, flags []string) interpreter.Activation {
	return &activation{k: k, rec: rec, flags: flags}
}

func (a *activation) ResolveName(name string) (any, bool) {
	switch name {
	case VarKind:
		return a.rec.Kind, true
	case VarID:
		return a.rec.ID, true
	case VarAge:
		age, ok := a.rec.Age(a.k.now)
		if !ok {
			return nil, false // using age on a record without one withholds it
		}
		return int64(age), true
	case VarServices:
		return nonNil(a.rec.Services(a.k.svc)), true
	case VarSources:
		return nonNil(a.rec.Sources), true
	case VarFlags:
		return nonNil(a.flags), true
	}
	if isVariable(name) {
		return a.rec.Fields[name], true
	}
	return nil, false
}

func (a *activation) Parent() interpreter.Activation { return nil }

func isVariable(name string) bool {
	_, ok := record.ParseField(name)
	return ok
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// Row returns rec's values for the plan's columns, transformed. A value
// that cannot be transformed as the policy says (a date that is not a date,
// say) is left empty and counted in lost by column index; lost may be nil.
// Call Row only for records Decide shared.
func (k *KindPlan) Row(rec *Record, lost []int) []string {
	row := make([]string, len(k.Columns))
	for i, c := range k.Columns {
		v := k.raw(rec, c.Field)
		out, ok := c.Transform.Apply(c.Field, v, k.key)
		if !ok {
			out = ""
			if lost != nil {
				lost[i]++
			}
		}
		row[i] = out
	}
	return row
}

func (k *KindPlan) raw(rec *Record, field string) string {
	switch field {
	case FieldGoldenID:
		return rec.ID
	case FieldAge:
		if age, ok := rec.Age(k.now); ok {
			return strconv.Itoa(age)
		}
		return ""
	case FieldServices:
		return strings.Join(rec.Services(k.svc), ";")
	case FieldFlags:
		var keep []string
		for _, f := range rec.NormalFlags() {
			if k.allowed[f] {
				keep = append(keep, f)
			}
		}
		return strings.Join(keep, ";")
	}
	return rec.Fields[field]
}

// FieldNames returns the plan's output column names.
func (k *KindPlan) FieldNames() []string {
	out := make([]string, len(k.Columns))
	for i, c := range k.Columns {
		out[i] = c.Field
	}
	return out
}

// Visible is what a role may see of one record: the deciding agreement and
// the fields, transformed, in the rule's order.
type Visible struct {
	Agreement string
	Fields    []string
	Values    []string
}

// View decides what an internal role (or any partner) may see of one record
// at now, for views such as the family view: the first agreement of the
// role that is in force and admits the record decides. When none does it
// returns a *DeniedError saying why.
func (e *Engine) View(ctx context.Context, role string, now time.Time, rec *Record) (*Visible, error) {
	if e.Policy.Partner(role) == nil {
		_, _, err := e.Resolve(role, "", now)
		return nil, err
	}
	var reasons []string
	for _, a := range e.Policy.AgreementsOf(role) {
		plan, err := e.Plan(role, a.Reference, now)
		if err != nil {
			var de *DeniedError
			if errors.As(err, &de) {
				reasons = append(reasons, de.Reason)
				continue
			}
			return nil, err
		}
		kp := plan.Kind(rec.Kind)
		if kp == nil {
			reasons = append(reasons, fmt.Sprintf("agreement %s shares no %s records", a.Reference, rec.Kind))
			continue
		}
		switch out, flag := kp.Decide(ctx, rec); out {
		case Shared:
			return &Visible{Agreement: a.Reference, Fields: kp.FieldNames(), Values: kp.Row(rec, nil)}, nil
		case WithheldFlag:
			reasons = append(reasons, fmt.Sprintf("agreement %s does not name the record's %s flag", a.Reference, flag))
		default:
			reasons = append(reasons, fmt.Sprintf("agreement %s: %s", a.Reference, out))
		}
	}
	if len(reasons) == 0 {
		reasons = append(reasons, "no agreement names this role (default deny)")
	}
	return nil, &DeniedError{Partner: role, Reason: strings.Join(reasons, "; ")}
}
