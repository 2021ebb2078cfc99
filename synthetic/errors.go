package synthetic

import (
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// The error profile of one system: the chance that each kind of mistake is
// made in one record.
type profile struct {
	typo      float64 // keyboard-adjacent substitution in a name
	ocr       float64 // OCR confusion (rn/m, l/1, O/0 …)
	phonetic  float64 // Catherine/Katherine, Thompson/Thomson
	nickname  float64 // Bob for Robert
	initial   float64 // the given name as an initial only
	swapNames float64 // given and family name swapped
	swapDM    float64 // day and month of the birth date swapped (when both ≤ 12)
	missDOB   float64 // birth date missing
	badNHS    float64 // NHS number mistyped (one digit changed or two transposed)
	missNHS   float64
	stale     float64 // a mover still held at the previous address
	staleName float64 // a newly-wed still held under the birth surname
	missPC    float64 // postcode missing
	dupe      float64 // the same person registered twice (a second record)
}

var nicknames = map[string][]string{
	"Robert": {"Bob", "Rob", "Bobby"}, "William": {"Bill", "Will", "Billy"}, "Richard": {"Rich", "Richie", "Dick"},
	"Elizabeth": {"Liz", "Beth", "Lizzie", "Betty"}, "Margaret": {"Maggie", "Peggy", "Meg"}, "Catherine": {"Cathy", "Kate"},
	"Katherine": {"Kate", "Kathy"}, "Christopher": {"Chris"}, "Michael": {"Mike", "Mick"}, "James": {"Jim", "Jimmy", "Jamie"},
	"Jennifer": {"Jenny", "Jen"}, "Thomas": {"Tom", "Tommy"}, "Anthony": {"Tony"}, "Edward": {"Ted", "Ed", "Eddie"},
	"Alexander": {"Alex", "Sandy"}, "Daniel": {"Dan", "Danny"}, "Matthew": {"Matt"}, "Joseph": {"Joe"}, "Samuel": {"Sam"},
	"Benjamin": {"Ben"}, "Nicholas": {"Nick"}, "Jonathan": {"Jon"}, "Stephen": {"Steve"}, "Steven": {"Steve"},
	"Andrew": {"Andy", "Drew"}, "David": {"Dave"}, "Peter": {"Pete"}, "Patricia": {"Pat", "Trish"}, "Susan": {"Sue"},
	"Deborah": {"Debbie", "Debs"}, "Rebecca": {"Becky"}, "Victoria": {"Vicky"}, "Samantha": {"Sam"}, "Jacqueline": {"Jackie"},
	"Amanda": {"Mandy"}, "Charlotte": {"Lottie"}, "Eleanor": {"Ellie"}, "Isabella": {"Bella"}, "Abigail": {"Abi"},
	"Frederick": {"Fred"}, "Kenneth": {"Ken"}, "Ronald": {"Ron"}, "Donald": {"Don"}, "Terence": {"Terry"},
	"Leslie": {"Les"}, "Raymond": {"Ray"}, "Harold": {"Harry"}, "Henry": {"Harry"}, "Dorothy": {"Dot"},
	"Pamela": {"Pam"}, "Valerie": {"Val"}, "Gillian": {"Gill"}, "Christine": {"Chris"}, "Philip": {"Phil"},
	"Theodore": {"Theo"}, "Oliver": {"Ollie"}, "Alfred": {"Alf"}, "Gregory": {"Greg"}, "Timothy": {"Tim"},
	"Jessica": {"Jess"}, "Nicola": {"Nicky"}, "Joanne": {"Jo"}, "Kathleen": {"Kath"}, "Barbara": {"Babs"},
	"Muhammad": {"Mo"}, "Mohammed": {"Mo"}, "Gemma": {"Gem"}, "Lauren": {"Laurie"}, "Frances": {"Fran"},
}

// phonetic spelling variants, both ways.
var variants = [][]string{
	{"Catherine", "Katherine", "Kathryn"}, {"Stephen", "Steven"}, {"Philip", "Phillip"}, {"Jon", "John"},
	{"Clare", "Claire"}, {"Sean", "Shaun", "Shawn"}, {"Mohammed", "Muhammad", "Mohamed"}, {"Thompson", "Thomson"},
	{"Smith", "Smyth"}, {"Reid", "Read", "Reed"}, {"Davies", "Davis"}, {"Matthews", "Mathews"}, {"Phillips", "Philips"},
	{"Stevens", "Stephens"}, {"Gray", "Grey"}, {"Clarke", "Clark"}, {"Hayley", "Haley", "Hailey"}, {"Sophie", "Sophy"},
	{"Rachel", "Rachael"}, {"Geoffrey", "Jeffrey"}, {"Isabelle", "Isobel", "Isabel"}, {"Nicola", "Nichola"},
	{"Zoë", "Zoe"}, {"Chloé", "Chloe"}, {"Leanne", "Lianne"}, {"Tracey", "Tracy"}, {"Lindsay", "Lindsey"},
	{"Ellie", "Elly"}, {"Freya", "Freyja"}, {"Evie", "Evey"}, {"Aisha", "Ayesha"}, {"Hussain", "Hussein"},
	{"Ahmed", "Ahmad"}, {"Macdonald", "McDonald"}, {"Neil", "Neal"}, {"Alan", "Allan", "Allen"}, {"Brian", "Bryan"},
	{"Carl", "Karl"}, {"Debra", "Deborah"}, {"Graham", "Graeme"}, {"Lewis", "Louis"}, {"Connor", "Conor"},
}

// keyboard neighbours on a UK QWERTY keyboard.
var neighbours = map[byte]string{
	'q': "wa", 'w': "qes", 'e': "wrd", 'r': "etf", 't': "ryg", 'y': "tuh", 'u': "yij", 'i': "uok", 'o': "ipl", 'p': "ol",
	'a': "qsz", 's': "adwx", 'd': "sfe", 'f': "dgr", 'g': "fht", 'h': "gjy", 'j': "hku", 'k': "jli", 'l': "ko",
	'z': "xa", 'x': "zcs", 'c': "xvd", 'v': "cbf", 'b': "vng", 'n': "bmh", 'm': "nj",
}

// OCR confusions, applied to the first match.
var ocrPairs = [][2]string{{"rn", "m"}, {"m", "rn"}, {"cl", "d"}, {"li", "h"}, {"l", "1"}, {"O", "0"}, {"I", "l"}, {"e", "c"}, {"u", "v"}, {"S", "5"}, {"B", "8"}}

// keyboardTypo replaces one letter with a neighbouring key.
func keyboardTypo(r *rng, s string) string {
	if len(s) < 3 {
		return s
	}
	b := []byte(s)
	for tries := 0; tries < 4; tries++ {
		i := 1 + r.IntN(len(b)-1)
		c := b[i]
		lower := c | 0x20
		if n, ok := neighbours[lower]; ok && c >= 'A' && c <= 'z' {
			x := n[r.IntN(len(n))]
			if c < 'a' {
				x -= 32
			}
			b[i] = x
			return string(b)
		}
	}
	return s
}

func ocrError(r *rng, s string) string {
	start := r.IntN(len(ocrPairs))
	for k := range ocrPairs {
		p := ocrPairs[(start+k)%len(ocrPairs)]
		if i := strings.Index(s, p[0]); i >= 0 {
			return s[:i] + p[1] + s[i+len(p[0]):]
		}
	}
	return s
}

// phoneticVariant returns another spelling that sounds the same.
func phoneticVariant(r *rng, s string) string {
	for _, v := range variants {
		for _, x := range v {
			if x == s {
				for {
					y := v[r.IntN(len(v))]
					if y != s {
						return y
					}
				}
			}
		}
	}
	// Rules: ph ↔ f, a doubled consonant made single, -ie ↔ -y.
	switch {
	case strings.Contains(s, "ph"):
		return strings.Replace(s, "ph", "f", 1)
	case strings.HasSuffix(s, "ie"):
		return strings.TrimSuffix(s, "ie") + "y"
	case strings.HasSuffix(s, "y") && len(s) > 3:
		return strings.TrimSuffix(s, "y") + "ie"
	}
	for i := 1; i < len(s); i++ {
		if s[i] == s[i-1] && s[i] >= 'a' && s[i] <= 'z' && !strings.ContainsRune("aeiou", rune(s[i])) {
			return s[:i] + s[i+1:]
		}
	}
	return s
}

func nickname(r *rng, s string) string {
	if n, ok := nicknames[s]; ok {
		return n[r.IntN(len(n))]
	}
	return s
}

// mistypeNHS changes one digit or transposes two neighbouring ones.
func mistypeNHS(r *rng, s string) string {
	if len(s) != 10 {
		return s
	}
	b := []byte(s)
	i := r.IntN(9)
	if r.chance(0.5) && b[i] != b[i+1] {
		b[i], b[i+1] = b[i+1], b[i]
	} else {
		b[i] = byte('0' + (int(b[i]-'0')+1+r.IntN(8))%10)
	}
	return string(b)
}

// swapDayMonth swaps day and month when that gives a valid, different date.
func swapDayMonth(d time.Time) (time.Time, bool) {
	if d.Day() > 12 || d.Day() == int(d.Month()) {
		return d, false
	}
	return date(d.Year(), d.Day(), int(d.Month())), true
}

// asciiFold strips accents for systems that only hold ASCII.
func asciiFold(s string) string {
	ascii := true
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			ascii = false
			break
		}
	}
	if ascii {
		return s
	}
	var b strings.Builder
	for _, c := range s {
		switch {
		case c < utf8.RuneSelf:
			b.WriteRune(c)
		case strings.ContainsRune("àáâãäå", c):
			b.WriteByte('a')
		case strings.ContainsRune("ÀÁÂÃÄÅ", c):
			b.WriteByte('A')
		case strings.ContainsRune("èéêë", c):
			b.WriteByte('e')
		case strings.ContainsRune("ÈÉÊË", c):
			b.WriteByte('E')
		case strings.ContainsRune("ìíîï", c):
			b.WriteByte('i')
		case strings.ContainsRune("ÌÍÎÏ", c):
			b.WriteByte('I')
		case strings.ContainsRune("òóôõöø", c):
			b.WriteByte('o')
		case strings.ContainsRune("ÒÓÔÕÖØ", c):
			b.WriteByte('O')
		case strings.ContainsRune("ùúûü", c):
			b.WriteByte('u')
		case strings.ContainsRune("ÙÚÛÜ", c):
			b.WriteByte('U')
		case c == 'ç':
			b.WriteByte('c')
		case c == 'ñ':
			b.WriteByte('n')
		case c == 'Ñ':
			b.WriteByte('N')
		case unicode.IsLetter(c):
			b.WriteByte('?')
		}
	}
	return b.String()
}

// nameView is how one system holds a person's name and birth date.
type nameView struct {
	title, given, middle, family string
	dob                          time.Time // zero when missing
	nhs                          string
}

// view applies a system's profile to a person, counting in tally (which may
// be nil) each mistake that changed a value.
func (pr *profile) view(r *rng, p *person, tally map[string]int) nameView {
	v := nameView{title: p.title, given: p.given, middle: p.middle, family: p.family, dob: p.dob, nhs: p.nhs}
	count := func(kind string, changed bool) {
		if changed && tally != nil {
			tally[kind]++
		}
	}
	if p.newlyWed && p.birthFamily != "" && r.chance(pr.staleName) {
		v.family = p.birthFamily
		count("birth_surname", true)
	}
	if r.chance(pr.nickname) {
		old := v.given
		v.given = nickname(r, v.given)
		count("nickname", v.given != old)
	}
	if r.chance(pr.phonetic) {
		g, f := v.given, v.family
		if r.chance(0.5) {
			v.given = phoneticVariant(r, v.given)
		} else {
			v.family = phoneticVariant(r, v.family)
		}
		count("phonetic", g != v.given || f != v.family)
	}
	if r.chance(pr.typo) {
		g, f := v.given, v.family
		if r.chance(0.5) {
			v.given = keyboardTypo(r, v.given)
		} else {
			v.family = keyboardTypo(r, v.family)
		}
		count("keyboard_typo", g != v.given || f != v.family)
	}
	if r.chance(pr.ocr) {
		f := v.family
		v.family = ocrError(r, v.family)
		count("ocr", f != v.family)
	}
	if r.chance(pr.initial) && v.given != "" {
		g := v.given
		v.given = firstLetter(v.given)
		if v.middle != "" {
			v.middle = firstLetter(v.middle)
		}
		count("initial_only", g != v.given)
	}
	if r.chance(pr.swapNames) {
		v.given, v.family = v.family, v.given
		count("names_swapped", v.given != v.family)
	}
	if r.chance(pr.swapDM) {
		var ok bool
		v.dob, ok = swapDayMonth(v.dob)
		count("day_month_swapped", ok)
	}
	if r.chance(pr.missDOB) {
		count("dob_missing", !v.dob.IsZero())
		v.dob = time.Time{}
	}
	if r.chance(pr.badNHS) {
		n := v.nhs
		v.nhs = mistypeNHS(r, v.nhs)
		count("nhs_mistyped", n != v.nhs)
	} else if r.chance(pr.missNHS) {
		count("nhs_missing", v.nhs != "")
		v.nhs = ""
	}
	return v
}

func firstLetter(s string) string {
	_, n := utf8.DecodeRuneInString(s)
	return s[:n]
}
