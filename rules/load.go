// Package rules applies the governance policy to the store: it loads golden
// records into the policy engine (package rules/policy), writes partner
// extracts with their manifest, and records every disclosure in the
// hash-chained log (package rules/audit).
package rules

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"

	"gopkg.in/yaml.v3"

	"github.com/council/golden/config"
	"github.com/council/golden/record"
	"github.com/council/golden/rules/policy"
	"github.com/council/golden/store"
)

// Load compiles the policy that cfg's governance: key names. A config
// without one is a *NoPolicyError.
func Load(cfg *config.Config, now time.Time) (*policy.Engine, policy.Diagnostics, error) {
	if cfg.Governance == "" {
		return nil, nil, &NoPolicyError{File: cfg.File}
	}
	path := cfg.Resolve(cfg.Governance)
	return policy.Load(path, policy.Env{Now: now, Sources: SourceFlags(cfg)})
}

// SourceFlags lists golden.yaml's sources and the flags each can set (the
// flag: values under each source's flags:).
func SourceFlags(cfg *config.Config) map[string][]string {
	out := map[string][]string{}
	for _, s := range cfg.Sources {
		var flags []string
		n := &s.Node
		if n.Kind == yaml.MappingNode {
			for i := 0; i+1 < len(n.Content); i += 2 {
				if n.Content[i].Value != "flags" || n.Content[i+1].Kind != yaml.SequenceNode {
					continue
				}
				for _, item := range n.Content[i+1].Content {
					for j := 0; item.Kind == yaml.MappingNode && j+1 < len(item.Content); j += 2 {
						if item.Content[j].Value == "flag" && item.Content[j+1].Value != "" {
							flags = append(flags, item.Content[j+1].Value)
						}
					}
				}
			}
		}
		out[s.Name] = flags
	}
	return out
}

// NoPolicyError means golden.yaml names no governance policy.
type NoPolicyError struct{ File string }

func (e *NoPolicyError) Error() string {
	return fmt.Sprintf("%s has no governance: entry; add `governance: policy.yaml` (see examples/governance)", e.File)
}

// GoldenColumns returns the record fields that golden_records has as
// columns, in field order.
func GoldenColumns(ctx context.Context, q store.Querier) ([]string, error) {
	rows, err := q.QueryContext(ctx, `SELECT column_name FROM information_schema.columns WHERE table_name = 'golden_records'`)
	if err != nil {
		return nil, fmt.Errorf("rules: golden_records columns: %w", err)
	}
	defer rows.Close()
	have := map[string]bool{}
	for rows.Next() {
		var c string
		if err := rows.Scan(&c); err != nil {
			return nil, fmt.Errorf("rules: golden_records columns: %w", err)
		}
		have[c] = true
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	for _, c := range []string{"kind", "golden_id", "status", "flags", "sources"} {
		if !have[c] {
			return nil, fmt.Errorf("rules: golden_records has no %s column", c)
		}
	}
	var out []string
	for _, f := range record.AllFields() {
		if have[f.Name()] {
			out = append(out, f.Name())
		}
	}
	return out, nil
}

// EachRecord calls fn for every active golden record of kind, in golden id
// order, reading the field columns that exist. fn must not keep rec.
func EachRecord(ctx context.Context, q store.Querier, kind string, fn func(rec *policy.Record) error) error {
	return eachRecord(ctx, q, kind, "", fn)
}

// eachRecord is EachRecord, limited to one golden id when id is not empty.
func eachRecord(ctx context.Context, q store.Querier, kind, id string, fn func(rec *policy.Record) error) error {
	cols, err := GoldenColumns(ctx, q)
	if err != nil {
		return err
	}
	sel := []string{"golden_id", "coalesce(flags, '')", "coalesce(sources, '')"}
	for _, c := range cols {
		sel = append(sel, "coalesce("+store.QuoteIdent(c)+", '')")
	}
	query := `SELECT ` + strings.Join(sel, ", ") + ` FROM golden_records WHERE status = 'active' AND kind = ?`
	args := []any{kind}
	if id != "" {
		query += ` AND golden_id = ?`
		args = append(args, id)
	}
	rows, err := q.QueryContext(ctx, query+` ORDER BY golden_id`, args...)
	if err != nil {
		return fmt.Errorf("rules: read golden %s records: %w", kind, err)
	}
	defer rows.Close()
	vals := make([]sql.NullString, len(sel))
	ptrs := make([]any, len(sel))
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	rec := &policy.Record{Kind: kind, Fields: make(map[string]string, len(cols))}
	for rows.Next() {
		if err := rows.Scan(ptrs...); err != nil {
			return fmt.Errorf("rules: read golden %s records: %w", kind, err)
		}
		rec.ID = vals[0].String
		rec.Flags = policy.SplitList(vals[1].String)
		rec.Sources = policy.SplitList(vals[2].String)
		clear(rec.Fields)
		for i, c := range cols {
			if v := vals[3+i].String; v != "" {
				rec.Fields[c] = v
			}
		}
		if err := fn(rec); err != nil {
			return err
		}
		if err := ctx.Err(); err != nil {
			return err
		}
	}
	return rows.Err()
}
