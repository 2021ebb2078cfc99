package mapping

import (
	"testing"

	"gopkg.in/yaml.v3"

	"github.com/council/golden/config"
	"github.com/council/golden/connectors/raw"
)

const benchMapping = `version: 1
sources:
  - name: council_tax
    kind: person
    connector: csv
    id: ACCOUNT_REF
    fields:
      title: TITLE
      given_name: FORENAME
      middle_names: MIDDLE
      family_name: {column: SURNAME, case: title}
      date_of_birth: {column: DOB, date: DD/MM/YYYY}
      sex: GENDER
      nhs_number: NHS_NO
      ni_number: NINO
      phone: TEL
      email: EMAIL
      address: {columns: [ADDR1, ADDR2, ADDR3]}
      postcode: POSTCODE
      uprn: UPRN
    attributes:
      tenure: TENURE
`

func BenchmarkMapPersonRow(b *testing.B) {
	cfg, err := config.Parse("golden.yaml", []byte(benchMapping))
	if err != nil {
		b.Fatal(err)
	}
	spec, err := Parse(cfg, &cfg.Sources[0], "")
	if err != nil {
		b.Fatal(err)
	}
	h := raw.NewHeader([]string{"ACCOUNT_REF", "TITLE", "FORENAME", "MIDDLE", "SURNAME", "DOB", "GENDER", "NHS_NO", "NINO", "TEL", "EMAIL", "ADDR1", "ADDR2", "ADDR3", "POSTCODE", "UPRN", "TENURE"})
	row := &raw.Row{File: "f", Line: 2, Header: h, Values: []string{"CT00000001", "Mr", "Zoë", "", "O'BRIEN", "25/12/1980", "M", "9434765919", "AB123456C", "07700 900123",
		"zoe.obrien@example.org", "Flat 3, 12 High Street", "Southsea", "", "po5 2se", "100091275899", "owner"}}
	m := spec.NewMapper()
	var out Out
	b.ReportAllocs()
	for b.Loop() {
		if qe, err := m.Map(row, &out); qe != nil || err != nil {
			b.Fatal(qe, err)
		}
	}
}

var _ = yaml.Node{}
