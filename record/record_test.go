package record

import "testing"

func TestFieldNamesRoundTrip(t *testing.T) {
	seen := map[string]bool{}
	for _, f := range AllFields() {
		name := f.Name()
		if name == "" {
			t.Fatalf("field %d has no name", f)
		}
		if seen[name] {
			t.Fatalf("field name %q used twice", name)
		}
		seen[name] = true
		got, ok := ParseField(name)
		if !ok || got != f {
			t.Errorf("ParseField(%q) = %v, %v; want %v", name, got, ok, f)
		}
	}
	if _, ok := ParseField("shoe_size"); ok {
		t.Error("ParseField accepted an unknown field")
	}
}

func TestValidity(t *testing.T) {
	tests := []struct {
		name  string
		flags []Field
		want  []Field
	}{
		{"none", nil, nil},
		{"one", []Field{NHSNumber}, []Field{NHSNumber}},
		{"ordered", []Field{Postcode, NHSNumber}, []Field{NHSNumber, Postcode}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var v Validity
			for _, f := range tt.flags {
				v = v.With(f)
			}
			got := v.Fields()
			if len(got) != len(tt.want) {
				t.Fatalf("Fields() = %v, want %v", got, tt.want)
			}
			for i := range got {
				if got[i] != tt.want[i] || !v.Has(got[i]) {
					t.Fatalf("Fields() = %v, want %v", got, tt.want)
				}
			}
			if v.Has(Email) {
				t.Error("Has(Email) true for a set without it")
			}
		})
	}
}

func TestParseKind(t *testing.T) {
	for _, k := range Kinds {
		if got, err := ParseKind(string(k)); err != nil || got != k {
			t.Errorf("ParseKind(%q) = %v, %v", k, got, err)
		}
	}
	if _, err := ParseKind("vehicle"); err == nil {
		t.Error("ParseKind accepted vehicle")
	}
}
