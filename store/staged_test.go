package store

import (
	"context"
	"strings"
	"testing"
)

func TestStagedRowsReadableWhileStaged(t *testing.T) {
	s := openTemp(t)
	ctx := context.Background()
	rows := &StagedRows{}
	for i := 0; i < 5000; i++ { // more than one DuckDB vector
		rows.Seq = append(rows.Seq, int64(i))
		rows.Text = append(rows.Text, strings.Repeat("x", i%40))
	}
	key, release := s.Stage(rows)
	err := s.InTx(ctx, func(tx *Tx) error {
		var n, sum, chars int64
		if err := tx.QueryRowContext(ctx, `SELECT count(*), sum(seq), sum(length(text)) FROM `+StagedFunc+`($1)`, key).Scan(&n, &sum, &chars); err != nil {
			return err
		}
		if n != 5000 || sum != 5000*4999/2 || chars != 125*(39*40/2) {
			t.Errorf("count %d, sum %d, chars %d", n, sum, chars)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	release()
	var n int64
	if err := s.DB.QueryRowContext(ctx, `SELECT count(*) FROM `+StagedFunc+`($1)`, key).Scan(&n); err == nil {
		t.Errorf("released rows still readable (%d)", n)
	}
}
