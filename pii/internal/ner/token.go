package ner

import (
	"unicode"
	"unicode/utf8"
)

type kind uint8

const (
	kWord  kind = iota + 1 // letters, possibly with digits: "Anna", "10th", "O'Brien"
	kNum                   // digits only
	kPunct                 // one punctuation or symbol rune
	kSkip                  // URL, e-mail address or @handle: never part of an entity
)

type shape uint8

const (
	shNone  shape = iota // no cased letter: digits, CJK, Arabic
	shLower              // "anna"
	shTitle              // capital first, some lower case after: "Anna", "McDonald"
	shUpper              // every cased letter a capital: "ANNA", "NY", "J"
	shMixed              // lower-case first, a capital later: "iPhone"
)

// token is one word, number or punctuation mark. Offsets are int32 to keep
// the slice small; Find rejects texts beyond that size.
type token struct {
	start, end int32
	lx         lex
	kind       kind
	shape      shape
	punct      byte  // the ASCII punctuation mark, or 0
	nl         bool  // a line break comes before the token
	space      bool  // white space comes before the token
	sent       bool  // first word of a sentence or line
	caseless   bool  // on a line in capitals or Title Case, where case tells nothing
	poss       bool  // a possessive "'s" followed and was left out of the token
	hash       bool  // written as a hashtag
	hyph       bool  // hyphenated compound
	digit      bool  // a word with digits in it: "10th", "B2B"
	phrase     int8  // 1 + tokens of the longest place starting here, once computed
	klen       uint8 // length of the lower-cased form in the key buffer; 0 if too long
	koff       int32 // where the lower-cased form starts in the key buffer
}

func (t *token) isWord() bool { return t.kind == kWord }

// capital says whether the token is written with a capital and sits where
// that is a hint of a proper noun: not first in a sentence, not on a line
// written all in capitals or in Title Case.
func (t *token) capital() bool {
	return (t.shape == shTitle || t.shape == shUpper) && !t.sent && !t.caseless
}

// capitalised says whether the token starts with a capital at all.
func (t *token) capitalised() bool { return t.shape == shTitle || t.shape == shUpper }

// plainWord: an ordinary English word that is on no name or place list.
func (t *token) plainWord() bool {
	return t.lx&(lexWord|lexStop) != 0 && t.lx&(lexFirst|lexLast|lexPlace|lexPhrase) == 0
}

const maxKey = 64 // longest token looked up, in bytes

// tokenizer splits text into tokens and looks each word up once. The
// lower-cased forms of all words are kept in keys, one after the other,
// so that phrases can be put together from them later.
type tokenizer struct {
	lx   *lexicon
	keys []byte
}

// tokenize appends the tokens of text to toks in one pass. URLs, e-mail
// addresses and @handles become single kSkip tokens: when a word turns out
// to be followed by "@" or "://", the tokens of its run of non-space
// characters are dropped again, so each token is undone at most once.
func (z *tokenizer) tokenize(text string, toks []token) []token {
	nl, space, sent := false, false, true
	i := 0
	runStart, runTok := 0, len(toks) // start of the non-space run and its first token
	for i < len(text) {
		c := text[i]
		if c == '\n' || c == '\r' {
			nl, space, sent = true, true, true
			i++
			continue
		}
		if c == ' ' || c == '\t' || c == '\f' || c == '\v' {
			space = true
			i++
			continue
		}
		r, size := rune(c), 1
		if c >= utf8.RuneSelf {
			r, size = utf8.DecodeRuneInString(text[i:])
			if unicode.IsSpace(r) {
				space = true
				if r == 0x2028 || r == 0x2029 || r == 0x85 {
					nl, sent = true, true
				}
				i += size
				continue
			}
		}
		if space || nl || i == 0 {
			runStart, runTok = i, len(toks)
		}
		if c == '@' && i+1 < len(text) && asciiWordOrUnder(text[i+1]) || isLinkAt(text, i) {
			// An @handle, or the "@" of an e-mail address or the "://"
			// of a URL after a word: the whole run is one token.
			first := runTok < len(toks)
			if first {
				nl, space = toks[runTok].nl, toks[runTok].space
			}
			toks = toks[:runTok]
			end := runEnd(text, i)
			toks = append(toks, token{start: int32(runStart), end: int32(end), kind: kSkip,
				nl: nl, space: space})
			i = end
			nl, space = false, false
			continue
		}
		hash := false
		if c == '#' && i+1 < len(text) {
			if r2, _ := utf8.DecodeRuneInString(text[i+1:]); isWordRune(r2) {
				i++
				hash = true
			}
		}
		if hash || isWordRune(r) {
			toks = append(toks, token{nl: nl, space: space, sent: sent, hash: hash})
			t := &toks[len(toks)-1]
			z.word(text, i, t)
			i = int(t.end)
			if t.poss {
				i += possLen(text, i)
			}
			nl, space, sent = false, false, false
			continue
		}
		p := token{start: int32(i), end: int32(i + size), kind: kPunct, nl: nl, space: space}
		if c < utf8.RuneSelf {
			p.punct = c
		}
		toks = append(toks, p)
		switch c {
		case '.', '!', '?', ':', ';':
			sent = !abbrevBefore(toks, text)
		case '"', '\'', '(', '[', '*', '-', '>', '|':
			// Quotes, brackets and list markers keep the sentence start.
		default:
			if c >= utf8.RuneSelf && isOpenQuote(r) {
				break
			}
			sent = false
		}
		nl, space = false, false
		i += size
	}
	return toks
}

// isLinkAt reports the "@" of an e-mail address or the "://" of a URL at
// i, right after a word, or "www." at i.
func isLinkAt(text string, i int) bool {
	switch text[i] {
	case '@':
		return i > 0 && i+1 < len(text) && asciiWordOrUnder(text[i-1]) && asciiWordOrUnder(text[i+1])
	case ':':
		return i > 0 && i+2 < len(text) && text[i+1] == '/' && text[i+2] == '/' && asciiWordOrUnder(text[i-1])
	case 'w', 'W':
		return i+4 < len(text) && (text[i:i+4] == "www." || text[i:i+4] == "WWW.") &&
			(i == 0 || text[i-1] == ' ' || text[i-1] == '\n' || text[i-1] == '(')
	}
	return false
}

func isOpenQuote(r rune) bool {
	switch r {
	case '“', '‘', '«', '„', '¿', '¡', '—', '–', '•':
		return true
	}
	return false
}

// abbrevBefore reports whether the full stop just appended ends an
// abbreviation or an initial rather than a sentence: "Mr.", "St.", "J.".
func abbrevBefore(toks []token, text string) bool {
	n := len(toks)
	if n < 2 || toks[n-1].punct != '.' {
		return false
	}
	w := &toks[n-2]
	if w.kind != kWord || w.end != toks[n-1].start {
		return false
	}
	if w.end-w.start == 1 && w.shape == shUpper {
		return true
	}
	return w.lx&(lexTitle|lexRank|lexStreet|lexStreetPre|lexUnit) != 0
}

func isWordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return asciiClass[r] != clOther
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.M, r)
}

func asciiWordOrUnder(c byte) bool {
	return c == '_' || (c < utf8.RuneSelf && asciiClass[c] != clOther)
}

func runEnd(text string, i int) int {
	for i < len(text) {
		c := text[i]
		if c == ' ' || c == '\n' || c == '\r' || c == '\t' {
			return i
		}
		if c >= utf8.RuneSelf {
			r, size := utf8.DecodeRuneInString(text[i:])
			if unicode.IsSpace(r) {
				return i
			}
			i += size
			continue
		}
		i++
	}
	return i
}

// word reads the word starting at i. Apostrophes and hyphens join word
// characters ("O'Brien", "Jean-Luc"); a final "'s" is a possessive and is
// left out.
func (z *tokenizer) word(text string, i int, t *token) {
	t.start, t.kind = int32(i), kWord
	keys, base := z.keys, len(z.keys)
	long := false
	nLetters, nUpper, nLower, nDigits := 0, 0, 0, 0
	firstUpper, firstCased := false, false
	j := i
	for j < len(text) {
		// ASCII letters and digits, the bulk of most text.
		for j < len(text) {
			c := text[j]
			l := asciiLower[c]
			if l == 0 {
				break // not an ASCII letter or digit
			}
			switch {
			case l != c:
				nUpper++
				nLetters++
				if !firstCased {
					firstCased, firstUpper = true, true
				}
			case c >= 'a':
				nLower++
				nLetters++
				firstCased = true
			default:
				nDigits++
			}
			if len(keys)-base < maxKey {
				keys = append(keys, l)
			} else {
				long = true
			}
			j++
		}
		if j >= len(text) {
			break
		}
		r, size := rune(text[j]), 1
		if r >= utf8.RuneSelf {
			r, size = utf8.DecodeRuneInString(text[j:])
		}
		if !isWordRune(r) {
			if j > i && (r == '\'' || r == '’' || r == '-' || r == '‐') && z.joins(text, j+size, r, t) {
				keys = appendKeyAt(keys, base, r, &long)
				j += size
				continue
			}
			break
		}
		switch {
		case unicode.IsDigit(r):
			nDigits++
		case unicode.IsLower(r):
			nLower++
			nLetters++
			firstCased = true
		case unicode.IsUpper(r) || unicode.IsTitle(r):
			nUpper++
			nLetters++
			if !firstCased {
				firstCased, firstUpper = true, true
			}
		default:
			nLetters++
		}
		keys = appendKeyAt(keys, base, r, &long)
		j += size
	}
	t.end = int32(j)
	if nLetters == 0 {
		t.kind = kNum
	} else if nDigits > 0 {
		t.digit = true
	}
	switch {
	case nUpper == 0 && nLower == 0:
		t.shape = shNone
	case nUpper == 0:
		t.shape = shLower
	case nLower == 0:
		t.shape = shUpper
	case firstUpper:
		t.shape = shTitle
	default:
		t.shape = shMixed
	}
	if long {
		keys = keys[:base]
	}
	key := keys[base:]
	t.koff, t.klen = int32(base), uint8(len(key))
	if t.kind == kWord && !long {
		t.lx = z.lx.get(key)
		if t.lx == 0 && t.hyph && hyphenCapitals(text[i:j]) {
			t.lx = z.hyphenParts(key)
		}
	}
	z.keys = keys
}

// joins decides whether the apostrophe or hyphen r before position next
// continues the word. A final "'s" does not: it marks a possessive, noted
// on t.
func (z *tokenizer) joins(text string, next int, r rune, t *token) bool {
	if next >= len(text) {
		return false
	}
	r2, s2 := utf8.DecodeRuneInString(text[next:])
	if !isWordRune(r2) {
		return false
	}
	if r == '-' || r == '‐' {
		t.hyph = true
		return true
	}
	if (r2 == 's' || r2 == 'S') && !continuesWord(text, next+s2) {
		t.poss = true
		return false
	}
	return true
}

const (
	clOther = iota
	clLower
	clUpper
	clDigit
)

// asciiLower maps ASCII letters and digits to their lower case and every
// other byte to 0. It has 256 entries so that indexing by a byte needs no
// bounds check.
var asciiLower = func() (t [256]byte) {
	for c := byte('0'); c <= '9'; c++ {
		t[c] = c
	}
	for c := byte('a'); c <= 'z'; c++ {
		t[c] = c
		t[c-'a'+'A'] = c
	}
	return t
}()

var asciiClass = func() (t [utf8.RuneSelf]uint8) {
	for c := '0'; c <= '9'; c++ {
		t[c] = clDigit
	}
	for c := 'a'; c <= 'z'; c++ {
		t[c] = clLower
		t[c-'a'+'A'] = clUpper
	}
	return t
}()

// hyphenParts lets "Jean-Luc" count as a given name and "Mackail-Smith"
// as a family name when the compound itself is on no list.
func (z *tokenizer) hyphenParts(key []byte) lex {
	var first, last []byte
	for k := 0; k < len(key); k++ {
		if key[k] == '-' {
			first = key[:k]
			break
		}
	}
	for k := len(key) - 1; k >= 0; k-- {
		if key[k] == '-' {
			last = key[k+1:]
			break
		}
	}
	return (z.lx.get(first) | z.lx.get(last)) & (lexFirst | lexLast)
}

// hyphenCapitals reports a compound whose every part starts with a
// capital, as names do ("Jean-Luc"), unlike "Anti-art".
func hyphenCapitals(s string) bool {
	start := true
	for _, r := range s {
		switch {
		case r == '-' || r == '‐':
			start = true
		case start:
			if !unicode.IsUpper(r) {
				return false
			}
			start = false
		}
	}
	return true
}

func continuesWord(text string, i int) bool {
	if i >= len(text) {
		return false
	}
	r, _ := utf8.DecodeRuneInString(text[i:])
	return isWordRune(r)
}

func possLen(text string, i int) int {
	_, size := utf8.DecodeRuneInString(text[i:])
	return size + 1 // the apostrophe and the ASCII 's'
}

// appendKeyAt appends the lower case of r to the key that starts at base
// in keys, and sets *long once the key passes maxKey bytes.
func appendKeyAt(keys []byte, base int, r rune, long *bool) []byte {
	if *long {
		return keys
	}
	if len(keys)-base >= maxKey {
		*long = true
		return keys
	}
	return appendKey(keys, r, long)
}

func appendKey(key []byte, r rune, long *bool) []byte {
	if *long {
		return key
	}
	if r < utf8.RuneSelf {
		c := byte(r)
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c == '-' {
			return append(key, '-')
		}
		return append(key, c)
	}
	switch r {
	case '’':
		return append(key, '\'')
	case '‐':
		return append(key, '-')
	}
	return utf8.AppendRune(key, unicode.ToLower(r))
}

var emptyLexicon lexicon

// tokenizeWords calls fn with the lower-cased word tokens of s, in the
// form the recogniser looks them up. The lexicon loader uses it so that
// stored phrases and text agree on what a token is.
func tokenizeWords(s string, fn func(string)) {
	z := tokenizer{lx: &emptyLexicon}
	var key []byte
	long := false
	for _, t := range z.tokenize(s, nil) {
		if t.kind != kWord && t.kind != kNum {
			continue
		}
		key, long = key[:0], false
		for _, r := range s[t.start:t.end] {
			key = appendKey(key, r, &long)
		}
		fn(string(key))
	}
}
