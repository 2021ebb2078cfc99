// Package jsonsrc reads JSON (an array of records, at the top level or at a
// path inside the document) and NDJSON (one record per line). Nested fields
// are addressed by dotted paths: "name.given", "addresses.0.postcode"; an
// array of plain values also reads as one value joined with ";".
package jsonsrc

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	"github.com/council/golden/connectors/raw"
)

// Format is the json connector's format section.
type Format struct {
	Records  string `yaml:"records"`  // json: dotted path to the array of records; "" = the top level
	Encoding string `yaml:"encoding"` // ndjson and json: utf-8 (default) or another text encoding
}

// Connector is the json (lines: false) or ndjson (lines: true) connector.
type Connector struct{ Lines bool }

// Name implements raw.Connector.
func (c Connector) Name() string {
	if c.Lines {
		return "ndjson"
	}
	return "json"
}

// Summary implements raw.Connector.
func (c Connector) Summary() string {
	if c.Lines {
		return "newline-delimited JSON: one object per line; nested fields by dotted path"
	}
	return "a JSON array of objects (at format.records); nested fields by dotted path"
}

// NeedsFiles implements raw.NeedsFiles.
func (Connector) NeedsFiles() bool { return true }

// Open implements raw.Connector.
func (c Connector) Open(ctx context.Context, src *raw.Source) (raw.Reader, error) {
	var f Format
	if err := raw.DecodeStrict(src.Config.File, "source "+src.Name+": format", src.Format, &f); err != nil {
		return nil, err
	}
	if c.Lines && f.Records != "" {
		return nil, src.Errorf(raw.Node(src.Format, "records"), "format: records is for json; an ndjson file has one record per line")
	}
	enc, err := raw.ParseEncoding(f.Encoding)
	if err != nil {
		return nil, src.Errorf(raw.Node(src.Format, "encoding"), "format: %v", err)
	}
	return &Reader{Files: src.Files, Lines: c.Lines, Records: f.Records, Encoding: enc}, nil
}

// Reader reads JSON or NDJSON files.
type Reader struct {
	Files    []string
	Lines    bool
	Records  string
	Encoding string
}

// Read implements raw.Reader.
func (r *Reader) Read(ctx context.Context, emit raw.Emit) error {
	for _, path := range r.Files {
		var err error
		if r.Lines {
			err = r.readLines(ctx, path, emit)
		} else {
			err = r.readDoc(ctx, path, emit)
		}
		if err != nil {
			return err
		}
	}
	return nil
}

func (r *Reader) readLines(ctx context.Context, path string, emit raw.Emit) error {
	name := filepath.Base(path)
	tf, err := raw.OpenText(path, r.Encoding)
	if err != nil {
		return &raw.FileError{File: path, Err: err}
	}
	defer tf.Close()
	lines := raw.NewLines(tf.Reader, 16<<20)
	for {
		text, long, err := lines.Next()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return &raw.FileError{File: path, Err: err}
		}
		if strings.TrimSpace(text) == "" {
			continue
		}
		if lines.Line%4096 == 0 && ctx.Err() != nil {
			return ctx.Err()
		}
		row := &raw.Row{File: name, Line: lines.Line, Raw: text}
		switch {
		case long:
			row.Err = &raw.RowError{Reason: "line longer than 16 MiB"}
		default:
			if why := raw.CheckText(text, tf.Encoding); why != "" {
				row.Err = &raw.RowError{Reason: why}
				break
			}
			row.Header, row.Values, row.Err = flattenJSON([]byte(text))
		}
		if err := emit(row); err != nil {
			return err
		}
	}
}

func flattenJSON(b []byte) (*raw.Header, []string, *raw.RowError) {
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return nil, nil, &raw.RowError{Reason: "invalid JSON: " + jsonReason(err)}
	}
	if dec.More() {
		return nil, nil, &raw.RowError{Reason: "invalid JSON: text after the record"}
	}
	obj, ok := v.(map[string]any)
	if !ok {
		return nil, nil, &raw.RowError{Reason: "the record is not a JSON object"}
	}
	h, vals := Flatten(obj)
	return h, vals, nil
}

// jsonReason describes a decoding error without quoting the data.
func jsonReason(err error) string {
	var se *json.SyntaxError
	if errors.As(err, &se) {
		return fmt.Sprintf("syntax error at byte %d", se.Offset)
	}
	var te *json.UnmarshalTypeError
	if errors.As(err, &te) {
		return fmt.Sprintf("unexpected %s at byte %d", te.Value, te.Offset)
	}
	if errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF) {
		return "the record is cut short"
	}
	return "cannot decode"
}

// Flatten turns a JSON object into a sparse header of dotted paths and
// their values (numbers as written, true/false, null as empty).
func Flatten(obj map[string]any) (*raw.Header, []string) {
	var names, vals []string
	var walk func(prefix string, v any)
	walk = func(prefix string, v any) {
		switch t := v.(type) {
		case map[string]any:
			keys := make([]string, 0, len(t))
			for k := range t {
				keys = append(keys, k)
			}
			sort.Strings(keys)
			for _, k := range keys {
				p := k
				if prefix != "" {
					p = prefix + "." + k
				}
				walk(p, t[k])
			}
		case []any:
			var scalars []string
			var objs int
			for i, e := range t {
				walk(prefix+"."+strconv.Itoa(i), e)
				switch e.(type) {
				case map[string]any:
					objs++
				case []any:
				default:
					if s := scalar(e); s != "" {
						scalars = append(scalars, s)
					}
				}
			}
			if len(scalars) > 0 {
				names = append(names, prefix)
				vals = append(vals, strings.Join(scalars, ";"))
			}
			if objs > 0 {
				// An array of objects: contacts.name is every element's name,
				// joined with ";" like an array of plain values.
				names, vals = appendAcross(names, vals, prefix, t)
			}
		default:
			names = append(names, prefix)
			vals = append(vals, scalar(t))
		}
	}
	walk("", obj)
	h := raw.NewHeader(names)
	h.Sparse = true
	return h, vals
}

// appendAcross appends, for each path inside the objects of arr, the path
// without the element's index and the non-empty values of every element
// joined with ";" (contacts.0.name and contacts.1.name → contacts.name).
func appendAcross(names, vals []string, prefix string, arr []any) ([]string, []string) {
	var order []string
	joined := map[string][]string{}
	for _, e := range arr {
		obj, ok := e.(map[string]any)
		if !ok {
			continue
		}
		h, v := Flatten(obj)
		for i, n := range h.Names {
			if _, known := joined[n]; !known {
				order = append(order, n)
				joined[n] = nil
			}
			if v[i] != "" {
				joined[n] = append(joined[n], v[i])
			}
		}
	}
	for _, n := range order {
		names = append(names, prefix+"."+n)
		vals = append(vals, strings.Join(joined[n], ";"))
	}
	return names, vals
}

func scalar(v any) string {
	switch t := v.(type) {
	case nil:
		return ""
	case string:
		return t
	case json.Number:
		return number(t)
	case bool:
		return strconv.FormatBool(t)
	}
	return fmt.Sprint(v)
}

// number is a JSON number's text, with a whole number written as one: a
// system that writes an id as 100091234568.0 or 1.00091234568e11 one night
// and "100091234568" the next sends the same record.
func number(n json.Number) string {
	s := n.String()
	if !strings.ContainsAny(s, ".eE") {
		return s
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || f != math.Trunc(f) || math.Abs(f) >= 1<<53 {
		return s
	}
	return strconv.FormatInt(int64(f), 10)
}

// readDoc streams the array at r.Records: each element is decoded on its
// own, so memory stays flat however long the array.
func (r *Reader) readDoc(ctx context.Context, path string, emit raw.Emit) error {
	name := filepath.Base(path)
	var in io.Reader
	if r.Encoding == "" || r.Encoding == raw.UTF8 {
		f, err := os.Open(path)
		if err != nil {
			return &raw.FileError{File: path, Err: err}
		}
		defer f.Close()
		br := bufio.NewReaderSize(f, 256<<10)
		if b, _ := br.Peek(3); bytes.Equal(b, []byte{0xEF, 0xBB, 0xBF}) {
			br.Discard(3)
		}
		in = br
	} else {
		tf, err := raw.OpenText(path, r.Encoding)
		if err != nil {
			return &raw.FileError{File: path, Err: err}
		}
		defer tf.Close()
		in = tf
	}
	dec := json.NewDecoder(in)
	dec.UseNumber()
	fail := func(what string, err error) error {
		return &raw.FileError{File: path, Err: fmt.Errorf("%s: %s", what, jsonReason(err))}
	}
	// Walk down to the array.
	var steps []string
	if r.Records != "" {
		steps = strings.Split(r.Records, ".")
	}
	for _, step := range steps {
		tok, err := dec.Token()
		if err != nil {
			return fail("looking for "+r.Records, err)
		}
		if d, ok := tok.(json.Delim); !ok || d != '{' {
			return &raw.FileError{File: path, Err: fmt.Errorf("records: %q: the document has no object where %q should be", r.Records, step)}
		}
		found := false
		for dec.More() {
			kt, err := dec.Token()
			if err != nil {
				return fail("looking for "+r.Records, err)
			}
			if k, _ := kt.(string); k == step {
				found = true
				break
			}
			var skip json.RawMessage
			if err := dec.Decode(&skip); err != nil {
				return fail("looking for "+r.Records, err)
			}
		}
		if !found {
			return &raw.FileError{File: path, Err: fmt.Errorf("records: no %q in the document (format.records: %s)", step, r.Records)}
		}
	}
	tok, err := dec.Token()
	if err != nil {
		if err == io.EOF {
			return &raw.FileError{File: path, Err: errors.New("the file is empty")}
		}
		return fail("reading the records", err)
	}
	if d, ok := tok.(json.Delim); !ok || d != '[' {
		return &raw.FileError{File: path, Err: fmt.Errorf("records: want an array of records at %q", orTop(r.Records))}
	}
	var n int64
	for dec.More() {
		n++
		if n%4096 == 0 && ctx.Err() != nil {
			return ctx.Err()
		}
		var msg json.RawMessage
		if err := dec.Decode(&msg); err != nil {
			// The array's syntax is broken: nothing after it can be trusted.
			return &raw.FileError{File: path, Err: fmt.Errorf("record %d: %s", n, jsonReason(err))}
		}
		row := &raw.Row{File: name, Line: n, Raw: string(msg)}
		row.Header, row.Values, row.Err = flattenJSON(msg)
		if err := emit(row); err != nil {
			return err
		}
	}
	return nil
}

func orTop(s string) string {
	if s == "" {
		return "the top level"
	}
	return s
}
