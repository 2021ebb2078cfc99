package ukid

import (
	"encoding/csv"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// sharedIdentifiers is ../shared/data/formats/identifiers beside the repository.
const sharedIdentifiers = "../../shared/data/formats/identifiers"

func readCases(t *testing.T, name string) [][]string {
	t.Helper()
	f, err := os.Open(filepath.Join(sharedIdentifiers, name))
	if err != nil {
		t.Fatalf("shared test cases: %v", err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return rows[1:]
}

func TestPostcodeSharedCases(t *testing.T) {
	for _, row := range readCases(t, "postcode_tests.csv") {
		in, want, note := row[0], row[1] == "1", row[2]
		t.Run(in, func(t *testing.T) {
			if got := PostcodeValid(in); got != want {
				t.Errorf("PostcodeValid(%q) = %v, want %v (%s)", in, got, want, note)
			}
		})
	}
}

func TestNHSNumberSharedCases(t *testing.T) {
	for _, row := range readCases(t, "nhs_number_tests.csv") {
		in, want := row[0], row[1] == "1"
		t.Run(in, func(t *testing.T) {
			if _, got := NHSNumber(in); got != want {
				t.Errorf("NHSNumber(%q) valid = %v, want %v (%s)", in, got, want, row[2])
			}
		})
	}
}

// Placeholders that pass Modulus 11 are not NHS numbers.
func TestNHSNumberPlaceholders(t *testing.T) {
	for d := '0'; d <= '9'; d++ {
		in := strings.Repeat(string(d), 10)
		if _, ok := NHSNumber(in); ok {
			t.Errorf("NHSNumber(%q) is valid", in)
		}
	}
	if _, ok := NHSNumber("999 999 9999"); ok {
		t.Error("NHSNumber(999 999 9999) is valid")
	}
}

// The hand-written postcode check agrees with the BS7666 regular expression
// on every shape of outward code.
func TestPostcodeMatchesPattern(t *testing.T) {
	letters := "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
	chars := letters + "0123456789"
	var outs []string
	for _, a := range letters {
		for _, b := range chars {
			outs = append(outs, string(a)+string(b))
			for _, c := range chars {
				outs = append(outs, string(a)+string(b)+string(c))
			}
		}
	}
	for _, out := range outs {
		for _, in := range []string{"1AA", "9ZZ", "0CI", "5XY", "AAA", "11A"} {
			for _, tail := range []string{"", "1", "A"} {
				pc := out + tail + " " + in
				if got, want := PostcodeValid(pc), postcodeRE.MatchString(pc); got != want {
					t.Fatalf("PostcodeValid(%q) = %v, the pattern says %v", pc, got, want)
				}
			}
		}
	}
}

func TestNormalise(t *testing.T) {
	type fn func(string) (string, bool)
	tests := []struct {
		name  string
		f     fn
		in    string
		want  string
		valid bool
	}{
		{"postcode lower no space", Postcode, "sw1a1aa", "SW1A 1AA", true},
		{"postcode extra spaces", Postcode, "  PO5   2SE ", "PO5 2SE", true},
		{"postcode girobank", Postcode, "gir0aa", "GIR 0AA", true},
		{"postcode bad inward", Postcode, "AB1 1CI", "AB1 1CI", false},
		{"postcode too short", Postcode, "SW1", "SW1", false},
		{"postcode empty", Postcode, "", "", false},
		{"postcode BFPO", Postcode, "BFPO 1234", "BFPO 1234", false},
		{"nhs spaced", NHSNumber, "943 476 5919", "9434765919", true},
		{"nhs dashed", NHSNumber, "943-476-5919", "9434765919", true},
		{"nhs check 10", NHSNumber, "0000000060", "0000000060", false},
		{"nhs letters", NHSNumber, "94347659A9", "94347659A9", false},
		{"nhs short", NHSNumber, "943476591", "943476591", false},
		{"nino spaced", NINumber, "qq 12 34 56 c", "qq 12 34 56 c", false},
		{"nino ok", NINumber, "ab 12 34 56 c", "AB123456C", true},
		{"nino prefix GB", NINumber, "GB123456A", "GB123456A", false},
		{"nino O second", NINumber, "AO123456A", "AO123456A", false},
		{"nino D first", NINumber, "DA123456A", "DA123456A", false},
		{"nino suffix E", NINumber, "AB123456E", "AB123456E", false},
		{"nino no suffix", NINumber, "AB123456", "AB123456", false},
		{"nino TRN", NINumber, "11A11111", "11A11111", false},
		{"phone london", Phone, "020 7946 0018", "02079460018", true},
		{"phone intl", Phone, "+44 (0)20 7946 0018", "02079460018", true},
		{"phone 0044 mobile", Phone, "0044 7700 900123", "07700900123", true},
		{"phone extension", Phone, "01632 960001 ext. 12", "01632960001", true},
		{"phone mobile short", Phone, "0770090012", "0770090012", false},
		{"phone french", Phone, "+33 1 23 45 67 89", "+33 1 23 45 67 89", false},
		{"phone letters", Phone, "call me", "call me", false},
		{"phone 04", Phone, "0412345678", "0412345678", false},
		{"email case", Email, " Jane.Doe@Example.ORG ", "jane.doe@example.org", true},
		{"email no at", Email, "jane.example.org", "jane.example.org", false},
		{"email two at", Email, "a@b@c.org", "a@b@c.org", false},
		{"email no dot", Email, "jane@localhost", "jane@localhost", false},
		{"email space", Email, "ja ne@example.org", "ja ne@example.org", false},
		{"email double dot", Email, "jane..doe@example.org", "jane..doe@example.org", false},
		{"company pad", CompanyNumber, "7687209", "07687209", true},
		{"company prefixed", CompanyNumber, "sc123456", "SC123456", true},
		{"company short prefixed", CompanyNumber, "SC12345", "SC012345", true},
		{"company bad prefix", CompanyNumber, "QQ123456", "QQ123456", false},
		{"company too long", CompanyNumber, "123456789", "123456789", false},
		{"uprn", UPRN, "100091275899", "100091275899", true},
		{"uprn excel float", UPRN, "100091275899.0", "100091275899", true},
		{"uprn leading zeros", UPRN, "00012345", "12345", true},
		{"uprn too long", UPRN, "1234567890123", "1234567890123", false},
		{"uprn letters", UPRN, "12A45", "12A45", false},
		{"uprn zero", UPRN, "0", "0", false},
		{"usrn", USRN, "20900161", "20900161", true},
		{"usrn too long", USRN, "123456789", "123456789", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := tt.f(tt.in)
			if got != tt.want || ok != tt.valid {
				t.Errorf("(%q) = %q, %v; want %q, %v", tt.in, got, ok, tt.want, tt.valid)
			}
		})
	}
}

func BenchmarkPostcode(b *testing.B) {
	for b.Loop() {
		Postcode("sw1a 1aa")
	}
}
