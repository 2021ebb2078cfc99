package mapping

import (
	"strings"
	"testing"

	"github.com/council/golden/config"
	"github.com/council/golden/connectors/raw"
	"github.com/council/golden/record"
)

func TestTitleCase(t *testing.T) {
	tests := map[string]string{
		"o'NEILL-smith": "O'Neill-Smith",
		"mcdonald":      "McDonald",
		"JOHN  paul":    "John  Paul",
		"":              "",
		"flat 3a":       "Flat 3a",
		"émile":         "Émile",
	}
	for in, want := range tests {
		t.Run(in, func(t *testing.T) {
			if got := TitleCase(in); got != want {
				t.Errorf("TitleCase(%q) = %q, want %q", in, got, want)
			}
		})
	}
}

func TestPence(t *testing.T) {
	tests := []struct {
		in   string
		want string
		ok   bool
	}{
		{"£156,000", "15600000", true},
		{"8600", "860000", true},
		{"£1,234.50", "123450", true},
		{"1234.5", "123450", true},
		{"(12.00)", "-1200", true},
		{"-£80", "-8000", true},
		{"GBP 80", "8000", true},
		{".5", "50", true},
		{"12.345", "12.345", false},
		{"abc", "abc", false},
		{"£", "£", false},
		// European-configured exports: decimal comma, point or space groups.
		{"250,00", "25000", true},
		{"-12,50", "-1250", true},
		{"1.234,56", "123456", true},
		{"£1.050,75", "105075", true},
		{"1 234,5", "123450", true},
		{"1.234.567,00", "123456700", true},
		{"1,234,567.00", "123456700", true},
		{"£1,050", "105000", true},
		// Grouping that is not by three is not an amount, never a guess.
		{"12,3456", "12,3456", false},
		{"1,23,456", "1,23,456", false},
		{"1.234,56.7", "1.234,56.7", false},
		{",50", "50", true},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, ok := Pence(tt.in)
			if got != tt.want || ok != tt.ok {
				t.Errorf("Pence(%q) = %q, %v; want %q, %v", tt.in, got, ok, tt.want, tt.ok)
			}
		})
	}
}

func TestSplitName(t *testing.T) {
	tests := []struct {
		in          string
		familyFirst bool
		want        Name
	}{
		{"Mr John Andrew Smith", false, Name{"Mr", "John", "Andrew", "Smith"}},
		{"SMITH, John A", false, Name{"", "John", "A", "SMITH"}},
		{"SMITH John A", true, Name{"", "John", "A", "SMITH"}},
		{"Ludwig van Beethoven", false, Name{"", "Ludwig", "", "van Beethoven"}},
		{"Dr. Jane Doe Jr", false, Name{"Dr", "Jane", "", "Doe"}},
		{"Cher", false, Name{"", "", "", "Cher"}},
		{"", false, Name{}},
		{"van Beethoven, Ludwig", false, Name{"", "Ludwig", "", "van Beethoven"}},
		{"VAN DER BERG Anouk", true, Name{"", "Anouk", "", "VAN DER BERG"}},
		{"DE LA CRUZ Maria José", true, Name{"", "Maria", "José", "DE LA CRUZ"}},
		{"AP RHYS Dafydd", true, Name{"", "Dafydd", "", "AP RHYS"}},
		{"SMITH JONES Mary Ann", true, Name{"", "Mary", "Ann", "SMITH JONES"}},
		{"SMITH MR John", true, Name{"Mr", "John", "", "SMITH"}},
		{"SMITH J A", true, Name{"", "J", "A", "SMITH"}},
		{"DE Anna", true, Name{"", "Anna", "", "DE"}},
		{`Diane "Dee" Ng`, false, Name{"", "Diane", "", "Ng"}},
		{"Robert (Bob) James Lee", false, Name{"", "Robert", "James", "Lee"}},
		{"O'Brien Sean", true, Name{"", "Sean", "", "O'Brien"}},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			if got := SplitName(tt.in, tt.familyFirst); got != tt.want {
				t.Errorf("SplitName(%q) = %+v, want %+v", tt.in, got, tt.want)
			}
		})
	}
}

func TestSplitAddress(t *testing.T) {
	tests := []struct {
		name string
		in   []string
		want Addr
	}{
		{"portsmouth one line", []string{"Ground Floor, 25, Albert Road, Southsea, Hants, PO5 2SE"},
			Addr{SubBuilding: "Ground Floor", BuildingNumber: "25", Street: "Albert Road", Town: "Southsea", Postcode: "PO5 2SE",
				Text: "Ground Floor, 25, Albert Road, Southsea, Hants, PO5 2SE"}},
		{"basildon columns", []string{"31-33 The Broadway", "Wickford", "Essex", "", "", "SS11 7AD"},
			Addr{BuildingNumber: "31-33", Street: "The Broadway", Town: "Wickford", Postcode: "SS11 7AD",
				Text: "31-33 The Broadway, Wickford, Essex, SS11 7AD"}},
		{"named building", []string{"Aviva House", "Southernhay", "Basildon", "Essex", "", "SS14 1EZ"},
			Addr{BuildingName: "Aviva House", Street: "Southernhay", Town: "Basildon", Postcode: "SS14 1EZ",
				Text: "Aviva House, Southernhay, Basildon, Essex, SS14 1EZ"}},
		{"flat and locality", []string{"Flat 3, Rose Court, 12 High Street, Hampton Wick, Kingston, KT1 4DA"},
			Addr{SubBuilding: "Flat 3", BuildingName: "Rose Court", BuildingNumber: "12", Street: "High Street", Locality: "Hampton Wick", Town: "Kingston", Postcode: "KT1 4DA",
				Text: "Flat 3, Rose Court, 12 High Street, Hampton Wick, Kingston, KT1 4DA"}},
		{"postcode without comma", []string{"38 STATION ROAD SUDBURY SUFFOLK CO10 2SS"},
			Addr{BuildingNumber: "38", Street: "STATION ROAD SUDBURY SUFFOLK", Postcode: "CO10 2SS", Text: "38 STATION ROAD SUDBURY SUFFOLK, CO10 2SS"}},
		{"empty", []string{"", " "}, Addr{}},
		{"lines in one quoted csv field", []string{"Flat 4\r\nMarine House\r\nSea Road", "Great Yarmouth", "NR30 1BB"},
			Addr{SubBuilding: "Flat 4", BuildingName: "Marine House", Street: "Sea Road", Town: "Great Yarmouth", Postcode: "NR30 1BB",
				Text: "Flat 4, Marine House, Sea Road, Great Yarmouth, NR30 1BB"}},
		{"json array of lines", []string{"Flat 1;3 Canal Street", "Manchester"},
			Addr{SubBuilding: "Flat 1", BuildingNumber: "3", Street: "Canal Street", Town: "Manchester",
				Text: "Flat 1, 3 Canal Street, Manchester"}},
		{"companies house", []string{"UNIT 9   BERRY COURT FARM BRAMLEY ROAD", "LITTLE LONDON", "TADLEY", "HAMPSHIRE", "RG26 5AT"},
			Addr{SubBuilding: "UNIT 9", Street: "BERRY COURT FARM BRAMLEY ROAD", Locality: "LITTLE LONDON", Town: "TADLEY", Postcode: "RG26 5AT",
				Text: "UNIT 9 BERRY COURT FARM BRAMLEY ROAD, LITTLE LONDON, TADLEY, HAMPSHIRE, RG26 5AT"}},
		{"unit on a business park on a road", []string{"UNIT 9, WHARF BUSINESS PARK, WHARF ROAD, BASILDON, SS14 3AB"},
			Addr{SubBuilding: "UNIT 9", BuildingName: "WHARF BUSINESS PARK", Street: "WHARF ROAD", Town: "BASILDON", Postcode: "SS14 3AB",
				Text: "UNIT 9, WHARF BUSINESS PARK, WHARF ROAD, BASILDON, SS14 3AB"}},
		{"business park with no road", []string{"Unit 9, Wharf Business Park, Basildon, SS14 3AB"},
			Addr{SubBuilding: "Unit 9", Street: "Wharf Business Park", Town: "Basildon", Postcode: "SS14 3AB",
				Text: "Unit 9, Wharf Business Park, Basildon, SS14 3AB"}},
		{"block of flats on a road", []string{"Flat 4, Marine Court, Sea Road, Great Yarmouth, NR30 1BB"},
			Addr{SubBuilding: "Flat 4", BuildingName: "Marine Court", Street: "Sea Road", Town: "Great Yarmouth", Postcode: "NR30 1BB",
				Text: "Flat 4, Marine Court, Sea Road, Great Yarmouth, NR30 1BB"}},
		{"a court that is the street", []string{"Flat 4, Marine Court, Great Yarmouth, NR30 1BB"},
			Addr{SubBuilding: "Flat 4", Street: "Marine Court", Town: "Great Yarmouth", Postcode: "NR30 1BB",
				Text: "Flat 4, Marine Court, Great Yarmouth, NR30 1BB"}},
		{"a court then a locality", []string{"Marine Court, Gorleston, Great Yarmouth"},
			Addr{Street: "Marine Court", Locality: "Gorleston", Town: "Great Yarmouth",
				Text: "Marine Court, Gorleston, Great Yarmouth"}},
		{"a court on a lane, no town", []string{"Flat 2, Rowan Court", "Mill Lane"},
			Addr{SubBuilding: "Flat 2", BuildingName: "Rowan Court", Street: "Mill Lane", Text: "Flat 2, Rowan Court, Mill Lane"}},
		{"a house on a street, no town", []string{"Flat 7\nCastle House\nHigh Street"},
			Addr{SubBuilding: "Flat 7", BuildingName: "Castle House", Street: "High Street", Text: "Flat 7, Castle House, High Street"}},
		{"named house on a road", []string{"Rose Cottage", "Mill Lane", "Little Hadham", "Ware", "SG11 2AB"},
			Addr{BuildingName: "Rose Cottage", Street: "Mill Lane", Locality: "Little Hadham", Town: "Ware", Postcode: "SG11 2AB",
				Text: "Rose Cottage, Mill Lane, Little Hadham, Ware, SG11 2AB"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := SplitAddress(tt.in); got != tt.want {
				t.Errorf("SplitAddress(%q)\n got %+v\nwant %+v", tt.in, got, tt.want)
			}
		})
	}
}

func TestHeaderErrorNamesTheProjectFile(t *testing.T) {
	tests := []struct {
		config, want string
	}{
		{"", `in.csv: column "REF" (mapped to id at golden.yaml line 7) is not in the file; it has: A, B`},
		{"trial.yaml", `in.csv: column "REF" (mapped to id at trial.yaml line 7) is not in the file; it has: A, B`},
	}
	for _, tt := range tests {
		t.Run(tt.config, func(t *testing.T) {
			e := &HeaderError{Config: tt.config, File: "in.csv", Column: "REF", What: "id", Line: 7, Columns: []string{"A", "B"}}
			if got := e.Error(); got != tt.want {
				t.Errorf("got  %s\nwant %s", got, tt.want)
			}
		})
	}
}

// Without date:, date_of_birth tries the default formats, including
// Oracle's default DD-MON-YY (02-MAR-61) that legacy exports are full of.
func TestDefaultDateOfBirthFormats(t *testing.T) {
	cfg, err := config.Parse("golden.yaml", []byte(`version: 1
sources:
  - name: s
    kind: person
    connector: csv
    id: REF
    fields:
      date_of_birth: DOB
`))
	if err != nil {
		t.Fatal(err)
	}
	spec, err := Parse(cfg, &cfg.Sources[0], "")
	if err != nil {
		t.Fatal(err)
	}
	h := raw.NewHeader([]string{"REF", "DOB"})
	tests := []struct {
		in, want string
		valid    bool
	}{
		{"1961-03-02", "1961-03-02", true},
		{"2/3/1961", "1961-03-02", true},
		{"02.03.1961", "1961-03-02", true},
		{"02-Mar-1961", "1961-03-02", true},
		{"02-MAR-61", "1961-03-02", true},
		{"2 Mar 61", "1961-03-02", true},
		{"02-Mar-05", "2005-03-02", true},
		{"31-Feb-61", "31-Feb-61", false},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			m := spec.NewMapper()
			var out Out
			if qe, err := m.Map(&raw.Row{File: "f", Line: 2, Header: h, Values: []string{"R1", tt.in}}, &out); qe != nil || err != nil {
				t.Fatal(qe, err)
			}
			got := out.Rec.Values[record.DateOfBirth]
			valid := !out.Rec.Invalid.Has(record.DateOfBirth)
			if got != tt.want || valid != tt.valid {
				t.Errorf("date_of_birth %q = %q (valid %v), want %q (valid %v)", tt.in, got, valid, tt.want, tt.valid)
			}
		})
	}
}

func TestNearPath(t *testing.T) {
	paths := []string{"contacts.0.name", "contacts.1.name", "id", "name.family", "name.given", "pupil.surname"}
	tests := []struct{ missing, want string }{
		{"pupil.surnme", "pupil.surname"},
		{"Name.Given", "name.given"},
		{"surname", "pupil.surname"},
		{"contacts.0.nmae", "contacts.0.name"},
		{"carer.id", ""},         // absent from this extract: no warning
		{"name.preferred", ""},   // likewise
		{"address.postcode", ""}, // nothing near
	}
	for _, tt := range tests {
		t.Run(tt.missing, func(t *testing.T) {
			if got := nearPath(tt.missing, paths); got != tt.want {
				t.Errorf("nearPath(%q) = %q, want %q", tt.missing, got, tt.want)
			}
		})
	}
}

func TestParseDateFormatRejects(t *testing.T) {
	tests := []struct{ format, want string }{
		{"DD/MMM/YYYY", "has the month twice (MMM? a month's name is MON"},
		{"DD/MM/YYYY YY", "has the year twice"},
		{"DD/MM/QQQQ", "unknown token"},
		{"--", "has no date tokens"},
	}
	for _, tt := range tests {
		if _, err := parseDateFormat(tt.format); err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("parseDateFormat(%q) = %v, want an error with %q", tt.format, err, tt.want)
		}
	}
	for _, ok := range []string{"DD/MM/YYYY", "DD-MON-YY", "D MONTH YYYY", "YYYYMMDD", "iso", "excel", "02/01/2006"} {
		if _, err := parseDateFormat(ok); err != nil {
			t.Errorf("parseDateFormat(%q): %v", ok, err)
		}
	}
}
