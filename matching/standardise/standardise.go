// Package standardise turns canonical field values into the normalised forms
// and keys that matching compares: upper-case name tokens without accents or
// punctuation, nickname-canonical given names, phonetic keys (Double
// Metaphone, NYSIIS, Soundex via github.com/antzucaro/matchr), cleaned
// postcodes and their outward codes, date parts, address tokens and business
// names without legal suffixes. Everything here is pure Go and allocation-lean:
// it runs once per record version at feature time.
package standardise

import (
	"bufio"
	_ "embed"
	"strings"
	"unicode"

	"github.com/antzucaro/matchr"
	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
)

//go:embed nicknames.txt
var nicknameText string

// Nicknames maps a given name (upper case) to its canonical form: Bob →
// ROBERT, Peggy → MARGARET. A canonical name maps to itself.
type Nicknames struct {
	canon map[string]string
}

// LoadNicknames parses the embedded nickname table. The table is read-only
// after loading; share one value.
func LoadNicknames() *Nicknames {
	n := &Nicknames{canon: make(map[string]string, 1024)}
	sc := bufio.NewScanner(strings.NewReader(nicknameText))
	var heads []string
	var rest [][]string
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		head, tail, ok := strings.Cut(line, ":")
		if !ok {
			continue
		}
		head = strings.TrimSpace(head)
		heads = append(heads, head)
		rest = append(rest, strings.Fields(tail))
		n.canon[head] = head
	}
	for i, h := range heads {
		for _, v := range rest[i] {
			if _, seen := n.canon[v]; !seen {
				n.canon[v] = h
			}
		}
	}
	return n
}

// Canonical returns the canonical form of an upper-case given name token, or
// the token itself when the table does not know it.
func (n *Nicknames) Canonical(tok string) string {
	if c, ok := n.canon[tok]; ok {
		return c
	}
	return tok
}

// Len is the number of names in the table.
func (n *Nicknames) Len() int { return len(n.canon) }

// Fold upper-cases s, strips accents and replaces every run of characters
// other than letters and digits by one space. "  O'Brien-Smith " →
// "O BRIEN SMITH"; "Zoë" → "ZOE".
func Fold(s string) string {
	if s == "" {
		return ""
	}
	ascii := true
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			ascii = false
			break
		}
	}
	if !ascii {
		t := transform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn)), norm.NFC)
		if r, _, err := transform.String(t, s); err == nil {
			s = r
		}
	}
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for _, r := range s {
		switch {
		case r >= 'a' && r <= 'z':
			r -= 'a' - 'A'
		case r >= 'A' && r <= 'Z', r >= '0' && r <= '9':
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			r = unicode.ToUpper(r)
		case r == '\'' || r == '’' || r == '.':
			// O'Brien → OBRIEN, St. → ST: apostrophes and dots join.
			continue
		default:
			space = b.Len() > 0
			continue
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		b.WriteRune(r)
	}
	return b.String()
}

// Tokens splits a folded string into its words.
func Tokens(folded string) []string { return strings.Fields(folded) }

// Name is a normalised name: the folded text with spaces removed (so that
// "MC DONALD" and "MCDONALD" agree) and its first token.
func Name(s string) (joined, first string) {
	f := Fold(s)
	if f == "" {
		return "", ""
	}
	first, _, _ = strings.Cut(f, " ")
	return strings.ReplaceAll(f, " ", ""), first
}

// Phonetic holds a name's phonetic keys.
type Phonetic struct {
	DM1, DM2, NYSIIS, Soundex string
}

// PhoneticKeys computes the phonetic keys of an upper-case letters-only name.
// Names without letters have no keys.
func PhoneticKeys(name string) Phonetic {
	letters := strings.Map(func(r rune) rune {
		if r >= 'A' && r <= 'Z' {
			return r
		}
		return -1
	}, name)
	if letters == "" {
		return Phonetic{}
	}
	p, s := matchr.DoubleMetaphone(letters)
	return Phonetic{DM1: p, DM2: s, NYSIIS: matchr.NYSIIS(letters), Soundex: matchr.Soundex(letters)}
}

// Postcode cleans a postcode: upper case, no spaces. For a well-formed UK
// postcode it also returns the outward code ("SW1A 1AA" → "SW1A1AA",
// "SW1A") and the sector ("SW1A1"); otherwise only the cleaned text.
func Postcode(s string) (clean, outward, sector string) {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r >= 'a' && r <= 'z':
			b.WriteRune(r - ('a' - 'A'))
		case r >= 'A' && r <= 'Z', r >= '0' && r <= '9':
			b.WriteRune(r)
		}
	}
	clean = b.String()
	if n := len(clean); n >= 5 && n <= 7 && isDigit(clean[n-3]) && isLetter(clean[n-2]) && isLetter(clean[n-1]) && isLetter(clean[0]) {
		outward = clean[:n-3]
		sector = clean[:n-2]
	}
	return clean, outward, sector
}

func isDigit(c byte) bool  { return c >= '0' && c <= '9' }
func isLetter(c byte) bool { return c >= 'A' && c <= 'Z' }

// Date checks an ISO date (YYYY-MM-DD, as connectors write it) and returns
// it, or "" when it is not one.
func Date(s string) string {
	s = strings.TrimSpace(s)
	if len(s) >= 10 {
		s = s[:10]
	}
	if len(s) != 10 || s[4] != '-' || s[7] != '-' {
		return ""
	}
	for i, c := range []byte(s) {
		if i != 4 && i != 7 && !isDigit(c) {
			return ""
		}
	}
	m := (s[5]-'0')*10 + s[6] - '0'
	d := (s[8]-'0')*10 + s[9] - '0'
	if m < 1 || m > 12 || d < 1 || d > 31 {
		return ""
	}
	return s
}

// streetWords expands the common abbreviations of street types and
// directions so that "HIGH ST" and "HIGH STREET" agree.
var streetWords = map[string]string{
	"ST": "STREET", "STR": "STREET", "RD": "ROAD", "AVE": "AVENUE", "AV": "AVENUE", "LN": "LANE",
	"DR": "DRIVE", "DRV": "DRIVE", "CT": "COURT", "CRT": "COURT", "CL": "CLOSE", "PL": "PLACE", "SQ": "SQUARE",
	"CRES": "CRESCENT", "CRS": "CRESCENT", "GDNS": "GARDENS", "GRN": "GREEN", "GR": "GROVE", "GRV": "GROVE",
	"TER": "TERRACE", "TERR": "TERRACE", "PDE": "PARADE", "HWY": "HIGHWAY", "BLVD": "BOULEVARD", "BLV": "BOULEVARD",
	"PK": "PARK", "WY": "WAY", "MT": "MOUNT", "CIR": "CIRCLE", "CRCT": "CIRCUIT", "PKWY": "PARKWAY",
	"N": "NORTH", "S": "SOUTH", "E": "EAST", "W": "WEST", "UPR": "UPPER", "LWR": "LOWER",
	"FLT": "FLAT", "APT": "FLAT", "APARTMENT": "FLAT",
}

// AddressTokens folds address parts into tokens with street abbreviations
// expanded, in order, without duplicates.
func AddressTokens(parts ...string) []string {
	var out []string
	seen := map[string]bool{}
	for _, p := range parts {
		for _, t := range strings.Fields(Fold(p)) {
			if x, ok := streetWords[t]; ok {
				t = x
			}
			if !seen[t] {
				seen[t] = true
				out = append(out, t)
			}
		}
	}
	return out
}

// Street normalises a street name: folded, abbreviations expanded, one space
// between words.
func Street(s string) string { return strings.Join(AddressTokens(s), " ") }

// FlatNumber is what tells a flat or unit from its neighbours: its number
// with a letter that follows it ("Flat 4" → "4", "Apartment 12 B" → "12B",
// "Unit 3, 2nd Floor" → "3"), else a lone letter ("Flat A" → "A"), else the
// whole description, normalised ("Ground Floor Flat").
func FlatNumber(s string) string {
	toks := strings.Fields(Fold(s))
	for i, t := range toks {
		if !strings.ContainsAny(t, "0123456789") || isOrdinal(t) {
			continue
		}
		if i+1 < len(toks) && len(toks[i+1]) == 1 && toks[i+1][0] >= 'A' && toks[i+1][0] <= 'Z' {
			return t + toks[i+1]
		}
		return t
	}
	for _, t := range toks {
		if len(t) == 1 && t[0] >= 'A' && t[0] <= 'Z' {
			return t
		}
	}
	return strings.Join(AddressTokens(s), " ")
}

// isOrdinal: 1ST, 2ND, 3RD, 4TH … (a floor, not a flat).
func isOrdinal(t string) bool {
	i := 0
	for i < len(t) && t[i] >= '0' && t[i] <= '9' {
		i++
	}
	if i == 0 {
		return false
	}
	switch t[i:] {
	case "ST", "ND", "RD", "TH":
		return true
	}
	return false
}

// HouseNumber keeps the leading number of a building number with its
// suffix letter: "12a" → "12A", "Flat 3, 12" → "3".
func HouseNumber(s string) string {
	f := Fold(s)
	for _, t := range strings.Fields(f) {
		if t[0] >= '0' && t[0] <= '9' {
			return t
		}
	}
	return strings.ReplaceAll(f, " ", "")
}

// legalWords are the words of a business name that say what kind of legal
// entity it is, not which one. They are dropped before comparing names.
var legalWords = map[string]bool{
	"LTD": true, "LIMITED": true, "PLC": true, "LLP": true, "LP": true, "CIC": true, "CIO": true,
	"INC": true, "INCORPORATED": true, "CORP": true, "CORPORATION": true, "CO": true, "COMPANY": true,
	"LLC": true, "GMBH": true, "AG": true, "BV": true, "NV": true, "SA": true, "SRL": true, "SPA": true,
	"AB": true, "AS": true, "OY": true, "KG": true, "THE": true, "AND": true, "OF": true, "HOLDINGS": true,
	"GROUP": true, "UK": true, "INTERNATIONAL": true, "INTL": true, "TRADING": true,
}

// BusinessName folds a business name and drops legal-form words and "THE";
// "&" becomes a space. "The Acme Widget Co. Ltd" → "ACME WIDGET".
// Initials written with dots or spaces ("N. V.", "B V") are joined first.
func BusinessName(s string) []string {
	toks := strings.Fields(Fold(s))
	// Join runs of single letters: "N V" → "NV", "B V" → "BV".
	joined := toks[:0:0]
	for i := 0; i < len(toks); i++ {
		if len(toks[i]) == 1 && i+1 < len(toks) && len(toks[i+1]) == 1 {
			j := i
			var b strings.Builder
			for j < len(toks) && len(toks[j]) == 1 {
				b.WriteString(toks[j])
				j++
			}
			joined = append(joined, b.String())
			i = j - 1
			continue
		}
		joined = append(joined, toks[i])
	}
	out := joined[:0:0]
	for _, t := range joined {
		if !legalWords[t] {
			out = append(out, t)
		}
	}
	if len(out) == 0 {
		return joined
	}
	return out
}

// Digits keeps only the digits of s.
func Digits(s string) string {
	return strings.Map(func(r rune) rune {
		if r >= '0' && r <= '9' {
			return r
		}
		return -1
	}, s)
}
