package standardise

import (
	"slices"
	"testing"
)

func TestFold(t *testing.T) {
	for in, want := range map[string]string{
		"  O'Brien-Smith ": "OBRIEN SMITH",
		"Zoë":              "ZOE",
		"St. Mary's Rd":    "ST MARYS RD",
		"":                 "",
		"jean--luc  123":   "JEAN LUC 123",
	} {
		if got := Fold(in); got != want {
			t.Errorf("Fold(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestNicknames(t *testing.T) {
	n := LoadNicknames()
	for in, want := range map[string]string{"BOB": "ROBERT", "PEGGY": "MARGARET", "ROBERT": "ROBERT", "LIZ": "ELIZABETH", "ZEBEDEE": "ZEBEDEE", "MARIE": "MARIA"} {
		if got := n.Canonical(in); got != want {
			t.Errorf("Canonical(%q) = %q, want %q", in, got, want)
		}
	}
	if n.Len() < 300 {
		t.Errorf("nickname table has %d names", n.Len())
	}
}

func TestPostcode(t *testing.T) {
	tests := []struct{ in, clean, out, sector string }{
		{"sw1a 1aa", "SW1A1AA", "SW1A", "SW1A1"},
		{"M1 1AE", "M11AE", "M1", "M11"},
		{"2119", "2119", "", ""},
		{"", "", "", ""},
	}
	for _, tt := range tests {
		c, o, s := Postcode(tt.in)
		if c != tt.clean || o != tt.out || s != tt.sector {
			t.Errorf("Postcode(%q) = %q %q %q, want %q %q %q", tt.in, c, o, s, tt.clean, tt.out, tt.sector)
		}
	}
}

func TestBusinessName(t *testing.T) {
	for in, want := range map[string][]string{
		"The Acme Widget Co. Ltd":     {"ACME", "WIDGET"},
		"KONINKLIJKE PHILIPS N. V.":   {"KONINKLIJKE", "PHILIPS"},
		"Limited":                     {"LIMITED"},
		"Smith & Sons (Holdings) PLC": {"SMITH", "SONS"},
	} {
		if got := BusinessName(in); !slices.Equal(got, want) {
			t.Errorf("BusinessName(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestAddress(t *testing.T) {
	if got := Street("12 High St."); got != "12 HIGH STREET" {
		t.Errorf("Street = %q", got)
	}
	if got := HouseNumber("Flat 3, 12a"); got != "3" {
		t.Errorf("HouseNumber = %q", got)
	}
	if got := Date("1970-13-01"); got != "" {
		t.Errorf("Date accepted month 13: %q", got)
	}
	if got := Date("1970-01-31T00:00:00"); got != "1970-01-31" {
		t.Errorf("Date = %q", got)
	}
}

func TestPhoneticKeys(t *testing.T) {
	a, b := PhoneticKeys("SMITH"), PhoneticKeys("SMYTHE")
	if a.Soundex != b.Soundex || a.DM1 != b.DM1 {
		t.Errorf("SMITH %+v and SMYTHE %+v should share keys", a, b)
	}
	if (PhoneticKeys("123") != Phonetic{}) {
		t.Error("digits have phonetic keys")
	}
}

var names = []string{"Margaret", "O'Connor-Smith", "Szczepański", "Bob", "Mohammed", "Nguyen", "Zoë", "MacDonald"}

func BenchmarkName(b *testing.B) {
	for b.Loop() {
		for _, n := range names {
			Name(n)
		}
	}
}

func BenchmarkPhoneticKeys(b *testing.B) {
	for b.Loop() {
		for _, n := range names {
			PhoneticKeys(Fold(n))
		}
	}
}

func BenchmarkAddressTokens(b *testing.B) {
	for b.Loop() {
		AddressTokens("Flat 3", "Rose Court", "12a", "High St.", "Northfield", "Demo City", "")
	}
}

func TestFlatNumber(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Flat 4", "4"},
		{"FLAT 4", "4"},
		{"Apartment 12 B", "12B"},
		{"Unit 3, 2nd Floor", "3"},
		{"2nd Floor Flat 7", "7"},
		{"Flat A", "A"},
		{"Ground Floor Flat", "GROUND FLOOR FLAT"},
		{"12a", "12A"},
		{"", ""},
	}
	for _, tt := range tests {
		if got := FlatNumber(tt.in); got != tt.want {
			t.Errorf("FlatNumber(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
