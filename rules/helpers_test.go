package rules

import (
	"database/sql/driver"
	"iter"
	"maps"
)

func toDriver(vals []any) []driver.Value {
	out := make([]driver.Value, len(vals))
	for i, v := range vals {
		out[i] = v
	}
	return out
}

func mapsKeys[M ~map[K]V, K comparable, V any](m M) iter.Seq[K]   { return maps.Keys(m) }
func mapsValues[M ~map[K]V, K comparable, V any](m M) iter.Seq[V] { return maps.Values(m) }
