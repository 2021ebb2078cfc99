package pipelines

import (
	"context"
	"errors"
	"path/filepath"
	"testing"
)

// TestInterruptedRunFinishesNextTime cancels a run at the start of each
// stage in turn, as a killed nightly job would be, then runs again: the
// second run must reach exactly the golden records of a run never
// interrupted.
func TestInterruptedRunFinishesNextTime(t *testing.T) {
	ctx := context.Background()
	cfg := loadConfig(t, filepath.Join(demoDir, "golden.yaml"))
	clean := openStore(t)
	if _, err := Run(ctx, cfg, clean, Options{}); err != nil {
		t.Fatal(err)
	}
	want := groups(t, clean)

	for _, stop := range []string{"match person", "golden person"} {
		t.Run(stop, func(t *testing.T) {
			st := openStore(t)
			cctx, cancel := context.WithCancel(ctx)
			defer cancel()
			_, err := Run(cctx, cfg, st, Options{Progress: func(s Stage) {
				if s.Name+" "+string(s.Kind) == stop && !s.Done {
					cancel()
				}
			}})
			if !errors.Is(err, context.Canceled) {
				t.Fatalf("interrupted run: %v, want context.Canceled", err)
			}
			hist, err := History(ctx, st.DB, 1)
			if err != nil || len(hist) != 1 || hist[0].Status != "failed" {
				t.Fatalf("history after the interruption: %+v, %v", hist, err)
			}
			if _, err := Run(ctx, cfg, st, Options{}); err != nil {
				t.Fatalf("next run: %v", err)
			}
			got := groups(t, st)
			if len(got) != len(want) {
				t.Fatalf("%d golden records after the next run, want %d", len(got), len(want))
			}
			for g := range want {
				if !got[g] {
					t.Errorf("missing golden record of %s", g)
				}
			}
		})
	}
}
