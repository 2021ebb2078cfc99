// Package sqlgen renders a matching spec as SQL: the feature base table,
// the blocking union that finds candidate pairs, the comparison vector
// (one CASE per comparison), pattern counts for EM, random-pair counts for
// u, and the scoring query. Engine-specific text comes from a small Dialect;
// everything else is shared, so that another engine (Spark, PostgreSQL) needs
// only a new Dialect. Values are always bound as parameters and identifiers
// always quoted through the dialect.
package sqlgen

import (
	"fmt"
	"strconv"
	"strings"
)

// Dialect supplies what differs between SQL engines.
type Dialect interface {
	Name() string
	// Quote quotes an identifier.
	Quote(ident string) string
	// Placeholder is the n-th (1-based) bind parameter.
	Placeholder(n int) string
	JaroWinkler(a, b string) string
	Jaro(a, b string) string
	Levenshtein(a, b string) string
	Damerau(a, b string) string
	// DayNumber is the number of days since 1970-01-01 of a YYYY-MM-DD
	// text, NULL when it does not parse.
	DayNumber(a string) string
	// Hamming counts the positions where two equal-length texts differ.
	Hamming(a, b string) string
	// ToDouble parses text as a number, NULL when it does not parse.
	ToDouble(a string) string
	// Left is the first n characters of s (n is SQL, usually a placeholder).
	Left(s, n string) string
	Substr(s string, from, length int) string
	Length(s string) string
	// IntersectCount is |a ∩ b| of two token lists without duplicates;
	// ListLen is a list's length.
	IntersectCount(a, b string) string
	ListLen(a string) string
	// JSONText extracts a value from a JSON object text as text; path is
	// SQL (a placeholder bound to a path made by JSONPath).
	JSONText(obj, path string) string
	// JSONPath is the path value that addresses a top-level key.
	JSONPath(key string) string
	// Hash is a 64-bit hash of an integer expression, for repeatable samples.
	Hash(x string) string
	// Unit is a repeatable number in [0, 1) hashed from integer
	// expressions, for samples of pairs.
	Unit(xs ...string) string
	Log2(x string) string
	Pow2(x string) string
	// CreateTemp makes a session-local table from a query.
	CreateTemp(name, query string) string
}

// DuckDB is the embedded default engine.
type DuckDB struct{}

func (DuckDB) Name() string { return "duckdb" }
func (DuckDB) Quote(ident string) string {
	return `"` + strings.ReplaceAll(ident, `"`, `""`) + `"`
}
func (DuckDB) Placeholder(n int) string { return "$" + strconv.Itoa(n) }
func (DuckDB) JaroWinkler(a, b string) string {
	return "jaro_winkler_similarity(" + a + ", " + b + ")"
}
func (DuckDB) Jaro(a, b string) string        { return "jaro_similarity(" + a + ", " + b + ")" }
func (DuckDB) Levenshtein(a, b string) string { return "levenshtein(" + a + ", " + b + ")" }
func (DuckDB) Damerau(a, b string) string {
	return "damerau_levenshtein(" + a + ", " + b + ")"
}
func (DuckDB) DayNumber(a string) string {
	return "date_diff('day', DATE '1970-01-01', try_cast(" + a + " AS DATE))"
}
func (DuckDB) Hamming(a, b string) string { return "hamming(" + a + ", " + b + ")" }
func (DuckDB) ToDouble(a string) string   { return "try_cast(" + a + " AS DOUBLE)" }
func (DuckDB) Left(s, n string) string    { return "left(" + s + ", " + n + ")" }
func (DuckDB) Substr(s string, from, length int) string {
	return fmt.Sprintf("substr(%s, %d, %d)", s, from, length)
}
func (DuckDB) Length(s string) string { return "length(" + s + ")" }
func (DuckDB) IntersectCount(a, b string) string {
	// list_filter with list_contains is about 5× faster than list_intersect
	// on short token lists.
	return "len(list_filter(" + a + ", lambda x: list_contains(" + b + ", x)))"
}
func (DuckDB) ListLen(a string) string { return "len(" + a + ")" }
func (DuckDB) JSONText(obj, path string) string {
	return "json_extract_string(" + obj + ", " + path + ")"
}
func (DuckDB) JSONPath(key string) string {
	return `$."` + strings.ReplaceAll(strings.ReplaceAll(key, `\`, `\\`), `"`, `\"`) + `"`
}
func (DuckDB) Hash(x string) string { return "hash(" + x + ")" }
func (DuckDB) Unit(xs ...string) string {
	// The top 53 bits of the hash, as a double in [0, 1).
	return "CAST(hash(" + strings.Join(xs, ", ") + ") >> 11 AS DOUBLE) / 9007199254740992.0"
}
func (DuckDB) Log2(x string) string { return "log2(" + x + ")" }
func (DuckDB) Pow2(x string) string { return "pow(2.0, " + x + ")" }
func (DuckDB) CreateTemp(name, query string) string {
	return "CREATE OR REPLACE TEMP TABLE " + name + " AS\n" + query
}

// Query is SQL text with its bind parameters in order.
type Query struct {
	SQL  string
	Args []any
}

// builder accumulates SQL and parameters.
type builder struct {
	d    Dialect
	sb   strings.Builder
	args []any
}

func (b *builder) w(s ...string) {
	for _, x := range s {
		b.sb.WriteString(x)
	}
}

// p binds v and returns its placeholder.
func (b *builder) p(v any) string {
	b.args = append(b.args, v)
	return b.d.Placeholder(len(b.args))
}

func (b *builder) q(ident string) string { return b.d.Quote(ident) }

func (b *builder) query() Query { return Query{SQL: b.sb.String(), Args: b.args} }
