package rules

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"slices"
	"time"

	"github.com/council/golden/record"
	"github.com/council/golden/rules/audit"
	"github.com/council/golden/rules/policy"
	"github.com/council/golden/store"
)

// ShareOptions say what to share and where.
type ShareOptions struct {
	Partner   string
	Agreement string // optional when the partner has one agreement in force
	Format    string // csv | xlsx | parquet | json
	OutDir    string // created if missing; must be empty
	Now       time.Time
	Actor     string // who runs the share, for the disclosure log
	Council   string
	Logger    *slog.Logger
	// DryRun counts what would be shared and withheld without writing a
	// file or a log entry (the manifest has no hashes and no disclosure).
	DryRun bool
}

// ErrOutNotEmpty means the output folder already holds files: an extract
// is never mixed with another.
var ErrOutNotEmpty = errors.New("output folder is not empty")

// ManifestName is the manifest's file name in the output folder.
const ManifestName = "manifest.json"

// Manifest describes one extract: what was shared, under which agreement,
// and the SHA-256 of every file. It never holds key material or records.
type Manifest struct {
	Council      string                    `json:"council,omitempty"`
	Partner      ManifestPartner           `json:"partner"`
	Agreement    ManifestAgreement         `json:"agreement"`
	GeneratedAt  string                    `json:"generated_at"`
	GeneratedBy  string                    `json:"generated_by"`
	PolicyFile   string                    `json:"policy_file"`
	PolicySHA256 string                    `json:"policy_sha256"`
	Format       string                    `json:"format"`
	Rows         int64                     `json:"rows"`
	Files        []ManifestFile            `json:"files"`
	Withheld     map[string]map[string]int `json:"withheld"` // kind → reason → records
	Disclosure   ManifestDisclosure        `json:"disclosure"`
}

// ManifestPartner names the recipient.
type ManifestPartner struct {
	ID       string `json:"id"`
	Name     string `json:"name"`
	Contact  string `json:"contact,omitempty"`
	Internal bool   `json:"internal,omitempty"`
}

// ManifestAgreement is the agreement the extract was made under.
type ManifestAgreement struct {
	Reference  string   `json:"reference"`
	LegalBasis string   `json:"legal_basis"`
	Purposes   []string `json:"purposes"`
	Start      string   `json:"start"`
	End        string   `json:"end"`
	Review     string   `json:"review,omitempty"`
}

// ManifestFile is one extract file.
type ManifestFile struct {
	Name   string          `json:"name"`
	Kind   string          `json:"kind"`
	Rows   int64           `json:"rows"`
	Bytes  int64           `json:"bytes"`
	SHA256 string          `json:"sha256"`
	Fields []ManifestField `json:"fields"`
	// Unrepresentable counts values left empty because they could not be
	// transformed as the policy says (a malformed date, say), by field.
	Unrepresentable map[string]int `json:"unrepresentable,omitempty"`
}

// ManifestField is one column and how it was transformed.
type ManifestField struct {
	Name      string `json:"name"`
	Transform string `json:"transform"`
}

// ManifestDisclosure anchors the extract in the disclosure log: keep it to
// check later that the log still holds this entry (`golden audit verify --anchor`).
type ManifestDisclosure struct {
	Seq  int64  `json:"seq"`
	Hash string `json:"hash"`
}

// Share writes the extract for one agreement to opts.OutDir, with its
// manifest, and records the disclosure in the same transaction as the
// share's counts. On any failure the files written are removed and the log
// is unchanged.
func Share(ctx context.Context, st *store.Store, eng *policy.Engine, opts ShareOptions) (m *Manifest, err error) {
	if opts.Now.IsZero() {
		opts.Now = time.Now()
	}
	log := opts.Logger
	if log == nil {
		log = slog.Default()
	}
	if !slices.Contains(Formats(), opts.Format) {
		return nil, fmt.Errorf("share: format %q (want csv, xlsx, parquet or json)", opts.Format)
	}
	plan, err := eng.Plan(opts.Partner, opts.Agreement, opts.Now)
	if err != nil {
		return nil, err
	}
	created := false
	if !opts.DryRun {
		if created, err = prepareOut(opts.OutDir); err != nil {
			return nil, err
		}
	}
	var written []string
	defer func() {
		if err != nil {
			for _, p := range written {
				os.Remove(p)
			}
			if created {
				os.Remove(opts.OutDir)
			}
		}
	}()

	a, pt := plan.Agreement, plan.Partner
	m = &Manifest{
		Council:      opts.Council,
		Partner:      ManifestPartner{ID: pt.ID, Name: pt.Name, Contact: pt.Contact, Internal: pt.Internal},
		Agreement:    ManifestAgreement{Reference: a.Reference, LegalBasis: a.LegalBasis, Purposes: a.Purposes, Start: a.Start.String(), End: a.End.String(), Review: a.Review.String()},
		GeneratedAt:  opts.Now.UTC().Format(time.RFC3339),
		GeneratedBy:  opts.Actor,
		PolicyFile:   filepath.Base(eng.Policy.File),
		PolicySHA256: eng.Policy.Hash,
		Format:       opts.Format,
		Withheld:     map[string]map[string]int{},
	}
	active, err := activeCounts(ctx, st)
	if err != nil {
		return nil, err
	}
	for _, k := range record.Kinds {
		if plan.Kind(string(k)) == nil && active[string(k)] > 0 {
			m.Withheld[string(k)] = map[string]int{"kind not in agreement": active[string(k)]}
		}
	}
	have, err := GoldenColumns(ctx, st.DB)
	if err != nil {
		return nil, err
	}
	for _, kp := range plan.Kinds {
		for _, c := range kp.Columns {
			if _, isField := record.ParseField(c.Field); isField && !slices.Contains(have, c.Field) {
				log.Warn("field is not a column of golden_records: it is empty in the extract", "field", c.Field, "kind", kp.Kind)
			}
		}
		name := kp.Kind + "." + opts.Format
		path := filepath.Join(opts.OutDir, name)
		f, counts, err := writeKind(ctx, st, kp, opts.Format, path, &written, opts.DryRun)
		if err != nil {
			return nil, fmt.Errorf("share %s: %w", name, err)
		}
		f.Name = name
		m.Files = append(m.Files, f)
		m.Rows += f.Rows
		if len(counts) > 0 {
			m.Withheld[kp.Kind] = counts
		}
	}

	if opts.DryRun {
		return m, nil
	}
	detail, err := json.Marshal(struct {
		Format       string                    `json:"format"`
		OutDir       string                    `json:"out_dir"`
		Rows         int64                     `json:"rows"`
		PolicySHA256 string                    `json:"policy_sha256"`
		Files        []ManifestFile            `json:"files"`
		Withheld     map[string]map[string]int `json:"withheld"`
	}{opts.Format, absPath(opts.OutDir), m.Rows, m.PolicySHA256, m.Files, m.Withheld})
	if err != nil {
		return nil, fmt.Errorf("share: %w", err)
	}
	err = st.InTx(ctx, func(tx *store.Tx) error {
		e, err := audit.Append(ctx, tx, audit.Disclosures, audit.Entry{Actor: opts.Actor, Partner: pt.ID, Agreement: a.Reference, Purpose: a.Purpose(), Detail: string(detail)}, opts.Now)
		if err != nil {
			return err
		}
		m.Disclosure = ManifestDisclosure{Seq: e.Seq, Hash: e.Hash}
		err = tx.Append(ctx, "share_counts", nil, func(ap *store.Appender) error {
			for _, f := range m.Files {
				if err := ap.AppendRow(e.Seq, f.Kind, policy.Shared.String(), f.Rows); err != nil {
					return err
				}
			}
			for kind, reasons := range m.Withheld {
				for reason, n := range reasons {
					if err := ap.AppendRow(e.Seq, kind, reason, int64(n)); err != nil {
						return err
					}
				}
			}
			return nil
		})
		if err != nil {
			return fmt.Errorf("share: counts: %w", err)
		}
		path := filepath.Join(opts.OutDir, ManifestName)
		written = append(written, path)
		return writeManifest(path, m)
	})
	if err != nil {
		return nil, err
	}
	log.Info("shared", "partner", pt.ID, "agreement", a.Reference, "format", opts.Format, "rows", m.Rows, "files", len(m.Files), "disclosure", m.Disclosure.Seq)
	return m, nil
}

func absPath(p string) string {
	if a, err := filepath.Abs(p); err == nil {
		return a
	}
	return p
}

func prepareOut(dir string) (created bool, err error) {
	if dir == "" {
		return false, errors.New("share: no output folder")
	}
	entries, err := os.ReadDir(dir)
	switch {
	case errors.Is(err, os.ErrNotExist):
		if err := os.MkdirAll(dir, 0o700); err != nil {
			return false, fmt.Errorf("share: %w", err)
		}
		return true, nil
	case err != nil:
		return false, fmt.Errorf("share: %w", err)
	case len(entries) > 0:
		return false, fmt.Errorf("share: %s: %w", dir, ErrOutNotEmpty)
	}
	return false, nil
}

func activeCounts(ctx context.Context, st *store.Store) (map[string]int, error) {
	rows, err := st.DB.QueryContext(ctx, `SELECT kind, count(*) FROM golden_records WHERE status = 'active' GROUP BY kind`)
	if err != nil {
		return nil, fmt.Errorf("share: count golden records: %w", err)
	}
	defer rows.Close()
	out := map[string]int{}
	for rows.Next() {
		var k string
		var n int
		if err := rows.Scan(&k, &n); err != nil {
			return nil, err
		}
		out[k] = n
	}
	return out, rows.Err()
}

func writeKind(ctx context.Context, st *store.Store, kp *policy.KindPlan, format, path string, written *[]string, dryRun bool) (ManifestFile, map[string]int, error) {
	f := ManifestFile{Kind: kp.Kind}
	for _, c := range kp.Columns {
		f.Fields = append(f.Fields, ManifestField{Name: c.Field, Transform: c.Transform.String()})
	}
	var w extractWriter
	var err error
	switch {
	case dryRun:
		w = discard{}
	case format == "csv":
		w, err = newCSV(path)
	case format == "json":
		w, err = newJSON(path)
	case format == "xlsx":
		w, err = newXLSX(path, kp.Kind)
	case format == "parquet":
		w, err = newParquet(ctx, st, path)
	}
	if err != nil {
		return f, nil, err
	}
	if !dryRun {
		*written = append(*written, path)
	}
	closed := false
	defer func() {
		if !closed {
			w.Close()
		}
	}()
	if err := w.Header(kp.FieldNames()); err != nil {
		return f, nil, err
	}
	counts := map[string]int{}
	lost := make([]int, len(kp.Columns))
	err = EachRecord(ctx, st.DB, kp.Kind, func(rec *policy.Record) error {
		out, _ := kp.Decide(ctx, rec)
		if out != policy.Shared {
			counts[out.String()]++
			return nil
		}
		f.Rows++
		return w.Row(kp.Row(rec, lost))
	})
	if err != nil {
		return f, nil, err
	}
	closed = true
	if err := w.Close(); err != nil {
		return f, nil, err
	}
	for i, n := range lost {
		if n > 0 {
			if f.Unrepresentable == nil {
				f.Unrepresentable = map[string]int{}
			}
			f.Unrepresentable[kp.Columns[i].Field] = n
		}
	}
	if dryRun {
		return f, counts, nil
	}
	f.SHA256, f.Bytes, err = hashFile(path)
	return f, counts, err
}

func hashFile(path string) (string, int64, error) {
	fh, err := os.Open(path)
	if err != nil {
		return "", 0, err
	}
	defer fh.Close()
	h := sha256.New()
	n, err := io.Copy(h, fh)
	if err != nil {
		return "", 0, err
	}
	return hex.EncodeToString(h.Sum(nil)), n, nil
}

func writeManifest(path string, m *Manifest) error {
	b, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return err
	}
	fh, err := createFile(path)
	if err != nil {
		return fmt.Errorf("share: manifest: %w", err)
	}
	if _, err := fh.Write(append(b, '\n')); err != nil {
		fh.Close()
		return fmt.Errorf("share: manifest: %w", err)
	}
	return fh.Close()
}

// discard is the writer of a dry run.
type discard struct{}

func (discard) Header([]string) error { return nil }
func (discard) Row([]string) error    { return nil }
func (discard) Close() error          { return nil }
