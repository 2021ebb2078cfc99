// Package audit keeps golden's append-only, hash-chained logs: the
// disclosure log (every share with a partner) and the access log (every
// view a role makes). Each entry's hash covers its content and the previous
// entry's hash, so an edit, a deletion or a reordering breaks the chain and
// Verify says where.
//
// A chain without a secret cannot stop someone who rewrites every later
// entry too, nor one who removes the newest entries: each share's manifest
// therefore carries the chain head (seq and hash) at the time, and
// VerifyHead checks that an anchor taken from such a manifest is still in
// the chain.
package audit

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/council/golden/store"
)

// Genesis is the previous hash of the first entry.
const Genesis = "0000000000000000000000000000000000000000000000000000000000000000"

// The logs.
const (
	Disclosures = "disclosure_log"
	Accesses    = "access_log"
)

// Entry is one log entry.
type Entry struct {
	Seq       int64  `json:"seq"`
	At        string `json:"at"` // RFC 3339 UTC, exactly as hashed
	Actor     string `json:"actor"`
	Partner   string `json:"partner"`
	Agreement string `json:"agreement"`
	Purpose   string `json:"purpose"`
	Detail    string `json:"detail"` // JSON
	PrevHash  string `json:"prev_hash"`
	Hash      string `json:"hash"`
}

// ComputeHash is the SHA-256 of the entry's content and its PrevHash, in an
// unambiguous encoding. The log's name is part of it, so an entry cannot be
// moved from one log to the other.
func ComputeHash(log string, e Entry) string {
	h := sha256.New()
	for _, s := range []string{"golden-audit-v1", log, strconv.FormatInt(e.Seq, 10), e.At, e.Actor, e.Partner, e.Agreement, e.Purpose, e.Detail, e.PrevHash} {
		h.Write([]byte(strconv.Itoa(len(s))))
		h.Write([]byte{':'})
		h.Write([]byte(s))
		h.Write([]byte{'\n'})
	}
	return hex.EncodeToString(h.Sum(nil))
}

// Append adds e to log inside q (a transaction, so the entry commits or
// rolls back with the work it records). It fills Seq, At (from now, if
// empty), PrevHash and Hash, and returns the entry as written.
func Append(ctx context.Context, q store.Querier, log string, e Entry, now time.Time) (Entry, error) {
	if err := checkLog(log); err != nil {
		return Entry{}, err
	}
	var seq int64
	var prev string
	row := q.QueryRowContext(ctx, `SELECT seq, hash FROM `+store.QuoteIdent(log)+` ORDER BY seq DESC LIMIT 1`)
	switch err := row.Scan(&seq, &prev); {
	case err == nil:
	case errors.Is(err, sql.ErrNoRows):
		seq, prev = 0, Genesis
	default:
		return Entry{}, fmt.Errorf("audit: %s head: %w", log, err)
	}
	e.Seq, e.PrevHash = seq+1, prev
	if e.At == "" {
		e.At = now.UTC().Format(time.RFC3339Nano)
	}
	e.Hash = ComputeHash(log, e)
	_, err := q.ExecContext(ctx, `INSERT INTO `+store.QuoteIdent(log)+` (seq, logged_at, actor, partner, agreement, purpose, detail, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		e.Seq, e.At, e.Actor, e.Partner, e.Agreement, e.Purpose, e.Detail, e.PrevHash, e.Hash)
	if err != nil {
		return Entry{}, fmt.Errorf("audit: append to %s: %w", log, err)
	}
	return e, nil
}

// Entries reads log in the order it is stored by seq.
func Entries(ctx context.Context, q store.Querier, log string) ([]Entry, error) {
	if err := checkLog(log); err != nil {
		return nil, err
	}
	rows, err := q.QueryContext(ctx, `SELECT seq, logged_at, actor, partner, agreement, purpose, detail, prev_hash, hash FROM `+store.QuoteIdent(log)+` ORDER BY seq`)
	if err != nil {
		return nil, fmt.Errorf("audit: read %s: %w", log, err)
	}
	defer rows.Close()
	var out []Entry
	for rows.Next() {
		var e Entry
		if err := rows.Scan(&e.Seq, &e.At, &e.Actor, &e.Partner, &e.Agreement, &e.Purpose, &e.Detail, &e.PrevHash, &e.Hash); err != nil {
			return nil, fmt.Errorf("audit: read %s: %w", log, err)
		}
		out = append(out, e)
	}
	return out, rows.Err()
}

func checkLog(log string) error {
	if log != Disclosures && log != Accesses {
		return fmt.Errorf("audit: no log %q", log)
	}
	return nil
}

// Problem is one break in a chain.
type Problem struct {
	Seq  int64  `json:"seq"`
	Kind string `json:"kind"` // edited | missing | out-of-order | duplicate | anchor
	Msg  string `json:"message"`
}

func (p Problem) String() string { return p.Msg }

// Verify checks entries (in seq order, as Entries returns them) and lists
// every break: an entry whose content no longer matches its hash (edited),
// a gap in the sequence (deleted), an entry that does not follow its
// predecessor (reordered or a predecessor deleted or replaced).
func Verify(log string, entries []Entry) []Problem {
	var out []Problem
	want, prev := int64(1), Genesis
	for i, e := range entries {
		switch {
		case e.Seq > want:
			if e.Seq == want+1 {
				out = append(out, Problem{Seq: want, Kind: "missing", Msg: fmt.Sprintf("%s entry %d is missing (deleted)", log, want)})
			} else {
				out = append(out, Problem{Seq: want, Kind: "missing", Msg: fmt.Sprintf("%s entries %d to %d are missing (deleted)", log, want, e.Seq-1)})
			}
		case e.Seq < want:
			out = append(out, Problem{Seq: e.Seq, Kind: "duplicate", Msg: fmt.Sprintf("%s entry %d appears more than once", log, e.Seq)})
		}
		if ComputeHash(log, e) != e.Hash {
			out = append(out, Problem{Seq: e.Seq, Kind: "edited", Msg: fmt.Sprintf("%s entry %d was altered: its content no longer matches its hash", log, e.Seq)})
		}
		if e.PrevHash != prev {
			what := "the entry before it"
			if i == 0 {
				what = "the start of the log"
			}
			out = append(out, Problem{Seq: e.Seq, Kind: "out-of-order", Msg: fmt.Sprintf("%s entry %d does not follow %s: entries were reordered, removed or replaced", log, e.Seq, what)})
		}
		want, prev = e.Seq+1, e.Hash
	}
	return out
}

// VerifyHead checks that an anchor (seq and hash, as a share's manifest
// records them) is still in the chain: this catches removal of the newest
// entries and a rewritten chain.
func VerifyHead(log string, entries []Entry, seq int64, hash string) []Problem {
	for _, e := range entries {
		if e.Seq == seq {
			if e.Hash != hash {
				return []Problem{{Seq: seq, Kind: "anchor", Msg: fmt.Sprintf("%s entry %d has hash %s, but the anchor says %s: the log was rewritten", log, seq, short(e.Hash), short(hash))}}
			}
			return nil
		}
	}
	return []Problem{{Seq: seq, Kind: "anchor", Msg: fmt.Sprintf("%s entry %d (the anchor) is not in the log: entries were removed", log, seq)}}
}

func short(h string) string {
	if len(h) > 12 {
		return h[:12]
	}
	return h
}
