package cli

import (
	"errors"
	"testing"
)

func TestExportFormat(t *testing.T) {
	tests := []struct {
		format, out, want string
		usage             bool
	}{
		{"", "", "csv", false},
		{"JSON", "", "json", false},
		{"", "x.parquet", "parquet", false},
		{"parquet", "", "", true},
		{"xml", "", "", true},
		{"", "x.txt", "", true},
	}
	for _, tt := range tests {
		t.Run(tt.format+"|"+tt.out, func(t *testing.T) {
			got, err := ExportFormat(tt.format, tt.out)
			var ue *UsageError
			if tt.usage != errors.As(err, &ue) || got != tt.want {
				t.Errorf("ExportFormat(%q, %q) = %q, %v", tt.format, tt.out, got, err)
			}
		})
	}
}
