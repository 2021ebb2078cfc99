// Package golden turns the matching engine's clusters into golden records
// that a council can rely on night after night: persistent ids (merges
// retire ids with a redirect, splits mint new ones), survivorship per field
// with lineage, a version history of every change and why, households, and
// relationships between golden records.
//
// Build is incremental: it compares the current clustering and the current
// versions of the source records with the membership it wrote last time and
// touches only the clusters that changed. The same input twice changes
// nothing. Everything it writes is in one transaction.
package golden

import (
	"context"
	"fmt"
	"log/slog"
	"strings"

	"github.com/council/golden/config"
	"github.com/council/golden/golden/survivorship"
	"github.com/council/golden/record"
	"github.com/council/golden/store"
)

// Options tune a Build.
type Options struct {
	RunID  int64
	Logger *slog.Logger
	// Full re-derives every golden record of the kind, not only those whose
	// clusters or members changed. Ids still follow the id rules.
	Full bool
	// Reason is added to the history of every golden record this build
	// changes (for example "steward" when a steward's decision caused it).
	Reason string
}

// Report counts what a Build did.
type Report struct {
	Kind       record.Kind
	Active     int64 // active golden records of the kind after the build
	Created    int64 // new golden ids
	Updated    int64 // existing golden records given a new version
	Merged     int64 // ids retired because their records merged into another
	Split      int64 // golden records that lost records to other golden records
	Retired    int64 // ids retired (merged, or every source record deleted)
	Unchanged  int64 // active golden records left as they were
	Households int64 // households (people sharing a UPRN) after the build
}

// Prefix is the golden id prefix of each kind: P-1, L-1 (a property with no
// UPRN), B-1. Properties with a UPRN are keyed by it: U-100023336956.
func Prefix(k record.Kind) string {
	switch k {
	case record.Person:
		return "P"
	case record.Property:
		return "L"
	case record.Business:
		return "B"
	}
	return strings.ToUpper(string(k))
}

// UPRNPrefix is the id prefix of properties keyed by their UPRN.
const UPRNPrefix = "U"

// LoadPolicy reads the survivorship file named by cfg (the built-in
// defaults when it names none).
func LoadPolicy(cfg *config.Config) (*survivorship.Policy, error) {
	if cfg == nil || cfg.Survivorship == "" {
		return survivorship.Default(), nil
	}
	return survivorship.Load(cfg.Resolve(cfg.Survivorship))
}

// Build maps the current clustering of kind onto persistent golden ids,
// derives the surviving values with their lineage, records history, and
// rebuilds households and golden relationships. It runs in one
// transaction: on error the store is as it was.
func Build(ctx context.Context, st *store.Store, cfg *config.Config, kind record.Kind, opts Options) (*Report, error) {
	var rep *Report
	err := st.InTx(ctx, func(tx *store.Tx) error {
		var err error
		rep, err = BuildInTx(ctx, tx, cfg, kind, opts)
		return err
	})
	if err != nil {
		return nil, err
	}
	return rep, nil
}

// BuildInTx is Build inside a transaction the caller holds, for callers
// that change the clustering and rebuild in one go (steward decisions).
// On error the caller must roll back.
func BuildInTx(ctx context.Context, tx *store.Tx, cfg *config.Config, kind record.Kind, opts Options) (*Report, error) {
	if _, err := record.ParseKind(string(kind)); err != nil {
		return nil, fmt.Errorf("golden: %w", err)
	}
	pol, err := LoadPolicy(cfg)
	if err != nil {
		return nil, fmt.Errorf("golden: %w", err)
	}
	log := opts.Logger
	if log == nil {
		log = slog.Default()
	}
	trust := pol.TrustOf(cfg)
	b := &builder{
		tx:     tx,
		kind:   kind,
		opts:   opts,
		log:    log,
		policy: pol.For(kind),
		trust:  trust,
		hash:   pol.Hash(kind, trust),
		report: &Report{Kind: kind},
	}
	if cfg != nil {
		b.cfgConstraints = cfg.Constraints
	}
	defer b.dropTemp(ctx)
	done := b.timed("build")
	err = b.run(ctx)
	done()
	if err != nil {
		return nil, err
	}
	log.Info("golden records built", "kind", kind, "run", opts.RunID, "active", b.report.Active,
		"created", b.report.Created, "updated", b.report.Updated, "retired", b.report.Retired,
		"merged", b.report.Merged, "split", b.report.Split, "households", b.report.Households)
	return b.report, nil
}
