package connectors

import (
	"os"
	"reflect"
	"strings"
	"testing"

	"github.com/council/golden/connectors/csv"
	"github.com/council/golden/connectors/dtf73"
	"github.com/council/golden/connectors/fixedwidth"
	"github.com/council/golden/connectors/jsonsrc"
	"github.com/council/golden/connectors/postgres"
	"github.com/council/golden/connectors/xlsx"
)

// The format structs are the spec: every key they accept is documented in
// docs/golden-yaml.md, and every built-in connector is named there.
func TestDocsCoverTheSpec(t *testing.T) {
	b, err := os.ReadFile("../docs/golden-yaml.md")
	if err != nil {
		t.Fatal(err)
	}
	doc := string(b)
	for _, name := range Builtin().Names() {
		if !strings.Contains(doc, name) {
			t.Errorf("connector %s is not in docs/golden-yaml.md", name)
		}
	}
	formats := []any{csv.Format{}, fixedwidth.Format{}, xlsx.Format{}, jsonsrc.Format{}, dtf73.Format{}, postgres.Format{}}
	for _, f := range formats {
		typ := reflect.TypeOf(f)
		for i := 0; i < typ.NumField(); i++ {
			key, _, _ := strings.Cut(typ.Field(i).Tag.Get("yaml"), ",")
			if !strings.Contains(doc, "    "+key+":") {
				t.Errorf("%s format key %q is not documented in docs/golden-yaml.md", typ.PkgPath(), key)
			}
		}
	}
	for _, key := range []string{"column", "path", "columns", "const", "date", "money", "case", "trim", "map", "default", "order", "required", "optional"} {
		if !strings.Contains(doc, "| `"+key+"` |") {
			t.Errorf("field option %q is not in the field options table", key)
		}
	}
}
