package csv

import (
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"

	"github.com/council/golden/connectors/raw"
)

type pending struct {
	text string
	long bool
	num  int64
	// afterBroken: the line of the broken quoting whose field this line
	// was read into, before it was given back to be read on its own.
	afterBroken int64
}

type record struct {
	fields      []string
	line        int64
	raw         string
	err         *raw.RowError
	blank       bool
	afterBroken int64 // see pending
}

// parser frames physical lines into records. A quoted field may span lines;
// a quote that never closes within max_row_lines or max_row_bytes is broken
// quoting: the opening line is quarantined and parsing resumes on the next.
type parser struct {
	lines   *raw.ReadLines
	d       Dialect
	enc     string
	pending []pending
	// fallback: the encoding was detected as UTF-8 from the start of the
	// file; a later line that is not UTF-8 is read as Windows-1252 (and
	// onFallback told once) rather than quarantined.
	fallback   bool
	onFallback func(line int64)
}

// fixEncoding returns text, or text read as Windows-1252 when the detected
// UTF-8 turns out wrong for this line.
func (p *parser) fixEncoding(text string, line int64) string {
	if !p.fallback || utf8.ValidString(text) {
		return text
	}
	out, err := charmap.Windows1252.NewDecoder().String(text)
	if err != nil {
		return text
	}
	if p.onFallback != nil {
		p.onFallback(line)
		p.onFallback = nil
	}
	return out
}

func (p *parser) nextLine() (pending, error) {
	if n := len(p.pending); n > 0 {
		l := p.pending[0]
		p.pending = p.pending[1:]
		return l, nil
	}
	text, long, err := p.lines.Next()
	if err != nil {
		return pending{}, err
	}
	return pending{text: text, long: long, num: p.lines.Line}, nil
}

// giveBack marks the lines read into a field that broken quoting at line
// broke, before they are read again on their own.
func giveBack(used []pending, broke int64) []pending {
	for i := range used {
		used[i].afterBroken = broke
	}
	return used
}

func (p *parser) next() (record, error) {
	l, err := p.nextLine()
	if err != nil {
		return record{}, err
	}
	rec := record{line: l.num, raw: l.text, afterBroken: l.afterBroken}
	if l.long {
		rec.raw = raw.Clip(l.text)
		rec.err = &raw.RowError{Reason: fmt.Sprintf("row longer than %d bytes (format.max_row_bytes)", p.d.MaxRowBytes)}
		return rec, nil
	}
	if strings.TrimSpace(l.text) == "" {
		rec.blank = true
		return rec, nil
	}
	l.text = p.fixEncoding(l.text, l.num)
	rec.raw = l.text
	q := p.d.Quote
	if q == 0 || strings.IndexByte(l.text, q) < 0 {
		if why := raw.CheckText(l.text, p.enc); why != "" {
			rec.err = &raw.RowError{Reason: why}
			return rec, nil
		}
		rec.fields = strings.Split(l.text, string(p.d.Delimiter))
		return rec, nil
	}
	text := l.text
	var used []pending
	for {
		fields, open, bad := split(text, p.d.Delimiter, q)
		if bad != "" {
			p.pending = append(giveBack(used, l.num), p.pending...)
			rec.err = &raw.RowError{Reason: "broken quoting: " + bad}
			rec.fields = fields // the columns before the fault
			return rec, nil
		}
		if !open {
			rec.raw = text
			if why := raw.CheckText(text, p.enc); why != "" {
				rec.err = &raw.RowError{Reason: why}
				rec.raw = raw.Clip(text)
				return rec, nil
			}
			rec.fields = fields
			return rec, nil
		}
		// The quoted field goes on on the next line.
		if len(used)+1 >= p.d.MaxRowLines || len(text) > p.d.MaxRowBytes {
			p.pending = append(giveBack(used, l.num), p.pending...)
			rec.err = &raw.RowError{Reason: fmt.Sprintf("broken quoting: a quoted field is not closed within %d lines", p.d.MaxRowLines)}
			return rec, nil
		}
		nl, err := p.nextLine()
		if err == io.EOF || (err == nil && nl.long) {
			if err == nil {
				used = append(used, nl)
			}
			p.pending = append(giveBack(used, l.num), p.pending...)
			rec.err = &raw.RowError{Reason: "broken quoting: a quoted field is not closed before the end of the file"}
			return rec, nil
		}
		if err != nil {
			return record{}, err
		}
		used = append(used, nl)
		text += "\n" + p.fixEncoding(nl.text, nl.num)
	}
}

// SplitLine splits one line of delimited text into fields. A quoted field
// that does not close on the line, or text after a closing quote, is an error.
func SplitLine(s string, delim, quote byte) ([]string, error) {
	if quote == 0 || strings.IndexByte(s, quote) < 0 {
		return strings.Split(s, string(delim)), nil
	}
	fields, open, bad := split(s, delim, quote)
	if open {
		return nil, fmt.Errorf("broken quoting: a quoted field is not closed")
	}
	if bad != "" {
		return nil, fmt.Errorf("broken quoting: %s", bad)
	}
	return fields, nil
}

// split splits one record's text into fields. open reports a quoted field
// still open at the end of the text; bad says why the quoting is broken, and
// fields are then the columns before the broken one.
func split(s string, delim, q byte) (fields []string, open bool, bad string) {
	var b strings.Builder
	fields = make([]string, 0, strings.Count(s, string(delim))+1)
	i := 0
	col := 1
	for {
		// Start of a field: skip spaces before an opening quote.
		j := i
		for j < len(s) && s[j] == ' ' {
			j++
		}
		if j < len(s) && s[j] == q {
			// The common case: no doubled quote inside, the field is a substring.
			if e := strings.IndexByte(s[j+1:], q); e >= 0 && (j+1+e+1 == len(s) || s[j+1+e+1] != q) {
				k := j + 1 + e + 1
				for k < len(s) && s[k] == ' ' {
					k++
				}
				if k == len(s) || s[k] == delim {
					fields = append(fields, s[j+1:j+1+e])
					if k == len(s) {
						return fields, false, ""
					}
					i = k + 1
					col++
					continue
				}
			}
			b.Reset()
			k := j + 1
			closed := false
			for k < len(s) {
				c := s[k]
				if c == q {
					if k+1 < len(s) && s[k+1] == q {
						b.WriteByte(q)
						k += 2
						continue
					}
					closed = true
					k++
					break
				}
				b.WriteByte(c)
				k++
			}
			if !closed {
				return nil, true, ""
			}
			// After the closing quote: spaces, then a delimiter or the end.
			for k < len(s) && s[k] == ' ' {
				k++
			}
			fields = append(fields, b.String())
			if k == len(s) {
				return fields, false, ""
			}
			if s[k] != delim {
				// The columns before this one were read whole.
				return fields[:len(fields)-1], false, fmt.Sprintf("text after a closing quote in column %d", col)
			}
			i = k + 1
			col++
			continue
		}
		// An unquoted field: up to the next delimiter; a stray quote is kept.
		k := strings.IndexByte(s[i:], delim)
		if k < 0 {
			fields = append(fields, s[i:])
			return fields, false, ""
		}
		fields = append(fields, s[i:i+k])
		i += k + 1
		col++
	}
}
