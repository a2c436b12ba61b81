package pii

// A chunk is a stretch of the view that may hold a structured value: one
// run of non-space characters, or several joined by single spaces where
// they hold digits ("4012 8888 8888 1881", "AA 12 34 56 B", "+41 (0)96 471
// 07 95"). Recognizers with a prefilter run their patterns on chunks only,
// and skip the chunks whose counts rule them out.
type chunk struct {
	start, end int
	digits     int    // ASCII digits
	upper      int    // ASCII upper-case letters
	letters    int    // ASCII letters
	run        int    // longest run of consecutive ASCII digits
	runs       uint64 // bit n set when a maximal run of n digits occurs
	// set has bit b&63 of word b>>6 for every ASCII byte b present, and
	// word 2 non-zero when a byte outside ASCII is present.
	set [3]uint64
}

// hasAny reports whether c holds any byte of the mask m.
func (c *chunk) hasAny(m [2]uint64) bool { return c.set[0]&m[0] != 0 || c.set[1]&m[1] != 0 }

// byteMask returns the presence mask of the ASCII bytes of s.
func byteMask(s string) [2]uint64 {
	var m [2]uint64
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 128 {
			m[c>>6] |= 1 << (c & 63)
		}
	}
	return m
}

// Byte classes for the chunker's inner loop.
const (
	classSpace = 1 << iota
	classDigit
	classUpper
	classLetter
	classPunct // ASCII and neither letter, digit nor space
	classHot   // may sit in a value: digits, capitals, @ : . (see hot)
)

// byteClass is a constant table, built at compile time.
var byteClass = func() (t [256]uint8) {
	for c := 0; c < 256; c++ {
		switch {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f':
			t[c] = classSpace
		case c >= '0' && c <= '9':
			t[c] = classDigit | classHot
		case c >= 'A' && c <= 'Z':
			t[c] = classUpper | classLetter | classHot
		case c == '@' || c == ':' || c == '.':
			t[c] = classPunct | classHot
		case c >= 'a' && c <= 'z':
			t[c] = classLetter
		case c < 128:
			t[c] = classPunct
		}
	}
	return t
}()

// punctMask covers the ASCII bytes a chunk records in its set: only those
// that are not letters or digits, which keeps the inner loop short.
var punctMask = func() (m [2]uint64) {
	for c := 0; c < 128; c++ {
		if byteClass[c]&classPunct != 0 || c == ' ' {
			m[c>>6] |= 1 << (c & 63)
		}
	}
	return m
}()

// word is one run of non-space bytes with its counts.
type word struct {
	chunk
}

// nextWord scans the word that starts at or after i. It returns false at
// the end of t.
func nextWord(t string, i int) (word, bool) {
	for i < len(t) && byteClass[t[i]]&classSpace != 0 {
		i++
	}
	if i >= len(t) {
		return word{}, false
	}
	w := word{chunk: chunk{start: i}}
	run := 0
	for ; i < len(t); i++ {
		c := t[i]
		k := byteClass[c]
		if k&classDigit != 0 {
			run++
			w.digits++
			if run > w.run {
				w.run = run
			}
			continue
		}
		if run > 0 {
			w.runs |= 1 << min(run, 63)
		}
		run = 0
		switch {
		case k == classLetter:
			w.letters++
		case k&classUpper != 0:
			w.upper++
			w.letters++
		case k&classPunct != 0:
			w.set[c>>6] |= 1 << (c & 63)
		case k&classSpace != 0:
			w.end = i
			return w, true
		case c >= 128:
			w.set[2] = 1
		}
	}
	if run > 0 {
		w.runs |= 1 << min(run, 63)
	}
	w.end = i
	return w, true
}

// joins reports whether two words one space apart belong to one chunk:
// both hold digits, or one does and the other is short enough to be a
// group of a grouped number ("VPVG", "B", "USD") or is a month name
// ("12 March 1990").
func joins(t string, a, b *word) bool {
	if a.digits > 0 && b.digits > 0 {
		return true
	}
	return a.digits > 0 && groupLike(t, b) || b.digits > 0 && groupLike(t, a)
}

func groupLike(t string, w *word) bool {
	n := w.end - w.start
	return n <= 4 || n <= 10 && isMonth(t[w.start:w.end])
}

// isMonth reports whether w starts with the English abbreviation of a
// month and holds only letters, a comma or a full stop after it.
func isMonth(w string) bool {
	if len(w) < 3 {
		return false
	}
	for i := 3; i < len(w); i++ {
		if byteClass[w[i]]&classLetter == 0 && w[i] != ',' && w[i] != '.' {
			return false
		}
	}
	const months = "janfebmaraprmayjunjulaugsepoctnovdec"
	a, b, c := w[0]|0x20, w[1]|0x20, w[2]|0x20
	for i := 0; i < len(months); i += 3 {
		if months[i] == a && months[i+1] == b && months[i+2] == c {
			return true
		}
	}
	return false
}

// chunker yields the chunks of a text in order. It skips over bytes that
// no built-in value can start with (lower-case letters, spaces, most
// punctuation) with one table lookup each, and builds chunks only around
// the bytes that can: digits, capitals and the punctuation of addresses.
type chunker struct {
	t     string
	pos   int // where the search for the next hot byte resumes
	floor int // end of the last chunk returned; chunks never reach below it
}

// next returns the next chunk, or false at the end of the text.
func (k *chunker) next() (chunk, bool) {
	t := k.t
	i := k.pos
	for ; i < len(t); i++ {
		if byteClass[t[i]]&classHot != 0 && hot(t, i) {
			break
		}
	}
	if i >= len(t) {
		k.pos = len(t)
		return chunk{}, false
	}
	ws := i
	for ws > k.floor && byteClass[t[ws-1]]&classSpace == 0 {
		ws--
	}
	w, _ := nextWord(t, ws)
	cur := w.chunk
	// A short word just before may be the first group of the value
	// ("hh 01 02 03 d"); it holds no hot byte, or it would have started
	// the chunk itself.
	if ps := ws - 1; ps > k.floor && t[ps] == ' ' {
		for ps > k.floor && ps > ws-12 && byteClass[t[ps-1]]&classSpace == 0 {
			ps--
		}
		if ps < ws-1 && (ps == 0 || byteClass[t[ps-1]]&classSpace != 0) {
			if p, ok := nextWord(t, ps); ok && joins(t, &p, &w) {
				cur = merge(p.chunk, cur)
			}
		}
	}
	prev := w
	bare := 0 // digitless words joined in a row
	for {
		nw, ok := nextWord(t, prev.end)
		if !ok || nw.start != prev.end+1 || t[prev.end] != ' ' {
			break
		}
		// A short word after a digitless group still belongs to a chunk
		// with digits ("... 90AB CDEF G"), but only two in a row, so that
		// a chunk does not run on through the short words of prose.
		if !joins(t, &prev, &nw) && !(cur.digits > 0 && bare < 2 && nw.digits == 0 && groupLike(t, &nw)) {
			break
		}
		if nw.digits == 0 {
			bare++
		} else {
			bare = 0
		}
		cur = merge(cur, nw.chunk)
		prev = nw
	}
	k.pos, k.floor = prev.end, prev.end
	return cur, true
}

// hot reports whether the hot-class byte t[i] makes a chunk worth
// building. A digit or "@" always does. A capital does only before another
// capital: values that start with one also hold digits, which make their
// chunk hot anyway, except bank identifier codes, which are runs of
// capitals. A dot or colon does only before a byte that is not a space, so
// the full stop and the colon of prose do not.
func hot(t string, i int) bool {
	c := t[i]
	k := byteClass[c]
	switch {
	case k&classDigit != 0 || c == '@':
		return true
	case k&classUpper != 0:
		return i+1 < len(t) && byteClass[t[i+1]]&classUpper != 0
	}
	return i+1 < len(t) && byteClass[t[i+1]]&classSpace == 0
}

// merge joins two chunks one space apart.
func merge(a, b chunk) chunk {
	a.end = b.end
	a.digits += b.digits
	a.upper += b.upper
	a.letters += b.letters
	a.run = max(a.run, b.run)
	a.runs |= b.runs
	a.set[0] |= b.set[0] | 1<<' '
	a.set[1] |= b.set[1]
	a.set[2] |= b.set[2]
	return a
}

// hasMonth reports whether a word of s begins with a month name.
func hasMonth(s string) bool {
	for i := 0; i+3 <= len(s); i++ {
		if (i == 0 || byteClass[s[i-1]]&classLetter == 0) && byteClass[s[i]]&classLetter != 0 {
			j := i
			for j < len(s) && byteClass[s[j]]&classLetter != 0 {
				j++
			}
			if isMonth(s[i:j]) {
				return true
			}
			i = j
		}
	}
	return false
}
