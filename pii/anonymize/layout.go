package anonymize

import (
	"math/rand/v2"
	"strings"
	"unicode"
	"unicode/utf8"
)

// A layout is a value cut into literal text, which a pseudonym keeps, and
// slots, each of which gets a new character of the same class: a digit for
// a digit, an upper-case letter for an upper-case letter, a hex digit for a
// hex digit. Letters and digits of other scripts become ASCII ones of the
// same case, so nothing of the original survives in a slot.
type layout struct {
	pieces []piece
	// capacity is the number of distinct fillings of the leading slots
	// that fit in 62 bits; the x-th filling of those is one to one, and
	// slots past them are drawn from a generator seeded with x.
	capacity uint64
	lead     int // number of slots in the one-to-one part
}

type piece struct {
	lit  string // literal text, when radix is 0
	base byte   // '0', 'A' or 'a'
	// radix is 10 for digits, 26 for letters, 16 for hex digits (base
	// '0' then continuing with 'a' or 'A').
	radix uint64
	hexUp bool
}

const maxCapacity = 1 << 62

// newLayout cuts s into pieces. With hex set, letters a-f and A-F count
// as hex digits, so a MAC address stays one, in the case its letters use.
func newLayout(s string, hex bool) layout {
	var l layout
	up := hex && strings.ContainsAny(s, "ABCDEF")
	lit := 0
	flush := func(i int) {
		if i > lit {
			l.pieces = append(l.pieces, piece{lit: s[lit:i]})
		}
	}
	for i := 0; i < len(s); {
		r, w := utf8.DecodeRuneInString(s[i:])
		p, ok := slotFor(r, hex, up)
		if ok {
			flush(i)
			l.pieces = append(l.pieces, p)
			lit = i + w
		}
		i += w
	}
	flush(len(s))
	l.capacity = 1
	for _, p := range l.pieces {
		if p.radix == 0 {
			continue
		}
		if l.capacity > maxCapacity/p.radix {
			break
		}
		l.capacity *= p.radix
		l.lead++
	}
	if l.lead == 0 {
		l.capacity = 0
	}
	return l
}

func slotFor(r rune, hex, up bool) (piece, bool) {
	switch {
	case hex && (unicode.IsDigit(r) || 'a' <= r && r <= 'f' || 'A' <= r && r <= 'F'):
		return piece{base: '0', radix: 16, hexUp: up}, true
	case unicode.IsDigit(r):
		return piece{base: '0', radix: 10}, true
	case unicode.IsUpper(r), unicode.IsTitle(r):
		return piece{base: 'A', radix: 26}, true
	case unicode.IsLetter(r):
		return piece{base: 'a', radix: 26}, true
	}
	return piece{}, false
}

// fill returns the x-th value of the layout, x < capacity.
func (l layout) fill(x uint64) string {
	var b strings.Builder
	v := permute(x, l.capacity)
	var rng *rand.Rand
	slot := 0
	for _, p := range l.pieces {
		if p.radix == 0 {
			b.WriteString(p.lit)
			continue
		}
		var d uint64
		if slot < l.lead {
			d = v % p.radix
			v /= p.radix
		} else {
			if rng == nil {
				rng = rand.New(rand.NewPCG(x, 0x70736575646f)) // fixed: pseudonyms are a function of x
			}
			d = rng.Uint64N(p.radix)
		}
		slot++
		b.WriteByte(p.digit(d))
	}
	return b.String()
}

func (p piece) digit(d uint64) byte {
	switch {
	case p.radix == 16 && d >= 10 && p.hexUp:
		return byte('A' + d - 10)
	case p.radix == 16 && d >= 10:
		return byte('a' + d - 10)
	}
	return p.base + byte(d)
}

// hexLike reports whether s looks like hex: it has digits and letters,
// and its only letters are a-f or A-F.
func hexLike(s string) bool {
	digits, letters := false, false
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case isDigit(c):
			digits = true
		case 'a' <= c && c <= 'f', 'A' <= c && c <= 'F':
			letters = true
		case c >= utf8.RuneSelf || isUpper(c) || isLower(c):
			return false
		}
	}
	return digits && letters
}

// genericGenerator keeps the layout of any value: every letter and digit
// is replaced by one of its class and everything else stays.
func genericGenerator(orig string) generator {
	l := newLayout(orig, hexLike(orig))
	return generator{make: l.fill, capacity: l.capacity}
}
