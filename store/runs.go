package store

import (
	"context"
	"fmt"
	"time"
)

// BeginRun records the start of a run and returns its id.
func (s *Store) BeginRun(ctx context.Context, configHash string) (int64, error) {
	var id int64
	if err := s.DB.QueryRowContext(ctx, `SELECT nextval('run_id_seq')`).Scan(&id); err != nil {
		return 0, fmt.Errorf("store: new run: %w", err)
	}
	_, err := s.DB.ExecContext(ctx, `INSERT INTO ingest_runs (run_id, started_at, status, config_hash) VALUES (?, ?, 'running', ?)`,
		id, time.Now().UTC(), configHash)
	if err != nil {
		return 0, fmt.Errorf("store: new run: %w", err)
	}
	return id, nil
}

// FinishRun records how a run ended: ok, warnings or failed.
func (s *Store) FinishRun(ctx context.Context, id int64, status string) error {
	_, err := s.DB.ExecContext(context.WithoutCancel(ctx), `UPDATE ingest_runs SET finished_at = ?, status = ? WHERE run_id = ?`,
		time.Now().UTC(), status, id)
	if err != nil {
		return fmt.Errorf("store: finish run %d: %w", id, err)
	}
	return nil
}
