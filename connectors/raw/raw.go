// Package raw holds what every reader of a legacy format yields and what the
// mapper reads: rows of named columns with where they came from. Framing (a
// CSV dialect, a fixed-width layout, DTF record types, xlsx sheets, JSON
// paths) lives in the readers; turning rows into records lives in mapping.
package raw

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Header names the columns of the rows that share it. Readers make one per
// file or sheet (or per record for JSON objects).
type Header struct {
	Names []string
	// Sparse headers (JSON objects) may lack a mapped column: its value is
	// empty. A dense header (CSV, xlsx) that lacks one is a layout that does
	// not fit the file: a whole-file failure.
	Sparse bool
	// ExcelDates: the rows come from a workbook, where a date cell reads as
	// a serial number; the mapper reads such numbers as dates in any date
	// field.
	ExcelDates bool
	index      map[string]int
	fold       map[string]int
}

// NewHeader returns a header over names. Names are used as given; Index also
// finds a name case-insensitively with surrounding spaces ignored, and by
// 1-based position ("3") when no column has that name.
func NewHeader(names []string) *Header {
	h := &Header{Names: names, index: make(map[string]int, len(names)), fold: make(map[string]int, len(names))}
	for i, n := range names {
		if _, dup := h.index[n]; !dup {
			h.index[n] = i
		}
		k := foldName(n)
		if _, dup := h.fold[k]; !dup {
			h.fold[k] = i
		}
	}
	return h
}

// Index returns the position of the column called name.
func (h *Header) Index(name string) (int, bool) {
	if i, ok := h.index[name]; ok {
		return i, true
	}
	if i, ok := h.fold[foldName(name)]; ok {
		return i, true
	}
	if n, err := strconv.Atoi(name); err == nil && n >= 1 && n <= len(h.Names) {
		return n - 1, true
	}
	return 0, false
}

func foldName(s string) string { return strings.ToLower(strings.TrimSpace(s)) }

// Row is one row of an extract.
type Row struct {
	File    string   // the file (or table, or sheet) it came from, as named in messages
	Line    int64    // 1-based line, row or record number in File
	Header  *Header  // names Values
	Values  []string // one per Header name
	Raw     string   // the row as received, for quarantine
	Err     *RowError
	Deleted bool // the reader knows the row deletes its record (a DTF change type D)
}

// Get returns the value of the named column.
func (r *Row) Get(name string) (string, bool) {
	if r.Header == nil {
		return "", false
	}
	i, ok := r.Header.Index(name)
	if !ok || i >= len(r.Values) {
		return "", false
	}
	return r.Values[i], true
}

// RowError is why a row could not be read. The row goes to quarantine.
type RowError struct {
	Field  string // the column at fault, if one
	Reason string // never the value
}

func (e *RowError) Error() string {
	if e.Field != "" {
		return e.Field + ": " + e.Reason
	}
	return e.Reason
}

// Emit receives rows in file order. An error stops the reader.
type Emit func(*Row) error

// Reader reads one source's extract.
type Reader interface {
	// Read streams every row to emit. It returns an error only for a
	// whole-file failure (missing file, wrong sheet, a layout that does not
	// fit, a refused connection); a bad row is emitted with Err set.
	Read(ctx context.Context, emit Emit) error
}

// ReaderFunc adapts a function to Reader.
type ReaderFunc func(ctx context.Context, emit Emit) error

// Read calls f.
func (f ReaderFunc) Read(ctx context.Context, emit Emit) error { return f(ctx, emit) }

// FileError is a whole-file failure with where it happened.
type FileError struct {
	File string
	Line int64 // 0 if not about one line
	Err  error
}

func (e *FileError) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("%s:%d: %v", e.File, e.Line, e.Err)
	}
	return fmt.Sprintf("%s: %v", e.File, e.Err)
}

func (e *FileError) Unwrap() error { return e.Err }

// Warner collects warnings about a source (ambiguous dates, skipped record
// types, duplicate header names). Messages never hold personal data.
type Warner interface {
	Warn(format string, args ...any)
}

// MaxRaw is how much of a row's raw content is kept in quarantine.
const MaxRaw = 64 << 10

// Clip shortens s to MaxRaw bytes, marking that it was cut.
func Clip(s string) string {
	if len(s) <= MaxRaw {
		return s
	}
	return s[:MaxRaw] + "…[truncated]"
}

// Printable returns raw content safe to store as text: clipped to MaxRaw,
// bytes that are not UTF-8 and NUL bytes written as \xNN escapes.
func Printable(s string) string {
	s = Clip(s)
	if utf8.ValidString(s) && strings.IndexByte(s, 0) < 0 {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && n <= 1 || r == 0 {
			fmt.Fprintf(&b, "\\x%02X", s[i])
			i++
			continue
		}
		b.WriteString(s[i : i+n])
		i += n
	}
	return b.String()
}
