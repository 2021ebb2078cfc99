package rules

import (
	"bufio"
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"os"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/council/golden/store"
)

// Formats an extract can be written in.
func Formats() []string { return []string{"csv", "xlsx", "parquet", "json"} }

// extractWriter writes one extract file, a header then rows.
type extractWriter interface {
	Header(cols []string) error
	Row(vals []string) error
	Close() error
}

func createFile(path string) (*os.File, error) {
	return os.OpenFile(path, os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o600)
}

type csvWriter struct {
	f *os.File
	b *bufio.Writer
	w *csv.Writer
}

func newCSV(path string) (*csvWriter, error) {
	f, err := createFile(path)
	if err != nil {
		return nil, err
	}
	b := bufio.NewWriter(f)
	return &csvWriter{f: f, b: b, w: csv.NewWriter(b)}, nil
}

func (c *csvWriter) Header(cols []string) error { return c.w.Write(cols) }
func (c *csvWriter) Row(vals []string) error    { return c.w.Write(vals) }
func (c *csvWriter) Close() error {
	c.w.Flush()
	err := c.w.Error()
	if ferr := c.b.Flush(); err == nil {
		err = ferr
	}
	if cerr := c.f.Close(); err == nil {
		err = cerr
	}
	return err
}

// jsonWriter writes an array of objects; an empty value is null.
type jsonWriter struct {
	f    *os.File
	b    *bufio.Writer
	keys [][]byte
	n    int
}

func newJSON(path string) (*jsonWriter, error) {
	f, err := createFile(path)
	if err != nil {
		return nil, err
	}
	return &jsonWriter{f: f, b: bufio.NewWriter(f)}, nil
}

func (j *jsonWriter) Header(cols []string) error {
	for _, c := range cols {
		k, _ := json.Marshal(c)
		j.keys = append(j.keys, k)
	}
	_, err := j.b.WriteString("[")
	return err
}

func (j *jsonWriter) Row(vals []string) error {
	if j.n > 0 {
		j.b.WriteString(",")
	}
	j.n++
	j.b.WriteString("\n  {")
	for i, v := range vals {
		if i > 0 {
			j.b.WriteString(", ")
		}
		j.b.Write(j.keys[i])
		j.b.WriteString(": ")
		if v == "" {
			j.b.WriteString("null")
			continue
		}
		b, _ := json.Marshal(v)
		j.b.Write(b)
	}
	_, err := j.b.WriteString("}")
	return err
}

func (j *jsonWriter) Close() error {
	if j.n > 0 {
		j.b.WriteString("\n")
	}
	_, err := j.b.WriteString("]\n")
	if ferr := j.b.Flush(); err == nil {
		err = ferr
	}
	if cerr := j.f.Close(); err == nil {
		err = cerr
	}
	return err
}

// xlsxWriter streams one sheet; every cell is text, so identifiers keep
// their leading zeros and nothing is read as a formula.
type xlsxWriter struct {
	path string
	f    *excelize.File
	sw   *excelize.StreamWriter
	row  int
}

func newXLSX(path, sheet string) (*xlsxWriter, error) {
	if _, err := os.Stat(path); err == nil {
		return nil, fmt.Errorf("%s already exists", path)
	}
	f := excelize.NewFile()
	if err := f.SetSheetName("Sheet1", sheet); err != nil {
		return nil, err
	}
	sw, err := f.NewStreamWriter(sheet)
	if err != nil {
		return nil, err
	}
	return &xlsxWriter{path: path, f: f, sw: sw, row: 1}, nil
}

func (x *xlsxWriter) write(vals []string) error {
	cells := make([]any, len(vals))
	for i, v := range vals {
		cells[i] = excelize.Cell{Value: v}
	}
	cell, _ := excelize.CoordinatesToCellName(1, x.row)
	x.row++
	return x.sw.SetRow(cell, cells)
}

func (x *xlsxWriter) Header(cols []string) error {
	if err := x.sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return err
	}
	return x.write(cols)
}

func (x *xlsxWriter) Row(vals []string) error { return x.write(vals) }

func (x *xlsxWriter) Close() error {
	err := x.sw.Flush()
	if err == nil {
		err = x.f.SaveAs(x.path)
	}
	if err == nil {
		err = os.Chmod(x.path, 0o600)
	}
	if cerr := x.f.Close(); err == nil {
		err = cerr
	}
	return err
}

// parquetWriter stages rows as CSV beside the target, then has DuckDB copy
// them to Parquet with every column as text.
type parquetWriter struct {
	*csvWriter
	st          *store.Store
	ctx         context.Context
	path, stage string
	cols        []string
}

func newParquet(ctx context.Context, st *store.Store, path string) (*parquetWriter, error) {
	stage := path + ".stage.csv"
	c, err := newCSV(stage)
	if err != nil {
		return nil, err
	}
	return &parquetWriter{csvWriter: c, st: st, ctx: ctx, path: path, stage: stage}, nil
}

func (p *parquetWriter) Header(cols []string) error {
	p.cols = cols
	return p.csvWriter.Header(cols)
}

func (p *parquetWriter) Close() error {
	defer os.Remove(p.stage)
	if err := p.csvWriter.Close(); err != nil {
		return err
	}
	if _, err := os.Stat(p.path); err == nil {
		return fmt.Errorf("%s already exists", p.path)
	}
	var colSpec []string
	for _, c := range p.cols {
		colSpec = append(colSpec, sqlString(c)+": 'VARCHAR'")
	}
	q := `COPY (SELECT * FROM read_csv(` + sqlString(p.stage) + `, header = true, auto_detect = false, delim = ',', quote = '"', escape = '"', columns = {` +
		strings.Join(colSpec, ", ") + `})) TO ` + sqlString(p.path) + ` (FORMAT parquet)`
	if len(p.cols) == 0 {
		q = `COPY (SELECT 1 AS no_fields WHERE false) TO ` + sqlString(p.path) + ` (FORMAT parquet)`
	}
	if _, err := p.st.DB.ExecContext(p.ctx, q); err != nil {
		return fmt.Errorf("write parquet: %w", err)
	}
	return os.Chmod(p.path, 0o600)
}

// sqlString quotes s as a SQL string literal. Used only for file paths and
// column names in COPY, which takes no parameters; never for data.
func sqlString(s string) string { return "'" + strings.ReplaceAll(s, "'", "''") + "'" }
