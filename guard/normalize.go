package guard

import (
	"encoding/binary"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
	"unsafe"

	"golang.org/x/text/unicode/norm"
)

// A NormalizeStep is one step of a [Normalizer]. Steps are bit flags: a
// normalizer runs the union it was given, always in the order below,
// whatever the order of the flags.
type NormalizeStep uint16

// The steps a [Normalizer] can run, in the order it runs them.
const (
	// NormalizeInvisible removes zero-width characters, bidirectional
	// controls, tag characters, variation selectors, the soft hyphen and
	// the other default-ignorable format characters, so that they cannot
	// split a keyword.
	NormalizeInvisible NormalizeStep = 1 << iota
	// NormalizeDecodeTags turns the tag characters U+E0020..U+E007E into
	// the ASCII characters they shadow instead of removing them, so that a
	// detector reads an instruction smuggled in them the way a model that
	// decodes them would.
	NormalizeDecodeTags
	// NormalizeNFKC applies Unicode compatibility normalisation (NFKC):
	// full-width forms, ligatures, mathematical and circled letters
	// become plain ones.
	NormalizeNFKC
	// NormalizeConfusables folds letters of other scripts that look like
	// Latin letters (Cyrillic а, Greek ο, Cherokee Ꭺ, Latin small
	// capitals) onto those letters. Only words whose every letter is
	// Latin or has a Latin look-alike are folded: a word with one letter
	// that looks like no Latin letter is genuine text in its own script,
	// not a spoof.
	NormalizeConfusables
	// NormalizeCase lower-cases with Unicode's simple mappings plus the
	// full case folding of ß and ẞ to "ss" and of final sigma to σ.
	NormalizeCase
	// NormalizeWhitespace turns every run of Unicode white space into
	// one ASCII space. It trims nothing.
	NormalizeWhitespace
	// NormalizeLeetspeak reads 0 1 3 4 5 7 @ $ as o i e a s t a s inside
	// tokens (runs of letters, digits, @ and $) that also contain a
	// letter, so that "p4$$w0rd" becomes "password" and "$100" stays. It
	// is off by default because it also rewrites e-mail addresses,
	// product names and codes ("mp3" becomes "mpe"), and because 1 can
	// stand for i or l and is always read as i.
	NormalizeLeetspeak
	// NormalizeJoinLetters joins a run of at least three single-letter
	// tokens separated by one and the same separator (space, '.', '-'
	// or '_'): "i g n o r e" and "i.g.n.o.r.e" become "ignore". The
	// characters around the run are kept.
	NormalizeJoinLetters
)

// DefaultNormalizeSteps are the steps [NewNormalizer] runs unless told
// otherwise: all but [NormalizeLeetspeak] and [NormalizeDecodeTags].
const DefaultNormalizeSteps = NormalizeInvisible | NormalizeNFKC | NormalizeConfusables |
	NormalizeCase | NormalizeWhitespace | NormalizeJoinLetters

// A NormalizeOption configures a [Normalizer].
type NormalizeOption func(*Normalizer)

// NormalizeSteps makes the normalizer run exactly the steps s, for
// example DefaultNormalizeSteps|NormalizeLeetspeak.
func NormalizeSteps(s NormalizeStep) NormalizeOption {
	return func(n *Normalizer) { n.steps = s }
}

// A Normalizer rewrites text into a canonical form in which obfuscated
// keywords look like plain ones, and keeps a map from every byte of the
// result back to the input, so that a detector can match on the result and
// report offsets into the text the host gave.
//
// A Normalizer is immutable and safe for concurrent use.
//
// Normalising is idempotent: normalising the Text of a result again gives
// the same Text (the fuzz test checks the default steps, and the default
// steps with leetspeak and tag decoding). The passes repeat until NFKC has
// nothing left to do, which is what makes this hold when a folded letter
// meets an accent.
//
// Known limits: confusable folding covers letters only, so digits and
// symbols of other scripts that look like Latin ones stay; a genuine
// Cyrillic or Greek word made only of look-alike letters (рор, ΟΚ) is
// folded like a spoof; accents are kept, so "ïgnore" does not become
// "ignore"; NFKC inserts U+034F after 30 combining marks in a row, and that
// one invisible character stays in the output while the run it breaks is
// there.
type Normalizer struct {
	steps NormalizeStep
	lower [utf8.RuneSelf]byte // what the fold pass makes of each ASCII byte
	white [utf8.RuneSelf]byte // 1 for the ASCII bytes it folds as white space
}

// maxRounds bounds the re-runs of the clean and fold passes. Folding an
// NFKC string can leave a string that NFKC changes again (a look-alike
// letter followed by a combining accent becomes a Latin letter that
// composes with it), so the two passes repeat until the text is stable;
// real text needs two rounds at most.
const maxRounds = 4

// maxNormalize is the longest text Normalize rewrites. Its map holds 32-bit
// offsets, which halves its size, and NFKC can make a text up to 18 times
// longer.
const maxNormalize = 64 << 20

// NewNormalizer returns a normalizer that runs [DefaultNormalizeSteps]
// unless an option says otherwise.
func NewNormalizer(opts ...NormalizeOption) *Normalizer {
	n := &Normalizer{steps: DefaultNormalizeSteps}
	for _, o := range opts {
		if o != nil {
			o(n)
		}
	}
	for c := range n.lower {
		n.lower[c] = byte(c)
		switch {
		case n.has(NormalizeWhitespace) && asciiWhite(byte(c)):
			n.lower[c], n.white[c] = ' ', 1
		case n.has(NormalizeCase) && 'A' <= c && c <= 'Z':
			n.lower[c] = byte(c) + 'a' - 'A'
		}
	}
	return n
}

// Steps returns the steps n runs.
func (n *Normalizer) Steps() NormalizeStep { return n.steps }

func (n *Normalizer) has(s NormalizeStep) bool { return n.steps&s != 0 }

// Normalized is the result of [Normalizer.Normalize]: the normalised text
// and the map back to the input. It is immutable and safe for concurrent
// use.
type Normalized struct {
	// Text is the normalised text, always valid UTF-8.
	Text string

	// layers holds one map per pass that changed the text, first pass
	// first; none means that Text is the input.
	layers []layer
}

// Original returns the byte range of the input that the range [start, end)
// of Text came from.
//
// The contract: the returned range lies on UTF-8 boundaries of the input
// (an invalid input byte counts as one character) and covers every input
// byte that produced any byte of Text[start:end]. Input bytes that produced
// nothing, such as removed invisible characters or the second and later
// characters of a run of white space, are covered when they lie between
// bytes that are, and not otherwise. A character that became several (ﬁ to
// fi) or several that became one (e and a combining accent to é) are never
// split: any part of the output maps to the whole. Offsets outside Text are
// clamped to it and end is raised to start when smaller. An empty range
// maps to the empty range at the input position of the character that
// starts at start, or at the end of the input's last contributing
// character when start is len(Text).
func (t Normalized) Original(start, end int) (int, int) {
	start = min(max(start, 0), len(t.Text))
	end = min(max(end, start), len(t.Text))
	if len(t.layers) == 0 {
		return snapDown(t.Text, start, 0), snapUp(t.Text, end, len(t.Text))
	}
	out := len(t.Text)
	for i := len(t.layers) - 1; i >= 0; i-- {
		start, end = t.layers[i].back(start, end, out)
		out = len(t.layers[i].in)
	}
	return start, end
}

// Normalize returns s normalised, with its map back to s. s should be
// valid UTF-8; each invalid byte becomes U+FFFD and maps to itself. A text
// over 64 MiB is returned unchanged, since the map's offsets are 32-bit; a
// guard accepts 1 MiB by default.
//
// Normalize takes no context: it runs in time linear in len(s), does a few
// passes over it and cannot block, so callers bound its cost by bounding s,
// as the guard does.
func (n *Normalizer) Normalize(s string) Normalized {
	res := Normalized{Text: s}
	if len(s) > maxNormalize {
		return res
	}
	for range maxRounds {
		if l, ok := n.clean(res.text()); ok {
			res.layers = append(res.layers, l)
		}
		l, ok, unstable := n.fold(res.text())
		if ok {
			res.layers = append(res.layers, l)
		}
		if n.has(NormalizeLeetspeak) {
			// Leetspeak maps ASCII to ASCII, so it needs no layer of its
			// own; but a digit it turns into a letter may now compose with
			// a following accent, hence another round.
			if t := leet(res.text()); t != res.text() {
				res.setText(t)
				unstable = true
			}
		}
		if !unstable || !n.has(NormalizeNFKC) || norm.NFKC.IsNormalString(res.text()) {
			break
		}
	}
	// NFKC puts U+034F after 30 combining marks in a row; when a later
	// step removed the marks, the joiner is left stranded, and the next
	// normalisation would drop it. Drop it now, unless NFKC would put it
	// straight back, so that normalising stays idempotent.
	if n.has(NormalizeInvisible) && strings.ContainsRune(res.text(), '\u034f') {
		if l, ok := n.clean(res.text()); ok && (!n.has(NormalizeNFKC) || norm.NFKC.IsNormalString(l.text)) {
			res.layers = append(res.layers, l)
		}
	}
	if n.has(NormalizeJoinLetters) {
		if l, ok := joinLetters(res.text()); ok {
			res.layers = append(res.layers, l)
		}
	}
	res.Text = res.text()
	return res
}

// text returns the output of the last layer, or the input.
func (t *Normalized) text() string {
	if n := len(t.layers); n > 0 {
		return t.layers[n-1].text
	}
	return t.Text
}

// setText replaces the output of the last layer by a text of the same
// length and character boundaries.
func (t *Normalized) setText(s string) {
	if n := len(t.layers); n > 0 {
		t.layers[n-1].text = s
	} else {
		t.Text = s
	}
}

// A layer maps the output of one pass back to its input. Its pieces tile
// the output in order; the input bytes between two pieces produced nothing.
type layer struct {
	in     string // the pass's input
	text   string // the pass's output
	pieces []piece
}

// A piece maps output bytes [out, out+outLen) to input bytes [in,
// in+inLen). A linear piece is a stretch where the output has the same
// character boundaries as the input, byte for byte (copied or lower-cased
// text), so a sub-range maps to the matching sub-range; any other piece
// maps as a whole.
type piece struct {
	out, in       int32
	outLen, inLen int32
	linear        bool
}

// back maps [start, end) of the layer's output, of length out, to its
// input.
func (l *layer) back(start, end, out int) (int, int) {
	if start == end {
		p := l.pos(start, out)
		return p, p
	}
	a, z := l.find(start), l.find(end-1)
	s := int(a.in)
	if a.linear {
		s = snapDown(l.in, s+start-int(a.out), s)
	}
	e := int(z.in + z.inLen)
	if z.linear {
		e = snapUp(l.in, int(z.in)+end-int(z.out), e)
	}
	return s, e
}

func (l *layer) pos(p, out int) int {
	if len(l.pieces) == 0 {
		return 0
	}
	if p >= out {
		last := l.pieces[len(l.pieces)-1]
		return int(last.in + last.inLen)
	}
	a := l.find(p)
	if a.linear {
		return snapDown(l.in, int(a.in)+p-int(a.out), int(a.in))
	}
	return int(a.in)
}

// find returns the piece holding output byte p, which must exist.
func (l *layer) find(p int) *piece {
	k := sort.Search(len(l.pieces), func(k int) bool { return int(l.pieces[k].out) > p })
	return &l.pieces[k-1]
}

// snapDown moves i back to a character start, but not below lo, which is
// one; the bytes between are valid UTF-8.
func snapDown(s string, i, lo int) int {
	for i > lo && i < len(s) && !utf8.RuneStart(s[i]) {
		i--
	}
	return i
}

// snapUp moves i forward to a character start or hi, which is one.
func snapUp(s string, i, hi int) int {
	for i < hi && !utf8.RuneStart(s[i]) {
		i++
	}
	return i
}

// A builder writes a pass's output and its pieces.
type builder struct {
	in     string
	out    []byte
	pieces []piece
}

func newBuilder(in string) *builder {
	b := &builder{in: in}
	b.out = make([]byte, 0, len(in)+len(in)/8)
	return b
}

// copy appends in[i:j] unchanged.
func (b *builder) copy(i, j int) {
	if i < j {
		b.out = append(b.out, b.in[i:j]...)
		b.linear(i, j-i)
	}
}

// linear records that the last n output bytes correspond byte for byte to
// the input from i, extending the last piece when it is linear and adjoins.
func (b *builder) linear(i, n int) {
	if n == 0 {
		return
	}
	if k := len(b.pieces) - 1; k >= 0 {
		p := &b.pieces[k]
		if p.linear && int(p.in+p.inLen) == i {
			p.inLen += int32(n)
			p.outLen += int32(n)
			return
		}
	}
	b.pieces = append(b.pieces, piece{
		out: int32(len(b.out) - n), in: int32(i), outLen: int32(n), inLen: int32(n), linear: true,
	})
}

// mapped records that the output written since mark came from in[i:j].
func (b *builder) mapped(mark, i, j int) {
	if n := len(b.out) - mark; n > 0 {
		b.pieces = append(b.pieces, piece{
			out: int32(mark), in: int32(i), outLen: int32(n), inLen: int32(j - i),
		})
	}
}

// layer returns the pass's map and output. The output shares the
// builder's bytes, which nothing writes after this (strings.Builder does the
// same): copying them would double what a pass allocates.
func (b *builder) layer() layer {
	text := unsafe.String(unsafe.SliceData(b.out), len(b.out))
	return layer{in: b.in, text: text, pieces: b.pieces}
}

// asciiWhite reports ASCII white space as Unicode defines it.
func asciiWhite(c byte) bool { return c == ' ' || '\t' <= c && c <= '\r' }

func asciiPrefix(s string) int {
	i := 0
	for ; i+8 <= len(s); i += 8 {
		if load64(s, i)&0x8080808080808080 != 0 {
			break
		}
	}
	for ; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return i
		}
	}
	return len(s)
}

// clean is the first pass: invalid bytes become U+FFFD, invisible
// characters go (or tag characters are decoded), and NFKC applies. It
// reports false when the text is unchanged.
//
// NFKC works on segments that start at a character that cannot combine
// with what precedes it; removed characters do not end a segment, so a
// zero-width space between a letter and its accent cannot keep them apart
// and the result stays the same when normalised again.
func (n *Normalizer) clean(s string) (layer, bool) {
	if asciiPrefix(s) == len(s) {
		return layer{}, false
	}
	c := cleaner{b: newBuilder(s), n: n, in: -1}
	for i := 0; i < len(s); {
		if s[i] < utf8.RuneSelf {
			i = c.ascii(i)
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			c.flush()
			c.add("\uFFFD", i, 1, false)
		case n.has(NormalizeDecodeTags) && 0xE0020 <= r && r <= 0xE007E:
			c.flush()
			c.add(string(rune(r-0xE0000)), i, size, false)
		case n.has(NormalizeInvisible) && invisibleKindOf(r) != notInvisible:
			c.dropped = true
		default:
			if !n.has(NormalizeNFKC) || norm.NFKC.PropertiesString(s[i:i+size]).BoundaryBefore() {
				c.flush()
				if j := c.span(i); j > i {
					i = j
					continue
				}
			}
			c.add(s[i:i+size], i, size, true)
		}
		i += size
	}
	c.flush()
	l := c.b.layer()
	return l, l.text != s
}

// A cleaner holds the pending NFKC segment of the clean pass.
type cleaner struct {
	b       *builder
	n       *Normalizer
	seg     []byte // the kept characters of the segment
	in, end int    // the segment's input range; in < 0 when empty
	runes   int    // the number of characters in seg
	same    bool   // seg equals the input range
	dropped bool   // a character was removed since the last add
	tmp     []byte
	it      norm.Iter
}

// ascii handles the run of ASCII bytes at i and returns where it ends. Its
// last byte stays pending when a non-ASCII character follows, since an
// accent may combine with it.
func (c *cleaner) ascii(i int) int {
	s := c.b.in
	j := i + 1
	for j < len(s) && s[j] < utf8.RuneSelf {
		j++
	}
	c.flush()
	last := j
	if j < len(s) {
		last = j - 1
	}
	c.b.copy(i, last)
	if last < j {
		c.add(s[last:j], last, 1, true)
	}
	return j
}

// span copies in one go the characters from i that the pass leaves alone
// whatever follows them, and returns where it stopped. A character
// qualifies when the pass keeps it and NFKC neither decomposes it nor
// combines it with the one before; the last one before the stop is left
// to the caller, since an accent after it may combine with it.
func (c *cleaner) span(i int) int {
	s, nfkc := c.b.in, c.n.has(NormalizeNFKC)
	last := i
	for j := i; j < len(s); {
		if s[j] < utf8.RuneSelf {
			last = j
			j++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[j:])
		if r == utf8.RuneError && size == 1 || c.n.changes(r) {
			break
		}
		if nfkc {
			p := norm.NFKC.PropertiesString(s[j : j+size])
			if !p.BoundaryBefore() || p.Decomposition() != nil {
				break
			}
		}
		last = j
		j += size
	}
	c.b.copy(i, last)
	return last
}

// changes reports whether the clean pass removes or decodes r.
func (n *Normalizer) changes(r rune) bool {
	if n.has(NormalizeDecodeTags) && 0xE0020 <= r && r <= 0xE007E {
		return true
	}
	return n.has(NormalizeInvisible) && invisibleKindOf(r) != notInvisible
}

func (c *cleaner) add(kept string, i, size int, same bool) {
	if c.in < 0 {
		c.in, c.same = i, true
	} else if c.dropped || c.end != i {
		c.same = false
	}
	c.seg = append(c.seg, kept...)
	c.end, c.same, c.dropped = i+size, c.same && same, false
	c.runes++
}

func (c *cleaner) flush() {
	c.dropped = false
	if c.in < 0 {
		return
	}
	out := c.seg
	if c.n.has(NormalizeNFKC) {
		out = c.nfkc(out)
	}
	if c.same && string(out) == c.b.in[c.in:c.end] {
		c.b.copy(c.in, c.end)
	} else {
		mark := len(c.b.out)
		c.b.out = append(c.b.out, out...)
		c.b.mapped(mark, c.in, c.end)
	}
	c.seg, c.in, c.runes = c.seg[:0], -1, 0
}

// nfkc returns the NFKC form of the segment seg.
func (c *cleaner) nfkc(seg []byte) []byte {
	if c.runes == 1 {
		// Most segments are one character, and most of those that change
		// decompose to ASCII (full-width and mathematical letters,
		// ligatures), which is then their NFKC form: ASCII never composes.
		d := norm.NFKC.Properties(seg).Decomposition()
		if d == nil {
			return seg
		}
		if isASCII(d) {
			return d
		}
	}
	if norm.NFKC.QuickSpan(seg) == len(seg) {
		return seg
	}
	// An Iter keeps its buffers from one segment to the next, where
	// Form.Append would allocate them each time.
	c.tmp = c.tmp[:0]
	for c.it.Init(norm.NFKC, seg); !c.it.Done(); {
		c.tmp = append(c.tmp, c.it.Next()...)
	}
	return c.tmp
}

func isASCII(b []byte) bool {
	for _, c := range b {
		if c >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// fold is the second pass: confusable letters, case and white space. It
// reports whether it changed anything, and whether it changed a non-ASCII
// character, after which NFKC may need to run again.
func (n *Normalizer) fold(s string) (l layer, changed, unstable bool) {
	i := n.foldSpan(s)
	if i == len(s) {
		return layer{}, false, false
	}
	f := folder{b: newBuilder(s), n: n}
	if i > 0 && s[i-1] == ' ' && n.has(NormalizeWhitespace) {
		f.space = 1
	}
	f.b.copy(0, i)
	for i < len(s) {
		if s[i] < utf8.RuneSelf {
			i = f.ascii(i)
		} else {
			i = f.rune(i)
		}
	}
	l = f.b.layer()
	return l, l.text != s, f.unstable
}

// foldSpan returns the length of the prefix of s that fold leaves alone,
// stopping conservatively at the first non-ASCII byte.
func (n *Normalizer) foldSpan(s string) int {
	ws, space, slow := n.has(NormalizeWhitespace), false, 0
	for i := 0; i < len(s); i++ {
		if i >= slow && i+8 <= len(s) {
			x := load64(s, i)
			if y, ok := n.fold8(x, space); ok && y == x {
				space = x>>56 == ' '
				i += 7
				continue
			}
			slow = i + 8 // byte by byte up to there
		}
		c := s[i]
		if c >= utf8.RuneSelf || n.lower[c] != c || c == ' ' && ws && space {
			return i
		}
		space = c == ' '
	}
	return len(s)
}

// fold8 folds eight ASCII bytes, packed little-endian in x, at once, and
// reports false when it cannot: when a byte is not ASCII or a control
// character, or when two white-space bytes meet, one of which must go
// (space says whether the byte before x was white space). It is the fast
// path that keeps the fold pass near memory speed on prose.
func (n *Normalizer) fold8(x uint64, space bool) (uint64, bool) {
	const high, ones = 0x8080808080808080, 0x0101010101010101
	if x&high != 0 {
		return 0, false
	}
	if n.has(NormalizeWhitespace) {
		below := ^(x + (0x80-0x21)*ones) & high // bytes under 0x21
		tabToCR := (x + (0x80-'\t')*ones) &^ (x + (0x80-'\r'-1)*ones) & high
		white := zeroBytes(x^' '*ones) | tabToCR
		if below&^white != 0 || white&(white<<8) != 0 || space && white&0x80 != 0 {
			return 0, false
		}
		m := (white >> 7) * 0xFF // 0xFF in each white-space byte
		x = x&^m | m&(' '*ones)
	}
	if n.has(NormalizeCase) {
		upper := (x + (0x80-'A')*ones) &^ (x + (0x80-'Z'-1)*ones) & high
		x |= upper >> 2 // 0x80 >> 2 is the case bit 0x20
	}
	return x, true
}

// A folder holds the state of the fold pass.
type folder struct {
	b        *builder
	n        *Normalizer
	space    byte // 1 when the last output byte is a folded space
	wordEnd  int  // end of the word whose confusable verdict is known
	wordOK   bool // that word may be folded
	unstable bool
}

// ascii folds the run of ASCII bytes at i and returns where the run ends.
// Each byte maps to one byte, except a white-space byte after another,
// which is dropped, so the run needs a new piece only after a drop.
func (f *folder) ascii(i int) int {
	s, to, white := f.b.in, &f.n.lower, &f.n.white
	out, from, space, slow := f.b.out, i, f.space, 0
	for ; i < len(s); i++ {
		if i >= slow && i+8 <= len(s) {
			if y, ok := f.n.fold8(load64(s, i), space != 0); ok {
				out = binary.LittleEndian.AppendUint64(out, y)
				space = b2u(y>>56 == ' ')
				i += 7
				continue
			}
			slow = i + 8 // byte by byte up to there
		}
		c := s[i]
		if c >= utf8.RuneSelf {
			break
		}
		// Spaces are frequent and unpredictable; keeping them out of the
		// branches leaves only the rare dropped space to predict.
		w := white[c]
		if w&space != 0 {
			f.b.out = out
			f.b.linear(from, i-from)
			from = i + 1
			continue
		}
		space = w
		out = append(out, to[c])
	}
	f.b.out, f.space = out, space
	f.b.linear(from, i-from)
	// A lower-cased letter may compose with an accent that its capital
	// does not compose with (w and a ring above do, W does not).
	if i < len(s) && i > 0 && to[s[i-1]] != s[i-1] &&
		!norm.NFKC.PropertiesString(s[i:]).BoundaryBefore() {
		f.unstable = true
	}
	return i
}

// rune folds the non-ASCII character at i and returns where it ends.
func (f *folder) rune(i int) int {
	s := f.b.in
	r, size := utf8.DecodeRuneInString(s[i:])
	if f.n.has(NormalizeWhitespace) && white(r) {
		if f.space == 0 {
			f.space = 1
			mark := len(f.b.out)
			f.b.out = append(f.b.out, ' ')
			f.b.mapped(mark, i, i+size)
		}
		return i + size
	}
	f.space = 0
	a, b, conf := f.n.foldRune(r, f.n.has(NormalizeConfusables))
	if conf {
		if i >= f.wordEnd {
			f.wordOK, f.wordEnd = f.n.wordFoldable(s, i)
		}
		if !f.wordOK {
			a, b, _ = f.n.foldRune(r, false)
		}
	}
	if a == r && b < 0 {
		f.b.copy(i, i+size)
		return i + size
	}
	mark := len(f.b.out)
	f.b.out = utf8.AppendRune(f.b.out, a)
	if b >= 0 {
		f.b.out = utf8.AppendRune(f.b.out, b)
	}
	if b < 0 && len(f.b.out)-mark == size {
		f.b.linear(i, size) // one character for one of the same length
	} else {
		f.b.mapped(mark, i, i+size)
	}
	// NFKC must run again if the new letter can interact with its
	// neighbours: if it decomposes, or combines with what is before it or
	// with an accent after it.
	f.unstable = f.unstable || !standalone(a) || b >= 0 && !standalone(b) ||
		i+size < len(s) && s[i+size] >= utf8.RuneSelf &&
			!norm.NFKC.PropertiesString(s[i+size:]).BoundaryBefore()
	return i + size
}

// standalone reports whether NFKC leaves r as it is whatever precedes it.
func standalone(r rune) bool {
	if r < utf8.RuneSelf {
		return true
	}
	var buf [utf8.UTFMax]byte
	p := norm.NFKC.Properties(utf8.AppendRune(buf[:0], r))
	return p.BoundaryBefore() && p.Decomposition() == nil
}

// white reports Unicode white space.
func white(r rune) bool {
	switch r {
	case 0x85, 0xA0, 0x1680, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000:
		return true
	}
	return r < utf8.RuneSelf && asciiWhite(byte(r)) || 0x2000 <= r && r <= 0x200A
}

// foldRune returns what r becomes under the confusable (when conf is set)
// and case steps: one rune, or two when b is not negative (ß to ss), and
// whether a confusable mapping was used. It repeats both mappings until
// neither changes r, since lower-casing can yield a letter that has a
// Latin look-alike (Cherokee capitals do).
func (n *Normalizer) foldRune(r rune, conf bool) (a, b rune, used bool) {
	for range 4 {
		prev := r
		if conf {
			if t, ok := confusable(r); ok {
				r, used = t, true
			}
		}
		if n.has(NormalizeCase) {
			switch r {
			case 'ß', 'ẞ':
				return 's', 's', used
			case 'ς':
				r = 'σ'
			default:
				r = unicode.ToLower(r)
			}
		}
		if r == prev {
			break
		}
	}
	return r, -1, used
}

// wordFoldable decides whether the confusable letters of the word around
// byte i may be folded, and returns where the word ends. A word is a run
// of letters and marks; it may be folded when each letter is Latin or
// folds to a Latin letter.
func (n *Normalizer) wordFoldable(s string, i int) (bool, int) {
	start := i
	for start > 0 {
		r, size := utf8.DecodeLastRuneInString(s[:start])
		if !wordRune(r) {
			break
		}
		start -= size
	}
	ok := true
	end := start
	for end < len(s) {
		r, size := utf8.DecodeRuneInString(s[end:])
		if !wordRune(r) {
			break
		}
		if ok && unicode.IsLetter(r) {
			a, _, _ := n.foldRune(r, true)
			ok = a < utf8.RuneSelf || unicode.Is(unicode.Latin, a)
		}
		end += size
	}
	return ok, end
}

func wordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsMark(r) }

// leet reads leetspeak digits and signs as letters inside tokens that
// contain a letter. It maps ASCII to ASCII, so offsets do not move.
func leet(s string) string {
	var buf []byte
	for i := 0; i < len(s); {
		j, letter, digit := i, false, false
		for j < len(s) {
			r, size := utf8.DecodeRuneInString(s[j:])
			if l := unicode.IsLetter(r); l || leetOf(r) != 0 || '0' <= r && r <= '9' {
				letter = letter || l
				digit = digit || leetOf(r) != 0
				j += size
				continue
			}
			break
		}
		if letter && digit {
			if buf == nil {
				buf = []byte(s)
			}
			for k := i; k < j; k++ {
				if c := leetOf(rune(s[k])); c != 0 {
					buf[k] = c
				}
			}
		}
		if j == i {
			_, size := utf8.DecodeRuneInString(s[i:])
			j += size
		}
		i = j
	}
	if buf == nil {
		return s
	}
	return string(buf)
}

func leetOf(r rune) byte {
	switch r {
	case '0':
		return 'o'
	case '1':
		return 'i'
	case '3':
		return 'e'
	case '4', '@':
		return 'a'
	case '5', '$':
		return 's'
	case '7':
		return 't'
	}
	return 0
}

// joinLetters removes the separators inside runs of single-letter tokens.
// A letter may join only when NFKC cannot combine it with the letter before
// it (Hangul vowel jamo can), so joining never makes the text
// un-normalised.
//
// The scan looks only at separators followed by one character and the same
// separator again, which every run has after its first letter; prose has
// few such places, so the scan costs little more than a read of the text.
func joinLetters(s string) (layer, bool) {
	var dels []int
	for k := 0; k+2 < len(s); k++ {
		if k+10 <= len(s) && !candidates(s, k) {
			k += 7
			continue
		}
		sep := s[k]
		if s[k+2] != sep && s[k+1] < utf8.RuneSelf || !isSeparator(sep) {
			continue
		}
		_, size := utf8.DecodeLastRuneInString(s[:k])
		start := k - size
		if size == 0 || !joinable(s[start:k]) {
			continue
		}
		if start > 0 {
			if p, _ := utf8.DecodeLastRuneInString(s[:start]); wordRune(p) || unicode.IsNumber(p) {
				continue
			}
		}
		n, end := len(dels), 0
		dels, end = letterRun(dels, s, k, sep)
		if len(dels)-n >= 2 {
			k = end - 1
		} else {
			dels = dels[:n]
		}
	}
	if dels == nil {
		return layer{}, false
	}
	b := newBuilder(s)
	at := 0
	for _, d := range dels {
		b.copy(at, d)
		at = d + 1
	}
	b.copy(at, len(s))
	return b.layer(), true
}

// candidates reports whether a run of single letters may start at one of
// s[k:k+8]: whether some byte there is a separator repeated two bytes on,
// or some byte of s[k:k+10] is not ASCII. It reads eight bytes at a time.
func candidates(s string, k int) bool {
	const high = 0x8080808080808080
	a, b := load64(s, k), load64(s, k+2)
	if (a|b)&high != 0 {
		return true
	}
	repeats := zeroBytes(a ^ b)
	if repeats == 0 {
		return false
	}
	seps := zeroBytes(a^0x2020202020202020) | zeroBytes(a^0x2E2E2E2E2E2E2E2E) |
		zeroBytes(a^0x2D2D2D2D2D2D2D2D) | zeroBytes(a^0x5F5F5F5F5F5F5F5F)
	return seps&repeats != 0
}

// zeroBytes returns x with the high bit of each zero byte set and all
// other bits clear.
func zeroBytes(x uint64) uint64 {
	const low7 = 0x7F7F7F7F7F7F7F7F
	return ^((x&low7 + low7) | x | low7)
}

func load64(s string, i int) uint64 {
	s = s[i : i+8]
	return uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24 |
		uint64(s[4])<<32 | uint64(s[5])<<40 | uint64(s[6])<<48 | uint64(s[7])<<56
}

// letterRun follows a run of single-letter tokens from the separator at i,
// appends the positions of the separators to remove to dels, and returns
// them with the end of the run's last letter.
func letterRun(dels []int, s string, i int, sep byte) ([]int, int) {
	for i < len(s) && s[i] == sep {
		_, size := utf8.DecodeRuneInString(s[i+1:])
		end := i + 1 + size
		if !joinable(s[i+1 : end]) {
			break
		}
		if end < len(s) {
			if r, _ := utf8.DecodeRuneInString(s[end:]); wordRune(r) || unicode.IsNumber(r) {
				break
			}
		}
		dels = append(dels, i)
		i = end
	}
	return dels, i
}

func joinable(c string) bool {
	r, _ := utf8.DecodeRuneInString(c)
	if r < utf8.RuneSelf {
		return asciiLetter(byte(r))
	}
	return unicode.IsLetter(r) && norm.NFKC.PropertiesString(c).BoundaryBefore()
}

func b2u(b bool) byte {
	if b {
		return 1
	}
	return 0
}

func asciiLetter(c byte) bool { return 'a' <= c|0x20 && c|0x20 <= 'z' }

func isSeparator(c byte) bool { return c == ' ' || c == '.' || c == '-' || c == '_' }
