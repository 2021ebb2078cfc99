package golden

import (
	"context"
	"database/sql"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/council/golden/record"
	"github.com/council/golden/store"
)

// ExportOptions choose what Export writes.
type ExportOptions struct {
	Kind    record.Kind
	Format  string // csv | json | parquet
	Retired bool   // include retired ids (with their redirect)
}

// ExportColumns are the columns of an export, in order.
func ExportColumns() []string {
	return goldenColumns()
}

func exportQuery(opts ExportOptions) (string, []any) {
	q := "SELECT " + goldenColumnList() + " FROM golden_records WHERE kind = ?"
	if !opts.Retired {
		q += " AND status = 'active'"
	}
	return q + " ORDER BY created_run, length(golden_id), golden_id", []any{string(opts.Kind)}
}

// Export writes the golden records of a kind to w as CSV (with a header)
// or JSON (an array of objects, empty fields left out). It returns how
// many records it wrote.
func Export(ctx context.Context, q store.Querier, w io.Writer, opts ExportOptions) (int64, error) {
	query, args := exportQuery(opts)
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return 0, fmt.Errorf("golden: export %s: %w", opts.Kind, err)
	}
	defer rows.Close()
	cols := goldenColumns()
	vals := make([]sql.NullString, len(cols))
	dest := make([]any, len(cols))
	for i := range vals {
		dest[i] = &vals[i]
	}
	var n int64
	switch opts.Format {
	case "csv":
		cw := csv.NewWriter(w)
		if err := cw.Write(cols); err != nil {
			return 0, err
		}
		rec := make([]string, len(cols))
		for rows.Next() {
			if err := rows.Scan(dest...); err != nil {
				return n, fmt.Errorf("golden: export %s: %w", opts.Kind, err)
			}
			for i, v := range vals {
				rec[i] = v.String
			}
			if err := cw.Write(rec); err != nil {
				return n, err
			}
			n++
		}
		cw.Flush()
		if err := cw.Error(); err != nil {
			return n, err
		}
	case "json":
		if _, err := io.WriteString(w, "[\n"); err != nil {
			return 0, err
		}
		for rows.Next() {
			if err := rows.Scan(dest...); err != nil {
				return n, fmt.Errorf("golden: export %s: %w", opts.Kind, err)
			}
			var b strings.Builder
			b.WriteString("  {")
			first := true
			for i, v := range vals {
				if !v.Valid || v.String == "" {
					continue
				}
				if !first {
					b.WriteString(", ")
				}
				first = false
				k, _ := json.Marshal(cols[i])
				b.Write(k)
				b.WriteString(": ")
				if cols[i] == "version" || cols[i] == "created_run" || cols[i] == "updated_run" || cols[i] == "member_count" {
					b.WriteString(v.String)
				} else {
					s, _ := json.Marshal(v.String)
					b.Write(s)
				}
			}
			b.WriteString("}")
			if n > 0 {
				if _, err := io.WriteString(w, ",\n"); err != nil {
					return n, err
				}
			}
			if _, err := io.WriteString(w, b.String()); err != nil {
				return n, err
			}
			n++
		}
		if n > 0 {
			io.WriteString(w, "\n")
		}
		if _, err := io.WriteString(w, "]\n"); err != nil {
			return n, err
		}
	default:
		return 0, fmt.Errorf("golden: export format %q (want csv or json; parquet needs a file)", opts.Format)
	}
	if err := rows.Err(); err != nil {
		return n, fmt.Errorf("golden: export %s: %w", opts.Kind, err)
	}
	return n, nil
}

// ExportParquet writes the golden records of a kind to a Parquet file at
// path, with DuckDB's writer. It returns how many records it wrote.
func ExportParquet(ctx context.Context, st *store.Store, path string, opts ExportOptions) (int64, error) {
	var n int64
	err := st.InTx(ctx, func(tx *store.Tx) error {
		query, args := exportQuery(opts)
		if _, err := tx.ExecContext(ctx, "CREATE OR REPLACE TEMP TABLE g_export AS "+query, args...); err != nil {
			return err
		}
		defer tx.ExecContext(context.WithoutCancel(ctx), "DROP TABLE IF EXISTS g_export")
		if err := tx.QueryRowContext(ctx, "SELECT count(*) FROM g_export").Scan(&n); err != nil {
			return err
		}
		// COPY takes its target as a literal: quote the path as one.
		lit := "'" + strings.ReplaceAll(path, "'", "''") + "'"
		_, err := tx.ExecContext(ctx, "COPY g_export TO "+lit+" (FORMAT parquet)")
		return err
	})
	if err != nil {
		return 0, fmt.Errorf("golden: export %s to %s: %w", opts.Kind, path, err)
	}
	return n, nil
}
