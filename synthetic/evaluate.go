package synthetic

import (
	"context"
	"fmt"

	"github.com/council/golden/record"
	"github.com/council/golden/store"
)

// Accuracy is the pairwise precision, recall and F1 of one kind's clustering
// (match_clusters) against a generated city's truth.csv. True pairs are all
// pairs of ingested current records that the truth gives the same entity,
// whether or not blocking ever compared them; records of sources that were not
// ingested are left out of both sides.
type Accuracy struct {
	Kind           record.Kind `json:"kind"`
	Records        int64       `json:"records"`   // ingested current records with a truth row
	Clustered      int64       `json:"clustered"` // of those, in match_clusters
	Entities       int64       `json:"entities"`
	Clusters       int64       `json:"clusters"`
	TruePairs      int64       `json:"true_pairs"`
	PredictedPairs int64       `json:"predicted_pairs"`
	TruePositives  int64       `json:"true_positives"`
	Precision      float64     `json:"precision"`
	Recall         float64     `json:"recall"`
	F1             float64     `json:"f1"`
}

// Evaluate scores the current clustering of kind in the store q against the
// truth file at truthPath (truth.csv of a generated city), reading the file
// with DuckDB in place: nothing is written to the store.
func Evaluate(ctx context.Context, q store.Querier, truthPath string, kind record.Kind) (*Accuracy, error) {
	acc := &Accuracy{Kind: kind}
	const query = `
WITH t AS (
    SELECT source, source_id, entity_id
    FROM read_csv($2, header = true, all_varchar = true, quote = '"',
                  columns = {'source': 'VARCHAR', 'source_id': 'VARCHAR', 'kind': 'VARCHAR', 'entity_id': 'VARCHAR'})
    WHERE kind = $1
), truth AS (
    SELECT s.rid, t.entity_id
    FROM current_records s
    JOIN t ON t.source = s.source AND t.source_id = s.source_id
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
	err := q.QueryRowContext(ctx, query, string(kind), truthPath).Scan(&acc.Records, &acc.Clustered, &acc.Entities,
		&acc.Clusters, &acc.TruePairs, &acc.PredictedPairs, &acc.TruePositives)
	if err != nil {
		return nil, fmt.Errorf("synthetic: evaluate %s against %s: %w", kind, truthPath, err)
	}
	acc.Precision, acc.Recall, acc.F1 = PRF(acc.TruePositives, acc.PredictedPairs, acc.TruePairs)
	return acc, nil
}

// PRF is pairwise precision, recall and F1 from true positives, predicted
// pairs and true pairs; an empty denominator counts as 1 (nothing claimed,
// or nothing to find).
func PRF(tp, predicted, truePairs int64) (p, r, f float64) {
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
