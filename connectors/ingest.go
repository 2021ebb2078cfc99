package connectors

import (
	"cmp"
	"context"
	"crypto/sha256"
	"database/sql/driver"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/council/golden/config"
	"github.com/council/golden/connectors/mapping"
	"github.com/council/golden/connectors/raw"
	"github.com/council/golden/record"
	"github.com/council/golden/store"
)

// Ingest reads every source of cfg (or those opts names) into the store
// with the built-in connectors. See Registry.Ingest.
func Ingest(ctx context.Context, st *store.Store, cfg *config.Config, opts IngestOptions) (*IngestReport, error) {
	return Builtin().Ingest(ctx, st, cfg, opts)
}

// Ingest reads the sources into the store, one transaction per source. The
// first source that fails whole (missing file, wrong sheet, a layout that
// does not fit, a refused connection) stops the ingest with an error naming
// it; the store keeps the sources applied before it and is otherwise as it
// was. Config errors are *config.Error.
func (r *Registry) Ingest(ctx context.Context, st *store.Store, cfg *config.Config, opts IngestOptions) (rep *IngestReport, err error) {
	log := opts.Logger
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	var srcs []*config.Source
	if len(opts.Sources) == 0 {
		for i := range cfg.Sources {
			srcs = append(srcs, &cfg.Sources[i])
		}
	} else {
		for _, name := range opts.Sources {
			s, ok := cfg.Source(name)
			if !ok {
				return nil, &config.Error{File: cfg.File, Msg: fmt.Sprintf("no source called %q", name)}
			}
			srcs = append(srcs, s)
		}
	}
	rep = &IngestReport{RunID: opts.RunID}
	if rep.RunID == 0 {
		id, berr := st.BeginRun(ctx, configHash(cfg))
		if berr != nil {
			return nil, berr
		}
		rep.RunID = id
		// err is the named result: the status is how Ingest ended.
		defer func() {
			status := "ok"
			switch {
			case err != nil:
				status = "failed"
			case rep.Quarantined() > 0 || len(rep.Warnings()) > 0:
				status = "warnings"
			}
			if ferr := st.FinishRun(ctx, rep.RunID, status); ferr != nil && err == nil {
				err = ferr
			}
		}()
	}
	// Check every source's mapping and format before reading any: a bad
	// one fails the run (recorded as failed, so that a scheduler's look at
	// the run history sees it) with nothing ingested.
	jobs := make([]*job, 0, len(srcs))
	for _, s := range srcs {
		j, err := r.prepare(ctx, cfg, s, st, log)
		if err != nil {
			return rep, err
		}
		j.chunkRows, j.batchRows = int64(cmp.Or(opts.chunkRows, chunkRows)), cmp.Or(opts.batchRows, batchSize)
		j.noFastPath = opts.noFastPath
		j.progress = opts.Progress
		jobs = append(jobs, j)
	}
	restore, err := tuneDuckDB(ctx, st)
	if err != nil {
		return rep, err
	}
	defer restore()
	for _, j := range jobs {
		start := time.Now()
		log.Info("ingest", "source", j.src.Name, "connector", j.src.Connector)
		sr, err := j.run(ctx, st, rep.RunID)
		if j.progress != nil {
			var rows int64
			if sr != nil {
				rows = sr.Read
			}
			j.progress(j.src.Name, rows, true)
		}
		if err != nil {
			// The caller reports the error; a log line would say it twice.
			log.Info("ingest failed", "source", j.src.Name)
			return rep, &SourceError{Source: j.src.Name, Err: err}
		}
		log.Info("ingested", "source", j.src.Name, "read", sr.Read, "new", sr.New, "changed", sr.Changed,
			"unchanged", sr.Unchanged, "deleted", sr.Deleted, "quarantined", sr.Quarantined, "took", time.Since(start).Round(time.Millisecond))
		rep.Sources = append(rep.Sources, *sr)
	}
	if err := danglingRelationships(ctx, st, rep); err != nil {
		return rep, err
	}
	return rep, nil
}

// danglingRelationships warns, per source ingested and relationship type,
// about the relationships it states whose other end is no current record:
// a lives_at to a UPRN the gazetteer does not have, a parent_of to a pupil
// id no extract sent. An end in a source that holds no records at all (not
// ingested yet) is not counted. The edges are kept: the record may come.
func danglingRelationships(ctx context.Context, st *store.Store, rep *IngestReport) error {
	if len(rep.Sources) == 0 {
		return nil
	}
	bySource := map[string]*SourceReport{}
	args := make([]any, len(rep.Sources))
	for i := range rep.Sources {
		bySource[rep.Sources[i].Name] = &rep.Sources[i]
		args[i] = rep.Sources[i].Name
	}
	in := strings.TrimSuffix(strings.Repeat("?, ", len(args)), ", ")
	rows, err := st.DB.QueryContext(ctx, `
		WITH ends AS (
			SELECT source, rel_type, from_source AS src, from_id AS id FROM source_relationships WHERE source IN (`+in+`) AND valid_to IS NULL
			UNION ALL
			SELECT source, rel_type, to_source, to_id FROM source_relationships WHERE source IN (`+in+`) AND valid_to IS NULL),
		loaded AS (SELECT DISTINCT source FROM source_records)
		SELECT e.source, e.rel_type, e.src, count(*) FROM ends e
		WHERE e.src IN (SELECT source FROM loaded)
		  AND NOT EXISTS (SELECT 1 FROM source_records c WHERE c.source = e.src AND c.source_id = e.id AND c.is_current AND NOT c.deleted)
		GROUP BY ALL ORDER BY ALL`, append(args, args...)...)
	if err != nil {
		return fmt.Errorf("relationships: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var source, typ, src string
		var n int64
		if err := rows.Scan(&source, &typ, &src, &n); err != nil {
			return fmt.Errorf("relationships: %w", err)
		}
		sr := bySource[source]
		sr.Warnings = append(sr.Warnings, fmt.Sprintf("%d %s relationships point at %s records that are not in the store (kept, in case they come)", n, typ, src))
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("relationships: %w", err)
	}
	return nil
}

// tuneDuckDB sets DuckDB up for an ingest and returns a function that puts
// the settings back. An ingest's DuckDB work is a chain of statements, one
// chunk after another, while Go reads and maps the next chunk on the other
// cores:
//   - DuckDB gets half the cores: on this project's 2-core machines one
//     DuckDB thread made a 1,000,000-row ingest faster and cheaper (9.6 s and
//     13.3 CPU-seconds against 10.6 s and 16.3 with two), because DuckDB's
//     parallel insert spends more on coordination than it gains here;
//   - each row group is written as soon as it is full
//     (write_buffer_row_group_count 1, default 5), so the transaction holds
//     one uncompressed row group (about 70 MB of person records) instead of
//     five, and the writing is spread over the chunks instead of piling up;
//   - DuckDB's memory is capped at ingestMemoryLimit (or the store's limit,
//     if lower): a source is one transaction, and DuckDB otherwise keeps
//     the blocks it wrote and the staging tables cached as they grow.
func tuneDuckDB(ctx context.Context, st *store.Store) (restore func(), err error) {
	// How to put memory_limit back: exactly as the store was opened with
	// (current_setting shows it rounded). The others go back as they were.
	memUndo := "RESET memory_limit"
	if l := st.MemoryLimit(); l != "" {
		memUndo = "SET memory_limit = '" + strings.ReplaceAll(l, "'", "") + "'"
	}
	settings := []struct {
		name string
		want func(now string) string // the setting during the ingest, from its value now
		undo string
	}{
		{"threads", func(now string) string {
			n, err := strconv.Atoi(now)
			if err != nil {
				return now
			}
			return strconv.Itoa(min(max(1, runtime.GOMAXPROCS(0)/2), n))
		}, ""},
		{"write_buffer_row_group_count", func(string) string { return "1" }, ""},
		{"memory_limit", func(now string) string {
			if n, ok := parseBytes(now); ok && n <= ingestMemoryLimit {
				return now
			}
			return strconv.FormatInt(ingestMemoryLimit>>20, 10) + " MiB"
		}, memUndo},
	}
	var undo []string
	restore = func() {
		for _, q := range undo {
			st.DB.ExecContext(context.WithoutCancel(ctx), q)
		}
	}
	for _, s := range settings {
		var prev string
		if err := st.DB.QueryRowContext(ctx, `SELECT current_setting('`+s.name+`')::VARCHAR`).Scan(&prev); err != nil {
			restore()
			return nil, fmt.Errorf("ingest: %s: %w", s.name, err)
		}
		want := s.want(prev)
		if want == prev {
			continue
		}
		if _, err := st.DB.ExecContext(ctx, fmt.Sprintf("SET %s = '%s'", s.name, want)); err != nil {
			restore()
			return nil, fmt.Errorf("ingest: %s: %w", s.name, err)
		}
		if s.undo == "" {
			s.undo = fmt.Sprintf("SET %s = '%s'", s.name, prev)
		}
		undo = append(undo, s.undo)
	}
	return restore, nil
}

// ingestMemoryLimit is DuckDB's memory limit during an ingest. Measured with
// BenchmarkIngestPeopleCSV (peak RSS of the process, Go and DuckDB): with
// DuckDB's default (80 % of RAM) 0.73, 1.07 GB at 1 and 2 million rows; with
// 256 MiB 754, 782, 831, 877 MiB at 1, 2, 4, 8 million (DuckDB's cache
// reaches the cap by 3 million). 192 and 128 MiB are flatter (128: 645, 652,
// 690 MiB at 1, 4, 8 million) but 10 and 25 % slower at 1 million.
const ingestMemoryLimit = 256 << 20

// parseBytes reads a DuckDB size setting such as "18.6 GiB" or "512.0 MiB".
func parseBytes(s string) (int64, bool) {
	num, unit, _ := strings.Cut(strings.TrimSpace(s), " ")
	f, err := strconv.ParseFloat(num, 64)
	if err != nil {
		return 0, false
	}
	mult := map[string]float64{"bytes": 1, "B": 1, "KiB": 1 << 10, "MiB": 1 << 20, "GiB": 1 << 30, "TiB": 1 << 40,
		"KB": 1e3, "MB": 1e6, "GB": 1e9, "TB": 1e12}[unit]
	if mult == 0 {
		return 0, false
	}
	return int64(f * mult), true
}

func configHash(cfg *config.Config) string {
	b, err := os.ReadFile(cfg.File)
	if err != nil {
		return ""
	}
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

// job is one source, checked and ready to read.
type job struct {
	cfg      *config.Config
	src      *config.Source
	spec     *mapping.Spec
	reader   raw.Reader // nil when every file of a delta source was applied before
	deltas   []deltaFile
	skipped  []string // delta files applied before, not read
	warn     *warnings
	allowNil bool // allow_empty: a full extract with no rows may delete everything
	log      *slog.Logger

	chunkRows  int64 // rows staged before they are applied
	noFastPath bool  // tests: compare every chunk, even on a first load
	progress   func(source string, rows int64, done bool)
	batchRows  int // rows per batch through the mappers
}

func (r *Registry) prepare(ctx context.Context, cfg *config.Config, s *config.Source, st *store.Store, log *slog.Logger) (*job, error) {
	c, spec, err := r.parse(cfg, s)
	if err != nil {
		return nil, err
	}
	w := &warnings{}
	src := &raw.Source{Name: s.Name, Kind: s.Kind, Config: cfg, Spec: s, Format: raw.Node(&s.Node, "format"), Warn: w, Log: log.With("source", s.Name)}
	var deltas []deltaFile
	var skipped []string
	if nf, ok := c.(raw.NeedsFiles); ok && nf.NeedsFiles() {
		if s.Path == "" {
			return nil, config.Errorf(cfg.File, &s.Node, "source %s: no path: name the extract's file", s.Name)
		}
		files, err := raw.Files(cfg.Dir, s.Path)
		if err != nil {
			return nil, &SourceError{Source: s.Name, Err: err}
		}
		if spec.Delta {
			if files, deltas, skipped, err = newDeltaFiles(ctx, st, s.Name, files, w); err != nil {
				return nil, &SourceError{Source: s.Name, Err: err}
			}
			if len(files) == 0 {
				return &job{cfg: cfg, src: s, spec: spec, skipped: skipped, warn: w, log: log.With("source", s.Name)}, nil
			}
		}
		src.Files = files
	}
	rd, err := c.Open(ctx, src)
	if err != nil {
		var ce *config.Error
		if errors.As(err, &ce) {
			return nil, err
		}
		return nil, &SourceError{Source: s.Name, Err: err}
	}
	j := &job{cfg: cfg, src: s, spec: spec, reader: rd, deltas: deltas, skipped: skipped, warn: w, log: log.With("source", s.Name)}
	if n := raw.Node(&s.Node, "allow_empty"); n != nil && n.Value == "true" {
		j.allowNil = true
	}
	return j, nil
}

// batch is a slice of rows on their way through the mapper workers: the
// reader fills rows, a mapper turns them into staged rows (and lets the raw
// rows go), the stager appends them in order.
type batch struct {
	rows   []*raw.Row
	seq    int64 // the first row's sequence number
	staged []stagedRow
}

const batchSize = 512

// chunkRows is how many rows are staged before they are applied to the
// store: a whole number of DuckDB row groups (122,880 rows), which DuckDB
// compresses and writes as each chunk is inserted. The mappers keep working
// on the next chunk meanwhile (DuckDB writes on one core, Go maps on the
// other), so memory holds about two chunks of rows whatever the size of the
// extract.
const chunkRows = 122880

// run reads, maps, stages and applies the source in chunks: one transaction.
func (j *job) run(ctx context.Context, st *store.Store, runID int64) (*SourceReport, error) {
	sr := &SourceReport{Name: j.src.Name, Kind: j.src.Kind, Connector: j.src.Connector, SkippedFiles: j.skipped}
	if len(j.skipped) > 0 {
		j.log.Info("delta files applied before: skipped", "files", len(j.skipped))
	}
	if j.reader == nil {
		// Every file was applied before: nothing to read, and the run's
		// counts say so.
		sr.Warnings = j.warn.list
		return sr, st.InTx(ctx, func(tx *store.Tx) error { return writeCounts(ctx, tx, runID, sr) })
	}
	stg := newStage(j.spec)
	var mappers []*mapping.Mapper
	err := st.InTx(ctx, func(tx *store.Tx) error {
		for _, q := range stageSQL {
			if _, err := tx.ExecContext(ctx, q); err != nil {
				return fmt.Errorf("staging: %w", err)
			}
		}

		// The reader, the mappers and the stager stop each other with the
		// cause of the first failure, which is the one reported: the others
		// then only see a cancelled context.
		ctx, cancel := context.WithCancelCause(ctx)
		defer cancel(nil)

		start := time.Now()
		workers := runtime.GOMAXPROCS(0)
		in := make(chan *batch, workers*2)
		// Room for a chunk of mapped batches, so that mapping goes on while
		// the previous chunk is written.
		out := make(chan *batch, int(j.chunkRows)/j.batchRows+workers*2)
		free := make(chan *batch, int(j.chunkRows)/j.batchRows+workers*4+4)
		newBatch := func() *batch {
			select {
			case b := <-free:
				return b
			default:
				return &batch{}
			}
		}
		// Reader.
		go func() {
			defer close(in)
			var seq int64
			b := newBatch()
			readErr := j.reader.Read(ctx, func(row *raw.Row) error {
				if len(b.rows) == 0 {
					b.seq = seq
				}
				seq++
				b.rows = append(b.rows, row)
				if len(b.rows) == j.batchRows {
					select {
					case in <- b:
					case <-ctx.Done():
						return ctx.Err()
					}
					b = newBatch()
				}
				return nil
			})
			if readErr != nil {
				cancel(readErr)
			} else if len(b.rows) > 0 {
				select {
				case in <- b:
				case <-ctx.Done():
				}
			}
		}()
		// Mappers.
		var wg sync.WaitGroup
		for w := 0; w < workers; w++ {
			m := j.spec.NewMapper()
			mappers = append(mappers, m)
			p := &packer{spec: j.spec, fields: stg.fields}
			wg.Add(1)
			go func() {
				defer wg.Done()
				var o mapping.Out
				for b := range in {
					b.staged = slices.Grow(b.staged[:0], len(b.rows))[:len(b.rows)]
					for i, row := range b.rows {
						qe, err := m.Map(row, &o)
						if err != nil {
							cancel(err)
							break
						}
						p.prepare(&b.staged[i], row, &o, qe)
						b.rows[i] = nil
					}
					b.rows = b.rows[:0]
					select {
					case out <- b:
					case <-ctx.Done():
					}
				}
			}()
		}
		go func() { wg.Wait(); close(out) }()

		// Stage and apply in this goroutine: the connection belongs to the
		// transaction. Batches arrive in any order; they are staged in row
		// order, so that "the first row with an id" means the same as in
		// the file.
		ap := newApplier(j, tx, stg, runID, sr)
		ids := newIDFilter()
		pending := map[int64]*batch{}
		var next int64
		var waited time.Duration // the stager waiting for mapped rows
		done := false
		nextBatch := func() *batch {
			for {
				if b, ok := pending[next]; ok {
					delete(pending, next)
					return b
				}
				w0 := time.Now()
				b, ok := <-out
				waited += time.Since(w0)
				if !ok {
					done = true
					return nil
				}
				if b.seq == next {
					return b
				}
				pending[b.seq] = b
			}
		}
		var stageErr error
		var rejects []stagedRow // this chunk's quarantined rows
		var maybes []maybeDup   // this chunk's rows whose id may be a duplicate
		files := map[string]int32{}
		var newFiles []string
		// The chunk's packed rows, read by SQL from Go memory (see
		// store.StagedFunc): only the narrow ids are stored in DuckDB.
		chunk := &store.StagedRows{}
		for !done && stageErr == nil {
			rejects, maybes, newFiles = rejects[:0], maybes[:0], newFiles[:0]
			chunk.Seq, chunk.Text = chunk.Seq[:0], chunk.Text[:0]
			var deleted int64 // delete rows among the chunk's good rows
			lo := next
			stageErr = tx.Append(ctx, idsTable, nil, func(a *store.Appender) error {
				for next-lo < j.chunkRows {
					b := nextBatch()
					if b == nil {
						return nil
					}
					if ctx.Err() != nil {
						continue
					}
					for i := range b.staged {
						r := &b.staged[i]
						seq := b.seq + int64(i)
						if r.qReason != "" {
							r.seq = seq
							rejects = append(rejects, *r)
						} else {
							fileNo, ok := files[r.file]
							if !ok {
								fileNo = int32(len(files))
								files[r.file] = fileNo
								newFiles = append(newFiles, r.file)
							}
							if ids.add(r.sourceID) {
								maybes = append(maybes, maybeDup{seq: seq, raw: r.raw})
							}
							if err := a.AppendRow(seq, r.sourceID, fileNo, r.line); err != nil {
								return fmt.Errorf("staging: %w", err)
							}
							chunk.Seq = append(chunk.Seq, seq)
							chunk.Text = append(chunk.Text, r.packed)
							if r.packed[0] == '1' {
								deleted++
							}
						}
						*r = stagedRow{}
					}
					next += int64(len(b.staged))
					if j.progress != nil {
						j.progress(j.src.Name, next, false)
					}
					select {
					case free <- b:
					default:
					}
				}
				return nil
			})
			if stageErr == nil && len(rejects) > 0 {
				stageErr = tx.Append(ctx, rejectTable, nil, func(a *store.Appender) error {
					for i := range rejects {
						r := &rejects[i]
						if err := a.AppendRow(r.seq, r.file, r.line, nullable(r.qField), r.qReason, raw.Printable(r.raw), nullable(r.sourceID)); err != nil {
							return fmt.Errorf("staging: %w", err)
						}
					}
					return nil
				})
			}
			if stageErr == nil && len(newFiles) > 0 {
				stageErr = tx.Append(ctx, filesTable, nil, func(a *store.Appender) error {
					for _, f := range newFiles {
						if err := a.AppendRow(files[f], f); err != nil {
							return fmt.Errorf("staging: %w", err)
						}
					}
					return nil
				})
			}
			if stageErr == nil && len(maybes) > 0 {
				stageErr = tx.Append(ctx, maybeTable, nil, func(a *store.Appender) error {
					for _, m := range maybes {
						if err := a.AppendRow(m.seq, raw.Printable(m.raw)); err != nil {
							return fmt.Errorf("staging: %w", err)
						}
					}
					return nil
				})
			}
			if stageErr == nil && ctx.Err() == nil && next > lo {
				key, release := st.Stage(chunk)
				stageErr = ap.chunk(ctx, chunkInfo{key: key, lo: lo, hi: next, rows: int64(len(chunk.Seq)), deleted: deleted, maybeDups: len(maybes) > 0})
				release()
			}
		}
		if stageErr != nil {
			cancel(stageErr)
		}
		for range out {
			// Wait for the reader and the mappers to stop.
		}
		if err := context.Cause(ctx); err != nil {
			return err
		}
		if len(pending) > 0 {
			return fmt.Errorf("staging: %d batches out of order after row %d", len(pending), next)
		}
		j.log.Debug("ingest step", "step", "read, map, stage and store", "rows", next, "took", time.Since(start), "waiting for rows", waited)
		if err := ap.finish(ctx); err != nil {
			return err
		}
		if err := recordDateOrders(ctx, tx, j.src.Name, runID, j.spec.ConfirmedOrders(mappers)); err != nil {
			return err
		}
		return j.recordDeltaFiles(ctx, tx, runID)
	})
	if err != nil {
		return nil, err
	}
	sr.Warnings = append(sr.Warnings, j.warn.list...)
	sr.Warnings = append(sr.Warnings, j.spec.Warnings(mappers, func(field, format string) bool {
		var ok bool
		err := st.DB.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM date_orders WHERE source = $1 AND field = $2 AND format = $3)`,
			j.src.Name, field, format).Scan(&ok)
		return err == nil && ok
	})...)
	return sr, nil
}

// recordDateOrders keeps the day/month orders the run's rows confirmed
// (see mapping.Spec.ConfirmedOrders), each once per source.
func recordDateOrders(ctx context.Context, tx *store.Tx, source string, runID int64, orders []mapping.DateOrder) error {
	for _, o := range orders {
		if _, err := tx.ExecContext(ctx, `INSERT INTO date_orders (source, field, format, run_id)
			SELECT $1, $2, $3, $4 WHERE NOT EXISTS (SELECT 1 FROM date_orders WHERE source = $1 AND field = $2 AND format = $3)`,
			source, o.Field, o.Format, runID); err != nil {
			return fmt.Errorf("date orders: %w", err)
		}
	}
	return nil
}

// stage describes how a source's rows are laid out in the staging tables.
type stage struct {
	fields []record.Field
}

func newStage(spec *mapping.Spec) *stage {
	return &stage{fields: spec.Fields()}
}

// fieldPos returns the packed position of mapped field f.
func (s *stage) fieldPos(f record.Field) (int, bool) {
	for i, g := range s.fields {
		if g == f {
			return packFields + i, true
		}
	}
	return 0, false
}

// relPos returns the packed position of relationship i.
func (s *stage) relPos(i int) int { return packFields + len(s.fields) + i }

// maybeDup is a good row whose id the filter may have seen before.
type maybeDup struct {
	seq int64
	raw string
}

// stagedRow is one row as the staging tables take it, prepared by a mapper
// so that the raw row and the mapped record can go.
type stagedRow struct {
	seq                                  int64
	file, sourceID, qField, qReason, raw string
	packed                               string
	line                                 int64
}

// packer turns mapped rows into staged rows; each mapper has its own.
type packer struct {
	spec   *mapping.Spec
	fields []record.Field
	buf    []byte
}

// prepare fills r from a row and its mapping. A row whose values hold the
// separator is quarantined (it cannot be staged faithfully).
func (p *packer) prepare(r *stagedRow, row *raw.Row, o *mapping.Out, qe *raw.RowError) {
	*r = stagedRow{file: row.File, line: row.Line, raw: row.Raw}
	if qe == nil {
		if packed, ok := p.pack(row, o); ok {
			r.sourceID, r.packed = o.Rec.Key.SourceID, packed
			return
		}
		qe = &raw.RowError{Reason: "control character U+001F in a value"}
	}
	r.qField, r.qReason = qe.Field, qe.Reason
	// The id, where it was read: the record is in the extract, so a full
	// extract does not take it for missing (and delete it) because one of
	// its values was bad.
	r.sourceID = o.Rec.Key.SourceID
	if r.raw == "" && row.Values != nil {
		r.raw = strings.Join(row.Values, "\t")
	}
}

func (p *packer) pack(row *raw.Row, o *mapping.Out) (string, bool) {
	r := &o.Rec
	ok := true
	b := append(p.buf[:0], '0')
	if r.Deleted {
		b[0] = '1'
	}
	b = append(b, o.Hash...)
	b = append(b, unitSep)
	b = strconv.AppendInt(b, row.Line, 10)
	b = append(b, unitSep)
	if strings.IndexByte(r.Key.SourceID, unitSep) >= 0 {
		ok = false
	}
	b = append(b, r.Key.SourceID...)
	b = append(b, unitSep)
	if !r.Observed.IsZero() {
		b = r.Observed.UTC().AppendFormat(b, "2006-01-02 15:04:05.999999")
	}
	b = append(b, unitSep)
	for i, f := range r.Invalid.Fields() {
		if i > 0 {
			b = append(b, ';')
		}
		b = append(b, f.Name()...)
	}
	for i, a := range o.BadAttrs {
		if i > 0 || r.Invalid != 0 {
			b = append(b, ';')
		}
		b = append(b, "attr."...)
		b = append(b, a...)
	}
	b = append(b, unitSep)
	for i, f := range r.Flags {
		if i > 0 {
			b = append(b, ';')
		}
		b = append(b, f...)
	}
	b = append(b, unitSep)
	if len(r.Attrs) > 0 {
		b = appendJSONObject(b, r)
	}
	add := func(v string) {
		b = append(b, unitSep)
		if strings.IndexByte(v, unitSep) >= 0 {
			ok = false
		}
		b = append(b, v...)
	}
	for _, f := range p.fields {
		add(r.Values[f])
	}
	for _, id := range o.Rels {
		add(id)
	}
	p.buf = b
	return string(b), ok
}

// appendJSONObject writes the record's attributes as a JSON object with
// sorted keys.
func appendJSONObject(b []byte, r *record.Record) []byte {
	b = append(b, '{')
	for i, k := range r.AttrNames() {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendJSONString(b, k)
		b = append(b, ':')
		b = appendJSONString(b, r.Attrs[k])
	}
	return append(b, '}')
}

func appendJSONString(b []byte, s string) []byte {
	const hex = "0123456789abcdef"
	b = append(b, '"')
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '"' || c == '\\':
			b = append(b, '\\', c)
		case c < 0x20:
			b = append(b, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xf])
		default:
			b = append(b, c)
		}
	}
	return append(b, '"')
}

func nullable(s string) driver.Value {
	if s == "" {
		return nil
	}
	return s
}

// Check reads every source's connector name and field mapping in cfg without
// opening any file or database, so that a mistake in golden.yaml is reported
// (as a *config.Error with its line) before a run touches the store.
func Check(cfg *config.Config) error { return Builtin().Check(cfg) }

// Check is the package Check with this registry's connectors.
func (r *Registry) Check(cfg *config.Config) error {
	for i := range cfg.Sources {
		if _, _, err := r.parse(cfg, &cfg.Sources[i]); err != nil {
			return err
		}
	}
	return nil
}

// parse finds source s's connector and reads its field mapping (with the
// connector's preset, if it has one), opening nothing.
func (r *Registry) parse(cfg *config.Config, s *config.Source) (raw.Connector, *mapping.Spec, error) {
	c, ok := r.Get(s.Connector)
	if !ok {
		return nil, nil, config.Errorf(cfg.File, config.OrNode(raw.Node(&s.Node, "connector"), &s.Node), "source %s: unknown connector %q (want one of %s)", s.Name, s.Connector, strings.Join(r.Names(), ", "))
	}
	preset := ""
	if p, ok := c.(raw.Presetter); ok {
		preset = p.Preset(raw.Node(&s.Node, "format"))
	}
	spec, err := mapping.Parse(cfg, s, preset)
	if err != nil {
		return nil, nil, err
	}
	return c, spec, nil
}
