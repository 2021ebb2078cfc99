package raw

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"os"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/ianaindex"
	"golang.org/x/text/encoding/unicode"
)

// Encodings a text extract may be declared in.
const (
	UTF8        = "utf-8"
	Windows1252 = "windows-1252"
	Latin1      = "latin-1"
	UTF16       = "utf-16"
)

// ParseEncoding returns the canonical name of an encoding as a user may
// spell it ("cp1252", "ISO-8859-1", "utf8"); "" means detect.
func ParseEncoding(s string) (string, error) {
	switch strings.ToLower(strings.ReplaceAll(strings.TrimSpace(s), "_", "-")) {
	case "":
		return "", nil
	case "utf-8", "utf8", "utf-8-sig":
		return UTF8, nil
	case "windows-1252", "cp1252", "win1252", "ansi":
		return Windows1252, nil
	case "latin-1", "latin1", "iso-8859-1", "iso8859-1", "l1":
		return Latin1, nil
	case "utf-16", "utf16", "ucs-2":
		return UTF16, nil
	}
	// Any other IANA name golang.org/x/text knows: windows-1250 for
	// Central European names, iso-8859-15, ibm850 from old DOS systems …
	if e, err := ianaindex.IANA.Encoding(strings.TrimSpace(s)); err == nil && e != nil {
		if name, err := ianaindex.IANA.Name(e); err == nil {
			return strings.ToLower(name), nil
		}
	}
	return "", fmt.Errorf("encoding %q (want utf-8, windows-1252, latin-1, utf-16 or another IANA name such as windows-1250)", s)
}

// TextFile is an open text extract decoded to UTF-8.
type TextFile struct {
	*bufio.Reader
	Encoding string // what it was read as
	Detected bool   // the encoding was detected rather than declared
	f        *os.File
}

// Close closes the file.
func (t *TextFile) Close() error { return t.f.Close() }

// OpenText opens path and decodes it from enc ("" = detect: a BOM, else
// UTF-8 if the first 64 KB are UTF-8 (see looksUTF8), else Windows-1252). A UTF-8 BOM
// is dropped. Bytes invalid for the encoding come through as U+FFFD (UTF-8
// keeps them as they are for the reader to find with utf8.ValidString).
func OpenText(path, enc string) (*TextFile, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("open: %w", unwrapPath(err))
	}
	br := bufio.NewReaderSize(f, 256<<10)
	head, _ := br.Peek(64 << 10)
	t := &TextFile{f: f, Encoding: enc}
	switch {
	case bytes.HasPrefix(head, []byte{0xEF, 0xBB, 0xBF}):
		br.Discard(3)
		if enc == "" {
			t.Encoding = UTF8
		}
	case bytes.HasPrefix(head, []byte{0xFF, 0xFE}) || bytes.HasPrefix(head, []byte{0xFE, 0xFF}):
		if enc == "" || enc == UTF16 {
			t.Encoding = UTF16
		}
	}
	if t.Encoding == "" {
		t.Detected = true
		// Cut a possibly split rune at the end of the sample.
		sample := head
		for i := 0; i < 3 && len(sample) > 0 && !utf8.Valid(sample); i++ {
			sample = sample[:len(sample)-1]
		}
		if looksUTF8(sample) {
			t.Encoding = UTF8
		} else {
			t.Encoding = Windows1252
		}
	}
	var dec *encoding.Decoder
	switch t.Encoding {
	case Windows1252:
		dec = charmap.Windows1252.NewDecoder()
	case Latin1:
		dec = charmap.ISO8859_1.NewDecoder()
	case UTF16:
		dec = unicode.UTF16(unicode.LittleEndian, unicode.ExpectBOM).NewDecoder()
	case UTF8:
	default:
		e, err := ianaindex.IANA.Encoding(t.Encoding)
		if err != nil || e == nil {
			f.Close()
			return nil, fmt.Errorf("encoding %q: not supported", t.Encoding)
		}
		dec = e.NewDecoder()
	}
	var r io.Reader = br
	if dec != nil {
		r = dec.Reader(br)
	}
	// Old Mac line endings: carriage returns and no line feeds at all.
	if bytes.IndexByte(head, '\r') >= 0 && bytes.IndexByte(head, '\n') < 0 {
		r = crReader{r}
	}
	if r == io.Reader(br) {
		t.Reader = br
	} else {
		t.Reader = bufio.NewReaderSize(r, 256<<10)
	}
	return t, nil
}

// looksUTF8 reports whether a sample is UTF-8: valid, or with more valid
// multi-byte characters than invalid bytes (a UTF-8 file with a line or two
// pasted in from Windows-1252, which the readers then decode line by line).
// Windows-1252 text that is not ASCII is almost never valid UTF-8: its
// accented letters stand alone, where UTF-8 needs a lead byte followed by
// continuation bytes.
func looksUTF8(b []byte) bool {
	valid, invalid := 0, 0
	for len(b) > 0 {
		if b[0] < utf8.RuneSelf {
			b = b[1:]
			continue
		}
		r, n := utf8.DecodeRune(b)
		if r == utf8.RuneError && n == 1 {
			invalid++
		} else {
			valid++
		}
		b = b[n:]
	}
	return invalid == 0 || valid > invalid
}

// crReader turns carriage returns into line feeds.
type crReader struct{ r io.Reader }

func (c crReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	for i := 0; i < n; i++ {
		if p[i] == '\r' {
			p[i] = '\n'
		}
	}
	return n, err
}

// CheckText reports why s cannot be a row of text: bytes invalid for the
// declared encoding, NUL bytes or other control characters (binary junk).
// Tabs, carriage returns and line feeds are text.
func CheckText(s, enc string) string {
	ascii := true
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 0x80 {
			ascii = false
			continue
		}
		if c < 0x20 && c != '\t' && c != '\n' && c != '\r' {
			if c == 0 {
				return "binary content: NUL byte"
			}
			return "binary content: control character"
		}
	}
	if ascii {
		return ""
	}
	if !utf8.ValidString(s) {
		return "bytes not valid in the declared encoding " + enc
	}
	for _, r := range s {
		switch {
		case r == utf8.RuneError:
			return "bytes not valid in the encoding " + enc
		case r >= 0x80 && r < 0xA0:
			return "binary content: control character"
		}
	}
	return ""
}

// ReadLines is a line reader that keeps memory flat: a line longer than max
// bytes is cut, the rest of it discarded, and reported as too long.
type ReadLines struct {
	r    *bufio.Reader
	max  int
	buf  []byte
	Line int64 // the number of the line last returned
}

// NewLines reads lines from r.
func NewLines(r *bufio.Reader, max int) *ReadLines {
	return &ReadLines{r: r, max: max}
}

// Next returns the next line without its line ending. long reports that the
// line was longer than max and was cut. err is io.EOF at the end.
func (l *ReadLines) Next() (line string, long bool, err error) {
	l.buf = l.buf[:0]
	for {
		frag, err := l.r.ReadSlice('\n')
		if len(l.buf)+len(frag) <= l.max {
			l.buf = append(l.buf, frag...)
		} else {
			long = true
			if room := l.max - len(l.buf); room > 0 {
				l.buf = append(l.buf, frag[:room]...)
			}
		}
		if err == bufio.ErrBufferFull {
			continue
		}
		if err != nil && err != io.EOF {
			return "", false, err
		}
		if err == io.EOF && len(l.buf) == 0 {
			return "", false, io.EOF
		}
		l.Line++
		b := l.buf
		if !long {
			b = bytes.TrimSuffix(b, []byte{'\n'})
			b = bytes.TrimSuffix(b, []byte{'\r'})
		}
		return string(b), long, nil
	}
}
