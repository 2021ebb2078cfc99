package postgres

import (
	"context"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"

	"github.com/council/golden/connectors/raw"
)

// testURL is the server .ci/services.sh starts (make services), or
// $GOLDEN_TEST_PG_URL.
func testURL() string {
	if u := os.Getenv("GOLDEN_TEST_PG_URL"); u != "" {
		return u
	}
	return "postgres://golden:golden@127.0.0.1:55432/golden_test?sslmode=disable"
}

// Connect opens the test server or fails the test saying why. It never skips.
func connect(t *testing.T) *pgx.Conn {
	t.Helper()
	conn, err := pgx.Connect(context.Background(), testURL())
	if err != nil {
		t.Fatalf("the PostgreSQL test server is not reachable (start it with `make services` or `bash .ci/services.sh`, "+
			"or set GOLDEN_TEST_PG_URL): %v", err)
	}
	t.Cleanup(func() { conn.Close(context.Background()) })
	return conn
}

func TestReaderTextValues(t *testing.T) {
	ctx := context.Background()
	conn := connect(t)
	for _, q := range []string{
		`DROP TABLE IF EXISTS pg_reader_test`,
		`CREATE TABLE pg_reader_test (id int, name text, dob date, rv numeric(12,2), note text)`,
		`INSERT INTO pg_reader_test VALUES (1, 'Zoë £', '1980-12-25', 1234.50, NULL), (2, 'Bob', NULL, 0, 'x')`,
	} {
		if _, err := conn.Exec(ctx, q); err != nil {
			t.Fatal(err)
		}
	}
	r := &Reader{URL: testURL(), Query: `SELECT * FROM pg_reader_test ORDER BY id`, Name: "pg_reader_test"}
	var got []string
	err := r.Read(ctx, func(row *raw.Row) error {
		if row.Err != nil {
			t.Errorf("row %d: %v", row.Line, row.Err)
		}
		got = append(got, fmt.Sprintf("%s:%d:%s", row.File, row.Line, strings.Join(row.Values, "|")))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"pg_reader_test:1:1|Zoë £|1980-12-25|1234.50|", "pg_reader_test:2:2|Bob||0.00|x"}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("rows\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestReaderRefused(t *testing.T) {
	r := &Reader{URL: "postgres://golden:golden@127.0.0.1:1/nothing?connect_timeout=2", Query: "SELECT 1", Name: "q"}
	err := r.Read(context.Background(), nil)
	if err == nil || !strings.Contains(err.Error(), "connect") {
		t.Fatalf("err = %v, want a connect error", err)
	}
}
