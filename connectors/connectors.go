// Package connectors turns councils' legacy extracts into canonical source
// records without losing a row. Readers per format (connectors/csv,
// fixedwidth, xlsx, jsonsrc, dtf73, postgres) yield raw rows; the mapper
// (connectors/mapping) turns them into records and validates them; Ingest
// stages each source, quarantines what cannot be read or mapped, detects
// changes against the store and writes new versions, all in one transaction
// per source.
package connectors

import (
	"fmt"
	"log/slog"
	"sort"
	"strings"
	"sync"

	"github.com/council/golden/connectors/csv"
	"github.com/council/golden/connectors/dtf73"
	"github.com/council/golden/connectors/fixedwidth"
	"github.com/council/golden/connectors/jsonsrc"
	"github.com/council/golden/connectors/parquet"
	"github.com/council/golden/connectors/postgres"
	"github.com/council/golden/connectors/presets"
	"github.com/council/golden/connectors/raw"
	"github.com/council/golden/connectors/xlsx"
	"github.com/council/golden/record"
)

// Registry is the set of connectors a run may use, by name. It is built
// explicitly and passed to whoever needs it.
type Registry struct {
	byName map[string]raw.Connector
}

// NewRegistry returns a registry of the given connectors.
func NewRegistry(cs ...raw.Connector) *Registry {
	r := &Registry{byName: map[string]raw.Connector{}}
	for _, c := range cs {
		r.byName[c.Name()] = c
	}
	return r
}

// Builtin returns a registry of every connector golden ships.
func Builtin() *Registry {
	return NewRegistry(builtins()...)
}

func builtins() []raw.Connector {
	return []raw.Connector{
		csv.Connector{},
		fixedwidth.Connector{},
		xlsx.Connector{},
		jsonsrc.Connector{},
		jsonsrc.Connector{Lines: true},
		dtf73.Connector{},
		presets.CompaniesHouse{},
		presets.NNDR{},
		parquet.Connector{},
		postgres.Connector{},
	}
}

// aliases are other names users write for a connector.
func alias(name string) string {
	switch strings.ToLower(strings.ReplaceAll(name, "-", "_")) {
	case "excel":
		return "xlsx"
	case "fixed_width", "fixed":
		return "fixedwidth"
	case "delimited", "text":
		return "csv"
	case "jsonl", "json_lines":
		return "ndjson"
	case "llpg", "gazetteer", "addressbase":
		return "dtf73"
	case "postgresql", "pg":
		return "postgres"
	}
	return name
}

// Get returns the connector called name (or one of its aliases: excel,
// fixed_width, jsonl, llpg, postgresql, …).
func (r *Registry) Get(name string) (raw.Connector, bool) {
	if c, ok := r.byName[name]; ok {
		return c, true
	}
	c, ok := r.byName[alias(name)]
	return c, ok
}

// Names lists the connectors' names in order.
func (r *Registry) Names() []string {
	out := make([]string, 0, len(r.byName))
	for n := range r.byName {
		out = append(out, n)
	}
	sort.Strings(out)
	return out
}

// IngestOptions tune Ingest.
type IngestOptions struct {
	RunID   int64        // 0: Ingest opens and finishes its own run with st.BeginRun / st.FinishRun
	Sources []string     // nil: every source in cfg
	Logger  *slog.Logger // may be nil
	// Progress, if not nil, hears how many rows of a source have been read
	// and staged so far (after each batch of a few hundred rows), and once
	// more with done when the source is finished or has failed.
	Progress func(source string, rows int64, done bool)

	// Tests set these small; 0 means the defaults.
	chunkRows  int  // rows staged per chunk (at least one batch)
	batchRows  int  // rows per batch through the mappers
	noFastPath bool // compare every chunk with the store, even on a first load
}

// SourceReport reconciles one source: Read = Stored + Quarantined, and
// Stored = New + Changed + Unchanged. Deleted counts records marked deleted
// in this run: those missing from a full extract (not among the rows read)
// and those a delta's delete rows removed (also counted in Changed).
type SourceReport struct {
	Name        string      `json:"name"`
	Kind        record.Kind `json:"kind"`
	Connector   string      `json:"connector"`
	Read        int64       `json:"read"`
	Stored      int64       `json:"stored"`
	New         int64       `json:"new"`
	Changed     int64       `json:"changed"`
	Unchanged   int64       `json:"unchanged"`
	Deleted     int64       `json:"deleted"`
	Quarantined int64       `json:"quarantined"`
	Warnings    []string    `json:"warnings,omitempty"`
	// SkippedFiles are a delta source's files that an earlier run applied
	// (by content), left unread.
	SkippedFiles []string `json:"skipped_files,omitempty"`
}

// IngestReport is what Ingest did, per source.
type IngestReport struct {
	RunID   int64          `json:"run_id"`
	Sources []SourceReport `json:"sources"`
}

// Quarantined is the number of rows quarantined across sources.
func (r *IngestReport) Quarantined() int64 {
	var n int64
	for _, s := range r.Sources {
		n += s.Quarantined
	}
	return n
}

// Warnings lists every source's warnings, prefixed with the source's name.
func (r *IngestReport) Warnings() []string {
	var out []string
	for _, s := range r.Sources {
		for _, w := range s.Warnings {
			out = append(out, s.Name+": "+w)
		}
	}
	return out
}

// warnings collects a source's warnings (safe for concurrent use by one
// reader goroutine and the caller, who reads them after the reader ends).
type warnings struct {
	mu   sync.Mutex
	list []string
	seen map[string]int
}

func (w *warnings) Warn(format string, args ...any) {
	msg := fmt.Sprintf(format, args...)
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.seen == nil {
		w.seen = map[string]int{}
	}
	w.seen[msg]++
	if w.seen[msg] == 1 && len(w.list) < 100 {
		w.list = append(w.list, msg)
	}
}

// SourceError is a whole-source failure: the store is as it was.
type SourceError struct {
	Source string
	Err    error
}

func (e *SourceError) Error() string {
	msg := e.Err.Error()
	if strings.HasPrefix(msg, "source "+e.Source+":") {
		return msg
	}
	return "source " + e.Source + ": " + msg
}

func (e *SourceError) Unwrap() error { return e.Err }
