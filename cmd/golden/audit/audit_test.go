package audit

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/council/golden/config"
	"github.com/council/golden/internal/cli"
	"github.com/council/golden/rules"
	"github.com/council/golden/rules/govtest"
	"github.com/council/golden/store"
)

// project makes a store with n disclosures in it.
func project(t *testing.T, n int) (string, *rules.Manifest) {
	t.Helper()
	cfgPath := govtest.Project(t, "", govtest.People)
	cfg, err := config.Load(cfgPath)
	if err != nil {
		t.Fatal(err)
	}
	now := time.Date(2026, 6, 15, 10, 0, 0, 0, time.UTC)
	eng, _, err := rules.Load(cfg, now)
	if err != nil {
		t.Fatal(err)
	}
	st, err := store.Open(context.Background(), cfg.StorePath(), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	var m *rules.Manifest
	for i := 0; i < n; i++ {
		m, err = rules.Share(context.Background(), st, eng, rules.ShareOptions{Partner: "nhs", Format: "csv", OutDir: filepath.Join(filepath.Dir(cfgPath), fmt.Sprint("out", i)), Now: now.Add(time.Duration(i) * time.Hour), Actor: "tester"})
		if err != nil {
			t.Fatal(err)
		}
	}
	return cfgPath, m
}

func tamper(t *testing.T, cfgPath string, stmts ...string) {
	t.Helper()
	cfg, _ := config.Load(cfgPath)
	st, err := store.Open(context.Background(), cfg.StorePath(), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	for _, s := range stmts {
		if _, err := st.DB.Exec(s); err != nil {
			t.Fatalf("%s: %v", s, err)
		}
	}
}

func run(t *testing.T, cfg string, verb string, args ...string) (string, error) {
	t.Helper()
	ios, _, out, _ := cli.Test()
	f := &cli.Factory{IO: ios, ConfigPath: cfg}
	cmd := New(f)
	cmd.SetArgs(append([]string{verb}, args...))
	cmd.SilenceErrors, cmd.SilenceUsage = true, true
	cmd.SetContext(context.Background())
	err := cmd.Execute()
	return out.String(), err
}

func TestLogAndVerify(t *testing.T) {
	cfg, m := project(t, 3)
	out, err := run(t, cfg, "log")
	if err != nil {
		t.Fatal(err)
	}
	if strings.Count(out, "DSA-1") != 3 || !strings.Contains(out, "tester") {
		t.Fatalf("log:\n%s", out)
	}
	out, err = run(t, cfg, "log", "--json")
	var entries []struct {
		Seq    int64 `json:"seq"`
		Detail struct {
			Rows  int64 `json:"rows"`
			Files []struct {
				SHA256 string `json:"sha256"`
			} `json:"files"`
		} `json:"detail"`
		Hash string `json:"hash"`
	}
	if err != nil || json.Unmarshal([]byte(out), &entries) != nil || len(entries) != 3 || entries[2].Detail.Rows != 2 || entries[2].Hash != m.Disclosure.Hash || entries[2].Detail.Files[0].SHA256 == "" {
		t.Fatalf("log --json: %v\n%s", err, out)
	}
	out, err = run(t, cfg, "verify", "--anchor", fmt.Sprintf("%d:%s", m.Disclosure.Seq, m.Disclosure.Hash))
	if err != nil || !strings.Contains(out, "disclosure_log: 3 entries, chain intact") {
		t.Fatalf("verify: %v\n%s", err, out)
	}
}

func TestVerifyFindsTampering(t *testing.T) {
	tests := []struct {
		name   string
		stmts  []string
		anchor bool
		want   string
	}{
		{"edit", []string{`UPDATE disclosure_log SET partner = 'police' WHERE seq = 2`}, false, "entry 2 was altered"},
		{"delete", []string{`DELETE FROM disclosure_log WHERE seq = 2`}, false, "entry 2 is missing"},
		{"reorder", []string{`UPDATE disclosure_log SET seq = 99 WHERE seq = 1`, `UPDATE disclosure_log SET seq = 1 WHERE seq = 2`, `UPDATE disclosure_log SET seq = 2 WHERE seq = 99`}, false, "does not follow"},
		{"truncate", []string{`DELETE FROM disclosure_log WHERE seq = 3`}, true, "is not in the log"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			cfg, m := project(t, 3)
			tamper(t, cfg, tc.stmts...)
			args := []string{}
			if tc.anchor {
				args = append(args, "--anchor", fmt.Sprintf("%d:%s", m.Disclosure.Seq, m.Disclosure.Hash))
			}
			out, err := run(t, cfg, "verify", args...)
			if err == nil || cli.ExitCode(err) == 0 {
				t.Fatalf("tampered log verified:\n%s", out)
			}
			if !strings.Contains(out, tc.want) {
				t.Fatalf("want %q in:\n%s", tc.want, out)
			}
		})
	}
}

func TestVerifyManifest(t *testing.T) {
	cfg, m := project(t, 2)
	manifest := filepath.Join(filepath.Dir(cfg), "out1", "manifest.json")
	if out, err := run(t, cfg, "verify", "--manifest", manifest); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	if err := os.WriteFile(filepath.Join(filepath.Dir(manifest), m.Files[0].Name), []byte("forged"), 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := run(t, cfg, "verify", "--manifest", manifest)
	if err == nil || !strings.Contains(out, "person.csv is not the file that was shared") {
		t.Fatalf("forged extract verified: %v\n%s", err, out)
	}
	if _, err := run(t, cfg, "verify", "--manifest", filepath.Join(filepath.Dir(cfg), "golden.yaml")); cli.ExitCode(err) != cli.ExitUsage {
		t.Fatalf("not a manifest: %v", err)
	}
}

func TestVerifyBadAnchor(t *testing.T) {
	cfg, _ := project(t, 1)
	if _, err := run(t, cfg, "verify", "--anchor", "nonsense"); cli.ExitCode(err) != cli.ExitUsage {
		t.Fatalf("%v", err)
	}
}

func TestAccessLog(t *testing.T) {
	cfgPath := govtest.Project(t, `version: 1
services: {asc: adult-social-care}
roles:
  - {id: adult-social-care, name: Adult Social Care}
agreements:
  - {reference: ROLE-ASC, partner: adult-social-care, legal_basis: Care Act 2014, purposes: [assessment], start: 2026-01-01, end: 2027-12-31, review: 2027-06-30,
     entities: {person: {where: 'age >= 18', fields: [given_name]}}}
`, govtest.People)
	cfg, _ := config.Load(cfgPath)
	now := time.Date(2026, 6, 15, 10, 0, 0, 0, time.UTC)
	eng, _, err := rules.Load(cfg, now)
	if err != nil {
		t.Fatal(err)
	}
	st, err := store.Open(context.Background(), cfg.StorePath(), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, id := range []string{"P1", "P3"} {
		rules.View(context.Background(), st, eng, rules.ViewRequest{Role: "adult-social-care", GoldenID: id, Purpose: "care assessment", Actor: "sw1", Now: now})
	}
	st.Close()
	out, err := run(t, cfgPath, "log", "--access")
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 3 || !strings.Contains(lines[1], "ROLE-ASC") || !strings.Contains(lines[1], "P1") || !strings.Contains(lines[1], "yes") ||
		!strings.Contains(lines[2], "P3") || !strings.Contains(lines[2], " no ") {
		t.Fatalf("access log:\n%s", out)
	}
	if out, err := run(t, cfgPath, "verify"); err != nil || !strings.Contains(out, "access_log: 2 entries, chain intact") {
		t.Fatalf("%v\n%s", err, out)
	}
}
