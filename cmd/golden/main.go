// Command golden is the council master-data engine's command line.
package main

import (
	"context"
	"fmt"
	"log/slog"
	"os"
	"os/signal"
	"syscall"

	"github.com/council/golden/cmd/golden/root"
	"github.com/council/golden/internal/cli"
)

func main() { os.Exit(run()) }

func run() int {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	ios := cli.System()
	// GOLDEN_LOG=debug (or info, warn, error) shows each stage's steps and
	// timings on stderr; the default is warnings only.
	level := slog.LevelWarn
	if v := os.Getenv("GOLDEN_LOG"); v != "" {
		if err := level.UnmarshalText([]byte(v)); err != nil {
			fmt.Fprintf(ios.ErrOut, "golden: GOLDEN_LOG=%q: want debug, info, warn or error\n", v)
			return 2
		}
	}
	slog.SetDefault(slog.New(slog.NewTextHandler(ios.ErrOut, &slog.HandlerOptions{Level: level})))
	f := &cli.Factory{IO: ios, LogLevel: level}
	cmd := root.New(f)
	err := cmd.ExecuteContext(ctx)
	if err != nil {
		fmt.Fprintln(ios.ErrOut, "golden:", err)
	}
	return cli.ExitCode(err)
}
