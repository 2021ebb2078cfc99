package raw

import "testing"

func TestTrailer(t *testing.T) {
	tests := []struct {
		line, prefix string
		is           bool
		count        int64
		counted      bool
	}{
		{"TOTAL RECORDS: 123", "TOTAL RECORDS:", true, 123, true},
		{"  total records: 1,250\r", "TOTAL RECORDS:", true, 1250, true},
		{"Total tenancies 4", "Total", true, 4, true},
		{"END OF FILE", "END", true, 0, false},
		{"TOTAL;Mr;Total;Tom", "TOTAL RECORDS:", false, 0, false},
		{"TOT", "TOTAL", false, 0, false},
		{"anything", "", false, 0, false},
	}
	for _, tt := range tests {
		t.Run(tt.line, func(t *testing.T) {
			if got := IsTrailer(tt.line, tt.prefix); got != tt.is {
				t.Errorf("IsTrailer(%q, %q) = %v", tt.line, tt.prefix, got)
			}
			if !tt.is {
				return
			}
			n, ok := TrailerCount(tt.line, tt.prefix)
			if n != tt.count || ok != tt.counted {
				t.Errorf("TrailerCount(%q, %q) = %d, %v; want %d, %v", tt.line, tt.prefix, n, ok, tt.count, tt.counted)
			}
		})
	}
}
