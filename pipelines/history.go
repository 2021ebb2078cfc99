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
	// Rows read and quarantined by the run's ingest, over its sources (nil
	// for a run that ingested nothing).
	Read        *int64  `json:"rows_read,omitempty"`
	Quarantined *int64  `json:"quarantined,omitempty"`
	Report      *Report `json:"report,omitempty"` // nil for runs made by `golden ingest` alone
}

// History returns the last limit runs, newest first. A run still marked
// running with no finish time was killed: its stages rolled back, and the
// next run finishes its work.
func History(ctx context.Context, q store.Querier, limit int) ([]RunSummary, error) {
	rows, err := q.QueryContext(ctx, `SELECT r.run_id, r.started_at, r.finished_at, r.status, c.read, c.quarantined, p.report
		FROM ingest_runs r LEFT JOIN pipeline_reports p USING (run_id)
		LEFT JOIN (SELECT run_id, sum(rows_read)::BIGINT AS read, sum(quarantined)::BIGINT AS quarantined
		           FROM ingest_counts GROUP BY run_id) c USING (run_id)
		ORDER BY r.run_id DESC LIMIT ?`, limit)
	if err != nil {
		return nil, fmt.Errorf("run history: %w", err)
	}
	defer rows.Close()
	var out []RunSummary
	for rows.Next() {
		var (
			s          RunSummary
			fin        sql.NullTime
			report     sql.NullString
			read, quar sql.NullInt64
		)
		if err := rows.Scan(&s.RunID, &s.Started, &fin, &s.Status, &read, &quar, &report); err != nil {
			return nil, fmt.Errorf("run history: %w", err)
		}
		if read.Valid {
			s.Read, s.Quarantined = &read.Int64, &quar.Int64
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
