package raw

import (
	"context"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/council/golden/config"
	"github.com/council/golden/record"
)

// Source is what a connector is given to open a reader: the source's entry
// in golden.yaml, its files resolved against the config's folder, its format
// section, and where to send warnings.
type Source struct {
	Name   string
	Kind   record.Kind
	Config *config.Config
	Spec   *config.Source
	Files  []string   // the path's glob expanded, in name order (file connectors)
	Format *yaml.Node // the format: section, nil when absent
	Warn   Warner
	Log    *slog.Logger // may be nil; see Logger
}

// Logger returns the source's logger, or one that discards.
func (s *Source) Logger() *slog.Logger {
	if s.Log == nil {
		return slog.New(slog.DiscardHandler)
	}
	return s.Log
}

// Errorf is a config error at node n of the source's config file.
func (s *Source) Errorf(n *yaml.Node, format string, args ...any) error {
	if n == nil {
		n = &s.Spec.Node
	}
	return config.Errorf(s.Config.File, n, "source %s: "+format, append([]any{s.Name}, args...)...)
}

// Connector opens readers for one kind of legacy system.
type Connector interface {
	// Name is the connector's name in golden.yaml.
	Name() string
	// Summary is a one-line description for docs and errors.
	Summary() string
	// Open checks the source's format section and returns its reader.
	// Config errors are *config.Error with the line of the faulty key.
	Open(ctx context.Context, src *Source) (Reader, error)
}

// Presetter is a connector with a built-in mapping (for example Companies
// House): YAML with id, fields, attributes and observed keys that a source's
// own keys override. format is the source's format section (may be nil).
type Presetter interface {
	Preset(format *yaml.Node) string
}

// NeedsFiles is a connector that reads files named by path:.
type NeedsFiles interface {
	NeedsFiles() bool
}

// Files expands pattern (relative to dir) into the files it names, in name
// order. A pattern that names nothing is an error.
func Files(dir, pattern string) ([]string, error) {
	if pattern == "" {
		return nil, fmt.Errorf("no path: give the extract's file")
	}
	p := pattern
	if !filepath.IsAbs(p) {
		p = filepath.Join(dir, p)
	}
	if !strings.ContainsAny(pattern, "*?[") {
		fi, err := os.Stat(p)
		if err != nil {
			return nil, fmt.Errorf("file %s: %w", p, unwrapPath(err))
		}
		if fi.IsDir() {
			return nil, fmt.Errorf("file %s is a folder", p)
		}
		return []string{p}, nil
	}
	m, err := filepath.Glob(p)
	if err != nil {
		return nil, fmt.Errorf("path %s: %w", pattern, err)
	}
	if len(m) == 0 {
		return nil, fmt.Errorf("no file matches %s", p)
	}
	sort.Strings(m)
	return m, nil
}

func unwrapPath(err error) error {
	if pe, ok := err.(*os.PathError); ok {
		return pe.Err
	}
	return err
}

// DecodeStrict decodes node n into v (a pointer to a struct with yaml tags),
// refusing keys v does not declare with a file:line error that lists the
// keys it knows. It is how connectors decode their format sections, so that
// the struct is the spec.
func DecodeStrict(file, what string, n *yaml.Node, v any) error {
	if n == nil {
		return nil
	}
	if n.Kind != yaml.MappingNode {
		return config.Errorf(file, n, "%s: want a mapping", what)
	}
	known := yamlKeys(reflect.TypeOf(v).Elem())
	for i := 0; i+1 < len(n.Content); i += 2 {
		k := n.Content[i].Value
		if !known[k] {
			names := make([]string, 0, len(known))
			for name := range known {
				names = append(names, name)
			}
			sort.Strings(names)
			return config.Errorf(file, n.Content[i], "%s: unknown key %q (want one of %s)", what, k, strings.Join(names, ", "))
		}
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		var one yaml.Node = yaml.Node{Kind: yaml.MappingNode, Tag: "!!map", Content: []*yaml.Node{n.Content[i], n.Content[i+1]}, Line: n.Content[i].Line}
		if err := one.Decode(v); err != nil {
			return config.Errorf(file, n.Content[i], "%s: %s: %s", what, n.Content[i].Value, cleanYAMLError(err))
		}
	}
	return nil
}

func yamlKeys(t reflect.Type) map[string]bool {
	out := map[string]bool{}
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		tag := f.Tag.Get("yaml")
		name, _, _ := strings.Cut(tag, ",")
		if name == "-" {
			continue
		}
		if name == "" {
			name = strings.ToLower(f.Name)
		}
		out[name] = true
	}
	return out
}

func cleanYAMLError(err error) string {
	msg := err.Error()
	if te, ok := err.(*yaml.TypeError); ok && len(te.Errors) > 0 {
		msg = te.Errors[0]
	}
	msg = strings.TrimPrefix(msg, "yaml: ")
	if i := strings.Index(msg, ": "); strings.HasPrefix(msg, "line ") && i > 0 {
		msg = msg[i+2:]
	}
	r := strings.NewReplacer("!!str", "text", "!!int", "a number", "!!map", "a mapping", "!!seq", "a list",
		"!!bool", "true/false", "into int64", "into a number", "into int", "into a number", "into string", "into text",
		"into bool", "into true/false", "into []string", "into a list of text", "into *bool", "into true/false")
	return r.Replace(msg)
}

// Node returns the value node of key in mapping n, or nil.
func Node(n *yaml.Node, key string) *yaml.Node { return config.Lookup(n, key) }

// KeyNode returns the key node of key in mapping n, or nil.
func KeyNode(n *yaml.Node, key string) *yaml.Node {
	if n == nil || n.Kind != yaml.MappingNode {
		return nil
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		if n.Content[i].Value == key {
			return n.Content[i]
		}
	}
	return nil
}
