package raw

import (
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestParseEncoding(t *testing.T) {
	tests := []struct {
		in, want string
		ok       bool
	}{
		{"", "", true},
		{"UTF8", UTF8, true},
		{"cp1252", Windows1252, true},
		{"ISO-8859-1", Latin1, true},
		{"windows-1250", "windows-1250", true},
		{"ISO-8859-15", "iso-8859-15", true},
		{"IBM850", "ibm850", true},
		{"klingon", "", false},
	}
	for _, tt := range tests {
		got, err := ParseEncoding(tt.in)
		if got != tt.want || (err == nil) != tt.ok {
			t.Errorf("ParseEncoding(%q) = %q, %v; want %q (ok %v)", tt.in, got, err, tt.want, tt.ok)
		}
	}
}

func TestOpenTextDecodes(t *testing.T) {
	tests := []struct {
		enc, body, want string
	}{
		{"windows-1250", "Dvo\xf8\xe1k;\xa3? no: \x8ael\xe8\n", "Dvořák;Ł? no: Šelč\n"},
		{"iso-8859-15", "\xa4 5\n", "€ 5\n"},
		{"windows-1252", "\xa3 5 Zo\xeb\n", "£ 5 Zoë\n"},
	}
	for _, tt := range tests {
		t.Run(tt.enc, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "in.txt")
			if err := os.WriteFile(path, []byte(tt.body), 0o600); err != nil {
				t.Fatal(err)
			}
			enc, err := ParseEncoding(tt.enc)
			if err != nil {
				t.Fatal(err)
			}
			f, err := OpenText(path, enc)
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			b, err := io.ReadAll(f)
			if err != nil {
				t.Fatal(err)
			}
			if string(b) != tt.want {
				t.Errorf("read %q, want %q", b, tt.want)
			}
			if msg := CheckText(string(b), enc); msg != "" {
				t.Errorf("CheckText: %s", msg)
			}
		})
	}
}

// TestOpenTextDetects: with no encoding declared, a file is UTF-8 when its
// start is, even with a stray Windows-1252 line in it (the readers decode
// that line alone); Windows-1252 when its accented letters are single bytes.
func TestOpenTextDetects(t *testing.T) {
	utf8Lines := strings.Repeat("A1,Zoë,Siobhán,Bjørn\n", 50)
	tests := []struct {
		name, body, want string
	}{
		{"utf-8", utf8Lines, UTF8},
		{"utf-8 with a windows-1252 line", utf8Lines + "A2,Zo\xeb\n" + utf8Lines, UTF8},
		{"windows-1252", strings.Repeat("A1,Zo\xeb,Siobh\xe1n,\xa3 5\n", 50), Windows1252},
		{"ascii", "A1,Ann\n", UTF8},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "in.txt")
			if err := os.WriteFile(path, []byte(tt.body), 0o600); err != nil {
				t.Fatal(err)
			}
			f, err := OpenText(path, "")
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			if f.Encoding != tt.want || !f.Detected {
				t.Errorf("detected %q (detected=%v), want %q", f.Encoding, f.Detected, tt.want)
			}
		})
	}
}
