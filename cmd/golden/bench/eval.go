package bench

import (
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/council/golden/record"
	"github.com/council/golden/store"
)

// Accuracy is pairwise precision, recall and F1 of one kind's clustering
// against the ground truth. True pairs are all pairs of ingested records that
// truth gives the same entity, whether or not blocking ever compared them.
type Accuracy struct {
	Kind           record.Kind `json:"kind"`
	Records        int64       `json:"records"`
	Clustered      int64       `json:"clustered"`
	Entities       int64       `json:"entities"`
	Clusters       int64       `json:"clusters"`
	TruePairs      int64       `json:"true_pairs"`
	PredictedPairs int64       `json:"predicted_pairs"`
	TruePositives  int64       `json:"true_positives"`
	Precision      float64     `json:"precision"`
	Recall         float64     `json:"recall"`
	F1             float64     `json:"f1"`
}

// truthTable is a scratch table in the bench's own throwaway store.
const truthTable = "bench_truth"

// loadTruth appends truth.csv to the scratch table.
func loadTruth(ctx context.Context, st *store.Store, path string) (int64, error) {
	f, err := os.Open(path)
	if err != nil {
		return 0, fmt.Errorf("bench: truth: %w", err)
	}
	defer f.Close()
	r := csv.NewReader(f)
	r.ReuseRecord = true
	if _, err := r.Read(); err != nil {
		return 0, fmt.Errorf("bench: truth: header: %w", err)
	}
	var n int64
	err = st.InTx(ctx, func(tx *store.Tx) error {
		if _, err := tx.ExecContext(ctx, "DROP TABLE IF EXISTS "+store.QuoteIdent(truthTable)); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, "CREATE TABLE "+store.QuoteIdent(truthTable)+
			" (source VARCHAR, source_id VARCHAR, kind VARCHAR, entity_id VARCHAR)"); err != nil {
			return err
		}
		return tx.Append(ctx, truthTable, nil, func(a *store.Appender) error {
			for {
				rec, err := r.Read()
				if errors.Is(err, io.EOF) {
					return nil
				}
				if err != nil {
					return fmt.Errorf("truth line %d: %w", n+2, err)
				}
				if err := a.AppendRow(rec[0], rec[1], rec[2], rec[3]); err != nil {
					return err
				}
				n++
			}
		})
	})
	if err != nil {
		return 0, fmt.Errorf("bench: load truth: %w", err)
	}
	return n, nil
}

// evaluate computes the accuracy of kind's current clustering.
func evaluate(ctx context.Context, st *store.Store, kind record.Kind) (Accuracy, error) {
	acc := Accuracy{Kind: kind}
	t := store.QuoteIdent(truthTable)
	q := `
WITH truth AS (
    SELECT s.rid, t.entity_id
    FROM current_records s
    JOIN ` + t + ` t ON t.source = s.source AND t.source_id = s.source_id
    WHERE s.kind = $1
), j AS (
    SELECT c.cluster_id, truth.entity_id
    FROM truth JOIN match_clusters c ON c.rid = truth.rid AND c.kind = $1
)
SELECT
    (SELECT count(*) FROM truth),
    (SELECT count(*) FROM j),
    (SELECT count(DISTINCT entity_id) FROM truth),
    (SELECT count(DISTINCT cluster_id) FROM j),
    (SELECT coalesce(sum(n * (n - 1) // 2), 0)::BIGINT FROM (SELECT count(*) AS n FROM truth GROUP BY entity_id)),
    (SELECT coalesce(sum(n * (n - 1) // 2), 0)::BIGINT FROM (SELECT count(*) AS n FROM j GROUP BY cluster_id)),
    (SELECT coalesce(sum(n * (n - 1) // 2), 0)::BIGINT FROM (SELECT count(*) AS n FROM j GROUP BY cluster_id, entity_id))`
	err := st.DB.QueryRowContext(ctx, q, string(kind)).Scan(&acc.Records, &acc.Clustered, &acc.Entities, &acc.Clusters,
		&acc.TruePairs, &acc.PredictedPairs, &acc.TruePositives)
	if err != nil {
		return acc, fmt.Errorf("bench: evaluate %s: %w", kind, err)
	}
	acc.Precision, acc.Recall, acc.F1 = prf(acc.TruePositives, acc.PredictedPairs, acc.TruePairs)
	return acc, nil
}

// prf is pairwise precision, recall and F1; an empty denominator gives 1
// (nothing claimed, nothing to find).
func prf(tp, predicted, truePairs int64) (p, r, f float64) {
	p, r = 1, 1
	if predicted > 0 {
		p = float64(tp) / float64(predicted)
	}
	if truePairs > 0 {
		r = float64(tp) / float64(truePairs)
	}
	if p+r > 0 {
		f = 2 * p * r / (p + r)
	}
	return p, r, f
}

// duckdbMemory is the memory DuckDB's buffer manager holds now (duckdb_memory()).
func duckdbMemory(ctx context.Context, st *store.Store) int64 {
	var n *int64
	if err := st.DB.QueryRowContext(ctx, "SELECT sum(memory_usage_bytes)::BIGINT FROM duckdb_memory()").Scan(&n); err != nil || n == nil {
		return 0
	}
	return *n
}
