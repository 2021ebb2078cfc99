package synthetic

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// file is one output file written through a large buffer.
type file struct {
	name string
	f    *os.File
	w    *bufio.Writer
	rows int
}

func createFile(dir, name string) (*file, error) {
	f, err := os.Create(filepath.Join(dir, name))
	if err != nil {
		return nil, fmt.Errorf("synthetic: create %s: %w", name, err)
	}
	return &file{name: name, f: f, w: bufio.NewWriterSize(f, 1<<18)}, nil
}

func (f *file) close() error {
	if f == nil || f.f == nil {
		return nil
	}
	err := f.w.Flush()
	if cerr := f.f.Close(); err == nil {
		err = cerr
	}
	f.f = nil
	if err != nil {
		return fmt.Errorf("synthetic: write %s: %w", f.name, err)
	}
	return nil
}

// row writes one delimited line, quoting fields that need it.
func writeRow(w io.Writer, sep byte, fields ...string) {
	bw := w.(interface {
		WriteString(string) (int, error)
		WriteByte(byte) error
	})
	for i, s := range fields {
		if i > 0 {
			bw.WriteByte(sep)
		}
		if needsQuote(s, sep) {
			bw.WriteByte('"')
			bw.WriteString(strings.ReplaceAll(s, `"`, `""`))
			bw.WriteByte('"')
		} else {
			bw.WriteString(s)
		}
	}
	bw.WriteByte('\n')
}

func needsQuote(s string, sep byte) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c == sep || c == '"' || c == '\r' || c == '\n' {
			return true
		}
	}
	return false
}

// quotedRow writes a comma-separated line with every field quoted.
func quotedRow(w *bufio.Writer, fields ...string) {
	for i, s := range fields {
		if i > 0 {
			w.WriteByte(',')
		}
		w.WriteByte('"')
		w.WriteString(strings.ReplaceAll(s, `"`, `""`))
		w.WriteByte('"')
	}
	w.WriteByte('\n')
}

// Date formats of the legacy systems.
func ddmmyyyy(t time.Time, sep byte) string {
	if t.IsZero() {
		return ""
	}
	y, m, d := t.Date()
	b := make([]byte, 0, 10)
	b = append2(b, d)
	b = append(b, sep)
	b = append2(b, int(m))
	b = append(b, sep)
	b = strconv.AppendInt(b, int64(y), 10)
	return string(b)
}

func isoDate(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	y, m, d := t.Date()
	b := make([]byte, 0, 10)
	b = strconv.AppendInt(b, int64(y), 10)
	b = append(b, '-')
	b = append2(b, int(m))
	b = append(b, '-')
	b = append2(b, d)
	return string(b)
}

func yyyymmdd(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	y, m, d := t.Date()
	b := make([]byte, 0, 8)
	b = strconv.AppendInt(b, int64(y), 10)
	b = append2(b, int(m))
	b = append2(b, d)
	return string(b)
}

var monthAbbr = [...]string{"", "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"}

// ddMonYYYY is 02-Mar-2012.
func ddMonYYYY(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	y, m, d := t.Date()
	b := make([]byte, 0, 11)
	b = append2(b, d)
	b = append(b, '-')
	b = append(b, monthAbbr[m]...)
	b = append(b, '-')
	b = strconv.AppendInt(b, int64(y), 10)
	return string(b)
}

func append2(b []byte, n int) []byte {
	return append(b, byte('0'+n/10), byte('0'+n%10))
}

// money renders pounds as "£12,345.00".
func money(pounds int) string {
	s := strconv.Itoa(pounds)
	var b strings.Builder
	b.WriteString("£")
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	b.WriteString(".00")
	return b.String()
}

// fixed pads or truncates s to n bytes (ASCII).
func fixed(b []byte, s string, n int) []byte {
	if len(s) > n {
		s = s[:n]
	}
	b = append(b, s...)
	for i := len(s); i < n; i++ {
		b = append(b, ' ')
	}
	return b
}

// lines4 fits address lines into n columns, joining the overflow into the last.
func fitLines(lines []string, n int) []string {
	out := make([]string, n)
	if len(lines) <= n {
		copy(out, lines)
		return out
	}
	copy(out, lines[:n-1])
	out[n-1] = strings.Join(lines[n-1:], ", ")
	return out
}

func uprnText(p *property) string { return strconv.FormatInt(p.uprn, 10) }
