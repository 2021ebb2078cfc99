package survivorship

import (
	"testing"

	"github.com/council/golden/record"
)

func TestProperName(t *testing.T) {
	tests := []struct{ in, want string }{
		{"SMITH", "Smith"},
		{"smith", "Smith"},
		{"O'BRIEN", "O'Brien"},
		{"o’brien", "O’Brien"},
		{"D'ARCY", "D'Arcy"},
		{"SMITH-JONES", "Smith-Jones"},
		{"MCDONALD", "McDonald"},
		{"mccarthy-o'neill", "McCarthy-O'Neill"},
		{"MC", "Mc"},
		{"MACDONALD", "Macdonald"}, // Mac is ambiguous (Mack, Machin): left plain
		{"VAN DER BERG", "Van der Berg"},
		{"DE SOUZA", "De Souza"},
		{"JEAN DE LA FONTAINE", "Jean de la Fontaine"},
		{"ANNE MARIE", "Anne Marie"},
		{"J", "J"},
		{"J R", "J R"},
		{"ÉMILE", "Émile"},
		{"ØSTERGÅRD", "Østergård"},
		{"ST. JOHN", "St. John"},
		{"SMITH;JONES-BROWN", "Smith;Jones-Brown"}, // a list field
		{"Jones;O'BRIEN", "Jones;O'Brien"},         // item by item
		{"SMITH;Smith;jones", "Smith;Jones"},       // no repeats
		// Mixed case is the source's own spelling.
		{"McDonald", "McDonald"},
		{"MacLeod", "MacLeod"},
		{"de Souza", "de Souza"},
		{"Smith", "Smith"},
		{"McDONALD", "McDONALD"},
		// Nothing to case.
		{"", ""},
		{"123", "123"},
		{"李", "李"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			if got := ProperName(tt.in); got != tt.want {
				t.Errorf("ProperName(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

// BenchmarkResolveProperCase measures what casing the name fields adds to
// resolving one person's golden values (four members, names in capitals).
func BenchmarkResolveProperCase(b *testing.B) {
	cands := build([]cand{
		{rid: 1, source: "council_tax", trust: 3, day: 2, kv: []string{"title", "MR", "given_name", "JOHN", "family_name", "O'BRIEN-SMITH", "date_of_birth", "1980-02-01", "postcode", "DC1 1AA"}},
		{rid: 2, source: "housing", trust: 2, day: 3, kv: []string{"given_name", "John", "family_name", "O'Brien-Smith", "nhs_number", "9434765919"}},
		{rid: 3, source: "education", trust: 1, day: 4, kv: []string{"given_name", "JOHNNY", "family_name", "OBRIEN", "email", "j@example.org"}},
		{rid: 4, source: "electoral", trust: 1, day: 5, kv: []string{"title", "Mr", "given_name", "John", "middle_names", "PAUL", "family_name", "O'BRIEN SMITH"}},
	})
	on := Default().For(record.Person)
	off := *on
	off.ProperCase = nil
	for name, kp := range map[string]*KindPolicy{"on": on, "off": &off} {
		b.Run(name, func(b *testing.B) {
			for b.Loop() {
				kp.Resolve(cands)
			}
		})
	}
}
