package raw

import (
	"regexp"
	"strconv"
	"strings"
)

var countRE = regexp.MustCompile(`[0-9][0-9,]*`)

// IsTrailer reports whether a line (or a row's cells joined by spaces) starts
// with a trailer's text, case and surrounding spaces ignored
// (format.trailer: "TOTAL RECORDS:").
func IsTrailer(line, prefix string) bool {
	line = strings.TrimSpace(line)
	return prefix != "" && len(line) >= len(prefix) && strings.EqualFold(line[:len(prefix)], prefix)
}

// TrailerCount reads the count a trailer line states after its text
// ("TOTAL RECORDS: 1,250" → 1250), if it states one.
func TrailerCount(line, prefix string) (int64, bool) {
	line = strings.TrimSpace(line)
	if len(line) < len(prefix) {
		return 0, false
	}
	m := countRE.FindString(line[len(prefix):])
	if m == "" {
		return 0, false
	}
	n, err := strconv.ParseInt(strings.ReplaceAll(m, ",", ""), 10, 64)
	return n, err == nil
}
