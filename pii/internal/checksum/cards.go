package checksum

// Card issuer names returned by [CardIssuer]. They are lower case so that
// callers can use them in rule ids as they are.
const (
	IssuerAmex       = "amex"
	IssuerDiners     = "diners"
	IssuerDiscover   = "discover"
	IssuerJCB        = "jcb"
	IssuerMaestro    = "maestro"
	IssuerMastercard = "mastercard"
	IssuerMir        = "mir"
	IssuerUnionPay   = "unionpay"
	IssuerVisa       = "visa"
)

// cardRange is one issuer identification number range: card numbers whose
// first digits, read as a number, lie in [lo, hi] and whose length is in
// the bit set lengths.
type cardRange struct {
	issuer  string
	digits  int // how many leading digits lo and hi cover
	lo, hi  int
	lengths uint32
}

func lengthSet(shortest, longest int) uint32 { return 1<<(longest+1) - 1<<shortest }

// cardRanges is searched in order and the first match wins, so narrow
// ranges come before the wider ones that contain them: Discover's
// co-branded 622126-622925 before UnionPay's 62.
var cardRanges = [...]cardRange{
	{IssuerAmex, 2, 34, 34, 1 << 15},
	{IssuerAmex, 2, 37, 37, 1 << 15},
	{IssuerDiners, 3, 300, 305, lengthSet(14, 19)},
	{IssuerDiners, 4, 3095, 3095, lengthSet(14, 19)},
	{IssuerDiners, 2, 36, 36, lengthSet(14, 19)},
	{IssuerDiners, 2, 38, 39, lengthSet(14, 19)},
	{IssuerJCB, 4, 3528, 3589, lengthSet(16, 19)},
	{IssuerVisa, 1, 4, 4, 1<<13 | 1<<16 | 1<<19},
	{IssuerMir, 4, 2200, 2204, lengthSet(16, 19)},
	{IssuerMastercard, 4, 2221, 2720, 1 << 16},
	{IssuerMastercard, 2, 51, 55, 1 << 16},
	{IssuerMaestro, 4, 5018, 5018, lengthSet(12, 19)},
	{IssuerMaestro, 4, 5020, 5020, lengthSet(12, 19)},
	{IssuerMaestro, 4, 5038, 5038, lengthSet(12, 19)},
	{IssuerMaestro, 4, 5893, 5893, lengthSet(12, 19)},
	{IssuerMaestro, 4, 6304, 6304, lengthSet(12, 19)},
	{IssuerMaestro, 4, 6759, 6759, lengthSet(12, 19)},
	{IssuerMaestro, 4, 6761, 6763, lengthSet(12, 19)},
	{IssuerDiscover, 4, 6011, 6011, lengthSet(16, 19)},
	{IssuerDiscover, 6, 622126, 622925, lengthSet(16, 19)},
	{IssuerDiscover, 3, 644, 649, lengthSet(16, 19)},
	{IssuerDiscover, 2, 65, 65, lengthSet(16, 19)},
	{IssuerUnionPay, 2, 62, 62, lengthSet(16, 19)},
}

// CardIssuer reports whether s is a payment card number and, if so, which
// scheme issued it: one of the Issuer constants. The number is 12 to 19
// digits, optionally grouped with spaces or hyphens ("4111 1111 1111
// 1111"); it must pass the Luhn check and its leading digits and length
// must fit one of the issuer ranges of Visa, Mastercard (51-55 and
// 2221-2720), American Express, Discover, Diners Club, JCB, UnionPay,
// Maestro or Mir. Ranges that two schemes share go to the one that
// acquires the card abroad (622126-622925 is reported as Discover).
//
// Numbers from other schemes, and UnionPay numbers issued without a Luhn
// check digit, are not recognised; use [Luhn] alone for a looser test.
func CardIssuer(s string) (issuer string, ok bool) {
	var buf [19]byte
	b, ok := compact(buf[:], s, sepSpaceHyphen)
	if !ok || len(b) < 12 || !allDigits(b) || luhnSum(b)%10 != 0 {
		return "", false
	}
	for _, r := range cardRanges {
		p := num(b[:r.digits])
		if r.lo <= p && p <= r.hi && r.lengths&(1<<len(b)) != 0 {
			return r.issuer, true
		}
	}
	return "", false
}

// Card reports whether s is a payment card number of a known issuer; it is
// [CardIssuer] without the issuer name.
func Card(s string) bool {
	_, ok := CardIssuer(s)
	return ok
}
