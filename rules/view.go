package rules

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/council/golden/rules/audit"
	"github.com/council/golden/rules/policy"
	"github.com/council/golden/store"
)

// ErrNoRecord means no active golden record has the id asked for.
var ErrNoRecord = errors.New("no active golden record with that id")

// ViewRequest is one user's request to see one golden record in a role.
type ViewRequest struct {
	Role     string // internal role (or partner) id from the policy
	GoldenID string
	Purpose  string // what the user declared they need it for
	Actor    string // the user
	Now      time.Time
}

// View is what a view (the family view, say) calls to show one record: it
// asks the policy what the role may see and writes the access log entry in
// the same transaction, whether the record is shown or refused. A refusal is
// a *policy.DeniedError; the caller shows its reason, never the record.
func View(ctx context.Context, st *store.Store, eng *policy.Engine, req ViewRequest) (*policy.Visible, error) {
	if req.Now.IsZero() {
		req.Now = time.Now()
	}
	if strings.TrimSpace(req.Purpose) == "" {
		return nil, errors.New("view: declare a purpose")
	}
	var vis *policy.Visible
	var denied error
	err := st.InTx(ctx, func(tx *store.Tx) error {
		rec, err := LoadRecord(ctx, tx, req.GoldenID)
		if err != nil {
			return err
		}
		vis, denied = eng.View(ctx, req.Role, req.Now, rec)
		var de *policy.DeniedError
		if denied != nil && !errors.As(denied, &de) {
			return denied
		}
		d := struct {
			GoldenID string   `json:"golden_id"`
			Kind     string   `json:"kind"`
			Shown    bool     `json:"shown"`
			Fields   []string `json:"fields,omitempty"`
			Reason   string   `json:"reason,omitempty"`
		}{GoldenID: rec.ID, Kind: rec.Kind, Shown: vis != nil}
		agreement := ""
		if vis != nil {
			d.Fields, agreement = vis.Fields, vis.Agreement
		} else {
			d.Reason = de.Reason
		}
		b, err := json.Marshal(d)
		if err != nil {
			return err
		}
		_, err = audit.Append(ctx, tx, audit.Accesses, audit.Entry{Actor: req.Actor, Partner: req.Role, Agreement: agreement, Purpose: req.Purpose, Detail: string(b)}, req.Now)
		return err
	})
	if err != nil {
		return nil, err
	}
	return vis, denied
}

// LoadRecord reads one active golden record by id.
func LoadRecord(ctx context.Context, q store.Querier, goldenID string) (*policy.Record, error) {
	var kind string
	err := q.QueryRowContext(ctx, `SELECT kind FROM golden_records WHERE golden_id = ? AND status = 'active'`, goldenID).Scan(&kind)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, ErrNoRecord
	}
	if err != nil {
		return nil, fmt.Errorf("rules: read golden record: %w", err)
	}
	var out *policy.Record
	err = eachRecord(ctx, q, kind, goldenID, func(rec *policy.Record) error {
		cp := *rec
		cp.Fields = make(map[string]string, len(rec.Fields))
		for k, v := range rec.Fields {
			cp.Fields[k] = v
		}
		out = &cp
		return nil
	})
	if err != nil {
		return nil, err
	}
	if out == nil {
		return nil, ErrNoRecord
	}
	return out, nil
}
