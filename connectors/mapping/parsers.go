package mapping

import (
	"regexp"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/council/golden/ukid"
)

// Pence reads money as text ("£1,234.50", "1234.5", "(12.00)", "GBP 80")
// and returns it in pence as integer text. An unreadable amount comes back
// as received with ok false.
func Pence(v string) (string, bool) {
	s := strings.TrimSpace(v)
	neg := false
	if strings.HasPrefix(s, "(") && strings.HasSuffix(s, ")") {
		neg, s = true, s[1:len(s)-1]
	}
	s = strings.TrimSpace(s)
	if strings.HasPrefix(s, "-") {
		neg, s = !neg, s[1:]
	}
	s = strings.TrimPrefix(strings.TrimPrefix(strings.TrimPrefix(s, "GBP"), "£"), "\u00a3")
	s = strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(s), "GBP"))
	if strings.HasPrefix(s, "-") {
		neg, s = !neg, s[1:]
	}
	s = strings.NewReplacer(" ", "", "\u00a0", "", "\u202f", "").Replace(s)
	if s == "" {
		return v, false
	}
	whole, frac, ok := splitDecimal(s)
	if !ok {
		return strings.TrimSpace(v), false
	}
	if whole == "" {
		whole = "0"
	}
	if len(frac) > 2 {
		// Only zeros beyond pence are harmless ("12.500").
		if strings.Trim(frac[2:], "0") != "" {
			return strings.TrimSpace(v), false
		}
		frac = frac[:2]
	}
	for len(frac) < 2 {
		frac += "0"
	}
	if !allDigits(whole) || !allDigits(frac) || len(whole) > 15 {
		return strings.TrimSpace(v), false
	}
	n, err := strconv.ParseInt(whole+frac, 10, 64)
	if err != nil {
		return strings.TrimSpace(v), false
	}
	if neg {
		n = -n
	}
	return strconv.FormatInt(n, 10), true
}

// splitDecimal splits an amount into its whole and fractional digits. The
// decimal mark is a point ("1,234.50") or, as a European-configured export
// writes money, a comma followed by one or two digits at the end ("1.234,56",
// "250,00"). The other mark groups thousands and must group by three: "250,00"
// is never twenty-five thousand, and "1,2345" is not an amount.
func splitDecimal(s string) (whole, frac string, ok bool) {
	dec, group := byte('.'), byte(',')
	if c := strings.LastIndexByte(s, ','); c >= 0 && c > strings.LastIndexByte(s, '.') {
		// A comma is the last mark: a decimal comma unless three digits follow
		// it ("1,234" is a thousand and more, as UK exports write it).
		if n := len(s) - c - 1; n == 1 || n == 2 {
			dec, group = ',', '.'
		}
	}
	whole, frac, _ = strings.Cut(s, string(dec))
	if strings.IndexByte(frac, dec) >= 0 || strings.IndexByte(frac, group) >= 0 {
		return "", "", false
	}
	if strings.IndexByte(whole, group) >= 0 {
		groups := strings.Split(whole, string(group))
		if len(groups[0]) == 0 || len(groups[0]) > 3 {
			return "", "", false
		}
		for _, g := range groups[1:] {
			if len(g) != 3 {
				return "", "", false
			}
		}
		whole = strings.Join(groups, "")
	}
	return whole, frac, true
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

// Sex normalises a sex or gender marker to M, F, X or U.
func Sex(v string) (string, bool) {
	switch strings.ToLower(strings.TrimSpace(v)) {
	case "m", "male", "man", "boy":
		return "M", true
	case "f", "female", "woman", "girl":
		return "F", true
	case "x", "other", "non-binary", "nonbinary", "indeterminate", "i":
		return "X", true
	case "u", "unknown", "not known", "not stated", "n/k", "nk", "0", "9":
		return "U", true
	}
	return strings.TrimSpace(v), false
}

var sicRE = regexp.MustCompile(`^\s*([0-9]{4,5})\b`)

// SICCodes turns one or more SIC texts ("70229 - Management consultancy …",
// several joined by ;) into ";"-separated codes, keeping unreadable parts.
func SICCodes(v string) string {
	var out []string
	for _, p := range strings.FieldsFunc(v, func(r rune) bool { return r == ';' || r == '\n' || r == '|' }) {
		p = strings.TrimSpace(p)
		if p == "" || strings.EqualFold(p, "None Supplied") {
			continue
		}
		if m := sicRE.FindStringSubmatch(p); m != nil {
			out = append(out, m[1])
		} else {
			out = append(out, p)
		}
	}
	return strings.Join(out, ";")
}

// TitleCase capitalises each word of a name: "o'NEILL-smith" → "O'Neill-Smith",
// "mcdonald" → "McDonald".
func TitleCase(s string) string {
	rs := []rune(strings.ToLower(s))
	start := true
	for i, r := range rs {
		if start && unicode.IsLetter(r) {
			rs[i] = unicode.ToUpper(r)
			start = false
			if r == 'm' && i+2 < len(rs) && rs[i+1] == 'c' && unicode.IsLetter(rs[i+2]) {
				rs[i+2] = unicode.ToUpper(rs[i+2])
			}
			continue
		}
		if !unicode.IsLetter(r) && r != '\u2019' || r == '-' || r == '\'' || r == '\u2019' {
			start = !unicode.IsDigit(r)
		}
	}
	return string(rs)
}

// Name is a full name split into parts.
type Name struct{ Title, Given, Middle, Family string }

var titles = map[string]string{
	"mr": "Mr", "mrs": "Mrs", "miss": "Miss", "ms": "Ms", "mx": "Mx", "dr": "Dr", "prof": "Prof", "professor": "Prof",
	"rev": "Rev", "revd": "Rev", "reverend": "Rev", "sir": "Sir", "dame": "Dame", "lady": "Lady", "lord": "Lord",
	"master": "Master", "capt": "Capt", "captain": "Capt", "fr": "Fr", "sr": "Sr", "cllr": "Cllr",
}

var suffixes = map[string]bool{"jr": true, "jnr": true, "snr": true, "ii": true, "iii": true, "iv": true, "obe": true, "mbe": true, "cbe": true, "qc": true, "kc": true, "phd": true}

var particles = map[string]bool{"van": true, "von": true, "de": true, "der": true, "den": true, "da": true, "di": true, "du": true, "del": true, "della": true, "le": true, "la": true, "st": true, "st.": true, "bin": true, "al": true, "ap": true}

// SplitName splits a full name. "SMITH, John A" and (with familyFirst)
// "SMITH John A" put the family name first; otherwise it is last, with any
// particles before it ("Ludwig van Beethoven").
func SplitName(v string, familyFirst bool) Name {
	var n Name
	v = strings.TrimSpace(v)
	if fam, rest, ok := strings.Cut(v, ","); ok {
		familyFirst = true
		v = strings.TrimSpace(fam) + " " + strings.TrimSpace(rest)
		if f := strings.Fields(fam); len(f) > 1 {
			// "van Beethoven, Ludwig": keep the whole family part together.
			w := strings.Fields(rest)
			n.Family = strings.Join(f, " ")
			w = stripTitles(&n, w)
			w = stripSuffix(w)
			if len(w) > 0 {
				n.Given = w[0]
				n.Middle = strings.Join(w[1:], " ")
			}
			return n
		}
	}
	w := dropNicknames(strings.Fields(v))
	if familyFirst && len(w) > 0 {
		k := familyWords(w)
		n.Family = strings.Join(w[:k], " ")
		w = stripTitles(&n, w[k:])
		w = stripSuffix(w)
		if len(w) > 0 {
			n.Given = w[0]
			n.Middle = strings.Join(w[1:], " ")
		}
		return n
	}
	w = stripTitles(&n, w)
	w = stripSuffix(w)
	switch len(w) {
	case 0:
		return n
	case 1:
		n.Family = w[0]
		return n
	}
	last := len(w) - 1
	for last > 1 && particles[strings.ToLower(w[last-1])] {
		last--
	}
	n.Family = strings.Join(w[last:], " ")
	n.Given = w[0]
	n.Middle = strings.Join(w[1:last], " ")
	return n
}

// dropNicknames leaves out a nickname written in quotes or brackets
// (Diane "Dee" Ng, Robert (Bob) Lee): it is not a middle name.
func dropNicknames(w []string) []string {
	out := w[:0:0]
	for _, x := range w {
		if len(x) > 2 && (x[0] == '"' && x[len(x)-1] == '"' || x[0] == '(' && x[len(x)-1] == ')' ||
			x[0] == '\'' && x[len(x)-1] == '\'') {
			continue
		}
		out = append(out, x)
	}
	return out
}

// familyWords is how many of a family-first name's leading words are the
// family name: particles with the word they lead (VAN DER BERG Anouk, AP
// RHYS Dafydd), and, where the name is not all capitals, every leading word
// in capitals (SMITH JONES Mary) — the convention of the exports that put
// the family name first. At least one word is left for the rest.
func familyWords(w []string) int {
	k := 0
	for k < len(w)-2 && particles[strings.ToLower(w[k])] {
		k++
	}
	k++
	mixed := false
	for _, x := range w {
		if strings.ToUpper(x) != x {
			mixed = true
		}
	}
	for mixed && k < len(w)-1 && isCapsWord(w[k]) {
		if _, title := titles[strings.ToLower(strings.TrimSuffix(w[k], "."))]; title {
			break
		}
		k++
	}
	return k
}

// isCapsWord reports whether a word has letters and all in capitals.
func isCapsWord(x string) bool {
	return strings.ToUpper(x) == x && strings.ToLower(x) != x
}

func stripTitles(n *Name, w []string) []string {
	for len(w) > 1 {
		t, ok := titles[strings.ToLower(strings.TrimSuffix(w[0], "."))]
		if !ok {
			break
		}
		if n.Title == "" {
			n.Title = t
		} else {
			n.Title += " " + t
		}
		w = w[1:]
	}
	return w
}

func stripSuffix(w []string) []string {
	for len(w) > 1 && suffixes[strings.ToLower(strings.Trim(w[len(w)-1], ".,"))] {
		w = w[:len(w)-1]
	}
	return w
}

// Addr is an address split into parts.
type Addr struct {
	SubBuilding, BuildingName, BuildingNumber, Street, Locality, Town, Postcode string
	Text                                                                        string // the whole address on one line, postcode last
}

// Address words, by hand rather than regular expressions: the splitter runs
// on every row.
var (
	subBuildingWords = map[string]bool{"flat": true, "apartment": true, "apt": true, "unit": true, "units": true, "suite": true, "room": true,
		"studio": true, "maisonette": true, "floor": true, "basement": true, "gf": true, "ff": true, "block": true, "plot": true, "bay": true,
		"office": true, "shop": true}
	subBuildingPhrases = []string{"ground floor", "first floor", "second floor", "third floor", "lower ground floor", "upper floor"}
	subNumberedWords   = map[string]bool{"flat": true, "apartment": true, "apt": true, "unit": true, "units": true, "suite": true, "room": true,
		"studio": true, "maisonette": true, "shop": true, "office": true, "bay": true, "plot": true, "block": true}
	streetTypes = map[string]bool{"road": true, "rd": true, "street": true, "st": true, "lane": true, "ln": true, "avenue": true, "ave": true,
		"close": true, "cl": true, "way": true, "drive": true, "dr": true, "crescent": true, "cres": true, "court": true, "ct": true, "place": true,
		"pl": true, "square": true, "sq": true, "terrace": true, "gardens": true, "gdns": true, "grove": true, "hill": true, "row": true,
		"walk": true, "parade": true, "mews": true, "rise": true, "park": true, "green": true, "broadway": true, "esplanade": true, "quay": true,
		"wharf": true, "view": true, "vale": true, "yard": true, "boulevard": true, "circus": true, "approach": true, "hall": true}
)

// firstWord returns s's first word in lower case (letters only) and the rest.
func firstWord(s string) (string, string) {
	i := 0
	lower := true
	for i < len(s) && (s[i] >= 'a' && s[i] <= 'z' || s[i] >= 'A' && s[i] <= 'Z') {
		lower = lower && s[i] >= 'a'
		i++
	}
	w := s[:i]
	if !lower && i <= 12 {
		var buf [12]byte
		for k := 0; k < i; k++ {
			buf[k] = s[k] | 0x20
		}
		w = string(buf[:i])
	}
	if i < len(s) && s[i] == '.' {
		return w, s[i+1:]
	}
	return w, s[i:]
}

// isSubBuilding: "Flat 3", "Unit 2", "Ground Floor", …
func isSubBuilding(s string) bool {
	w, rest := firstWord(s)
	if subBuildingWords[w] && (rest == "" || rest[0] == ' ' || rest[0] == ',') {
		return true
	}
	for _, p := range subBuildingPhrases {
		if len(s) >= len(p) && strings.EqualFold(s[:len(p)], p) && (len(s) == len(p) || s[len(p)] == ' ' || s[len(p)] == ',') {
			return true
		}
	}
	return false
}

// numberToken reads a house number at the start of s: "12", "12a", "31-33",
// "2cd", "10 - 12". It returns its length (0 if none).
func numberToken(s string, maxLetters int) int {
	i := 0
	read := func() bool {
		st := i
		for i < len(s) && s[i] >= '0' && s[i] <= '9' {
			i++
		}
		if i == st {
			return false
		}
		l := 0
		for i < len(s) && l < maxLetters && (s[i] >= 'a' && s[i] <= 'z' || s[i] >= 'A' && s[i] <= 'Z') {
			i++
			l++
		}
		// A letter run longer than allowed is a word, not a suffix ("12th").
		if i < len(s) && (s[i] >= 'a' && s[i] <= 'z' || s[i] >= 'A' && s[i] <= 'Z') {
			return false
		}
		return true
	}
	if !read() {
		return 0
	}
	end := i
	j := i
	for j < len(s) && s[j] == ' ' {
		j++
	}
	if j < len(s) && s[j] == '-' {
		j++
		for j < len(s) && s[j] == ' ' {
			j++
		}
		i = j
		if read() {
			end = i
		}
	}
	return end
}

// isNumberOnly: the whole of s is a house number.
func isNumberOnly(s string) bool {
	n := numberToken(s, 1)
	return n > 0 && n == len(s)
}

// splitNumbered splits "12 High Street" into "12" and "High Street".
func splitNumbered(s string) (string, string, bool) {
	n := numberToken(s, 1)
	if n == 0 || n == len(s) || (s[n] != ' ' && s[n] != ',') {
		return "", "", false
	}
	rest := strings.TrimLeft(s[n:], " ,")
	if rest == "" || !hasLetter(rest) {
		return "", "", false
	}
	return s[:n], rest, true
}

// splitSubNumbered splits "Unit 9 Berry Court Farm" into "Unit 9" and the rest.
func splitSubNumbered(s string) (string, string, bool) {
	w, rest := firstWord(s)
	if !subNumberedWords[w] || rest == "" || rest[0] != ' ' {
		return "", "", false
	}
	r := strings.TrimLeft(rest, " ")
	n := numberToken(r, 2)
	if n == 0 || n == len(r) || (r[n] != ' ' && r[n] != ',') {
		return "", "", false
	}
	after := strings.TrimLeft(r[n:], " ,")
	if after == "" {
		return "", "", false
	}
	return s[:len(s)-len(r)+n], after, true
}

// endsWithStreetType: the last word is Road, Street, Lane, …
// siteWords end the names of sites that hold many premises ("Wharf
// Business Park", "Cranes Farm Industrial Estate"), and buildingTypes the
// street types that also name blocks of flats ("Marine Court"): either is
// a building name when a road follows ("Unit 9, Wharf Business Park, Wharf
// Road"; "Flat 4, Marine Court, Sea Road"), the street when none does.
var siteWords = []string{"business park", "industrial estate", "trading estate", "retail park", "industrial park",
	"science park", "enterprise park", "technology park", "business centre", "enterprise centre", "shopping centre"}

var buildingTypes = map[string]bool{"court": true, "ct": true, "hall": true, "mews": true, "quay": true, "wharf": true,
	"yard": true, "park": true}

// isBuildingOrSite: s may name a building or a site rather than a street.
func isBuildingOrSite(s string) bool {
	l := strings.ToLower(s)
	for _, w := range siteWords {
		if strings.HasSuffix(l, w) {
			return true
		}
	}
	i := strings.LastIndexByte(l, ' ')
	return buildingTypes[strings.TrimSuffix(l[i+1:], ".")]
}

// isRoad: s ends in a street type that does not also name buildings.
func isRoad(s string) bool {
	return endsWithStreetType(s) && !isBuildingOrSite(s)
}

func endsWithStreetType(s string) bool {
	i := strings.LastIndexByte(s, ' ')
	return streetTypes[strings.ToLower(strings.TrimSuffix(s[i+1:], "."))]
}

// tailPostcode finds a postcode-shaped token at the end of s ("… SUDBURY
// CO10 2SS", "…,PO5 2SE", "sw1a1aa"): it returns where it starts.
func tailPostcode(s string) (string, int, bool) {
	t := strings.TrimRight(s, " ")
	n := len(t)
	if n < 5 {
		return "", 0, false
	}
	// Inward: digit letter letter.
	if !isAlpha(t[n-1]) || !isAlpha(t[n-2]) || t[n-3] < '0' || t[n-3] > '9' {
		return "", 0, false
	}
	i := n - 3
	for i > 0 && t[i-1] == ' ' {
		i--
	}
	// Outward: 2–4 letters and digits, a letter first, a digit second or third.
	j := i
	for j > 0 && (isAlpha(t[j-1]) || t[j-1] >= '0' && t[j-1] <= '9') && i-j < 4 {
		j--
	}
	out := t[j:i]
	if len(out) < 2 || !isAlpha(out[0]) || j > 0 && t[j-1] != ' ' && t[j-1] != ',' {
		return "", 0, false
	}
	if !(out[1] >= '0' && out[1] <= '9') && !(len(out) > 2 && out[2] >= '0' && out[2] <= '9') {
		return "", 0, false
	}
	return t[j:], j, true
}

func isAlpha(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

var counties = map[string]bool{
	"hants": true, "hampshire": true, "essex": true, "kent": true, "surrey": true, "sussex": true, "east sussex": true, "west sussex": true,
	"suffolk": true, "norfolk": true, "devon": true, "cornwall": true, "dorset": true, "somerset": true, "wiltshire": true, "berkshire": true,
	"middlesex": true, "herts": true, "hertfordshire": true, "bucks": true, "buckinghamshire": true, "oxon": true, "oxfordshire": true,
	"cambs": true, "cambridgeshire": true, "lancs": true, "lancashire": true, "yorkshire": true, "north yorkshire": true, "west yorkshire": true,
	"south yorkshire": true, "east yorkshire": true, "cheshire": true, "derbyshire": true, "notts": true, "nottinghamshire": true,
	"leics": true, "leicestershire": true, "lincs": true, "lincolnshire": true, "northants": true, "northamptonshire": true,
	"warks": true, "warwickshire": true, "west midlands": true, "staffs": true, "staffordshire": true, "shropshire": true, "worcs": true,
	"worcestershire": true, "glos": true, "gloucestershire": true, "avon": true, "cumbria": true, "durham": true, "co durham": true,
	"northumberland": true, "tyne and wear": true, "merseyside": true, "greater manchester": true, "isle of wight": true,
	"beds": true, "bedfordshire": true, "greater london": true, "herefordshire": true, "rutland": true, "cleveland": true,
	"united kingdom": true, "uk": true, "england": true, "wales": true, "scotland": true, "gb": true, "great britain": true,
}

// isAddressBreak ends an address line inside one value: a comma, a line
// break (a quoted CSV field that spans lines), or the ";" that joins a JSON
// array of address lines.
func isAddressBreak(r rune) bool { return r == ',' || r == ';' || r == '\n' || r == '\r' }

func addressLines(v string) []string {
	if strings.IndexByte(v, ';') < 0 && strings.IndexByte(v, '\n') < 0 && strings.IndexByte(v, '\r') < 0 {
		return strings.Split(v, ",") // the common case, and the cheaper split
	}
	return strings.FieldsFunc(v, isAddressBreak)
}

// SplitAddress splits an address given as several lines (or one line with
// commas, semicolons or line breaks) into its parts: a trailing postcode, a flat or unit, a building
// name, a number with its street, localities, and the town (the last line
// that is not a county). Text is every non-empty part on one line.
func SplitAddress(lines []string) Addr {
	var a Addr
	var parts []string
	for _, l := range lines {
		for _, p := range addressLines(l) {
			if p = collapse(strings.TrimSpace(p)); p != "" {
				parts = append(parts, p)
			}
		}
	}
	if len(parts) == 0 {
		return a
	}
	// Postcode at the end.
	last := parts[len(parts)-1]
	if pc, at, found := tailPostcode(last); found {
		if norm, ok := ukid.Postcode(pc); ok {
			a.Postcode = norm
			rest := strings.TrimRight(strings.TrimSpace(last[:at]), " ,")
			if rest == "" {
				parts = parts[:len(parts)-1]
			} else {
				parts[len(parts)-1] = rest
			}
		}
	}
	text := append([]string(nil), parts...)
	if a.Postcode != "" {
		text = append(text, a.Postcode)
	}
	a.Text = strings.Join(text, ", ")
	// Drop counties and countries from the end.
	for len(parts) > 1 && counties[strings.ToLower(strings.TrimSuffix(parts[len(parts)-1], "."))] {
		parts = parts[:len(parts)-1]
	}
	// "Unit 9 Berry Court Farm" on one line: the sub-building is its own part.
	if sub, rest, ok := splitSubNumbered(parts[0]); ok {
		parts = append([]string{sub, rest}, parts[1:]...)
	}
	// Sub-building at the front ("Flat 3", "Unit 2", "Ground Floor").
	i := 0
	for i < len(parts)-1 && isSubBuilding(parts[i]) {
		if a.SubBuilding != "" {
			a.SubBuilding += ", "
		}
		a.SubBuilding += parts[i]
		i++
	}
	// Find the number and street.
	streetAt, numberAt := -1, -1
	for j := i; j < len(parts); j++ {
		p := parts[j]
		if isNumberOnly(p) && j+1 < len(parts) {
			a.BuildingNumber = strings.ReplaceAll(p, " ", "")
			a.Street = parts[j+1]
			numberAt, streetAt = j, j+1
			break
		}
		if num, street, ok := splitNumbered(p); ok {
			a.BuildingNumber = strings.ReplaceAll(num, " ", "")
			a.Street = street
			numberAt, streetAt = j, j
			break
		}
	}
	if streetAt < 0 {
		// No number: a line ending in a street type is the street, the lines
		// before it a building name.
		// The last line is the town, unless it is a road (Flat 7, Castle
		// House, High Street: no town given).
		for j := i; j < len(parts)-1 || j == len(parts)-1 && j > i && isRoad(parts[j]); j++ {
			if endsWithStreetType(parts[j]) && !(isBuildingOrSite(parts[j]) && j+1 < len(parts) && isRoad(parts[j+1])) {
				if j > i {
					a.BuildingName = strings.Join(parts[i:j], ", ")
				}
				a.Street = parts[j]
				streetAt = j
				break
			}
		}
	}
	if streetAt < 0 {
		// Else the building name is the first line, the street the next.
		if i < len(parts) {
			if len(parts)-i >= 3 {
				a.BuildingName = parts[i]
				a.Street = parts[i+1]
				streetAt = i + 1
			} else if len(parts)-i == 2 {
				a.Street = parts[i]
				streetAt = i
			} else {
				a.Street = parts[i]
				return a
			}
		}
	} else {
		// Lines between the sub-building and the number are a building name.
		if numberAt > i {
			a.BuildingName = strings.Join(parts[i:numberAt], ", ")
		}
	}
	rest := parts[streetAt+1:]
	if len(rest) > 0 {
		a.Town = rest[len(rest)-1]
		if len(rest) > 1 {
			a.Locality = strings.Join(rest[:len(rest)-1], ", ")
		}
	}
	return a
}

func hasLetter(s string) bool {
	for len(s) > 0 {
		r, n := utf8.DecodeRuneInString(s)
		if unicode.IsLetter(r) {
			return true
		}
		s = s[n:]
	}
	return false
}
