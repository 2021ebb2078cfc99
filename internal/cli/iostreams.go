// Package cli holds what every golden command shares: the I/O streams, the
// factory that opens the project file and the store, typed exit codes, and
// the --json output helper.
package cli

import (
	"bytes"
	"io"
	"os"
)

// IOStreams is where a command reads and writes. Data goes to Out, messages
// and progress to ErrOut.
type IOStreams struct {
	In     io.Reader
	Out    io.Writer
	ErrOut io.Writer
	// IsTerminal reports whether Out is a terminal (tables and colour) or a
	// pipe (tab-separated lines).
	IsTerminal bool
	// ErrIsTerminal reports whether ErrOut is a terminal: progress is drawn
	// there only then, so that a nightly job's log stays clean.
	ErrIsTerminal bool
}

// System returns the process's own streams.
func System() *IOStreams {
	return &IOStreams{In: os.Stdin, Out: os.Stdout, ErrOut: os.Stderr, IsTerminal: isTerminal(os.Stdout), ErrIsTerminal: isTerminal(os.Stderr)}
}

func isTerminal(f *os.File) bool {
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}

// Test returns streams backed by buffers, for tests.
func Test() (*IOStreams, *bytes.Buffer, *bytes.Buffer, *bytes.Buffer) {
	in, out, errOut := &bytes.Buffer{}, &bytes.Buffer{}, &bytes.Buffer{}
	return &IOStreams{In: in, Out: out, ErrOut: errOut}, in, out, errOut
}

// Username names the person at the keyboard, from the environment, for
// records of who decided what (a steward's --by default).
func Username() string {
	for _, v := range []string{"USER", "LOGNAME", "USERNAME"} {
		if u := os.Getenv(v); u != "" {
			return u
		}
	}
	return "unknown"
}
