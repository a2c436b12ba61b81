// Package ahocorasick finds many literal strings in a text in one pass.
//
// A [Matcher] is an Aho-Corasick automaton built once from a set of
// patterns. A scan reads each byte of the text once, whatever the number of
// patterns, and costs time linear in the text plus the number of matches it
// walks. Bytes are first mapped to equivalence classes (bytes that occur in
// no pattern share one class, and case folding merges upper and lower case),
// so the transition table has one column per class rather than 256. When
// states × classes fits [DefaultDenseLimit] cells the table is a full DFA,
// one load per byte; beyond that the matcher keeps a compact trie with
// failure links, which needs far less memory and is several times slower
// (about ten times with a thousand patterns).
//
// Besides every match, a matcher can select the leftmost-longest
// non-overlapping matches in the same single pass, without rescanning.
package ahocorasick

import (
	"errors"
	"fmt"
	"math"
	"unicode"
	"unicode/utf8"
)

// Fold says which differences of case a [Matcher] ignores.
type Fold uint8

const (
	// FoldNone matches bytes exactly.
	FoldNone Fold = iota
	// FoldASCII treats A-Z as a-z and compares every other byte exactly.
	// It costs nothing at scan time.
	FoldASCII
	// FoldUnicode applies Unicode simple case folding rune by rune, so "é"
	// matches "É" and "k" matches the Kelvin sign. Full folding, where one
	// rune becomes several ("ß" and "ss"), is not applied. Patterns must be
	// valid UTF-8. ASCII text costs the same as with FoldASCII; each
	// non-ASCII rune costs a decode and a fold lookup.
	FoldUnicode
)

// DefaultDenseLimit is the largest dense transition table, in cells of 4
// bytes, that [New] builds when [Options.DenseLimit] is zero: 8 MiB.
const DefaultDenseLimit = 1 << 21

// maxKeyBytes bounds the total size of the patterns so that state numbers
// and premultiplied table offsets fit in an int32.
const maxKeyBytes = math.MaxInt32 / 512

// Options configures [New]. The zero value matches bytes exactly and picks
// the table representation by size.
type Options struct {
	// Fold sets the case folding.
	Fold Fold
	// DenseLimit caps the cells of the dense table; a larger automaton
	// uses the compact one. Zero means DefaultDenseLimit; a negative value
	// always selects the compact table.
	DenseLimit int
}

// Match is one occurrence of a pattern: Pattern is its index in the slice
// given to [New], and [Start, End) the bytes of the text it covers.
type Match struct {
	Pattern    int
	Start, End int
}

// Matcher finds a fixed set of patterns in texts.
//
// A Matcher is immutable after [New] and safe for concurrent use by any
// number of goroutines.
type Matcher struct {
	fold    Fold
	classes [256]uint8 // byte to class
	stride  int32      // number of classes
	void    bool       // class 0 holds the bytes that occur in no pattern

	// dense is the DFA, indexed by state*stride+class, holding the next
	// state premultiplied by stride. It is nil in compact mode.
	dense []int32

	// The compact representation: sorted sparse edges per state, failure
	// links, and a full row for the root, where most scans spend their time.
	edgeOff   []int32 // edges of state s are [edgeOff[s], edgeOff[s+1])
	edgeClass []uint8
	edgeTo    []int32
	fail      []int32
	root      []int32 // next state from the root, by class

	// States are numbered so that those with output come last: a state s
	// (not premultiplied) has output when s >= firstOut.
	firstOut  int32
	matchFrom int32   // firstOut in the scan loop's representation
	patOff    []int32 // patterns ending exactly at s: pats[patOff[s]:patOff[s+1]]
	pats      []int32
	dict      []int32 // nearest proper suffix state with own patterns, or -1

	// folds maps each non-ASCII rune whose simple-folding orbit holds a
	// rune of some pattern to that orbit's smallest rune. FoldUnicode only.
	folds map[rune]rune
	// folds2 holds the same for runes below U+0800, plus one, 0 meaning
	// absent: a two-byte orbit's smallest rune is below U+0800 too.
	folds2 []uint16

	keyLen  []int32 // bytes of each folded pattern
	runes   []int32 // runes of each pattern; FoldUnicode only
	maxSpan int
}

// New builds a matcher for patterns. Duplicates are allowed and each is
// reported under its own index. An empty pattern, or a pattern that is not
// valid UTF-8 under [FoldUnicode], is an error. An empty set gives a matcher
// that never matches.
func New(patterns []string, opts Options) (*Matcher, error) {
	if opts.Fold > FoldUnicode {
		return nil, fmt.Errorf("ahocorasick: unknown fold %d", opts.Fold)
	}
	m := &Matcher{fold: opts.Fold}
	keys, err := m.keys(patterns)
	if err != nil {
		return nil, err
	}
	m.buildClasses(keys)
	t := newTrie(keys, m)
	t.link()
	m.layout(t, opts.DenseLimit)
	return m, nil
}

// keys returns the patterns as the automaton sees them, folded, and records
// their lengths.
func (m *Matcher) keys(patterns []string) ([]string, error) {
	keys := make([]string, len(patterns))
	m.keyLen = make([]int32, len(patterns))
	if m.fold == FoldUnicode {
		m.runes = make([]int32, len(patterns))
	}
	total := 0
	for i, p := range patterns {
		if p == "" {
			return nil, fmt.Errorf("ahocorasick: pattern %d is empty", i)
		}
		span := len(p)
		if m.fold == FoldUnicode {
			if !utf8.ValidString(p) {
				return nil, fmt.Errorf("ahocorasick: pattern %d is not valid UTF-8", i)
			}
			p, span = m.canonString(p)
			m.runes[i] = int32(utf8.RuneCountInString(p))
		}
		total += len(p)
		if total > maxKeyBytes {
			return nil, errors.New("ahocorasick: patterns too large")
		}
		keys[i] = p
		m.keyLen[i] = int32(len(p))
		m.maxSpan = max(m.maxSpan, span)
	}
	return keys, nil
}

// MaxSpan returns the most bytes of text one match can cover. It exceeds
// the longest pattern under [FoldUnicode], where "k" (one byte) also matches
// the Kelvin sign (three).
func (m *Matcher) MaxSpan() int { return m.maxSpan }

// Len returns the number of patterns.
func (m *Matcher) Len() int { return len(m.keyLen) }

// Dense reports whether m uses the dense table.
func (m *Matcher) Dense() bool { return m.dense != nil }

func (m *Matcher) foldByte(b byte) byte {
	if m.fold != FoldNone && 'A' <= b && b <= 'Z' {
		return b + 'a' - 'A'
	}
	return b
}

func (m *Matcher) buildClasses(keys []string) {
	var used [256]bool
	for _, k := range keys {
		for i := 0; i < len(k); i++ {
			used[m.foldByte(k[i])] = true
		}
	}
	var id [256]int
	n := 0
	for b := range 256 {
		if used[b] {
			n++
			id[b] = n
		}
	}
	if n == 256 {
		// Every byte occurs in some pattern (possible only without
		// folding): no byte can send the automaton straight to the root,
		// and each byte is its own class.
		for b := range 256 {
			m.classes[b] = uint8(b)
		}
		m.stride = 256
		return
	}
	for b := range 256 {
		m.classes[b] = uint8(id[m.foldByte(byte(b))])
	}
	m.stride = int32(n) + 1
	m.void = true
}

// canonString folds every rune of s to the smallest rune of its simple
// case-folding orbit, and returns the result with the most bytes a text
// rune of each orbit can take, summed. It records the orbits in m.folds.
func (m *Matcher) canonString(s string) (string, int) {
	if m.folds == nil {
		m.folds = map[rune]rune{}
	}
	b := make([]byte, 0, len(s))
	span := 0
	for _, r := range s {
		c, w := canonRune(r)
		b = utf8.AppendRune(b, c)
		span += w
		for f := r; ; {
			switch {
			case f >= 0x800:
				m.folds[f] = c
			case f >= utf8.RuneSelf:
				if m.folds2 == nil {
					m.folds2 = make([]uint16, 0x800)
				}
				m.folds2[f] = uint16(c) + 1
			}
			if f = unicode.SimpleFold(f); f == r {
				break
			}
		}
	}
	return string(b), span
}

// canonRune returns the smallest rune that r folds to, and the longest
// UTF-8 encoding in r's orbit.
func canonRune(r rune) (rune, int) {
	c, w := r, utf8.RuneLen(r)
	for f := unicode.SimpleFold(r); f != r; f = unicode.SimpleFold(f) {
		c = min(c, f)
		w = max(w, utf8.RuneLen(f))
	}
	return c, w
}
