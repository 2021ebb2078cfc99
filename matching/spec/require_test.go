package spec

import (
	"strings"
	"testing"

	"gopkg.in/yaml.v3"

	"github.com/council/golden/record"
)

func TestRequire(t *testing.T) {
	tests := []struct {
		name    string
		yaml    string
		want    []string
		wantErr string
	}{
		{"default person", "", []string{"given_name", "date_of_birth", "nhs_number", "ni_number", "email"}, ""},
		{"replaced", "require: [given_name, date_of_birth]", []string{"given_name", "date_of_birth"}, ""},
		{"one name", "require: given_name", []string{"given_name"}, ""},
		{"switched off", "require: []", nil, ""},
		{"unknown comparison", "require: [shoe_size]", nil, `require: no comparison "shoe_size"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, err := Default(record.Person)
			if err != nil {
				t.Fatal(err)
			}
			var n yaml.Node
			if err := yaml.Unmarshal([]byte(tt.yaml), &n); err != nil {
				t.Fatal(err)
			}
			if len(n.Content) > 0 {
				err = Apply(s, "golden.yaml", n.Content[0])
			}
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("error %v, want %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if strings.Join(s.Require, ",") != strings.Join(tt.want, ",") {
				t.Errorf("require %v, want %v", s.Require, tt.want)
			}
		})
	}
}
