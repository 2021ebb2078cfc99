package main

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"
)

// The end-to-end tests are scripts in testdata/script: each runs the real
// golden command in a temporary folder and checks its output and exit code.
// $DEMO is the demo council, $SHARED the shared labelled data.
func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"golden": func() { os.Exit(run()) },
	})
}

func TestScripts(t *testing.T) {
	demo, err := filepath.Abs("../../testdata/demo")
	if err != nil {
		t.Fatal(err)
	}
	shared, err := filepath.Abs("../../../shared/data")
	if err != nil {
		t.Fatal(err)
	}
	testscript.Run(t, testscript.Params{
		Dir: "testdata/script",
		Setup: func(env *testscript.Env) error {
			env.Setenv("DEMO", demo)
			env.Setenv("SHARED", shared)
			return nil
		},
		RequireExplicitExec: false,
	})
}
