package injection

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/textnlp/textguard/internal/ahocorasick"
)

// bound says which ends of a lexicon entry must fall on a word boundary.
type bound uint8

const (
	boundNone  bound = 0
	boundStart bound = 1
	boundEnd   bound = 2
	boundWord        = boundStart | boundEnd
)

// lex is the compiled lexicon: one automaton over every ASCII entry of
// every class, dense so that ordinary English costs one table load per
// byte, and one over the entries in other scripts, run only on text that
// has non-ASCII bytes. The text is matched after normalisation, which
// lower-cases it, so neither folds case.
type lex struct {
	ascii, other *matcher
	// maxSpan is the longest match in bytes, for the detector's window.
	maxSpan int
}

// matcher is one automaton and what each of its patterns stands for.
type matcher struct {
	m      *ahocorasick.Matcher
	cls    []class  // class of each pattern
	bounds []bound  // boundaries each pattern needs
	shapes []uint64 // structural rules a pattern triggers, by index in shapes
}

// A trigger is a match of a structural rule's trigger literal: the rules
// it may start (a bit per index in shapes) and where it starts in the
// normalised text.
type trigger struct {
	shapes uint64
	start  int
}

// An event is one lexicon match in the normalised text: the classes of the
// entry and its byte range.
type event struct {
	c          class
	start, end int32
}

// compileLex builds the automata from entries grouped by class. An entry
// listed under several classes (with the same boundaries) becomes one
// pattern whose class is the union, so a scan reports it once. norm is
// the normalisation the text will get; entries are matched as it rewrites
// them too.
func compileLex(groups []lexGroup, triggers map[string]uint64, norm func(string) string) (*lex, error) {
	type key struct {
		s string
		b bound
	}
	index := map[key]int{}
	var pats []string
	var cls []class
	var bounds []bound
	for _, g := range groups {
		for _, w := range g.words {
			for _, v := range variants(w, norm, g.c == cJB || g.c == cModeName) {
				s, b := parseEntry(v)
				k := key{s, b}
				if i, ok := index[k]; ok {
					cls[i] = cls[i].or(of(g.c))
					continue
				}
				index[k] = len(pats)
				pats = append(pats, s)
				cls = append(cls, of(g.c))
				bounds = append(bounds, b)
			}
		}
	}
	shapeMasks := make([]uint64, len(pats))
	for lit, mask := range triggers {
		k := key{strings.ToLower(lit), boundNone}
		i, ok := index[k]
		if !ok {
			i = len(pats)
			index[k] = i
			pats = append(pats, k.s)
			cls = append(cls, class{})
			bounds = append(bounds, boundNone)
			shapeMasks = append(shapeMasks, 0)
		}
		shapeMasks[i] |= mask
	}
	l := &lex{ascii: &matcher{}, other: &matcher{}}
	var asciiPats, otherPats []string
	for i, p := range pats {
		m, dst := l.ascii, &asciiPats
		if !isASCII(p) {
			m, dst = l.other, &otherPats
		}
		*dst = append(*dst, p)
		m.cls = append(m.cls, cls[i])
		m.bounds = append(m.bounds, bounds[i])
		m.shapes = append(m.shapes, shapeMasks[i])
	}
	var err error
	if l.ascii.m, err = ahocorasick.New(asciiPats, ahocorasick.Options{}); err != nil {
		return nil, err
	}
	if l.other.m, err = ahocorasick.New(otherPats, ahocorasick.Options{DenseLimit: -1}); err != nil {
		return nil, err
	}
	l.maxSpan = max(l.ascii.m.MaxSpan(), l.other.m.MaxSpan())
	return l, nil
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// lexGroup is one class and its entries.
type lexGroup struct {
	c     cls
	words []string
}

// variants returns w and the spellings of it that normalisation leaves
// distinct: a typographic apostrophe for an ASCII one (NFKC keeps U+2019),
// and, for the names of modes and personas, underscores for the spaces of
// a phrase ("developer_mode").
//
// It also adds the entry as the normaliser rewrites it, because the text is
// matched after normalisation: a short Cyrillic or Greek word made only of
// letters that look Latin ("все") is folded to Latin letters there.
func variants(w string, norm func(string) string, underscore bool) []string {
	vs := []string{w}
	if norm != nil {
		prefix, body, suffix := splitSyntax(w)
		// A folded word shorter than four bytes is too often a word of its
		// own ("не" folds to "he").
		if n := norm(body); n != body && len(n) >= 4 {
			vs = append(vs, prefix+n+suffix)
		}
	}
	if strings.Contains(w, "'") {
		vs = append(vs, strings.ReplaceAll(w, "'", "\u2019"))
	}
	if underscore && strings.Contains(w, " ") && !unspaced(w) {
		vs = append(vs, strings.ReplaceAll(w, " ", "_"))
	}
	return vs
}

// splitSyntax separates an entry's syntax marks from its literal.
func splitSyntax(w string) (string, string, string) {
	prefix, suffix := "", ""
	if strings.HasPrefix(w, "~") {
		prefix, w = "~", w[1:]
	}
	if strings.HasSuffix(w, "*") {
		suffix, w = "*", w[:len(w)-1]
	}
	return prefix, w, suffix
}

// parseEntry strips the entry syntax and returns the literal and the
// boundaries it needs.
func parseEntry(w string) (string, bound) {
	b := boundWord
	if strings.HasPrefix(w, "~") {
		w, b = w[1:], boundNone
	}
	if strings.HasSuffix(w, "*") {
		w, b = w[:len(w)-1], b&^boundEnd
	}
	if unspaced(w) {
		b = boundNone
	}
	return w, b
}

// unspaced reports whether w is in a script written without spaces between
// words, or (Arabic) with articles and prepositions attached to them.
func unspaced(w string) bool {
	for _, r := range w {
		if unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana,
			unicode.Hangul, unicode.Arabic, unicode.Hebrew, unicode.Thai) {
			return true
		}
	}
	return false
}

// wordRune reports whether r continues a word, so that an entry that must
// start or end at a word boundary does not match inside another word.
func wordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r)
}

// atBoundary reports whether text[m.Start:m.End] has the boundaries b. A
// letter of a script written without spaces next to a Latin word is a
// boundary: in "AIです" the word "ai" ends before "で".
func atBoundary(text string, start, end int, b bound) bool {
	if b&boundStart != 0 && start > 0 {
		r, _ := utf8.DecodeLastRuneInString(text[:start])
		if wordRune(r) && !unspacedRune(r) && startsWord(text[start:end]) {
			return false
		}
	}
	if b&boundEnd != 0 && end < len(text) {
		r, _ := utf8.DecodeRuneInString(text[end:])
		if wordRune(r) && !unspacedRune(r) && endsWord(text[start:end]) {
			return false
		}
	}
	return true
}

// unspacedRune reports whether r belongs to a script written without
// spaces between words.
func unspacedRune(r rune) bool {
	return r >= 0x2e80 && (unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana,
		unicode.Hangul, unicode.Thai))
}

// startsWord and endsWord report whether an entry begins or ends with a
// word character: an entry such as ", say" or "/jailbreak" begins with
// punctuation and needs no boundary before it.
func startsWord(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return wordRune(r)
}

func endsWord(s string) bool {
	r, _ := utf8.DecodeLastRuneInString(s)
	return wordRune(r)
}

// appendEvents appends the lexicon events of text, sorted by start and,
// for equal starts, longest first, and, when trig is not nil, the
// structural triggers found.
func (l *lex) appendEvents(dst []event, text string, trig *[]trigger) []event {
	base := len(dst)
	dst = l.ascii.appendEvents(dst, text, trig)
	if !isASCII(text) {
		dst = l.other.appendEvents(dst, text, trig)
	}
	sortEvents(dst[base:])
	return dst
}

func (m *matcher) appendEvents(dst []event, text string, trig *[]trigger) []event {
	m.m.Each(text, func(x ahocorasick.Match) bool {
		if sh := m.shapes[x.Pattern]; sh != 0 && trig != nil {
			*trig = append(*trig, trigger{sh, x.Start})
		}
		if c := m.cls[x.Pattern]; c != (class{}) && atBoundary(text, x.Start, x.End, m.bounds[x.Pattern]) {
			dst = append(dst, event{c, int32(x.Start), int32(x.End)})
		}
		return true
	})
	return dst
}

// sortEvents sorts by start, longer first. Insertion sort: the automaton
// reports by end, which is nearly sorted by start already, and slices are
// short.
func sortEvents(es []event) {
	for i := 1; i < len(es); i++ {
		e := es[i]
		j := i
		for j > 0 && less(e, es[j-1]) {
			es[j] = es[j-1]
			j--
		}
		es[j] = e
	}
}

func less(a, b event) bool {
	if a.start != b.start {
		return a.start < b.start
	}
	return a.end > b.end
}
