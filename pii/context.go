package pii

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// How far context words are looked for around a candidate: at most
// wordsBefore words within contextBefore bytes before it, and wordsAfter
// words within contextReach bytes after it. Labels stand before a value
// ("SSN: ...", "date of birth. It's ...") far more often than after it
// ("... is my hetu"), hence the asymmetry.
const (
	wordsBefore   = 6
	wordsAfter    = 4
	contextBefore = 96
	contextReach  = 64
	negativeReach = 24
)

// phrases splits context entries into lower-case words.
func phrases(entries []string) [][]string {
	var out [][]string
	for _, e := range entries {
		var ws []string
		for _, w := range strings.FieldsFunc(strings.ToLower(e), notLetter) {
			ws = append(ws, w)
		}
		if len(ws) > 0 {
			out = append(out, ws)
		}
	}
	return out
}

func notLetter(r rune) bool { return !unicode.IsLetter(r) }

// span is a word's byte range.
type span struct{ start, end int }

// around holds the words around one candidate span, lower-cased. Several
// recognizers often report the same span (a nine-digit number), so the
// words are found once and kept for the next candidate.
type around struct {
	s, e          int
	valid         bool
	before, after [][]byte
	starts        [wordsBefore]int // byte offsets of the words of before
	bbuf          [wordsBefore][]byte
	abuf          [wordsAfter][]byte
	lower         [contextBefore + contextReach]byte
}

// near reports whether a context phrase stands shortly before [s, e) or
// shortly after it.
func (a *around) near(t string, s, e int, ps [][]string) bool {
	a.load(t, s, e)
	return anyLowered(a.before, ps) || anyLowered(a.after, ps)
}

// nearBefore reports whether a phrase of ps ends within reach bytes
// before s, among the last three words.
func (a *around) nearBefore(t string, s, e int, ps [][]string, reach int) bool {
	a.load(t, s, e)
	i := len(a.before)
	for i > 0 && i > len(a.before)-3 && a.starts[i-1] >= s-reach {
		i--
	}
	return anyLowered(a.before[i:], ps)
}

func (a *around) load(t string, s, e int) {
	if a.valid && a.s == s && a.e == e {
		return
	}
	a.s, a.e, a.valid = s, e, true
	var sb [wordsBefore]span
	var ab [wordsAfter]span
	ws := wordsBack(t, s, contextBefore, sb[:])
	for i, w := range ws {
		a.starts[i] = w.start
	}
	used := 0
	a.before, used = a.lowered(t, ws, a.bbuf[:0], used)
	a.after, _ = a.lowered(t, wordsForward(t, e, contextReach, ab[:]), a.abuf[:0], used)
}

// lowered appends the words of ws to out in lower case: ASCII words in
// a.lower, without allocating, others through strings.ToLower.
func (a *around) lowered(t string, ws []span, out [][]byte, used int) ([][]byte, int) {
	for _, w := range ws {
		word := t[w.start:w.end]
		if !isASCIIString(word) || used+len(word) > len(a.lower) {
			out = append(out, []byte(strings.ToLower(word)))
			continue
		}
		b := a.lower[used : used+len(word)]
		for i := 0; i < len(word); i++ {
			c := word[i]
			if c >= 'A' && c <= 'Z' {
				c += 'a' - 'A'
			}
			b[i] = c
		}
		out = append(out, b)
		used += len(word)
	}
	return out, used
}

// anyLowered reports whether one of ps occurs as consecutive words of ws,
// with the matching rule of wordMatches.
func anyLowered(ws [][]byte, ps [][]string) bool {
	for _, p := range ps {
		for i := 0; i+len(p) <= len(ws); i++ {
			ok := true
			for j, w := range p {
				tok := ws[i+j]
				if len(tok) < len(w) || tok[0] != w[0] ||
					len(w) < 4 && len(tok) != len(w) || string(tok[:len(w)]) != w {
					ok = false
					break
				}
			}
			if ok {
				return true
			}
		}
	}
	return false
}

// letterAt reports whether the rune at t[i:] is a letter, and its size.
func letterAt(t string, i int) (bool, int) {
	if c := t[i]; c < utf8.RuneSelf {
		return byteClass[c]&classLetter != 0, 1
	}
	r, size := utf8.DecodeRuneInString(t[i:])
	return unicode.IsLetter(r), size
}

// letterBefore reports whether the rune ending at t[:i] is a letter, and
// its size.
func letterBefore(t string, i int) (bool, int) {
	if c := t[i-1]; c < utf8.RuneSelf {
		return byteClass[c]&classLetter != 0, 1
	}
	r, size := utf8.DecodeLastRuneInString(t[:i])
	return unicode.IsLetter(r), size
}

// wordsBack fills buf from its end with the words before s, nearest last,
// and returns the filled part in text order.
func wordsBack(t string, s, reach int, buf []span) []span {
	lo := max(0, s-reach)
	n := len(buf)
	i := s
	for i > lo && n > 0 {
		// skip non-letters
		for i > lo {
			ok, size := letterBefore(t, i)
			if ok {
				break
			}
			i -= size
		}
		end := i
		for i > lo {
			ok, size := letterBefore(t, i)
			if !ok {
				break
			}
			i -= size
		}
		if i < end {
			n--
			buf[n] = span{i, end}
		}
	}
	return buf[n:]
}

// wordsForward fills buf with the words after e, in text order.
func wordsForward(t string, e, reach int, buf []span) []span {
	hi := min(len(t), e+reach)
	n := 0
	i := e
	for i < hi && n < len(buf) {
		for i < hi {
			ok, size := letterAt(t, i)
			if ok {
				break
			}
			i += size
		}
		start := i
		for i < hi {
			ok, size := letterAt(t, i)
			if !ok {
				break
			}
			i += size
		}
		if i > start {
			buf[n] = span{start, i}
			n++
		}
	}
	return buf[:n]
}

// anyPhrase reports whether one of ps occurs as consecutive words of ws.
func anyPhrase(t string, ws []span, ps [][]string) bool {
	for _, p := range ps {
		for i := 0; i+len(p) <= len(ws); i++ {
			ok := true
			for j, w := range p {
				if !wordMatches(t[ws[i+j].start:ws[i+j].end], w) {
					ok = false
					break
				}
			}
			if ok {
				return true
			}
		}
	}
	return false
}

// wordMatches reports whether the text word tok matches the lower-case
// context word w: equal ignoring case, or, for w of four bytes or more,
// beginning with w, so that "licen" covers "licence" and "license" and
// "phone" covers "phones".
func wordMatches(tok, w string) bool {
	if len(w) < 4 {
		return strings.EqualFold(tok, w)
	}
	return len(tok) >= len(w) && strings.EqualFold(tok[:len(w)], w)
}
