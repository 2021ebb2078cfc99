package cli

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"

	"github.com/council/golden/config"
	"github.com/council/golden/store"
)

// Factory gives commands their streams, the project file and the store,
// from the global flags.
type Factory struct {
	IO         *IOStreams
	ConfigPath string       // --config
	DBPath     string       // --db, overrides the config's store path
	LogLevel   slog.Leveler // GOLDEN_LOG; nil means warnings only
}

// Logger writes the long operations' progress and step timings to the
// command's stderr at the level GOLDEN_LOG chose (warnings by default).
func (f *Factory) Logger() *slog.Logger {
	level := f.LogLevel
	if level == nil {
		level = slog.LevelWarn
	}
	return slog.New(slog.NewTextHandler(f.IO.ErrOut, &slog.HandlerOptions{Level: level}))
}

// Config loads the project file. A missing or bad file is a UsageError.
func (f *Factory) Config() (*config.Config, error) {
	path := f.ConfigPath
	if path == "" {
		path = config.DefaultFile
	}
	if _, err := os.Stat(path); errors.Is(err, os.ErrNotExist) {
		return nil, Usagef("no project file %s (run `golden init` to make one, or pass --config)", path)
	}
	c, err := config.Load(path)
	if err != nil {
		return nil, &UsageError{Err: err}
	}
	return c, nil
}

// OpenStore opens the store named by --db, or the config's, or the default.
// cfg may be nil.
func (f *Factory) OpenStore(ctx context.Context, cfg *config.Config) (*store.Store, error) {
	path := f.DBPath
	var opts store.Options
	if cfg != nil {
		if path == "" {
			path = cfg.StorePath()
		}
		opts = store.Options{MemoryLimit: cfg.Store.MemoryLimit, Threads: cfg.Store.Threads, TempDir: cfg.Resolve(cfg.Store.TempDir)}
	}
	if path == "" {
		path = store.DefaultPath
	}
	s, err := store.Open(ctx, path, opts)
	if err != nil {
		return nil, fmt.Errorf("%w", err)
	}
	return s, nil
}

// OpenExistingStore is OpenStore for commands that only read: a store that
// does not exist yet is a usage error rather than a new empty file.
func (f *Factory) OpenExistingStore(ctx context.Context, cfg *config.Config) (*store.Store, error) {
	path := f.DBPath
	if path == "" && cfg != nil {
		path = cfg.StorePath()
	}
	if path == "" {
		path = store.DefaultPath
	}
	if _, err := os.Stat(path); errors.Is(err, os.ErrNotExist) {
		return nil, Usagef("no store at %s: run `golden run` or `golden ingest` first", path)
	}
	return f.OpenStore(ctx, cfg)
}

// OpenStoreOnly opens the existing store for a command that needs nothing
// but the store: golden.yaml is read when there is one (for the store's
// path and settings) but not required when --db names the store.
func (f *Factory) OpenStoreOnly(ctx context.Context) (*store.Store, error) {
	cfg, err := f.Config()
	if err != nil {
		if f.DBPath == "" {
			return nil, err
		}
		cfg = nil
	}
	return f.OpenExistingStore(ctx, cfg)
}
