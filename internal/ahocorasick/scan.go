package ahocorasick

import (
	"sort"
	"unicode/utf8"
)

// AppendMatches appends every occurrence of every pattern in text to dst,
// overlapping ones included, and returns the extended slice. Matches come
// ordered by End; those that end together come longest first, and equal
// spans by pattern index. A scan allocates nothing beyond growing dst.
func (m *Matcher) AppendMatches(dst []Match, text string) []Match {
	m.scan(text, func(s int32, end int) bool {
		for t := s; t >= 0; t = m.dict[t] {
			for _, p := range m.pats[m.patOff[t]:m.patOff[t+1]] {
				dst = append(dst, Match{int(p), m.start(text, p, end), end})
			}
		}
		return true
	})
	return dst
}

// Each calls fn for every match in the order of [Matcher.AppendMatches]
// until fn returns false.
func (m *Matcher) Each(text string, fn func(Match) bool) {
	m.scan(text, func(s int32, end int) bool {
		for t := s; t >= 0; t = m.dict[t] {
			for _, p := range m.pats[m.patOff[t]:m.patOff[t+1]] {
				if !fn(Match{int(p), m.start(text, p, end), end}) {
					return false
				}
			}
		}
		return true
	})
}

// AppendLeftmostLongest appends to dst the matches a reader would pick
// scanning text left to right: the match that starts first, of those the
// longest, of equal ones the lowest pattern index; then the same again
// after its end. The result is sorted and non-overlapping.
//
// keep, when not nil, vetoes matches before they compete, so that a longer
// match it rejects does not hide a shorter one it accepts (a whole-word
// check, say). It is called in the order of [Matcher.AppendMatches], at
// most once per match, and must not retain dst.
//
// The selection happens in the same single pass as the scan: the matches
// still open to revision are kept at the tail of dst, and a new match either
// extends that tail or replaces the part of it that it beats. A scan
// allocates nothing beyond growing dst.
func (m *Matcher) AppendLeftmostLongest(dst []Match, text string, keep func(Match) bool) []Match {
	base := len(dst)
	m.scan(text, func(s int32, end int) bool {
		for t := s; t >= 0; t = m.dict[t] {
			for _, p := range m.pats[m.patOff[t]:m.patOff[t+1]] {
				c := Match{int(p), m.start(text, p, end), end}
				if keep != nil && !keep(c) {
					continue
				}
				var ok bool
				if dst, ok = pick(dst, base, c); ok {
					// Every other match ending here starts later and so
					// overlaps c, which beats it.
					return true
				}
			}
		}
		return true
	})
	return dst
}

// pick offers c to the greedy selection held in dst[base:], which is the
// leftmost-longest selection of the matches seen so far. Matches arrive by
// End, so c ends at or after every selected one. c lands after the last
// selected match that ends at or before c.Start, where it replaces the
// match at that slot if it starts earlier or starts there too and is
// longer; the matches behind that slot all lie inside c and go with it.
func pick(dst []Match, base int, c Match) ([]Match, bool) {
	sel := dst[base:]
	k := sort.Search(len(sel), func(i int) bool { return sel[i].End > c.Start })
	if k < len(sel) {
		old := sel[k]
		if c.Start > old.Start || (c.Start == old.Start && c.End <= old.End) {
			return dst, false
		}
	}
	return append(dst[:base+k], c), true
}

// start returns where pattern p's match ending at end begins. Under
// FoldUnicode a text rune may be longer or shorter than its folded form, so
// it counts runes back; simple folding maps rune to rune, so the counts
// agree.
func (m *Matcher) start(text string, p int32, end int) int {
	if m.fold != FoldUnicode {
		return end - int(m.keyLen[p])
	}
	i := end
	for range m.runes[p] {
		_, n := utf8.DecodeLastRuneInString(text[:i])
		i -= n
	}
	return i
}

// scan runs the automaton over text and calls emit with the state number
// and the end offset wherever the automaton is in a state with output. It
// stops when emit returns false.
func (m *Matcher) scan(text string, emit func(s int32, end int) bool) {
	switch {
	case m.fold == FoldUnicode:
		m.scanRunes(text, emit)
	case m.dense != nil:
		m.scanDense(text, emit)
	default:
		m.scanCompact(text, emit)
	}
}

func (m *Matcher) scanDense(text string, emit func(int32, int) bool) {
	table, cls, from, stride := m.dense, &m.classes, m.matchFrom, m.stride
	s := int32(0)
	for i := 0; i < len(text); i++ {
		s = table[s+int32(cls[text[i]])]
		if s >= from && !emit(s/stride, i+1) {
			return
		}
	}
}

func (m *Matcher) scanCompact(text string, emit func(int32, int) bool) {
	cls, from, void := &m.classes, m.matchFrom, m.void
	s := int32(0)
	for i := 0; i < len(text); i++ {
		c := cls[text[i]]
		if c == 0 && void {
			s = 0
			continue
		}
		s = m.nextCompact(s, c)
		if s >= from && !emit(s, i+1) {
			return
		}
	}
}

func (m *Matcher) nextCompact(s int32, c uint8) int32 {
	for s != 0 {
		lo, hi := m.edgeOff[s], m.edgeOff[s+1]
		for j := lo; j < hi && m.edgeClass[j] <= c; j++ {
			if m.edgeClass[j] == c {
				return m.edgeTo[j]
			}
		}
		s = m.fail[s]
	}
	return m.root[c]
}

// scanRunes feeds the folded form of each rune. A rune outside the orbits
// of the patterns' runes goes in as its own bytes: it cannot be part of a
// match, and UTF-8 being self-synchronising, no pattern can match across
// its bytes. The same holds for a byte that starts no valid encoding.
// Output is checked only at rune ends, the only places a pattern that is
// valid UTF-8 can end.
func (m *Matcher) scanRunes(text string, emit func(int32, int) bool) {
	table, from, stride := m.dense, m.matchFrom, int32(1)
	if table != nil {
		stride = m.stride
	}
	s := int32(0)
	feed := func(b byte) {
		if c := m.classes[b]; table != nil {
			s = table[s+int32(c)]
		} else {
			s = m.nextCompact(s, c)
		}
	}
	var buf [utf8.UTFMax]byte
	for i := 0; i < len(text); {
		b := text[i]
		if b < utf8.RuneSelf && table != nil {
			// ASCII runs take the dense loop's path.
			s = table[s+int32(m.classes[b])]
			i++
		} else if b < utf8.RuneSelf {
			s = m.nextCompact(s, m.classes[b])
			i++
		} else {
			r, n := decodeRune(text, i)
			if c := m.foldRune(r); c >= 0 && n > 1 {
				k := utf8.EncodeRune(buf[:], c)
				for _, x := range buf[:k] {
					feed(x)
				}
			} else {
				for j := i; j < i+n; j++ {
					feed(text[j])
				}
			}
			i += n
		}
		if s >= from && !emit(s/stride, i) {
			return
		}
	}
}

// decodeRune decodes the rune at text[i], with a quick path for the two-byte
// runes of most alphabets with case.
func decodeRune(text string, i int) (rune, int) {
	if b := text[i]; b >= 0xC2 && b < 0xE0 && i+1 < len(text) && text[i+1]&0xC0 == 0x80 {
		return rune(b&0x1F)<<6 | rune(text[i+1]&0x3F), 2
	}
	return utf8.DecodeRuneInString(text[i:])
}

// foldRune returns the rune that non-ASCII r folds to, or -1 when r is in no
// orbit of a pattern rune. Two-byte runes, which cover the alphabets with
// case besides Latin, take a table lookup instead of a map lookup.
func (m *Matcher) foldRune(r rune) rune {
	if r < rune(len(m.folds2)) {
		return rune(m.folds2[r]) - 1
	}
	if c, ok := m.folds[r]; ok {
		return c
	}
	return -1
}
