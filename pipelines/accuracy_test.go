package pipelines

import (
	"context"
	"testing"

	"github.com/council/golden/record"
	"github.com/council/golden/store"
)

// PairAccuracy is pairwise precision and recall of the active golden
// records against a truth file, counting every true pair.
type PairAccuracy struct {
	TruePairs, Predicted, TruePositives int64
	Precision, Recall, F1               float64
}

// Accuracy compares the store's active golden records of every kind with
// truth (source, source_id, kind, entity_id).
func Accuracy(ctx context.Context, t *testing.T, st *store.Store, truth string) map[record.Kind]PairAccuracy {
	t.Helper()
	rows, err := st.DB.QueryContext(ctx, `
		WITH t AS (SELECT source, source_id, entity_id FROM read_csv($1, all_varchar = true)),
		m AS (SELECT g.kind, g.golden_id, t.entity_id
		      FROM golden_members g JOIN golden_records r ON r.golden_id = g.golden_id AND r.status = 'active'
		      JOIN t USING (source, source_id)),
		pred AS (SELECT kind, sum(n * (n - 1) / 2) AS p FROM (SELECT kind, golden_id, count(*) AS n FROM m GROUP BY ALL) GROUP BY kind),
		tru AS (SELECT kind, sum(n * (n - 1) / 2) AS p FROM (SELECT kind, entity_id, count(*) AS n FROM m GROUP BY ALL) GROUP BY kind),
		tp AS (SELECT kind, sum(n * (n - 1) / 2) AS p FROM (SELECT kind, golden_id, entity_id, count(*) AS n FROM m GROUP BY ALL) GROUP BY kind)
		SELECT tru.kind, tru.p::BIGINT, coalesce(pred.p, 0)::BIGINT, coalesce(tp.p, 0)::BIGINT
		FROM tru LEFT JOIN pred USING (kind) LEFT JOIN tp USING (kind)`, truth)
	if err != nil {
		t.Fatalf("accuracy: %v", err)
	}
	defer rows.Close()
	out := map[record.Kind]PairAccuracy{}
	for rows.Next() {
		var kind string
		var a PairAccuracy
		if err := rows.Scan(&kind, &a.TruePairs, &a.Predicted, &a.TruePositives); err != nil {
			t.Fatal(err)
		}
		if a.Predicted > 0 {
			a.Precision = float64(a.TruePositives) / float64(a.Predicted)
		}
		if a.TruePairs > 0 {
			a.Recall = float64(a.TruePositives) / float64(a.TruePairs)
		}
		if a.Precision+a.Recall > 0 {
			a.F1 = 2 * a.Precision * a.Recall / (a.Precision + a.Recall)
		}
		out[record.Kind(kind)] = a
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}
