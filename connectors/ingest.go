package connectors

import (
	"context"
	"crypto/sha256"
	"database/sql/driver"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"runtime"
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
	// Check every source's mapping and format before touching the store.
	jobs := make([]*job, 0, len(srcs))
	for _, s := range srcs {
		j, err := r.prepare(ctx, cfg, s, log)
		if err != nil {
			return nil, err
		}
		jobs = append(jobs, j)
	}
	rep = &IngestReport{RunID: opts.RunID}
	if rep.RunID == 0 {
		id, err := st.BeginRun(ctx, configHash(cfg))
		if err != nil {
			return nil, err
		}
		rep.RunID = id
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
	for _, j := range jobs {
		start := time.Now()
		log.Info("ingest", "source", j.src.Name, "connector", j.src.Connector)
		sr, err := j.run(ctx, st, rep.RunID)
		if err != nil {
			log.Error("ingest failed", "source", j.src.Name, "err", err)
			return rep, &SourceError{Source: j.src.Name, Err: err}
		}
		log.Info("ingested", "source", j.src.Name, "read", sr.Read, "new", sr.New, "changed", sr.Changed,
			"unchanged", sr.Unchanged, "deleted", sr.Deleted, "quarantined", sr.Quarantined, "took", time.Since(start).Round(time.Millisecond))
		rep.Sources = append(rep.Sources, *sr)
	}
	return rep, nil
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
	reader   raw.Reader
	warn     *warnings
	allowNil bool // allow_empty: a full extract with no rows may delete everything
	log      *slog.Logger
}

func (r *Registry) prepare(ctx context.Context, cfg *config.Config, s *config.Source, log *slog.Logger) (*job, error) {
	c, spec, err := r.parse(cfg, s)
	if err != nil {
		return nil, err
	}
	w := &warnings{}
	src := &raw.Source{Name: s.Name, Kind: s.Kind, Config: cfg, Spec: s, Format: raw.Node(&s.Node, "format"), Warn: w, Log: log.With("source", s.Name)}
	if nf, ok := c.(raw.NeedsFiles); ok && nf.NeedsFiles() {
		if s.Path == "" {
			return nil, config.Errorf(cfg.File, &s.Node, "source %s: no path: name the extract's file", s.Name)
		}
		files, err := raw.Files(cfg.Dir, s.Path)
		if err != nil {
			return nil, &SourceError{Source: s.Name, Err: err}
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
	j := &job{cfg: cfg, src: s, spec: spec, reader: rd, warn: w, log: log.With("source", s.Name)}
	if n := raw.Node(&s.Node, "allow_empty"); n != nil && n.Value == "true" {
		j.allowNil = true
	}
	return j, nil
}

// batch is a slice of rows on their way through the mapper workers.
type batch struct {
	rows []*raw.Row
	seq  int64 // the first row's sequence number
	outs []mapping.Out
	errs []*raw.RowError
}

const batchSize = 512

// run reads, maps and stages the source, then applies it: one transaction.
func (j *job) run(ctx context.Context, st *store.Store, runID int64) (*SourceReport, error) {
	sr := &SourceReport{Name: j.src.Name, Kind: j.src.Kind, Connector: j.src.Connector}
	stage := newStage(j.spec)
	var mappers []*mapping.Mapper
	err := st.InTx(ctx, func(tx *store.Tx) error {
		if _, err := tx.ExecContext(ctx, stage.createSQL()); err != nil {
			return fmt.Errorf("staging: %w", err)
		}
		ctx, cancel := context.WithCancel(ctx)
		defer cancel()

		stageStart := time.Now()
		workers := runtime.GOMAXPROCS(0)
		in := make(chan *batch, workers*2)
		out := make(chan *batch, workers*2)
		// Batches are reused once appended, so memory stays flat and the
		// mapped records are not reallocated for every batch.
		free := make(chan *batch, workers*4+4)
		newBatch := func() *batch {
			select {
			case b := <-free:
				return b
			default:
				return &batch{}
			}
		}
		var readErr, mapErr error
		var mapOnce sync.Once
		// Reader.
		go func() {
			defer close(in)
			var seq int64
			b := newBatch()
			readErr = j.reader.Read(ctx, func(row *raw.Row) error {
				if len(b.rows) == 0 {
					b.seq = seq
				}
				seq++
				b.rows = append(b.rows, row)
				if len(b.rows) == batchSize {
					select {
					case in <- b:
					case <-ctx.Done():
						return ctx.Err()
					}
					b = newBatch()
				}
				return nil
			})
			if readErr == nil && len(b.rows) > 0 {
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
			wg.Add(1)
			go func() {
				defer wg.Done()
				for b := range in {
					if cap(b.outs) < len(b.rows) {
						b.outs = make([]mapping.Out, len(b.rows))
						b.errs = make([]*raw.RowError, len(b.rows))
					}
					b.outs, b.errs = b.outs[:len(b.rows)], b.errs[:len(b.rows)]
					for i, row := range b.rows {
						qe, err := m.Map(row, &b.outs[i])
						if err != nil {
							mapOnce.Do(func() { mapErr = err; cancel() })
							break
						}
						b.errs[i] = qe
					}
					select {
					case out <- b:
					case <-ctx.Done():
					}
				}
			}()
		}
		go func() { wg.Wait(); close(out) }()
		// Stage in this goroutine: the appender belongs to the transaction.
		appendErr := tx.Append(ctx, stage.table, nil, func(a *store.Appender) error {
			vals := make([]driver.Value, stage.width())
			for b := range out {
				if mapErr != nil || ctx.Err() != nil {
					continue
				}
				for i, row := range b.rows {
					stage.values(vals, b.seq+int64(i), row, &b.outs[i], b.errs[i])
					b.rows[i] = nil
					if err := a.AppendRow(vals...); err != nil {
						cancel()
						return fmt.Errorf("staging: %w", err)
					}
				}
				b.rows = b.rows[:0]
				select {
				case free <- b:
				default:
				}
			}
			return nil
		})
		cancelIfErr := appendErr != nil
		if cancelIfErr {
			cancel()
		}
		for range out {
			// Wait for the reader and the mappers to stop.
		}
		j.log.Debug("ingest step", "step", "read, map and stage", "took", time.Since(stageStart))
		switch {
		case mapErr != nil:
			return mapErr
		case readErr != nil:
			return readErr
		case appendErr != nil:
			return appendErr
		}
		if err := ctx.Err(); err != nil {
			return err
		}
		return j.apply(ctx, tx, stage, runID, sr)
	})
	if err != nil {
		return nil, err
	}
	sr.Warnings = append(sr.Warnings, j.warn.list...)
	sr.Warnings = append(sr.Warnings, j.spec.Warnings(mappers)...)
	return sr, nil
}

// stage is the temporary table a source is loaded into before it is
// compared with the store.
type stage struct {
	spec   *mapping.Spec
	table  string
	fields []record.Field
	buf    []byte
}

func newStage(spec *mapping.Spec) *stage {
	return &stage{spec: spec, table: "ingest_stage", fields: spec.Fields()}
}

// The staging table: the row's place and identity, the quarantine reason
// if any, and everything else packed into one text value (fields separated
// by U+001F) that SQL unpacks when it writes source_records. Few columns
// make the Appender fast: each value appended is a call into DuckDB.
var stageCols = []string{"seq BIGINT", "file VARCHAR", "line BIGINT", "source_id VARCHAR", "q_field VARCHAR", "q_reason VARCHAR",
	"raw VARCHAR", "content_hash VARCHAR", "deleted BOOLEAN", "observed_at TIMESTAMP", "packed VARCHAR"}

// Positions (1-based, as DuckDB lists count) in the packed value.
const (
	packInvalid = 1
	packFlags   = 2
	packAttrs   = 3
	packFields  = 4 // then one per mapped field, then one per relationship
)

const unitSep = 0x1f

func (s *stage) width() int { return len(stageCols) }

func (s *stage) createSQL() string {
	return "CREATE OR REPLACE TEMP TABLE " + s.table + " (" + strings.Join(stageCols, ", ") + ")"
}

// packed returns the SQL expression for packed position i of row alias a.
func packedAt(list string, i int) string {
	return fmt.Sprintf("NULLIF(%s[%d], '')", list, i)
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

// values fills v with one row. A row whose values hold the separator is
// quarantined (it cannot be staged faithfully).
func (s *stage) values(v []driver.Value, seq int64, row *raw.Row, o *mapping.Out, qe *raw.RowError) {
	for i := range v {
		v[i] = nil
	}
	v[0] = seq
	v[1] = row.File
	v[2] = row.Line
	if qe == nil {
		if p, ok := s.pack(o); ok {
			r := &o.Rec
			v[3] = r.Key.SourceID
			v[6] = raw.Printable(row.Raw)
			v[7] = o.Hash
			v[8] = r.Deleted
			if !r.Observed.IsZero() {
				v[9] = r.Observed
			}
			v[10] = p
			return
		}
		qe = &raw.RowError{Reason: "control character U+001F in a value"}
	}
	v[4] = nullable(qe.Field)
	v[5] = qe.Reason
	rawText := row.Raw
	if rawText == "" && row.Values != nil {
		rawText = strings.Join(row.Values, "\t")
	}
	v[6] = raw.Printable(rawText)
}

func (s *stage) pack(o *mapping.Out) (string, bool) {
	r := &o.Rec
	b := s.buf[:0]
	for i, f := range r.Invalid.Fields() {
		if i > 0 {
			b = append(b, ';')
		}
		b = append(b, f.Name()...)
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
	ok := true
	add := func(v string) {
		b = append(b, unitSep)
		if strings.IndexByte(v, unitSep) >= 0 {
			ok = false
		}
		b = append(b, v...)
	}
	for _, f := range s.fields {
		add(r.Values[f])
	}
	for _, id := range o.Rels {
		add(id)
	}
	s.buf = b
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
