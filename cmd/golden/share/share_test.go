package share

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/spf13/cobra"

	"github.com/council/golden/internal/cli"
	"github.com/council/golden/rules"
	"github.com/council/golden/rules/govtest"
)

func runShare(t *testing.T, cfg string, args ...string) (string, string, error) {
	t.Helper()
	ios, _, out, errOut := cli.Test()
	f := &cli.Factory{IO: ios, ConfigPath: cfg}
	cmd := newCommand(f, nil, func() time.Time { return time.Date(2026, 6, 15, 10, 0, 0, 0, time.UTC) })
	cmd.SetArgs(args)
	cmd.SetOut(out)
	cmd.SetErr(errOut)
	cmd.SilenceErrors, cmd.SilenceUsage = true, true
	cmd.SetContext(context.Background())
	err := cmd.Execute()
	return out.String(), errOut.String(), err
}

func TestShareCommand(t *testing.T) {
	cfg := govtest.Project(t, "", govtest.People)
	dir := filepath.Dir(cfg)
	out := filepath.Join(dir, "extract")
	stdout, stderr, err := runShare(t, cfg, "--partner", "nhs", "--format", "json", "--out", out, "--json")
	if err != nil {
		t.Fatalf("%v\n%s", err, stderr)
	}
	var m rules.Manifest
	if err := json.Unmarshal([]byte(stdout), &m); err != nil {
		t.Fatal(err)
	}
	if m.Rows != 2 || m.Agreement.Reference != "DSA-1" || m.Disclosure.Seq != 1 || len(m.Files) != 1 {
		t.Fatalf("manifest %+v", m)
	}
	if !strings.Contains(stderr, "shared 2 record(s) with nhs under DSA-1") {
		t.Errorf("stderr %s", stderr)
	}
	b, _ := os.ReadFile(filepath.Join(out, "person.json"))
	if strings.Contains(string(b), "Okafor") || !strings.Contains(string(b), `"family_name": "****or"`) {
		t.Errorf("extract %s", b)
	}
	for _, s := range []string{stdout, stderr, string(b)} {
		if strings.Contains(s, govtest.Key) {
			t.Fatal("key in output")
		}
	}
}

func TestShareDryRun(t *testing.T) {
	cfg := govtest.Project(t, "", govtest.People)
	_, stderr, err := runShare(t, cfg, "--partner", "nhs", "--dry-run")
	if err != nil || !strings.Contains(stderr, "dry run: would share 2 record(s)") || !strings.Contains(stderr, "family_name (mask (keep last 2))") {
		t.Fatalf("%v\n%s", err, stderr)
	}
	entries, err := os.ReadDir(filepath.Dir(cfg))
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if e.IsDir() {
			t.Fatalf("dry run made %s", e.Name())
		}
	}
	// and logged nothing: the next real share is disclosure 1.
	stdout, _, err := runShare(t, cfg, "--partner", "nhs", "--out", filepath.Join(filepath.Dir(cfg), "out"), "--json")
	if err != nil || !strings.Contains(stdout, `"seq": 1`) {
		t.Fatalf("%v %s", err, stdout)
	}
}

func TestShareCommandErrors(t *testing.T) {
	cfg := govtest.Project(t, "", govtest.People)
	dir := filepath.Dir(cfg)
	expired := strings.Replace(govtest.Policy, "end: 2027-12-31", "end: 2025-12-31", 1)
	expired = strings.Replace(expired, "start: 2026-01-01", "start: 2025-01-01", 1)
	expired = strings.Replace(expired, "review: 2027-06-30", "review: 2025-06-30", 1)
	expiredCfg := govtest.Project(t, expired, govtest.People)
	notStartedCfg := govtest.Project(t, strings.Replace(govtest.Policy, "start: 2026-01-01", "start: 2026-07-01", 1), govtest.People)
	tests := []struct {
		name string
		cfg  string
		args []string
		exit int
		want string
	}{
		{"no partner", cfg, []string{"--out", "x"}, cli.ExitUsage, "--partner is required"},
		{"no out", cfg, []string{"--partner", "nhs"}, cli.ExitUsage, "--out is required"},
		{"bad format", cfg, []string{"--partner", "nhs", "--out", "x", "--format", "xls"}, cli.ExitUsage, "want one of csv"},
		{"misspelt partner", cfg, []string{"--partner", "nhss", "--out", filepath.Join(dir, "a")}, cli.ExitUsage, `did you mean "nhs"`},
		{"expired", expiredCfg, []string{"--partner", "nhs", "--out", filepath.Join(dir, "b")}, cli.ExitUsage, "expired on 2025-12-31"},
		{"expired: dates", expiredCfg, []string{"--partner", "nhs", "--out", filepath.Join(dir, "b")}, cli.ExitUsage, "DSA-1: in force 2025-01-01 to 2025-12-31 (" + filepath.Join(filepath.Dir(expiredCfg), "policy.yaml") + ":"},
		{"expired, named", expiredCfg, []string{"--partner", "nhs", "--agreement", "DSA-1", "--out", filepath.Join(dir, "b")}, cli.ExitUsage, "today is 2026-06-15: renew"},
		{"not started", notStartedCfg, []string{"--partner", "nhs", "--out", filepath.Join(dir, "b")}, cli.ExitUsage, "has not started (it starts on 2026-07-01)"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, _, err := runShare(t, tc.cfg, tc.args...)
			if cli.ExitCode(err) != tc.exit || err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("exit %d, %v; want %d with %q", cli.ExitCode(err), err, tc.exit, tc.want)
			}
		})
	}
}

func TestFlagParsing(t *testing.T) {
	ios, _, _, _ := cli.Test()
	var got *Options
	cmd := New(&cli.Factory{IO: ios}, func(o *Options) error { got = o; return nil })
	cmd.SetArgs([]string{"--partner", "p", "--agreement", "A", "--format", "parquet", "--out", "d"})
	if err := cmd.Execute(); err != nil {
		t.Fatal(err)
	}
	if got.Partner != "p" || got.Agreement != "A" || got.Format != "parquet" || got.Out != "d" {
		t.Fatalf("%+v", got)
	}
	var _ *cobra.Command = cmd
}
