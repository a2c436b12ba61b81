package pii

import (
	"encoding/binary"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"github.com/textnlp/textguard/guard"
)

// A view is the text the recognizers read: the original with look-alike
// characters folded to ASCII, invisible characters removed and spelled-out
// e-mail punctuation ("[at]", "(dot)") replaced, together with a map back
// to the original's byte offsets. Folding keeps letter case, because case
// carries meaning in IBANs, PANs and BICs.
type view struct {
	text string
	// start[i] and end[i] delimit, in base.Text, the character that view
	// byte i came from. Both are nil when text is base.Text.
	start, end []int32
	// base is the text after the guard's normaliser, with its own map
	// back to the original; its Text is the original when nothing needed
	// normalising.
	base       guard.Normalized
	normalised bool // base went through the normaliser and has a map
}

// original maps the view range [s, e) to the original text.
func (v *view) original(s, e int) (int, int) {
	if v.start != nil {
		if s >= e {
			o := int(v.end[len(v.end)-1])
			if s < len(v.start) {
				o = int(v.start[s])
			}
			s, e = o, o
		} else {
			s, e = int(v.start[s]), int(v.end[e-1])
		}
	}
	if !v.normalised {
		return s, e
	}
	return v.base.Original(s, e)
}

// newView builds the view of s. Plain ASCII text without spelled-out
// punctuation is its own view, which costs one pass and no allocation.
// Other text first goes through n, the guard's normaliser (invisible
// characters removed, NFKC without case folding), then through foldText
// and deobfuscate here.
func newView(s string, n *guard.Normalizer) view {
	if !needsFolding(s) {
		return view{text: s}
	}
	base := guard.Normalized{Text: s}
	normalised := false
	if n != nil && !isASCIIString(s) {
		base = n.Normalize(s)
		normalised = true
	}
	v := foldText(base.Text)
	v.base, v.normalised = base, normalised
	return deobfuscate(v)
}

func isASCIIString(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// foldText folds what the guard's normaliser leaves: dashes, spaces and
// digits of other scripts, and any compatibility form when s did not go
// through it.
func foldText(s string) view {
	b := make([]byte, 0, len(s))
	start := make([]int32, 0, len(s))
	end := make([]int32, 0, len(s))
	var tmp [utf8.UTFMax]byte
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			b = append(b, c)
			start = append(start, int32(i))
			end = append(end, int32(i+1))
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		out := foldRune(r, s[i:i+n], tmp[:0])
		for _, ob := range out {
			b = append(b, ob)
			start = append(start, int32(i))
			end = append(end, int32(i+n))
		}
		i += n
	}
	return view{text: string(b), start: start, end: end}
}

// needsFolding reports whether s has any byte outside ASCII or a bracket
// that may open a spelled-out "at" or "dot".
func needsFolding(s string) bool {
	i := 0
	for ; i+8 <= len(s); i += 8 {
		if binary.LittleEndian.Uint64([]byte(s[i:i+8]))&0x8080808080808080 != 0 {
			return true
		}
	}
	for ; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return true
		}
	}
	for _, open := range "[({<" {
		for j := 0; ; {
			k := strings.IndexByte(s[j:], byte(open))
			if k < 0 {
				break
			}
			j += k + 1
			if j+1 < len(s) {
				if n := s[j] | 0x20; n == 'a' || n == 'd' || s[j] == ' ' {
					return true
				}
			}
		}
	}
	return false
}

// foldRune returns the bytes that stand for r in the view: nothing for an
// invisible character, an ASCII space for any space, an ASCII hyphen for a
// dash, the compatibility decomposition when that is plain ASCII (full-width
// and mathematical digits and letters), the ASCII digit of a decimal digit
// of another script (Arabic-Indic, Devanagari, Thai), and r itself
// otherwise.
func foldRune(r rune, raw string, buf []byte) []byte {
	switch {
	case isInvisible(r):
		return buf
	case r == 0x00A0 || r == 0x202F || r == 0x205F || r == 0x3000 ||
		(r >= 0x2000 && r <= 0x200A):
		return append(buf, ' ')
	case (r >= 0x2010 && r <= 0x2015) || r == 0x2212 || r == 0xFE63 || r == 0xFF0D:
		return append(buf, '-')
	case r == 0xFF20 || r == 0xFE6B:
		return append(buf, '@')
	}
	p := norm.NFKC.PropertiesString(raw)
	if d := p.Decomposition(); len(d) > 0 && isASCII(d) {
		return append(buf, d...)
	}
	if unicode.Is(unicode.Nd, r) {
		return append(buf, '0'+digitValue(r))
	}
	return append(buf, raw...)
}

// digitValue returns the value of a decimal digit of any script. Unicode
// encodes each script's digits as a contiguous run from 0 to 9, and runs
// that touch each other start at multiples of ten from the first.
func digitValue(r rune) byte {
	start := r
	for start > 0 && unicode.Is(unicode.Nd, start-1) {
		start--
	}
	return byte((r - start) % 10)
}

// isInvisible reports format characters that render as nothing and are
// used to split a value so that a pattern misses it.
func isInvisible(r rune) bool {
	switch r {
	case 0x00AD, 0x034F, 0x061C, 0x115F, 0x1160, 0x17B4, 0x17B5, 0x180E,
		0x200B, 0x200C, 0x200D, 0x200E, 0x200F, 0x2060, 0x2061, 0x2062,
		0x2063, 0x2064, 0x3164, 0xFEFF, 0xFFA0:
		return true
	}
	return r >= 0x202A && r <= 0x202E || r >= 0x2066 && r <= 0x2069 ||
		r >= 0xFE00 && r <= 0xFE0F
}

func isASCII(b []byte) bool {
	for _, c := range b {
		if c >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// deobfuscate replaces "[at]", "(at)", "{at}", "<at>" and the same forms of
// "dot", with any spaces around them, by "@" and ".", so that
// "john [at] example [dot] com" reads as an address. The replacement maps
// back to the whole spelled-out form, spaces included.
func deobfuscate(v view) view {
	t := v.text
	var (
		b          []byte
		start, end []int32
		last       int
	)
	for i := 0; i < len(t); i++ {
		c := t[i]
		if c != '[' && c != '(' && c != '{' && c != '<' {
			continue
		}
		sym, j := spelled(t, i)
		if sym == 0 {
			continue
		}
		// Swallow spaces before the bracket too.
		k := i
		for k > last && t[k-1] == ' ' {
			k--
		}
		if b == nil {
			b = make([]byte, 0, len(t))
			start = make([]int32, 0, len(t))
			end = make([]int32, 0, len(t))
		}
		b = append(b, t[last:k]...)
		start = append(start, v.start[last:k]...)
		end = append(end, v.end[last:k]...)
		b = append(b, sym)
		start = append(start, v.start[k])
		end = append(end, v.end[j-1])
		last = j
		i = j - 1
	}
	if b == nil {
		return v
	}
	b = append(b, t[last:]...)
	start = append(start, v.start[last:]...)
	end = append(end, v.end[last:]...)
	return view{text: string(b), start: start, end: end, base: v.base, normalised: v.normalised}
}

// spelled reports whether t[i:] opens a spelled-out "at" or "dot" in
// brackets and returns its symbol and the end of the form, trailing spaces
// included. It requires a letter or digit on both sides (after spaces), so
// that "(at) home" alone is left alone.
func spelled(t string, i int) (byte, int) {
	var closer byte
	switch t[i] {
	case '[':
		closer = ']'
	case '(':
		closer = ')'
	case '{':
		closer = '}'
	default:
		closer = '>'
	}
	j := i + 1
	for j < len(t) && t[j] == ' ' {
		j++
	}
	var sym byte
	switch {
	case hasFoldPrefix(t[j:], "at"):
		sym, j = '@', j+2
	case hasFoldPrefix(t[j:], "dot"):
		sym, j = '.', j+3
	default:
		return 0, 0
	}
	for j < len(t) && t[j] == ' ' {
		j++
	}
	if j >= len(t) || t[j] != closer {
		return 0, 0
	}
	j++
	before := i
	for before > 0 && t[before-1] == ' ' {
		before--
	}
	if before == 0 || !isAlnum(t[before-1]) {
		return 0, 0
	}
	for j < len(t) && t[j] == ' ' {
		j++
	}
	if j >= len(t) || !isAlnum(t[j]) {
		return 0, 0
	}
	return sym, j
}

func hasFoldPrefix(s, prefix string) bool {
	if len(s) < len(prefix) {
		return false
	}
	for i := 0; i < len(prefix); i++ {
		if s[i]|0x20 != prefix[i] {
			return false
		}
	}
	return true
}

func isAlnum(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }
