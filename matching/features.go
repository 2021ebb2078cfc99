package matching

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"fmt"
	"math"
	"slices"
	"strings"
	"sync"

	"github.com/council/golden/matching/standardise"
	"github.com/council/golden/record"
	"github.com/council/golden/store"
)

// FeatureVersion is the version of the feature algorithm. Raise it when
// standardisation changes: rows of an older version are recomputed.
const FeatureVersion = 8

// featureColumns is match_features' column order (as in 0200_matching.sql).
var featureColumns = []string{"rid", "version", "fver", "kind", "source", "attrs",
	"given", "given_first", "given_canon", "given_dm", "given_dm2", "given_nysiis", "given_sx",
	"middle", "family", "family_dm", "family_dm2", "family_nysiis", "family_sx", "prev_family",
	"dob", "sex", "nhs", "ni", "email", "phone", "uprn", "usrn",
	"pc", "pc_out", "pc_sector", "house", "flat", "building", "street", "locality", "town", "addr_tokens", "class",
	"biz_name", "biz_tokens", "biz_key", "biz_first", "biz_dm", "trading", "company_no", "rateable", "names_sx", "email_user", "addr_key", "addr_pc"}

// sourceRow is what features read of a current record.
type sourceRow struct {
	rid     int64
	version int32
	source  string
	invalid string
	attrs   sql.NullString
	values  [record.NumFields]sql.NullString
}

// Featurizer computes feature rows. It is safe to reuse, not to share
// between goroutines.
type Featurizer struct {
	nick *standardise.Nicknames
}

// NewFeaturizer loads the nickname table.
func NewFeaturizer() *Featurizer { return &Featurizer{nick: standardise.LoadNicknames()} }

func nz(s string) any {
	if s == "" {
		return nil
	}
	return s
}

func nzList(s []string) any {
	if len(s) == 0 {
		return nil
	}
	return s
}

// Row computes the feature row (in featureColumns order) of one record.
// Identifiers named in invalid are left out: they failed validation.
func (fz *Featurizer) Row(kind record.Kind, r *sourceRow) []driver.Value {
	inv := map[string]bool{}
	if r.invalid != "" {
		for _, f := range strings.Split(r.invalid, ";") {
			inv[strings.TrimSpace(f)] = true
		}
	}
	get := func(f record.Field) string {
		v := r.values[f]
		if !v.Valid || inv[f.Name()] {
			return ""
		}
		return strings.TrimSpace(v.String)
	}
	given, givenFirst := standardise.Name(get(record.GivenName))
	family, _ := standardise.Name(get(record.FamilyName))
	gp := standardise.PhoneticKeys(givenFirst)
	fp := standardise.PhoneticKeys(family)
	canon := ""
	if givenFirst != "" {
		canon = fz.nick.Canonical(givenFirst)
	}
	var prev []string
	for _, p := range strings.Split(get(record.PreviousFamilyNames), ";") {
		if n, _ := standardise.Name(p); n != "" && !slices.Contains(prev, n) {
			prev = append(prev, n)
		}
	}
	middle, _ := standardise.Name(get(record.MiddleNames))
	sex := strings.ToUpper(get(record.Sex))
	if sex == "U" {
		sex = ""
	}
	pc, pcOut, pcSector := standardise.Postcode(get(record.Postcode))
	addr := standardise.AddressTokens(get(record.SubBuilding), get(record.BuildingName), get(record.BuildingNumber),
		get(record.Street), get(record.Locality), get(record.Town), get(record.AddressText))
	if len(addr) == 0 {
		// A source that sends only a postcode (school contacts) still
		// says where: the address comparison reaches its postcode level.
		addr = standardise.AddressTokens(get(record.Postcode))
	}
	regName, taName := tradingAs(get(record.BusinessName))
	biz := dedupe(standardise.BusinessName(regName))
	var bizName, bizKey, bizFirst, bizDM string
	if len(biz) > 0 {
		bizName = strings.Join(biz, " ")
		sorted := slices.Clone(biz)
		slices.Sort(sorted)
		bizKey = strings.Join(slices.Compact(sorted), " ")
		bizFirst = biz[0]
		bizDM = standardise.PhoneticKeys(biz[0]).DM1
	}
	if taName == "" {
		taName = get(record.TradingName)
	}
	trading := strings.Join(standardise.BusinessName(taName), " ")
	var attrs any
	if r.attrs.Valid && r.attrs.String != "" && r.attrs.String != "{}" {
		attrs = r.attrs.String
	}
	dwelling := addrKey(get(record.SubBuilding), get(record.BuildingName), get(record.BuildingNumber), get(record.Street))
	return []driver.Value{r.rid, r.version, int32(FeatureVersion), string(kind), r.source, attrs,
		nz(given), nz(givenFirst), nz(canon), nz(gp.DM1), nz(gp.DM2), nz(gp.NYSIIS), nz(gp.Soundex),
		nz(middle), nz(family), nz(fp.DM1), nz(fp.DM2), nz(fp.NYSIIS), nz(fp.Soundex), nzList(prev),
		nz(standardise.Date(get(record.DateOfBirth))), nz(sex),
		nz(standardise.Digits(get(record.NHSNumber))), nz(strings.ToUpper(strings.ReplaceAll(get(record.NINumber), " ", ""))),
		nz(strings.ToLower(get(record.Email))), nz(standardise.Digits(get(record.Phone))),
		nz(standardise.Digits(get(record.UPRN))), nz(standardise.Digits(get(record.USRN))),
		nz(pc), nz(pcOut), nz(pcSector), nz(standardise.HouseNumber(get(record.BuildingNumber))),
		nz(standardise.FlatNumber(get(record.SubBuilding))),
		nz(standardise.Fold(get(record.BuildingName))), nz(standardise.Street(get(record.Street))),
		nz(standardise.Fold(get(record.Locality))), nz(standardise.Fold(get(record.Town))), nzList(addr),
		nz(strings.ToUpper(get(record.Classification))),
		nz(bizName), nzList(biz), nz(bizKey), nz(bizFirst), nz(bizDM), nz(trading),
		nz(strings.ToUpper(strings.ReplaceAll(get(record.CompanyNumber), " ", ""))), nz(standardise.Digits(get(record.RateableValue))),
		nz(namesKey(gp.Soundex, fp.Soundex)),
		nz(emailUser(get(record.Email))),
		nz(dwelling), nz(addrPC(dwelling, pc)),
	}
}

// addrPC is the dwelling (addrKey) and its postcode, or "" without either.
func addrPC(dwelling, pc string) string {
	if dwelling == "" || pc == "" {
		return ""
	}
	return dwelling + "|" + pc
}

// refreshFeatures brings match_features of kind in line with the current
// records: rows of records gone or changed (or of an older feature version)
// are deleted, rows of new versions computed. It returns how many rows it
// computed.
func refreshFeatures(ctx context.Context, st *store.Store, kind record.Kind) (int64, error) {
	var n int64
	err := st.InTx(ctx, func(tx *store.Tx) error {
		_, err := tx.ExecContext(ctx, `DELETE FROM match_features f WHERE f.kind = $1 AND (f.fver <> $2 OR NOT EXISTS (
			SELECT 1 FROM current_records c WHERE c.rid = f.rid AND c.version = f.version AND c.kind = $1))`, string(kind), FeatureVersion)
		if err != nil {
			return fmt.Errorf("features: %w", err)
		}
		cols := []string{"c.rid", "c.version", "c.source", "c.invalid_fields", "c.attrs"}
		for _, f := range record.AllFields() {
			cols = append(cols, "c."+store.QuoteIdent(f.Name()))
		}
		// Standardising is pure Go: two featurizers share each chunk, so
		// that both cores work while DuckDB waits.
		fzs := []*Featurizer{NewFeaturizer(), NewFeaturizer()}
		// The records to compute, found once: a query per chunk that
		// looked for them again (an anti-join over every record and
		// feature row) made the refresh quadratic in the population.
		if _, err := tx.ExecContext(ctx, `CREATE OR REPLACE TEMP TABLE `+todoTable+` AS
			SELECT c.rid FROM current_records c WHERE c.kind = $1 AND NOT EXISTS (
				SELECT 1 FROM match_features f WHERE f.kind = $1 AND f.rid = c.rid AND f.version = c.version)`, string(kind)); err != nil {
			return fmt.Errorf("features: %w", err)
		}
		defer tx.ExecContext(context.Background(), `DROP TABLE IF EXISTS temp.`+todoTable)
		// Chunks are rid ranges of featureChunk records each, so that each
		// read touches only its part of the store.
		var bounds []int64
		rows, err := tx.QueryContext(ctx, `SELECT rid FROM (SELECT rid, row_number() OVER (ORDER BY rid) - 1 AS n FROM `+todoTable+`)
			WHERE n % $1 = 0 ORDER BY rid`, featureChunk)
		if err != nil {
			return fmt.Errorf("features: %w", err)
		}
		for rows.Next() {
			var r int64
			if err := rows.Scan(&r); err != nil {
				rows.Close()
				return fmt.Errorf("features: %w", err)
			}
			bounds = append(bounds, r)
		}
		rows.Close()
		// One connection cannot stream a query and append at once: read a
		// chunk of records, append its features, repeat.
		for i, lo := range bounds {
			hi := int64(math.MaxInt64)
			if i+1 < len(bounds) {
				hi = bounds[i+1]
			}
			batch, err := readChunk(ctx, tx, cols, kind, lo, hi, fzs)
			if err != nil {
				return err
			}
			n += int64(len(batch))
			err = tx.Append(ctx, "match_features", featureColumns, func(a *store.Appender) error {
				for _, row := range batch {
					if err := a.AppendRow(row...); err != nil {
						return err
					}
				}
				return nil
			})
			if err != nil {
				return fmt.Errorf("features: %w", err)
			}
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		return nil
	})
	return n, err
}

const featureChunk = 50_000

const todoTable = "_m_features_todo"

// readChunk computes the features of the records to compute with lo ≤ rid
// < hi, the chunk split between the featurizers.
func readChunk(ctx context.Context, tx *store.Tx, cols []string, kind record.Kind, lo, hi int64, fzs []*Featurizer) ([][]driver.Value, error) {
	rows, err := tx.QueryContext(ctx, `SELECT `+strings.Join(cols, ", ")+` FROM current_records c
		WHERE c.kind = $1 AND c.rid >= $2 AND c.rid < $3 AND c.rid IN (SELECT rid FROM `+todoTable+` WHERE rid >= $2 AND rid < $3)
		ORDER BY c.rid`, string(kind), lo, hi)
	if err != nil {
		return nil, fmt.Errorf("features: %w", err)
	}
	defer rows.Close()
	var in []sourceRow
	for rows.Next() {
		var r sourceRow
		var inv sql.NullString
		dest := []any{&r.rid, &r.version, &r.source, &inv, &r.attrs}
		for i := range r.values {
			dest = append(dest, &r.values[i])
		}
		if err := rows.Scan(dest...); err != nil {
			return nil, fmt.Errorf("features: read: %w", err)
		}
		r.invalid = inv.String
		in = append(in, r)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("features: read: %w", err)
	}
	out := make([][]driver.Value, len(in))
	var wg sync.WaitGroup
	part := (len(in) + len(fzs) - 1) / max(len(fzs), 1)
	for w, fz := range fzs {
		from, to := w*part, min((w+1)*part, len(in))
		if from >= to {
			break
		}
		wg.Go(func() {
			for i := from; i < to; i++ {
				out[i] = fz.Row(kind, &in[i])
			}
		})
	}
	wg.Wait()
	return out, nil
}

// attrNames lists the attribute names worth comparing in kind's features:
// those that at least two sources send, or every attribute when the kind has
// a single source. An attribute only one system of several has is that
// system's own reference (a council tax account, a benefit claim, a
// tenancy), shared by everyone in a household: comparing it would teach the
// model that living together is being the same person.
func attrNames(ctx context.Context, q store.Querier, kind record.Kind) ([]string, error) {
	rows, err := q.QueryContext(ctx, `WITH a AS (
			SELECT DISTINCT source, unnest(json_keys(attrs)) AS k FROM match_features WHERE kind = $1 AND attrs IS NOT NULL),
		n AS (SELECT count(DISTINCT source) AS sources FROM match_features WHERE kind = $1)
		SELECT k FROM a GROUP BY k
		HAVING count(DISTINCT source) >= 2 OR (SELECT sources FROM n) = 1
		ORDER BY k`, string(kind))
	if err != nil {
		return nil, fmt.Errorf("attributes: %w", err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var k string
		if err := rows.Scan(&k); err != nil {
			return nil, err
		}
		out = append(out, k)
	}
	return out, rows.Err()
}

// namesKey is the two names' keys sorted and joined: the same when the
// given and family names are swapped. Empty unless both are present.
func namesKey(a, b string) string {
	if a == "" || b == "" {
		return ""
	}
	if a > b {
		a, b = b, a
	}
	return a + " " + b
}

// emailUser is the part of an e-mail address before the @ (or before the
// domain, when the @ was lost), lower case, if it is long enough to mean
// something.
func emailUser(e string) string {
	e = strings.ToLower(e)
	u, _, ok := strings.Cut(e, "@")
	if !ok {
		return ""
	}
	if len(u) < 4 {
		return ""
	}
	return u
}

// addrKey is flat, building name, number and street, normalised: the
// same dwelling. Empty without a street, or without a number or a name.
func addrKey(flat, building, number, street string) string {
	st := standardise.Street(street)
	num := standardise.HouseNumber(number)
	bld := standardise.Fold(building)
	if st == "" || (num == "" && bld == "") {
		return ""
	}
	return strings.Join(standardise.AddressTokens(flat), " ") + "|" + bld + "|" + num + "|" + st
}

// dedupe drops repeated tokens, keeping the first: token lists are sets.
func dedupe(toks []string) []string {
	out := toks[:0:0]
	for _, t := range toks {
		if !slices.Contains(out, t) {
			out = append(out, t)
		}
	}
	return out
}
