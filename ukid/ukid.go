// Package ukid validates and normalises UK identifiers: postcodes (the
// BS7666 pattern), NHS numbers (Modulus 11), National Insurance numbers
// (HMRC's rules), UK telephone numbers, e-mail addresses, Companies House
// company numbers, UPRNs and USRNs.
//
// Every function takes the value as a legacy system sent it and returns the
// normalised form and whether it is valid. An invalid value comes back
// trimmed but otherwise as received, so a caller can keep it and flag it.
// The package imports nothing of golden's and is safe for concurrent use.
package ukid

import (
	"regexp"
	"strings"
)

// postcodeRE is the BS7666 v2.0 PostCodeType pattern translated to RE2 (see
// ../shared/data/formats/identifiers/FACTS.txt). It needs upper case and one space.
var phoneExtRE = regexp.MustCompile(`(?i)\s*(ext\.?|extn\.?|x)\s*[0-9]{1,5}$`)

var postcodeRE = regexp.MustCompile(`^(GIR 0AA|(([A-PR-UWYZ][0-9][0-9]?)|([A-PR-UWYZ][A-HK-Y][0-9][0-9]?)|([A-PR-UWYZ][0-9][A-HJKSTUW])|([A-PR-UWYZ][A-HK-Y][0-9][ABEHMNPRVWXY])) [0-9][ABD-HJLNP-UW-Z]{2})$`)

// Postcode normalises a postcode to upper case with exactly one space before
// the inward code ("sw1a1aa" → "SW1A 1AA") and checks it against the BS7666
// pattern. Format-valid is not the same as "exists".
func Postcode(s string) (string, bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return "", false
	}
	if PostcodeValid(s) {
		return s, true
	}
	compact := compactUpper(s)
	if len(compact) < 5 || len(compact) > 7 {
		return s, false
	}
	norm := compact[:len(compact)-3] + " " + compact[len(compact)-3:]
	if PostcodeValid(norm) {
		return norm, true
	}
	return s, false
}

// PostcodeValid reports whether s is already a normalised, valid postcode:
// the BS7666 pattern, checked by hand (it is on every row's hot path).
func PostcodeValid(s string) bool {
	if s == "GIR 0AA" {
		return true
	}
	n := len(s)
	if n < 6 || n > 8 || s[n-4] != ' ' {
		return false
	}
	in := s[n-3:]
	if !isDigit(in[0]) || !inwardLetter(in[1]) || !inwardLetter(in[2]) {
		return false
	}
	out := s[:n-4]
	if !isUpper(out[0]) || strings.IndexByte("QVX", out[0]) >= 0 {
		return false
	}
	switch len(out) {
	case 2: // A9
		return isDigit(out[1])
	case 3: // A99, AA9, A9A
		switch {
		case isDigit(out[1]) && isDigit(out[2]):
			return true
		case secondLetter(out[1]) && isDigit(out[2]):
			return true
		case isDigit(out[1]) && strings.IndexByte("ABCDEFGHJKSTUW", out[2]) >= 0:
			return true
		}
	case 4: // AA99, AA9A
		if !secondLetter(out[1]) || !isDigit(out[2]) {
			return false
		}
		return isDigit(out[3]) || strings.IndexByte("ABEHMNPRVWXY", out[3]) >= 0
	}
	return false
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

// secondLetter: A–Z except I, J and Z.
func secondLetter(c byte) bool { return isUpper(c) && c != 'I' && c != 'J' && c != 'Z' }

// inwardLetter: A–Z except C, I, K, M, O and V.
func inwardLetter(c byte) bool { return isUpper(c) && strings.IndexByte("CIKMOV", c) < 0 }

// NHSNumber strips spaces and dashes ("943 476 5919") and checks the length
// and the Modulus 11 check digit. Ten times the same digit (0000000000,
// 9999999999) passes Modulus 11 but is a placeholder a system fills in for
// "not known", shared by everyone it was given to: it is not valid.
func NHSNumber(s string) (string, bool) {
	s = strings.TrimSpace(s)
	d := s
	if len(s) != 10 || !isAllDigits(s) {
		d = digitsOnly(s, " -")
	}
	if len(d) != 10 {
		return s, false
	}
	sum := 0
	for i := 0; i < 9; i++ {
		sum += int(d[i]-'0') * (10 - i)
	}
	check := 11 - sum%11
	if check == 11 {
		check = 0
	}
	if check == 10 || check != int(d[9]-'0') {
		return s, false
	}
	if strings.Count(d, d[:1]) == len(d) {
		return s, false
	}
	return d, true
}

// NINumber normalises a National Insurance number to "AA999999A" and checks
// HMRC's rules (NIM39110): the prefix letters allowed, the prefixes never
// issued, six digits and a suffix A–D. Temporary reference numbers and
// administrative prefixes are not valid NINOs.
func NINumber(s string) (string, bool) {
	s = strings.TrimSpace(s)
	c := s
	if len(s) != 9 || strings.IndexByte(s, ' ') >= 0 || strings.ToUpper(s) != s {
		c = compactUpper(s)
	}
	if len(c) != 9 {
		return s, false
	}
	a, b := c[0], c[1]
	if !isUpper(a) || !isUpper(b) || strings.IndexByte("DFIQUV", a) >= 0 || strings.IndexByte("DFIQUVO", b) >= 0 {
		return s, false
	}
	switch c[:2] {
	case "BG", "GB", "KN", "NK", "NT", "TN", "ZZ":
		return s, false
	}
	for i := 2; i < 8; i++ {
		if c[i] < '0' || c[i] > '9' {
			return s, false
		}
	}
	if c[8] < 'A' || c[8] > 'D' {
		return s, false
	}
	return c, true
}

// Phone normalises a UK telephone number to its national form: digits only,
// with a leading 0 ("+44 (0)20 7946 0018" → "02079460018"). Valid numbers
// have 10 or 11 digits and start 01, 02, 03, 05, 07, 08 or 09. Numbers from
// other countries keep their + and are not valid UK numbers.
func Phone(s string) (string, bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return "", false
	}
	// Drop an extension ("x123", "ext. 4") and a bracketed trunk zero.
	if strings.ContainsAny(s, "xXeE") {
		if loc := phoneExtRE.FindStringIndex(s); loc != nil && loc[0] > 0 {
			s = s[:loc[0]]
		}
	}
	s = strings.Replace(s, "(0)", "", 1)
	var b strings.Builder
	for i, r := range s {
		switch {
		case r >= '0' && r <= '9':
			b.WriteRune(r)
		case r == '+' && i == 0:
			b.WriteRune(r)
		case r == ' ' || r == '-' || r == '(' || r == ')' || r == '.' || r == '/':
		default:
			return s, false
		}
	}
	d := b.String()
	switch {
	case strings.HasPrefix(d, "+44"):
		d = "0" + strings.TrimPrefix(d[3:], "0")
	case strings.HasPrefix(d, "0044"):
		d = "0" + strings.TrimPrefix(d[4:], "0")
	case strings.HasPrefix(d, "44") && (len(d) == 12 || len(d) == 11):
		d = "0" + d[2:]
	case strings.HasPrefix(d, "+"):
		return s, false
	}
	if len(d) < 10 || len(d) > 11 || d[0] != '0' || strings.IndexByte("1235789", d[1]) < 0 {
		return s, false
	}
	if d[1] == '7' && len(d) != 11 {
		return s, false
	}
	return d, true
}

// Email lower-cases and trims an e-mail address and checks its shape: one @,
// a local part, and a domain with a dot and no spaces.
func Email(s string) (string, bool) {
	s = strings.TrimSpace(s)
	e := strings.TrimPrefix(strings.TrimPrefix(s, "mailto:"), "MAILTO:")
	for i := 0; i < len(e); i++ {
		if c := e[i]; c >= 'A' && c <= 'Z' || c >= 0x80 {
			e = strings.ToLower(e)
			break
		}
	}
	local, domain, ok := strings.Cut(e, "@")
	if !ok || local == "" || domain == "" || strings.Contains(domain, "@") || len(e) > 254 || len(local) > 64 {
		return s, false
	}
	if strings.HasPrefix(local, ".") || strings.HasSuffix(local, ".") || strings.Contains(local, "..") {
		return s, false
	}
	for _, r := range local {
		if r <= ' ' || r > '~' || strings.ContainsRune(`"(),:;<>[\]`, r) {
			return s, false
		}
	}
	labels := strings.Split(domain, ".")
	if len(labels) < 2 {
		return s, false
	}
	for _, l := range labels {
		if l == "" || len(l) > 63 || l[0] == '-' || l[len(l)-1] == '-' {
			return s, false
		}
		for _, r := range l {
			if !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '-') {
				return s, false
			}
		}
	}
	if tld := labels[len(labels)-1]; len(tld) < 2 || isAllDigits(tld) {
		return s, false
	}
	return e, true
}

// companyPrefixes are the two-letter prefixes Companies House uses (SC
// Scotland, NI Northern Ireland, OC LLPs, …).
const companyPrefixes = "AC,BR,CE,CS,FC,FE,GE,GN,GS,IC,IP,LP,NA,NC,NF,NI,NL,NO,NP,NR,NV,NZ,OC,OE,PC,RC,RS,SA,SC,SE,SF,SG,SI,SL,SO,SP,SR,SZ,ZC"

// CompanyNumber normalises a Companies House number: upper case, no spaces,
// numeric numbers left-padded with zeros to eight characters ("7687209" →
// "07687209"); a prefixed number keeps its prefix ("sc123456" → "SC123456").
func CompanyNumber(s string) (string, bool) {
	s = strings.TrimSpace(s)
	c := compactUpper(s)
	if c == "" || len(c) > 8 {
		return s, false
	}
	if isAllDigits(c) {
		return strings.Repeat("0", 8-len(c)) + c, true
	}
	if len(c) >= 3 && isUpper(c[0]) && isUpper(c[1]) && isAllDigits(c[2:]) {
		if !strings.Contains(companyPrefixes, c[:2]) {
			return s, false
		}
		return c[:2] + strings.Repeat("0", 8-len(c)) + c[2:], true
	}
	// Old registered societies: R followed by seven digits.
	if len(c) == 8 && c[0] == 'R' && isAllDigits(c[1:]) {
		return c, true
	}
	return s, false
}

// UPRN normalises a Unique Property Reference Number: an integer of up to 12
// digits, without leading zeros or a spreadsheet's ".0".
func UPRN(s string) (string, bool) { return refNumber(s, 12) }

// USRN normalises a Unique Street Reference Number: up to 8 digits.
func USRN(s string) (string, bool) { return refNumber(s, 8) }

func refNumber(s string, max int) (string, bool) {
	s = strings.TrimSpace(s)
	d := strings.TrimSuffix(strings.TrimSuffix(s, ".00"), ".0")
	if d == "" || !isAllDigits(d) {
		return s, false
	}
	d = strings.TrimLeft(d, "0")
	if d == "" || len(d) > max {
		return s, false
	}
	return d, true
}

func compactUpper(s string) string {
	s = strings.ReplaceAll(s, "\u00a0", "")
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == ' ' || c == '\t':
		case c >= 'a' && c <= 'z':
			b.WriteByte(c - 'a' + 'A')
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}

func digitsOnly(s, drop string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if strings.IndexByte(drop, c) >= 0 {
			continue
		}
		if c < '0' || c > '9' {
			return ""
		}
		b.WriteByte(c)
	}
	return b.String()
}

func isAllDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

func isUpper(c byte) bool { return c >= 'A' && c <= 'Z' }
