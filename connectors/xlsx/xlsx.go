// Package xlsx reads Excel workbooks with excelize: one named sheet, several,
// or the first; the header row detected or given; cells read raw, so dates
// arrive as Excel serial numbers (map them with date: excel, which the
// mapper also tries for numbers in any date column of a workbook) and
// numbers stored as text keep their leading zeros.
package xlsx

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/council/golden/connectors/raw"
)

// Format is the xlsx connector's format section.
type Format struct {
	Sheet     string   `yaml:"sheet"`      // a sheet name (default: the first sheet)
	Sheets    []string `yaml:"sheets"`     // several sheets, read in this order; "*" for all
	HeaderRow int      `yaml:"header_row"` // 1-based row of the header; 0 = detect
	Header    *bool    `yaml:"header"`     // false: no header, columns are named A, B, C …
	Trailer   string   `yaml:"trailer"`    // the start of a sheet's last row that is a total or trailer, not a record
}

// Connector is the xlsx connector.
type Connector struct{}

// Name implements raw.Connector.
func (Connector) Name() string { return "xlsx" }

// Summary implements raw.Connector.
func (Connector) Summary() string {
	return "Excel .xlsx workbooks: a named sheet or several, header row detection, serial dates"
}

// NeedsFiles implements raw.NeedsFiles.
func (Connector) NeedsFiles() bool { return true }

// Open implements raw.Connector.
func (Connector) Open(ctx context.Context, src *raw.Source) (raw.Reader, error) {
	var f Format
	if err := raw.DecodeStrict(src.Config.File, "source "+src.Name+": format", src.Format, &f); err != nil {
		return nil, err
	}
	if f.Sheet != "" && len(f.Sheets) > 0 {
		return nil, src.Errorf(raw.Node(src.Format, "sheets"), "format: give sheet or sheets, not both")
	}
	if f.HeaderRow < 0 {
		return nil, src.Errorf(raw.Node(src.Format, "header_row"), "format: header_row may not be negative")
	}
	sheets := f.Sheets
	if f.Sheet != "" {
		sheets = []string{f.Sheet}
	}
	header := f.Header == nil || *f.Header
	trailer := strings.TrimSpace(f.Trailer)
	if f.Trailer != "" && trailer == "" {
		return nil, src.Errorf(raw.Node(src.Format, "trailer"), "format: trailer is blank (want the text the trailer row starts with, such as \"Total\")")
	}
	return &Reader{Files: src.Files, Sheets: sheets, HeaderRow: f.HeaderRow, Header: header, Trailer: trailer, Warn: src.Warn}, nil
}

// Reader reads sheets of workbooks.
type Reader struct {
	Files     []string
	Sheets    []string // empty: the first sheet
	HeaderRow int
	Header    bool
	Trailer   string // the start of a trailer row; "" for none
	Warn      raw.Warner
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

func (r *Reader) readFile(ctx context.Context, path string, emit raw.Emit) error {
	wb, err := excelize.OpenFile(path)
	if err != nil {
		if errors.Is(err, excelize.ErrWorkbookFileFormat) || strings.Contains(err.Error(), "zip") {
			return &raw.FileError{File: path, Err: errors.New("not an .xlsx workbook")}
		}
		return &raw.FileError{File: path, Err: fmt.Errorf("open workbook: %w", err)}
	}
	defer wb.Close()
	list := wb.GetSheetList()
	sheets := r.Sheets
	switch {
	case len(sheets) == 0:
		if len(list) == 0 {
			return &raw.FileError{File: path, Err: errors.New("the workbook has no sheets")}
		}
		sheets = list[:1]
	case len(sheets) == 1 && sheets[0] == "*":
		sheets = list
	}
	for _, s := range sheets {
		if idx, _ := wb.GetSheetIndex(s); idx < 0 {
			return &raw.FileError{File: path, Err: fmt.Errorf("no sheet %q; the workbook has: %s", s, strings.Join(list, ", "))}
		}
	}
	for _, s := range sheets {
		if err := r.readSheet(ctx, wb, path, s, emit); err != nil {
			return err
		}
	}
	return nil
}

// detectRows is how many rows header detection looks at.
const detectRows = 30

func (r *Reader) warn(format string, args ...any) {
	if r.Warn != nil {
		r.Warn.Warn(format, args...)
	}
}

func (r *Reader) readSheet(ctx context.Context, wb *excelize.File, path, sheet string, emit raw.Emit) error {
	name := filepath.Base(path) + "[" + sheet + "]"
	rows, err := wb.Rows(sheet)
	if err != nil {
		return &raw.FileError{File: path, Err: fmt.Errorf("sheet %q: %w", sheet, err)}
	}
	defer rows.Close()
	opt := excelize.Options{RawCellValue: true}
	// Buffer the first rows to find the header.
	var head [][]string
	n := 0
	for len(head) < detectRows && rows.Next() {
		c, err := rows.Columns(opt)
		if err != nil {
			return &raw.FileError{File: path, Err: fmt.Errorf("sheet %q row %d: %w", sheet, n+1, err)}
		}
		head = append(head, c)
		n++
	}
	hdrAt := -1 // 0-based index into head
	switch {
	case !r.Header:
	case r.HeaderRow > 0:
		hdrAt = r.HeaderRow - 1
		if hdrAt >= len(head) {
			return &raw.FileError{File: path, Err: fmt.Errorf("sheet %q: header_row %d is past the sheet's %d rows", sheet, r.HeaderRow, len(head))}
		}
	default:
		hdrAt = DetectHeader(head)
		if hdrAt < 0 {
			if len(head) == 0 {
				r.warn("%s: the sheet is empty", name)
				return nil
			}
			return &raw.FileError{File: path, Err: fmt.Errorf("sheet %q: no header row found in the first %d rows (set format.header_row)", sheet, detectRows)}
		}
	}
	var header *raw.Header
	if hdrAt >= 0 {
		header = makeHeader(head[hdrAt], r.warn, name)
	}
	var emitted int64
	send := func(rowNum int, cells []string) error {
		if allEmpty(cells) {
			return nil
		}
		if header == nil {
			names := make([]string, 0, len(cells))
			for i := range cells {
				col, _ := excelize.ColumnNumberToName(i + 1)
				names = append(names, col)
			}
			header = raw.NewHeader(names)
		}
		row := &raw.Row{File: name, Line: int64(rowNum), Header: header, Raw: strings.Join(cells, "\t")}
		vals := make([]string, len(header.Names))
		copy(vals, cells)
		if len(cells) > len(header.Names) {
			for _, extra := range cells[len(header.Names):] {
				if strings.TrimSpace(extra) != "" {
					row.Err = &raw.RowError{Reason: fmt.Sprintf("row has cells beyond the header's %d columns", len(header.Names))}
					row.Header = nil
					break
				}
			}
		}
		if row.Err == nil {
			row.Values = vals
		}
		emitted++
		return emit(row)
	}
	// With format.trailer, a row that starts like the trailer is held back:
	// it is the trailer only if no other row follows it on the sheet.
	var held []string
	heldAt := 0
	take := func(rowNum int, cells []string) error {
		if r.Trailer == "" {
			return send(rowNum, cells)
		}
		if allEmpty(cells) {
			return nil
		}
		if held != nil {
			if err := send(heldAt, held); err != nil {
				return err
			}
			held = nil
		}
		if raw.IsTrailer(strings.Join(cells, " "), r.Trailer) {
			held, heldAt = append([]string(nil), cells...), rowNum
			return nil
		}
		return send(rowNum, cells)
	}
	for i, c := range head {
		if i <= hdrAt {
			continue
		}
		if err := take(i+1, c); err != nil {
			return err
		}
	}
	for rows.Next() {
		n++
		if n%4096 == 0 && ctx.Err() != nil {
			return ctx.Err()
		}
		c, err := rows.Columns(opt)
		if err != nil {
			return &raw.FileError{File: path, Err: fmt.Errorf("sheet %q row %d: %w", sheet, n, err)}
		}
		if err := take(n, c); err != nil {
			return err
		}
	}
	if r.Trailer != "" {
		if held == nil {
			r.warn("%s: no trailer row starting %q at the end: the sheet may be cut short", name, r.Trailer)
		} else if want, ok := raw.TrailerCount(strings.Join(held, " "), r.Trailer); ok && want != emitted {
			r.warn("%s: the trailer at row %d states %d records, the sheet has %d rows", name, heldAt, want, emitted)
		}
	}
	if emitted == 0 && hdrAt >= 0 {
		r.warn("%s: header only, no rows", name)
	}
	return nil
}

// DetectHeader returns the index of the header among the first rows: the
// first row of at least two text cells (no numbers) that fills at least half
// as many columns as the fullest row. -1 if none.
func DetectHeader(rows [][]string) int {
	most := 0
	for _, r := range rows {
		if n := filled(r); n > most {
			most = n
		}
	}
	for i, r := range rows {
		n := filled(r)
		if n < 2 || n*2 < most {
			continue
		}
		text := true
		for _, c := range r {
			c = strings.TrimSpace(c)
			if c == "" {
				continue
			}
			if _, err := strconv.ParseFloat(c, 64); err == nil {
				text = false
				break
			}
		}
		if text {
			return i
		}
	}
	return -1
}

func filled(r []string) int {
	n := 0
	for _, c := range r {
		if strings.TrimSpace(c) != "" {
			n++
		}
	}
	return n
}

func allEmpty(r []string) bool { return filled(r) == 0 }

func makeHeader(cells []string, warn func(string, ...any), where string) *raw.Header {
	names := make([]string, len(cells))
	seen := map[string]int{}
	for i, c := range cells {
		n := strings.TrimSpace(c)
		if n == "" {
			n, _ = excelize.ColumnNumberToName(i + 1)
		}
		key := strings.ToLower(n)
		if k := seen[key]; k > 0 {
			seen[key] = k + 1
			nn := fmt.Sprintf("%s_%d", n, k+1)
			warn("%s: the header names column %q twice; column %d is called %q", where, n, i+1, nn)
			n = nn
		} else {
			seen[key] = 1
		}
		names[i] = n
	}
	h := raw.NewHeader(names)
	h.ExcelDates = true
	return h
}
