package matching

import (
	"database/sql"
	"fmt"
	"slices"
	"testing"

	"github.com/council/golden/record"
)

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

// TestFeaturesCouncil checks two council cases in the feature row: a
// ratepayer billed "X T/A Y" gets both names, and a record with only a
// postcode still has address tokens.
func TestFeaturesCouncil(t *testing.T) {
	col := func(name string) int { return slices.Index(featureColumns, name) }
	fz := NewFeaturizer()
	var biz sourceRow
	biz.values[record.BusinessName] = sql.NullString{String: "Norris & Sons Printing Ltd T/A Norris Print", Valid: true}
	row := fz.Row(record.Business, &biz)
	if row[col("biz_name")] != "NORRIS SONS PRINTING" || row[col("trading")] != "NORRIS PRINT" {
		t.Errorf("biz_name %v, trading %v", row[col("biz_name")], row[col("trading")])
	}
	var contact sourceRow
	contact.values[record.Postcode] = sql.NullString{String: "DC1 0YQ", Valid: true}
	row = fz.Row(record.Person, &contact)
	if got := fmt.Sprint(row[col("addr_tokens")]); got != "[DC1 0YQ]" {
		t.Errorf("addr_tokens of a postcode-only record: %s", got)
	}
}
