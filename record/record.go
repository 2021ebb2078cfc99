// Package record is golden's canonical model: the person, property and
// business records that every connector produces and every later stage reads.
//
// A Record holds its standard fields in a fixed array indexed by Field, so a
// connector can fill any field by name without reflection and the store can
// write them column by column. Source-specific attributes that have no
// standard field live in Attrs; matching can still compare them.
package record

import (
	"fmt"
	"sort"
	"time"
)

// Kind is the kind of entity a record describes.
type Kind string

// The three kinds of entity.
const (
	Person   Kind = "person"
	Property Kind = "property"
	Business Kind = "business"
)

// Kinds lists every kind in a stable order.
var Kinds = []Kind{Person, Property, Business}

// ParseKind returns the kind named s.
func ParseKind(s string) (Kind, error) {
	switch Kind(s) {
	case Person, Property, Business:
		return Kind(s), nil
	}
	return "", fmt.Errorf("unknown entity kind %q (want person, property or business)", s)
}

// Key identifies a source record for good: the source's name and the id the
// source system gave it. Steward decisions and lineage are stored on keys,
// never on golden ids.
type Key struct {
	Source   string `json:"source"`
	SourceID string `json:"source_id"`
}

func (k Key) String() string { return k.Source + ":" + k.SourceID }

// Record is one canonical source record.
type Record struct {
	Kind     Kind
	Key      Key
	Line     int64             // where in the extract it came from (line, row or record number)
	Values   [NumFields]string // standard fields, normalised text ("" when missing)
	Invalid  Validity          // identifiers that failed validation (kept, never used as ids)
	Flags    []string          // restriction markers (safeguarding, opt-out, …) sent by the source
	Attrs    map[string]string // source-specific attributes
	Observed time.Time         // when the source says the record was true, zero if unknown
	Deleted  bool              // a delta source's delete, or a gazetteer delete record
}

// Get returns the value of field f.
func (r *Record) Get(f Field) string { return r.Values[f] }

// Set sets field f to v.
func (r *Record) Set(f Field, v string) { r.Values[f] = v }

// AttrNames returns the attribute names in sorted order.
func (r *Record) AttrNames() []string {
	names := make([]string, 0, len(r.Attrs))
	for k := range r.Attrs {
		names = append(names, k)
	}
	sort.Strings(names)
	return names
}

// Validity is a set of identifier fields whose value failed validation.
type Validity uint32

// Has reports whether field f was flagged invalid.
func (v Validity) Has(f Field) bool { return v&(1<<uint(f)) != 0 }

// With returns v with field f flagged invalid.
func (v Validity) With(f Field) Validity { return v | 1<<uint(f) }

// Fields returns the fields flagged invalid, in field order.
func (v Validity) Fields() []Field {
	var out []Field
	for f := Field(0); f < NumFields; f++ {
		if v.Has(f) {
			out = append(out, f)
		}
	}
	return out
}
