package checksum

// ssnPublished are numbers that were printed on sample cards, in
// advertising or in a famous identity-theft campaign and have since been
// typed into countless forms by people they do not belong to; SSA voided
// the first two. Matching them would flag text that quotes the story.
var ssnPublished = [...]string{"078051120", "219099999", "457555462"}

// USSSN reports whether s is a US Social Security number: nine digits,
// optionally grouped 3-2-4 with hyphens or spaces ("123-45-6789"). The
// area (first three digits) must not be 000, 666 or 900-999, the group
// (next two) not 00 and the serial (last four) not 0000, which is all the
// structure numbers issued since 2011 keep. The widely published sample
// numbers 078-05-1120, 219-09-9999 and 457-55-5462 are rejected.
//
// There is no check digit, so any nine digits that obey these rules pass.
func USSSN(s string) bool {
	var buf [9]byte
	b, ok := compact(buf[:], s, sepSpaceHyphen)
	if !ok || len(b) != 9 || !allDigits(b) {
		return false
	}
	area := num(b[:3])
	if area == 0 || area == 666 || area >= 900 || num(b[3:5]) == 0 || num(b[5:]) == 0 {
		return false
	}
	for _, p := range ssnPublished {
		if string(b) == p {
			return false
		}
	}
	return true
}

// USITIN reports whether s is a US Individual Taxpayer Identification
// Number: nine digits laid out like an SSN ("912-70-1234", hyphens or
// spaces optional) whose first digit is 9 and whose fourth and fifth digits
// lie in 50-65, 70-88, 90-92 or 94-99. There is no check digit.
func USITIN(s string) bool {
	var buf [9]byte
	b, ok := compact(buf[:], s, sepSpaceHyphen)
	if !ok || len(b) != 9 || !allDigits(b) || b[0] != '9' {
		return false
	}
	switch g := num(b[3:5]); {
	case 50 <= g && g <= 65, 70 <= g && g <= 88, 90 <= g && g <= 92, g >= 94:
		return true
	}
	return false
}

// npiPrefixSum is the Luhn contribution of the prefix 80840 that the NPI
// standard puts in front of the ten digits (the ISO card issuer number of
// US health care), so the prefix need not be copied.
const npiPrefixSum = 24

// USNPI reports whether s is a US National Provider Identifier: ten digits
// without separators, starting with 1 or 2, whose last digit is the Luhn
// check digit of 80840 followed by the first nine.
func USNPI(s string) bool {
	var buf [10]byte
	b, ok := compact(buf[:], s, sepNone)
	if !ok || len(b) != 10 || !allDigits(b) || (b[0] != '1' && b[0] != '2') {
		return false
	}
	return (npiPrefixSum+luhnSum(b))%10 == 0
}

// mbiLetter reports whether c is a letter that Medicare Beneficiary
// Identifiers use: S, L, O, I, B and Z are left out because they look like
// digits.
func mbiLetter(c byte) bool {
	return isUpper(c) && !hasByte("SLOIBZ", c)
}

// mbiLayout gives the character class of each MBI position: 'C' a digit
// 1-9, 'N' a digit, 'A' an MBI letter, 'X' either an MBI letter or a digit.
const mbiLayout = "CAXNAXNAANN"

// USMBI reports whether s is a US Medicare Beneficiary Identifier: eleven
// characters in the layout digit 1-9, letter, letter-or-digit, digit,
// letter, letter-or-digit, digit, letter, letter, digit, digit, often
// printed in groups of 4-3-4 with hyphens or spaces ("1EG4-TE5-MK73"),
// letters in either case. The letters S, L, O, I, B and Z never occur.
// There is no check character.
func USMBI(s string) bool {
	var buf [11]byte
	b, ok := compact(buf[:], s, sepSpaceHyphen)
	if !ok || len(b) != 11 {
		return false
	}
	for i, c := range b {
		var ok bool
		switch mbiLayout[i] {
		case 'C':
			ok = '1' <= c && c <= '9'
		case 'N':
			ok = isDigit(c)
		case 'A':
			ok = mbiLetter(c)
		default:
			ok = isDigit(c) || mbiLetter(c)
		}
		if !ok {
			return false
		}
	}
	return true
}

// CanadaSIN reports whether s is a Canadian Social Insurance Number: nine
// digits, optionally grouped 3-3-3 with spaces or hyphens, passing the Luhn
// check. A first digit of 0 (never
// issued) or 8 (business numbers) is rejected.
func CanadaSIN(s string) bool {
	var buf [9]byte
	b, ok := compact(buf[:], s, sepSpaceHyphen)
	if !ok || len(b) != 9 || !allDigits(b) || b[0] == '0' || b[0] == '8' {
		return false
	}
	return luhnSum(b)%10 == 0
}

var (
	cpfWeights1  = []int{10, 9, 8, 7, 6, 5, 4, 3, 2}
	cpfWeights2  = []int{11, 10, 9, 8, 7, 6, 5, 4, 3, 2}
	cnpjWeights1 = []int{5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2}
	cnpjWeights2 = []int{6, 5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2}
)

// BrazilCPF reports whether s is a Brazilian individual taxpayer number
// (Cadastro de Pessoas Físicas): eleven digits, usually printed
// "123.456.789-09" (dots, hyphens and spaces are ignored), whose last two
// digits are the mod 11 check digits of the ones before. Numbers made of
// one repeated digit pass the arithmetic but are not issued, and are
// rejected.
func BrazilCPF(s string) bool {
	var buf [11]byte
	b, ok := compact(buf[:], s, sepDotted)
	if !ok || len(b) != 11 || !allDigits(b) || allSame(b) {
		return false
	}
	return int(b[9]-'0') == mod11Digit(weighted(b, cpfWeights1)) &&
		int(b[10]-'0') == mod11Digit(weighted(b, cpfWeights2))
}

// BrazilCNPJ reports whether s is a Brazilian company registration number
// (Cadastro Nacional da Pessoa Jurídica): fourteen characters, usually
// printed "12.345.678/0001-95" (dots, slashes, hyphens and spaces are
// ignored), whose last two digits are the mod 11 check digits of the
// twelve before. Since July 2026 those twelve may include letters, which
// count as their character code minus 48 (A is 17); lower-case letters are
// accepted too. A single repeated digit is rejected.
func BrazilCNPJ(s string) bool {
	var buf [14]byte
	b, ok := compact(buf[:], s, sepSlashed)
	if !ok || len(b) != 14 || !allDigits(b[12:]) || allSame(b) {
		return false
	}
	return int(b[12]-'0') == mod11Digit(weighted(b, cnpjWeights1)) &&
		int(b[13]-'0') == mod11Digit(weighted(b, cnpjWeights2))
}
