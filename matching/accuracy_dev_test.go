package matching

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/council/golden/config"
	"github.com/council/golden/matching/evaluate"
	"github.com/council/golden/matching/internal/testload"
	"github.com/council/golden/record"
)

// TestAccuracyDev runs the other labelled sets when MATCH_DEV is set; the
// shipped accuracy tests live in examples/accuracy.
func TestAccuracyDev(t *testing.T) {
	if os.Getenv("MATCH_DEV") == "" {
		t.Skip("MATCH_DEV not set")
	}
	sets := []struct {
		name string
		kind record.Kind
		cfg  string
		load func() ([]testload.Labelled, error)
	}{
		{"febrl1", record.Person, "", func() ([]testload.Labelled, error) {
			return testload.FEBRL(filepath.Join(sharedData, "febrl", "dataset1.csv"))
		}},
		{"febrl2", record.Person, "", func() ([]testload.Labelled, error) {
			return testload.FEBRL(filepath.Join(sharedData, "febrl", "dataset2.csv"))
		}},
		{"splink", record.Person, "", func() ([]testload.Labelled, error) {
			return testload.SplinkFake(filepath.Join(sharedData, "splink_fake_1000", "fake_1000.csv"))
		}},
		{"restaurant", record.Business, "matching: {business: {mode: link}}", func() ([]testload.Labelled, error) {
			a, err := testload.Restaurant(filepath.Join(sharedData, "dedupe_restaurant", "restaurant-1.csv"), "fodors")
			if err != nil {
				return nil, err
			}
			b, err := testload.Restaurant(filepath.Join(sharedData, "dedupe_restaurant", "restaurant-2.csv"), "zagat")
			return append(a, b...), err
		}},
		{"patstat", record.Business, "", func() ([]testload.Labelled, error) {
			return testload.Patstat(filepath.Join(sharedData, "dedupe_patstat", "patstat_input.csv"), filepath.Join(sharedData, "dedupe_patstat", "patstat_reference.csv"))
		}},
	}
	for _, set := range sets {
		if w := os.Getenv("MATCH_SET"); w != "" && w != set.name {
			continue
		}
		t.Run(set.name, func(t *testing.T) {
			ctx := context.Background()
			ls, err := set.load()
			if err != nil {
				t.Fatal(err)
			}
			var cfg *config.Config
			if set.cfg != "" {
				cfg, err = config.Parse("golden.yaml", []byte("sources: [{name: x, kind: person, connector: csv}]\n"+set.cfg))
				if err != nil {
					t.Fatal(err)
				}
			}
			st := openStore(t)
			if _, err := testload.Insert(ctx, st, 1, testload.Records(ls)); err != nil {
				t.Fatal(err)
			}
			rep, err := Run(ctx, st, cfg, set.kind, Options{RunID: 1, Logger: testLogger(t)})
			if err != nil {
				t.Fatal(err)
			}
			t.Logf("report: %+v", rep)
			got := clustersByKey(t, st, set.kind)
			truth := truthByKey(ls)
			t.Logf("pairwise: %+v", evaluate.Pairwise(truth, got))
			t.Logf("bcubed: %+v", evaluate.BCubed(truth, got))
			t.Logf("clusters: %+v", evaluate.ClusterLevel(truth, got))
			debugMissesCfg(t, st, cfg, ls, set.kind)
		})
	}
}
