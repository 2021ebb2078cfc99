// Package config reads golden.yaml, the project file: where the store lives,
// the sources and how their fields map to the canonical model, the matching
// settings per entity kind, and where the survivorship and governance files
// are. Connector- and matching-specific sections are kept as YAML nodes and
// decoded by the package that owns them, so each keeps its own schema and
// its own line-numbered errors.
package config

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/council/golden/record"
)

// DefaultFile is the project file's name when none is given.
const DefaultFile = "golden.yaml"

// Config is a parsed golden.yaml.
type Config struct {
	Version      int                       `yaml:"version"`
	Council      string                    `yaml:"council"`
	Store        StoreConfig               `yaml:"store"`
	Sources      []Source                  `yaml:"sources"`
	Matching     map[record.Kind]yaml.Node `yaml:"matching"`     // decoded by matching
	Survivorship string                    `yaml:"survivorship"` // path to survivorship.yaml
	Governance   string                    `yaml:"governance"`   // path to policy.yaml
	Constraints  []Constraint              `yaml:"constraints"`
	Extra        map[string]yaml.Node      `yaml:",inline"`
	File         string                    `yaml:"-"` // the file it was read from
	Dir          string                    `yaml:"-"` // paths in it are relative to this
}

// StoreConfig says where the DuckDB file is and how DuckDB may use the machine.
type StoreConfig struct {
	Path        string `yaml:"path"`
	MemoryLimit string `yaml:"memory_limit"`
	Threads     int    `yaml:"threads"`
	TempDir     string `yaml:"temp_dir"`
}

// Source is one legacy system's extract or database.
type Source struct {
	Name       string      `yaml:"name"`
	Kind       record.Kind `yaml:"kind"`
	Connector  string      `yaml:"connector"`
	Path       string      `yaml:"path"`
	Connection string      `yaml:"connection"` // for database connectors; may name an env var as ${VAR}
	Mode       string      `yaml:"mode"`       // full (default) or delta
	Trust      int         `yaml:"trust"`      // survivorship: higher wins
	Node       yaml.Node   `yaml:"-"`          // the whole source entry, for the connector to decode
	Line       int         `yaml:"-"`
}

// Constraint is a must-link or cannot-link pair of source records.
type Constraint struct {
	Kind record.Kind `yaml:"kind"`
	Rule string      `yaml:"rule"` // must-link | cannot-link
	A    string      `yaml:"a"`    // source:source_id
	B    string      `yaml:"b"`
	Line int         `yaml:"-"`
}

// Error is a problem in a config file, with where it is.
type Error struct {
	File string
	Line int
	Msg  string
}

func (e *Error) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("%s:%d: %s", e.File, e.Line, e.Msg)
	}
	return fmt.Sprintf("%s: %s", e.File, e.Msg)
}

// Errorf returns an *Error at node n of file.
func Errorf(file string, n *yaml.Node, format string, args ...any) *Error {
	line := 0
	if n != nil {
		line = n.Line
	}
	return &Error{File: file, Line: line, Msg: fmt.Sprintf(format, args...)}
}

// Load reads and checks the project file at path.
func Load(path string) (*Config, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("config: %w", err)
	}
	return Parse(path, b)
}

// Parse checks the project file's text; file names it in errors.
func Parse(file string, b []byte) (*Config, error) {
	var root yaml.Node
	dec := yaml.NewDecoder(bytes.NewReader(b))
	if err := dec.Decode(&root); err != nil {
		return nil, yamlError(file, err)
	}
	if len(root.Content) == 0 || root.Content[0].Kind != yaml.MappingNode {
		return nil, &Error{File: file, Line: 1, Msg: "want a mapping at the top level"}
	}
	top := root.Content[0]
	var c Config
	if err := top.Decode(&c); err != nil {
		return nil, yamlError(file, err)
	}
	c.File = file
	c.Dir = filepath.Dir(file)
	for k, n := range c.Extra {
		return nil, Errorf(file, &n, "unknown key %q (want version, council, store, sources, matching, survivorship, governance, constraints)", k)
	}
	if c.Version != 0 && c.Version != 1 {
		return nil, Errorf(file, Lookup(top, "version"), "version %d is not supported (want 1)", c.Version)
	}
	// Keep each source's node for its connector, and check the shared keys.
	srcs := Lookup(top, "sources")
	if srcs == nil || len(srcs.Content) == 0 {
		return nil, Errorf(file, top, "no sources: add at least one under sources:")
	}
	names := map[string]bool{}
	for i, n := range srcs.Content {
		s := &c.Sources[i]
		s.Node = *n
		s.Line = n.Line
		if s.Name == "" {
			return nil, Errorf(file, n, "source has no name")
		}
		if strings.ContainsAny(s.Name, ": \t") {
			return nil, Errorf(file, Lookup(n, "name"), "source name %q may not contain ':' or spaces", s.Name)
		}
		if names[s.Name] {
			return nil, Errorf(file, Lookup(n, "name"), "source %q is defined twice", s.Name)
		}
		names[s.Name] = true
		if _, err := record.ParseKind(string(s.Kind)); err != nil {
			return nil, Errorf(file, OrNode(Lookup(n, "kind"), n), "source %s: %v", s.Name, err)
		}
		if s.Connector == "" {
			return nil, Errorf(file, n, "source %s: no connector", s.Name)
		}
		switch s.Mode {
		case "":
			s.Mode = "full"
		case "full", "delta":
		default:
			return nil, Errorf(file, Lookup(n, "mode"), "source %s: mode %q (want full or delta)", s.Name, s.Mode)
		}
	}
	if m := Lookup(top, "matching"); m != nil {
		for i := 0; i+1 < len(m.Content); i += 2 {
			if _, err := record.ParseKind(m.Content[i].Value); err != nil {
				return nil, Errorf(file, m.Content[i], "matching: %v", err)
			}
		}
	}
	if cs := Lookup(top, "constraints"); cs != nil {
		for i, n := range cs.Content {
			k := &c.Constraints[i]
			k.Line = n.Line
			if k.Rule != "must-link" && k.Rule != "cannot-link" {
				return nil, Errorf(file, n, "constraint rule %q (want must-link or cannot-link)", k.Rule)
			}
			if _, err := record.ParseKind(string(k.Kind)); err != nil {
				return nil, Errorf(file, n, "constraint: %v", err)
			}
			for _, key := range []string{k.A, k.B} {
				if _, _, ok := strings.Cut(key, ":"); !ok {
					return nil, Errorf(file, n, "constraint: %q is not source:source_id", key)
				}
			}
		}
	}
	return &c, nil
}

// Resolve makes a path from the config relative to the config's folder.
func (c *Config) Resolve(p string) string {
	if p == "" || filepath.IsAbs(p) {
		return p
	}
	return filepath.Join(c.Dir, p)
}

// StorePath is the store file, resolved against the config's folder.
func (c *Config) StorePath() string {
	if c.Store.Path == "" {
		return filepath.Join(c.Dir, "golden.duckdb")
	}
	return c.Resolve(c.Store.Path)
}

// Source returns the source called name.
func (c *Config) Source(name string) (*Source, bool) {
	for i := range c.Sources {
		if c.Sources[i].Name == name {
			return &c.Sources[i], true
		}
	}
	return nil, false
}

// Lookup returns the value node of key in mapping m, or nil. Packages that
// decode their own sections of golden.yaml use it to point errors at a key.
func Lookup(m *yaml.Node, key string) *yaml.Node {
	if m == nil || m.Kind != yaml.MappingNode {
		return nil
	}
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == key {
			return m.Content[i+1]
		}
	}
	return nil
}

// OrNode returns a, or b when a is nil: the most precise node to report.
func OrNode(a, b *yaml.Node) *yaml.Node {
	if a != nil {
		return a
	}
	return b
}

// yamlError turns yaml.v3's errors ("yaml: line 3: …", "cannot unmarshal
// !!str into int") into file:line messages without Go type names.
func yamlError(file string, err error) error {
	msg := err.Error()
	var te *yaml.TypeError
	if errors.As(err, &te) && len(te.Errors) > 0 {
		msg = te.Errors[0]
	}
	line, msg := cleanYAML(msg)
	return &Error{File: file, Line: line, Msg: msg}
}

func cleanYAML(s string) (int, string) {
	s = strings.TrimPrefix(s, "yaml: ")
	var line int
	if n, _ := fmt.Sscanf(s, "line %d:", &line); n == 1 {
		_, s, _ = strings.Cut(s, ":")
		s = strings.TrimSpace(s)
	}
	r := strings.NewReplacer("!!str", "text", "!!int", "a number", "!!map", "a mapping", "!!seq", "a list",
		"into int", "into a number", "into string", "into text", "into bool", "into true/false",
		"into record.Kind", "into a kind", "into config.", "into ")
	return line, r.Replace(s)
}
