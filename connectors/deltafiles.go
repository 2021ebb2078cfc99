package connectors

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/council/golden/store"
)

// deltaFile is a file of a delta source, known by its content.
type deltaFile struct {
	path   string
	sha256 string
	bytes  int64
}

// newDeltaFiles returns the files of a delta source that it has not applied
// before (by content: a renamed copy is the same delta), in name order, with
// their checksums to record once they are applied, and the names of those
// it skips. Replaying an old delta after newer ones would turn records back
// to older values, so a file applied before is not read again. Skipping is
// what a folder of deltas that is never cleared needs every night, so it is
// not a warning unless no new file is left: then nothing new arrived, which
// a nightly job should hear about.
func newDeltaFiles(ctx context.Context, st *store.Store, source string, files []string, w *warnings) (keep []string, deltas []deltaFile, skipped []string, err error) {
	seen := map[string]string{}
	var lastName string
	var lastRun int64
	for _, f := range files {
		if err := ctx.Err(); err != nil {
			return nil, nil, nil, err
		}
		d, err := checksum(f)
		if err != nil {
			return nil, nil, nil, err
		}
		if first, ok := seen[d.sha256]; ok {
			w.Warn("file %s has the same content as %s: skipped", filepath.Base(f), filepath.Base(first))
			continue
		}
		seen[d.sha256] = f
		var run int64
		var name string
		err = st.DB.QueryRowContext(ctx, `SELECT run_id, file FROM delta_files WHERE source = ? AND sha256 = ? ORDER BY run_id LIMIT 1`,
			source, d.sha256).Scan(&run, &name)
		switch {
		case err == nil:
			skipped = append(skipped, filepath.Base(f))
			if run >= lastRun {
				lastName, lastRun = filepath.Base(f), run
			}
			continue
		case !errors.Is(err, sql.ErrNoRows):
			return nil, nil, nil, fmt.Errorf("delta files: %w", err)
		}
		keep = append(keep, f)
		deltas = append(deltas, d)
	}
	if len(keep) == 0 && len(skipped) > 0 {
		w.Warn("no new delta file: the %d found were applied before (the latest, %s, by run %d); nothing read", len(skipped), lastName, lastRun)
	}
	return keep, deltas, skipped, nil
}

func checksum(path string) (deltaFile, error) {
	f, err := os.Open(path)
	if err != nil {
		return deltaFile{}, err
	}
	defer f.Close()
	h := sha256.New()
	n, err := io.Copy(h, f)
	if err != nil {
		return deltaFile{}, fmt.Errorf("%s: %w", path, err)
	}
	return deltaFile{path: path, sha256: hex.EncodeToString(h.Sum(nil)), bytes: n}, nil
}

// recordDeltaFiles notes, in the source's transaction, the delta files the
// run applied.
func (j *job) recordDeltaFiles(ctx context.Context, tx *store.Tx, runID int64) error {
	for _, d := range j.deltas {
		name := d.path
		if rel, err := filepath.Rel(j.cfg.Dir, d.path); err == nil {
			name = rel
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO delta_files (source, file, sha256, bytes, run_id) VALUES (?, ?, ?, ?, ?)`,
			j.src.Name, name, d.sha256, d.bytes, runID); err != nil {
			return fmt.Errorf("delta files: %w", err)
		}
	}
	return nil
}
