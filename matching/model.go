package matching

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/council/golden/matching/em"
	"github.com/council/golden/matching/spec"
	"github.com/council/golden/matching/sqlgen"
	"github.com/council/golden/record"
	"github.com/council/golden/store"
)

// Model is a trained Fellegi-Sunter model of one kind: readable, versioned,
// stored in match_models and exportable as JSON.
type Model struct {
	Kind      record.Kind `json:"kind"`
	Version   int         `json:"version"`
	SpecHash  string      `json:"spec_hash"`
	TrainedAt time.Time   `json:"trained_at"`
	Records   int64       `json:"records"`
	// Prior is λ, the probability that two records drawn at random match.
	Prior       float64           `json:"prior"`
	Comparisons []ComparisonModel `json:"comparisons"`
	// TFFloor is the term frequency assumed for a value not seen in training.
	TFFloor  map[string]float64 `json:"tf_floor,omitempty"`
	Sessions []Session          `json:"sessions"`
	// RandomPairs is how many random pairs estimated u.
	RandomPairs int64 `json:"random_pairs"`
}

// ComparisonModel holds one comparison's levels.
type ComparisonModel struct {
	Name   string       `json:"name"`
	Levels []LevelModel `json:"levels"`
}

// LevelModel is one level's parameters; Weight is log2(M/U).
type LevelModel struct {
	Label  string  `json:"label"`
	Gamma  int     `json:"gamma"`
	M      float64 `json:"m"`
	U      float64 `json:"u"`
	Weight float64 `json:"weight"`
	TF     bool    `json:"tf,omitempty"`
}

// Session records one EM training session (one blocking rule's pairs).
type Session struct {
	Rule       string   `json:"rule"`
	Pairs      int64    `json:"pairs"`
	Matches    float64  `json:"expected_matches"`
	Fixed      []string `json:"fixed,omitempty"` // comparisons left out (the rule made them agree)
	Iterations int      `json:"iterations"`
	Converged  bool     `json:"converged"`
}

// level returns comparison i's level with gamma g.
func (m *Model) level(i, g int) *LevelModel {
	c := &m.Comparisons[i]
	return &c.Levels[len(c.Levels)-1-g]
}

// Weights are the model's numbers for the scoring SQL.
func (m *Model) Weights(s *spec.Spec) sqlgen.Weights {
	w := sqlgen.Weights{PriorLogit: em.Logit(m.Prior)}
	for i, c := range s.Comparisons {
		n := len(c.Levels)
		lw := make([]float64, n)
		tu := make([]float64, n)
		for g := 0; g < n; g++ {
			l := m.level(i, g)
			lw[g] = l.Weight
			if l.TF {
				tu[g] = l.U
			}
		}
		w.Level = append(w.Level, lw)
		w.TFU = append(w.TFU, tu)
	}
	return w
}

// ErrNoModel means no model has been trained for the kind.
var ErrNoModel = errors.New("no trained model")

// LoadModel returns the latest model of kind.
func LoadModel(ctx context.Context, q store.Querier, kind record.Kind) (*Model, error) {
	var text string
	err := q.QueryRowContext(ctx, `SELECT model FROM match_models WHERE kind = $1 ORDER BY version DESC LIMIT 1`, string(kind)).Scan(&text)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("%s: %w", kind, ErrNoModel)
	}
	if err != nil {
		return nil, fmt.Errorf("load %s model: %w", kind, err)
	}
	var m Model
	if err := json.Unmarshal([]byte(text), &m); err != nil {
		return nil, fmt.Errorf("load %s model: %w", kind, err)
	}
	return &m, nil
}

// fits reports whether m was trained for spec s.
func (m *Model) fits(s *spec.Spec) bool {
	if m.SpecHash != s.Hash() || len(m.Comparisons) != len(s.Comparisons) {
		return false
	}
	for i, c := range s.Comparisons {
		if m.Comparisons[i].Name != c.Name || len(m.Comparisons[i].Levels) != len(c.Levels) {
			return false
		}
	}
	return true
}

// JSON is the model as the readable JSON document that is stored and
// exported.
func (m *Model) JSON() ([]byte, error) {
	b, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return nil, err
	}
	return append(b, '\n'), nil
}

// PriorWeight is the match weight of the prior, log2(λ/(1−λ)).
func PriorWeight(m *Model) float64 { return em.Logit(m.Prior) }

// KindsWithRecords lists the kinds that have current records, in order.
func KindsWithRecords(ctx context.Context, q store.Querier) ([]record.Kind, error) {
	var out []record.Kind
	for _, k := range record.Kinds {
		var n int64
		if err := q.QueryRowContext(ctx, `SELECT count(*) FROM current_records WHERE kind = $1`, string(k)).Scan(&n); err != nil {
			return nil, fmt.Errorf("kinds: %w", err)
		}
		if n > 0 {
			out = append(out, k)
		}
	}
	return out, nil
}
