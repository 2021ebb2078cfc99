package jsonsrc

import (
	"encoding/json"
	"testing"
)

func TestNumber(t *testing.T) {
	for in, want := range map[string]string{
		"100091234568":           "100091234568",
		"100091234568.0":         "100091234568",
		"1.00091234568e11":       "100091234568",
		"12.50":                  "12.50",
		"-3.000":                 "-3",
		"0.5":                    "0.5",
		"1e300":                  "1e300",
		"12345678901234567890.0": "12345678901234567890.0",
	} {
		if got := number(json.Number(in)); got != want {
			t.Errorf("number(%s) = %s, want %s", in, got, want)
		}
	}
}
