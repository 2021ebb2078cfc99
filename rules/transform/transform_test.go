package transform

import (
	"bytes"
	"encoding/json"
	"fmt"
	"log/slog"
	"strings"
	"testing"
)

func TestApply(t *testing.T) {
	key := NewKey([]byte("0123456789abcdef0123"))
	tests := []struct {
		name  string
		spec  Spec
		field string
		in    string
		want  string
		ok    bool
	}{
		{"keep", Spec{Op: Keep}, "given_name", "Ann", "Ann", true},
		{"drop", Spec{Op: Drop}, "given_name", "Ann", "", true},
		{"mask last 4", Spec{Op: Mask, N: 4}, "nhs_number", "9434765919", "******5919", true},
		{"mask keeps short values", Spec{Op: Mask, N: 4}, "nhs_number", "123", "123", true},
		{"mask zero", Spec{Op: Mask, N: 0}, "family_name", "Lee", "***", true},
		{"mask runes", Spec{Op: Mask, N: 1}, "family_name", "Zoë", "**ë", true},
		{"empty stays empty", Spec{Op: Pseudonymise}, "nhs_number", "", "", true},
		{"year", Spec{Op: Generalise, Level: Year}, "date_of_birth", "1950-03-07", "1950", true},
		{"month", Spec{Op: Generalise, Level: Month}, "date_of_birth", "1950-03-07", "1950-03", true},
		{"bad date", Spec{Op: Generalise, Level: Year}, "date_of_birth", "07/03/1950", "", false},
		{"district", Spec{Op: Generalise, Level: District}, "postcode", "SS14 1AB", "SS14", true},
		{"sector", Spec{Op: Generalise, Level: Sector}, "postcode", "ss141ab", "SS14 1", true},
		{"short postcode", Spec{Op: Generalise, Level: Sector}, "postcode", "E1 6AN", "E1 6", true},
		{"bad postcode", Spec{Op: Generalise, Level: District}, "postcode", "not one", "", false},
		{"default band", Spec{Op: Generalise, Level: Band}, "age", "67", "65-74", true},
		{"top band", Spec{Op: Generalise, Level: Band}, "age", "91", "85+", true},
		{"custom band", Spec{Op: Generalise, Level: Band, Bands: []int{18, 65}}, "age", "9", "<18", true},
		{"bad age", Spec{Op: Generalise, Level: Band}, "age", "x", "", false},
		{"pseudonymise", Spec{Op: Pseudonymise}, "nhs_number", "9434765919", key.Pseudonym("nhs_number", "9434765919"), true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, ok := tc.spec.Apply(tc.field, tc.in, key)
			if got != tc.want || ok != tc.ok {
				t.Fatalf("Apply(%q) = %q, %v; want %q, %v", tc.in, got, ok, tc.want, tc.ok)
			}
		})
	}
	if _, ok := (Spec{Op: Pseudonymise}).Apply("f", "v", nil); ok {
		t.Fatal("pseudonymise without a key succeeded")
	}
}

func TestPseudonymSeparatesFieldsAndKeys(t *testing.T) {
	a, b := NewKey([]byte("key-a-0123456789abc")), NewKey([]byte("key-b-0123456789abc"))
	if a.Pseudonym("nhs_number", "1") != a.Pseudonym("nhs_number", "1") {
		t.Fatal("not stable")
	}
	if a.Pseudonym("nhs_number", "1") == b.Pseudonym("nhs_number", "1") {
		t.Fatal("same across keys")
	}
	if a.Pseudonym("nhs_number", "1") == a.Pseudonym("uprn", "1") {
		t.Fatal("same across fields")
	}
	// field+value boundaries cannot be shifted to collide.
	if a.Pseudonym("ab", "c") == a.Pseudonym("a", "bc") {
		t.Fatal("boundary collision")
	}
}

func TestKeyNeverPrints(t *testing.T) {
	secret := "super-secret-key-material"
	k := NewKey([]byte(secret))
	var logs bytes.Buffer
	slog.New(slog.NewJSONHandler(&logs, nil)).Info("key", "k", k)
	j, _ := json.Marshal(struct{ K *Key }{k})
	for _, s := range []string{fmt.Sprint(k), fmt.Sprintf("%v %+v %#v %s %q %x", k, k, k, k, k, k), string(j), logs.String(), fmt.Errorf("wrap: %v", k).Error()} {
		if strings.Contains(s, secret) || strings.Contains(s, fmt.Sprintf("%x", secret)) {
			t.Fatalf("key leaked: %s", s)
		}
	}
}

func TestCheck(t *testing.T) {
	tests := []struct {
		spec Spec
		kind ValueKind
		ok   bool
	}{
		{Spec{Op: Generalise, Level: Year}, Date, true},
		{Spec{Op: Generalise, Level: Year}, Text, false},
		{Spec{Op: Generalise, Level: District}, Date, false},
		{Spec{Op: Generalise, Level: Band}, AgeValue, true},
		{Spec{Op: Generalise, Level: Band, Bands: []int{5, 5}}, AgeValue, false},
		{Spec{Op: Mask, N: -1}, Text, false},
		{Spec{Op: "shuffle"}, Text, false},
	}
	for _, tc := range tests {
		t.Run(tc.spec.String(), func(t *testing.T) {
			if err := tc.spec.Check(tc.kind); (err == nil) != tc.ok {
				t.Fatalf("Check = %v", err)
			}
		})
	}
}
