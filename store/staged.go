package store

import (
	"context"
	"fmt"
	"strconv"
	"sync"

	duckdb "github.com/duckdb/duckdb-go/v2"
)

// StagedFunc is the table function through which SQL reads rows staged in
// Go memory: golden_staged('<key>') returns the columns seq BIGINT and text
// VARCHAR of the rows staged under key.
//
// A bulk load that stages rows in a temporary table inside a long
// transaction keeps every row in memory until the transaction ends, even
// after the table is emptied or dropped: DuckDB must be able to roll back.
// Rows read through this function are never stored, so a load that stages
// one chunk at a time holds one chunk, whatever the size of its input.
const StagedFunc = "golden_staged"

// StagedRows are rows SQL may read with golden_staged while they are
// staged. They must not change while a statement reads them.
type StagedRows struct {
	Seq  []int64
	Text []string
}

// staging is the store's register of staged rows.
type staging struct {
	mu   sync.Mutex
	rows map[string]*StagedRows
	next int
}

// Stage makes rows readable as golden_staged(key) until release is called.
func (s *Store) Stage(rows *StagedRows) (key string, release func()) {
	s.staged.mu.Lock()
	defer s.staged.mu.Unlock()
	s.staged.next++
	key = "s" + strconv.Itoa(s.staged.next)
	s.staged.rows[key] = rows
	return key, func() {
		s.staged.mu.Lock()
		delete(s.staged.rows, key)
		s.staged.mu.Unlock()
	}
}

func (s *Store) stagedRows(key string) (*StagedRows, bool) {
	s.staged.mu.Lock()
	defer s.staged.mu.Unlock()
	r, ok := s.staged.rows[key]
	return r, ok
}

// registerStaged registers golden_staged on the store's database.
func (s *Store) registerStaged(ctx context.Context) error {
	s.staged.rows = map[string]*StagedRows{}
	varchar, err := duckdb.NewTypeInfo(duckdb.TYPE_VARCHAR)
	if err != nil {
		return err
	}
	bigint, err := duckdb.NewTypeInfo(duckdb.TYPE_BIGINT)
	if err != nil {
		return err
	}
	cols := []duckdb.ColumnInfo{{Name: "seq", T: bigint}, {Name: "text", T: varchar}}
	f := duckdb.ChunkTableFunction{
		Config: duckdb.TableFunctionConfig{Arguments: []duckdb.TypeInfo{varchar}},
		BindArguments: func(_ map[string]any, args ...any) (duckdb.ChunkTableSource, error) {
			key, _ := args[0].(string)
			rows, ok := s.stagedRows(key)
			if !ok {
				return nil, fmt.Errorf("%s: nothing is staged under %q", StagedFunc, key)
			}
			return &stagedSource{rows: rows, cols: cols}, nil
		},
	}
	conn, err := s.DB.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	if err := duckdb.RegisterTableUDF(conn, StagedFunc, f); err != nil {
		return fmt.Errorf("register %s: %w", StagedFunc, err)
	}
	return nil
}

// stagedSource is one scan of staged rows.
type stagedSource struct {
	rows *StagedRows
	cols []duckdb.ColumnInfo
	pos  int
}

func (t *stagedSource) ColumnInfos() []duckdb.ColumnInfo { return t.cols }

func (t *stagedSource) Cardinality() *duckdb.CardinalityInfo {
	return &duckdb.CardinalityInfo{Cardinality: uint(len(t.rows.Seq)), Exact: true}
}

func (t *stagedSource) Init() {}

func (t *stagedSource) FillChunk(ch duckdb.DataChunk) error {
	n := min(duckdb.GetDataChunkCapacity(), len(t.rows.Seq)-t.pos)
	for i := 0; i < n; i++ {
		if err := duckdb.SetChunkValue(ch, 0, i, t.rows.Seq[t.pos+i]); err != nil {
			return err
		}
		if err := duckdb.SetChunkValue(ch, 1, i, t.rows.Text[t.pos+i]); err != nil {
			return err
		}
	}
	t.pos += n
	return ch.SetSize(n)
}
