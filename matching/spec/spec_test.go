package spec

import (
	"errors"
	"strings"
	"testing"

	"github.com/council/golden/config"
	"github.com/council/golden/record"
)

func parse(t *testing.T, matching string) (*config.Config, error) {
	t.Helper()
	return config.Parse("golden.yaml", []byte("sources: [{name: a, kind: person, connector: csv}]\nmatching:\n"+matching))
}

func TestDefaultsValidate(t *testing.T) {
	for _, k := range record.Kinds {
		t.Run(string(k), func(t *testing.T) {
			s, err := Default(k)
			if err != nil {
				t.Fatal(err)
			}
			if err := s.Validate(); err != nil {
				t.Fatal(err)
			}
		})
	}
}

func TestFromConfig(t *testing.T) {
	tests := []struct {
		name    string
		yaml    string
		check   func(t *testing.T, s *Spec)
		wantErr string // substring, with file:line
	}{
		{"no section keeps defaults", "  business: {mode: link}\n", func(t *testing.T, s *Spec) {
			d, _ := Default(record.Person)
			if s.Hash() != d.Hash() {
				t.Error("person spec changed")
			}
		}, ""},
		{"thresholds and mode", "  person:\n    mode: dedupe\n    thresholds: {link: 0.9, review: 0.5}\n", func(t *testing.T, s *Spec) {
			if s.Mode != Dedupe || s.Thresholds.Link != 0.9 || s.Thresholds.Review != 0.5 {
				t.Errorf("got %s %+v", s.Mode, s.Thresholds)
			}
		}, ""},
		{"blocking replaces", "  person:\n    blocking:\n      - [dob, \"left(family, 3)\"]\n      - {name: mail, keys: [email], train: false}\n", func(t *testing.T, s *Spec) {
			if len(s.Blocking) != 2 || s.Blocking[0].Keys[1] != (Key{Column: "family", Prefix: 3}) || s.Blocking[1].Name != "mail" || !s.Blocking[1].NoTrain {
				t.Errorf("blocking = %+v", s.Blocking)
			}
		}, ""},
		{"comparison replaced and dropped", "  person:\n    comparisons:\n      - {name: sex, drop: true}\n      - name: given_name\n        levels: [exact, {jaro_winkler: 0.9}, else]\n", func(t *testing.T, s *Spec) {
			for _, c := range s.Comparisons {
				if c.Name == "sex" {
					t.Error("sex not dropped")
				}
				if c.Name == "given_name" && (len(c.Levels) != 3 || c.Levels[1].Threshold != 0.9 || c.TF != "given") {
					t.Errorf("given_name = %+v", c)
				}
			}
		}, ""},
		{"new comparison", "  person:\n    comparisons:\n      - {name: tenure, column: attr.tenure, levels: [exact, else], m: [0.9, 0.1]}\n", func(t *testing.T, s *Spec) {
			c := s.Comparisons[len(s.Comparisons)-1]
			if c.Name != "tenure" || c.Levels[0].Label != "exact" || c.M[0] != 0.9 {
				t.Errorf("got %+v", c)
			}
		}, ""},
		{"unknown key", "  person:\n    blockin: []\n", nil, "golden.yaml:4: matching.person: unknown key \"blockin\""},
		{"unknown column", "  person:\n    blocking: [[dob, shoe_size]]\n", nil, "golden.yaml:4: blocking key: unknown column \"shoe_size\""},
		{"bad threshold", "  person:\n    thresholds: {link: 0.2, review: 0.5}\n", nil, "golden.yaml:4: matching.person: thresholds"},
		{"else not last", "  person:\n    comparisons:\n      - {name: x, column: dob, levels: [else, exact]}\n", nil, "else must be the last level"},
		{"jaccard on text", "  person:\n    comparisons:\n      - {name: x, column: dob, levels: [{jaccard: 0.5}, else]}\n", nil, "golden.yaml:5: comparison \"x\": jaccard needs a token-list column"},
		{"m does not sum", "  person:\n    comparisons:\n      - {name: sex, levels: [exact, else], m: [0.5, 0.1]}\n", nil, "m values sum"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg, err := parse(t, tt.yaml)
			if err != nil {
				t.Fatal(err)
			}
			s, err := FromConfig(cfg, record.Person)
			if tt.wantErr != "" {
				var ce *config.Error
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) || !errors.As(err, &ce) {
					t.Fatalf("err = %v, want a *config.Error containing %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			tt.check(t, s)
		})
	}
}
