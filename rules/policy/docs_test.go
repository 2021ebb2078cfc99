package policy

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// The reference page must not drift from the code: every field, variable and
// diagnostic code is documented, and every example condition compiles.
func TestDocsMatchTheCode(t *testing.T) {
	b, err := os.ReadFile(filepath.Join("..", "..", "docs", "governance.md"))
	if err != nil {
		t.Fatal(err)
	}
	doc := string(b)
	for _, f := range fieldNames() {
		if !strings.Contains(doc, "`"+f+"`") {
			t.Errorf("docs/governance.md does not mention field %s", f)
		}
	}
	for _, c := range []string{CodeYAML, CodeUnknownKey, CodeMissing, CodeBadValue, CodeDuplicate, CodeUnknownField, CodeUnknownKind,
		CodeUnknownPart, CodeUnknownFlag, CodeTransform, CodeCEL, CodeExpired, CodeNotStarted, CodeReview, CodeKeyMissing,
		CodeKeyInPolicy, CodeKeyShared, CodeUnknownSvc} {
		if !strings.Contains(doc, "| `"+c+"` |") {
			t.Errorf("docs/governance.md does not document diagnostic %s", c)
		}
	}
	for _, f := range BuiltinFlags() {
		if !strings.Contains(doc, "`"+f+"`") {
			t.Errorf("docs/governance.md does not mention built-in flag %s", f)
		}
	}
	env, err := newCELEnv()
	if err != nil {
		t.Fatal(err)
	}
	wheres := regexp.MustCompile(`where: '([^']+)'`).FindAllStringSubmatch(doc, -1)
	if len(wheres) < 4 {
		t.Fatalf("found %d example conditions", len(wheres))
	}
	for _, w := range wheres {
		if w[1] == "…" {
			continue
		}
		if _, iss := env.Compile(w[1]); iss != nil && iss.Err() != nil {
			t.Errorf("example condition %q: %v", w[1], iss.Err())
		}
	}
}
