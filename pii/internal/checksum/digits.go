package checksum

import "strings"

// Separator sets passed to compact. A space in a set also admits U+00A0 and
// U+202F (see the package comment).
const (
	sepNone        = ""
	sepSpace       = " "
	sepSpaceHyphen = " -"
	sepDotted      = " -."
	sepSlashed     = " -./"
)

// compact copies the ASCII letters and digits of s into dst, upper-casing
// letters and dropping the separators listed in seps. It fails on any other
// byte, on a separator at either end of s or next to another separator, and
// when s holds more than len(dst) letters and digits, so that a caller's
// fixed buffer bounds the work done on an over-long span.
func compact(dst []byte, s, seps string) ([]byte, bool) {
	n := 0
	prevSep := true // rejects a leading separator
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case isDigit(c) || isUpper(c):
		case 'a' <= c && c <= 'z':
			c -= 'a' - 'A'
		default:
			w := sepWidth(s[i:], seps)
			if w == 0 || prevSep {
				return nil, false
			}
			prevSep = true
			i += w - 1
			continue
		}
		if n == len(dst) {
			return nil, false
		}
		dst[n] = c
		n++
		prevSep = false
	}
	if prevSep { // trailing separator, or nothing at all
		return nil, false
	}
	return dst[:n], true
}

// sepWidth returns the byte length of the separator at the start of s, or 0
// when s does not start with one of seps.
func sepWidth(s, seps string) int {
	for i := 0; i < len(seps); i++ {
		if s[0] == seps[i] {
			return 1
		}
	}
	if !hasByte(seps, ' ') {
		return 0
	}
	switch {
	case len(s) >= 2 && s[0] == 0xC2 && s[1] == 0xA0: // U+00A0
		return 2
	case len(s) >= 3 && s[0] == 0xE2 && s[1] == 0x80 && s[2] == 0xAF: // U+202F
		return 3
	}
	return 0
}

func hasByte(s string, c byte) bool { return strings.IndexByte(s, c) >= 0 }

func upper(c byte) byte {
	if 'a' <= c && c <= 'z' {
		return c - ('a' - 'A')
	}
	return c
}

func lower(c byte) byte {
	if isUpper(c) {
		return c + ('a' - 'A')
	}
	return c
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }
func isUpper(c byte) bool { return 'A' <= c && c <= 'Z' }
func isAlnum(c byte) bool { return isDigit(c) || isUpper(c) }

// allDigits reports whether b is non-empty and holds only ASCII digits.
func allDigits(b []byte) bool {
	for _, c := range b {
		if !isDigit(c) {
			return false
		}
	}
	return len(b) > 0
}

// allLetters reports whether b holds only upper-case ASCII letters.
func allLetters(b []byte) bool {
	for _, c := range b {
		if !isUpper(c) {
			return false
		}
	}
	return true
}

// allSame reports whether every byte of b equals the first. Several
// schemes give all-zero or repeated-digit strings a valid check digit, but
// no issuer hands them out, and they are common as placeholders.
func allSame(b []byte) bool {
	for _, c := range b {
		if c != b[0] {
			return false
		}
	}
	return true
}

// num returns the decimal value of the digits in b; callers check allDigits
// first and keep b short enough not to overflow.
func num(b []byte) int {
	n := 0
	for _, c := range b {
		n = n*10 + int(c-'0')
	}
	return n
}

// weighted returns the sum of value(b[i]) * w[i] over the first len(w)
// bytes of b, where value is the byte minus '0'. For digits that is the
// digit; for upper-case letters it is 17 ('A') to 42 ('Z'), which is what
// the alphanumeric Brazilian CNPJ prescribes.
func weighted(b []byte, w []int) int {
	sum := 0
	for i, k := range w {
		sum += int(b[i]-'0') * k
	}
	return sum
}

// mod11Digit maps a weighted sum to the check digit used by the Brazilian
// and Spanish schemes: 0 when the remainder is 0 or 1, else 11 - remainder.
func mod11Digit(sum int) int {
	r := sum % 11
	if r < 2 {
		return 0
	}
	return 11 - r
}

// luhnSum returns the Luhn sum of the digits in b, doubling every second
// digit counted from the right, so that b is Luhn-valid when the sum is a
// multiple of ten.
func luhnSum(b []byte) int {
	sum := 0
	double := false
	for i := len(b) - 1; i >= 0; i-- {
		d := int(b[i] - '0')
		if double {
			d *= 2
			if d > 9 {
				d -= 9
			}
		}
		sum += d
		double = !double
	}
	return sum
}

// Luhn reports whether s is a string of at least two digits that passes
// the Luhn (mod 10) check. Spaces and hyphens between digits are ignored.
// Inputs of more than 64 digits are rejected.
func Luhn(s string) bool {
	var buf [64]byte
	b, ok := compact(buf[:], s, sepSpaceHyphen)
	return ok && len(b) >= 2 && allDigits(b) && luhnSum(b)%10 == 0
}

// verhoeffMul is the multiplication table of the dihedral group D5 on the
// labels 0-9 (0-4 rotations, 5-9 reflections).
var verhoeffMul = [10][10]byte{
	{0, 1, 2, 3, 4, 5, 6, 7, 8, 9},
	{1, 2, 3, 4, 0, 6, 7, 8, 9, 5},
	{2, 3, 4, 0, 1, 7, 8, 9, 5, 6},
	{3, 4, 0, 1, 2, 8, 9, 5, 6, 7},
	{4, 0, 1, 2, 3, 9, 5, 6, 7, 8},
	{5, 9, 8, 7, 6, 0, 4, 3, 2, 1},
	{6, 5, 9, 8, 7, 1, 0, 4, 3, 2},
	{7, 6, 5, 9, 8, 2, 1, 0, 4, 3},
	{8, 7, 6, 5, 9, 3, 2, 1, 0, 4},
	{9, 8, 7, 6, 5, 4, 3, 2, 1, 0},
}

// verhoeffPerm holds the powers of Verhoeff's position permutation
// (0→1→5→8→9→4→2→7→0, 3→6→3); row i applies it i times, and it repeats
// with period 8.
var verhoeffPerm = [8][10]byte{
	{0, 1, 2, 3, 4, 5, 6, 7, 8, 9},
	{1, 5, 7, 6, 2, 8, 3, 0, 9, 4},
	{5, 8, 0, 3, 7, 9, 6, 1, 4, 2},
	{8, 9, 1, 6, 0, 4, 3, 5, 2, 7},
	{9, 4, 5, 3, 1, 2, 6, 8, 7, 0},
	{4, 2, 8, 6, 5, 7, 3, 9, 0, 1},
	{2, 7, 9, 3, 8, 0, 6, 4, 1, 5},
	{7, 0, 4, 6, 9, 1, 3, 2, 5, 8},
}

// verhoeffValid reports whether the digits in b, check digit last, pass
// the Verhoeff check. Unlike Luhn it catches every adjacent transposition.
func verhoeffValid(b []byte) bool {
	c := byte(0)
	for i := range len(b) {
		d := b[len(b)-1-i] - '0'
		c = verhoeffMul[c][verhoeffPerm[i%8][d]]
	}
	return c == 0
}

// Verhoeff reports whether s is a string of at least two digits that
// passes the Verhoeff check, check digit last. Spaces and hyphens between
// digits are ignored. Inputs of more than 64 digits are rejected.
func Verhoeff(s string) bool {
	var buf [64]byte
	b, ok := compact(buf[:], s, sepSpaceHyphen)
	return ok && len(b) >= 2 && allDigits(b) && verhoeffValid(b)
}

// mod97 continues the ISO 7064 MOD 97-10 remainder r over b, reading a
// digit as itself and a letter as the two digits 10 ('A') to 35 ('Z'),
// which is how IBANs fold letters into the number.
func mod97(b []byte, r int) int {
	for _, c := range b {
		if isDigit(c) {
			r = (r*10 + int(c-'0')) % 97
		} else {
			r = (r*100 + int(c-'A') + 10) % 97
		}
	}
	return r
}

// mod11of10 returns the ISO 7064 MOD 11,10 check digit for the digits in b.
func mod11of10(b []byte) int {
	p := 10
	for _, c := range b {
		s := (int(c-'0') + p) % 10
		if s == 0 {
			s = 10
		}
		p = s * 2 % 11
	}
	return (11 - p) % 10
}

// Date reports whether year-month-day is a day of the proleptic Gregorian
// calendar, for years 1 to 9999. Identifiers that embed a birth date use it
// to reject impossible dates such as 31 April or 29 February 2100.
func Date(year, month, day int) bool {
	if year < 1 || year > 9999 || month < 1 || month > 12 || day < 1 {
		return false
	}
	return day <= daysIn(year, month)
}

func daysIn(year, month int) int {
	switch month {
	case 2:
		if year%4 == 0 && (year%100 != 0 || year%400 == 0) {
			return 29
		}
		return 28
	case 4, 6, 9, 11:
		return 30
	}
	return 31
}

// shortDate is [Date] for a two-digit year whose century the identifier
// does not tell: 29 February is accepted whenever it falls in a leap year
// in some century, that is when yy is a multiple of four.
func shortDate(yy, month, day int) bool {
	return Date(2000+yy, month, day)
}
