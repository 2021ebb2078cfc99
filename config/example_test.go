package config

import "testing"

func TestExampleParses(t *testing.T) {
	if _, err := Parse("golden.example.yaml", Example); err != nil {
		t.Fatal(err)
	}
}
