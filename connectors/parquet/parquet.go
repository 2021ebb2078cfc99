// Package parquet reads Parquet files. It uses DuckDB's built-in Parquet
// reader through an in-memory store (no file is written), streaming rows.
package parquet

import (
	"context"
	"database/sql"
	"fmt"
	"path/filepath"
	"strconv"
	"time"

	"github.com/council/golden/connectors/raw"
	"github.com/council/golden/store"
)

// Format is the parquet connector's format section (none yet).
type Format struct{}

// Connector is the parquet connector.
type Connector struct{}

// Name implements raw.Connector.
func (Connector) Name() string { return "parquet" }

// Summary implements raw.Connector.
func (Connector) Summary() string { return "Parquet files, columns by name" }

// NeedsFiles implements raw.NeedsFiles.
func (Connector) NeedsFiles() bool { return true }

// Open implements raw.Connector.
func (Connector) Open(ctx context.Context, src *raw.Source) (raw.Reader, error) {
	var f Format
	if err := raw.DecodeStrict(src.Config.File, "source "+src.Name+": format", src.Format, &f); err != nil {
		return nil, err
	}
	return &Reader{Files: src.Files}, nil
}

// Reader reads Parquet files.
type Reader struct{ Files []string }

// Read implements raw.Reader.
func (r *Reader) Read(ctx context.Context, emit raw.Emit) error {
	mem, err := store.Open(ctx, ":memory:", store.Options{Threads: 1})
	if err != nil {
		return fmt.Errorf("parquet: %w", err)
	}
	defer mem.Close()
	for _, path := range r.Files {
		if err := readFile(ctx, mem.DB, path, emit); err != nil {
			return err
		}
	}
	return nil
}

func readFile(ctx context.Context, db *sql.DB, path string, emit raw.Emit) error {
	name := filepath.Base(path)
	rows, err := db.QueryContext(ctx, `SELECT * FROM read_parquet(?)`, path)
	if err != nil {
		return &raw.FileError{File: path, Err: fmt.Errorf("not a readable Parquet file: %w", err)}
	}
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		return &raw.FileError{File: path, Err: err}
	}
	header := raw.NewHeader(cols)
	vals := make([]any, len(cols))
	ptrs := make([]any, len(cols))
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	var n int64
	for rows.Next() {
		n++
		if err := rows.Scan(ptrs...); err != nil {
			return &raw.FileError{File: path, Line: n, Err: err}
		}
		out := make([]string, len(cols))
		for i, v := range vals {
			out[i] = text(v)
		}
		row := &raw.Row{File: name, Line: n, Header: header, Values: out}
		if err := emit(row); err != nil {
			return err
		}
	}
	if err := rows.Err(); err != nil {
		return &raw.FileError{File: path, Err: err}
	}
	return nil
}

func text(v any) string {
	switch t := v.(type) {
	case nil:
		return ""
	case string:
		return t
	case []byte:
		return string(t)
	case time.Time:
		if t.Hour() == 0 && t.Minute() == 0 && t.Second() == 0 {
			return t.Format("2006-01-02")
		}
		return t.Format(time.RFC3339)
	case float64:
		return strconv.FormatFloat(t, 'f', -1, 64)
	}
	return fmt.Sprint(v)
}
