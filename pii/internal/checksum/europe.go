package checksum

import "strings"

var nhsWeights = []int{10, 9, 8, 7, 6, 5, 4, 3, 2}

// UKNHS reports whether s is a UK NHS number: ten digits, usually printed
// 3-3-4 ("943 476 5919"; spaces or hyphens are ignored), whose last digit
// is the mod 11 check digit of the nine before with weights 10 down to 2.
// Nine-digit prefixes whose check would be 10 are never issued, so no
// input with them passes; nor does a single repeated digit.
func UKNHS(s string) bool {
	var buf [10]byte
	b, ok := compact(buf[:], s, sepSpaceHyphen)
	if !ok || len(b) != 10 || !allDigits(b) || allSame(b) {
		return false
	}
	c := 11 - weighted(b, nhsWeights)%11
	if c == 11 {
		c = 0
	}
	return c == int(b[9]-'0')
}

// UKNINO reports whether s is a UK National Insurance number: two prefix
// letters, six digits and a suffix letter A-D, usually printed in pairs
// ("AB 12 34 56 C"; spaces and hyphens are ignored, either case). The
// first prefix letter is not D, F, I, Q, U or V, the second not D, F, I,
// O, Q, U or V, and the prefixes BG, GB, KN, NK, NT, TN and ZZ, which are
// never allocated, are rejected. The suffix is required. There is no check
// character; the specimen QQ 12 34 56 C used in official guidance is
// rejected by the prefix rule.
func UKNINO(s string) bool {
	var buf [9]byte
	b, ok := compact(buf[:], s, sepSpaceHyphen)
	if !ok || len(b) != 9 || !allLetters(b[:2]) || !allDigits(b[2:8]) {
		return false
	}
	if b[8] < 'A' || b[8] > 'D' || hasByte("DFIQUV", b[0]) || hasByte("DFIOQUV", b[1]) {
		return false
	}
	for i := 0; i < len(ninoUnused); i += 2 {
		if b[0] == ninoUnused[i] && b[1] == ninoUnused[i+1] {
			return false
		}
	}
	return true
}

// ninoUnused lists the prefixes that are never allocated, in pairs.
const ninoUnused = "BGGBKNNKNTTNZZ"

// dniLetters maps a DNI number mod 23 to its control letter.
const dniLetters = "TRWAGMYFPDXBNJZSQVHLCKE"

// SpainNIF reports whether s is the NIF of a Spanish citizen, which is the
// DNI number: eight digits and a control letter ("12345678Z"; spaces, dots
// and hyphens are ignored, either case). The letter is the number mod 23
// looked up in the DNI table. Foreigners' numbers are checked by
// [SpainNIE] and companies' by [SpainCIF]; the K, L and M forms for minors
// and non-residents are not recognised.
func SpainNIF(s string) bool {
	var buf [9]byte
	b, ok := compact(buf[:], s, sepDotted)
	if !ok || len(b) != 9 || !allDigits(b[:8]) {
		return false
	}
	return b[8] == dniLetters[num(b[:8])%23]
}

// SpainNIE reports whether s is a Spanish foreigner identity number: X, Y
// or Z, seven digits and a control letter ("X1234567L"; spaces, dots and
// hyphens are ignored, either case). The letter is computed as for a DNI
// after reading X, Y and Z as the digits 0, 1 and 2.
func SpainNIE(s string) bool {
	var buf [9]byte
	b, ok := compact(buf[:], s, sepDotted)
	if !ok || len(b) != 9 || b[0] < 'X' || b[0] > 'Z' || !allDigits(b[1:8]) {
		return false
	}
	n := int(b[0]-'X')*10_000_000 + num(b[1:8])
	return b[8] == dniLetters[n%23]
}

// SpainCIF reports whether s is a Spanish company tax code (the CIF, now
// the NIF of a legal entity): an entity-type letter, seven digits and a
// control character ("A58818501"; spaces, dots and hyphens are ignored,
// either case). Entity types A, B, E and H take a control digit; N, P, Q,
// S and W take a control letter (J for 0, A for 1 to I for 9); the others
// take either.
func SpainCIF(s string) bool {
	var buf [9]byte
	b, ok := compact(buf[:], s, sepDotted)
	if !ok || len(b) != 9 || !hasByte("ABCDEFGHJNPQRSUVW", b[0]) || !allDigits(b[1:8]) {
		return false
	}
	sum := 0
	for i, c := range b[1:8] {
		d := int(c - '0')
		if i%2 == 0 {
			d *= 2
			d = d/10 + d%10
		}
		sum += d
	}
	c := (10 - sum%10) % 10
	digit, letter := byte('0'+c), "JABCDEFGHI"[c]
	switch {
	case hasByte("ABEH", b[0]):
		return b[8] == digit
	case hasByte("NPQSW", b[0]):
		return b[8] == letter
	}
	return b[8] == digit || b[8] == letter
}

// cfOdd gives the value of a character in an odd position (1st, 3rd, ...)
// of an Italian fiscal code, indexed by the character's ordinary value
// (0-9 for digits, 0-25 for letters).
var cfOdd = [26]int{
	1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18,
	20, 11, 3, 6, 8, 12, 14, 16, 10, 22, 25, 24, 23,
}

// cfMonths maps the month letters of a fiscal code to months 1-12.
const cfMonths = "ABCDEHLMPRST"

// cfOmocodia lists the letters that stand for the digits 0-9 when a fiscal
// code is altered to tell apart two people whose codes would coincide.
const cfOmocodia = "LMNPQRSTUV"

// cfDigitPositions are the positions that hold digits, in the order
// (right to left) in which omocodia replaces them with letters.
var cfDigitPositions = [...]int{14, 13, 12, 10, 9, 7, 6}

// ItalyFiscalCode reports whether s is an Italian fiscal code (codice
// fiscale) of a person: sixteen characters ("RSSMRA85T10A562S"; spaces are
// ignored, either case). It checks the layout of six letters, a two-digit
// year, a month letter, a day 01-31 (41-71 for women) that exists in that
// month, a place code of a letter and three digits, and the check letter
// computed with the odd- and even-position tables. Digits replaced by the
// letters L-V (omocodia) are accepted, provided the replacements run from
// the right as the issuing rules make them.
//
// The eleven-digit fiscal codes of companies are not recognised.
func ItalyFiscalCode(s string) bool {
	var buf [16]byte
	b, ok := compact(buf[:], s, sepSpace)
	if !ok || len(b) != 16 || !allLetters(b[:6]) || !isUpper(b[8]) || !isUpper(b[11]) {
		return false
	}
	var d [16]byte // b with omocodia letters turned back into digits
	copy(d[:], b)
	replaced := true // a letter may follow (leftwards) only other letters
	for _, p := range cfDigitPositions {
		c := b[p]
		if i := strings.IndexByte(cfOmocodia, c); i >= 0 && replaced {
			d[p] = byte('0' + i)
			continue
		}
		if !isDigit(c) {
			return false
		}
		replaced = false
	}
	month := strings.IndexByte(cfMonths, b[8]) + 1
	day := num(d[9:11])
	if day > 40 {
		day -= 40
	}
	if month == 0 || !shortDate(num(d[6:8]), month, day) {
		return false
	}
	return b[15] == cfCheck(b[:15])
}

// cfCheck returns the check letter of the first fifteen characters of a
// fiscal code, taken as written (omocodia letters included).
func cfCheck(b []byte) byte {
	sum := 0
	for i, c := range b {
		v := int(c - 'A')
		if isDigit(c) {
			v = int(c - '0')
		}
		if i%2 == 0 {
			v = cfOdd[v]
		}
		sum += v
	}
	return byte('A' + sum%26)
}

// GermanyTaxID reports whether s is a German tax identification number
// (steuerliche Identifikationsnummer): eleven digits, often printed
// "12 345 678 901" (spaces and hyphens are ignored), with no leading zero.
// Among the first ten digits exactly one digit occurs two or three times,
// never three times in a row, and every other digit at most once; the
// eleventh is the ISO 7064 MOD 11,10 check digit.
//
// The older Steuernummer, whose format differs by Land, is not recognised.
func GermanyTaxID(s string) bool {
	var buf [11]byte
	b, ok := compact(buf[:], s, sepSpaceHyphen)
	if !ok || len(b) != 11 || !allDigits(b) || b[0] == '0' {
		return false
	}
	var count [10]int
	repeated := 0
	for i, c := range b[:10] {
		count[c-'0']++
		switch count[c-'0'] {
		case 2:
			repeated++
		case 3:
			if b[i-1] == c && b[i-2] == c {
				return false
			}
		case 4:
			return false
		}
	}
	return repeated == 1 && mod11of10(b[:10]) == int(b[10]-'0')
}

// FranceNIR reports whether s is a French social security number (NIR,
// numéro d'inscription au répertoire): fifteen characters, usually printed
// "2 69 05 49 588 157 80" (spaces, dots and hyphens are ignored). The
// first digit is the sex code (1 or 2, or 3, 4, 7 or 8 for provisional
// numbers), then the year, the month (01-12, or 20 and 30-42 and 50-99
// where the birth month is unknown), the département (01-99, or 2A and 2B
// for Corsica), the commune and the birth order, and a two-digit key equal
// to 97 minus the first thirteen digits mod 97. For the key, 2A counts as
// 19 and 2B as 18, as the INSEE rule says.
func FranceNIR(s string) bool {
	var buf [15]byte
	b, ok := compact(buf[:], s, sepDotted)
	if !ok || len(b) != 15 || !hasByte("123478", b[0]) || !allDigits(b[1:5]) ||
		!allDigits(b[7:]) {
		return false
	}
	switch m := num(b[3:5]); {
	case 1 <= m && m <= 12, m == 20, 30 <= m && m <= 42, m >= 50:
	default:
		return false
	}
	dept := 0
	switch {
	case b[5] == '2' && b[6] == 'A':
		dept = 19
	case b[5] == '2' && b[6] == 'B':
		dept = 18
	case allDigits(b[5:7]):
		dept = num(b[5:7])
	}
	if dept == 0 {
		return false
	}
	n := num(b[:5])*100_000_000 + dept*1_000_000 + num(b[7:13])
	return 97-n%97 == num(b[13:])
}

var peselWeights = []int{1, 3, 7, 9, 1, 3, 7, 9, 1, 3}

// PolandPESEL reports whether s is a Polish PESEL number: eleven digits
// without separators, the first six the birth date YYMMDD with the century
// added to the month (0 for the 1900s, 20 for the 2000s, 40 for the 2100s,
// 60 for the 2200s, 80 for the 1800s), and a last check digit with weights
// 1, 3, 7, 9. The date must exist.
func PolandPESEL(s string) bool {
	var buf [11]byte
	b, ok := compact(buf[:], s, sepNone)
	if !ok || len(b) != 11 || !allDigits(b) {
		return false
	}
	month := num(b[2:4])
	century := [...]int{1900, 2000, 2100, 2200, 1800}[(month-1)/20%5]
	if month == 0 || !Date(century+num(b[:2]), (month-1)%20+1, num(b[4:6])) {
		return false
	}
	return (10-weighted(b, peselWeights)%10)%10 == int(b[10]-'0')
}

var bsnWeights = []int{9, 8, 7, 6, 5, 4, 3, 2, -1}

// NetherlandsBSN reports whether s is a Dutch citizen service number
// (burgerservicenummer): nine digits, sometimes printed "1234.56.782"
// (dots, spaces and hyphens are ignored), passing the eleven test: the
// first eight digits weighted 9 down to 2, minus the last, is a multiple
// of 11. Eight-digit numbers written without their leading zero are not
// recognised; add the zero first. All zeros is rejected.
func NetherlandsBSN(s string) bool {
	var buf [9]byte
	b, ok := compact(buf[:], s, sepDotted)
	if !ok || len(b) != 9 || !allDigits(b) || allSame(b) {
		return false
	}
	return weighted(b, bsnWeights)%11 == 0
}

// hetuCheck maps a Finnish identity code's number mod 31 to its check
// character; G, I, O, Q and Z are left out.
const hetuCheck = "0123456789ABCDEFHJKLMNPRSTUVWXY"

// FinlandHETU reports whether s is a Finnish personal identity code
// (henkilötunnus): DDMMYY, a century sign, a three-digit individual number
// and a check character, eleven characters with no separators
// ("131052-308T", either case). The century sign is + for the 1800s, - or
// U-Y for the 1900s and A-F for the 2000s; the date must exist, the
// individual number must be 002-999, and the check character is the nine
// digits mod 31 looked up in the table 0-9, A-Y without G, I, O, Q and Z.
func FinlandHETU(s string) bool {
	if len(s) != 11 {
		return false
	}
	var b [11]byte
	for i := range len(s) {
		b[i] = upper(s[i])
	}
	if !allDigits(b[:6]) || !allDigits(b[7:10]) || num(b[7:10]) < 2 {
		return false
	}
	var century int
	switch c := b[6]; {
	case c == '+':
		century = 1800
	case c == '-' || 'U' <= c && c <= 'Y':
		century = 1900
	case 'A' <= c && c <= 'F':
		century = 2000
	default:
		return false
	}
	if !Date(century+num(b[4:6]), num(b[2:4]), num(b[:2])) {
		return false
	}
	n := num(b[:6])*1000 + num(b[7:10])
	return b[10] == hetuCheck[n%31]
}

// SwedenPersonnummer reports whether s is a Swedish personal identity
// number or coordination number: YYMMDD-NNNC, with - replaced by + from
// the year a person turns 100, or YYYYMMDD-NNNC; the separator may be left
// out ("811228-9874", "19811228-9874", "8112289874"). The last digit is the
// Luhn check digit of the ten-digit form. The date must exist, with 60
// added to the day for a coordination number (samordningsnummer).
func SwedenPersonnummer(s string) bool {
	var buf [12]byte
	n := 0
	for i := range len(s) {
		c := s[i]
		if (c == '-' || c == '+') && i == len(s)-5 && i > 0 {
			if c == '+' && len(s) != 11 {
				return false // + only belongs to the short form
			}
			continue
		}
		if !isDigit(c) || n == len(buf) {
			return false
		}
		buf[n] = c
		n++
	}
	b := buf[:n]
	year := 0
	switch n {
	case 10:
		year = 2000 + num(b[:2]) // the century is unknown; see shortDate
	case 12:
		year = num(b[:4])
		if year < 1800 {
			return false
		}
		b = b[2:]
	default:
		return false
	}
	day := num(b[4:6])
	if day > 60 {
		day -= 60
	}
	return Date(year, num(b[2:4]), day) && luhnSum(b)%10 == 0
}

// TurkeyTCKN reports whether s is a Turkish identity number (T.C. Kimlik
// No): eleven digits without separators, not starting with 0. The tenth
// digit is seven times the sum of the odd-placed digits among the first
// nine, minus the sum of the even-placed ones, mod 10; the eleventh is the
// sum of the first ten mod 10.
func TurkeyTCKN(s string) bool {
	var buf [11]byte
	b, ok := compact(buf[:], s, sepNone)
	if !ok || len(b) != 11 || !allDigits(b) || b[0] == '0' {
		return false
	}
	odd, even := 0, 0
	for i, c := range b[:9] {
		if i%2 == 0 {
			odd += int(c - '0')
		} else {
			even += int(c - '0')
		}
	}
	d10 := ((odd*7-even)%10 + 10) % 10
	return d10 == int(b[9]-'0') && (odd+even+d10)%10 == int(b[10]-'0')
}
