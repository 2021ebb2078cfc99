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
		{"unknown distinct", "distinct: [shoe_size]", nil, `distinct: no comparison "shoe_size"`},
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

func TestRequireWeight(t *testing.T) {
	tests := []struct {
		name, yaml string
		want       float64
		wantErr    string
	}{
		{"person default", "", 1, ""},
		{"set", "thresholds: {require_weight: 3.5}", 3.5, ""},
		{"not a number", "thresholds: {require_weight: lots}", 0, "golden.yaml:1:"},
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
			if s.Thresholds.RequireWeight != tt.want {
				t.Errorf("require_weight %v, want %v", s.Thresholds.RequireWeight, tt.want)
			}
		})
	}
}

func TestDistinctAndCross(t *testing.T) {
	s, err := Default(record.Business)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(s.Distinct, ",") != "company_number" {
		t.Errorf("business distinct %v, want [company_number]", s.Distinct)
	}
	var n yaml.Node
	src := `distinct: [company_number, phone]
comparisons:
  - name: business_name
    column: biz_name
    levels: [exact, {cross: trading}, else]
`
	if err := yaml.Unmarshal([]byte(src), &n); err != nil {
		t.Fatal(err)
	}
	if err := Apply(s, "golden.yaml", n.Content[0]); err != nil {
		t.Fatal(err)
	}
	if strings.Join(s.Distinct, ",") != "company_number,phone" {
		t.Errorf("distinct %v", s.Distinct)
	}
	var lv Level
	for _, c := range s.Comparisons {
		if c.Name == "business_name" {
			lv = c.Levels[1]
		}
	}
	if lv.Kind != Cross || lv.Other != "trading" || lv.Column != "biz_name" || lv.Label != "equals trading on the other side" {
		t.Errorf("cross level decoded as %+v", lv)
	}
	bad := Comparison{Name: "x", Column: "biz_name", Levels: []Level{{Kind: Cross, Column: "biz_name", Other: "nope"}, {Kind: Else, Column: "biz_name"}}}
	if err := bad.Levels[0].check(bad); err == nil || !strings.Contains(err.Error(), "cross: unknown other column") {
		t.Errorf("cross with an unknown column: %v", err)
	}
}
