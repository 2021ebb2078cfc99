package store

import (
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/council/golden/record"
)

func openTemp(t *testing.T) *Store {
	t.Helper()
	s, err := Open(context.Background(), filepath.Join(t.TempDir(), "g.duckdb"), Options{Threads: 2})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func TestOpenMigratesAndIsPrivate(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "g.duckdb")
	s, err := Open(ctx, path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	ms, _ := Migrations()
	v, err := s.SchemaVersion(ctx)
	if err != nil || v != ms[len(ms)-1].Version {
		t.Fatalf("SchemaVersion = %d, %v; want %d", v, err, ms[len(ms)-1].Version)
	}
	s.Close()
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if fi.Mode().Perm() != 0o600 {
		t.Errorf("store mode %v, want 0600", fi.Mode().Perm())
	}
	// Reopening applies nothing twice.
	s, err = Open(ctx, path, Options{})
	if err != nil {
		t.Fatalf("reopen: %v", err)
	}
	defer s.Close()
	var n int
	s.DB.QueryRowContext(ctx, `SELECT count(*) FROM schema_migrations`).Scan(&n)
	if n != len(ms) {
		t.Errorf("schema_migrations has %d rows, want %d", n, len(ms))
	}
}

func TestSourceRecordColumnsFollowTheModel(t *testing.T) {
	s := openTemp(t)
	rows, err := s.DB.Query(`SELECT column_name FROM information_schema.columns
		WHERE table_name = 'source_records' ORDER BY ordinal_position`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	have := map[string]bool{}
	for rows.Next() {
		var c string
		rows.Scan(&c)
		have[c] = true
	}
	for _, f := range record.AllFields() {
		if !have[f.Name()] {
			t.Errorf("source_records has no column for field %s", f.Name())
		}
	}
}

func TestAppenderRollsBackWithTx(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t)
	boom := errors.New("boom")
	err := s.InTx(ctx, func(tx *Tx) error {
		err := tx.Append(ctx, "quarantine", []string{"run_id", "source", "reason"}, func(a *Appender) error {
			for i := 0; i < 1000; i++ {
				if err := a.AppendRow(int64(1), "src", "bad"); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			return err
		}
		return boom
	})
	if !errors.Is(err, boom) {
		t.Fatalf("InTx = %v, want boom", err)
	}
	var n int
	s.DB.QueryRow(`SELECT count(*) FROM quarantine`).Scan(&n)
	if n != 0 {
		t.Fatalf("rolled-back appender left %d rows", n)
	}
	err = s.InTx(ctx, func(tx *Tx) error {
		return tx.Append(ctx, "quarantine", []string{"run_id", "source", "reason"}, func(a *Appender) error {
			return a.AppendRow(int64(1), "src", "bad")
		})
	})
	if err != nil {
		t.Fatal(err)
	}
	s.DB.QueryRow(`SELECT count(*) FROM quarantine`).Scan(&n)
	if n != 1 {
		t.Fatalf("committed appender left %d rows, want 1", n)
	}
}

func TestOfflineExtensions(t *testing.T) {
	s := openTemp(t)
	var v string
	if err := s.DB.QueryRow(`SELECT current_setting('autoload_known_extensions')::VARCHAR`).Scan(&v); err != nil {
		t.Fatal(err)
	}
	if !strings.EqualFold(v, "false") {
		t.Errorf("autoload_known_extensions = %s", v)
	}
	var jw float64
	if err := s.DB.QueryRow(`SELECT jaro_winkler_similarity('MARTHA', 'MARHTA')`).Scan(&jw); err != nil || jw < 0.9 {
		t.Errorf("jaro_winkler_similarity = %v, %v", jw, err)
	}
}

func TestQuoteIdent(t *testing.T) {
	for in, want := range map[string]string{`a`: `"a"`, `we"ird`: `"we""ird"`} {
		if got := QuoteIdent(in); got != want {
			t.Errorf("QuoteIdent(%q) = %s, want %s", in, got, want)
		}
	}
}

func TestSecondWriterGetsErrLocked(t *testing.T) {
	if os.Getenv("GOLDEN_LOCK_CHILD") != "" {
		_, err := Open(context.Background(), os.Getenv("GOLDEN_LOCK_CHILD"), Options{})
		if !errors.Is(err, ErrLocked) {
			t.Fatalf("second writer: %v, want ErrLocked", err)
		}
		return
	}
	path := filepath.Join(t.TempDir(), "g.duckdb")
	s, err := Open(context.Background(), path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	// DuckDB's lock is per process, so the second writer must be another process.
	cmd := exec.Command(os.Args[0], "-test.run", "^TestSecondWriterGetsErrLocked$")
	cmd.Env = append(os.Environ(), "GOLDEN_LOCK_CHILD="+path)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("child: %v\n%s", err, out)
	}
}
