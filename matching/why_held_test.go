package matching

import (
	"strings"
	"testing"

	"github.com/council/golden/matching/spec"
)

// held mirrors the scoring's cap: require sums weights (tf included, null
// counts zero); distinct holds a pair at a comparison's else level.
func TestHeld(t *testing.T) {
	s := &spec.Spec{Require: []string{"flat", "house_number"}, Distinct: []string{"uprn"}}
	s.Thresholds.RequireWeight = 0
	tests := []struct {
		name  string
		steps []WhyStep
		want  string // substring; "" = not held
	}{
		{"number agrees", []WhyStep{{Comparison: "uprn", Gamma: -1}, {Comparison: "flat", Gamma: -1}, {Comparison: "house_number", Gamma: 1, Weight: 5.2}}, ""},
		{"flat disagrees more than the number agrees", []WhyStep{{Comparison: "flat", Gamma: 0, Weight: -4.3}, {Comparison: "house_number", Gamma: 1, Weight: 3}}, "add up to -1.30"},
		{"nothing required is known", []WhyStep{{Comparison: "flat", Gamma: -1}, {Comparison: "house_number", Gamma: -1}, {Comparison: "street", Gamma: 3, Weight: 9}}, "add up to +0.00, not above +0.00"},
		{"tf counts", []WhyStep{{Comparison: "house_number", Gamma: 1, Weight: 1, TFAdjustment: -2}}, "add up to -1.00"},
		{"another uprn", []WhyStep{{Comparison: "uprn", Gamma: 0, Weight: -9}, {Comparison: "house_number", Gamma: 1, Weight: 5}}, "uprn disagrees"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := held(s, tt.steps)
			if (tt.want == "") != (got == "") || !strings.Contains(got, tt.want) {
				t.Errorf("held = %q, want %q", got, tt.want)
			}
		})
	}
}
