// Package transform holds the field transforms a governance policy applies
// before a value leaves the council: keep, drop, mask, pseudonymise and
// generalise. The functions are pure; the only secret they touch is a
// partner's Key, which cannot be printed, marshalled or logged.
package transform

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"log/slog"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// Op is what a transform does to a value.
type Op string

// The transforms a policy may name.
const (
	Keep         Op = "keep"         // the value as it is
	Drop         Op = "drop"         // the field is not shared (same as not naming it)
	Mask         Op = "mask"         // keep the last N characters, '*' for the rest
	Pseudonymise Op = "pseudonymise" // HMAC-SHA256 under the partner's key
	Generalise   Op = "generalise"   // date → year|month, postcode → district|sector, age → band
)

// Ops lists every transform, for suggestions and documentation.
func Ops() []Op { return []Op{Keep, Drop, Mask, Pseudonymise, Generalise} }

// Generalisation levels.
const (
	Year     = "year"
	Month    = "month"
	District = "district"
	Sector   = "sector"
	Band     = "band"
)

// DefaultBands returns the lower bounds of the default age bands:
// 0-17, 18-24, 25-34, …, 75-84, 85+.
func DefaultBands() []int { return []int{0, 18, 25, 35, 45, 55, 65, 75, 85} }

// Spec is one field's transform as the policy states it.
type Spec struct {
	Op    Op
	N     int    // mask: characters kept at the end
	Level string // generalise: year, month, district, sector or band
	Bands []int  // generalise band: ascending lower bounds (default DefaultBands)
}

func (s Spec) String() string {
	switch s.Op {
	case Mask:
		return fmt.Sprintf("mask (keep last %d)", s.N)
	case Generalise:
		if s.Level == Band {
			return "generalise to " + bandsText(s.bands())
		}
		return "generalise to " + s.Level
	case "":
		return string(Keep)
	}
	return string(s.Op)
}

func (s Spec) bands() []int {
	if len(s.Bands) > 0 {
		return s.Bands
	}
	return DefaultBands()
}

func bandsText(b []int) string {
	parts := make([]string, len(b))
	for i := range b {
		parts[i] = bandLabel(b, i)
	}
	return "age bands " + strings.Join(parts, ", ")
}

// ValueKind says what a field holds, which decides the generalisations that
// fit it.
type ValueKind int

// What a field holds.
const (
	Text ValueKind = iota
	Date
	PostcodeValue
	AgeValue
)

// Levels returns the generalisation levels that fit a value kind.
func Levels(k ValueKind) []string {
	switch k {
	case Date:
		return []string{Year, Month}
	case PostcodeValue:
		return []string{District, Sector}
	case AgeValue:
		return []string{Band}
	}
	return nil
}

// Check reports what is wrong with s for a field holding k, or nil.
func (s Spec) Check(k ValueKind) error {
	switch s.Op {
	case Keep, Drop, Pseudonymise:
		return nil
	case Mask:
		if s.N < 0 {
			return fmt.Errorf("mask keeps a negative number of characters (%d)", s.N)
		}
		return nil
	case Generalise:
		levels := Levels(k)
		if len(levels) == 0 {
			return fmt.Errorf("generalise fits only dates (year, month), postcode (district, sector) and age (band)")
		}
		for _, l := range levels {
			if l == s.Level {
				if l == Band {
					return checkBands(s.Bands)
				}
				return nil
			}
		}
		return fmt.Errorf("generalise %q does not fit this field (want %s)", s.Level, strings.Join(levels, " or "))
	}
	return fmt.Errorf("unknown transform %q", s.Op)
}

func checkBands(b []int) error {
	for i := range b {
		if b[i] < 0 {
			return fmt.Errorf("age band bound %d is negative", b[i])
		}
		if i > 0 && b[i] <= b[i-1] {
			return fmt.Errorf("age bands must ascend (%d after %d)", b[i], b[i-1])
		}
	}
	return nil
}

// Apply transforms value as s says. field names the field (pseudonyms are
// separated per field); key is the partner's key, needed only to
// pseudonymise. The second result is false when the value cannot be
// transformed (an unparseable date, say): the caller must then share nothing
// in its place. An empty value stays empty.
func (s Spec) Apply(field, value string, key *Key) (string, bool) {
	if value == "" {
		return "", true
	}
	switch s.Op {
	case Keep, "":
		return value, true
	case Drop:
		return "", true
	case Mask:
		return MaskValue(value, s.N), true
	case Pseudonymise:
		if key == nil || len(key.b) == 0 {
			return "", false
		}
		return key.Pseudonym(field, value), true
	case Generalise:
		switch s.Level {
		case Year, Month:
			return GeneraliseDate(value, s.Level)
		case District, Sector:
			return GeneralisePostcode(value, s.Level)
		case Band:
			age, err := strconv.Atoi(value)
			if err != nil || age < 0 {
				return "", false
			}
			return AgeBand(age, s.bands()), true
		}
	}
	return "", false
}

// MaskValue keeps the last n characters of v and replaces the others by '*'.
func MaskValue(v string, n int) string {
	count := utf8.RuneCountInString(v)
	if n >= count {
		return v
	}
	if n < 0 {
		n = 0
	}
	var b strings.Builder
	i := 0
	for _, r := range v {
		if i < count-n {
			b.WriteByte('*')
		} else {
			b.WriteRune(r)
		}
		i++
	}
	return b.String()
}

// GeneraliseDate turns an ISO date (YYYY-MM-DD) into its year ("1950") or
// month ("1950-03").
func GeneraliseDate(v, level string) (string, bool) {
	t, err := time.Parse("2006-01-02", v)
	if err != nil {
		return "", false
	}
	if level == Year {
		return t.Format("2006"), true
	}
	return t.Format("2006-01"), true
}

// GeneralisePostcode turns a UK postcode into its district ("SS14") or
// sector ("SS14 1"). The inward code is always the last three characters.
func GeneralisePostcode(v, level string) (string, bool) {
	pc := strings.ToUpper(strings.Join(strings.Fields(v), ""))
	if len(pc) < 5 || len(pc) > 7 {
		return "", false
	}
	outward, inward := pc[:len(pc)-3], pc[len(pc)-3:]
	if !isAlnum(outward) || inward[0] < '0' || inward[0] > '9' || !isAlpha(inward[1:]) {
		return "", false
	}
	if level == District {
		return outward, true
	}
	return outward + " " + inward[:1], true
}

func isAlnum(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= 'A' && c <= 'Z' || c >= '0' && c <= '9') {
			return false
		}
	}
	return s != ""
}

func isAlpha(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < 'A' || s[i] > 'Z' {
			return false
		}
	}
	return true
}

// AgeBand returns the label of the band age falls in ("65-74", "85+").
// bands are ascending lower bounds; an age below the first is "<first".
func AgeBand(age int, bands []int) string {
	if len(bands) == 0 {
		bands = DefaultBands()
	}
	if age < bands[0] {
		return "<" + strconv.Itoa(bands[0])
	}
	i := 0
	for i+1 < len(bands) && age >= bands[i+1] {
		i++
	}
	return bandLabel(bands, i)
}

func bandLabel(b []int, i int) string {
	if i+1 == len(b) {
		return strconv.Itoa(b[i]) + "+"
	}
	return strconv.Itoa(b[i]) + "-" + strconv.Itoa(b[i+1]-1)
}

// Key is a partner's pseudonymisation key. It never prints, marshals or
// logs its bytes: every formatting path yields "[redacted]".
type Key struct {
	b []byte
}

// MinKeyBytes is the shortest key accepted (128 bits).
const MinKeyBytes = 16

// NewKey wraps key material. The slice is copied.
func NewKey(b []byte) *Key { return &Key{b: append([]byte(nil), b...)} }

// Len is the key's length in bytes.
func (k *Key) Len() int { return len(k.b) }

// Equal reports whether two keys hold the same bytes (in constant time).
func (k *Key) Equal(o *Key) bool {
	return k != nil && o != nil && hmac.Equal(k.b, o.b)
}

// Pseudonym is HMAC-SHA256(key, field 0x00 value), first 128 bits as hex.
// The same value gets the same pseudonym for one key and field; another key
// gives an unrelated one.
func (k *Key) Pseudonym(field, value string) string {
	m := hmac.New(sha256.New, k.b)
	m.Write([]byte(field))
	m.Write([]byte{0})
	m.Write([]byte(value))
	return hex.EncodeToString(m.Sum(nil)[:16])
}

const redacted = "[redacted]"

func (k *Key) String() string                { return redacted }
func (k *Key) GoString() string              { return redacted }
func (k *Key) Format(f fmt.State, verb rune) { f.Write([]byte(redacted)) }
func (k *Key) MarshalJSON() ([]byte, error)  { return []byte(`"` + redacted + `"`), nil }
func (k *Key) MarshalText() ([]byte, error)  { return []byte(redacted), nil }

// LogValue keeps the key out of structured logs.
func (k *Key) LogValue() slog.Value { return slog.StringValue(redacted) }
