package matching

import (
	"context"

	"fmt"

	"github.com/council/golden/config"
	"github.com/council/golden/matching/spec"
	"github.com/council/golden/matching/sqlgen"
	"github.com/council/golden/record"
	"github.com/council/golden/store"
)

// PairScore is one candidate pair with its score under the current model.
type PairScore struct {
	A, B        record.Key
	RidA, RidB  int64
	Rule        string
	Weight      float64
	Probability float64
}

// session prepares a connection with the base table of kind under its
// latest fitting model, for evaluation and explanations.
type session struct {
	gen   *sqlgen.Gen
	spec  *spec.Spec
	model *Model
}

func openSession(ctx context.Context, q store.Querier, cfg *config.Config, kind record.Kind) (*session, error) {
	s, err := spec.FromConfig(cfg, kind)
	if err != nil {
		return nil, err
	}
	attrs, err := attrNames(ctx, q, kind)
	if err != nil {
		return nil, err
	}
	if s.CompareAttributes {
		if err := addAttributes(ctx, q, s, kind, attrs); err != nil {
			return nil, err
		}
	}
	m, err := LoadModel(ctx, q, kind)
	if err != nil {
		return nil, err
	}
	if !m.fits(s) {
		return nil, fmt.Errorf("the %s model (version %d) was trained for another matching spec: run `golden train --kind %s`: %w", kind, m.Version, kind, ErrNoModel)
	}
	gen := &sqlgen.Gen{D: sqlgen.DuckDB{}, Spec: s, T: sqlgen.DefaultTables}
	b := gen.Base(string(kind), m.Version, m.TFFloor)
	if _, err := q.ExecContext(ctx, b.SQL, b.Args...); err != nil {
		return nil, fmt.Errorf("features: %w", err)
	}
	return &session{gen: gen, spec: s, model: m}, nil
}

// CandidatePairs blocks and scores every candidate pair of kind with the
// latest model (no threshold), for evaluation.
func CandidatePairs(ctx context.Context, st *store.Store, cfg *config.Config, kind record.Kind) ([]PairScore, error) {
	conn, err := st.DB.Conn(ctx)
	if err != nil {
		return nil, err
	}
	defer conn.Close()
	defer dropSession(conn)
	ss, err := openSession(ctx, conn, cfg, kind)
	if err != nil {
		return nil, err
	}
	c := ss.gen.Candidates(false)
	if _, err := conn.ExecContext(ctx, c.SQL, c.Args...); err != nil {
		return nil, fmt.Errorf("blocking: %w", err)
	}
	q := ss.gen.Score("_m_scored", ss.model.Weights(ss.spec), 1e-300, 0)
	if _, err := conn.ExecContext(ctx, q.SQL, q.Args...); err != nil {
		return nil, fmt.Errorf("scoring: %w", err)
	}
	rows, err := conn.QueryContext(ctx, `SELECT s.rid_l, s.rid_r, s.rule, s.match_weight, s.probability, a.source, a.source_id, b.source, b.source_id
		FROM _m_scored s JOIN current_records a ON a.rid = s.rid_l JOIN current_records b ON b.rid = s.rid_r`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []PairScore
	for rows.Next() {
		var p PairScore
		if err := rows.Scan(&p.RidA, &p.RidB, &p.Rule, &p.Weight, &p.Probability, &p.A.Source, &p.A.SourceID, &p.B.Source, &p.B.SourceID); err != nil {
			return nil, err
		}
		out = append(out, p)
	}
	return out, rows.Err()
}
