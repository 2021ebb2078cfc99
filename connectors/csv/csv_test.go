package csv

import (
	"strings"
	"testing"
)

func TestSplitLine(t *testing.T) {
	tests := []struct {
		in    string
		delim byte
		want  string // fields joined by |, or the error
	}{
		{`a,b,c`, ',', "a|b|c"},
		{`a,"b,c",d`, ',', "a|b,c|d"},
		{`"a ""quoted"" word",x`, ',', `a "quoted" word|x`},
		{`"",x,`, ',', "|x|"},
		{`a, "b" ,c`, ',', "a|b|c"},
		{`5'6",tall`, ',', `5'6"|tall`},
		{`"abc"x,d`, ',', "broken quoting: text after a closing quote in column 1"},
		{`a,"open`, ',', "broken quoting: a quoted field is not closed"},
		{"a\tb\t\"c\td\"", '\t', "a|b|c\td"},
		{`a|"b|c"`, '|', "a|b|c"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			f, err := SplitLine(tt.in, tt.delim, '"')
			got := strings.Join(f, "|")
			if err != nil {
				got = err.Error()
			}
			if tt.delim == '|' && err == nil {
				got = strings.Join(f, "¦")
				if got != "a¦b|c" {
					t.Errorf("got %q", got)
				}
				return
			}
			if got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

func TestSniff(t *testing.T) {
	tests := []struct {
		sample string
		want   byte
	}{
		{"a,b,c\n1,2,3\n", ','},
		{"a;b;c\n1;2,5;3\n", ';'},
		{"a\tb\tc\n1\t2\t3\n", '\t'},
		{"a|b|c\n\"x,y\"|2|3\n", '|'},
		{"name,address\nAnn,\"1 High St; Flat 2\"\n", ','},
	}
	for _, tt := range tests {
		if got := Sniff([]byte(tt.sample), '"'); got != tt.want {
			t.Errorf("Sniff(%q) = %q, want %q", tt.sample, got, tt.want)
		}
	}
}
