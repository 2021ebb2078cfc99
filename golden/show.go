package golden

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/council/golden/record"
	"github.com/council/golden/store"
)

// ErrNotFound is returned for a golden id or source key the store does not
// know.
var ErrNotFound = errors.New("not found")

// ErrNotBuilt is returned for a source key the store holds as a current
// source record that no golden record has yet: it was ingested after the
// last match and build.
var ErrNotBuilt = errors.New("stored but in no golden record yet")

// DeletedError is returned for a source key whose record was deleted (by a
// delta, or missing from a full extract) before any golden record held it.
// It is ErrNotFound too.
type DeletedError struct {
	Key string
	Run int64 // the run that deleted it
}

func (e *DeletedError) Error() string {
	return fmt.Sprintf("source record %s: deleted in run %d, in no golden record before", e.Key, e.Run)
}

// Is makes a DeletedError an ErrNotFound.
func (e *DeletedError) Is(target error) bool { return target == ErrNotFound }

// Resolution says where a golden id (or a source key) leads.
type Resolution struct {
	Asked   string `json:"asked"`
	Kind    string `json:"kind"`
	ID      string `json:"golden_id"` // the id asked for, or the source key's golden id
	Status  string `json:"status"`
	Retired bool   `json:"retired"`
	// Redirects is the chain of redirects from ID to an active id (empty
	// for an active id).
	Redirects []string `json:"redirects,omitempty"`
	// Destinations are the active golden ids that now hold the records ID
	// held when it retired, most records first; an active id is its own.
	Destinations []string `json:"destinations"`
	// Deleted lists the source keys of its records that have been deleted.
	Deleted []string `json:"deleted,omitempty"`
	// KeyDeleted is set when the source key asked for is no longer current:
	// ID is the golden record it was last in.
	KeyDeleted bool `json:"key_deleted,omitempty"`
}

// Resolve finds where ref leads: a golden id (active or retired) or a
// source key "source:source_id".
func Resolve(ctx context.Context, q store.Querier, ref string) (*Resolution, error) {
	res := &Resolution{Asked: ref, ID: ref}
	if strings.Contains(ref, ":") {
		src, sid, _ := strings.Cut(ref, ":")
		err := q.QueryRowContext(ctx, `SELECT golden_id FROM golden_members WHERE source = ? AND source_id = ?`, src, sid).Scan(&res.ID)
		if errors.Is(err, sql.ErrNoRows) {
			// A deleted source record: the golden record it was last in.
			err = q.QueryRowContext(ctx, `SELECT golden_id FROM golden_member_log WHERE source = ? AND source_id = ?
				ORDER BY until_run DESC LIMIT 1`, src, sid).Scan(&res.ID)
			res.KeyDeleted = err == nil
		}
		if errors.Is(err, sql.ErrNoRows) {
			var deleted bool
			var run int64
			err := q.QueryRowContext(ctx, `SELECT deleted, run_id FROM source_records WHERE source = ? AND source_id = ? AND is_current`,
				src, sid).Scan(&deleted, &run)
			switch {
			case errors.Is(err, sql.ErrNoRows):
				return nil, fmt.Errorf("source record %s: %w", ref, ErrNotFound)
			case err != nil:
				return nil, fmt.Errorf("golden: resolve %s: %w", ref, err)
			case deleted:
				return nil, &DeletedError{Key: ref, Run: run}
			}
			return nil, fmt.Errorf("source record %s: %w", ref, ErrNotBuilt)
		}
		if err != nil {
			return nil, fmt.Errorf("golden: resolve %s: %w", ref, err)
		}
	}
	var redirect sql.NullString
	var updated int64
	err := q.QueryRowContext(ctx, `SELECT kind, status, redirect_to, updated_run FROM golden_records WHERE golden_id = ?`, res.ID).
		Scan(&res.Kind, &res.Status, &redirect, &updated)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("golden id %s: %w", res.ID, ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("golden: resolve %s: %w", res.ID, err)
	}
	if res.Status == "active" {
		res.Destinations = []string{res.ID}
		return res, nil
	}
	res.Retired = true
	seen := map[string]bool{res.ID: true}
	for next := redirect.String; next != "" && !seen[next]; {
		seen[next] = true
		res.Redirects = append(res.Redirects, next)
		var r sql.NullString
		if err := q.QueryRowContext(ctx, `SELECT redirect_to FROM golden_records WHERE golden_id = ? AND status = 'retired'`, next).Scan(&r); err != nil {
			break
		}
		next = r.String
	}
	// Where the records it held when it retired are now.
	rows, err := q.QueryContext(ctx, `
		SELECT l.source || ':' || l.source_id, m.golden_id
		FROM golden_member_log l LEFT JOIN golden_members m ON m.rid = l.rid
		WHERE l.golden_id = ? AND l.until_run = ?
		ORDER BY 1`, res.ID, updated)
	if err != nil {
		return nil, fmt.Errorf("golden: resolve %s: %w", res.ID, err)
	}
	defer rows.Close()
	count := map[string]int{}
	for rows.Next() {
		var key string
		var dest sql.NullString
		if err := rows.Scan(&key, &dest); err != nil {
			return nil, fmt.Errorf("golden: resolve %s: %w", res.ID, err)
		}
		if dest.Valid {
			if count[dest.String] == 0 {
				res.Destinations = append(res.Destinations, dest.String)
			}
			count[dest.String]++
		} else {
			res.Deleted = append(res.Deleted, key)
		}
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("golden: resolve %s: %w", res.ID, err)
	}
	sort.SliceStable(res.Destinations, func(i, j int) bool { return count[res.Destinations[i]] > count[res.Destinations[j]] })
	return res, nil
}

// HistoryEntry is one version of a golden record.
type HistoryEntry struct {
	Version   int            `json:"version"`
	RunID     int64          `json:"run_id"`
	ChangedAt time.Time      `json:"changed_at"`
	Reasons   string         `json:"reasons"`
	Fields    string         `json:"fields,omitempty"`
	Detail    map[string]any `json:"detail,omitempty"`
}

// History returns every version of a golden record, newest first.
func History(ctx context.Context, q store.Querier, id string) ([]HistoryEntry, error) {
	rows, err := q.QueryContext(ctx, `SELECT version, run_id, changed_at, reasons, coalesce(fields, ''), coalesce(detail, '')
		FROM golden_history WHERE golden_id = ? ORDER BY version DESC`, id)
	if err != nil {
		return nil, fmt.Errorf("golden: history of %s: %w", id, err)
	}
	defer rows.Close()
	var out []HistoryEntry
	for rows.Next() {
		var h HistoryEntry
		var detail string
		if err := rows.Scan(&h.Version, &h.RunID, &h.ChangedAt, &h.Reasons, &h.Fields, &detail); err != nil {
			return nil, fmt.Errorf("golden: history of %s: %w", id, err)
		}
		if detail != "" {
			if err := json.Unmarshal([]byte(detail), &h.Detail); err != nil {
				return nil, fmt.Errorf("golden: history of %s version %d: %w", id, h.Version, err)
			}
		}
		out = append(out, h)
	}
	return out, rows.Err()
}

// Provenance is where a golden field's value came from.
type Provenance struct {
	Source     string     `json:"source"`
	SourceID   string     `json:"source_id"`
	RID        int64      `json:"rid"`
	Version    int        `json:"record_version"`
	ObservedAt *time.Time `json:"observed_at,omitempty"`
	IngestRun  int64      `json:"ingest_run"`
	Rule       string     `json:"rule,omitempty"`
}

// FieldValue is a surviving value with its lineage.
type FieldValue struct {
	Field   string       `json:"field"`
	Value   string       `json:"value"`
	Lineage []Provenance `json:"lineage"`
}

// Member is a source record in a golden record.
type Member struct {
	Source    string            `json:"source"`
	SourceID  string            `json:"source_id"`
	RID       int64             `json:"rid"`
	Version   int               `json:"record_version"`
	SinceRun  int64             `json:"since_run"`
	Invalid   string            `json:"invalid_fields,omitempty"`
	KeyFields map[string]string `json:"key_fields"`
}

// Link is a relationship from or to a golden record.
type Link struct {
	Type      string     `json:"type"`
	Direction string     `json:"direction"` // out (this record → other) or in
	OtherKind string     `json:"other_kind"`
	OtherID   string     `json:"other_id"`
	OtherName string     `json:"other_name,omitempty"`
	Source    string     `json:"source"` // the source that stated it, or uprn
	FromKey   string     `json:"from_key,omitempty"`
	ToKey     string     `json:"to_key,omitempty"`
	ValidFrom *time.Time `json:"valid_from,omitempty"`
	ValidTo   *time.Time `json:"valid_to,omitempty"`
}

// Household is the people who share a golden record's address (UPRN).
type Household struct {
	ID         string   `json:"household_id"`
	UPRN       string   `json:"uprn"`
	PropertyID string   `json:"property_id,omitempty"`
	Members    []Person `json:"members"`
}

// Person is a household member, by golden id and name.
type Person struct {
	ID   string `json:"golden_id"`
	Name string `json:"name"`
	DOB  string `json:"date_of_birth,omitempty"`
}

// View is everything `golden show` prints about a golden record.
type View struct {
	Resolution    *Resolution    `json:"resolution"`
	Kind          string         `json:"kind"`
	ID            string         `json:"golden_id"`
	Status        string         `json:"status"`
	RedirectTo    string         `json:"redirect_to,omitempty"`
	Version       int            `json:"version"`
	CreatedRun    int64          `json:"created_run"`
	UpdatedRun    int64          `json:"updated_run"`
	Flags         []string       `json:"flags,omitempty"`
	Sources       []string       `json:"sources"`
	MemberCount   int            `json:"member_count"`
	Fields        []FieldValue   `json:"fields"`
	Members       []Member       `json:"members"`
	Households    []Household    `json:"households,omitempty"`
	Relationships []Link         `json:"relationships,omitempty"`
	History       []HistoryEntry `json:"history,omitempty"`
	// RetiredHistory is the history of the retired id asked for, when Show
	// followed it to this record.
	RetiredHistory []HistoryEntry `json:"retired_history,omitempty"`
}

// ShowOptions choose what Show includes.
type ShowOptions struct {
	History bool
}

// Show resolves ref (a golden id, retired or not, or a source key) and
// returns the golden record it leads to. A retired id shows the active
// record most of its records went to; Resolution lists all of them.
func Show(ctx context.Context, q store.Querier, ref string, opts ShowOptions) (*View, error) {
	res, err := Resolve(ctx, q, ref)
	if err != nil {
		return nil, err
	}
	id := res.ID
	if res.Retired && len(res.Destinations) > 0 {
		id = res.Destinations[0]
	}
	v, err := load(ctx, q, id)
	if err != nil {
		return nil, err
	}
	v.Resolution = res
	if opts.History {
		if v.History, err = History(ctx, q, id); err != nil {
			return nil, err
		}
		if res.Retired && id != res.ID {
			if v.RetiredHistory, err = History(ctx, q, res.ID); err != nil {
				return nil, err
			}
		}
	}
	return v, nil
}

// Largest returns the active golden record of kind with the most source
// records (the smallest id on a tie).
func Largest(ctx context.Context, q store.Querier, kind record.Kind) (string, error) {
	var id string
	err := q.QueryRowContext(ctx, `SELECT golden_id FROM golden_records WHERE kind = ? AND status = 'active'
		ORDER BY member_count DESC, created_run, length(golden_id), golden_id LIMIT 1`, string(kind)).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return "", fmt.Errorf("%s golden records: %w", kind, ErrNotFound)
	}
	if err != nil {
		return "", fmt.Errorf("golden: largest %s: %w", kind, err)
	}
	return id, nil
}

// keyFields are the fields `show` prints for each member, per kind.
func keyFields(kind string) []record.Field {
	switch record.Kind(kind) {
	case record.Person:
		return []record.Field{record.GivenName, record.FamilyName, record.DateOfBirth, record.NHSNumber, record.Postcode, record.UPRN}
	case record.Property:
		return []record.Field{record.UPRN, record.BuildingNumber, record.BuildingName, record.Street, record.Postcode}
	case record.Business:
		return []record.Field{record.BusinessName, record.CompanyNumber, record.Postcode, record.UPRN}
	}
	return nil
}

func load(ctx context.Context, q store.Querier, id string) (*View, error) {
	v := &View{ID: id}
	vals := make([]sql.NullString, record.NumFields)
	var redirect, flags, sources sql.NullString
	dest := []any{&v.Kind, &v.Status, &redirect, &v.Version, &v.CreatedRun, &v.UpdatedRun, &flags, &sources, &v.MemberCount}
	for i := range vals {
		dest = append(dest, &vals[i])
	}
	err := q.QueryRowContext(ctx, `SELECT kind, status, redirect_to, version, created_run, updated_run, flags, sources, member_count, `+
		fieldColumnList("")+` FROM golden_records WHERE golden_id = ?`, id).Scan(dest...)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("golden id %s: %w", id, ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("golden: show %s: %w", id, err)
	}
	v.RedirectTo = redirect.String
	v.Flags = splitList(flags.String)
	v.Sources = splitList(sources.String)

	lineage := map[string][]Provenance{}
	rows, err := q.QueryContext(ctx, `SELECT field, source, source_id, rid, rec_version, observed_at, ingest_run, coalesce(rule, '')
		FROM golden_lineage WHERE golden_id = ? ORDER BY field, rid`, id)
	if err != nil {
		return nil, fmt.Errorf("golden: lineage of %s: %w", id, err)
	}
	for rows.Next() {
		var f string
		var p Provenance
		var obs sql.NullTime
		if err := rows.Scan(&f, &p.Source, &p.SourceID, &p.RID, &p.Version, &obs, &p.IngestRun, &p.Rule); err != nil {
			rows.Close()
			return nil, fmt.Errorf("golden: lineage of %s: %w", id, err)
		}
		if obs.Valid {
			t := obs.Time.UTC()
			p.ObservedAt = &t
		}
		lineage[f] = append(lineage[f], p)
	}
	rows.Close()
	for i, s := range vals {
		if s.Valid && s.String != "" {
			name := record.Field(i).Name()
			v.Fields = append(v.Fields, FieldValue{Field: name, Value: s.String, Lineage: lineage[name]})
		}
	}

	kf := keyFields(v.Kind)
	cols := make([]string, len(kf))
	for i, f := range kf {
		cols[i] = "r." + store.QuoteIdent(f.Name())
	}
	sel := "m.source, m.source_id, m.rid, m.rec_version, m.since_run, coalesce(r.invalid_fields, '')"
	if len(cols) > 0 {
		sel += ", " + strings.Join(cols, ", ")
	}
	rows, err = q.QueryContext(ctx, `SELECT `+sel+` FROM golden_members m
		LEFT JOIN current_records r ON r.rid = m.rid WHERE m.golden_id = ? ORDER BY m.source, m.source_id`, id)
	if err != nil {
		return nil, fmt.Errorf("golden: members of %s: %w", id, err)
	}
	for rows.Next() {
		var m Member
		kv := make([]sql.NullString, len(kf))
		dest := []any{&m.Source, &m.SourceID, &m.RID, &m.Version, &m.SinceRun, &m.Invalid}
		for i := range kv {
			dest = append(dest, &kv[i])
		}
		if err := rows.Scan(dest...); err != nil {
			rows.Close()
			return nil, fmt.Errorf("golden: members of %s: %w", id, err)
		}
		m.KeyFields = map[string]string{}
		for i, f := range kf {
			if kv[i].String != "" {
				m.KeyFields[f.Name()] = kv[i].String
			}
		}
		v.Members = append(v.Members, m)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("golden: members of %s: %w", id, err)
	}
	if v.Households, err = households(ctx, q, v); err != nil {
		return nil, err
	}
	if v.Relationships, err = links(ctx, q, id); err != nil {
		return nil, err
	}
	return v, nil
}

func households(ctx context.Context, q store.Querier, v *View) ([]Household, error) {
	rows, err := q.QueryContext(ctx, `
		SELECT h.household_id, h.uprn, coalesce(h.property_id, ''), o.golden_id,
		       trim(concat_ws(' ', g.given_name, g.family_name)), coalesce(g.date_of_birth, '')
		FROM households h
		JOIN households o ON o.household_id = h.household_id
		JOIN golden_records g ON g.golden_id = o.golden_id
		WHERE h.golden_id = $1 OR h.property_id = $1
		ORDER BY h.household_id, g.date_of_birth NULLS LAST, o.golden_id`, v.ID)
	if err != nil {
		return nil, fmt.Errorf("golden: household of %s: %w", v.ID, err)
	}
	defer rows.Close()
	var out []Household
	seen := map[string]bool{}
	for rows.Next() {
		var h Household
		var p Person
		if err := rows.Scan(&h.ID, &h.UPRN, &h.PropertyID, &p.ID, &p.Name, &p.DOB); err != nil {
			return nil, fmt.Errorf("golden: household of %s: %w", v.ID, err)
		}
		if len(out) == 0 || out[len(out)-1].ID != h.ID {
			out = append(out, h)
			seen = map[string]bool{}
		}
		if !seen[p.ID] {
			seen[p.ID] = true
			out[len(out)-1].Members = append(out[len(out)-1].Members, p)
		}
	}
	return out, rows.Err()
}

func links(ctx context.Context, q store.Querier, id string) ([]Link, error) {
	rows, err := q.QueryContext(ctx, `
		SELECT r.rel_type, CASE WHEN r.from_id = $1 THEN 'out' ELSE 'in' END,
		       CASE WHEN r.from_id = $1 THEN r.to_kind ELSE r.from_kind END,
		       CASE WHEN r.from_id = $1 THEN r.to_id ELSE r.from_id END,
		       coalesce(nullif(trim(concat_ws(' ', o.given_name, o.family_name)), ''), o.business_name,
		                nullif(trim(concat_ws(' ', o.building_number, o.building_name, o.street, o.postcode)), ''), ''),
		       r.source, coalesce(r.from_key, ''), coalesce(r.to_key, ''), r.valid_from, r.valid_to
		FROM golden_relationships r
		LEFT JOIN golden_records o ON o.golden_id = CASE WHEN r.from_id = $1 THEN r.to_id ELSE r.from_id END
		WHERE r.from_id = $1 OR r.to_id = $1
		ORDER BY 1, 2, 4`, id)
	if err != nil {
		return nil, fmt.Errorf("golden: relationships of %s: %w", id, err)
	}
	defer rows.Close()
	var out []Link
	for rows.Next() {
		var l Link
		var from, to sql.NullTime
		if err := rows.Scan(&l.Type, &l.Direction, &l.OtherKind, &l.OtherID, &l.OtherName, &l.Source, &l.FromKey, &l.ToKey, &from, &to); err != nil {
			return nil, fmt.Errorf("golden: relationships of %s: %w", id, err)
		}
		if from.Valid {
			l.ValidFrom = &from.Time
		}
		if to.Valid {
			l.ValidTo = &to.Time
		}
		out = append(out, l)
	}
	return out, rows.Err()
}

func splitList(s string) []string {
	if s == "" {
		return nil
	}
	return strings.Split(s, ";")
}
