package cli

import (
	"strings"
	"testing"
)

func TestRowProgress(t *testing.T) {
	ios, _, _, errOut := Test()
	if ios.RowProgress() != nil {
		t.Fatal("progress drawn on a stderr that is not a terminal")
	}
	ios.ErrIsTerminal = true
	p := ios.RowProgress()
	p("council_tax", 512, false)
	p("council_tax", 120000, false)
	p("council_tax", 120001, true)
	p("housing", 5, false)
	p("housing", 7, true)
	got := errOut.String()
	for _, want := range []string{"council_tax", "housing"} {
		if !strings.Contains(got, want) {
			t.Errorf("progress output %q lacks %q", got, want)
		}
	}
	if !strings.HasSuffix(strings.TrimRight(got, " "), "\r") {
		t.Errorf("the last source's line is not cleared: %q", got)
	}
}
