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

// appendTokenEvidence appends gibberish-suffix and repetition evidence,
// and returns the starts of the tokens worth handing to the decoders
// (long runs, tokens that start like Morse, binary or an escape, tokens
// with '%', hex pairs), nil for most texts.
func appendTokenEvidence(dst []candidate, text string) ([]candidate, []int) {
	var decode []int
	var ring [suffixWindow]tokenSpan
	var hashes [suffixWindow]uint64
	var odd [suffixWindow]bool
	n, oddCount := 0, 0
	var rep [4]int // consecutive matches at period 1..3
	var repStart [4]int
	code := -1 // unknown until a token needs it
	lastSuffixEnd := -1
	for i := 0; i < len(text); {
		for i < len(text) && isSpace(text[i]) {
			i++
		}
		if i == len(text) {
			break
		}
		j, h, plain, word := scanToken(text, i)
		if !plain && decodable(text, i, j) || j-i >= minEncoded || j-i == 2 && hexPair(text, i) {
			decode = append(decode, i)
		}
		slot := n & (suffixWindow - 1)
		if n >= suffixWindow && odd[slot] {
			oddCount--
		}
		ring[slot], hashes[slot], odd[slot] = tokenSpan{i, j}, h, false
		if !plain {
			if code < 0 {
				code = b2i(codeLike(text))
			}
			odd[slot] = code == 0 && machineMade(text[i:j])
		}
		if odd[slot] {
			oddCount++
		}
		for p := 1; p <= 3; p++ {
			prev := (n - p + suffixWindow) & (suffixWindow - 1)
			if n >= p && word && hashes[prev] == h {
				if rep[p] == 0 {
					repStart[p] = ring[prev].start
				}
				rep[p]++
				continue
			}
			last := ring[(n+suffixWindow-1)&(suffixWindow-1)].end
			dst = repetition(dst, rep[p], p, repStart[p], last)
			rep[p] = 0
		}
		if oddCount >= suffixOdd && i > lastSuffixEnd {
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
	return dst, decode
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

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

// scanToken reads the whitespace-delimited token at i and returns its end,
// a hash of its ASCII-lower-cased bytes, whether it is plain (lower-case
// ASCII letters after an optional capital, with at most trailing
// punctuation, and so cannot look machine-made), and whether it holds a
// letter or digit (runs of table rules and separators, "|" and "---",
// repeat in ordinary documents).
func scanToken(text string, i int) (end int, h uint64, plain, word bool) {
	h = 14695981039346656037
	plain = true
	j := i
	for ; j < len(text) && !isSpace(text[j]); j++ {
		c := text[j]
		switch {
		case 'a' <= c && c <= 'z' || '0' <= c && c <= '9':
			word = true
		case 'A' <= c && c <= 'Z':
			word = true
			if j > i {
				plain = false
			}
			c += 'a' - 'A'
		case c == '.' || c == ',' || c == '!' || c == '?' || c == ':' || c == '\'' || c == '-':
		default:
			plain = false
			if c >= utf8.RuneSelf {
				word = true
			}
		}
		h = (h ^ uint64(c)) * 1099511628211
	}
	return j, h, plain, word
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

func isSpace(c byte) bool { return c == ' ' || c == '\n' || c == '\t' || c == '\r' }

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
// than a word: letters with stray symbols glued to them ("oppositeley.](",
// "giving**ONE", "\"\\!--Two"), or a lower-case run followed by a
// capitalised word inside one token ("similarlyNow"). Quotation marks and
// brackets that pair up, as around a quoted word or a {placeholder}, are
// not stray.
func machineMade(tok string) bool {
	if len(tok) < 3 || strings.Contains(tok, "://") {
		return false
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
		return false
	}
	return strays(tok) >= 2 || glued > 0 && letters >= 6
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
