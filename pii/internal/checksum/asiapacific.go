package checksum

// IndiaAadhaar reports whether s is an Indian Aadhaar number: twelve
// digits, usually printed in groups of four (spaces and hyphens are
// ignored), not starting with 0 or 1, whose last digit is
// the Verhoeff check digit of the rest.
func IndiaAadhaar(s string) bool {
	var buf [12]byte
	b, ok := compact(buf[:], s, sepSpaceHyphen)
	if !ok || len(b) != 12 || !allDigits(b) || b[0] < '2' {
		return false
	}
	return verhoeffValid(b)
}

// panHolderTypes are the fourth letters of a PAN: the kind of holder
// (P a person, C a company, H a Hindu undivided family, F a firm, A an
// association of persons, T a trust, B a body of individuals, L a local
// authority, J an artificial juridical person, G a government body).
const panHolderTypes = "ABCFGHJLPT"

// IndiaPAN reports whether s is an Indian Permanent Account Number: five
// letters, four digits and a letter, with no separators ("ABCPE1234F",
// either case), whose fourth letter is a holder type (A, B, C, F, G, H, J,
// L, P or T). The last letter is a check character whose algorithm is not
// published, so it is not verified.
func IndiaPAN(s string) bool {
	var buf [10]byte
	b, ok := compact(buf[:], s, sepNone)
	return ok && len(b) == 10 && allLetters(b[:5]) && allDigits(b[5:9]) &&
		isUpper(b[9]) && hasByte(panHolderTypes, b[3])
}

var tfnWeights = []int{1, 4, 3, 7, 5, 8, 6, 9, 10}

// AustraliaTFN reports whether s is an Australian tax file number: nine
// digits, usually printed 3-3-3 (spaces and hyphens are ignored), whose
// weighted sum with the weights 1, 4, 3, 7, 5, 8, 6, 9, 10 is a multiple
// of 11. All zeros is rejected.
//
// Older eight-digit numbers, whose weights are not published, are not
// recognised.
func AustraliaTFN(s string) bool {
	var buf [9]byte
	b, ok := compact(buf[:], s, sepSpaceHyphen)
	if !ok || len(b) != 9 || !allDigits(b) || allSame(b) {
		return false
	}
	return weighted(b, tfnWeights)%11 == 0
}

var medicareWeights = []int{1, 3, 7, 9, 1, 3, 7, 9}

// AustraliaMedicare reports whether s is an Australian Medicare card
// number: ten digits (eight identifying digits starting with 2-6, a check
// digit and the card issue number), optionally followed by the one-digit
// individual reference number 1-9 of a person on the card, usually printed
// "2123 45670 1" (spaces, hyphens and a slash before the reference number
// are ignored). The check digit is the weighted sum of the first eight
// digits with weights 1, 3, 7, 9 repeated, mod 10.
func AustraliaMedicare(s string) bool {
	var buf [11]byte
	b, ok := compact(buf[:], s, sepSlashed)
	if !ok || len(b) < 10 || !allDigits(b) || b[0] < '2' || b[0] > '6' {
		return false
	}
	if len(b) == 11 && b[10] == '0' {
		return false
	}
	return weighted(b, medicareWeights)%10 == int(b[8]-'0')
}

var abnWeights = []int{10, 1, 3, 5, 7, 9, 11, 13, 15, 17, 19}

// AustraliaABN reports whether s is an Australian Business Number: eleven
// digits, usually printed "51 824 753 556" (spaces and hyphens are
// ignored), not starting with 0. After one is subtracted from the first
// digit, the weighted sum with the weights 10, 1, 3, 5, ..., 19 must be a
// multiple of 89.
func AustraliaABN(s string) bool {
	var buf [11]byte
	b, ok := compact(buf[:], s, sepSpaceHyphen)
	if !ok || len(b) != 11 || !allDigits(b) || b[0] == '0' {
		return false
	}
	// Taking one off the first digit is the same as taking its weight off
	// the sum.
	return (weighted(b, abnWeights)-abnWeights[0])%89 == 0
}

var acnWeights = []int{8, 7, 6, 5, 4, 3, 2, 1}

// AustraliaACN reports whether s is an Australian Company Number: nine
// digits, usually printed 3-3-3 (spaces and hyphens are ignored), whose
// last digit is ten minus the weighted sum of the first eight (weights 8
// down to 1) mod 10, taken mod 10.
func AustraliaACN(s string) bool {
	var buf [9]byte
	b, ok := compact(buf[:], s, sepSpaceHyphen)
	if !ok || len(b) != 9 || !allDigits(b) || allSame(b) {
		return false
	}
	return (10-weighted(b, acnWeights)%10)%10 == int(b[8]-'0')
}

var nricWeights = []int{2, 7, 6, 5, 4, 3, 2}

// SingaporeNRIC reports whether s is a Singapore NRIC or FIN: a series
// letter, seven digits and a check letter, with no separators
// ("S1234567D", either case). S and T (citizens and permanent residents
// born before and from 2000) use the check table JZIHGFEDCBA, F and G
// (foreigners before and from 2000) use XWUTRQPNMLK, and M (foreigners
// from 2022) uses KLJNPQRTUWX read backwards; T and G add 4 to the
// weighted sum and M adds 3.
func SingaporeNRIC(s string) bool {
	var buf [9]byte
	b, ok := compact(buf[:], s, sepNone)
	if !ok || len(b) != 9 || !allDigits(b[1:8]) {
		return false
	}
	sum := weighted(b[1:], nricWeights)
	var table string
	switch b[0] {
	case 'S':
		table = "JZIHGFEDCBA"
	case 'T':
		table, sum = "JZIHGFEDCBA", sum+4
	case 'F':
		table = "XWUTRQPNMLK"
	case 'G':
		table, sum = "XWUTRQPNMLK", sum+4
	case 'M':
		return b[8] == "KLJNPQRTUWX"[10-(sum+3)%11]
	default:
		return false
	}
	return b[8] == table[sum%11]
}

var rrnWeights = []int{2, 3, 4, 5, 6, 7, 8, 9, 2, 3, 4, 5}

// KoreaRRN reports whether s is a South Korean resident registration
// number issued before October 2020: [KoreaRRNFormat] holds and the last
// digit is eleven minus the weighted sum of the first twelve (weights 2-9
// then 2-5) mod 11, taken mod 10.
//
// Numbers issued since October 2020 replace the region code and check
// digit with random digits, so about nine in ten of them fail this test.
// Callers that want them should accept [KoreaRRNFormat] at a lower
// confidence; this function stays strict because thirteen digits with a
// valid date are otherwise common.
func KoreaRRN(s string) bool {
	var buf [13]byte
	b, ok := rrnDigits(buf[:], s)
	if !ok {
		return false
	}
	return (11-weighted(b, rrnWeights)%11)%10 == int(b[12]-'0')
}

// KoreaRRNFormat reports whether s has the form of a South Korean resident
// registration number: thirteen digits, usually printed "YYMMDD-SNNNNNN"
// (a hyphen or space is ignored), whose first six are a date that exists
// in the century that the seventh digit gives (9 and 0 for the 1800s; 1,
// 2, 5 and 6 for the 1900s; 3, 4, 7 and 8 for the 2000s). The check digit
// is not tested; see [KoreaRRN].
func KoreaRRNFormat(s string) bool {
	var buf [13]byte
	_, ok := rrnDigits(buf[:], s)
	return ok
}

func rrnDigits(dst []byte, s string) ([]byte, bool) {
	b, ok := compact(dst, s, sepSpaceHyphen)
	if !ok || len(b) != 13 || !allDigits(b) {
		return nil, false
	}
	century := 1900
	switch b[6] {
	case '9', '0':
		century = 1800
	case '3', '4', '7', '8':
		century = 2000
	}
	return b, Date(century+num(b[:2]), num(b[2:4]), num(b[4:6]))
}
