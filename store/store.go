// Package store owns golden's DuckDB file: opening it safely, its schema
// (embedded, numbered migrations), transactions, and bulk writes through the
// DuckDB Appender. It is the only package that imports the DuckDB driver.
package store

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"

	duckdb "github.com/duckdb/duckdb-go/v2"
)

// DefaultPath is the store's file name when none is given.
const DefaultPath = "golden.duckdb"

// Options tune the DuckDB engine. Zero values keep DuckDB's defaults.
type Options struct {
	MemoryLimit string // for example "4GB"
	Threads     int
	TempDir     string // where DuckDB spills; default next to the file
	ReadOnly    bool
}

// ErrLocked means another process has the store open for writing: DuckDB
// allows one writer per file, so two nightly runs cannot overlap.
var ErrLocked = errors.New("the store is in use by another golden process; try again when it has finished")

// Store is an open golden store.
type Store struct {
	DB          *sql.DB
	path        string
	memoryLimit string // as opened: Options.MemoryLimit
	conn        *duckdb.Connector
	staged      staging
}

// Querier is what *sql.DB, *sql.Conn and *Tx have in common, so that code
// can run inside or outside a transaction.
type Querier interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// Open opens (creating if needed) the store at path and brings its schema up
// to date. Extension auto-install and auto-load are off: golden runs offline.
// A new file is created with mode 0600: it holds personal data.
func Open(ctx context.Context, path string, opts Options) (*Store, error) {
	if path == "" {
		path = DefaultPath
	}
	if path != ":memory:" {
		if dir := filepath.Dir(path); dir != "." {
			if err := os.MkdirAll(dir, 0o700); err != nil {
				return nil, fmt.Errorf("store %s: %w", path, err)
			}
		}
		if _, err := os.Stat(path); errors.Is(err, os.ErrNotExist) && !opts.ReadOnly {
			f, err := os.OpenFile(path, os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o600)
			if err != nil {
				return nil, fmt.Errorf("store %s: %w", path, err)
			}
			f.Close()
			// DuckDB refuses an empty file that is not a database: let it create it.
			os.Remove(path)
			defer os.Chmod(path, 0o600)
		}
	}
	dsn := dsnFor(path, opts)
	connector, err := duckdb.NewConnector(dsn, nil)
	if err != nil {
		return nil, openError(path, err)
	}
	db := sql.OpenDB(connector)
	s := &Store{DB: db, path: path, memoryLimit: opts.MemoryLimit, conn: connector}
	if err := db.PingContext(ctx); err != nil {
		s.Close()
		return nil, openError(path, err)
	}
	if err := s.registerStaged(ctx); err != nil {
		s.Close()
		return nil, fmt.Errorf("open store %s: %w", path, err)
	}
	if !opts.ReadOnly {
		if err := s.Migrate(ctx); err != nil {
			s.Close()
			return nil, fmt.Errorf("open store %s: %w", path, err)
		}
	}
	return s, nil
}

func openError(path string, err error) error {
	if strings.Contains(err.Error(), "Could not set lock on file") {
		return fmt.Errorf("open store %s: %w", path, ErrLocked)
	}
	return fmt.Errorf("open store %s: %w", path, err)
}

func dsnFor(path string, opts Options) string {
	q := url.Values{}
	q.Set("autoinstall_known_extensions", "false")
	q.Set("autoload_known_extensions", "false")
	if opts.MemoryLimit != "" {
		q.Set("memory_limit", opts.MemoryLimit)
	}
	if opts.Threads > 0 {
		q.Set("threads", fmt.Sprint(opts.Threads))
	}
	if opts.TempDir != "" {
		q.Set("temp_directory", opts.TempDir)
	}
	if opts.ReadOnly {
		q.Set("access_mode", "read_only")
	}
	if path == ":memory:" {
		path = ""
	}
	return path + "?" + q.Encode()
}

// MemoryLimit is the DuckDB memory limit the store was opened with ("" for
// DuckDB's default), exactly as given: current_setting rounds it.
func (s *Store) MemoryLimit() string { return s.memoryLimit }

// Path is the store's file.
func (s *Store) Path() string { return s.path }

// Close closes the store.
func (s *Store) Close() error {
	err := s.DB.Close()
	if cerr := s.conn.Close(); err == nil {
		err = cerr
	}
	return err
}

// Tx is a transaction on one connection of the store. Appenders opened on it
// write inside the transaction: they commit and roll back with it.
type Tx struct {
	conn *sql.Conn
}

// ExecContext runs a statement in the transaction.
func (t *Tx) ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error) {
	return t.conn.ExecContext(ctx, query, args...)
}

// QueryContext runs a query in the transaction.
func (t *Tx) QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	return t.conn.QueryContext(ctx, query, args...)
}

// QueryRowContext runs a one-row query in the transaction.
func (t *Tx) QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row {
	return t.conn.QueryRowContext(ctx, query, args...)
}

// InTx runs fn in a transaction: committed if fn returns nil, rolled back
// (with everything its appenders wrote) otherwise, or if ctx is cancelled.
func (s *Store) InTx(ctx context.Context, fn func(tx *Tx) error) (err error) {
	conn, err := s.DB.Conn(ctx)
	if err != nil {
		return fmt.Errorf("store: connection: %w", err)
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, "BEGIN TRANSACTION"); err != nil {
		return fmt.Errorf("store: begin: %w", err)
	}
	done := false
	defer func() {
		if !done {
			// Roll back on a fresh context: ctx may be the reason we are here.
			conn.ExecContext(context.WithoutCancel(ctx), "ROLLBACK")
		}
	}()
	if err := fn(&Tx{conn: conn}); err != nil {
		return err
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	if _, err := conn.ExecContext(ctx, "COMMIT"); err != nil {
		return fmt.Errorf("store: commit: %w", err)
	}
	done = true
	return nil
}

// Appender bulk-loads rows into one table. Values are appended in the
// table's column order (or the columns given to Append).
type Appender struct {
	a *duckdb.Appender
}

// AppendRow adds one row.
func (a *Appender) AppendRow(values ...driver.Value) error { return a.a.AppendRow(values...) }

// Flush writes buffered rows to the table.
func (a *Appender) Flush() error { return a.a.Flush() }

// Append opens an Appender on table inside the transaction, calls fn, then
// flushes and closes it. With columns, only those are written (others take
// their defaults).
func (t *Tx) Append(ctx context.Context, table string, columns []string, fn func(a *Appender) error) error {
	return t.conn.Raw(func(dc any) error {
		c, ok := dc.(driver.Conn)
		if !ok {
			return fmt.Errorf("store: append %s: unexpected driver connection %T", table, dc)
		}
		var (
			app *duckdb.Appender
			err error
		)
		if len(columns) > 0 {
			app, err = duckdb.NewAppenderWithColumns(c, "", "", table, columns)
		} else {
			app, err = duckdb.NewAppenderFromConn(c, "", table)
		}
		if err != nil {
			return fmt.Errorf("store: append %s: %w", table, err)
		}
		if err := fn(&Appender{a: app}); err != nil {
			app.Close()
			return err
		}
		if err := app.Close(); err != nil {
			return fmt.Errorf("store: append %s: %w", table, err)
		}
		return nil
	})
}

// QuoteIdent quotes a SQL identifier for DuckDB.
func QuoteIdent(name string) string {
	return `"` + strings.ReplaceAll(name, `"`, `""`) + `"`
}

// RegisterScalarUDF exposes the driver's scalar UDF registration on a
// connection of this store, so packages above need not import the driver.
func (s *Store) RegisterScalarUDF(ctx context.Context, name string, f duckdb.ScalarFunc) error {
	conn, err := s.DB.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	return duckdb.RegisterScalarUDF(conn, name, f)
}
