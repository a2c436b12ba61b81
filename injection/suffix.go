package injection

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Adversarial token runs. Optimisation attacks (GCG and its successors)
// append a suffix of word pieces, punctuation and glued capitals that reads
// as gibberish to people and steers a model; repetition attacks repeat a
// token until the model's context is dominated by it. Both are visible in
// the shape of the tokens alone, whatever the language of the prompt.

const (
	// suffixWindow is the number of consecutive tokens examined together,
	// a power of two so that the ring index is a mask.
	suffixWindow = 16
	// suffixOdd is how many of them must look machine-made.
	suffixOdd = 4
	// minRepeats is how many times in a row a token must appear.
	minRepeats = 8
	// minGroupRepeats is the same for a group of two or three tokens.
	minGroupRepeats = 5
)

// tokenSpan is a whitespace-separated token of the original text.
type tokenSpan struct{ start, end int }

// tokenScan is what one pass over the tokens of a text learns besides the
// evidence: which tokens the decoders should look at, and whether the
// text shows leetspeak (letters and digits mixed in one token) or spelt-out
// words (three single letters in a row), which call for a second reading.
type tokenScan struct {
	decode []int
	leet   bool
	spaced bool
}

// Byte classes for the token pass.
const (
	tkSpace  = 1 << iota // ASCII white space
	tkLetter             // ASCII letter
	tkUpper              // ASCII capital
	tkLeet               // a character leetspeak uses for a letter
	tkOdd                // a byte that makes a token worth a closer look
	tkWord               // a letter, digit or non-ASCII byte
)

var tokenClass = func() (t [256]uint8) {
	for c := 0; c < 256; c++ {
		switch {
		case c == ' ' || c == '\n' || c == '\t' || c == '\r':
			t[c] = tkSpace
		case 'a' <= c && c <= 'z':
			t[c] = tkLetter | tkWord
		case 'A' <= c && c <= 'Z':
			t[c] = tkLetter | tkUpper | tkWord
		case '0' <= c && c <= '9':
			t[c] = tkWord
		case c >= 0x80:
			t[c] = tkOdd | tkWord
		case c == '.' || c == ',' || c == '!' || c == '?' || c == ':' || c == '\'' || c == '-':
		default:
			t[c] = tkOdd
		}
	}
	for _, c := range "013457@$" {
		t[c] |= tkLeet
	}
	return t
}()

// lowerASCII maps ASCII capitals to small letters and every other byte to
// itself.
var lowerASCII = func() (t [256]byte) {
	for c := range t {
		t[c] = byte(c)
		if 'A' <= c && c <= 'Z' {
			t[c] += 'a' - 'A'
		}
	}
	return t
}()

// appendTokenEvidence appends gibberish-suffix and repetition evidence
// found in one pass over the whitespace-separated tokens of text.
func appendTokenEvidence(dst []candidate, text string) ([]candidate, tokenScan) {
	var ts tokenScan
	var ring [suffixWindow]tokenSpan
	var hashes [suffixWindow]uint64
	var odd, stray [suffixWindow]bool
	n, oddCount, strayCount, singles := 0, 0, 0, 0
	var rep [4]int // consecutive matches at period 1..3
	var repStart [4]int
	code := -1 // unknown until a token needs it
	lastSuffixEnd := -1
	for i := 0; i < len(text); {
		for i < len(text) && tokenClass[text[i]]&tkSpace != 0 {
			i++
		}
		if i == len(text) {
			break
		}
		first := tokenClass[text[i]]
		h := (14695981039346656037 ^ uint64(lowerASCII[text[i]])) * 1099511628211
		var rest uint8
		j := i + 1
		for ; j < len(text); j++ {
			c := text[j]
			k := tokenClass[c]
			if k&tkSpace != 0 {
				break
			}
			rest |= k
			h = (h ^ uint64(lowerASCII[c])) * 1099511628211
		}
		all := first | rest
		word := all&tkWord != 0
		plain := all&tkOdd == 0 && rest&tkUpper == 0
		ts.leet = ts.leet || all&tkLetter != 0 && all&tkLeet != 0 && leetMixed(text[i:j])
		if j-i == 1 && all&tkLetter != 0 {
			singles++
			ts.spaced = ts.spaced || singles >= 3
		} else {
			singles = 0
		}
		if !plain && decodable(text, i, j) || j-i >= minEncoded || j-i == 2 && hexPair(text, i) {
			ts.decode = append(ts.decode, i)
		}
		slot := n & (suffixWindow - 1)
		if n >= suffixWindow {
			oddCount -= b2i(odd[slot])
			strayCount -= b2i(stray[slot])
		}
		ring[slot], hashes[slot], odd[slot], stray[slot] = tokenSpan{i, j}, h, false, false
		if !plain {
			if code < 0 {
				code = b2i(codeLike(text))
			}
			if code == 0 {
				odd[slot], stray[slot] = machineMade(text[i:j])
			}
		}
		oddCount += b2i(odd[slot])
		strayCount += b2i(stray[slot])
		for p := 1; p <= 3; p++ {
			prev := (n - p + suffixWindow) & (suffixWindow - 1)
			if n >= p && word && hashes[prev] == h {
				if rep[p] == 0 {
					repStart[p] = ring[prev].start
				}
				rep[p]++
				continue
			}
			if rep[p] > 0 {
				last := ring[(n+suffixWindow-1)&(suffixWindow-1)].end
				dst = repetition(dst, rep[p], p, repStart[p], last)
				rep[p] = 0
			}
		}
		// Glued capitals alone are camelCase identifiers in technical
		// prose; an optimiser's suffix also has stray symbols.
		if oddCount >= suffixOdd && strayCount >= 2 && i > lastSuffixEnd {
			dst = append(dst, candidate{category: CategorySuffix, name: "gibberish",
				severity: medium, score: 0.55, start: firstOdd(ring[:], odd[:], n), end: j})
			lastSuffixEnd = j
		}
		n++
		i = j
	}
	if n > 0 {
		last := ring[(n-1)&(suffixWindow-1)].end
		for p := 1; p <= 3; p++ {
			dst = repetition(dst, rep[p], p, repStart[p], last)
		}
	}
	return dst, ts
}

// leetMixed reports whether a token mixes letters with leet characters
// next to them: "1gn0r3", not "mp3" or "2nd"... which are read the same
// way by the leetspeak reading and so cost only that second reading.
func leetMixed(tok string) bool {
	for k := 1; k < len(tok); k++ {
		a, b := tokenClass[tok[k-1]], tokenClass[tok[k]]
		if a&tkLetter != 0 && b&tkLeet != 0 || a&tkLeet != 0 && b&tkLetter != 0 {
			return true
		}
	}
	return false
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

// decodable reports whether the token text[i:j] starts or looks like an
// encoding the decoders read.
func decodable(text string, i, j int) bool {
	switch text[i] {
	case '.', '-', '0', '1', '\\':
		return true
	}
	return strings.IndexByte(text[i:j], '%') >= 0
}

func hexPair(text string, i int) bool {
	return i+4 < len(text) && hexByte(text[i]) && hexByte(text[i+1]) && text[i+2] == ' '
}

// repetition appends a candidate when matches consecutive tokens equal the
// token p places before them: that is matches/p+1 repeats of a group of p.
func repetition(dst []candidate, matches, p, start, end int) []candidate {
	if matches == 0 {
		return dst
	}
	reps := matches/p + 1
	need := minRepeats
	if p > 1 {
		need = minGroupRepeats
	}
	if reps < need {
		return dst
	}
	return append(dst, candidate{category: CategorySuffix, name: "repeated_tokens",
		severity: medium, score: 0.55, start: start, end: end})
}

// firstOdd returns the start of the earliest machine-made token still in
// the window.
func firstOdd(ring []tokenSpan, odd []bool, n int) int {
	for k := max(0, n-suffixWindow+1); k <= n; k++ {
		if odd[k&(suffixWindow-1)] {
			return ring[k&(suffixWindow-1)].start
		}
	}
	return ring[n&(suffixWindow-1)].start
}

// machineMade reports whether a token looks like optimiser output rather
// than a word, and whether that is for stray symbols: letters with stray symbols glued to them ("oppositeley.](",
// "giving**ONE", "\"\\!--Two"), or a lower-case run followed by a
// capitalised word inside one token ("similarlyNow"). Quotation marks and
// brackets that pair up, as around a quoted word or a {placeholder}, are
// not stray.
func machineMade(tok string) (odd, stray bool) {
	if len(tok) < 3 || strings.Contains(tok, "://") {
		return false, false
	}
	letters, glued := 0, 0
	prevLower := false
	for i, r := range tok {
		if !unicode.IsLetter(r) {
			prevLower = false
			continue
		}
		letters++
		if unicode.IsUpper(r) && prevLower {
			next, _ := utf8.DecodeRuneInString(tok[i+utf8.RuneLen(r):])
			if unicode.IsLower(next) {
				glued++
			}
		}
		prevLower = unicode.IsLower(r)
	}
	if letters == 0 {
		return false, false
	}
	stray = strays(tok) >= 2
	return stray || glued > 0 && letters >= 6, stray
}

// strays counts the symbols of tok that no reader would put there:
// unmatched brackets, an odd quotation mark, backslashes, operator
// characters, and asterisks between letters.
func strays(tok string) int {
	var stack [8]byte
	depth, n, quotes := 0, 0, 0
	for i := 0; i < len(tok); i++ {
		switch c := tok[i]; c {
		case '(', '[', '{', '<':
			if depth < len(stack) {
				stack[depth] = c
				depth++
			} else {
				n++
			}
		case ')', ']', '}', '>':
			if depth > 0 && stack[depth-1] == opener(c) {
				depth--
			} else {
				n++
			}
		case '"':
			quotes++
		case '\\', '|', '~', '^', '=', '+', '@', '#', '$', '%':
			n++
		case '*':
			if i > 0 && i+1 < len(tok) && isASCIILetter(tok[i-1]) != isASCIILetter(tok[i+1]) {
				n++
			}
		}
	}
	return n + depth + quotes%2
}

func opener(c byte) byte {
	switch c {
	case ')':
		return '('
	case ']':
		return '['
	case '}':
		return '{'
	}
	return '<'
}

// codeLike reports whether text looks like source code, where glued
// capitals and bracket runs are normal.
func codeLike(text string) bool {
	for _, marker := range []string{"```", "def ", "function ", "import ", "#include",
		"public ", "return ", "=>", "();", "){", ") {", "</", "var ", "const "} {
		if strings.Contains(text, marker) {
			return true
		}
	}
	return false
}
