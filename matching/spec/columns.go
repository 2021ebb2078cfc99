package spec

import (
	"sort"
	"strings"
)

// ColType is the type of a feature column.
type ColType int

// Feature column types.
const (
	Text   ColType = iota // VARCHAR
	List                  // VARCHAR[] of tokens
	Date                  // VARCHAR holding YYYY-MM-DD
	Number                // VARCHAR holding an integer
)

// Column is one standardised feature column that comparisons and blocking
// rules may name.
type Column struct {
	Name string
	Type ColType
	Doc  string
}

// AttrPrefix names a source attribute as a column: "attr.tenure".
const AttrPrefix = "attr."

// Columns is the catalogue of feature columns, in the order of the
// match_features table (after rid, version, fver, kind, source, attrs).
var columns = []Column{
	{"given", Text, "given name, folded, spaces removed"},
	{"given_first", Text, "first token of the given name"},
	{"given_canon", Text, "nickname-canonical first given name (Bob → ROBERT)"},
	{"given_dm", Text, "Double Metaphone (primary) of the first given name"},
	{"given_dm2", Text, "Double Metaphone (alternate) of the first given name"},
	{"given_nysiis", Text, "NYSIIS of the first given name"},
	{"given_sx", Text, "Soundex of the first given name"},
	{"middle", Text, "middle names, folded"},
	{"family", Text, "family name, folded, spaces removed"},
	{"family_dm", Text, "Double Metaphone (primary) of the family name"},
	{"family_dm2", Text, "Double Metaphone (alternate) of the family name"},
	{"family_nysiis", Text, "NYSIIS of the family name"},
	{"family_sx", Text, "Soundex of the family name"},
	{"names_sx", Text, "Soundex of the first given and the family name, sorted (swap-invariant)"},
	{"prev_family", List, "previous family names, folded"},
	{"dob", Date, "date of birth YYYY-MM-DD"},
	{"sex", Text, "M, F, X; U is missing"},
	{"nhs", Text, "valid NHS number"},
	{"ni", Text, "valid National Insurance number"},
	{"email", Text, "valid e-mail address, lower case"},
	{"email_user", Text, "the part of the e-mail address before the @"},
	{"phone", Text, "valid phone number, digits"},
	{"uprn", Text, "valid UPRN"},
	{"usrn", Text, "valid USRN"},
	{"pc", Text, "postcode, upper case without spaces"},
	{"pc_out", Text, "UK outward code"},
	{"pc_sector", Text, "UK postcode sector (outward + first inward digit)"},
	{"house", Text, "building number (leading number and suffix)"},
	{"flat", Text, "sub-building (flat, unit), folded"},
	{"building", Text, "building name, folded"},
	{"street", Text, "street, folded, abbreviations expanded"},
	{"locality", Text, "locality, folded"},
	{"town", Text, "town, folded"},
	{"addr_key", Text, "flat, building name, number and street: one dwelling"},
	{"addr_pc", Text, "addr_key and the postcode"},
	{"addr_tokens", List, "address tokens (all address parts)"},
	{"class", Text, "property classification code"},
	{"biz_name", Text, "business name without legal-form words, spaces kept"},
	{"biz_tokens", List, "business name tokens without legal-form words"},
	{"biz_key", Text, "business name tokens sorted and joined"},
	{"biz_first", Text, "first business name token"},
	{"biz_dm", Text, "Double Metaphone of the first business name token"},
	{"trading", Text, "trading name without legal-form words"},
	{"company_no", Text, "valid company number"},
	{"rateable", Number, "rateable value in pence"},
}

// Columns returns the feature column catalogue.
func Columns() []Column { return append([]Column(nil), columns...) }

// LookupColumn returns the column called name. Attribute columns
// ("attr.<name>") are Text.
func LookupColumn(name string) (Column, bool) {
	if a, ok := strings.CutPrefix(name, AttrPrefix); ok && a != "" {
		return Column{Name: name, Type: Text, Doc: "source attribute " + a}, true
	}
	for _, c := range columns {
		if c.Name == name {
			return c, true
		}
	}
	return Column{}, false
}

// ColumnNames lists the catalogue's names, sorted, for error messages.
func ColumnNames() string {
	var n []string
	for _, c := range columns {
		n = append(n, c.Name)
	}
	sort.Strings(n)
	return strings.Join(n, ", ") + ", attr.<name>"
}
