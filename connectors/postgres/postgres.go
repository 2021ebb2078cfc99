// Package postgres reads a PostgreSQL table or query with pgx, streaming
// rows in the text format so that every value arrives as PostgreSQL prints
// it (dates as YYYY-MM-DD, numerics exactly).
package postgres

import (
	"context"
	"fmt"
	"os"
	"regexp"
	"strings"

	"github.com/jackc/pgx/v5"

	"github.com/council/golden/connectors/raw"
)

// Format is the postgres connector's format section.
type Format struct {
	Table string `yaml:"table"` // a table or view, optionally schema-qualified
	Query string `yaml:"query"` // or a query
}

// Connector is the postgres connector.
type Connector struct{}

// Name implements raw.Connector.
func (Connector) Name() string { return "postgres" }

// Summary implements raw.Connector.
func (Connector) Summary() string { return "a PostgreSQL table or query, through pgx" }

var envRef = regexp.MustCompile(`\$\{([A-Za-z_][A-Za-z0-9_]*)\}`)

// Open implements raw.Connector.
func (Connector) Open(ctx context.Context, src *raw.Source) (raw.Reader, error) {
	var f Format
	if err := raw.DecodeStrict(src.Config.File, "source "+src.Name+": format", src.Format, &f); err != nil {
		return nil, err
	}
	if (f.Table == "") == (f.Query == "") {
		return nil, src.Errorf(src.Format, "format: give table or query (one of them)")
	}
	conn := src.Spec.Connection
	if conn == "" {
		return nil, src.Errorf(nil, "a postgres source needs connection: (a URL, or ${VAR} to read one from the environment)")
	}
	var missing []string
	conn = envRef.ReplaceAllStringFunc(conn, func(m string) string {
		name := envRef.FindStringSubmatch(m)[1]
		v, ok := os.LookupEnv(name)
		if !ok {
			missing = append(missing, name)
		}
		return v
	})
	if len(missing) > 0 {
		return nil, fmt.Errorf("connection: environment variable %s is not set", strings.Join(missing, ", "))
	}
	if _, err := pgx.ParseConfig(conn); err != nil {
		return nil, src.Errorf(raw.Node(&src.Spec.Node, "connection"), "connection: not a PostgreSQL URL or DSN")
	}
	q := f.Query
	name := "query"
	if f.Table != "" {
		q = "SELECT * FROM " + pgx.Identifier(strings.Split(f.Table, ".")).Sanitize()
		name = f.Table
	}
	return &Reader{URL: conn, Query: q, Name: name}, nil
}

// Reader reads one query's rows.
type Reader struct {
	URL   string
	Query string
	Name  string // the table, or "query", as rows name their origin
}

// Read implements raw.Reader.
func (r *Reader) Read(ctx context.Context, emit raw.Emit) error {
	conn, err := pgx.Connect(ctx, r.URL)
	if err != nil {
		return fmt.Errorf("connect: %w", err)
	}
	defer conn.Close(context.WithoutCancel(ctx))
	// A read-only snapshot: the extract is consistent even while the system writes.
	tx, err := conn.BeginTx(ctx, pgx.TxOptions{IsoLevel: pgx.RepeatableRead, AccessMode: pgx.ReadOnly})
	if err != nil {
		return fmt.Errorf("begin: %w", err)
	}
	defer tx.Rollback(context.WithoutCancel(ctx))
	rows, err := tx.Query(ctx, r.Query, pgx.QueryExecModeSimpleProtocol)
	if err != nil {
		return fmt.Errorf("%s: %w", r.Name, err)
	}
	defer rows.Close()
	fds := rows.FieldDescriptions()
	names := make([]string, len(fds))
	for i, fd := range fds {
		names[i] = fd.Name
	}
	header := raw.NewHeader(names)
	var n int64
	for rows.Next() {
		n++
		vals := rows.RawValues()
		out := make([]string, len(vals))
		for i, v := range vals {
			out[i] = string(v)
		}
		row := &raw.Row{File: r.Name, Line: n, Header: header, Values: out}
		if why := raw.CheckText(strings.Join(out, "\t"), raw.UTF8); why != "" {
			row.Err = &raw.RowError{Reason: why}
			row.Raw = strings.Join(out, "\t")
		}
		if err := emit(row); err != nil {
			return err
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("%s row %d: %w", r.Name, n+1, err)
	}
	return nil
}
