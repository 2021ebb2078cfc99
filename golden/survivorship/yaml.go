package survivorship

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"sort"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/council/golden/config"
	"github.com/council/golden/record"
)

// Load reads a survivorship file (see docs/golden-records.md) over the
// built-in defaults. Errors carry the file and line.
func Load(path string) (*Policy, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("survivorship: %w", err)
	}
	return Parse(path, b)
}

// Parse reads a survivorship file's text; file names it in errors.
func Parse(file string, b []byte) (*Policy, error) {
	p := Default()
	var root yaml.Node
	if err := yaml.NewDecoder(bytes.NewReader(b)).Decode(&root); err != nil {
		if err.Error() == "EOF" {
			return p, nil
		}
		return nil, &config.Error{File: file, Msg: strings.TrimPrefix(err.Error(), "yaml: ")}
	}
	if len(root.Content) == 0 {
		return p, nil
	}
	top := root.Content[0]
	if top.Kind != yaml.MappingNode {
		return nil, config.Errorf(file, top, "want a mapping at the top level")
	}
	for i := 0; i+1 < len(top.Content); i += 2 {
		key, val := top.Content[i], top.Content[i+1]
		switch key.Value {
		case "trust":
			if val.Kind != yaml.MappingNode {
				return nil, config.Errorf(file, val, "trust: want a mapping of source name to a number")
			}
			p.Trust = map[string]int{}
			for j := 0; j+1 < len(val.Content); j += 2 {
				var n int
				if err := val.Content[j+1].Decode(&n); err != nil {
					return nil, config.Errorf(file, val.Content[j+1], "trust of %s: want a whole number", val.Content[j].Value)
				}
				p.Trust[val.Content[j].Value] = n
			}
		case "defaults":
			rules, err := parseRules(file, val)
			if err != nil {
				return nil, err
			}
			for _, kp := range p.Kinds {
				kp.Rules = rules
			}
		default:
			kind, err := record.ParseKind(key.Value)
			if err != nil {
				return nil, config.Errorf(file, key, "unknown key %q (want trust, defaults, person, property or business)", key.Value)
			}
			if err := parseKind(file, val, p.Kinds[kind]); err != nil {
				return nil, err
			}
		}
	}
	return p, nil
}

func parseKind(file string, n *yaml.Node, kp *KindPolicy) error {
	if n.Kind != yaml.MappingNode {
		return config.Errorf(file, n, "want a mapping with rules, fields and groups")
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		key, val := n.Content[i], n.Content[i+1]
		switch key.Value {
		case "rules":
			rules, err := parseRules(file, val)
			if err != nil {
				return err
			}
			kp.Rules = rules
		case "fields":
			if val.Kind != yaml.MappingNode {
				return config.Errorf(file, val, "fields: want a mapping of field name to a list of rules")
			}
			for j := 0; j+1 < len(val.Content); j += 2 {
				f, ok := record.ParseField(val.Content[j].Value)
				if !ok {
					return config.Errorf(file, val.Content[j], "unknown field %q", val.Content[j].Value)
				}
				rules, err := parseRules(file, val.Content[j+1])
				if err != nil {
					return err
				}
				kp.Fields[f] = rules
			}
		case "groups":
			if val.Kind != yaml.MappingNode {
				return config.Errorf(file, val, "groups: want a mapping of group name to {fields, rules}")
			}
			for j := 0; j+1 < len(val.Content); j += 2 {
				name, gn := val.Content[j].Value, val.Content[j+1]
				g := Group{Name: name}
				pos := -1
				for k := range kp.Groups {
					if kp.Groups[k].Name == name {
						g, pos = kp.Groups[k], k
					}
				}
				if gn.Kind != yaml.MappingNode {
					return config.Errorf(file, gn, "group %s: want a mapping with fields and rules", name)
				}
				for k := 0; k+1 < len(gn.Content); k += 2 {
					gk, gv := gn.Content[k], gn.Content[k+1]
					switch gk.Value {
					case "fields":
						var names []string
						if err := gv.Decode(&names); err != nil {
							return config.Errorf(file, gv, "group %s: fields: want a list of field names", name)
						}
						g.Fields = nil
						for _, fn := range names {
							f, ok := record.ParseField(fn)
							if !ok {
								return config.Errorf(file, gv, "group %s: unknown field %q", name, fn)
							}
							g.Fields = append(g.Fields, f)
						}
					case "rules":
						rules, err := parseRules(file, gv)
						if err != nil {
							return err
						}
						g.Rules = rules
					default:
						return config.Errorf(file, gk, "group %s: unknown key %q (want fields, rules)", name, gk.Value)
					}
				}
				if len(g.Rules) == 0 {
					g.Rules = kp.Rules
				}
				if pos >= 0 {
					kp.Groups[pos] = g
				} else {
					kp.Groups = append(kp.Groups, g)
				}
			}
			// A field may belong to one group only.
			owner := map[record.Field]string{}
			for _, g := range kp.Groups {
				for _, f := range g.Fields {
					if o, dup := owner[f]; dup {
						return config.Errorf(file, val, "field %s is in groups %s and %s", f, o, g.Name)
					}
					owner[f] = g.Name
				}
			}
		case "proper_case":
			var names []string
			if err := val.Decode(&names); err != nil {
				return config.Errorf(file, val, "proper_case: want a list of field names ([] for none)")
			}
			kp.ProperCase = []record.Field{}
			for _, fn := range names {
				f, ok := record.ParseField(fn)
				if !ok {
					return config.Errorf(file, val, "proper_case: unknown field %q", fn)
				}
				kp.ProperCase = append(kp.ProperCase, f)
			}
		default:
			return config.Errorf(file, key, "unknown key %q (want rules, fields, groups, proper_case)", key.Value)
		}
	}
	return nil
}

func parseRules(file string, n *yaml.Node) ([]Rule, error) {
	var names []string
	if err := n.Decode(&names); err != nil {
		return nil, config.Errorf(file, n, "want a list of rules, such as [valid, trust, recent]")
	}
	out := make([]Rule, 0, len(names))
	for _, s := range names {
		r, err := ParseRule(s)
		if err != nil {
			return nil, config.Errorf(file, n, "%v", err)
		}
		out = append(out, r)
	}
	return out, nil
}

// Hash is a fingerprint of the policy for kind k with the sources' trust:
// when it changes, every golden record of the kind is re-derived.
func (p *Policy) Hash(k record.Kind, trust map[string]int) string {
	kp := p.For(k)
	h := sha256.New()
	fmt.Fprintf(h, "rules=%v\n", kp.Rules)
	var fs []int
	for f := range kp.Fields {
		fs = append(fs, int(f))
	}
	sort.Ints(fs)
	for _, f := range fs {
		fmt.Fprintf(h, "field %s=%v\n", record.Field(f), kp.Fields[record.Field(f)])
	}
	for _, g := range kp.Groups {
		fmt.Fprintf(h, "group %s=%v %v\n", g.Name, g.Fields, g.Rules)
	}
	if len(kp.ProperCase) > 0 {
		fmt.Fprintf(h, "proper case %v\n", kp.ProperCase)
	}
	var srcs []string
	for s := range trust {
		srcs = append(srcs, s)
	}
	sort.Strings(srcs)
	for _, s := range srcs {
		fmt.Fprintf(h, "trust %s=%d\n", s, trust[s])
	}
	return hex.EncodeToString(h.Sum(nil))[:16]
}

// TrustOf returns each source's trust: golden.yaml's, overridden by the
// survivorship file's.
func (p *Policy) TrustOf(cfg *config.Config) map[string]int {
	out := map[string]int{}
	if cfg != nil {
		for _, s := range cfg.Sources {
			out[s.Name] = s.Trust
		}
	}
	if p != nil {
		for s, t := range p.Trust {
			out[s] = t
		}
	}
	return out
}
