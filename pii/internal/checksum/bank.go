package checksum

// ibanLengths lists each country of the IBAN registry with the total length
// of its IBANs, as "CCnn" records sorted by country code. Territories that
// issue IBANs under another country's code (Åland under FI, the French
// overseas departments under FR, Jersey under GB) need no entry.
const ibanLengths = "" +
	"AD24AE23AL28AT20AZ28BA20BE16BG22BH22BI27BR29BY28CH21CR22CY28CZ24" +
	"DE22DJ27DK18DO28EE20EG29ES24FI18FK18FO18FR27GB22GE22GI23GL18GR27" +
	"GT28HN28HR21HU28IE22IL23IQ23IS26IT27JO30KW30KZ20LB28LC32LI21LT20" +
	"LU20LV21LY25MC27MD24ME22MK19MN20MR27MT31MU30NI28NL18NO15OM23PK24" +
	"PL28PS29PT25QA29RO24RS22RU33SA24SC31SD18SE24SI19SK24SM27SO23ST25" +
	"SV28TL23TN24TR26UA29VA22VG24XK20YE30"

// iso3166 lists the ISO 3166-1 alpha-2 country codes, sorted, plus XK
// (Kosovo), which SWIFT and the IBAN registry use although ISO has not
// assigned it.
const iso3166 = "" +
	"ADAEAFAGAIALAMAOAQARASATAUAWAXAZBABBBDBEBFBGBHBIBJBLBMBNBOBQBRBS" +
	"BTBVBWBYBZCACCCDCFCGCHCICKCLCMCNCOCRCUCVCWCXCYCZDEDJDKDMDODZECEE" +
	"EGEHERESETFIFJFKFMFOFRGAGBGDGEGFGGGHGIGLGMGNGPGQGRGSGTGUGWGYHKHM" +
	"HNHRHTHUIDIEILIMINIOIQIRISITJEJMJOJPKEKGKHKIKMKNKPKRKWKYKZLALBLC" +
	"LILKLRLSLTLULVLYMAMCMDMEMFMGMHMKMLMMMNMOMPMQMRMSMTMUMVMWMXMYMZNA" +
	"NCNENFNGNINLNONPNRNUNZOMPAPEPFPGPHPKPLPMPNPRPSPTPWPYQARERORSRURW" +
	"SASBSCSDSESGSHSISJSKSLSMSNSOSRSSSTSVSXSYSZTCTDTFTGTHTJTKTLTMTNTO" +
	"TRTTTVTWTZUAUGUMUSUYUZVAVCVEVGVIVNVUWFWSXKYEYTZAZMZW"

// findCode binary-searches table, a sorted run of records of width bytes
// that each start with a two-letter code, for the code c0 c1, and returns
// the record's offset or -1.
func findCode(table string, width int, c0, c1 byte) int {
	lo, hi := 0, len(table)/width
	for lo < hi {
		m := (lo + hi) / 2
		r := table[m*width:]
		switch {
		case r[0] == c0 && r[1] == c1:
			return m * width
		case r[0] < c0 || r[0] == c0 && r[1] < c1:
			lo = m + 1
		default:
			hi = m
		}
	}
	return -1
}

// CountryCode reports whether s is an ISO 3166-1 alpha-2 country code in
// upper case, or XK.
func CountryCode(s string) bool {
	return len(s) == 2 && findCode(iso3166, 2, s[0], s[1]) >= 0
}

// ibanLength returns the IBAN length of the country c0 c1, or 0 when the
// country issues no IBANs.
func ibanLength(c0, c1 byte) int {
	i := findCode(ibanLengths, 4, c0, c1)
	if i < 0 {
		return 0
	}
	return int(ibanLengths[i+2]-'0')*10 + int(ibanLengths[i+3]-'0')
}

// IBAN reports whether s is an International Bank Account Number: a
// country code, two check digits and the national account number, in the
// electronic form ("DE89370400440532013000") or the printed form with
// spaces ("DE89 3704 0044 0532 0130 00"), letters in either case. The
// length must be the one the IBAN registry sets for the country, the check
// digits must lie in 02-98 and the whole must pass ISO 7064 MOD 97-10.
//
// The national part's own format (which positions are digits, national
// check digits) is not checked, and countries that use IBAN-like numbers
// outside the registry (for example Algeria or Iran) are rejected.
func IBAN(s string) bool {
	var buf [34]byte
	b, ok := compact(buf[:], s, sepSpace)
	if !ok || len(b) < 15 || !allLetters(b[:2]) || !allDigits(b[2:4]) {
		return false
	}
	if ibanLength(b[0], b[1]) != len(b) {
		return false
	}
	if c := num(b[2:4]); c < 2 || c > 98 {
		return false
	}
	// The check runs over the account part followed by the first four
	// characters, which ISO 13616 moves to the end.
	return mod97(b[:4], mod97(b[4:], 0)) == 1
}

// BIC reports whether s is a SWIFT business identifier code in upper case:
// four letters for the institution, a country code that [CountryCode]
// accepts, two letters or digits for the location and, optionally, three
// letters or digits for the branch ("DEUTDEFF", "DEUTDEFF500"). There is no
// check digit, so lower-case input is rejected; eight-letter words in upper
// case can still pass, and a caller should look for context such as "BIC"
// or "SWIFT" before it trusts a match.
func BIC(s string) bool {
	if len(s) != 8 && len(s) != 11 {
		return false
	}
	for i := range len(s) {
		c := s[i]
		if i < 6 && !isUpper(c) || !isAlnum(c) {
			return false
		}
	}
	return CountryCode(s[4:6])
}

// abaWeights repeat 3, 7, 1 over the nine digits of a routing number.
var abaWeights = []int{3, 7, 1, 3, 7, 1, 3, 7, 1}

// ABARouting reports whether s is a US ABA routing transit number: nine
// digits without separators ("011000015") whose weighted sum with the
// weights 3, 7, 1 is a multiple of ten and whose first two digits lie in a
// range the Federal Reserve uses: 00-12, 21-32, 61-72 or 80. All zeros is
// rejected although it passes the check.
func ABARouting(s string) bool {
	var buf [9]byte
	b, ok := compact(buf[:], s, sepNone)
	if !ok || len(b) != 9 || !allDigits(b) || allSame(b) {
		return false
	}
	switch p := num(b[:2]); {
	case p <= 12, 21 <= p && p <= 32, 61 <= p && p <= 72, p == 80:
	default:
		return false
	}
	return weighted(b, abaWeights)%10 == 0
}
