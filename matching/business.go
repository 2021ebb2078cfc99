package matching

import "strings"

// tradingAs splits a ratepayer as billed, "REGISTERED NAME T/A TRADING
// NAME", into the two names; a name without "T/A" (or "TRADING AS") comes
// back whole with no trading name.
func tradingAs(name string) (registered, trading string) {
	up := strings.ToUpper(name)
	for _, sep := range []string{" T/A ", " T / A ", " TRADING AS "} {
		if i := strings.Index(up, sep); i > 0 {
			return strings.TrimSpace(name[:i]), strings.TrimSpace(name[i+len(sep):])
		}
	}
	return name, ""
}
