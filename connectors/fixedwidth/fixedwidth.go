// Package fixedwidth reads fixed-width records with a layout declared in
// golden.yaml: start (1-based), length and type per field, and optionally a
// record-type code for files that mix several kinds of record.
package fixedwidth

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/council/golden/connectors/raw"
)

// Field is one field of the layout.
type Field struct {
	Name   string `yaml:"name"`
	Start  int    `yaml:"start"`  // 1-based character position
	Length int    `yaml:"length"` // characters
	Type   string `yaml:"type"`   // text (default) | number | date (dates are parsed by the mapping)
}

// Code is where a record-type code sits on each line.
type Code struct {
	Start  int `yaml:"start"`
	Length int `yaml:"length"`
}

// Format is the fixedwidth connector's format section.
type Format struct {
	Layout      []Field   `yaml:"layout"`
	RecordType  *Code     `yaml:"record_type"`
	RecordTypes yamlCodes `yaml:"record_types"` // codes whose lines are records; others are skipped and counted
	OtherTypes  []string  `yaml:"other_types"`  // codes of lines to skip (other sources' records, headers, trailers); when set, any other code is quarantined
	Encoding    string    `yaml:"encoding"`
	SkipRows    int       `yaml:"skip_rows"`
	Ragged      string    `yaml:"ragged"` // "" (default): pad lines that reach the last field, quarantine shorter | pad | quarantine
}

// yamlCodes accepts a list of codes or a map of code → anything.
type yamlCodes []string

// UnmarshalYAML implements yaml.Unmarshaler.
func (c *yamlCodes) UnmarshalYAML(unmarshal func(any) error) error {
	var list []string
	if err := unmarshal(&list); err == nil {
		*c = list
		return nil
	}
	var m map[string]any
	if err := unmarshal(&m); err != nil {
		return fmt.Errorf("record_types: want a list of codes or a mapping of code: kind")
	}
	for k := range m {
		*c = append(*c, k)
	}
	sort.Strings(*c)
	return nil
}

// Connector is the fixedwidth connector.
type Connector struct{}

// Name implements raw.Connector.
func (Connector) Name() string { return "fixedwidth" }

// Summary implements raw.Connector.
func (Connector) Summary() string {
	return "fixed-width records with a declared layout, optionally filtered by a record-type code"
}

// NeedsFiles implements raw.NeedsFiles.
func (Connector) NeedsFiles() bool { return true }

// Open implements raw.Connector.
func (Connector) Open(ctx context.Context, src *raw.Source) (raw.Reader, error) {
	var f Format
	if err := raw.DecodeStrict(src.Config.File, "source "+src.Name+": format", src.Format, &f); err != nil {
		return nil, err
	}
	layoutNode := raw.Node(src.Format, "layout")
	if len(f.Layout) == 0 {
		return nil, src.Errorf(src.Format, "format: a fixedwidth source needs a layout: [{name, start, length}, …]")
	}
	names := map[string]bool{}
	for i, fl := range f.Layout {
		n := layoutNode.Content[i]
		if fl.Name == "" || fl.Start < 1 || fl.Length < 1 {
			return nil, src.Errorf(n, "format: layout: each field needs a name, a start ≥ 1 and a length ≥ 1")
		}
		if names[fl.Name] {
			return nil, src.Errorf(n, "format: layout: field %q is declared twice", fl.Name)
		}
		names[fl.Name] = true
		switch fl.Type {
		case "", "text", "number", "date":
		default:
			return nil, src.Errorf(n, "format: layout: %s: type %q (want text, number or date)", fl.Name, fl.Type)
		}
	}
	sorted := append([]Field(nil), f.Layout...)
	sort.Slice(sorted, func(i, j int) bool { return sorted[i].Start < sorted[j].Start })
	for i := 1; i < len(sorted); i++ {
		if p := sorted[i-1]; p.Start+p.Length > sorted[i].Start {
			return nil, src.Errorf(layoutNode, "format: layout: fields %s and %s overlap", p.Name, sorted[i].Name)
		}
	}
	if f.RecordType != nil && (f.RecordType.Start < 1 || f.RecordType.Length < 1) {
		return nil, src.Errorf(raw.Node(src.Format, "record_type"), "format: record_type needs start ≥ 1 and length ≥ 1")
	}
	if len(f.OtherTypes) > 0 && len(f.RecordTypes) == 0 {
		return nil, src.Errorf(raw.Node(src.Format, "other_types"), "format: other_types needs record_types (the codes that are records)")
	}
	for _, c := range f.OtherTypes {
		if slices.Contains(f.RecordTypes, strings.TrimSpace(c)) {
			return nil, src.Errorf(raw.Node(src.Format, "other_types"), "format: record type %q is in both record_types and other_types", c)
		}
	}
	if len(f.RecordTypes) > 0 && f.RecordType == nil {
		return nil, src.Errorf(raw.Node(src.Format, "record_types"), "format: record_types needs record_type: {start, length}")
	}
	enc, err := raw.ParseEncoding(f.Encoding)
	if err != nil {
		return nil, src.Errorf(raw.Node(src.Format, "encoding"), "format: %v", err)
	}
	switch f.Ragged {
	case "", "pad", "quarantine":
	default:
		return nil, src.Errorf(raw.Node(src.Format, "ragged"), "format: ragged %q (want pad or quarantine)", f.Ragged)
	}
	return &Reader{Files: src.Files, Format: f, Encoding: enc, Ragged: f.Ragged, Warn: src.Warn, Log: src.Logger()}, nil
}

// Reader reads fixed-width files.
type Reader struct {
	Files    []string
	Format   Format
	Encoding string
	// Ragged says what to do with a line shorter than the layout: "" (the
	// default) pads a line that reaches the last field's start (trailing
	// blanks trimmed by the exporting system) and quarantines a shorter one
	// (a cut record); "pad" pads every line; "quarantine" quarantines every
	// short line.
	Ragged string
	Warn   raw.Warner
	Log    *slog.Logger
}

// minFit is how many lines must be read before a file whose every line is
// too short counts as a layout that does not fit.
const minFit = 20

// Read implements raw.Reader.
func (r *Reader) Read(ctx context.Context, emit raw.Emit) error {
	names := make([]string, len(r.Format.Layout))
	end := 0
	for i, f := range r.Format.Layout {
		names[i] = f.Name
		if e := f.Start + f.Length - 1; e > end {
			end = e
		}
	}
	lastStart := 0
	for _, f := range r.Format.Layout {
		if f.Start > lastStart {
			lastStart = f.Start
		}
	}
	header := raw.NewHeader(names)
	want := map[string]bool{}
	for _, c := range r.Format.RecordTypes {
		want[c] = true
	}
	var others map[string]bool // nil: every code not wanted is skipped
	if len(r.Format.OtherTypes) > 0 {
		others = map[string]bool{}
		for _, c := range r.Format.OtherTypes {
			others[strings.TrimSpace(c)] = true
		}
	}
	for _, path := range r.Files {
		name := filepath.Base(path)
		tf, err := raw.OpenText(path, r.Encoding)
		if err != nil {
			return &raw.FileError{File: path, Err: err}
		}
		lines := raw.NewLines(tf.Reader, 1<<20)
		skipped := map[string]int{}
		var seen, fit, reach int64 // records, records read, records long enough for the last field
		for {
			text, long, err := lines.Next()
			if err == io.EOF {
				break
			}
			if err != nil {
				tf.Close()
				return &raw.FileError{File: path, Err: err}
			}
			if lines.Line <= int64(r.Format.SkipRows) || strings.TrimSpace(text) == "" {
				continue
			}
			if lines.Line%4096 == 0 && ctx.Err() != nil {
				tf.Close()
				return ctx.Err()
			}
			runes := []rune(text)
			unknown := false // a code neither a record nor another declared type
			if rt := r.Format.RecordType; rt != nil {
				code := strings.TrimSpace(cut(runes, rt.Start, rt.Length))
				if len(want) > 0 && !want[code] {
					if others == nil || others[code] {
						skipped[code]++
						continue
					}
					unknown = true
				}
			}
			row := &raw.Row{File: name, Line: lines.Line, Raw: text}
			seen++
			switch {
			case unknown:
				// The code itself stays out of the reason: on a damaged line it may be part of a name.
				row.Err = &raw.RowError{Reason: fmt.Sprintf("the record type at column %d (length %d) is in neither record_types nor other_types", r.Format.RecordType.Start, r.Format.RecordType.Length)}
			case long:
				row.Err = &raw.RowError{Reason: "line longer than 1 MiB"}
			case !utf8.ValidString(text):
				row.Err = &raw.RowError{Reason: "bytes not valid in the declared encoding " + tf.Encoding}
			default:
				if why := raw.CheckText(text, tf.Encoding); why != "" {
					row.Err = &raw.RowError{Reason: why}
					break
				}
				if len(runes) >= lastStart {
					reach++
				}
				if len(runes) < lastStart && r.Ragged == "" {
					row.Err = &raw.RowError{Reason: fmt.Sprintf("line has %d characters; the layout's last field starts at %d (format.ragged: pad accepts short lines)", len(runes), lastStart)}
					break
				}
				if len(runes) < end && r.Ragged == "quarantine" {
					row.Err = &raw.RowError{Reason: fmt.Sprintf("line has %d characters; the layout needs %d", len(runes), end)}
					break
				}
				vals := make([]string, len(r.Format.Layout))
				for i, f := range r.Format.Layout {
					v := strings.TrimSpace(cut(runes, f.Start, f.Length))
					if f.Type == "number" && v != "" && !isNumber(v) {
						row.Err = &raw.RowError{Field: f.Name, Reason: "not a number"}
						break
					}
					vals[i] = v
				}
				if row.Err == nil {
					row.Header, row.Values = header, vals
					fit++
				}
			}
			if seen == minFit && (fit == 0 || reach == 0) {
				tf.Close()
				return &raw.FileError{File: path, Err: fmt.Errorf("the layout does not fit: none of the first %d records reaches its last field", minFit)}
			}
			if err := emit(row); err != nil {
				tf.Close()
				return err
			}
		}
		tf.Close()
		if seen > 0 && seen < minFit && (fit == 0 || reach == 0) {
			return &raw.FileError{File: path, Err: fmt.Errorf("the layout does not fit: none of the %d records reaches its last field", seen)}
		}
		// Other record types belong to other sources: counted in the log, not warned about.
		for c, n := range skipped {
			r.Log.Info("skipped records of another type", "file", name, "record_type", c, "count", n)
		}
	}
	return nil
}

func cut(r []rune, start, length int) string {
	s := start - 1
	if s >= len(r) {
		return ""
	}
	e := s + length
	if e > len(r) {
		e = len(r)
	}
	return string(r[s:e])
}

func isNumber(s string) bool {
	s = strings.TrimPrefix(strings.TrimPrefix(s, "-"), "+")
	dot := false
	for i := 0; i < len(s); i++ {
		switch {
		case s[i] >= '0' && s[i] <= '9':
		case s[i] == '.' && !dot:
			dot = true
		default:
			return false
		}
	}
	return s != "" && s != "."
}
