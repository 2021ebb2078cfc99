package rules

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"github.com/council/golden/rules/audit"
)

// ReadManifest reads a share's manifest.json.
func ReadManifest(path string) (*Manifest, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("manifest: %w", err)
	}
	var m Manifest
	if err := json.Unmarshal(b, &m); err != nil {
		return nil, fmt.Errorf("manifest %s: not a golden share manifest: %w", path, err)
	}
	if m.Disclosure.Seq == 0 || len(m.Disclosure.Hash) != 64 {
		return nil, fmt.Errorf("manifest %s: no disclosure anchor (seq and hash)", path)
	}
	return &m, nil
}

// CheckManifest checks a share's manifest against the disclosure log and
// the extract files beside it: the log still holds the manifest's entry with
// its hash, the entry records the same files with the same SHA-256, and each
// file present beside the manifest still has that SHA-256. A file that is
// not there is not a problem (the partner may hold the only copy).
func CheckManifest(entries []audit.Entry, path string) ([]audit.Problem, error) {
	m, err := ReadManifest(path)
	if err != nil {
		return nil, err
	}
	seq, hash := m.Disclosure.Seq, m.Disclosure.Hash
	if p := audit.VerifyHead(audit.Disclosures, entries, seq, hash); len(p) > 0 {
		return p, nil
	}
	var entry audit.Entry
	for _, e := range entries {
		if e.Seq == seq {
			entry = e
		}
	}
	var detail struct {
		Files []ManifestFile `json:"files"`
	}
	if err := json.Unmarshal([]byte(entry.Detail), &detail); err != nil {
		return []audit.Problem{{Seq: seq, Kind: "extract", Msg: fmt.Sprintf("disclosure entry %d has no readable file list", seq)}}, nil
	}
	logged := map[string]string{}
	for _, f := range detail.Files {
		logged[f.Name] = f.SHA256
	}
	var out []audit.Problem
	if len(logged) != len(m.Files) {
		out = append(out, audit.Problem{Seq: seq, Kind: "extract", Msg: fmt.Sprintf("the manifest lists %d file(s), disclosure entry %d recorded %d", len(m.Files), seq, len(logged))})
	}
	dir := filepath.Dir(path)
	for _, f := range m.Files {
		want, ok := logged[f.Name]
		switch {
		case !ok:
			out = append(out, audit.Problem{Seq: seq, Kind: "extract", Msg: fmt.Sprintf("%s is in the manifest but not in disclosure entry %d", f.Name, seq)})
			continue
		case want != f.SHA256:
			out = append(out, audit.Problem{Seq: seq, Kind: "extract", Msg: fmt.Sprintf("the manifest's SHA-256 for %s differs from disclosure entry %d's: the manifest was edited", f.Name, seq)})
		}
		got, _, err := hashFile(filepath.Join(dir, filepath.Base(f.Name)))
		if errors.Is(err, os.ErrNotExist) {
			continue
		}
		if err != nil {
			return nil, fmt.Errorf("manifest: %w", err)
		}
		if got != want {
			out = append(out, audit.Problem{Seq: seq, Kind: "extract", Msg: fmt.Sprintf("%s is not the file that was shared: its SHA-256 differs from disclosure entry %d's", f.Name, seq)})
		}
	}
	return out, nil
}
