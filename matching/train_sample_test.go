package matching

import (
	"context"
	"math"
	"os"
	"path/filepath"
	"testing"

	"github.com/council/golden/config"
	"github.com/council/golden/matching/evaluate"
	"github.com/council/golden/matching/internal/testload"
	"github.com/council/golden/record"
)

// TestTrainingSample: with training.max_pairs below what the rules find,
// EM reads a repeatable sample of each rule's pairs. The same seed gives the
// same model; the sampled model's weights and prior stay close to those of
// the model trained on every pair, and the links are as good.
func TestTrainingSample(t *testing.T) {
	path := filepath.Join(sharedData, "febrl", "dataset1.csv")
	if _, err := os.Stat(path); err != nil {
		t.Skip("shared data not found")
	}
	ctx := context.Background()
	ls, err := testload.FEBRL(path)
	if err != nil {
		t.Fatal(err)
	}
	truth := truthByKey(ls)
	train := func(t *testing.T, yaml string) (*Model, evaluate.Scores) {
		t.Helper()
		cfg, err := config.Parse("golden.yaml", []byte("sources: [{name: x, kind: person, connector: csv}]\n"+yaml))
		if err != nil {
			t.Fatal(err)
		}
		st := openStore(t)
		if _, err := testload.Insert(ctx, st, 1, testload.Records(ls)); err != nil {
			t.Fatal(err)
		}
		if _, err := Run(ctx, st, cfg, record.Person, Options{RunID: 1, Logger: testLogger(t)}); err != nil {
			t.Fatal(err)
		}
		conn, err := st.DB.Conn(ctx)
		if err != nil {
			t.Fatal(err)
		}
		defer conn.Close()
		m, err := LoadModel(ctx, conn, record.Person)
		if err != nil {
			t.Fatal(err)
		}
		return m, evaluate.Pairwise(truth, clustersByKey(t, st, record.Person))
	}
	full, fullScores := train(t, "matching: {person: {training: {max_pairs: 0}}}\n")
	const sampled = "matching: {person: {training: {max_pairs: 300, seed: 7}}}\n"
	a, aScores := train(t, sampled)
	b, _ := train(t, sampled)

	var fullPairs, samplePairs int64
	for i := range full.Sessions {
		fullPairs += full.Sessions[i].Pairs
	}
	for i := range a.Sessions {
		samplePairs += a.Sessions[i].Pairs
	}
	if len(a.Sessions) == 0 || fullPairs == 0 {
		t.Fatalf("no EM sessions: %+v", a.Sessions)
	}
	for i, c := range a.Comparisons {
		for j, l := range c.Levels {
			if bm := b.Comparisons[i].Levels[j].M; math.Abs(l.M-bm) > 1e-9*math.Max(l.M, 1e-12) {
				t.Errorf("%s/%s: m %v then %v with the same seed", c.Name, l.Label, l.M, b.Comparisons[i].Levels[j].M)
			}
			fw := full.Comparisons[i].Levels[j].Weight
			// The levels most matches reach are seen hundreds of times
			// in the sample: their weights stay within a bit.
			if full.Comparisons[i].Levels[j].M > 0.3 && math.Abs(l.Weight-fw) > 1 {
				t.Errorf("%s/%s: weight %.2f sampled, %.2f from every pair", c.Name, l.Label, l.Weight, fw)
			}
		}
	}
	if r := a.Prior / full.Prior; r < 0.5 || r > 2 {
		t.Errorf("prior %.3g sampled, %.3g from every pair", a.Prior, full.Prior)
	}
	if aScores.F1 < fullScores.F1-0.01 {
		t.Errorf("F1 %.4f sampled, %.4f from every pair", aScores.F1, fullScores.F1)
	}
	t.Logf("pairs in sessions (scaled) %d sampled vs %d; prior %.3g vs %.3g; F1 %.4f vs %.4f", samplePairs, fullPairs, a.Prior, full.Prior, aScores.F1, fullScores.F1)
}
