package policy

import (
	"fmt"
	"sort"
	"strings"
)

// Severity says whether a diagnostic stops sharing.
type Severity string

// Severities.
const (
	Error   Severity = "error"
	Warning Severity = "warning"
)

// Diagnostic codes: one per kind of problem, stable for scripts.
const (
	CodeYAML         = "yaml"            // the file is not valid YAML
	CodeUnknownKey   = "unknown-key"     // a key the policy schema does not have
	CodeMissing      = "missing"         // a required key is absent
	CodeBadValue     = "bad-value"       // a value of the wrong shape
	CodeDuplicate    = "duplicate"       // an id or reference defined twice
	CodeUnknownField = "unknown-field"   // a field the record model does not have
	CodeUnknownKind  = "unknown-kind"    // an entity kind other than person, property, business
	CodeUnknownPart  = "unknown-partner" // an agreement names a partner that is not defined
	CodeUnknownFlag  = "unknown-flag"    // an agreement names a flag that is not defined
	CodeTransform    = "transform"       // an unknown transform or one that does not fit its field
	CodeCEL          = "cel"             // a row condition that does not compile or is not boolean
	CodeExpired      = "expired"         // an agreement past its end date
	CodeNotStarted   = "not-started"     // an agreement before its start date
	CodeReview       = "review-due"      // an agreement past its review date
	CodeKeyMissing   = "key-missing"     // pseudonymisation without a usable key
	CodeKeyInPolicy  = "key-in-policy"   // key material written into the policy file
	CodeKeyShared    = "key-shared"      // two partners use the same key
	CodeUnknownSvc   = "unknown-service" // a condition tests a service no source maps to
)

// Diagnostic is one problem in a policy, with where it is.
type Diagnostic struct {
	File     string   `json:"file"`
	Line     int      `json:"line"`
	Column   int      `json:"column,omitempty"`
	Severity Severity `json:"severity"`
	Code     string   `json:"code"`
	Message  string   `json:"message"`
	// Scope is the agreement ("agreement:REF") or partner ("partner:ID") the
	// problem belongs to; empty for the whole policy.
	Scope string `json:"scope,omitempty"`
}

func (d Diagnostic) String() string {
	loc := d.File
	if d.Line > 0 {
		loc = fmt.Sprintf("%s:%d", d.File, d.Line)
		if d.Column > 0 {
			loc = fmt.Sprintf("%s:%d", loc, d.Column)
		}
	}
	return fmt.Sprintf("%s: %s: %s [%s]", loc, d.Severity, d.Message, d.Code)
}

// Diagnostics is a list of problems.
type Diagnostics []Diagnostic

// Errors returns the diagnostics of error severity.
func (ds Diagnostics) Errors() Diagnostics {
	var out Diagnostics
	for _, d := range ds {
		if d.Severity == Error {
			out = append(out, d)
		}
	}
	return out
}

// HasErrors reports whether any diagnostic is an error.
func (ds Diagnostics) HasErrors() bool { return len(ds.Errors()) > 0 }

// Sort orders diagnostics by file position.
func (ds Diagnostics) Sort() {
	sort.SliceStable(ds, func(i, j int) bool {
		if ds[i].Line != ds[j].Line {
			return ds[i].Line < ds[j].Line
		}
		return ds[i].Column < ds[j].Column
	})
}

func (ds Diagnostics) Error() string {
	parts := make([]string, len(ds))
	for i, d := range ds {
		parts[i] = d.String()
	}
	return strings.Join(parts, "\n")
}

// Nearest returns the candidate closest to name by edit distance, if it is
// close enough to be a likely misspelling, else "".
func Nearest(name string, candidates []string) string {
	best, bestD := "", 1<<30
	ln := strings.ToLower(name)
	for _, c := range candidates {
		d := editDistance(ln, strings.ToLower(c))
		if d < bestD {
			best, bestD = c, d
		}
	}
	limit := len([]rune(name))/3 + 1
	if limit < 2 {
		limit = 2
	}
	if bestD <= limit {
		return best
	}
	// A prefix or contained word ("dob" for date_of_birth does not count).
	for _, c := range candidates {
		if len(ln) >= 4 && strings.Contains(strings.ToLower(c), ln) {
			return c
		}
	}
	return ""
}

// didYouMean formats a suggestion suffix.
func didYouMean(name string, candidates []string) string {
	if n := Nearest(name, candidates); n != "" && n != name {
		return fmt.Sprintf(" (did you mean %q?)", n)
	}
	return ""
}

// editDistance is the optimal string alignment distance (Levenshtein with
// adjacent transpositions).
func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	d := make([][]int, len(ra)+1)
	for i := range d {
		d[i] = make([]int, len(rb)+1)
		d[i][0] = i
	}
	for j := range d[0] {
		d[0][j] = j
	}
	for i := 1; i <= len(ra); i++ {
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			d[i][j] = min(d[i-1][j]+1, d[i][j-1]+1, d[i-1][j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				d[i][j] = min(d[i][j], d[i-2][j-2]+1)
			}
		}
	}
	return d[len(ra)][len(rb)]
}
