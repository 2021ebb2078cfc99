package policy

import (
	"fmt"
	"sort"
	"time"

	"github.com/council/golden/record"
	"github.com/council/golden/rules/transform"
)

// Explanation says, for one agreement, what is shared and which clause of
// the policy decides each thing.
type Explanation struct {
	Partner     string         `json:"partner"`
	PartnerName string         `json:"partner_name"`
	Internal    bool           `json:"internal"`
	Agreement   string         `json:"agreement"`
	Clause      string         `json:"clause"`
	Active      bool           `json:"active"`
	Reason      string         `json:"reason,omitempty"` // why it shares nothing, when not active
	LegalBasis  string         `json:"legal_basis"`
	Purposes    []string       `json:"purposes"`
	Start       string         `json:"start"`
	End         string         `json:"end"`
	Review      string         `json:"review,omitempty"`
	Key         string         `json:"key"` // where the key is kept and whether it loaded; never the key
	Flags       []FlagDecision `json:"flags"`
	Kinds       []KindDecision `json:"kinds"`
}

// FlagDecision says whether records carrying a flag may leave.
type FlagDecision struct {
	Flag       string `json:"flag"`
	Restricted bool   `json:"restricted"`
	Shared     bool   `json:"shared"`
	Clause     string `json:"clause"`
	Why        string `json:"why"`
}

// KindDecision says whether an entity kind is shared, which rows, and each
// field's fate.
type KindDecision struct {
	Kind   string          `json:"kind"`
	Shared bool            `json:"shared"`
	Where  string          `json:"where,omitempty"`
	Clause string          `json:"clause"`
	Why    string          `json:"why"`
	Fields []FieldDecision `json:"fields"`
}

// FieldDecision is one field's fate under an agreement.
type FieldDecision struct {
	Field     string `json:"field"`
	Shared    bool   `json:"shared"`
	Transform string `json:"transform,omitempty"`
	Clause    string `json:"clause"`
	Why       string `json:"why"`
}

func (e *Engine) clause(p Pos) string {
	if p.Line == 0 {
		return "built in"
	}
	return fmt.Sprintf("%s:%d", e.Policy.File, p.Line)
}

// Explain explains every agreement of partner (or just ref) at now.
func (e *Engine) Explain(partner, ref string, now time.Time) ([]Explanation, error) {
	pt := e.Policy.Partner(partner)
	if pt == nil {
		_, _, err := e.Resolve(partner, "", now)
		return nil, err
	}
	var out []Explanation
	for _, a := range e.Policy.AgreementsOf(partner) {
		if ref != "" && a.Reference != ref {
			continue
		}
		out = append(out, e.explain(pt, a, now))
	}
	if ref != "" && len(out) == 0 {
		_, _, err := e.Resolve(partner, ref, now)
		return nil, err
	}
	return out, nil
}

func (e *Engine) explain(pt *Partner, a *Agreement, now time.Time) Explanation {
	active, why := e.Status(a, now)
	x := Explanation{Partner: pt.ID, PartnerName: pt.Name, Internal: pt.Internal, Agreement: a.Reference, Clause: e.clause(a.Pos),
		Active: active, Reason: why, LegalBasis: a.LegalBasis, Purposes: a.Purposes, Start: a.Start.String(), End: a.End.String(), Review: a.Review.String()}
	switch {
	case pt.Key == nil:
		x.Key = "none"
	case e.keys[pt.ID] != nil:
		x.Key = pt.Key.String() + " (loaded)"
	default:
		x.Key = pt.Key.String() + " (NOT usable: see `golden policy lint`)"
	}
	named := map[string]Pos{}
	for _, f := range a.Flags {
		named[f.Name] = f.Pos
	}
	names := make([]string, 0, len(e.flags))
	for n := range e.flags {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		f := e.flags[n]
		d := FlagDecision{Flag: n, Restricted: f.Restricted}
		if pos, ok := named[n]; ok {
			d.Shared, d.Clause, d.Why = active, e.clause(pos), "the agreement names this flag"
		} else if !f.Restricted {
			d.Shared, d.Clause, d.Why = active, e.clause(f.Pos), "the council declares this flag unrestricted; records carrying it may leave, the flag itself does not"
		} else {
			d.Clause, d.Why = e.clause(f.Pos), "restricted and not named by the agreement: records carrying it never leave"
		}
		if !active {
			d.Shared = false
		}
		x.Flags = append(x.Flags, d)
	}
	x.Flags = append(x.Flags, FlagDecision{Flag: "(any other flag)", Restricted: true, Clause: "built in", Why: "default deny: a flag the policy does not define is treated as restricted"})

	rules := map[string]*EntityRule{}
	for _, r := range a.Entities {
		rules[r.Kind] = r
	}
	compiled := e.rules[a]
	for _, k := range record.Kinds {
		kd := KindDecision{Kind: string(k)}
		r := rules[string(k)]
		switch {
		case r == nil:
			kd.Clause, kd.Why = e.clause(a.Pos), fmt.Sprintf("default deny: agreement %s names no %s rule", a.Reference, k)
		case compiled[string(k)] == nil:
			kd.Clause, kd.Why = e.clause(r.Pos), "the rule has errors: nothing is shared"
		case !active:
			kd.Clause, kd.Why = e.clause(a.Pos), why
		default:
			kd.Shared, kd.Clause = true, e.clause(r.Pos)
			if r.Where != "" {
				kd.Where = r.Where
				kd.Why = "rows where the condition is true and no restricted flag blocks them"
			} else {
				kd.Why = "every active record without a restricted flag"
			}
		}
		fields := map[string]FieldRule{}
		if r != nil {
			for _, f := range r.Fields {
				fields[f.Field] = f
			}
		}
		for _, fi := range Fields() {
			fd := FieldDecision{Field: fi.Name}
			f, ok := fields[fi.Name]
			switch {
			case !ok && r != nil:
				fd.Clause, fd.Why = e.clause(r.Pos), fmt.Sprintf("default deny: not named in the %s rule", k)
			case !ok:
				fd.Clause, fd.Why = kd.Clause, kd.Why
			case f.Transform.Op == transform.Drop:
				fd.Clause, fd.Why = e.clause(f.Pos), "dropped by the policy"
			case !kd.Shared:
				fd.Transform, fd.Clause, fd.Why = f.Transform.String(), e.clause(f.Pos), kd.Why
			default:
				fd.Shared, fd.Transform, fd.Clause, fd.Why = true, f.Transform.String(), e.clause(f.Pos), "named in the agreement"
				if f.Transform.Op == transform.Pseudonymise && e.keys[pt.ID] == nil {
					fd.Shared, fd.Why = false, "pseudonymise needs the partner's key, which is missing"
				}
			}
			kd.Fields = append(kd.Fields, fd)
		}
		x.Kinds = append(x.Kinds, kd)
	}
	return x
}
