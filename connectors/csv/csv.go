// Package csv reads delimited text of every dialect councils export: comma,
// semicolon, tab or pipe; with or without a header; quoted or not; UTF-8
// with or without a BOM, Windows-1252, Latin-1 or UTF-16. The dialect is
// declared in the source's format section or detected.
//
// The reader is built to lose nothing: a row it cannot frame (broken
// quoting, a ragged row, bytes invalid for the encoding, binary junk, a
// line over the size limit) is emitted with its reason and raw content for
// quarantine, and reading goes on at the next line.
package csv

import (
	"context"
	"fmt"
	"io"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/council/golden/connectors/raw"
)

// Format is the csv connector's format section.
type Format struct {
	Delimiter   string  `yaml:"delimiter"`     // , ; \t | (or "tab"); detected if empty
	Header      *bool   `yaml:"header"`        // default true; false names columns 1, 2, 3 …
	Quote       *string `yaml:"quote"`         // default "; "" turns quoting off
	Encoding    string  `yaml:"encoding"`      // utf-8 | windows-1252 | latin-1 | utf-16; detected if empty
	SkipRows    int     `yaml:"skip_rows"`     // lines to skip before the header
	Ragged      string  `yaml:"ragged"`        // quarantine (default) | pad: short rows padded with empty columns
	MaxRowBytes int     `yaml:"max_row_bytes"` // a row longer than this is quarantined; default 4 MiB
	MaxRowLines int     `yaml:"max_row_lines"` // lines a quoted field may span; default 200
	Trailer     string  `yaml:"trailer"`       // the start of a file's last line that is a trailer, not a row ("TOTAL RECORDS:")
}

// Dialect is a resolved Format.
type Dialect struct {
	Delimiter   byte // 0: detect
	Header      bool
	Quote       byte // 0: no quoting
	Encoding    string
	SkipRows    int
	Pad         bool
	MaxRowBytes int
	MaxRowLines int
	Trailer     string // the start of the trailer line, upper case; "" for none
}

// Connector is the csv connector.
type Connector struct{}

// Name implements raw.Connector.
func (Connector) Name() string { return "csv" }

// Summary implements raw.Connector.
func (Connector) Summary() string {
	return "delimited text: any delimiter, header or not, quoted or not, UTF-8/Windows-1252/Latin-1"
}

// NeedsFiles implements raw.NeedsFiles.
func (Connector) NeedsFiles() bool { return true }

// Open implements raw.Connector.
func (Connector) Open(ctx context.Context, src *raw.Source) (raw.Reader, error) {
	d, err := ParseFormat(src)
	if err != nil {
		return nil, err
	}
	return &Reader{Files: src.Files, Dialect: d, Warn: src.Warn}, nil
}

// ParseFormat decodes and checks a source's format section.
func ParseFormat(src *raw.Source) (Dialect, error) {
	var f Format
	if err := raw.DecodeStrict(src.Config.File, "source "+src.Name+": format", src.Format, &f); err != nil {
		return Dialect{}, err
	}
	d := Dialect{Header: true, Quote: '"', SkipRows: f.SkipRows, MaxRowBytes: 4 << 20, MaxRowLines: 200}
	switch f.Delimiter {
	case "":
	case "tab", `\t`, "\t":
		d.Delimiter = '\t'
	case "pipe":
		d.Delimiter = '|'
	default:
		if len(f.Delimiter) != 1 || f.Delimiter == "\n" || f.Delimiter == "\r" || f.Delimiter == `"` {
			return d, src.Errorf(raw.Node(src.Format, "delimiter"), "format: delimiter %q (want one character such as , ; | or tab)", f.Delimiter)
		}
		d.Delimiter = f.Delimiter[0]
	}
	if f.Header != nil {
		d.Header = *f.Header
	}
	if f.Quote != nil {
		switch len(*f.Quote) {
		case 0:
			d.Quote = 0
		case 1:
			d.Quote = (*f.Quote)[0]
		default:
			return d, src.Errorf(raw.Node(src.Format, "quote"), "format: quote %q (want one character, or \"\" for none)", *f.Quote)
		}
	}
	enc, err := raw.ParseEncoding(f.Encoding)
	if err != nil {
		return d, src.Errorf(raw.Node(src.Format, "encoding"), "format: %v", err)
	}
	d.Encoding = enc
	if f.SkipRows < 0 {
		return d, src.Errorf(raw.Node(src.Format, "skip_rows"), "format: skip_rows may not be negative")
	}
	switch f.Ragged {
	case "", "quarantine":
	case "pad":
		d.Pad = true
	default:
		return d, src.Errorf(raw.Node(src.Format, "ragged"), "format: ragged %q (want quarantine or pad)", f.Ragged)
	}
	if f.MaxRowBytes > 0 {
		d.MaxRowBytes = f.MaxRowBytes
	}
	if f.MaxRowLines > 0 {
		d.MaxRowLines = f.MaxRowLines
	}
	if f.Trailer != "" {
		d.Trailer = strings.ToUpper(strings.TrimSpace(f.Trailer))
		if d.Trailer == "" {
			return d, src.Errorf(raw.Node(src.Format, "trailer"), "format: trailer is blank (want the text the trailer line starts with, such as \"TOTAL RECORDS:\")")
		}
	}
	return d, nil
}

// Reader reads delimited files one after the other.
type Reader struct {
	Files   []string
	Dialect Dialect
	Warn    raw.Warner
}

// Read implements raw.Reader.
func (r *Reader) Read(ctx context.Context, emit raw.Emit) error {
	for _, path := range r.Files {
		if err := r.readFile(ctx, path, emit); err != nil {
			return err
		}
	}
	return nil
}

func (r *Reader) warn(format string, args ...any) {
	if r.Warn != nil {
		r.Warn.Warn(format, args...)
	}
}

func (r *Reader) readFile(ctx context.Context, path string, emit raw.Emit) error {
	name := filepath.Base(path)
	d := r.Dialect
	tf, err := raw.OpenText(path, d.Encoding)
	if err != nil {
		return &raw.FileError{File: path, Err: err}
	}
	defer tf.Close()
	if tf.Detected && tf.Encoding != raw.UTF8 {
		r.warn("%s: encoding not declared; read as %s (declare format.encoding to be sure)", name, tf.Encoding)
	}
	if d.Delimiter == 0 {
		head, _ := tf.Peek(64 << 10)
		d.Delimiter = Sniff(head, d.Quote)
	}
	p := &parser{lines: raw.NewLines(tf.Reader, d.MaxRowBytes), d: d, enc: tf.Encoding}
	if tf.Detected && tf.Encoding == raw.UTF8 {
		p.fallback = true
		p.onFallback = func(line int64) {
			r.warn("%s: encoding not declared; the start of the file is UTF-8 but line %d is not: lines that are not UTF-8 are read as Windows-1252 (declare format.encoding to be sure)", name, line)
		}
	}
	for i := 0; i < d.SkipRows; i++ {
		if _, _, err := p.lines.Next(); err != nil {
			if err == io.EOF {
				break
			}
			return &raw.FileError{File: path, Err: err}
		}
	}
	var header *raw.Header
	if d.Header {
		for {
			rec, err := p.next()
			if err == io.EOF {
				r.warn("%s: the file is empty (no header row)", name)
				return nil
			}
			if err != nil {
				return &raw.FileError{File: path, Err: err}
			}
			if rec.blank {
				continue
			}
			if rec.err != nil {
				return &raw.FileError{File: path, Line: rec.line, Err: fmt.Errorf("header row: %s", rec.err.Reason)}
			}
			header = r.makeHeader(name, rec.fields)
			break
		}
	}
	var n int64
	var block []raw.Row
	// brokeAt is the line of the last broken quoting, until a whole row
	// follows it: the short lines between are most likely the rest of the
	// broken field (read into it, or beyond max_row_lines).
	var brokeAt int64
	emitRec := func(rec record) error {
		n++
		// Rows are allocated in blocks: one allocation per 256 rows, not one each.
		if len(block) == 0 {
			block = make([]raw.Row, 256)
		}
		row := &block[0]
		block = block[1:]
		*row = raw.Row{File: name, Line: rec.line, Raw: rec.raw, Err: rec.err}
		if row.Err != nil && header != nil {
			// The columns read before the fault, for the row's id.
			row.Header, row.Values = header, rec.fields
		}
		if row.Err != nil && strings.HasPrefix(row.Err.Reason, "broken quoting") {
			brokeAt = rec.line
		}
		if rec.afterBroken != 0 {
			brokeAt = rec.afterBroken
		}
		if row.Err == nil {
			if header == nil {
				names := make([]string, len(rec.fields))
				for i := range names {
					names[i] = strconv.Itoa(i + 1)
				}
				header = raw.NewHeader(names)
			}
			row.Header = header
			row.Values = rec.fields
			if len(rec.fields) >= len(header.Names) {
				brokeAt = 0 // a whole row: back in step
			}
			if len(rec.fields) != len(header.Names) {
				// A short line after broken quoting, before a whole row, is
				// most likely the rest of the broken field: not padded.
				pad := d.Pad && (brokeAt == 0 || len(rec.fields) > len(header.Names))
				row.Values, row.Err = fitRow(rec.fields, len(header.Names), pad)
				if row.Err != nil && d.Pad && !pad {
					row.Err.Reason = fmt.Sprintf("ragged row: %d columns, the header has %d; it follows the quoted field that broke at line %d and is probably the rest of it (not padded)",
						len(rec.fields), len(header.Names), brokeAt)
				}
				if row.Err != nil {
					row.Values = rec.fields[:min(len(rec.fields), len(header.Names))]
				}
			}
		}
		return emit(row)
	}
	// With format.trailer, a line that starts like the trailer is held back:
	// it is the trailer only if no other row follows it.
	var held record
	holding := false
	for {
		if n%4096 == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		rec, err := p.next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return &raw.FileError{File: path, Line: p.lines.Line, Err: err}
		}
		if rec.blank || rec.err == nil && allEmpty(rec.fields) {
			// Blank lines and rows of empty cells (",,,,") hold nothing to lose.
			continue
		}
		if holding {
			// Not the last line after all: a row like any other.
			holding = false
			if err := emitRec(held); err != nil {
				return err
			}
		}
		if d.Trailer != "" && raw.IsTrailer(rec.raw, d.Trailer) {
			held, holding = rec, true
			continue
		}
		if err := emitRec(rec); err != nil {
			return err
		}
	}
	if d.Trailer != "" {
		if !holding {
			r.warn("%s: no trailer line starting %q at the end: the file may be cut short", name, d.Trailer)
		} else if want, ok := raw.TrailerCount(held.raw, d.Trailer); ok && want != n {
			r.warn("%s: the trailer at line %d states %d records, the file has %d rows", name, held.line, want, n)
		}
	}
	if d.Header && n == 0 {
		r.warn("%s: header only, no rows", name)
	}
	return nil
}

func allEmpty(fields []string) bool {
	for _, f := range fields {
		if strings.TrimSpace(f) != "" {
			return false
		}
	}
	return true
}

func fitRow(fields []string, want int, pad bool) ([]string, *raw.RowError) {
	got := len(fields)
	if got > want {
		// Trailing empty columns (a stray delimiter at the end) lose nothing.
		extra := fields[want:]
		for _, v := range extra {
			if strings.TrimSpace(v) != "" {
				return nil, &raw.RowError{Reason: fmt.Sprintf("ragged row: %d columns, the header has %d", got, want)}
			}
		}
		return fields[:want], nil
	}
	if pad {
		out := make([]string, want)
		copy(out, fields)
		return out, nil
	}
	return nil, &raw.RowError{Reason: fmt.Sprintf("ragged row: %d columns, the header has %d (set format.ragged: pad to accept short rows)", got, want)}
}

// makeHeader trims names, names empty columns by position and makes
// duplicate names unique (NAME, NAME_2), warning about each.
func (r *Reader) makeHeader(file string, fields []string) *raw.Header {
	names := make([]string, len(fields))
	seen := map[string]int{}
	for i, f := range fields {
		n := strings.TrimSpace(f)
		if n == "" {
			n = strconv.Itoa(i + 1)
		}
		key := strings.ToLower(n)
		if c := seen[key]; c > 0 {
			seen[key] = c + 1
			nn := fmt.Sprintf("%s_%d", n, c+1)
			r.warn("%s: the header names column %q twice; column %d is called %q", file, n, i+1, nn)
			n = nn
		} else {
			seen[key] = 1
		}
		names[i] = n
	}
	return raw.NewHeader(names)
}

// Sniff picks the delimiter of the sample: the candidate (, ; tab |) that
// splits the most lines into the same number of columns, more than one.
func Sniff(sample []byte, quote byte) byte {
	text := string(sample)
	lines := strings.Split(text, "\n")
	if len(lines) > 1 && len(sample) == 64<<10 {
		lines = lines[:len(lines)-1] // the last line may be cut
	}
	if len(lines) > 50 {
		lines = lines[:50]
	}
	best, bestScore := byte(','), -1
	for _, c := range []byte{',', '\t', ';', '|'} {
		counts := map[int]int{}
		for _, l := range lines {
			if strings.TrimSpace(l) == "" {
				continue
			}
			counts[countOutside(l, c, quote)]++
		}
		score := 0
		for cols, lines := range counts {
			if cols > 0 && lines*100+cols > score {
				score = lines*100 + cols
			}
		}
		if score > bestScore {
			best, bestScore = c, score
		}
	}
	return best
}

func countOutside(line string, c, quote byte) int {
	n, in := 0, false
	for i := 0; i < len(line); i++ {
		switch {
		case quote != 0 && line[i] == quote:
			in = !in
		case !in && line[i] == c:
			n++
		}
	}
	return n
}
