// Package testload writes labelled records straight into source_records
// (with the Appender), so that matching's tests and examples do not depend
// on the connectors. It reads the labelled sets in ../shared/data with the
// column mapping a user would write, and keeps the truth beside them.
package testload

import (
	"context"
	"crypto/sha256"
	"database/sql/driver"
	"encoding/csv"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/council/golden/record"
	"github.com/council/golden/store"
)

// Labelled is a record with its true entity.
type Labelled struct {
	Rec    record.Record
	Entity string
}

// Insert writes records as new current versions (version 1) and returns
// their rids, in order. Records whose key already exists get a new version
// with the same rid, and the old version stops being current.
func Insert(ctx context.Context, st *store.Store, runID int64, recs []record.Record) ([]int64, error) {
	rids := make([]int64, len(recs))
	err := st.InTx(ctx, func(tx *store.Tx) error {
		existing := map[record.Key][2]int64{}
		rows, err := tx.QueryContext(ctx, `SELECT source, source_id, rid, version FROM source_records WHERE is_current`)
		if err != nil {
			return err
		}
		for rows.Next() {
			var k record.Key
			var rid, v int64
			rows.Scan(&k.Source, &k.SourceID, &rid, &v)
			existing[k] = [2]int64{rid, v}
		}
		rows.Close()
		var next int64
		if err := tx.QueryRowContext(ctx, `SELECT coalesce(max(rid), 0) + 1 FROM source_records`).Scan(&next); err != nil {
			return err
		}
		versions := make([]int64, len(recs))
		for i, r := range recs {
			if e, ok := existing[r.Key]; ok {
				rids[i], versions[i] = e[0], e[1]+1
				if _, err := tx.ExecContext(ctx, `UPDATE source_records SET is_current = false WHERE rid = $1 AND is_current`, e[0]); err != nil {
					return err
				}
			} else {
				rids[i], versions[i] = next, 1
				next++
			}
		}
		cols := []string{"rid", "source", "source_id", "kind", "version", "run_id", "line", "content_hash", "is_current", "deleted", "invalid_fields", "attrs"}
		for _, f := range record.AllFields() {
			cols = append(cols, f.Name())
		}
		return tx.Append(ctx, "source_records", cols, func(a *store.Appender) error {
			for i, r := range recs {
				var attrs any
				if len(r.Attrs) > 0 {
					b, _ := json.Marshal(r.Attrs)
					attrs = string(b)
				}
				var inv []string
				for _, f := range r.Invalid.Fields() {
					inv = append(inv, f.Name())
				}
				h := sha256.New()
				for _, v := range r.Values {
					io.WriteString(h, v+"\x00")
				}
				row := []driver.Value{rids[i], r.Key.Source, r.Key.SourceID, string(r.Kind), int32(versions[i]), runID, r.Line,
					hex.EncodeToString(h.Sum(nil)), true, r.Deleted, strings.Join(inv, ";"), attrs}
				for _, v := range r.Values {
					if v == "" {
						row = append(row, nil)
					} else {
						row = append(row, v)
					}
				}
				if err := a.AppendRow(row...); err != nil {
					return err
				}
			}
			return nil
		})
	})
	return rids, err
}

// Delete marks the current versions of keys deleted.
func Delete(ctx context.Context, st *store.Store, keys []record.Key) error {
	for _, k := range keys {
		if _, err := st.DB.ExecContext(ctx, `UPDATE source_records SET deleted = true WHERE source = $1 AND source_id = $2 AND is_current`, k.Source, k.SourceID); err != nil {
			return err
		}
	}
	return nil
}

// readCSV reads a CSV file with a header; values are trimmed of spaces and
// of the quotes some benchmark files wrap them in.
func readCSV(path string) ([]map[string]string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	r := csv.NewReader(f)
	r.LazyQuotes = true
	r.TrimLeadingSpace = true
	r.FieldsPerRecord = -1
	head, err := r.Read()
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	var out []map[string]string
	for line := 2; ; line++ {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("%s:%d: %w", path, line, err)
		}
		m := map[string]string{}
		for i, h := range head {
			if i < len(rec) {
				v := strings.TrimSpace(rec[i])
				v = strings.Trim(v, `"'`)
				m[strings.TrimSpace(h)] = strings.TrimSpace(v)
			}
		}
		out = append(out, m)
	}
	return out, nil
}

func isoDate(yyyymmdd string) string {
	if len(yyyymmdd) != 8 {
		return ""
	}
	return yyyymmdd[:4] + "-" + yyyymmdd[4:6] + "-" + yyyymmdd[6:]
}

// FEBRL reads a FEBRL dataset (source "febrl"): given_name, surname,
// street_number, address_1 (street), address_2 (locality), suburb (town),
// date_of_birth; the Australian postcode, state and soc_sec_id become
// attributes (a UK postcode check would reject the postcode).
func FEBRL(path string) ([]Labelled, error) {
	rows, err := readCSV(path)
	if err != nil {
		return nil, err
	}
	var out []Labelled
	for i, m := range rows {
		r := record.Record{Kind: record.Person, Key: record.Key{Source: "febrl", SourceID: m["rec_id"]}, Line: int64(i + 2)}
		r.Set(record.GivenName, m["given_name"])
		r.Set(record.FamilyName, m["surname"])
		r.Set(record.BuildingNumber, m["street_number"])
		r.Set(record.Street, m["address_1"])
		r.Set(record.Locality, m["address_2"])
		r.Set(record.Town, m["suburb"])
		r.Set(record.DateOfBirth, isoDate(m["date_of_birth"]))
		r.Attrs = map[string]string{}
		for _, a := range []string{"postcode", "state", "soc_sec_id"} {
			if m[a] != "" {
				r.Attrs[a] = m[a]
			}
		}
		parts := strings.Split(m["rec_id"], "-")
		if len(parts) < 2 {
			return nil, fmt.Errorf("%s:%d: rec_id is not rec-N-…", path, i+2)
		}
		out = append(out, Labelled{Rec: r, Entity: parts[1]})
	}
	return out, nil
}

// SplinkFake reads splink's fake_1000 (source "fake"): first_name, surname,
// dob, city (town), email; truth in cluster.
func SplinkFake(path string) ([]Labelled, error) {
	rows, err := readCSV(path)
	if err != nil {
		return nil, err
	}
	var out []Labelled
	for i, m := range rows {
		r := record.Record{Kind: record.Person, Key: record.Key{Source: "fake", SourceID: m["unique_id"]}, Line: int64(i + 2)}
		r.Set(record.GivenName, m["first_name"])
		r.Set(record.FamilyName, m["surname"])
		r.Set(record.DateOfBirth, m["dob"])
		r.Set(record.Town, m["city"])
		r.Set(record.Email, m["email"])
		out = append(out, Labelled{Rec: r, Entity: m["cluster"]})
	}
	return out, nil
}

// Restaurant reads one restaurant file as source (a business per row):
// name, address (house number and street), city; truth in unique_id.
func Restaurant(path, source string) ([]Labelled, error) {
	rows, err := readCSV(path)
	if err != nil {
		return nil, err
	}
	var out []Labelled
	for i, m := range rows {
		r := record.Record{Kind: record.Business, Key: record.Key{Source: source, SourceID: fmt.Sprint(i + 1)}, Line: int64(i + 2)}
		r.Set(record.BusinessName, m["name"])
		addr := m["address"]
		if num, rest, ok := strings.Cut(addr, " "); ok && num != "" && num[0] >= '0' && num[0] <= '9' {
			r.Set(record.BuildingNumber, num)
			r.Set(record.Street, rest)
		} else {
			r.Set(record.Street, addr)
		}
		r.Set(record.Town, m["city"])
		out = append(out, Labelled{Rec: r, Entity: m["unique_id"]})
	}
	return out, nil
}

// Patstat reads the PATSTAT organisation names (source "patstat") with
// their Leuven ids as truth.
func Patstat(input, reference string) ([]Labelled, error) {
	rows, err := readCSV(input)
	if err != nil {
		return nil, err
	}
	ref, err := readCSV(reference)
	if err != nil {
		return nil, err
	}
	truth := map[string]string{}
	for _, m := range ref {
		truth[m["person_id"]] = m["leuven_id"]
	}
	var out []Labelled
	for i, m := range rows {
		r := record.Record{Kind: record.Business, Key: record.Key{Source: "patstat", SourceID: m["person_id"]}, Line: int64(i + 2)}
		r.Set(record.BusinessName, m["Name"])
		out = append(out, Labelled{Rec: r, Entity: truth[m["person_id"]]})
	}
	return out, nil
}

// Records returns the records of ls.
func Records(ls []Labelled) []record.Record {
	out := make([]record.Record, len(ls))
	for i, l := range ls {
		out[i] = l.Rec
	}
	return out
}
