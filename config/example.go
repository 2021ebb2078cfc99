package config

import _ "embed"

// Example is the commented golden.yaml that `golden init` writes and the
// README's reference describes. A test checks that it parses.
//
//go:embed golden.example.yaml
var Example []byte
