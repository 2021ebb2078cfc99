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
	slog.SetDefault(slog.New(slog.NewTextHandler(ios.ErrOut, &slog.HandlerOptions{Level: slog.LevelWarn})))
	f := &cli.Factory{IO: ios}
	cmd := root.New(f)
	err := cmd.ExecuteContext(ctx)
	if err != nil {
		fmt.Fprintln(ios.ErrOut, "golden:", err)
	}
	return cli.ExitCode(err)
}
