// Package matching links the records of one entity kind: it standardises
// each current record once (features), trains or loads a Fellegi-Sunter
// model, finds and scores candidate pairs with SQL generated from the match
// spec and run in DuckDB, and clusters the links into entities, honouring
// steward and configured constraints. Golden records read its output tables
// match_pairs and match_clusters.
package matching

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"slices"
	"time"

	"github.com/council/golden/config"
	"github.com/council/golden/matching/cluster"
	"github.com/council/golden/matching/spec"
	"github.com/council/golden/matching/sqlgen"
	"github.com/council/golden/record"
	"github.com/council/golden/store"
)

// Options tune a match run.
type Options struct {
	RunID       int64
	Incremental bool // re-score only records changed since the last run (falls back to full when it cannot)
	Retrain     bool // train a new model even if one fits
	Logger      *slog.Logger
}

// StageTiming is how long one stage took: wall time, and the CPU time
// (user + system, all threads of the process) it used.
type StageTiming struct {
	Name     string        `json:"name"`
	Duration time.Duration `json:"duration_ns"`
	CPU      time.Duration `json:"cpu_ns"`
}

// Report says what a match run did.
type Report struct {
	Kind           record.Kind   `json:"kind"`
	Records        int64         `json:"records"`
	CandidatePairs int64         `json:"candidate_pairs"`
	Links          int64         `json:"links"`
	Review         int64         `json:"review"`
	Clusters       int64         `json:"clusters"`
	ModelVersion   int           `json:"model_version"`
	Trained        bool          `json:"trained"`
	Incremental    bool          `json:"incremental"`
	Changed        int64         `json:"changed_records"`
	Cluster        cluster.Stats `json:"cluster_stats"`
	Timings        []StageTiming `json:"timings"`
}

// Run matches the current records of kind. See the package comment.
func Run(ctx context.Context, st *store.Store, cfg *config.Config, kind record.Kind, opts Options) (*Report, error) {
	log := opts.Logger
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	s, err := spec.FromConfig(cfg, kind)
	if err != nil {
		return nil, err
	}
	rep := &Report{Kind: kind}
	stage, stageCPU := time.Now(), processCPU()
	lap := func(name string) {
		now, cpu := time.Now(), processCPU()
		rep.Timings = append(rep.Timings, StageTiming{Name: name, Duration: now.Sub(stage), CPU: cpu - stageCPU})
		log.Info("match stage", "kind", kind, "stage", name, "took", now.Sub(stage).Round(time.Millisecond), "cpu", (cpu - stageCPU).Round(time.Millisecond))
		stage, stageCPU = now, cpu
	}

	if _, err := refreshFeatures(ctx, st, kind); err != nil {
		return nil, fmt.Errorf("match %s: %w", kind, err)
	}
	lap("features")

	conn, err := st.DB.Conn(ctx)
	if err != nil {
		return nil, fmt.Errorf("match %s: %w", kind, err)
	}
	defer conn.Close()
	defer dropSession(conn)

	attrs, err := attrNames(ctx, conn, kind)
	if err != nil {
		return nil, fmt.Errorf("match %s: %w", kind, err)
	}
	if s.CompareAttributes {
		if err := addAttributes(ctx, conn, s, kind, attrs); err != nil {
			return nil, fmt.Errorf("match %s: %w", kind, err)
		}
	}
	gen := &sqlgen.Gen{D: sqlgen.DuckDB{}, Spec: s, T: sqlgen.DefaultTables}

	model, err := LoadModel(ctx, conn, kind)
	switch {
	case errors.Is(err, ErrNoModel):
		model = nil
	case err != nil:
		return nil, err
	case !model.fits(s):
		log.Info("model does not fit the spec: retraining", "kind", kind, "model", model.Version)
		model = nil
	}
	needTrain := model == nil || opts.Retrain

	// Incremental only with the model the last run used.
	incremental := opts.Incremental && !needTrain
	if incremental {
		var last sql.NullInt64
		err := conn.QueryRowContext(ctx, `SELECT model_version FROM match_runs WHERE kind = $1 ORDER BY finished_at DESC LIMIT 1`, string(kind)).Scan(&last)
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return nil, fmt.Errorf("match %s: %w", kind, err)
		}
		if !last.Valid || int(last.Int64) != model.Version {
			log.Info("no earlier run with this model: running in full", "kind", kind)
			incremental = false
		}
	}
	rep.Incremental = incremental

	exec := func(what string, q sqlgen.Query) error {
		if _, err := conn.ExecContext(ctx, q.SQL, q.Args...); err != nil {
			return fmt.Errorf("match %s: %s: %w", kind, what, err)
		}
		return nil
	}
	if needTrain {
		if err := exec("features", gen.Base(string(kind), 0, nil)); err != nil {
			return nil, err
		}
		if err := exec("blocking", gen.Candidates(false)); err != nil {
			return nil, err
		}
		lap("blocking")
		model, err = train(ctx, conn, gen, kind, func(msg string, args ...any) { log.Info(msg, args...) })
		switch {
		case errors.Is(err, errNothingToLearn):
			// A pilot extract, or a kind with a handful of records: no
			// pair to score, so every record stands alone (must-links
			// aside) and no model is kept; the next run trains again.
			log.Info("no candidate pairs: nothing to train or link", "kind", kind, "why", err.Error())
			model = nil
		case err != nil:
			return nil, fmt.Errorf("match %s: %w", kind, err)
		default:
			if err := saveModel(ctx, st, conn, gen, model, opts.RunID); err != nil {
				return nil, fmt.Errorf("match %s: %w", kind, err)
			}
			rep.Trained = true
		}
		lap("train")
	}
	if model != nil {
		rep.ModelVersion = model.Version
		if err := exec("features", gen.Base(string(kind), model.Version, model.TFFloor)); err != nil {
			return nil, err
		}
	}
	if incremental {
		_, err := conn.ExecContext(ctx, `CREATE OR REPLACE TEMP TABLE `+gen.D.Quote(gen.T.Delta)+` AS
			SELECT rid FROM (SELECT rid, version FROM match_features WHERE kind = $1
			                 EXCEPT SELECT rid, version FROM match_state WHERE kind = $1)
			UNION SELECT rid FROM (SELECT rid, version FROM match_state WHERE kind = $1
			                 EXCEPT SELECT rid, version FROM match_features WHERE kind = $1)`, string(kind))
		if err != nil {
			return nil, fmt.Errorf("match %s: changed records: %w", kind, err)
		}
		conn.QueryRowContext(ctx, `SELECT count(*) FROM `+gen.D.Quote(gen.T.Delta)).Scan(&rep.Changed)
	}
	if !needTrain || incremental {
		if err := exec("blocking", gen.Candidates(incremental)); err != nil {
			return nil, err
		}
		lap("blocking")
	}
	conn.QueryRowContext(ctx, `SELECT count(*) FROM `+gen.D.Quote(gen.T.Base)).Scan(&rep.Records)
	conn.QueryRowContext(ctx, `SELECT count(*) FROM `+gen.D.Quote(gen.T.Cand)).Scan(&rep.CandidatePairs)

	const scored = "_m_scored"
	if model == nil {
		if _, err := conn.ExecContext(ctx, `CREATE OR REPLACE TEMP TABLE `+scored+` (rid_l BIGINT, rid_r BIGINT, rule VARCHAR, match_weight DOUBLE, probability DOUBLE)`); err != nil {
			return nil, fmt.Errorf("match %s: scoring: %w", kind, err)
		}
	} else if err := exec("scoring", gen.Score(scored, model.Weights(s), s.Thresholds.Review, s.Thresholds.Veto)); err != nil {
		return nil, err
	}
	lap("scoring")

	step := time.Now()
	substep := func(name string) {
		log.Debug("match step", "kind", kind, "step", name, "took", time.Since(step).Round(time.Millisecond))
		step = time.Now()
	}
	err = st.InTxConn(ctx, conn, func(tx *store.Tx) error {
		for _, table := range []string{"match_pairs", "match_negative_pairs"} {
			if incremental {
				_, err = tx.ExecContext(ctx, `DELETE FROM `+table+` WHERE kind = $1 AND (rid_l IN (SELECT rid FROM `+gen.D.Quote(gen.T.Delta)+`)
					OR rid_r IN (SELECT rid FROM `+gen.D.Quote(gen.T.Delta)+`))`, string(kind))
			} else {
				_, err = tx.ExecContext(ctx, `DELETE FROM `+table+` WHERE kind = $1`, string(kind))
			}
			if err != nil {
				return fmt.Errorf("pairs: %w", err)
			}
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO match_pairs (kind, rid_l, rid_r, match_weight, probability, rule, run_id)
			SELECT $1, rid_l, rid_r, match_weight, probability, rule, $2 FROM `+scored+` WHERE probability >= $3`, string(kind), opts.RunID, s.Thresholds.Review); err != nil {
			return fmt.Errorf("pairs: %w", err)
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO match_negative_pairs (kind, rid_l, rid_r, probability, run_id)
			SELECT $1, rid_l, rid_r, probability, $2 FROM `+scored+` WHERE probability < $3`, string(kind), opts.RunID, s.Thresholds.Review); err != nil {
			return fmt.Errorf("pairs: %w", err)
		}
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FILTER (WHERE probability >= $2), count(*) FILTER (WHERE probability < $2)
			FROM match_pairs WHERE kind = $1`, string(kind), s.Thresholds.Link).Scan(&rep.Links, &rep.Review); err != nil {
			return fmt.Errorf("pairs: %w", err)
		}
		substep("write pairs")
		stats, n, err := writeClusters(ctx, tx, gen, s, kind, opts.RunID, substep)
		if err != nil {
			return err
		}
		rep.Cluster, rep.Clusters = stats, n
		if _, err := tx.ExecContext(ctx, `DELETE FROM match_state WHERE kind = $1`, string(kind)); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO match_state SELECT kind, rid, version FROM match_features WHERE kind = $1`, string(kind)); err != nil {
			return err
		}
		substep("state")
		_, err = tx.ExecContext(ctx, `INSERT INTO match_runs VALUES ($1, $2, $3, $4, $5)`, string(kind), opts.RunID, rep.ModelVersion, incremental, time.Now().UTC())
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("match %s: %w", kind, err)
	}
	lap("clustering")
	return rep, nil
}

// writeClusters clusters the kind's pairs in Go and rewrites the rows of
// match_clusters that changed.
func writeClusters(ctx context.Context, tx *store.Tx, gen *sqlgen.Gen, s *spec.Spec, kind record.Kind, runID int64, step func(string)) (cluster.Stats, int64, error) {
	var rids []int64
	rows, err := tx.QueryContext(ctx, `SELECT rid FROM `+gen.D.Quote(gen.T.Base))
	if err != nil {
		return cluster.Stats{}, 0, fmt.Errorf("clusters: %w", err)
	}
	for rows.Next() {
		var r int64
		if err := rows.Scan(&r); err != nil {
			rows.Close()
			return cluster.Stats{}, 0, err
		}
		rids = append(rids, r)
	}
	rows.Close()
	step("cluster: read records")
	g := cluster.NewGraph(rids)
	rows, err = tx.QueryContext(ctx, `SELECT rid_l, rid_r, probability FROM match_pairs WHERE kind = $1`, string(kind))
	if err != nil {
		return cluster.Stats{}, 0, fmt.Errorf("clusters: %w", err)
	}
	for rows.Next() {
		var e cluster.Edge
		if err := rows.Scan(&e.A, &e.B, &e.P); err != nil {
			rows.Close()
			return cluster.Stats{}, 0, err
		}
		g.AddEdge(e)
	}
	rows.Close()
	step("cluster: read pairs")
	rows, err = tx.QueryContext(ctx, `SELECT a.rid, b.rid, lc.rule FROM link_constraints lc
		JOIN current_records a ON a.source = lc.a_source AND a.source_id = lc.a_id
		JOIN current_records b ON b.source = lc.b_source AND b.source_id = lc.b_id
		WHERE lc.kind = $1 AND lc.active`, string(kind))
	if err != nil {
		return cluster.Stats{}, 0, fmt.Errorf("constraints: %w", err)
	}
	for rows.Next() {
		var a, b int64
		var rule string
		if err := rows.Scan(&a, &b, &rule); err != nil {
			rows.Close()
			return cluster.Stats{}, 0, err
		}
		if rule == "must-link" {
			g.MustLink(a, b)
		} else {
			g.CannotLink(a, b)
		}
	}
	rows.Close()
	// A veto is consulted only when a link would join two groups, and a
	// group never reaches beyond the records that links and must-links
	// connect: only the vetoes inside one such component are loaded (a
	// household's members, each linked to their own records, are in
	// different components). That keeps millions of negative pairs out of
	// memory and gives the same clusters as loading them all.
	comps := g.Components(s.Thresholds.Link)
	const compTable = "_m_components"
	if _, err := tx.ExecContext(ctx, `CREATE OR REPLACE TEMP TABLE `+compTable+` (rid BIGINT, comp INTEGER)`); err != nil {
		return cluster.Stats{}, 0, fmt.Errorf("clusters: %w", err)
	}
	defer tx.ExecContext(context.Background(), `DROP TABLE IF EXISTS temp.`+compTable)
	err = tx.Append(ctx, compTable, nil, func(a *store.Appender) error {
		for i, r := range g.Rids() {
			if comps[i] >= 0 {
				if err := a.AppendRow(r, comps[i]); err != nil {
					return err
				}
			}
		}
		return nil
	})
	if err != nil {
		return cluster.Stats{}, 0, fmt.Errorf("clusters: %w", err)
	}
	rows, err = tx.QueryContext(ctx, `SELECT n.rid_l, n.rid_r FROM match_negative_pairs n
		JOIN `+compTable+` a ON a.rid = n.rid_l JOIN `+compTable+` b ON b.rid = n.rid_r
		WHERE n.kind = $1 AND a.comp = b.comp`, string(kind))
	if err != nil {
		return cluster.Stats{}, 0, fmt.Errorf("clusters: %w", err)
	}
	for rows.Next() {
		var a, b int64
		if err := rows.Scan(&a, &b); err != nil {
			rows.Close()
			return cluster.Stats{}, 0, err
		}
		g.Veto(a, b)
	}
	rows.Close()
	step("cluster: read vetoes")
	ids, stats := g.Cluster(cluster.Options{Link: s.Thresholds.Link, MinDensity: s.Cluster.MinDensity})
	step("cluster: union-find")
	if _, err := tx.ExecContext(ctx, `DELETE FROM match_cluster_scratch WHERE kind = $1`, string(kind)); err != nil {
		return stats, 0, err
	}
	err = tx.Append(ctx, "match_cluster_scratch", nil, func(a *store.Appender) error {
		for i, r := range g.Rids() {
			if err := a.AppendRow(string(kind), r, ids[i]); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return stats, 0, fmt.Errorf("clusters: %w", err)
	}
	step("cluster: append")
	for _, q := range []string{
		`DELETE FROM match_clusters m WHERE m.kind = $1 AND NOT EXISTS (
			SELECT 1 FROM match_cluster_scratch s WHERE s.kind = $1 AND s.rid = m.rid AND s.cluster_id = m.cluster_id)`,
		`INSERT INTO match_clusters (kind, rid, cluster_id, run_id)
			SELECT $1, s.rid, s.cluster_id, $2 FROM match_cluster_scratch s WHERE s.kind = $1 AND NOT EXISTS (
			SELECT 1 FROM match_clusters m WHERE m.kind = $1 AND m.rid = s.rid)`,
		`DELETE FROM match_cluster_scratch WHERE kind = $1`,
	} {
		args := []any{string(kind)}
		if len(args) > 0 && containsParam2(q) {
			args = append(args, runID)
		}
		if _, err := tx.ExecContext(ctx, q, args...); err != nil {
			return stats, 0, fmt.Errorf("clusters: %w", err)
		}
	}
	step("cluster: write changes")
	return stats, int64(stats.Clusters), nil
}

func containsParam2(q string) bool {
	for i := 0; i+1 < len(q); i++ {
		if q[i] == '$' && q[i+1] == '2' {
			return true
		}
	}
	return false
}

// Identifier-like attributes (many distinct values, no value shared by
// more than maxAttrBlock records) also become blocking rules.
const (
	minAttrDistinct = 0.2
	maxAttrBlock    = 50
)

// addAttributes adds attribute comparisons, and blocking rules on the
// attributes that look like identifiers.
func addAttributes(ctx context.Context, q store.Querier, s *spec.Spec, kind record.Kind, attrs []string) error {
	AddAttributeComparisons(s, attrs)
	have := map[string]bool{}
	for _, b := range s.Blocking {
		for _, k := range b.Keys {
			have[k.Column] = true
		}
	}
	d := sqlgen.DuckDB{}
	for _, a := range attrs {
		col := spec.AttrPrefix + a
		if have[col] {
			continue
		}
		var distinct, nonNull, top sql.NullInt64
		err := q.QueryRowContext(ctx, `SELECT count(DISTINCT v), count(v), max(n) FROM (
			SELECT v, count(*) OVER (PARTITION BY v) AS n FROM (
				SELECT nullif(trim(upper(`+d.JSONText("attrs", "$2")+`)), '') AS v FROM match_features WHERE kind = $1))`,
			string(kind), d.JSONPath(a)).Scan(&distinct, &nonNull, &top)
		if err != nil {
			return fmt.Errorf("attribute %s: %w", a, err)
		}
		if nonNull.Int64 > 0 && float64(distinct.Int64) >= minAttrDistinct*float64(nonNull.Int64) && top.Int64 <= maxAttrBlock {
			s.Blocking = append(s.Blocking, spec.BlockingRule{Name: col, Keys: []spec.Key{{Column: col}}})
			// An identifier tells records apart: it counts among the
			// comparisons a link requires.
			if len(s.Require) > 0 && !slices.Contains(s.Require, col) {
				s.Require = append(s.Require, col)
			}
		}
	}
	return nil
}

// AddAttributeComparisons adds a comparison (exact, one edit, else) for
// every attribute no comparison reads yet.
func AddAttributeComparisons(s *spec.Spec, attrs []string) {
	used := map[string]bool{}
	for _, c := range s.Columns() {
		used[c] = true
	}
	for _, a := range attrs {
		col := spec.AttrPrefix + a
		if used[col] {
			continue
		}
		c := spec.Comparison{Name: col, Column: col, Levels: []spec.Level{
			{Kind: spec.Exact, Column: col}, {Kind: spec.Damerau, Column: col, Threshold: 1}, {Kind: spec.Else, Column: col}}}
		for i := range c.Levels {
			c.Levels[i].Label = c.Levels[i].DefaultLabel(c)
		}
		s.Comparisons = append(s.Comparisons, c)
	}
}

func dropSession(conn *sql.Conn) {
	ctx := context.Background()
	for _, t := range []string{"_m_scored", sqlgen.DefaultTables.Gammas, sqlgen.DefaultTables.Cand, sqlgen.DefaultTables.Delta, sqlgen.DefaultTables.Base} {
		conn.ExecContext(ctx, `DROP TABLE IF EXISTS temp.`+sqlgen.DuckDB{}.Quote(t))
	}
}

func jsonIndent(v any) (string, error) {
	b, err := json.MarshalIndent(v, "", "  ")
	return string(b), err
}
