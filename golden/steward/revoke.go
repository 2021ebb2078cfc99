package steward

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/council/golden/record"
	"github.com/council/golden/store"
)

// ErrNoDecision means no active steward decision matches a revocation.
var ErrNoDecision = errors.New("no active steward decision")

// ConfigConstraintError is a revocation of a constraint that golden.yaml
// declares: it is withdrawn by removing it from the file, not by a steward.
type ConfigConstraintError struct {
	Rule, A, B string
	Where      string // the file and line, as recorded
}

func (e *ConfigConstraintError) Error() string {
	return fmt.Sprintf("steward: %s and %s are %s by golden.yaml (%s), not by a steward: remove it from the constraints: in golden.yaml", e.A, e.B, e.Rule, e.Where)
}

// Selection names the decisions to revoke: every active steward decision
// between records of two different groups (a golden id's group is all its
// current source records), or, with Run, every active decision that
// steward run recorded.
type Selection struct {
	Groups [][]record.Key
	Run    int64
}

// Decided is a stored decision, active or revoked.
type Decided struct {
	Kind       string     `json:"kind"`
	Rule       string     `json:"rule"`
	A          string     `json:"a"`
	B          string     `json:"b"`
	Origin     string     `json:"origin"` // steward | config
	DecidedBy  string     `json:"decided_by"`
	DecidedAt  time.Time  `json:"decided_at"`
	Run        int64      `json:"run,omitempty"` // the steward run that recorded it (0: unknown)
	Note       string     `json:"note,omitempty"`
	Active     bool       `json:"active"`
	RevokedBy  string     `json:"revoked_by,omitempty"`
	RevokedAt  *time.Time `json:"revoked_at,omitempty"`
	RevokedRun int64      `json:"revoked_run,omitempty"`
	RevokeNote string     `json:"revoke_note,omitempty"`
}

// RevokeResult is what Revoke did.
type RevokeResult struct {
	Revoked []Decided `json:"revoked"`
	RunID   int64     `json:"run_id"` // the steward run the revocation is recorded under
}

const decidedCols = `kind, rule, a_source || ':' || a_id, b_source || ':' || b_id, origin, coalesce(decided_by, ''), decided_at,
	coalesce(run_id, 0), coalesce(note, ''), active, coalesce(revoked_by, ''), revoked_at, coalesce(revoked_run, 0), coalesce(revoke_note, '')`

func scanDecided(rows *sql.Rows) (Decided, error) {
	var d Decided
	var at sql.NullTime
	err := rows.Scan(&d.Kind, &d.Rule, &d.A, &d.B, &d.Origin, &d.DecidedBy, &d.DecidedAt, &d.Run, &d.Note, &d.Active,
		&d.RevokedBy, &at, &d.RevokedRun, &d.RevokeNote)
	if at.Valid {
		d.RevokedAt = &at.Time
	}
	return d, err
}

// Revoke marks the selected steward decisions inactive, keeping them with
// who revoked them, when, why (opts.Note) and under which run. It records
// a "steward" run of its own unless opts.RunID is given. Nothing is
// re-clustered here: the matching engine stops honouring the decisions on
// its next run (golden run, golden match), which re-clusters the records
// by their scores, and the golden build that follows updates the golden
// records. A selection that matches only golden.yaml constraints is a
// *ConfigConstraintError; one that matches nothing wraps ErrNoDecision;
// neither records a run.
func Revoke(ctx context.Context, st *store.Store, sel Selection, opts Options) (res *RevokeResult, err error) {
	if len(sel.Groups) == 0 && sel.Run == 0 {
		return nil, errors.New("steward: revoke needs references or a run")
	}
	// Look first: a revocation that matches nothing (a mistyped key)
	// records no run, so a scheduler's "last run" stays meaningful.
	err = st.InTx(ctx, func(tx *store.Tx) error {
		defer tx.ExecContext(context.WithoutCancel(ctx), `DROP TABLE IF EXISTS steward_keys`)
		_, _, _, err := selected(ctx, tx, sel)
		return err
	})
	if err != nil {
		return nil, err
	}
	if opts.RunID == 0 {
		if opts.RunID, err = st.BeginRun(ctx, "steward"); err != nil {
			return nil, err
		}
		defer func() {
			status := "ok"
			if err != nil {
				status = "failed"
			}
			if ferr := st.FinishRun(ctx, opts.RunID, status); err == nil && ferr != nil {
				res, err = nil, ferr
			}
		}()
	}
	res = &RevokeResult{RunID: opts.RunID}
	err = st.InTx(ctx, func(tx *store.Tx) error {
		defer tx.ExecContext(context.WithoutCancel(ctx), `DROP TABLE IF EXISTS steward_keys`)
		ds, where, args, err := selected(ctx, tx, sel)
		if err != nil {
			return err
		}
		now := time.Now().UTC()
		var note driver.Value
		if opts.Note != "" {
			note = opts.Note
		}
		_, err = tx.ExecContext(ctx, `UPDATE link_constraints SET active = false, revoked_by = ?, revoked_at = ?, revoked_run = ?, revoke_note = ?
			WHERE active AND origin = 'steward' AND `+where, append([]any{opts.By, now, opts.RunID, note}, args...)...)
		if err != nil {
			return fmt.Errorf("steward: revoke: %w", err)
		}
		for i := range ds {
			d := &ds[i]
			d.Active, d.RevokedBy, d.RevokedAt, d.RevokedRun, d.RevokeNote = false, opts.By, &now, opts.RunID, opts.Note
		}
		res.Revoked = ds
		return nil
	})
	if err != nil {
		return nil, err
	}
	return res, nil
}

// selected returns the active steward decisions a selection names, with
// the condition that names them. None, but a golden.yaml constraint: a
// *ConfigConstraintError; nothing at all: ErrNoDecision.
func selected(ctx context.Context, tx *store.Tx, sel Selection) ([]Decided, string, []any, error) {
	where, args, err := selectWhere(ctx, tx, sel)
	if err != nil {
		return nil, "", nil, err
	}
	rows, err := tx.QueryContext(ctx, `SELECT `+decidedCols+` FROM link_constraints WHERE active AND `+where+`
		ORDER BY decided_at, a_source, a_id, b_source, b_id`, args...)
	if err != nil {
		return nil, "", nil, fmt.Errorf("steward: revoke: %w", err)
	}
	defer rows.Close()
	var ds, config []Decided
	for rows.Next() {
		d, err := scanDecided(rows)
		if err != nil {
			return nil, "", nil, fmt.Errorf("steward: revoke: %w", err)
		}
		if d.Origin == "steward" {
			ds = append(ds, d)
		} else {
			config = append(config, d)
		}
	}
	if err := rows.Err(); err != nil {
		return nil, "", nil, fmt.Errorf("steward: revoke: %w", err)
	}
	if len(ds) == 0 {
		if len(config) > 0 {
			c := config[0]
			return nil, "", nil, &ConfigConstraintError{Rule: c.Rule, A: c.A, B: c.B, Where: c.Note}
		}
		return nil, "", nil, fmt.Errorf("steward: %s: %w", describe(sel), ErrNoDecision)
	}
	return ds, where, args, nil
}

// selectWhere returns the condition on link_constraints rows a selection
// names. For groups it fills the temporary table steward_keys.
func selectWhere(ctx context.Context, tx *store.Tx, sel Selection) (string, []any, error) {
	if len(sel.Groups) == 0 {
		return `run_id = ?`, []any{sel.Run}, nil
	}
	if _, err := tx.ExecContext(ctx, `CREATE OR REPLACE TEMP TABLE steward_keys (source VARCHAR, source_id VARCHAR, grp INTEGER)`); err != nil {
		return "", nil, fmt.Errorf("steward: revoke: %w", err)
	}
	err := tx.Append(ctx, "steward_keys", nil, func(a *store.Appender) error {
		for i, g := range sel.Groups {
			for _, k := range g {
				if err := a.AppendRow(k.Source, k.SourceID, int32(i)); err != nil {
					return err
				}
			}
		}
		return nil
	})
	if err != nil {
		return "", nil, fmt.Errorf("steward: revoke: %w", err)
	}
	return `EXISTS (SELECT 1 FROM steward_keys ka, steward_keys kb
		WHERE ka.source = link_constraints.a_source AND ka.source_id = link_constraints.a_id
		  AND kb.source = link_constraints.b_source AND kb.source_id = link_constraints.b_id AND ka.grp <> kb.grp)`, nil, nil
}

func describe(sel Selection) string {
	if len(sel.Groups) == 0 {
		return fmt.Sprintf("run %d", sel.Run)
	}
	var parts []string
	for _, g := range sel.Groups {
		if len(g) == 1 {
			parts = append(parts, g[0].String())
		} else {
			parts = append(parts, fmt.Sprintf("%s (+%d)", g[0], len(g)-1))
		}
	}
	return "between " + strings.Join(parts, " and ")
}

// DecisionOptions narrow Decisions.
type DecisionOptions struct {
	Kind    record.Kind // "" for every kind
	Revoked bool        // include revoked decisions
	Limit   int         // 0 for no limit
}

// Decisions lists the stewards' decisions and golden.yaml's constraints,
// newest first: the active ones, and the revoked ones too if asked.
func Decisions(ctx context.Context, q store.Querier, opts DecisionOptions) ([]Decided, error) {
	query := `SELECT ` + decidedCols + ` FROM link_constraints WHERE (? = '' OR kind = ?) AND (active OR ?)
		ORDER BY coalesce(revoked_at, decided_at) DESC, decided_at DESC, a_source, a_id, b_source, b_id`
	args := []any{string(opts.Kind), string(opts.Kind), opts.Revoked}
	if opts.Limit > 0 {
		query += ` LIMIT ?`
		args = append(args, opts.Limit)
	}
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("steward: decisions: %w", err)
	}
	defer rows.Close()
	out := []Decided{}
	for rows.Next() {
		d, err := scanDecided(rows)
		if err != nil {
			return nil, fmt.Errorf("steward: decisions: %w", err)
		}
		out = append(out, d)
	}
	return out, rows.Err()
}
