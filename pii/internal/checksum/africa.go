package checksum

// SouthAfricaID reports whether s is a South African identity number:
// thirteen digits, sometimes printed "YYMMDD SSSS CAZ" (spaces are
// ignored), whose first six are a date that exists (the century is not
// encoded; 29 February passes in any year divisible by four), whose
// eleventh digit is the citizenship code 0, 1 or 2, and whose last digit
// passes the Luhn check over all thirteen.
func SouthAfricaID(s string) bool {
	var buf [13]byte
	b, ok := compact(buf[:], s, sepSpace)
	if !ok || len(b) != 13 || !allDigits(b) || b[10] > '2' {
		return false
	}
	return shortDate(num(b[:2]), num(b[2:4]), num(b[4:6])) && luhnSum(b)%10 == 0
}
