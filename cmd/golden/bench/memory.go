package bench

import (
	"bufio"
	"os"
	"strconv"
	"strings"
)

// Peak memory is the process's peak resident set size (VmHWM in
// /proc/self/status): Go's heap and DuckDB's buffers together, since DuckDB
// runs in the process. Before each stage the peak is reset by writing 5 to
// /proc/self/clear_refs (Linux), so each stage reports its own peak. Where
// /proc is missing the figures are 0.

// resetPeak resets the peak RSS; it reports whether it could.
func resetPeak() bool {
	f, err := os.OpenFile("/proc/self/clear_refs", os.O_WRONLY, 0)
	if err != nil {
		return false
	}
	defer f.Close()
	_, err = f.WriteString("5")
	return err == nil
}

// peakRSS returns VmHWM in bytes.
func peakRSS() int64 { return procStatus("VmHWM:") }

func procStatus(key string) int64 {
	f, err := os.Open("/proc/self/status")
	if err != nil {
		return 0
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if strings.HasPrefix(line, key) {
			fields := strings.Fields(line[len(key):])
			if len(fields) == 0 {
				return 0
			}
			kb, err := strconv.ParseInt(fields[0], 10, 64)
			if err != nil {
				return 0
			}
			return kb * 1024
		}
	}
	return 0
}
