package pipelines

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"time"

	"github.com/council/golden/store"
)

// RunSummary is one past run, from the store's run history.
type RunSummary struct {
	RunID    int64      `json:"run_id"`
	Started  time.Time  `json:"started"`
	Finished *time.Time `json:"finished,omitempty"`
	Status   string     `json:"status"`
	Report   *Report    `json:"report,omitempty"` // nil for runs made by `golden ingest` alone
}

// History returns the last limit runs, newest first. A run still marked
// running with no finish time was killed: its stages rolled back, and the
// next run finishes its work.
func History(ctx context.Context, q store.Querier, limit int) ([]RunSummary, error) {
	rows, err := q.QueryContext(ctx, `SELECT r.run_id, r.started_at, r.finished_at, r.status, p.report
		FROM ingest_runs r LEFT JOIN pipeline_reports p USING (run_id)
		ORDER BY r.run_id DESC LIMIT ?`, limit)
	if err != nil {
		return nil, fmt.Errorf("run history: %w", err)
	}
	defer rows.Close()
	var out []RunSummary
	for rows.Next() {
		var (
			s      RunSummary
			fin    sql.NullTime
			report sql.NullString
		)
		if err := rows.Scan(&s.RunID, &s.Started, &fin, &s.Status, &report); err != nil {
			return nil, fmt.Errorf("run history: %w", err)
		}
		if fin.Valid {
			s.Finished = &fin.Time
		} else if s.Status == "running" {
			s.Status = "interrupted"
		}
		if report.Valid {
			var r Report
			if err := json.Unmarshal([]byte(report.String), &r); err != nil {
				return nil, fmt.Errorf("run history: run %d: %w", s.RunID, err)
			}
			s.Report = &r
		}
		out = append(out, s)
	}
	return out, rows.Err()
}
