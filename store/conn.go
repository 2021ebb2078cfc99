package store

import (
	"context"
	"database/sql"
	"fmt"
)

// InTxConn is InTx on a connection the caller holds, so that the
// transaction sees the caller's session state (TEMP tables). The caller
// keeps and closes conn.
func (s *Store) InTxConn(ctx context.Context, conn *sql.Conn, fn func(tx *Tx) error) (err error) {
	if _, err := conn.ExecContext(ctx, "BEGIN TRANSACTION"); err != nil {
		return fmt.Errorf("store: begin: %w", err)
	}
	done := false
	defer func() {
		if !done {
			conn.ExecContext(context.WithoutCancel(ctx), "ROLLBACK")
		}
	}()
	if err := fn(&Tx{conn: conn}); err != nil {
		return err
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	if _, err := conn.ExecContext(ctx, "COMMIT"); err != nil {
		return fmt.Errorf("store: commit: %w", err)
	}
	done = true
	return nil
}
