package synthetic

import (
	"testing"
	"time"
)

func TestMistakes(t *testing.T) {
	r := newRNG()
	tests := []struct {
		name string
		fn   func(*rng, string) string
		in   string
		ok   func(in, out string) bool
	}{
		{"keyboard typo changes one letter to a neighbour", keyboardTypo, "Thompson", func(in, out string) bool {
			return len(out) == len(in) && diffs(in, out) == 1
		}},
		{"keyboard typo leaves short names", keyboardTypo, "Al", func(in, out string) bool { return in == out }},
		{"OCR confusion", ocrError, "Bernard", func(in, out string) bool { return out != in }},
		{"phonetic variant from the table", phoneticVariant, "Catherine", func(in, out string) bool {
			return out == "Katherine" || out == "Kathryn"
		}},
		{"phonetic rule ph to f", phoneticVariant, "Josephine", func(in, out string) bool { return out == "Josefine" }},
		{"nickname", nickname, "Robert", func(in, out string) bool { return out == "Bob" || out == "Rob" || out == "Bobby" }},
		{"no nickname known", nickname, "Zebedee", func(in, out string) bool { return out == in }},
		{"NHS number mistyped", mistypeNHS, "9434765919", func(in, out string) bool {
			return len(out) == 10 && out != in
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for seed := 0; seed < 50; seed++ {
				r.reseed(uint64(seed), 1, 1)
				if out := tt.fn(r, tt.in); !tt.ok(tt.in, out) {
					t.Fatalf("%q → %q", tt.in, out)
				}
			}
		})
	}
}

func diffs(a, b string) int {
	n := 0
	for i := range a {
		if a[i] != b[i] {
			n++
		}
	}
	return n
}

func TestSwapDayMonth(t *testing.T) {
	tests := []struct {
		in   time.Time
		want time.Time
		ok   bool
	}{
		{date(1980, 3, 4), date(1980, 4, 3), true},
		{date(1980, 3, 13), date(1980, 3, 13), false}, // no 13th month
		{date(1980, 5, 5), date(1980, 5, 5), false},   // the same either way
	}
	for _, tt := range tests {
		t.Run(tt.in.Format("2006-01-02"), func(t *testing.T) {
			got, ok := swapDayMonth(tt.in)
			if !got.Equal(tt.want) || ok != tt.ok {
				t.Errorf("swapDayMonth = %v, %v; want %v, %v", got, ok, tt.want, tt.ok)
			}
		})
	}
}

func TestFormats(t *testing.T) {
	d := date(2012, 3, 2)
	tests := []struct{ name, got, want string }{
		{"ddmmyyyy", ddmmyyyy(d, '/'), "02/03/2012"},
		{"iso", isoDate(d), "2012-03-02"},
		{"compact", yyyymmdd(d), "20120302"},
		{"oracle", ddMonYYYY(d), "02-Mar-2012"},
		{"missing", ddmmyyyy(time.Time{}, '/'), ""},
		{"money", money(12345), "£12,345.00"},
		{"money small", money(950), "£950.00"},
		{"money millions", money(1250000), "£1,250,000.00"},
		{"fixed pads", string(fixed(nil, "AB", 4)), "AB  "},
		{"fixed cuts", string(fixed(nil, "ABCDEF", 4)), "ABCD"},
		{"fold accents", asciiFold("Zoë Núñez-Müller"), "Zoe Nunez-Muller"},
		{"title case", titleCase("MERCER HOUSE"), "Mercer House"},
		{"abbreviate", abbreviateStreet("Station Road"), "Station Rd"},
		{"column letters", string(appendColumn(nil, 27)), "AB"},
		{"xml text", string(appendXMLText(nil, "Smith & <Sons>")), "Smith &amp; &lt;Sons&gt;"},
		{"nhs spacing", spacedNHS("9434765919"), "943 476 5919"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.got != tt.want {
				t.Errorf("got %q, want %q", tt.got, tt.want)
			}
		})
	}
}

// The profile's mistakes are counted, and a profile of zeros makes none.
func TestProfileView(t *testing.T) {
	r := newRNG()
	p := &person{given: "Robert", middle: "James", family: "Thompson", dob: date(1980, 3, 4), nhs: "9434765919"}
	none := map[string]int{}
	for i := 0; i < 200; i++ {
		r.reseed(1, 2, i)
		v := (&profile{}).view(r, p, none)
		if v.given != p.given || v.family != p.family || !v.dob.Equal(p.dob) || v.nhs != p.nhs {
			t.Fatalf("a zero profile changed the record: %+v", v)
		}
	}
	if len(none) != 0 {
		t.Errorf("a zero profile counted mistakes: %v", none)
	}
	all := map[string]int{}
	pr := profile{nickname: 1, initial: 1, swapDM: 1, badNHS: 1}
	r.reseed(1, 2, 3)
	v := pr.view(r, p, all)
	if len(v.given) != 1 || v.dob.Equal(p.dob) || v.nhs == p.nhs {
		t.Errorf("view = %+v", v)
	}
	for _, k := range []string{"nickname", "initial_only", "day_month_swapped", "nhs_mistyped"} {
		if all[k] != 1 {
			t.Errorf("tally[%s] = %d, want 1 (%v)", k, all[k], all)
		}
	}
}
