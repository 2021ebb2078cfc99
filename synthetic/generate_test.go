package synthetic

import (
	"bufio"
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"flag"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/charmap"

	"github.com/council/golden/config"
)

var update = flag.Bool("update", false, "rewrite testdata/demo from the generator")

// The demo council of testdata/demo is exactly what the generator makes.
func TestDemoIsGenerated(t *testing.T) {
	demo := filepath.Join("..", "testdata", "demo")
	opts := Options{People: 300, Seed: 7, Governance: "policy.yaml"}
	if *update {
		if _, err := Generate(context.Background(), demo, opts); err != nil {
			t.Fatal(err)
		}
	}
	dir := t.TempDir()
	if _, err := Generate(context.Background(), dir, opts); err != nil {
		t.Fatal(err)
	}
	assertSameFiles(t, dir, demo)
}

func TestDeterministic(t *testing.T) {
	ctx := context.Background()
	a, b, c := t.TempDir(), t.TempDir(), t.TempDir()
	if _, err := Generate(ctx, a, Options{People: 2500, Seed: 42}); err != nil {
		t.Fatal(err)
	}
	if _, err := Generate(ctx, b, Options{People: 2500, Seed: 42}); err != nil {
		t.Fatal(err)
	}
	assertSameFiles(t, a, b)
	if _, err := Generate(ctx, c, Options{People: 2500, Seed: 43}); err != nil {
		t.Fatal(err)
	}
	x, _ := os.ReadFile(filepath.Join(a, "council_tax.csv"))
	y, _ := os.ReadFile(filepath.Join(c, "council_tax.csv"))
	if bytes.Equal(x, y) {
		t.Error("seeds 42 and 43 gave the same council tax extract")
	}
}

// assertSameFiles checks that every file in got is in want with the same bytes.
func assertSameFiles(t *testing.T, got, want string) {
	t.Helper()
	entries, err := os.ReadDir(got)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		y, err := os.ReadFile(filepath.Join(got, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		x, err := os.ReadFile(filepath.Join(want, e.Name()))
		if err != nil {
			t.Errorf("%s: %v", e.Name(), err)
			continue
		}
		if !bytes.Equal(x, y) {
			t.Errorf("%s differs (run go test ./synthetic -run TestDemoIsGenerated -update if the change is meant)", e.Name())
		}
	}
}

// extractRecord is one record read back from an extract: its id as
// golden.yaml builds it and the identity fields the test can check.
type extractRecord struct {
	id   string
	nhs  string
	nino string
	dob  string // ISO
}

// readExtracts reads every record of every source back from the files.
func readExtracts(t *testing.T, dir string) map[string][]extractRecord {
	t.Helper()
	out := map[string][]extractRecord{}
	delimited := func(file string, sep rune, enc bool, fn func(h map[string]int, row []string) (string, extractRecord)) {
		f, err := os.Open(filepath.Join(dir, file))
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		var r io.Reader = f
		if enc {
			r = charmap.Windows1252.NewDecoder().Reader(f)
		}
		cr := csv.NewReader(r)
		cr.Comma = sep
		cr.LazyQuotes = true
		cr.FieldsPerRecord = -1
		if sep == '|' || sep == '\t' {
			cr.LazyQuotes = true
		}
		head, err := cr.Read()
		if err != nil {
			t.Fatal(err)
		}
		h := map[string]int{}
		for i, n := range head {
			h[n] = i
		}
		for {
			row, err := cr.Read()
			if err == io.EOF {
				break
			}
			if err != nil {
				t.Fatalf("%s: %v", file, err)
			}
			if len(row) != len(head) {
				continue // a row corrupted on purpose
			}
			src, rec := fn(h, row)
			out[src] = append(out[src], rec)
		}
	}
	delimited("council_tax.csv", ',', false, func(h map[string]int, r []string) (string, extractRecord) {
		return "council_tax", extractRecord{id: r[h["ACCOUNT_REF"]] + "/" + r[h["PARTY"]], dob: dmyToISO(r[h["DOB"]])}
	})
	delimited("housing_benefit.csv", ';', false, func(h map[string]int, r []string) (string, extractRecord) {
		return "housing_benefit", extractRecord{id: r[h["CLAIM_REF"]] + "/" + r[h["MEMBER"]], nino: r[h["NINO"]], dob: r[h["DOB"]]}
	})
	delimited("electoral_register.txt", '|', true, func(h map[string]int, r []string) (string, extractRecord) {
		return "electoral_register", extractRecord{id: r[h["PD"]] + "-" + r[h["ENO"]]}
	})
	delimited("children_social_care.tsv", '\t', false, func(h map[string]int, r []string) (string, extractRecord) {
		return "children_social_care", extractRecord{id: r[h["PERSON_ID"]], nhs: r[h["NHS_NUMBER"]]}
	})
	var props []extractRecord
	delimited("business_rates.csv", ',', false, func(h map[string]int, r []string) (string, extractRecord) {
		props = append(props, extractRecord{id: r[h["PROPERTY_REF"]]})
		return "business_rates", extractRecord{id: r[h["ACCOUNT_NO"]]}
	})
	out["business_rates_property"] = props
	delimited("companies.csv", ',', false, func(h map[string]int, r []string) (string, extractRecord) {
		return "companies", extractRecord{id: r[h["CompanyNumber"]]}
	})
	// Fixed width.
	b, err := os.ReadFile(filepath.Join(dir, "housing_tenancy.dat"))
	if err != nil {
		t.Fatal(err)
	}
	for _, line := range strings.Split(strings.TrimSuffix(string(b), "\n"), "\n") {
		if len(line) != 177 || (line[:2] != "10" && line[:2] != "20") {
			continue
		}
		field := func(name string) string {
			for _, l := range tenancyLayout {
				if l.name == name {
					return strings.TrimSpace(line[l.start-1 : l.start-1+l.length])
				}
			}
			t.Fatalf("no field %s", name)
			return ""
		}
		dob := field("DOB")
		if dob != "" {
			dob = dob[:4] + "-" + dob[4:6] + "-" + dob[6:]
		}
		out["housing_tenancy"] = append(out["housing_tenancy"], extractRecord{
			id: field("TENANCY_REF") + "-" + field("PERSON_NO"), nino: field("NINO"), dob: dob})
	}
	// JSON.
	b, err = os.ReadFile(filepath.Join(dir, "adult_social_care.json"))
	if err != nil {
		t.Fatal(err)
	}
	var asc struct {
		Clients []ascClient `json:"clients"`
	}
	if err := json.Unmarshal(b, &asc); err != nil {
		t.Fatalf("adult_social_care.json: %v", err)
	}
	for _, c := range asc.Clients {
		out["adult_social_care"] = append(out["adult_social_care"], extractRecord{id: c.ID, nhs: strings.ReplaceAll(c.NHSNumber, " ", ""), dob: c.Born})
	}
	// Excel.
	xl, err := excelize.OpenFile(filepath.Join(dir, "school_census.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	defer xl.Close()
	for sheet, src := range map[string]string{"Pupils": "school_census", "Contacts": "school_contacts"} {
		rows, err := xl.GetRows(sheet)
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range rows[1:] {
			out[src] = append(out[src], extractRecord{id: r[0]})
		}
	}
	// DTF 7.3: one property per BLPU.
	f, err := os.Open(filepath.Join(dir, "gazetteer.csv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if p := strings.Split(sc.Text(), ","); p[0] == "21" {
			out["gazetteer"] = append(out["gazetteer"], extractRecord{id: p[3]})
		}
	}
	return out
}

func dmyToISO(s string) string {
	if len(s) != 10 {
		return ""
	}
	return s[6:] + "-" + s[3:5] + "-" + s[:2]
}

type truthRow struct{ source, id, kind, entity string }

func readTruth(t *testing.T, dir string) []truthRow {
	t.Helper()
	f, err := os.Open(filepath.Join(dir, TruthFile))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(rows[0], ",") != "source,source_id,kind,entity_id" {
		t.Fatalf("truth header %v", rows[0])
	}
	var out []truthRow
	for _, r := range rows[1:] {
		out = append(out, truthRow{r[0], r[1], r[2], r[3]})
	}
	return out
}

// The truth file names every record of every extract exactly once, and the
// identifiers in the extracts agree with the entity the truth gives them.
func TestTruthAgreesWithExtracts(t *testing.T) {
	dir := t.TempDir()
	const seed = 11
	sum, err := Generate(context.Background(), dir, Options{People: 4000, Seed: seed})
	if err != nil {
		t.Fatal(err)
	}
	extracts := readExtracts(t, dir)
	truth := readTruth(t, dir)
	bySource := map[string]map[string]truthRow{}
	for _, r := range truth {
		m := bySource[r.source]
		if m == nil {
			m = map[string]truthRow{}
			bySource[r.source] = m
		}
		if _, dup := m[r.id]; dup {
			t.Errorf("truth names %s:%s twice", r.source, r.id)
		}
		m[r.id] = r
	}
	if len(bySource) != len(extracts) {
		t.Errorf("truth covers %d sources, the extracts %d", len(bySource), len(extracts))
	}
	for src, recs := range extracts {
		t.Run(src, func(t *testing.T) {
			if len(recs) != len(bySource[src]) || len(recs) != sum.Rows[src] {
				t.Errorf("%d records in the extract, %d in truth, %d in the summary", len(recs), len(bySource[src]), sum.Rows[src])
			}
			if len(recs) == 0 {
				t.Fatal("no records")
			}
			var nhsOK, nhsAll, ninoOK, ninoAll int
			for _, rec := range recs {
				tr, ok := bySource[src][rec.id]
				if !ok {
					t.Fatalf("record %s has no truth row", rec.id)
				}
				if tr.kind == "person" {
					id, err := strconv.Atoi(strings.TrimPrefix(tr.entity, "P"))
					if err != nil {
						t.Fatalf("entity %q", tr.entity)
					}
					if rec.nhs != "" {
						nhsAll++
						if rec.nhs == nhsNumber(seed, id) {
							nhsOK++
						}
					}
					if rec.nino != "" {
						ninoAll++
						if rec.nino == niNumber(seed, id) {
							ninoOK++
						}
					}
				}
			}
			// Identifiers are mistyped now and then, never mostly.
			if nhsAll > 0 && float64(nhsOK) < 0.9*float64(nhsAll) {
				t.Errorf("NHS numbers agree with the truth entity for %d of %d records", nhsOK, nhsAll)
			}
			if ninoAll > 0 && float64(ninoOK) < 0.9*float64(ninoAll) {
				t.Errorf("NI numbers agree with the truth entity for %d of %d records", ninoOK, ninoAll)
			}
			if nhsAll > 20 && nhsOK == nhsAll {
				t.Errorf("no NHS number of %d mistyped", nhsAll)
			}
		})
	}
	// Records of one person in different systems mostly share a birth date.
	dobs := map[string]map[string]bool{}
	for src, recs := range extracts {
		for _, rec := range recs {
			if rec.dob == "" {
				continue
			}
			e := bySource[src][rec.id].entity
			if dobs[e] == nil {
				dobs[e] = map[string]bool{}
			}
			dobs[e][rec.dob] = true
		}
	}
	agree, all := 0, 0
	for _, d := range dobs {
		all++
		if len(d) == 1 {
			agree++
		}
	}
	if all < 500 || float64(agree) < 0.9*float64(all) {
		t.Errorf("birth dates agree for %d of %d persons", agree, all)
	}
}

// The rows corrupted on purpose are the ones truth_corrupt.csv lists, and
// they are unreadable as it says.
func TestCorruptRows(t *testing.T) {
	dir := t.TempDir()
	sum, err := Generate(context.Background(), dir, Options{People: 500, Seed: 3})
	if err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(filepath.Join(dir, CorruptFile))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) < 3 {
		t.Fatalf("want at least one corrupt row per corrupted source, got %d rows", len(rows)-1)
	}
	files := map[string]string{"council_tax": "council_tax.csv", "housing_tenancy": "housing_tenancy.dat"}
	for _, r := range rows[1:] {
		b, err := os.ReadFile(filepath.Join(dir, files[r[0]]))
		if err != nil {
			t.Fatal(err)
		}
		n, _ := strconv.Atoi(r[1])
		lines := strings.Split(string(b), "\n")
		line := lines[n-1]
		switch r[0] {
		case "council_tax":
			if got := len(strings.Split(line, ",")); got != 18 || !strings.HasPrefix(line, strings.Replace(r[2], "/", ",", 1)+",") {
				t.Errorf("council tax line %d: %d fields, want 18 and id %s", n, got, r[2])
			}
		case "housing_tenancy":
			if len(line) != 100 {
				t.Errorf("tenancy line %d: %d characters, want 100", n, len(line))
			}
		}
	}
	if sum.Corrupt["council_tax"] < 1 || sum.Corrupt["housing_tenancy"] < 1 {
		t.Errorf("summary corrupt counts %v", sum.Corrupt)
	}
}

// The generated golden.yaml is a valid project file naming every source of the truth.
func TestConfigLoads(t *testing.T) {
	dir := t.TempDir()
	sum, err := Generate(context.Background(), dir, Options{People: 200, Seed: 5})
	if err != nil {
		t.Fatal(err)
	}
	cfg, err := config.Load(filepath.Join(dir, ConfigFile))
	if err != nil {
		t.Fatal(err)
	}
	names := map[string]bool{}
	for _, s := range cfg.Sources {
		names[s.Name] = true
		if _, err := os.Stat(cfg.Resolve(s.Path)); err != nil {
			t.Errorf("source %s: %v", s.Name, err)
		}
	}
	for _, s := range sum.SourceNames() {
		if !names[s] {
			t.Errorf("golden.yaml has no source %s", s)
		}
	}
}

func TestIdentifiers(t *testing.T) {
	seen := map[string]bool{}
	for id := 1; id <= 20000; id++ {
		n := nhsNumber(9, id)
		if n == "" {
			continue
		}
		if c, ok := nhsCheck(n[:9]); !ok || int(n[9]-'0') != c {
			t.Fatalf("NHS number for %d fails Modulus 11", id)
		}
		if seen[n] {
			t.Fatalf("NHS number repeated")
		}
		seen[n] = true
	}
	for _, tt := range []struct {
		in   string
		want int
	}{{"943476591", 9}, {"401023213", 7}} {
		t.Run(tt.in, func(t *testing.T) {
			if c, ok := nhsCheck(tt.in); !ok || c != tt.want {
				t.Errorf("nhsCheck(%s) = %d, %v; want %d", tt.in, c, ok, tt.want)
			}
		})
	}
}

// BenchmarkGenerate measures the whole generator (10,000 people, every
// extract and truth file written to a temp folder).
func BenchmarkGenerate(b *testing.B) {
	dir := b.TempDir()
	people := 0
	for i := 0; i < b.N; i++ {
		sum, err := Generate(context.Background(), dir, Options{People: 10000, Seed: int64(i)})
		if err != nil {
			b.Fatal(err)
		}
		people += sum.People
	}
	b.ReportMetric(float64(people)/b.Elapsed().Seconds(), "people/s")
}

func BenchmarkErrorProfile(b *testing.B) {
	t, err := loadTables()
	if err != nil {
		b.Fatal(err)
	}
	r := newRNG()
	pr := profile{typo: 0.1, ocr: 0.1, phonetic: 0.1, nickname: 0.1, initial: 0.1, swapDM: 0.1, badNHS: 0.1}
	p := &person{given: "Katherine", family: "Thompson", dob: date(1980, 3, 4), nhs: "9434765919"}
	tally := map[string]int{}
	for i := 0; i < b.N; i++ {
		r.reseed(1, 2, i)
		p.given = t.givenName(r, 'F', 1980)
		_ = pr.view(r, p, tally)
	}
}

// Postcodes are valid BS 7666 postcodes and NI numbers follow HMRC's rules
// (patterns from ../shared/data/formats/identifiers/FACTS.txt).
func TestIdentifierFormats(t *testing.T) {
	postcode := regexp.MustCompile(`^(GIR 0AA|(([A-PR-UWYZ][0-9][0-9]?)|([A-PR-UWYZ][A-HK-Y][0-9][0-9]?)|([A-PR-UWYZ][0-9][A-HJKSTUW])|([A-PR-UWYZ][A-HK-Y][0-9][ABEHMNPRVWXY])) [0-9][ABD-HJLNP-UW-Z]{2})$`)
	nino := regexp.MustCompile(`^[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z][0-9]{6}[A-D]$`)
	badPrefix := map[string]bool{"BG": true, "GB": true, "KN": true, "NK": true, "NT": true, "TN": true, "ZZ": true}
	for _, p := range ninoPrefixes {
		if badPrefix[p] || !nino.MatchString(p+"123456A") {
			t.Errorf("NI prefix %s is not allowed", p)
		}
	}
	for id := 1; id < 3000000; id += 997 {
		if n := niNumber(5, id); !nino.MatchString(n) {
			t.Fatalf("NI number %q for %d is malformed", n, id)
		}
	}
	c := &city{r: newRNG()}
	seen := map[string]bool{}
	for i := 0; i < 100000; i++ {
		if i == 50000 {
			c.unit = 396000 - 25000 // across the first change of area
		}
		c.unitLeft = 0
		pc := c.postcode()
		if !postcode.MatchString(pc) {
			t.Fatalf("postcode %q is not BS 7666", pc)
		}
		if seen[pc] {
			t.Fatalf("postcode unit %q used twice", pc)
		}
		seen[pc] = true
	}
}

// A cancelled run stops and leaves no temporary files.
func TestCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	dir := t.TempDir()
	if _, err := Generate(ctx, dir, Options{People: 5000, Seed: 1}); err == nil {
		t.Fatal("Generate ignored a cancelled context")
	}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), ".") {
			t.Errorf("temporary file %s left behind", e.Name())
		}
	}
}
