package synthetic

import (
	"archive/zip"
	"bufio"
	"compress/flate"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// xlsxWriter streams a minimal Office Open XML workbook: each sheet's rows go
// to a temporary file as they come, and Close assembles the zip (content
// types, relationships, workbook, one worksheet part per sheet). Strings are
// inline, numbers plain; no styles. It is far cheaper than a general Excel
// library for a million rows, and its bytes depend only on the rows.
type xlsxWriter struct {
	path   string
	sheets []*xlsxSheet
}

type xlsxSheet struct {
	name string
	tmp  *os.File
	w    *bufio.Writer
	rows int
	buf  []byte
}

func newXLSX(path string, sheets ...string) (*xlsxWriter, error) {
	x := &xlsxWriter{path: path}
	for i, name := range sheets {
		f, err := os.CreateTemp(filepath.Dir(path), ".xlsx-sheet-*")
		if err != nil {
			x.abort()
			return nil, fmt.Errorf("synthetic: %s: %w", filepath.Base(path), err)
		}
		x.sheets = append(x.sheets, &xlsxSheet{name: name, tmp: f, w: bufio.NewWriterSize(f, 1<<18)})
		_ = i
	}
	return x, nil
}

// cell is one cell: a string, or a number when num is set.
type cell struct {
	s   string
	n   int64
	num bool
}

func str(s string) cell   { return cell{s: s} }
func number(n int64) cell { return cell{n: n, num: true} }

// row appends a row to sheet i.
func (x *xlsxWriter) row(i int, cells ...cell) {
	sh := x.sheets[i]
	sh.rows++
	r := strconv.Itoa(sh.rows)
	b := sh.buf[:0]
	b = append(b, `<row r="`...)
	b = append(b, r...)
	b = append(b, `">`...)
	for c, v := range cells {
		if !v.num && v.s == "" {
			continue
		}
		b = append(b, `<c r="`...)
		b = appendColumn(b, c)
		b = append(b, r...)
		if v.num {
			b = append(b, `"><v>`...)
			b = strconv.AppendInt(b, v.n, 10)
			b = append(b, `</v></c>`...)
			continue
		}
		b = append(b, `" t="inlineStr"><is><t>`...)
		b = appendXMLText(b, v.s)
		b = append(b, `</t></is></c>`...)
	}
	b = append(b, `</row>`...)
	sh.buf = b
	sh.w.Write(b)
}

// appendColumn appends the column letters of 0-based column c.
func appendColumn(b []byte, c int) []byte {
	if c >= 26 {
		b = appendColumn(b, c/26-1)
	}
	return append(b, byte('A'+c%26))
}

func appendXMLText(b []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		switch c := s[i]; c {
		case '&':
			b = append(b, "&amp;"...)
		case '<':
			b = append(b, "&lt;"...)
		case '>':
			b = append(b, "&gt;"...)
		default:
			b = append(b, c)
		}
	}
	return b
}

func (x *xlsxWriter) abort() {
	for _, sh := range x.sheets {
		if sh.tmp != nil {
			sh.tmp.Close()
			os.Remove(sh.tmp.Name())
		}
	}
}

// Close writes the workbook and removes the temporary files.
func (x *xlsxWriter) Close() (err error) {
	defer x.abort()
	for _, sh := range x.sheets {
		if err := sh.w.Flush(); err != nil {
			return fmt.Errorf("synthetic: %s: %w", filepath.Base(x.path), err)
		}
	}
	f, err := os.Create(x.path)
	if err != nil {
		return fmt.Errorf("synthetic: %w", err)
	}
	defer func() {
		if cerr := f.Close(); err == nil && cerr != nil {
			err = fmt.Errorf("synthetic: %s: %w", filepath.Base(x.path), cerr)
		}
	}()
	bw := bufio.NewWriterSize(f, 1<<18)
	zw := zip.NewWriter(bw)
	zw.RegisterCompressor(zip.Deflate, func(w io.Writer) (io.WriteCloser, error) {
		return flate.NewWriter(w, flate.BestSpeed)
	})
	put := func(name, content string) error {
		w, err := zw.CreateHeader(&zip.FileHeader{Name: name, Method: zip.Deflate, Modified: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)})
		if err != nil {
			return err
		}
		_, err = io.WriteString(w, content)
		return err
	}
	var ct, wb, rels strings.Builder
	ct.WriteString(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>`)
	wb.WriteString(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>`)
	rels.WriteString(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">`)
	for i, sh := range x.sheets {
		n := strconv.Itoa(i + 1)
		ct.WriteString(`<Override PartName="/xl/worksheets/sheet` + n + `.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`)
		wb.WriteString(`<sheet name="` + string(appendXMLText(nil, sh.name)) + `" sheetId="` + n + `" r:id="rId` + n + `"/>`)
		rels.WriteString(`<Relationship Id="rId` + n + `" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet` + n + `.xml"/>`)
	}
	ct.WriteString(`</Types>`)
	wb.WriteString(`</sheets></workbook>`)
	rels.WriteString(`</Relationships>`)
	parts := []struct{ name, content string }{
		{"[Content_Types].xml", ct.String()},
		{"_rels/.rels", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`},
		{"xl/workbook.xml", wb.String()},
		{"xl/_rels/workbook.xml.rels", rels.String()},
	}
	for _, p := range parts {
		if err := put(p.name, p.content); err != nil {
			return fmt.Errorf("synthetic: %s: %w", filepath.Base(x.path), err)
		}
	}
	for i, sh := range x.sheets {
		w, err := zw.CreateHeader(&zip.FileHeader{Name: "xl/worksheets/sheet" + strconv.Itoa(i+1) + ".xml", Method: zip.Deflate,
			Modified: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)})
		if err != nil {
			return fmt.Errorf("synthetic: %s: %w", filepath.Base(x.path), err)
		}
		io.WriteString(w, `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>`)
		if _, err := sh.tmp.Seek(0, io.SeekStart); err != nil {
			return fmt.Errorf("synthetic: %s: %w", filepath.Base(x.path), err)
		}
		if _, err := io.Copy(w, bufio.NewReaderSize(sh.tmp, 1<<18)); err != nil {
			return fmt.Errorf("synthetic: %s: %w", filepath.Base(x.path), err)
		}
		if _, err := io.WriteString(w, `</sheetData></worksheet>`); err != nil {
			return fmt.Errorf("synthetic: %s: %w", filepath.Base(x.path), err)
		}
	}
	if err := zw.Close(); err != nil {
		return fmt.Errorf("synthetic: %s: %w", filepath.Base(x.path), err)
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("synthetic: %s: %w", filepath.Base(x.path), err)
	}
	return nil
}
