package policy

import (
	"context"
	"errors"
	"io/fs"
	"strings"
	"testing"
	"time"
)

var lintNow = time.Date(2026, 6, 15, 0, 0, 0, 0, time.UTC)

const lintBase = `version: 1
services: {asc: adult-social-care}
flags: [refuge]
partners:
  - id: nhs
    name: NHS
    contact: dpo@nhs.example
    key: {env: NHS_KEY}
agreements:
  - reference: DSA-1
    partner: nhs
    legal_basis: Art 6(1)(e)
    purposes: [care]
    start: 2025-01-01
    end: 2027-01-01
    review: 2026-12-01
    entities:
      person:
        where: 'age >= 65'
        fields:
          given_name: keep
`

func lint(t *testing.T, text string, env map[string]string) Diagnostics {
	t.Helper()
	p, ds := Parse("policy.yaml", []byte(text))
	if p == nil {
		return ds
	}
	_, cds := Compile(p, Env{Now: lintNow, Getenv: func(n string) (string, bool) { v, ok := env[n]; return v, ok },
		ReadFile: func(path string) ([]byte, error) {
			if strings.HasSuffix(path, "good.key") || strings.HasSuffix(path, "loose.key") {
				return []byte("0123456789abcdef0123456789abcdef\n"), nil
			}
			if strings.HasSuffix(path, "short.key") {
				return []byte("abc\n"), nil
			}
			return nil, fs.ErrNotExist
		},
		Stat: func(path string) (fs.FileInfo, error) {
			if strings.HasSuffix(path, "loose.key") {
				return fakeInfo(0o644), nil
			}
			return fakeInfo(0o600), nil
		}})
	return append(ds, cds...)
}

var goodKey = map[string]string{"NHS_KEY": "0123456789abcdef0123456789"}

func TestLintClean(t *testing.T) {
	ds := lint(t, lintBase, goodKey)
	if len(ds) != 0 {
		t.Fatalf("clean policy gave diagnostics:\n%v", ds)
	}
}

func TestLintErrors(t *testing.T) {
	tests := []struct {
		name     string
		edit     func(string) string
		env      map[string]string
		code     string
		severity Severity
		line     int
		want     string // in the message
	}{
		{"not yaml", func(s string) string { return s + "  - : [\n" }, goodKey, CodeYAML, Error, 0, ""},
		{"unknown top key", func(s string) string { return strings.Replace(s, "agreements:", "agreemnts:", 1) }, goodKey, CodeUnknownKey, Error, 9, `did you mean "agreements"`},
		{"misspelt field", func(s string) string { return strings.Replace(s, "given_name: keep", "givn_name: keep", 1) }, goodKey, CodeUnknownField, Error, 21, `did you mean "given_name"`},
		{"field from another world", func(s string) string { return strings.Replace(s, "given_name: keep", "bank_account: keep", 1) }, goodKey, CodeUnknownField, Error, 21, "unknown field"},
		{"unknown partner", func(s string) string { return strings.Replace(s, "partner: nhs", "partner: nsh", 1) }, goodKey, CodeUnknownPart, Error, 10, `did you mean "nhs"`},
		{"expired", func(s string) string { return strings.Replace(s, "end: 2027-01-01", "end: 2026-01-01", 1) }, goodKey, CodeExpired, Error, 15, "expired on 2026-01-01"},
		{"not started", func(s string) string { return strings.Replace(s, "start: 2025-01-01", "start: 2026-09-01", 1) }, goodKey, CodeNotStarted, Warning, 14, "starts on 2026-09-01"},
		{"review due", func(s string) string { return strings.Replace(s, "review: 2026-12-01", "review: 2026-01-01", 1) }, goodKey, CodeReview, Warning, 16, "due for review"},
		{"bad date", func(s string) string { return strings.Replace(s, "end: 2027-01-01", "end: 01/01/2027", 1) }, goodKey, CodeBadValue, Error, 15, "not a date"},
		{"ends before start", func(s string) string { return strings.Replace(s, "end: 2027-01-01", "end: 2024-01-01", 1) }, goodKey, CodeBadValue, Error, 15, "before it starts"},
		{"no end", func(s string) string { return strings.Replace(s, "    end: 2027-01-01\n", "", 1) }, goodKey, CodeMissing, Error, 10, "no end date"},
		{"cel unknown variable", func(s string) string { return strings.Replace(s, "age >= 65", "agee >= 65", 1) }, goodKey, CodeCEL, Error, 19, `did you mean "age"`},
		{"cel reaches outside", func(s string) string { return strings.Replace(s, "age >= 65", `env.HOME == "x"`, 1) }, goodKey, CodeCEL, Error, 19, `unknown name "env"`},
		{"cel unknown function", func(s string) string { return strings.Replace(s, "age >= 65", `http_get("x") == ""`, 1) }, goodKey, CodeCEL, Error, 19, "http_get"},
		{"cel type error", func(s string) string { return strings.Replace(s, "age >= 65", `age >= "65"`, 1) }, goodKey, CodeCEL, Error, 19, "no matching overload"},
		{"cel not boolean", func(s string) string { return strings.Replace(s, "age >= 65", `age + 1`, 1) }, goodKey, CodeCEL, Error, 19, "not true or false"},
		{"cel syntax", func(s string) string { return strings.Replace(s, "age >= 65", `age >=`, 1) }, goodKey, CodeCEL, Error, 19, ""},
		{"cel and", func(s string) string { return strings.Replace(s, "age >= 65", `age >= 65 and age < 90`, 1) }, goodKey, CodeCEL, Error, 19, "CEL writes and, or, not as &&"},
		{"cel single equals", func(s string) string { return strings.Replace(s, "age >= 65", `sex = "F"`, 1) }, goodKey, CodeCEL, Error, 19, "compares with =="},
		{"condition quoted in part", func(s string) string {
			return strings.Replace(s, "where: 'age >= 65'", `where: "adult-social-care" in services`, 1)
		}, goodKey, CodeYAML, Error, 0, "quote a where: condition whole"},
		{"unknown service", func(s string) string { return strings.Replace(s, "age >= 65", `"adult-social-cre" in services`, 1) }, goodKey, CodeUnknownSvc, Warning, 19, `did you mean "adult-social-care"`},
		{"unknown transform", func(s string) string { return strings.Replace(s, "given_name: keep", "given_name: pseudonymize-it", 1) }, goodKey, CodeTransform, Error, 21, "unknown transform"},
		{"transform does not fit", func(s string) string {
			return strings.Replace(s, "given_name: keep", "given_name: {generalise: year}", 1)
		}, goodKey, CodeTransform, Error, 21, "generalise fits only"},
		{"wrong generalisation", func(s string) string {
			return strings.Replace(s, "given_name: keep", "postcode: {generalise: year}", 1)
		}, goodKey, CodeTransform, Error, 21, "want district or sector"},
		{"transform on unknown field", func(s string) string {
			return strings.Replace(s, "given_name: keep", "date_of_brith: {generalise: year}", 1)
		}, goodKey, CodeUnknownField, Error, 21, `did you mean "date_of_birth"`},
		{"unknown kind", func(s string) string { return strings.Replace(s, "      person:", "      persons:", 1) }, goodKey, CodeUnknownKind, Error, 18, `did you mean "person"`},
		{"unknown flag", func(s string) string {
			return strings.Replace(s, "    entities:", "    flags: [safegaurding]\n    entities:", 1)
		}, goodKey, CodeUnknownFlag, Error, 17, `did you mean "safeguarding"`},
		{"key missing from environment", func(s string) string {
			return strings.Replace(s, "given_name: keep", "nhs_number: pseudonymise", 1)
		}, nil, CodeKeyMissing, Error, 8, "NHS_KEY is not set"},
		{"no key at all", func(s string) string {
			s = strings.Replace(s, "    key: {env: NHS_KEY}\n", "", 1)
			return strings.Replace(s, "given_name: keep", "nhs_number: pseudonymise", 1)
		}, nil, CodeKeyMissing, Error, 20, "has no key"},
		{"key file missing", func(s string) string {
			s = strings.Replace(s, "key: {env: NHS_KEY}", "key: {file: keys/nhs.key}", 1)
			return strings.Replace(s, "given_name: keep", "nhs_number: pseudonymise", 1)
		}, nil, CodeKeyMissing, Error, 8, "does not exist"},
		{"key too short", func(s string) string {
			s = strings.Replace(s, "key: {env: NHS_KEY}", "key: {file: short.key}", 1)
			return strings.Replace(s, "given_name: keep", "nhs_number: pseudonymise", 1)
		}, nil, CodeKeyMissing, Error, 8, "too short"},
		{"key in policy", func(s string) string {
			return strings.Replace(s, "key: {env: NHS_KEY}", "key: s3cr3t-k3y-value-1234567890", 1)
		}, nil, CodeKeyInPolicy, Error, 8, "does not belong"},
		{"key file readable by others", func(s string) string {
			return strings.Replace(s, "key: {env: NHS_KEY}", "key: {file: loose.key}", 1)
		}, nil, CodeKeyMissing, Warning, 8, "chmod 600"},
		{"key pasted as env name", func(s string) string {
			return strings.Replace(s, "key: {env: NHS_KEY}", "key: {env: 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b}", 1)
		}, nil, CodeKeyInPolicy, Error, 8, "looks like key material"},
		{"key pasted as file name", func(s string) string {
			return strings.Replace(s, "key: {env: NHS_KEY}", "key: {file: c2VjcmV0LWtleS1tYXRlcmlhbC0xMjM0NTY=}", 1)
		}, nil, CodeKeyInPolicy, Error, 8, "looks like key material"},
		{"key shared", func(s string) string {
			return strings.Replace(s, "agreements:", "  - {id: police, name: P, contact: c, key: {env: NHS_KEY}}\nagreements:", 1)
		}, goodKey, CodeKeyShared, Error, 9, "same key as nhs"},
		{"duplicate partner", func(s string) string {
			return strings.Replace(s, "agreements:", "  - {id: nhs, name: again, contact: c}\nagreements:", 1)
		}, goodKey, CodeDuplicate, Error, 9, "defined twice"},
		{"unknown agreement key", func(s string) string { return strings.Replace(s, "legal_basis:", "legal_bases:", 1) }, goodKey, CodeUnknownKey, Error, 12, `did you mean "legal_basis"`},
		{"builtin flag declared open", func(s string) string {
			return strings.Replace(s, "flags: [refuge]", "flags: [refuge, {name: safeguarding, restricted: false}]", 1)
		}, goodKey, CodeBadValue, Error, 3, "always restricted"},
		{"mask without setting", func(s string) string { return strings.Replace(s, "given_name: keep", "given_name: mask", 1) }, goodKey, CodeTransform, Error, 21, "needs a setting"},
		{"bad bands", func(s string) string {
			return strings.Replace(s, "given_name: keep", "age: {generalise: band, bands: [18, 0]}", 1)
		}, goodKey, CodeTransform, Error, 21, "must ascend"},
		{"condition tests a withheld flag", func(s string) string { return strings.Replace(s, "age >= 65", `"safeguarding" in flags`, 1) }, goodKey, CodeUnknownFlag, Warning, 19, "withheld before this condition"},
		{"condition tests an unknown flag", func(s string) string { return strings.Replace(s, "age >= 65", `"refgue" in flags`, 1) }, goodKey, CodeUnknownFlag, Warning, 19, `did you mean "refuge"`},
		{"unused partner", func(s string) string {
			return strings.Replace(s, "agreements:", "  - {id: police, name: P, contact: c}\nagreements:", 1)
		}, goodKey, CodeMissing, Warning, 9, "has no agreement"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			ds := lint(t, tc.edit(lintBase), tc.env)
			for _, d := range ds {
				if d.Code == tc.code && d.Severity == tc.severity && (tc.line == 0 || d.Line == tc.line) && strings.Contains(d.Message, tc.want) {
					if d.File != "policy.yaml" {
						t.Errorf("diagnostic names file %q", d.File)
					}
					return
				}
			}
			t.Fatalf("want %s %s on line %d containing %q; got:\n%v", tc.severity, tc.code, tc.line, tc.want, ds)
		})
	}
}

func TestLintNeverEchoesKeyMaterial(t *testing.T) {
	secret := "s3cr3t-k3y-value-1234567890"
	text := strings.Replace(lintBase, "key: {env: NHS_KEY}", "key: "+secret, 1)
	for _, d := range lint(t, text, nil) {
		if strings.Contains(d.String(), secret) {
			t.Fatalf("diagnostic echoes the key: %v", d)
		}
	}
	for _, pasted := range []string{"key: {env: 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b}", "key: {file: c2VjcmV0LWtleS1tYXRlcmlhbC0xMjM0NTY=}"} {
		text := strings.Replace(lintBase, "given_name: keep", "nhs_number: pseudonymise", 1)
		text = strings.Replace(text, "key: {env: NHS_KEY}", pasted, 1)
		secret := pasted[strings.Index(pasted, ": ")+2 : len(pasted)-1]
		secret = secret[strings.Index(secret, " ")+1:]
		for _, d := range lint(t, text, nil) {
			if strings.Contains(d.String(), secret) {
				t.Fatalf("diagnostic echoes the pasted key: %v", d)
			}
		}
	}
	// A key read from the environment never appears either, whatever goes wrong.
	short := "tooshort"
	text = strings.Replace(lintBase, "given_name: keep", "nhs_number: pseudonymise", 1)
	for _, d := range lint(t, text, map[string]string{"NHS_KEY": short}) {
		if strings.Contains(d.String(), short) {
			t.Fatalf("diagnostic echoes the key: %v", d)
		}
	}
}

func compileText(t testing.TB, text string, now time.Time) *Engine {
	t.Helper()
	p, ds := Parse("policy.yaml", []byte(text))
	if p == nil {
		t.Fatal(ds)
	}
	e, _ := Compile(p, Env{Now: now, Getenv: func(n string) (string, bool) { v, ok := goodKey[n]; return v, ok }})
	return e
}

func TestExpiryAndStart(t *testing.T) {
	e := compileText(t, lintBase, lintNow)
	tests := []struct {
		name string
		now  time.Time
		want string // "" = in force
	}{
		{"in force", lintNow, ""},
		{"first day", time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC), ""},
		{"last day", time.Date(2027, 1, 1, 23, 59, 0, 0, time.UTC), ""},
		{"day after end", time.Date(2027, 1, 2, 0, 0, 0, 0, time.UTC), "expired on 2027-01-01"},
		{"day before start", time.Date(2024, 12, 31, 0, 0, 0, 0, time.UTC), "has not started"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := e.Plan("nhs", "DSA-1", tc.now)
			if tc.want == "" {
				if err != nil {
					t.Fatal(err)
				}
				return
			}
			var de *DeniedError
			if !errors.As(err, &de) || !strings.Contains(de.Reason, tc.want) {
				t.Fatalf("got %v, want a denial saying %q", err, tc.want)
			}
			// Without --agreement the partner has nothing in force either.
			if _, err := e.Plan("nhs", "", tc.now); !errors.As(err, &de) || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("without a reference: %v", err)
			}
		})
	}
}

func TestPolicyWithErrorsSharesNothing(t *testing.T) {
	text := strings.Replace(lintBase, "given_name: keep", "given_name: keep\n          givn_name: keep", 1)
	e := compileText(t, text, lintNow)
	_, err := e.Plan("nhs", "DSA-1", lintNow)
	var de *DeniedError
	if !errors.As(err, &de) || !strings.Contains(de.Reason, "givn_name") {
		t.Fatalf("got %v", err)
	}
}

func TestRestrictedFlags(t *testing.T) {
	text := strings.Replace(lintBase, "        where: 'age >= 65'\n", "", 1)
	text = strings.Replace(text, "flags: [refuge]", "flags: [refuge, {name: deceased, restricted: false}]", 1)
	named := strings.Replace(text, "    entities:", "    flags: [safeguarding]\n    entities:", 1)
	named = strings.Replace(named, "given_name: keep", "given_name: keep\n          flags: keep", 1)
	tests := []struct {
		name   string
		policy string
		flags  []string
		shared bool
	}{
		{"no flags", text, nil, true},
		{"safeguarding not named", text, []string{"safeguarding"}, false},
		{"witness protection", text, []string{"witness_protection"}, false},
		{"opt-out spelt differently", text, []string{"National-Data-Opt-Out"}, false},
		{"council flag", text, []string{"refuge"}, false},
		{"undeclared flag is restricted", text, []string{"shielded"}, false},
		{"unrestricted flag", text, []string{"deceased"}, true},
		{"named flag", named, []string{"Safeguarding"}, true},
		{"named flag with another", named, []string{"safeguarding", "refuge"}, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			e := compileText(t, tc.policy, lintNow)
			plan, err := e.Plan("nhs", "DSA-1", lintNow)
			if err != nil {
				t.Fatal(err)
			}
			rec := &Record{Kind: "person", ID: "G1", Fields: map[string]string{"given_name": "Ann"}, Flags: tc.flags}
			out, _ := plan.Kind("person").Decide(context.Background(), rec)
			if (out == Shared) != tc.shared {
				t.Fatalf("outcome %v, want shared=%v", out, tc.shared)
			}
			if out == Shared {
				row := plan.Kind("person").Row(rec, nil)
				for _, v := range row {
					if strings.Contains(v, "deceased") {
						t.Fatalf("unnamed flag left in the flags column: %v", row)
					}
				}
			}
		})
	}
}

func TestExplain(t *testing.T) {
	text := strings.Replace(lintBase, "given_name: keep", "given_name: keep\n          family_name: drop\n          postcode: {generalise: district}", 1)
	e := compileText(t, text, lintNow)
	xs, err := e.Explain("nhs", "", lintNow)
	if err != nil || len(xs) != 1 {
		t.Fatal(xs, err)
	}
	x := xs[0]
	if !x.Active {
		t.Fatalf("not active: %s", x.Reason)
	}
	got := map[string]FieldDecision{}
	for _, k := range x.Kinds {
		if k.Kind == "person" {
			for _, f := range k.Fields {
				got[f.Field] = f
			}
		} else if k.Shared {
			t.Errorf("%s shared without being named", k.Kind)
		}
	}
	tests := []struct {
		field, clause, transform string
		shared                   bool
	}{
		{"given_name", "policy.yaml:21", "keep", true},
		{"family_name", "policy.yaml:22", "", false},
		{"postcode", "policy.yaml:23", "generalise to district", true},
		{"nhs_number", "policy.yaml:18", "", false},
	}
	for _, tc := range tests {
		f := got[tc.field]
		if f.Shared != tc.shared || f.Clause != tc.clause || f.Transform != tc.transform {
			t.Errorf("%s: got %+v", tc.field, f)
		}
	}
	if _, err := e.Explain("nsh", "", lintNow); err == nil || !strings.Contains(err.Error(), `did you mean "nhs"`) {
		t.Errorf("unknown partner: %v", err)
	}
	exp := compileText(t, text, time.Date(2028, 1, 1, 0, 0, 0, 0, time.UTC))
	xs, _ = exp.Explain("nhs", "DSA-1", time.Date(2028, 1, 1, 0, 0, 0, 0, time.UTC))
	if xs[0].Active || !strings.Contains(xs[0].Reason, "expired") {
		t.Errorf("expired agreement explained as %+v", xs[0])
	}
	for _, k := range xs[0].Kinds {
		for _, f := range k.Fields {
			if f.Shared {
				t.Errorf("expired agreement shares %s", f.Field)
			}
		}
	}
}

func TestViewForInternalRole(t *testing.T) {
	text := `version: 1
services: {asc: adult-social-care}
roles:
  - {id: adult-social-care, name: Adult Social Care}
agreements:
  - reference: ROLE-ASC
    partner: adult-social-care
    legal_basis: Care Act 2014
    purposes: [care assessments]
    start: 2020-01-01
    end: 2030-01-01
    review: 2029-01-01
    entities:
      person:
        where: 'age >= 18 && "adult-social-care" in services'
        fields: [given_name, family_name, age]
`
	e := compileText(t, text, lintNow)
	ctx := context.Background()
	adult := &Record{Kind: "person", ID: "G1", Fields: map[string]string{"given_name": "Ann", "family_name": "Lee", "date_of_birth": "1950-06-16", "nhs_number": "9434765919"}, Sources: []string{"asc"}}
	v, err := e.View(ctx, "adult-social-care", lintNow, adult)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(v.Fields, ",") != "given_name,family_name,age" || strings.Join(v.Values, ",") != "Ann,Lee,75" {
		t.Fatalf("view %+v", v)
	}
	child := &Record{Kind: "person", ID: "G2", Fields: map[string]string{"given_name": "Bo", "date_of_birth": "2015-01-01"}, Sources: []string{"asc"}}
	var de *DeniedError
	if _, err := e.View(ctx, "adult-social-care", lintNow, child); !errors.As(err, &de) {
		t.Fatalf("child visible to adult social care: %v", err)
	}
	if _, err := e.View(ctx, "housing", lintNow, adult); err == nil {
		t.Fatal("undefined role sees a record")
	}
}

type fakeInfo fs.FileMode

func (f fakeInfo) Name() string       { return "key" }
func (f fakeInfo) Size() int64        { return 32 }
func (f fakeInfo) Mode() fs.FileMode  { return fs.FileMode(f) }
func (f fakeInfo) ModTime() time.Time { return time.Time{} }
func (f fakeInfo) IsDir() bool        { return false }
func (f fakeInfo) Sys() any           { return nil }

func TestConditionOnMissingAge(t *testing.T) {
	tests := []struct {
		where string
		dob   string
		want  Outcome
	}{
		{"age >= 18", "", WithheldError},
		{"age >= 18", "2000-01-01", Shared},
		{"!(age < 18)", "", WithheldError},
		{`date_of_birth == "" || age >= 18`, "", Shared},
		{`date_of_birth == "" || age >= 18`, "2020-01-01", WithheldWhere},
		{`date_of_birth == "" || age >= 18`, "31/12/1999", WithheldError},
	}
	for _, tc := range tests {
		t.Run(tc.where+"/"+tc.dob, func(t *testing.T) {
			text := strings.Replace(lintBase, "age >= 65", tc.where, 1)
			e := compileText(t, text, lintNow)
			plan, err := e.Plan("nhs", "DSA-1", lintNow)
			if err != nil {
				t.Fatal(err)
			}
			rec := &Record{Kind: "person", ID: "G1", Fields: map[string]string{"date_of_birth": tc.dob}}
			if got, _ := plan.Kind("person").Decide(context.Background(), rec); got != tc.want {
				t.Fatalf("got %v, want %v", got, tc.want)
			}
		})
	}
}

func TestLintAgainstGoldenYAMLSources(t *testing.T) {
	p, _ := Parse("policy.yaml", []byte(lintBase))
	_, ds := Compile(p, Env{Now: lintNow, Getenv: func(n string) (string, bool) { v, ok := goodKey[n]; return v, ok },
		Sources: map[string][]string{"adult_social_care": nil, "csc": {"safeguarding", "cp_plan"}}})
	var svc, flag bool
	for _, d := range ds {
		svc = svc || d.Code == CodeUnknownSvc && d.Line == 2 && strings.Contains(d.Message, `"asc" is not a source`)
		flag = flag || d.Code == CodeUnknownFlag && strings.Contains(d.Message, `source csc sets flag "cp_plan"`)
		if strings.Contains(d.Message, `"safeguarding", which`) {
			t.Errorf("built-in flag reported: %v", d)
		}
	}
	if !svc || !flag {
		t.Fatalf("want unknown service and undefined source flag warnings, got:\n%v", ds)
	}
}

func TestSeveralAgreementsNeedAReference(t *testing.T) {
	second := `  - reference: DSA-2
    partner: nhs
    legal_basis: Art 6(1)(e)
    purposes: [planning]
    start: 2025-01-01
    end: 2027-01-01
    review: 2026-12-01
    entities:
      property:
        fields: [uprn]
`
	e := compileText(t, lintBase+second, lintNow)
	_, err := e.Plan("nhs", "", lintNow)
	var ae *AmbiguousError
	if !errors.As(err, &ae) || !strings.Contains(err.Error(), "DSA-1, DSA-2") {
		t.Fatalf("got %v", err)
	}
	if _, err := e.Plan("nhs", "DSA-2", lintNow); err != nil {
		t.Fatal(err)
	}
	// Once DSA-1 has expired, DSA-2 alone is in force and needs no reference.
	late := time.Date(2026, 12, 20, 0, 0, 0, 0, time.UTC)
	e = compileText(t, strings.Replace(lintBase, "end: 2027-01-01", "end: 2026-12-15", 1)+second, late)
	if p, err := e.Plan("nhs", "", late); err != nil || p.Agreement.Reference != "DSA-2" {
		t.Fatalf("got %v, %v", p, err)
	}
}

func TestConditionPositionsInBlocks(t *testing.T) {
	tests := []struct {
		name, where string
		line, col   int
	}{
		{"single-quoted", `        where: 'age >= 65 && postcod == ""'`, 19, 30},
		{"double-quoted", `        where: "age >= 65 && postcod == ''"`, 19, 30},
		{"plain", `        where: age >= 65 && postcod == ""`, 19, 29},
		{"literal block", "        where: |\n          age >= 65 &&\n          postcod == \"\"", 21, 11},
		{"folded block", "        where: >\n          age >= 65 &&\n          \"x\" in services && postcod == \"\"", 21, 30},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			text := strings.Replace(lintBase, "        where: 'age >= 65'", tc.where, 1)
			for _, d := range lint(t, text, goodKey) {
				if d.Code == CodeCEL {
					if d.Line != tc.line || d.Column != tc.col || !strings.Contains(d.Message, `"postcod"`) {
						t.Fatalf("got %v, want line %d column %d", d, tc.line, tc.col)
					}
					return
				}
			}
			t.Fatal("no CEL error")
		})
	}
}
