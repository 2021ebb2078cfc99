package spec

import (
	"fmt"
	"regexp"
	"strconv"

	"gopkg.in/yaml.v3"

	"github.com/council/golden/config"
	"github.com/council/golden/record"
)

// FromConfig returns the spec of kind: the default, with golden.yaml's
// matching.<kind> section applied over it. Errors carry file:line.
func FromConfig(cfg *config.Config, kind record.Kind) (*Spec, error) {
	s, err := Default(kind)
	if err != nil {
		return nil, err
	}
	if cfg == nil {
		return s, nil
	}
	n, ok := cfg.Matching[kind]
	if !ok {
		return s, nil
	}
	if err := Apply(s, cfg.File, &n); err != nil {
		return nil, err
	}
	return s, nil
}

// Apply overlays a matching section (a YAML mapping) on s. Scalars and the
// blocking and deterministic lists replace the default; comparisons merge by
// name (a comparison with drop: true removes the default of that name).
func Apply(s *Spec, file string, n *yaml.Node) error {
	if n.Kind == 0 || (n.Kind == yaml.ScalarNode && n.Tag == "!!null") {
		return nil
	}
	if n.Kind != yaml.MappingNode {
		return config.Errorf(file, n, "matching.%s: want a mapping", s.Kind)
	}
	d := decoder{file: file}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		switch k.Value {
		case "mode":
			m := Mode(v.Value)
			if m != Dedupe && m != Link && m != Both {
				return d.errf(v, "mode %q: want dedupe, link or both", v.Value)
			}
			s.Mode = m
		case "thresholds":
			if err := d.mapping(v, map[string]func(*yaml.Node) error{
				"link":           d.float(&s.Thresholds.Link),
				"review":         d.float(&s.Thresholds.Review),
				"veto":           d.float(&s.Thresholds.Veto),
				"require_weight": d.float(&s.Thresholds.RequireWeight),
			}); err != nil {
				return err
			}
		case "cluster":
			if err := d.mapping(v, map[string]func(*yaml.Node) error{
				"min_density": d.float(&s.Cluster.MinDensity),
			}); err != nil {
				return err
			}
		case "training":
			if err := d.mapping(v, map[string]func(*yaml.Node) error{
				"random_pairs":   d.int(&s.Training.RandomPairs),
				"max_iterations": d.int(&s.Training.MaxIterations),
				"tolerance":      d.float(&s.Training.Tolerance),
				"seed":           d.int64(&s.Training.Seed),
				"max_pairs":      d.int(&s.Training.MaxPairs),
			}); err != nil {
				return err
			}
		case "compare_attributes":
			b, err := d.bool(v)
			if err != nil {
				return err
			}
			s.CompareAttributes = b
		case "blocking":
			rules, err := d.blocking(v)
			if err != nil {
				return err
			}
			s.Blocking = rules
		case "deterministic":
			rules, err := d.deterministic(v)
			if err != nil {
				return err
			}
			s.Deterministic = rules
		case "comparisons":
			if err := d.comparisons(s, v); err != nil {
				return err
			}
		case "require":
			r, err := d.strings(v)
			if err != nil {
				return err
			}
			s.Require = r
		case "distinct":
			r, err := d.strings(v)
			if err != nil {
				return err
			}
			s.Distinct = r
		default:
			return d.errf(k, "matching.%s: unknown key %q (want mode, thresholds, blocking, comparisons, deterministic, require, distinct, cluster, training, compare_attributes)", s.Kind, k.Value)
		}
	}
	fillLabels(s)
	if err := s.Validate(); err != nil {
		return d.errf(n, "matching.%s: %v", s.Kind, err)
	}
	return nil
}

type decoder struct{ file string }

func (d decoder) errf(n *yaml.Node, format string, args ...any) error {
	return config.Errorf(d.file, n, format, args...)
}

func (d decoder) mapping(n *yaml.Node, keys map[string]func(*yaml.Node) error) error {
	if n.Kind != yaml.MappingNode {
		return d.errf(n, "want a mapping")
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k := n.Content[i]
		f, ok := keys[k.Value]
		if !ok {
			return d.errf(k, "unknown key %q", k.Value)
		}
		if err := f(n.Content[i+1]); err != nil {
			return err
		}
	}
	return nil
}

func (d decoder) float(p *float64) func(*yaml.Node) error {
	return func(n *yaml.Node) error {
		f, err := strconv.ParseFloat(n.Value, 64)
		if n.Kind != yaml.ScalarNode || err != nil {
			return d.errf(n, "want a number")
		}
		*p = f
		return nil
	}
}

func (d decoder) int(p *int) func(*yaml.Node) error {
	return func(n *yaml.Node) error {
		i, err := strconv.Atoi(n.Value)
		if n.Kind != yaml.ScalarNode || err != nil {
			return d.errf(n, "want a whole number")
		}
		*p = i
		return nil
	}
}

func (d decoder) int64(p *int64) func(*yaml.Node) error {
	return func(n *yaml.Node) error {
		i, err := strconv.ParseInt(n.Value, 10, 64)
		if n.Kind != yaml.ScalarNode || err != nil {
			return d.errf(n, "want a whole number")
		}
		*p = i
		return nil
	}
}

func (d decoder) bool(n *yaml.Node) (bool, error) {
	var b bool
	if n.Kind != yaml.ScalarNode || n.Decode(&b) != nil {
		return false, d.errf(n, "want true or false")
	}
	return b, nil
}

func (d decoder) strings(n *yaml.Node) ([]string, error) {
	if n.Kind == yaml.ScalarNode {
		return []string{n.Value}, nil
	}
	if n.Kind != yaml.SequenceNode {
		return nil, d.errf(n, "want a list of column names")
	}
	var out []string
	for _, c := range n.Content {
		if c.Kind != yaml.ScalarNode {
			return nil, d.errf(c, "want a column name")
		}
		out = append(out, c.Value)
	}
	return out, nil
}

var prefixKey = regexp.MustCompile(`^left\(\s*([A-Za-z0-9_.]+)\s*,\s*([0-9]+)\s*\)$`)

func (d decoder) key(n *yaml.Node, s string) (Key, error) {
	if m := prefixKey.FindStringSubmatch(s); m != nil {
		p, _ := strconv.Atoi(m[2])
		if p < 1 {
			return Key{}, d.errf(n, "blocking key %q: prefix must be at least 1", s)
		}
		s = m[1]
		if _, ok := LookupColumn(s); !ok {
			return Key{}, d.errf(n, "blocking key: unknown column %q (known: %s)", s, ColumnNames())
		}
		return Key{Column: s, Prefix: p}, nil
	}
	if _, ok := LookupColumn(s); !ok {
		return Key{}, d.errf(n, "blocking key: unknown column %q (known: %s; or left(column, n))", s, ColumnNames())
	}
	return Key{Column: s}, nil
}

func (d decoder) blocking(n *yaml.Node) ([]BlockingRule, error) {
	if n.Kind != yaml.SequenceNode {
		return nil, d.errf(n, "blocking: want a list of rules")
	}
	var out []BlockingRule
	for _, r := range n.Content {
		var rule BlockingRule
		keysNode := r
		if r.Kind == yaml.MappingNode {
			keysNode = nil
			for i := 0; i+1 < len(r.Content); i += 2 {
				switch r.Content[i].Value {
				case "name":
					rule.Name = r.Content[i+1].Value
				case "keys":
					keysNode = r.Content[i+1]
				case "max_block":
					n, err := strconv.Atoi(r.Content[i+1].Value)
					if err != nil || n < 2 {
						return nil, d.errf(r.Content[i+1], "blocking rule: max_block must be a whole number ≥ 2")
					}
					rule.MaxBlock = n
				case "train":
					b, err := d.bool(r.Content[i+1])
					if err != nil {
						return nil, err
					}
					rule.NoTrain = !b
				default:
					return nil, d.errf(r.Content[i], "blocking rule: unknown key %q (want name, keys, train, max_block)", r.Content[i].Value)
				}
			}
			if keysNode == nil {
				return nil, d.errf(r, "blocking rule: no keys")
			}
		}
		cols, err := d.strings(keysNode)
		if err != nil {
			return nil, err
		}
		for _, c := range cols {
			k, err := d.key(keysNode, c)
			if err != nil {
				return nil, err
			}
			rule.Keys = append(rule.Keys, k)
		}
		out = append(out, rule)
	}
	return out, nil
}

func (d decoder) deterministic(n *yaml.Node) ([]Rule, error) {
	if n.Kind != yaml.SequenceNode {
		return nil, d.errf(n, "deterministic: want a list of rules")
	}
	var out []Rule
	for _, r := range n.Content {
		var rule Rule
		err := d.mapping(r, map[string]func(*yaml.Node) error{
			"name": func(v *yaml.Node) error { rule.Name = v.Value; return nil },
			"hold_if_different": func(v *yaml.Node) error {
				return v.Decode(&rule.HoldIfDifferent)
			},
			"equal": func(v *yaml.Node) error {
				cols, err := d.strings(v)
				for _, c := range cols {
					if _, ok := LookupColumn(c); !ok {
						return d.errf(v, "deterministic rule: unknown column %q (known: %s)", c, ColumnNames())
					}
				}
				rule.Equal = cols
				return err
			},
		})
		if err != nil {
			return nil, err
		}
		if len(rule.Equal) == 0 {
			return nil, d.errf(r, "deterministic rule: want equal: [columns]")
		}
		out = append(out, rule)
	}
	return out, nil
}

func (d decoder) comparisons(s *Spec, n *yaml.Node) error {
	if n.Kind != yaml.SequenceNode {
		return d.errf(n, "comparisons: want a list")
	}
	for _, cn := range n.Content {
		var c Comparison
		drop := false
		var levelsNode *yaml.Node
		err := d.mapping(cn, map[string]func(*yaml.Node) error{
			"name":   func(v *yaml.Node) error { c.Name = v.Value; return nil },
			"column": func(v *yaml.Node) error { c.Column = v.Value; return nil },
			"tf": func(v *yaml.Node) error {
				c.TF = v.Value
				if _, ok := LookupColumn(c.TF); !ok {
					return d.errf(v, "tf: unknown column %q", c.TF)
				}
				return nil
			},
			"tf_weight": d.float(&c.TFWeight),
			"drop": func(v *yaml.Node) error {
				b, err := d.bool(v)
				drop = b
				return err
			},
			"levels": func(v *yaml.Node) error { levelsNode = v; return nil },
			"m": func(v *yaml.Node) error {
				if v.Kind != yaml.SequenceNode {
					return d.errf(v, "m: want a list of numbers, one per level")
				}
				for _, x := range v.Content {
					f, err := strconv.ParseFloat(x.Value, 64)
					if err != nil {
						return d.errf(x, "m: want a number")
					}
					c.M = append(c.M, f)
				}
				return nil
			},
		})
		if err != nil {
			return err
		}
		if c.Name == "" {
			return d.errf(cn, "comparison: no name")
		}
		idx := -1
		for i := range s.Comparisons {
			if s.Comparisons[i].Name == c.Name {
				idx = i
			}
		}
		if drop {
			if idx < 0 {
				return d.errf(cn, "comparison %q: nothing to drop (no default of that name)", c.Name)
			}
			s.Comparisons = append(s.Comparisons[:idx], s.Comparisons[idx+1:]...)
			continue
		}
		if c.Column == "" && idx >= 0 {
			c.Column = s.Comparisons[idx].Column
		}
		if _, ok := LookupColumn(c.Column); !ok {
			return d.errf(cn, "comparison %q: unknown or missing column %q (known: %s)", c.Name, c.Column, ColumnNames())
		}
		if levelsNode == nil {
			if idx < 0 {
				return d.errf(cn, "comparison %q: no levels", c.Name)
			}
			c.Levels = s.Comparisons[idx].Levels
			if c.M == nil {
				c.M = s.Comparisons[idx].M
			}
			if c.TF == "" {
				c.TF, c.TFWeight = s.Comparisons[idx].TF, s.Comparisons[idx].TFWeight
			}
		} else {
			if c.TF == "" && idx >= 0 {
				c.TF, c.TFWeight = s.Comparisons[idx].TF, s.Comparisons[idx].TFWeight
			}
			levels, err := d.levels(c, levelsNode)
			if err != nil {
				return err
			}
			// Exact agreement on the tf column is where term frequencies
			// adjust the weight.
			for j := range levels {
				if c.TF != "" && levels[j].Kind == Exact && levels[j].Column == c.TF {
					levels[j].TF = true
				}
			}
			c.Levels = levels
		}
		if err := func() error {
			for j, l := range c.Levels {
				if l.Column == "" {
					l.Column = c.Column
				}
				if err := l.check(c); err != nil {
					return fmt.Errorf("level %d: %w", j+1, err)
				}
			}
			return nil
		}(); err != nil {
			return d.errf(cn, "comparison %q: %v", c.Name, err)
		}
		if idx >= 0 {
			s.Comparisons[idx] = c
		} else {
			s.Comparisons = append(s.Comparisons, c)
		}
	}
	return nil
}

func (d decoder) levels(c Comparison, n *yaml.Node) ([]Level, error) {
	if n.Kind != yaml.SequenceNode {
		return nil, d.errf(n, "levels: want a list")
	}
	var out []Level
	for _, ln := range n.Content {
		var l Level
		if ln.Kind == yaml.ScalarNode {
			l.Kind = LevelKind(ln.Value)
		} else if ln.Kind == yaml.MappingNode {
			for i := 0; i+1 < len(ln.Content); i += 2 {
				k, v := ln.Content[i], ln.Content[i+1]
				switch k.Value {
				case "column":
					l.Column = v.Value
				case "other":
					l.Other = v.Value
				case "label":
					l.Label = v.Value
				case "tf":
					b, err := d.bool(v)
					if err != nil {
						return nil, err
					}
					l.TF = b
				default:
					if l.Kind != "" {
						return nil, d.errf(k, "level: two kinds (%s and %s)", l.Kind, k.Value)
					}
					l.Kind = LevelKind(k.Value)
					switch l.Kind {
					case JaroWinkler, Jaro, Jaccard, Levenshtein, Damerau, DateWithin, NumWithin:
						f, err := strconv.ParseFloat(v.Value, 64)
						if err != nil {
							return nil, d.errf(v, "%s: want a number", k.Value)
						}
						l.Threshold = f
					case Exact, Initial, Overlap:
						if v.Value != "" && v.Value != "true" {
							l.Column = v.Value // {exact: given_canon}
						}
					case Swapped, Cross:
						l.Other = v.Value
					}
				}
			}
		} else {
			return nil, d.errf(ln, "level: want a kind or a mapping")
		}
		if l.Column == "" {
			l.Column = c.Column
		}
		if err := l.check(c); err != nil {
			return nil, d.errf(ln, "comparison %q: %v", c.Name, err)
		}
		out = append(out, l)
	}
	return out, nil
}
