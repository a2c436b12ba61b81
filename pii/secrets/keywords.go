package secrets

import (
	"slices"
	"unicode"
	"unicode/utf8"
)

// keywordIndex finds which of a set of lower-case keywords occur in a text,
// case-insensitively, in one pass.
//
// It indexes the keywords by their first two bytes and, at every position
// of the text, looks the folded byte pair up in a table; only on a hit
// does it compare whole keywords. That keeps clean text at a few table
// look-ups per byte whatever the number of keywords, which is what the
// shared Aho-Corasick matcher (internal/ahocorasick) will also give once it
// lands; this index can then be replaced without changing the detector.
type keywordIndex struct {
	words  []string        // deduplicated keywords
	rules  [][]int         // rules each keyword triggers
	pairs  [1 << 16]uint16 // first two folded bytes -> 1 + index into byPair, or 0
	byPair [][]int         // keywords sharing a first byte pair
	short  []int           // keywords of one byte, checked with a byte scan
	wide   []int           // keywords with non-ASCII bytes, checked with full folding
}

// lowerASCII folds A-Z and leaves every other byte alone, so that positions
// in the folded text are positions in the original.
var lowerASCII = func() (t [256]byte) {
	for i := range t {
		t[i] = byte(i)
		if i >= 'A' && i <= 'Z' {
			t[i] = byte(i) + 'a' - 'A'
		}
	}
	return t
}()

func newKeywordIndex(rules []*compiled) *keywordIndex {
	ix := &keywordIndex{}
	pos := map[string]int{}
	for ri, r := range rules {
		for _, k := range r.keywords {
			wi, ok := pos[k]
			if !ok {
				wi = len(ix.words)
				pos[k] = wi
				ix.words = append(ix.words, k)
				ix.rules = append(ix.rules, nil)
			}
			if !slices.Contains(ix.rules[wi], ri) {
				ix.rules[wi] = append(ix.rules[wi], ri)
			}
		}
	}
	for wi, w := range ix.words {
		switch {
		case !isASCII(w):
			ix.wide = append(ix.wide, wi)
		case len(w) == 1:
			ix.short = append(ix.short, wi)
		default:
			p := uint16(w[0])<<8 | uint16(w[1])
			if ix.pairs[p] == 0 {
				ix.byPair = append(ix.byPair, nil)
				ix.pairs[p] = uint16(len(ix.byPair))
			}
			ix.byPair[ix.pairs[p]-1] = append(ix.byPair[ix.pairs[p]-1], wi)
		}
	}
	return ix
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

// hit is one occurrence of a keyword.
type hit struct {
	word int // index into words
	pos  int // byte offset of the occurrence in the text
}

// scan returns every keyword occurrence in text, ordered by position. It
// allocates nothing on a text without keywords.
func (ix *keywordIndex) scan(text string) []hit {
	var hits []hit
	for i := 0; i+1 < len(text); i++ {
		b := ix.pairs[uint16(lowerASCII[text[i]])<<8|uint16(lowerASCII[text[i+1]])]
		if b == 0 {
			continue
		}
		for _, wi := range ix.byPair[b-1] {
			if hasFoldedPrefix(text[i:], ix.words[wi]) {
				hits = append(hits, hit{wi, i})
			}
		}
	}
	n := len(hits)
	for _, wi := range ix.short {
		b := ix.words[wi][0]
		for i := 0; i < len(text); i++ {
			if lowerASCII[text[i]] == b {
				hits = append(hits, hit{wi, i})
			}
		}
	}
	if len(ix.wide) > 0 {
		hits = ix.scanWide(text, hits)
	}
	if len(hits) > n {
		slices.SortStableFunc(hits, func(a, b hit) int { return a.pos - b.pos })
	}
	return hits
}

// scanWide finds keywords with non-ASCII letters by folding each candidate
// position with Unicode rules; positions stay those of the original text.
func (ix *keywordIndex) scanWide(text string, hits []hit) []hit {
	for _, wi := range ix.wide {
		w := ix.words[wi]
		for i := 0; i < len(text); {
			if prefixFold(text[i:], w) {
				hits = append(hits, hit{wi, i})
			}
			_, size := utf8.DecodeRuneInString(text[i:])
			i += size
		}
	}
	return hits
}

// prefixFold reports whether s starts with a string that lower-cases to w.
func prefixFold(s, w string) bool {
	for _, wr := range w {
		if s == "" {
			return false
		}
		r, size := utf8.DecodeRuneInString(s)
		if unicode.ToLower(r) != wr {
			return false
		}
		s = s[size:]
	}
	return true
}

// hasFoldedPrefix reports whether s starts with the lower-case ASCII word w
// when s is folded to lower case.
func hasFoldedPrefix(s, w string) bool {
	if len(s) < len(w) {
		return false
	}
	for j := 0; j < len(w); j++ {
		if lowerASCII[s[j]] != w[j] {
			return false
		}
	}
	return true
}
