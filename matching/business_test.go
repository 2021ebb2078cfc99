package matching

import "testing"

func TestTradingAs(t *testing.T) {
	tests := []struct{ in, reg, trading string }{
		{"NORRIS & SONS PRINTING LTD T/A Norris Print", "NORRIS & SONS PRINTING LTD", "Norris Print"},
		{"Wilkinson Builders Limited trading as The Royal Builders", "Wilkinson Builders Limited", "The Royal Builders"},
		{"A B SMITH T / A SMITHS CAFE", "A B SMITH", "SMITHS CAFE"},
		{"TASTY BITES LTD", "TASTY BITES LTD", ""},
		{"T/A ONLY", "T/A ONLY", ""},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			reg, tr := tradingAs(tt.in)
			if reg != tt.reg || tr != tt.trading {
				t.Errorf("tradingAs(%q) = %q, %q; want %q, %q", tt.in, reg, tr, tt.reg, tt.trading)
			}
		})
	}
}
