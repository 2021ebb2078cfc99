// Package peakrss measures a process's peak resident set size between two
// points, for benchmarks that report memory (Go and cgo together, which
// runtime.MemStats alone does not see). Linux only; elsewhere Peak is 0.
package peakrss

import (
	"os"
	"strconv"
	"strings"
)

// Reset resets the process's peak resident set size (VmHWM), so that Peak
// tells the peak from here on.
func Reset() { os.WriteFile("/proc/self/clear_refs", []byte("5"), 0) }

// Peak is the process's peak resident set size in bytes since Reset (or
// since it started), or 0 where /proc does not say.
func Peak() int64 {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for _, l := range strings.Split(string(b), "\n") {
		if v, ok := strings.CutPrefix(l, "VmHWM:"); ok {
			kb, _ := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(v), " kB"), 10, 64)
			return kb << 10
		}
	}
	return 0
}
