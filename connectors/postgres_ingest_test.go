package connectors

import (
	"context"
	"os"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"
)

// pgURL is the server .ci/services.sh starts (make services), or $GOLDEN_TEST_PG_URL.
func pgURL() string {
	if u := os.Getenv("GOLDEN_TEST_PG_URL"); u != "" {
		return u
	}
	return "postgres://golden:golden@127.0.0.1:55432/golden_test?sslmode=disable"
}

func TestIngestPostgres(t *testing.T) {
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, pgURL())
	if err != nil {
		t.Fatalf("the PostgreSQL test server is not reachable (start it with `make services` or `bash .ci/services.sh`, or set GOLDEN_TEST_PG_URL): %v", err)
	}
	defer conn.Close(ctx)
	for _, q := range []string{
		`DROP TABLE IF EXISTS housing_tenants`,
		`CREATE TABLE housing_tenants (tenancy_ref text, forename text, surname text, dob date, ni_no text, uprn bigint)`,
		`INSERT INTO housing_tenants VALUES ('T1', 'Zoë', 'Brontë', '1971-04-02', 'AB123456C', 100091275899),
			('T2', 'Sam', 'Lee', NULL, 'not a nino', NULL), (NULL, 'No', 'Ref', NULL, NULL, NULL)`,
	} {
		if _, err := conn.Exec(ctx, q); err != nil {
			t.Fatal(err)
		}
	}
	t.Setenv("GOLDEN_TEST_HOUSING_URL", pgURL())
	const yaml = `version: 1
sources:
  - name: housing
    kind: person
    connector: postgres
    connection: ${GOLDEN_TEST_HOUSING_URL}
    format: {%s}
    id: tenancy_ref
    fields:
      given_name: forename
      family_name: surname
      date_of_birth: {column: dob, date: iso}
      ni_number: ni_no
      uprn: uprn
    relationships:
      - {type: lives_at, to_column: uprn, to_source: gazetteer}
`
	cfg, st := project(t, strings.Replace(yaml, "%s", "table: housing_tenants", 1), nil)
	s := ingest(t, st, cfg)
	if got, want := counts(s), "read=3 new=2 changed=0 unchanged=0 deleted=0 quarantined=1"; got != want {
		t.Fatalf("%s, want %s", got, want)
	}
	if got := query(t, st, `SELECT source_id, given_name, family_name, date_of_birth, ni_number, uprn, invalid_fields FROM current_records ORDER BY source_id`); got !=
		"T1|Zoë|Brontë|1971-04-02|AB123456C|100091275899|NULL\nT2|Sam|Lee|NULL|not a nino|NULL|ni_number" {
		t.Errorf("records:\n%s", got)
	}
	if got := query(t, st, `SELECT from_id, to_source, to_id, rel_type FROM source_relationships`); got != "T1|gazetteer|100091275899|lives_at" {
		t.Errorf("relationships: %s", got)
	}

	t.Run("a query", func(t *testing.T) {
		cfg, st := project(t, strings.Replace(yaml, "%s", `query: "SELECT * FROM housing_tenants WHERE tenancy_ref = 'T1'"`, 1), nil)
		s := ingest(t, st, cfg)
		if s.Read != 1 || s.New != 1 {
			t.Errorf("%s", counts(s))
		}
	})
	t.Run("refused connection leaves the store as it was", func(t *testing.T) {
		before := query(t, st, `SELECT (SELECT count(*) FROM source_records), (SELECT count(*) FROM ingest_counts)`)
		t.Setenv("GOLDEN_TEST_HOUSING_URL", "postgres://golden:golden@127.0.0.1:1/golden_test?connect_timeout=2")
		_, err := Ingest(ctx, st, cfg, IngestOptions{})
		if err == nil || !strings.Contains(err.Error(), "source housing") || !strings.Contains(err.Error(), "connect") {
			t.Fatalf("err = %v, want a connect error naming the source", err)
		}
		if strings.Contains(err.Error(), "golden:golden") {
			t.Errorf("the error shows the password: %v", err)
		}
		if after := query(t, st, `SELECT (SELECT count(*) FROM source_records), (SELECT count(*) FROM ingest_counts)`); after != before {
			t.Errorf("store changed: %s → %s", before, after)
		}
	})
	t.Run("unset variable", func(t *testing.T) {
		os.Unsetenv("GOLDEN_TEST_HOUSING_URL")
		_, err := Ingest(ctx, st, cfg, IngestOptions{})
		if err == nil || !strings.Contains(err.Error(), "GOLDEN_TEST_HOUSING_URL is not set") {
			t.Fatalf("err = %v", err)
		}
	})
}
