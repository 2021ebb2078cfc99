package cli

import (
	"context"
	"errors"
	"fmt"
)

// Exit codes a scheduler can act on.
const (
	ExitOK       = 0 // success
	ExitFailure  = 1 // the job failed; the store is as it was before it
	ExitUsage    = 2 // bad flags, arguments or configuration
	ExitWarnings = 3 // finished, but with warnings (quarantined rows, review backlog, …)
	ExitNotFound = 4 // the id or record asked for does not exist
)

// UsageError is a bad flag, argument or configuration: exit 2.
type UsageError struct{ Err error }

func (e *UsageError) Error() string { return e.Err.Error() }
func (e *UsageError) Unwrap() error { return e.Err }

// Usagef returns a UsageError.
func Usagef(format string, args ...any) error {
	return &UsageError{Err: fmt.Errorf(format, args...)}
}

// WarningsError means the command finished and its output is valid, but
// something needs a person's attention: exit 3.
type WarningsError struct{ Msg string }

func (e *WarningsError) Error() string { return e.Msg }

// NotFoundError means the thing asked for does not exist: exit 4.
type NotFoundError struct {
	What string
	Hint string // what to do about it, if anything
}

func (e *NotFoundError) Error() string {
	if e.Hint != "" {
		return e.What + " not found: " + e.Hint
	}
	return e.What + " not found"
}

// ExitCode maps an error from a command to the process's exit code.
func ExitCode(err error) int {
	if err == nil {
		return ExitOK
	}
	var ue *UsageError
	var we *WarningsError
	var nf *NotFoundError
	switch {
	case errors.As(err, &ue):
		return ExitUsage
	case errors.As(err, &we):
		return ExitWarnings
	case errors.As(err, &nf):
		return ExitNotFound
	case errors.Is(err, context.Canceled):
		return ExitFailure
	}
	return ExitFailure
}
