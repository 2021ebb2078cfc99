//go:build unix

package matching

import (
	"syscall"
	"time"
)

// processCPU is the CPU time (user + system) the process has used so far:
// Go and DuckDB's threads together. On a shared machine it is a steadier
// measure of a stage's cost than its wall time.
func processCPU() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
