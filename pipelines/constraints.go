package pipelines

import (
	"context"
	"fmt"
	"strings"

	"github.com/council/golden/config"
	"github.com/council/golden/store"
)

// SyncConstraints makes link_constraints hold exactly the must-link and
// cannot-link pairs golden.yaml declares (origin 'config'), beside the
// stewards' own, so that matching honours them in every run like a
// steward's decision. Removing a pair from golden.yaml withdraws it. Run
// calls it first; so does every command that matches without Run.
func SyncConstraints(ctx context.Context, st *store.Store, cfg *config.Config) error {
	return st.InTx(ctx, func(tx *store.Tx) error {
		if _, err := tx.ExecContext(ctx, `DELETE FROM link_constraints WHERE origin = 'config'`); err != nil {
			return fmt.Errorf("constraints: %w", err)
		}
		if len(cfg.Constraints) == 0 {
			return nil
		}
		cols := []string{"kind", "a_source", "a_id", "b_source", "b_id", "rule", "origin", "decided_by", "note"}
		return tx.Append(ctx, "link_constraints", cols, func(a *store.Appender) error {
			for _, c := range cfg.Constraints {
				as, aid, _ := strings.Cut(c.A, ":")
				bs, bid, _ := strings.Cut(c.B, ":")
				note := fmt.Sprintf("%s line %d", cfg.File, c.Line)
				if err := a.AppendRow(string(c.Kind), as, aid, bs, bid, c.Rule, "config", "golden.yaml", note); err != nil {
					return fmt.Errorf("constraints: %w", err)
				}
			}
			return nil
		})
	})
}
