package survivorship

import "testing"

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
