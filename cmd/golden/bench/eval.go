package bench

import (
	"context"

	"github.com/council/golden/store"
)

// duckdbMemory is the memory DuckDB's buffer manager holds now (duckdb_memory()).
func duckdbMemory(ctx context.Context, st *store.Store) int64 {
	var n *int64
	if err := st.DB.QueryRowContext(ctx, "SELECT sum(memory_usage_bytes)::BIGINT FROM duckdb_memory()").Scan(&n); err != nil || n == nil {
		return 0
	}
	return *n
}
