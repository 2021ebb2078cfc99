package survivorship

import (
	"strings"
	"unicode"
)

// ProperName gives a personal name written in one case only ("SMITH",
// "o'brien", "SMITH-JONES") its proper case: "Smith", "O'Brien",
// "Smith-Jones", "McDonald". A name already in mixed case is the source's
// own spelling ("McDonald", "MacLeod", "de Souza") and is left as it is.
// Particles after the first word stay lower case ("VAN DER BERG" →
// "Van der Berg"); list values (";"-separated) are cased item by item, and
// an item that then repeats an earlier one is dropped.
// "Mac" names are left "Macdonald": the rule cannot tell them from Mack
// or Machin.
func ProperName(s string) string {
	if !strings.Contains(s, ";") {
		return properItem(s)
	}
	items := strings.Split(s, ";")
	out := items[:0]
	seen := map[string]bool{}
	for _, item := range items {
		item = properItem(item)
		if !seen[item] { // "Smith;SMITH" is one name
			seen[item] = true
			out = append(out, item)
		}
	}
	return strings.Join(out, ";")
}

// properItem cases one name written in one case only: each space-separated
// word, and each part of a word after a hyphen or an apostrophe, starts with
// a capital. A name in mixed case is returned as it is.
func properItem(s string) string {
	upper, lower := false, false
	for _, r := range s {
		if unicode.IsUpper(r) {
			upper = true
		} else if unicode.IsLower(r) {
			lower = true
		}
	}
	if upper == lower { // mixed case, or no cased letters
		return s
	}
	words := strings.Split(strings.ToLower(s), " ")
	first := true
	for i, w := range words {
		if w == "" {
			continue
		}
		if !first && particles[w] && hasWordAfter(words, i) {
			first = false
			continue
		}
		first = false
		rs := []rune(w)
		start := true
		for j, r := range rs {
			if start && unicode.IsLetter(r) {
				rs[j] = unicode.ToUpper(r)
				start = false
				// Mc + capital: McDonald, McCarthy (not a bare "Mc").
				if r == 'm' && j+2 < len(rs) && rs[j+1] == 'c' && unicode.IsLetter(rs[j+2]) {
					rs[j+2] = unicode.ToUpper(rs[j+2])
				}
				continue
			}
			switch r {
			case '-', '\'', '\u2019', '.':
				start = true
			}
		}
		words[i] = string(rs)
	}
	return strings.Join(words, " ")
}

func hasWordAfter(words []string, i int) bool {
	for _, w := range words[i+1:] {
		if w != "" {
			return true
		}
	}
	return false
}

// particles are the words of a family name that stay lower case inside it.
var particles = map[string]bool{
	"van": true, "von": true, "der": true, "den": true, "de": true, "del": true, "della": true,
	"da": true, "di": true, "du": true, "la": true, "le": true, "bin": true, "binti": true, "al": true, "ap": true,
}
