package mapping

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"
)

// dateFormat is one named date format: tokens DD, D, MM, M, YYYY, YY, MON,
// MONTH and literal separators; or "excel" (serial day numbers), "iso", or
// a Go reference layout (anything containing 2006).
type dateFormat struct {
	name   string
	excel  bool
	goLay  string
	tokens []dateToken
	dayIdx int // token index of the day, -1 if none
	monIdx int // token index of a numeric month, -1 if none
}

type dateToken struct {
	kind string // "DD", "MM", "YYYY", "YY", "MON", "MONTH", or "" for a literal
	lit  string
}

func parseDateFormat(s string) (*dateFormat, error) {
	f := &dateFormat{name: s, dayIdx: -1, monIdx: -1}
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "excel":
		f.excel = true
		return f, nil
	case "iso":
		s = "YYYY-MM-DD"
	}
	if strings.Contains(s, "2006") {
		f.goLay = s
		return f, nil
	}
	up := strings.ToUpper(s)
	for i := 0; i < len(up); {
		var tok string
		for _, t := range []string{"MONTH", "YYYY", "MON", "YY", "DD", "MM", "D", "M"} {
			if strings.HasPrefix(up[i:], t) {
				tok = t
				break
			}
		}
		if tok == "" {
			c := up[i]
			if c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' {
				return nil, fmt.Errorf("date format %q: unknown token at %q (use DD, MM, YYYY, YY, MON, MONTH, excel or iso)", s, s[i:])
			}
			f.tokens = append(f.tokens, dateToken{lit: string(c)})
			i++
			continue
		}
		i += len(tok)
		switch tok {
		case "D":
			tok = "DD"
		case "M":
			tok = "MM"
		}
		if tok == "DD" {
			f.dayIdx = len(f.tokens)
		}
		if tok == "MM" {
			f.monIdx = len(f.tokens)
		}
		f.tokens = append(f.tokens, dateToken{kind: tok})
	}
	if f.dayIdx < 0 && f.monIdx < 0 && !strings.Contains(up, "MON") && !strings.Contains(up, "Y") {
		return nil, fmt.Errorf("date format %q has no date tokens", s)
	}
	// Each part once: MMM reads as MM then M, two months, and the values
	// would never read.
	parts := map[string]int{}
	for _, t := range f.tokens {
		switch t.kind {
		case "DD":
			parts["day"]++
		case "MM", "MON", "MONTH":
			parts["month"]++
		case "YYYY", "YY":
			parts["year"]++
		}
	}
	for _, part := range []string{"day", "month", "year"} {
		if parts[part] > 1 {
			hint := ""
			if part == "month" && strings.Contains(up, "MMM") {
				hint = " (MMM? a month's name is MON, or MONTH in full)"
			}
			return nil, fmt.Errorf("date format %q has the %s twice%s", s, part, hint)
		}
	}
	return f, nil
}

var monthNames = []string{"january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"}

// excelEpoch is day 0 of Excel's 1900 date system (with its leap-year bug
// folded in, so serial 61 is 1 March 1900).
var excelEpoch = time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC)

// parse reads v. It returns the date and the day and month numbers as read
// (for the order-ambiguity check).
func (f *dateFormat) parse(v string) (t time.Time, day, month int, ok bool) {
	v = strings.TrimSpace(v)
	if v == "" {
		return t, 0, 0, false
	}
	if f.excel {
		x, err := strconv.ParseFloat(v, 64)
		if err != nil || x < 1 || x > 2958465 || math.IsNaN(x) {
			return t, 0, 0, false
		}
		t = excelEpoch.AddDate(0, 0, int(x))
		return t, 0, 0, true
	}
	if f.goLay != "" {
		tt, err := time.Parse(f.goLay, v)
		if err != nil {
			return t, 0, 0, false
		}
		return tt, 0, 0, true
	}
	v = stripTime(v)
	year, mon := -1, -1
	day = -1
	i := 0
	for _, tok := range f.tokens {
		if tok.kind == "" {
			if i >= len(v) {
				return t, 0, 0, false
			}
			// Separators are interchangeable: 01-02-2003 reads with DD/MM/YYYY.
			if v[i] != tok.lit[0] && !(isSep(v[i]) && isSep(tok.lit[0])) {
				return t, 0, 0, false
			}
			i++
			continue
		}
		switch tok.kind {
		case "DD", "MM":
			n, w := digits(v[i:], 2)
			if w == 0 {
				return t, 0, 0, false
			}
			i += w
			if tok.kind == "DD" {
				day = n
			} else {
				mon = n
			}
		case "YYYY":
			n, w := digits(v[i:], 4)
			if w != 4 {
				return t, 0, 0, false
			}
			i += w
			year = n
		case "YY":
			n, w := digits(v[i:], 2)
			if w != 2 {
				return t, 0, 0, false
			}
			i += w
			if n < 30 {
				year = 2000 + n
			} else {
				year = 1900 + n
			}
		case "MON", "MONTH":
			j := i
			for j < len(v) && (v[j] >= 'a' && v[j] <= 'z' || v[j] >= 'A' && v[j] <= 'Z') {
				j++
			}
			word := strings.ToLower(v[i:j])
			mon = -1
			for m, name := range monthNames {
				if len(word) >= 3 && strings.HasPrefix(name, word) && (tok.kind == "MONTH" || len(word) == 3 || word == name || word == "sept") {
					mon = m + 1
					break
				}
			}
			if mon < 0 {
				return t, 0, 0, false
			}
			i = j
		}
	}
	if i != len(v) || year < 0 || mon < 1 || mon > 12 {
		return t, 0, 0, false
	}
	if day < 0 {
		day = 1
	}
	if day < 1 || day > 31 {
		return t, 0, 0, false
	}
	t = time.Date(year, time.Month(mon), day, 0, 0, 0, 0, time.UTC)
	if t.Day() != day {
		return time.Time{}, 0, 0, false // 31/02
	}
	return t, day, mon, true
}

// swappable reports whether the format has numeric day and month, so that a
// value with both ≤ 12 reads either way.
func (f *dateFormat) swappable() bool { return f.dayIdx >= 0 && f.monIdx >= 0 }

// swapOf reports whether g is f with day and month swapped.
func (f *dateFormat) swapOf(g *dateFormat) bool {
	if !f.swappable() || !g.swappable() || len(f.tokens) != len(g.tokens) {
		return false
	}
	for i := range f.tokens {
		a, b := f.tokens[i], g.tokens[i]
		switch {
		case i == f.dayIdx:
			if b.kind != "MM" {
				return false
			}
		case i == f.monIdx:
			if b.kind != "DD" {
				return false
			}
		case a != b:
			return false
		}
	}
	return true
}

func isSep(c byte) bool { return c == '/' || c == '-' || c == '.' || c == ' ' }

func digits(s string, max int) (int, int) {
	n, w := 0, 0
	for w < len(s) && w < max && s[w] >= '0' && s[w] <= '9' {
		n = n*10 + int(s[w]-'0')
		w++
	}
	return n, w
}

// stripTime drops a midnight or any time of day after a date
// ("2003-07-02 00:00:00", "2003-07-02T10:11:12Z").
func stripTime(v string) string {
	if i := strings.IndexAny(v, "T "); i >= 6 {
		rest := v[i+1:]
		if len(rest) >= 5 && rest[2] == ':' && rest[0] >= '0' && rest[0] <= '9' {
			return v[:i]
		}
	}
	return v
}
