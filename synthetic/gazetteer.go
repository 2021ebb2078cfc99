package synthetic

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// gazetteer writes the LLPG as a BS 7666 DTF 7.3 export: a header (10), street
// records (11) with their descriptors (15), a BLPU (21) and an LPI (24) for
// every property, and a trailer (99). Strings are double-quoted, dates
// YYYY-MM-DD, coordinates with two decimals; there is no header row.
type gazetteer struct {
	w       *world
	out     *file // the final file
	tmp     *file // BLPU and LPI records, appended after the streets at the end
	count   int
	records int
	pro     int
}

const (
	gazetteerFile = "gazetteer.csv"
	gazetteerTmp  = ".gazetteer.tmp"
)

func newGazetteer(w *world, open func(string) (*file, error)) (*gazetteer, error) {
	g := &gazetteer{w: w}
	var err error
	if g.tmp, err = open(gazetteerTmp); err != nil {
		return nil, err
	}
	return g, nil
}

func q(s string) string { return `"` + strings.ReplaceAll(s, `"`, `""`) + `"` }

func coord(x float64) string { return strconv.FormatFloat(x, 'f', 2, 64) }

func num(n int) string {
	if n == 0 {
		return ""
	}
	return strconv.Itoa(n)
}

func (g *gazetteer) property(p *property) error {
	g.count++
	g.pro++
	w := g.tmp.w
	entry := isoDate(p.start)
	parent := ""
	if p.parent != 0 {
		parent = strconv.FormatInt(p.parent, 10)
	}
	uprn := uprnText(p)
	// 21 BLPU
	fmt.Fprintf(w, "21,\"I\",%d,%s,1,2,%s,%s,%s,%s,%s,1,9999,%s,,%s,%s,\"\",\"\",\"\",,,\n",
		g.pro, uprn, entry, q(p.class), parent, coord(p.x), coord(p.y), entry, entry, entry)
	g.pro++
	// 24 LPI
	lpiKey := "9999L" + pad(g.count, 9)
	fmt.Fprintf(w, "24,\"I\",%d,%s,%s,\"ENG\",1,%s,,%s,%s,,\"\",,\"\",%s,%s,%s,,\"\",%s,%d,\"\",\"A\",%s,%s,\"Y\",,,\n",
		g.pro, uprn, q(lpiKey), entry, entry, entry, q(p.saoText), num(p.paoNum), q(p.paoSuffix), q(p.paoText),
		p.st.usrn, q(p.postcode), q(strings.ToUpper(p.st.town)))
	g.records += 2
	g.w.addTruth("gazetteer", uprn, "property", p.entity())
	return nil
}

func (g *gazetteer) household(*household) error { return nil }
func (g *gazetteer) business(*business) error   { return nil }

func (g *gazetteer) finish() error {
	if err := g.tmp.close(); err != nil {
		return err
	}
	tmpPath := filepath.Join(g.w.dir, g.tmp.name)
	out, err := createFile(g.w.dir, gazetteerFile)
	if err != nil {
		return err
	}
	defer out.close()
	w := out.w
	asOf := isoDate(g.w.opts.AsOf)
	custodian := strings.ToUpper(g.w.opts.Council)
	fmt.Fprintf(w, "10,%s,9999,%s,1,%s,\"06:00:00\",\"7.3\",\"F\"\n", q(custodian), asOf, asOf)
	town := strings.ToUpper(g.w.opts.Town)
	pro := 0
	for _, s := range g.w.streetList() {
		pro++
		d := isoDate(s.start)
		fmt.Fprintf(w, "11,\"I\",%d,%d,1,9999,2,%s,1,8,0,%s,%s,%s,,%s,%s,%s,%s,10\n",
			pro, s.usrn, d, d, d, d, coord(s.x0), coord(s.y0), coord(s.x1), coord(s.y1))
		pro++
		fmt.Fprintf(w, "15,\"I\",%d,%d,%s,%s,%s,%s,\"ENG\"\n",
			pro, s.usrn, q(strings.ToUpper(s.name)), q(strings.ToUpper(s.locality)), q(town), q(town))
		g.records += 2
	}
	in, err := os.Open(tmpPath)
	if err != nil {
		return fmt.Errorf("synthetic: gazetteer: %w", err)
	}
	_, err = io.Copy(w, bufio.NewReaderSize(in, 1<<18))
	in.Close()
	if err != nil {
		return fmt.Errorf("synthetic: gazetteer: %w", err)
	}
	if err := os.Remove(tmpPath); err != nil {
		return fmt.Errorf("synthetic: gazetteer: %w", err)
	}
	fmt.Fprintf(w, "99,0,%d,%s,\"06:00:00\"\n", g.records, asOf)
	return out.close()
}

func (g *gazetteer) yaml() string {
	return `
  # The LLPG (local gazetteer): BS 7666 DTF 7.3, records 10/11/15/21/24/99. The
  # dtf73 connector joins each BLPU with its LPI and street and maps them itself.
  - name: gazetteer
    kind: property
    connector: dtf73
    path: gazetteer.csv
    trust: 5
`
}
