package matching

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/council/golden/config"
	"github.com/council/golden/matching/evaluate"
	"github.com/council/golden/matching/spec"
	"github.com/council/golden/matching/sqlgen"
	"github.com/council/golden/record"
	"github.com/council/golden/store"
)

// Train trains a new model of kind on the current records, stores it as the
// next version and returns it with the spec it was trained for.
func Train(ctx context.Context, st *store.Store, cfg *config.Config, kind record.Kind, opts Options) (*Model, *spec.Spec, error) {
	s, err := spec.FromConfig(cfg, kind)
	if err != nil {
		return nil, nil, err
	}
	if _, err := refreshFeatures(ctx, st, kind); err != nil {
		return nil, nil, fmt.Errorf("train %s: %w", kind, err)
	}
	conn, err := st.DB.Conn(ctx)
	if err != nil {
		return nil, nil, err
	}
	defer conn.Close()
	defer dropSession(conn)
	attrs, err := attrNames(ctx, conn, kind)
	if err != nil {
		return nil, nil, err
	}
	if s.CompareAttributes {
		if err := addAttributes(ctx, conn, s, kind, attrs); err != nil {
			return nil, nil, err
		}
	}
	gen := &sqlgen.Gen{D: sqlgen.DuckDB{}, Spec: s, T: sqlgen.DefaultTables}
	for _, q := range []sqlgen.Query{gen.Base(string(kind), 0, nil), gen.Candidates(false)} {
		if _, err := conn.ExecContext(ctx, q.SQL, q.Args...); err != nil {
			return nil, nil, fmt.Errorf("train %s: %w", kind, err)
		}
	}
	log := func(string, ...any) {}
	if opts.Logger != nil {
		log = func(msg string, args ...any) { opts.Logger.Info(msg, args...) }
	}
	m, err := train(ctx, conn, gen, kind, log)
	if err != nil {
		return nil, nil, fmt.Errorf("train %s: %w", kind, err)
	}
	if err := saveModel(ctx, st, conn, gen, m, opts.RunID); err != nil {
		return nil, nil, fmt.Errorf("train %s: %w", kind, err)
	}
	return m, s, nil
}

// ClusterRow is one exported record: its key, its cluster, the golden id
// built from the cluster (when golden records exist) and the highest match
// probability linking it to another member of its cluster (0 for a
// singleton).
type ClusterRow struct {
	Kind        record.Kind `json:"kind"`
	Source      string      `json:"source"`
	SourceID    string      `json:"source_id"`
	ClusterID   int64       `json:"cluster_id"`
	GoldenID    string      `json:"golden_id,omitempty"`
	Probability float64     `json:"match_probability"`
}

func clusterQuery(kind record.Kind) (string, []any) {
	q := `SELECT m.kind, c.source, c.source_id, m.cluster_id, coalesce(g.golden_id, '') AS golden_id,
		coalesce((SELECT max(p.probability) FROM match_pairs p JOIN match_clusters o ON o.kind = p.kind AND o.cluster_id = m.cluster_id
		          AND o.rid = CASE WHEN p.rid_l = m.rid THEN p.rid_r ELSE p.rid_l END
		          WHERE p.kind = m.kind AND (p.rid_l = m.rid OR p.rid_r = m.rid)), 0) AS match_probability
		FROM match_clusters m JOIN current_records c ON c.rid = m.rid
		LEFT JOIN golden_members g ON g.rid = m.rid AND g.kind = m.kind`
	var args []any
	if kind != "" {
		q += ` WHERE m.kind = $1`
		args = append(args, string(kind))
	}
	return q + ` ORDER BY m.kind, m.cluster_id, c.source, c.source_id`, args
}

// ExportClusters writes the clustering of kind ("" for every kind) to w as
// csv or json and returns the number of rows.
func ExportClusters(ctx context.Context, q store.Querier, w io.Writer, kind record.Kind, format string) (int64, error) {
	query, args := clusterQuery(kind)
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return 0, fmt.Errorf("export clusters: %w", err)
	}
	defer rows.Close()
	var n int64
	var cw *csv.Writer
	var enc *json.Encoder
	switch format {
	case "csv":
		cw = csv.NewWriter(w)
		cw.Write([]string{"kind", "source", "source_id", "cluster_id", "golden_id", "match_probability"})
	case "json":
		io.WriteString(w, "[")
		enc = json.NewEncoder(w)
	default:
		return 0, fmt.Errorf("export clusters: format %q (want csv, json or parquet)", format)
	}
	for rows.Next() {
		var r ClusterRow
		var k string
		if err := rows.Scan(&k, &r.Source, &r.SourceID, &r.ClusterID, &r.GoldenID, &r.Probability); err != nil {
			return n, fmt.Errorf("export clusters: %w", err)
		}
		r.Kind = record.Kind(k)
		if cw != nil {
			cw.Write([]string{k, r.Source, r.SourceID, strconv.FormatInt(r.ClusterID, 10), r.GoldenID, strconv.FormatFloat(r.Probability, 'f', 6, 64)})
		} else {
			if n > 0 {
				io.WriteString(w, ",")
			}
			io.WriteString(w, "\n  ")
			if err := enc.Encode(r); err != nil {
				return n, err
			}
		}
		n++
	}
	if err := rows.Err(); err != nil {
		return n, fmt.Errorf("export clusters: %w", err)
	}
	if cw != nil {
		cw.Flush()
		return n, cw.Error()
	}
	_, err = io.WriteString(w, "]\n")
	return n, err
}

// ExportClustersParquet writes the clustering to a Parquet file at path
// (absolute) with DuckDB's COPY.
func ExportClustersParquet(ctx context.Context, st *store.Store, path string, kind record.Kind) (int64, error) {
	var n int64
	err := st.InTx(ctx, func(tx *store.Tx) error {
		query, args := clusterQuery(kind)
		if _, err := tx.ExecContext(ctx, "CREATE OR REPLACE TEMP TABLE _m_export AS "+query, args...); err != nil {
			return err
		}
		defer tx.ExecContext(context.WithoutCancel(ctx), "DROP TABLE IF EXISTS _m_export")
		if err := tx.QueryRowContext(ctx, "SELECT count(*) FROM _m_export").Scan(&n); err != nil {
			return err
		}
		// COPY takes its target as a literal: quote the path as one.
		lit := "'" + strings.ReplaceAll(path, "'", "''") + "'"
		_, err := tx.ExecContext(ctx, "COPY _m_export TO "+lit+" (FORMAT parquet)")
		return err
	})
	if err != nil {
		return 0, fmt.Errorf("export clusters to %s: %w", path, err)
	}
	return n, nil
}

// Truth is what evaluation compares against: the true entity of records,
// or labelled pairs, or both.
type Truth struct {
	Entities map[record.Key]string
	Pairs    []LabelledPair
}

// LabelledPair is a pair a person labelled match or non-match.
type LabelledPair struct {
	A, B  record.Key
	Match bool
}

// EvalReport holds the figures of `golden evaluate`.
type EvalReport struct {
	Kind           record.Kind         `json:"kind"`
	Records        int                 `json:"records"`         // records with a truth
	Unlabelled     int                 `json:"unlabelled"`      // current records without one
	TruePairs      int64               `json:"true_pairs"`      // pairs of records of one true entity
	CandidatePairs int64               `json:"candidate_pairs"` // pairs blocking produced
	BlockingFound  int64               `json:"blocking_found"`  // true pairs among them
	BlockingRecall float64             `json:"blocking_recall"`
	Pairwise       *evaluate.Scores    `json:"pairwise,omitempty"` // the clustering against the entities
	BCubed         *evaluate.Scores    `json:"bcubed,omitempty"`
	Clusters       *evaluate.Clusters  `json:"clusters,omitempty"`
	Sweep          []evaluate.SweepRow `json:"sweep,omitempty"`    // linking every candidate pair at or above a threshold, without clustering
	Labelled       *evaluate.Scores    `json:"labelled,omitempty"` // the clustering against labelled pairs
	LinkThreshold  float64             `json:"link_threshold"`
	ModelVersion   int                 `json:"model_version"`
}

// DefaultSweep are the thresholds of the sweep table.
var DefaultSweep = []float64{0.01, 0.05, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 0.99, 0.999}

// Evaluate measures the kind's current clustering and candidate pairs
// against truth. True pairs blocking never produced count as misses.
func Evaluate(ctx context.Context, st *store.Store, cfg *config.Config, kind record.Kind, truth Truth, sweep []float64) (*EvalReport, error) {
	s, err := spec.FromConfig(cfg, kind)
	if err != nil {
		return nil, err
	}
	rep := &EvalReport{Kind: kind, LinkThreshold: s.Thresholds.Link}
	// Current clustering by key.
	rows, err := st.DB.QueryContext(ctx, `SELECT c.source, c.source_id, m.cluster_id FROM current_records c
		LEFT JOIN match_clusters m ON m.rid = c.rid AND m.kind = c.kind WHERE c.kind = $1`, string(kind))
	if err != nil {
		return nil, fmt.Errorf("evaluate: %w", err)
	}
	predicted := map[string]string{}
	clustered := 0
	for rows.Next() {
		var k record.Key
		var c *int64
		if err := rows.Scan(&k.Source, &k.SourceID, &c); err != nil {
			rows.Close()
			return nil, err
		}
		if c != nil {
			predicted[k.String()] = strconv.FormatInt(*c, 10)
			clustered++
		} else {
			predicted[k.String()] = "unclustered:" + k.String()
		}
	}
	rows.Close()
	if clustered == 0 {
		return nil, fmt.Errorf("evaluate: no %s clusters yet: run `golden match --kind %s` first", kind, kind)
	}
	pairs, err := CandidatePairs(ctx, st, cfg, kind)
	if err != nil {
		return nil, fmt.Errorf("evaluate: %w", err)
	}
	rep.CandidatePairs = int64(len(pairs))
	{
		if m, err := LoadModel(ctx, st.DB, kind); err == nil {
			rep.ModelVersion = m.Version
		}
	}
	if len(truth.Entities) > 0 {
		t := map[string]string{}
		for k, e := range truth.Entities {
			if _, ok := predicted[k.String()]; ok {
				t[k.String()] = e
			}
		}
		rep.Records = len(t)
		rep.Unlabelled = len(predicted) - len(t)
		if len(t) == 0 {
			return nil, fmt.Errorf("evaluate: no record of the truth file is a current %s record (check the source names and ids)", kind)
		}
		pw := evaluate.Pairwise(t, predicted)
		b3 := evaluate.BCubed(t, predicted)
		cl := evaluate.ClusterLevel(t, predicted)
		rep.Pairwise, rep.BCubed, rep.Clusters = &pw, &b3, &cl
		rep.TruePairs = pw.TruePositives + pw.FalseNegatives
		var cand []evaluate.Pair
		var sp []evaluate.ScoredPair
		for _, p := range pairs {
			pp := evaluate.MakePair(p.A.String(), p.B.String())
			cand = append(cand, pp)
			sp = append(sp, evaluate.ScoredPair{Pair: pp, P: p.Probability})
		}
		rep.BlockingRecall, rep.BlockingFound, _ = evaluate.BlockingRecall(t, cand)
		if sweep == nil {
			sweep = DefaultSweep
		}
		rep.Sweep = evaluate.Sweep(t, sp, sweep)
	}
	if len(truth.Pairs) > 0 {
		var tp, fp, fn int64
		cands := map[evaluate.Pair]bool{}
		for _, p := range pairs {
			cands[evaluate.MakePair(p.A.String(), p.B.String())] = true
		}
		var pos, found int64
		for _, lp := range truth.Pairs {
			ca, okA := predicted[lp.A.String()]
			cb, okB := predicted[lp.B.String()]
			if !okA || !okB {
				continue
			}
			same := ca == cb
			switch {
			case lp.Match && same:
				tp++
			case lp.Match:
				fn++
			case same:
				fp++
			}
			if lp.Match {
				pos++
				if cands[evaluate.MakePair(lp.A.String(), lp.B.String())] {
					found++
				}
			}
		}
		sc := evaluate.PairScores(tp, fp, fn)
		rep.Labelled = &sc
		if len(truth.Entities) == 0 && pos > 0 {
			rep.TruePairs, rep.BlockingFound = pos, found
			rep.BlockingRecall = float64(found) / float64(pos)
		}
	}
	return rep, nil
}
