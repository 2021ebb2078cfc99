package policy

import (
	"sort"
	"strings"
	"time"

	"github.com/council/golden/record"
	"github.com/council/golden/rules/transform"
)

// Record is one golden record as the policy engine sees it: its kind, id,
// field values by name, restriction flags and the sources it was seen in.
type Record struct {
	Kind    string
	ID      string
	Fields  map[string]string
	Flags   []string
	Sources []string
}

// Derived fields: computed from the record, shareable like any other field
// when an agreement names them.
const (
	FieldGoldenID = "golden_id" // the golden record's id
	FieldAge      = "age"       // whole years at the evaluation date, from date_of_birth
	FieldServices = "services"  // the services the record was seen in, ';'-separated
	FieldFlags    = "flags"     // the record's flags that the agreement names, ';'-separated
)

// FieldInfo describes a field an agreement may name.
type FieldInfo struct {
	Name    string
	Derived bool
	Holds   transform.ValueKind
}

// Fields lists every field an agreement may name: the record model's
// standard fields, then the derived ones.
func Fields() []FieldInfo {
	var out []FieldInfo
	for _, f := range record.AllFields() {
		fi := FieldInfo{Name: f.Name()}
		switch f {
		case record.DateOfBirth:
			fi.Holds = transform.Date
		case record.Postcode:
			fi.Holds = transform.PostcodeValue
		}
		out = append(out, fi)
	}
	out = append(out,
		FieldInfo{Name: FieldGoldenID, Derived: true},
		FieldInfo{Name: FieldAge, Derived: true, Holds: transform.AgeValue},
		FieldInfo{Name: FieldServices, Derived: true},
		FieldInfo{Name: FieldFlags, Derived: true},
	)
	return out
}

func fieldNames() []string {
	fs := Fields()
	out := make([]string, len(fs))
	for i, f := range fs {
		out[i] = f.Name
	}
	return out
}

func fieldInfo(name string) (FieldInfo, bool) {
	for _, f := range Fields() {
		if f.Name == name {
			return f, true
		}
	}
	return FieldInfo{}, false
}

// Age is the record's age in whole years at now, from its date_of_birth;
// false when the date is missing, not a date, or after now.
func (r *Record) Age(now time.Time) (int, bool) {
	dob, err := time.Parse("2006-01-02", r.Fields[record.DateOfBirth.Name()])
	if err != nil {
		return 0, false
	}
	y1, m1, d1 := now.Date()
	y0, m0, d0 := dob.Date()
	if dob.After(time.Date(y1, m1, d1, 0, 0, 0, 0, time.UTC)) {
		return 0, false
	}
	age := y1 - y0
	if m1 < m0 || m1 == m0 && d1 < d0 {
		age--
	}
	return age, true
}

// Services maps the record's sources to service names (a source with no
// mapping is its own service), sorted and without repeats.
func (r *Record) Services(mapping map[string]string) []string {
	seen := map[string]bool{}
	var out []string
	for _, s := range r.Sources {
		s = strings.TrimSpace(s)
		if s == "" {
			continue
		}
		if m, ok := mapping[s]; ok && m != "" {
			s = m
		}
		if !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	sort.Strings(out)
	return out
}

// NormalFlags returns the record's flags normalised, sorted, without repeats.
func (r *Record) NormalFlags() []string {
	seen := map[string]bool{}
	var out []string
	for _, f := range r.Flags {
		f = NormaliseFlag(f)
		if f != "" && !seen[f] {
			seen[f] = true
			out = append(out, f)
		}
	}
	sort.Strings(out)
	return out
}

// SplitList splits a ';'-separated column into its non-empty parts.
func SplitList(s string) []string {
	var out []string
	for _, p := range strings.Split(s, ";") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}
