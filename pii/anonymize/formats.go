package anonymize

import (
	"math/rand/v2"
	"net/netip"
	"strconv"
	"strings"
	"unicode/utf8"
)

// reservedDomains are the second-level domains RFC 2606 reserves for
// examples; pseudonymous addresses live under them.
var reservedDomains = [...]string{"example.com", "example.net", "example.org"}

// reservedDomain reports whether host lies under a domain reserved for
// examples or tests (RFC 2606, RFC 6761): nobody can own an address there.
func reservedDomain(host string) bool {
	h := strings.TrimSuffix(strings.ToLower(host), ".")
	for _, d := range reservedDomains {
		if h == d || strings.HasSuffix(h, "."+d) {
			return true
		}
	}
	for _, tld := range [...]string{"example", "test", "invalid", "localhost"} {
		if h == tld || strings.HasSuffix(h, "."+tld) {
			return true
		}
	}
	return false
}

// emailGenerator makes given.family@example.net addresses from the name
// lists, numbered past the first 120,000.
func emailGenerator(orig string) generator {
	at := strings.LastIndexByte(orig, '@')
	if at <= 0 || at == len(orig)-1 {
		return generator{}
	}
	names := nameLists()
	g, f := uint64(len(names[givenList])), uint64(len(names[familyList]))
	per := g * f * uint64(len(reservedDomains))
	upper := caseStyle(orig) == styleUpper
	return generator{capacity: per * 1000, keyed: per, make: func(x uint64) string {
		// The digits of p are used in another order than listName uses
		// them, so that the first address of a call does not share its
		// given name with the first person.
		p := permute(x%per, per)
		local := names[givenList][p/(f*3)%g] + "." + names[familyList][p/3%f]
		if k := x / per; k > 0 {
			local += strconv.FormatUint(k, 10)
		}
		out := strings.ToLower(local) + "@" + reservedDomains[p%3]
		if upper {
			out = strings.ToUpper(out)
		}
		return out
	}}
}

// digitSlots returns the byte offsets of the ASCII digits of s, and false
// when s holds anything but digits and the given separators.
func digitSlots(s, seps string) ([]int, bool) {
	var at []int
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case isDigit(c):
			at = append(at, i)
		case strings.IndexByte(seps, c) < 0:
			return nil, false
		}
	}
	return at, true
}

// placeDigits writes digits over the slots of s.
func placeDigits(s string, slots []int, digits []byte) string {
	b := []byte(s)
	for i, at := range slots {
		b[at] = digits[i]
	}
	return string(b)
}

// fixedDigits writes v as n decimal digits into dst.
func fixedDigits(dst []byte, v uint64) {
	for i := len(dst) - 1; i >= 0; i-- {
		dst[i] = byte('0' + v%10)
		v /= 10
	}
}

func pow10(n int) uint64 {
	p := uint64(1)
	for range n {
		p *= 10
	}
	return p
}

// phone is a telephone number cut into the digits a pseudonym keeps
// (international prefix, country code, trunk prefix) and the national
// number it replaces.
type phone struct {
	slots    []int
	digits   string
	keep     int // leading digits kept
	plan     byte
	national string
}

// Numbering plans with ranges reserved for fiction.
const (
	planOther byte = iota
	planNANP       // +1: 555-0100 to 555-0199 in every area code
	planUK         // +44: Ofcom's drama ranges
)

// ukDrama lists Ofcom's ranges for drama: the first seven digits of a
// ten-digit national number, each followed by 000-999. The first is for
// mobiles; the others are London, Leeds, Bristol, Manchester and the
// fictional area 01632.
var ukDrama = [...]string{"7700900", "2079460", "1134960", "1174960", "1614960", "1632960"}

func parsePhone(s string) (phone, bool) {
	slots, ok := digitSlots(s, " -.()/+\u00a0")
	if !ok || len(slots) < 7 || len(slots) > 17 || strings.Count(s, "+") > 1 {
		return phone{}, false
	}
	p := phone{slots: slots}
	d := make([]byte, len(slots))
	for i, at := range slots {
		d[i] = s[at]
	}
	p.digits = string(d)
	intl := strings.IndexByte(s, '+') >= 0 && strings.IndexByte(s, '+') < slots[0]
	if intl && strings.IndexByte(s[slots[0]:], '+') >= 0 {
		return phone{}, false
	}
	if !intl && strings.HasPrefix(p.digits, "00") && len(d) >= 11 {
		intl, p.keep = true, 2
	}
	cc := ""
	if intl {
		n := countryCodeLen(p.digits[p.keep:])
		cc = p.digits[p.keep : p.keep+n]
		p.keep += n
	}
	nat := p.digits[p.keep:]
	switch {
	case cc == "1" && len(nat) == 10 && nanpOK(nat):
		p.plan = planNANP
	case !intl && len(nat) == 10 && nanpOK(nat):
		p.plan = planNANP
	case !intl && len(nat) == 11 && nat[0] == '1' && nanpOK(nat[1:]):
		p.plan, p.keep = planNANP, p.keep+1
	case cc == "44" && len(nat) == 10:
		p.plan = planUK
	case !intl && len(nat) == 11 && nat[0] == '0' && strings.IndexByte("127", nat[1]) >= 0:
		p.plan, p.keep = planUK, p.keep+1
	case len(nat) > 0 && nat[0] == '0':
		p.keep++ // a trunk prefix says nothing about the subscriber
	}
	p.national = p.digits[p.keep:]
	return p, len(p.national) >= 4
}

// nanpOK reports whether ten digits have the shape of a NANP number: area
// code and exchange both start with 2-9.
func nanpOK(n string) bool { return n[0] >= '2' && n[3] >= '2' }

// countryCodeLen returns the length of the ITU country calling code that d
// starts with: 1 and 7 are one digit, the codes below two digits, and all
// others three.
func countryCodeLen(d string) int {
	switch {
	case len(d) < 3:
		return 0
	case d[0] == '1' || d[0] == '7':
		return 1
	}
	two := " 20 27 30 31 32 33 34 36 39 40 41 43 44 45 46 47 48 49 51 52 53 54 55 56 57 58 " +
		"60 61 62 63 64 65 66 81 82 84 86 90 91 92 93 94 95 98 "
	if strings.Contains(two, " "+d[:2]+" ") {
		return 2
	}
	return 3
}

func fictionalPhone(s string) bool {
	p, ok := parsePhone(s)
	if !ok {
		return false
	}
	switch p.plan {
	case planNANP:
		return p.national[3:6] == "555" && p.national[6:8] == "01"
	case planUK:
		for _, r := range ukDrama {
			if strings.HasPrefix(p.national, r) {
				return true
			}
		}
	}
	return false
}

// phoneGenerator keeps the layout, separators and country code of a phone
// number and replaces the subscriber's digits: with a number from the
// ranges reserved for fiction where the plan has them, otherwise with
// other digits whose first is not zero.
func phoneGenerator(orig string) generator {
	p, ok := parsePhone(orig)
	if !ok {
		return generator{}
	}
	kept := []byte(p.digits[:p.keep])
	build := func(national []byte) string {
		return placeDigits(orig, p.slots, append(append([]byte(nil), kept...), national...))
	}
	switch p.plan {
	case planNANP:
		const npas = 8 * 89 // [2-9][0-8][0-9] without the N11 service codes
		return generator{capacity: npas * 100, make: func(x uint64) string {
			v := permute(x, npas*100)
			n := []byte("0005550100")
			a := v / 100
			j := a % 89
			if j >= 11 {
				j++
			}
			n[0], n[1], n[2] = byte('2'+a/89), byte('0'+j/10), byte('0'+j%10)
			fixedDigits(n[8:], v%100)
			return build(n)
		}}
	case planUK:
		ranges := ukDrama[2:]
		switch p.national[0] {
		case '7':
			ranges = ukDrama[:1]
		case '2':
			ranges = ukDrama[1:2]
		}
		n := uint64(len(ranges)) * 1000
		return generator{capacity: n, make: func(x uint64) string {
			v := permute(x, n)
			out := []byte(ranges[v/1000] + "000")
			fixedDigits(out[7:], v%1000)
			return build(out)
		}}
	}
	free := len(p.national) - 1
	capacity := 9 * pow10(min(free, 17))
	return generator{capacity: capacity, make: func(x uint64) string {
		v := permute(x, capacity)
		out := make([]byte, len(p.national))
		out[0] = byte('1' + v%9)
		rest := out[1:]
		if free > 17 {
			r := rand.New(rand.NewPCG(x, 1))
			for i := 17; i < free; i++ {
				rest[i] = byte('0' + r.IntN(10))
			}
			rest = rest[:17]
		}
		fixedDigits(rest, v/9)
		return build(out)
	}}
}

// testCardPrefix returns the issuer prefix of a widely published test card
// of the same scheme as the card number d.
func testCardPrefix(d string) string {
	switch {
	case strings.HasPrefix(d, "34"), strings.HasPrefix(d, "37"):
		return "378282" // American Express
	case strings.HasPrefix(d, "35"):
		return "353011" // JCB
	case strings.HasPrefix(d, "30"), strings.HasPrefix(d, "36"), strings.HasPrefix(d, "38"):
		return "305693" // Diners Club
	case d[0] == '5', d[0] == '2':
		return "555555" // Mastercard
	case d[0] == '6':
		return "601111" // Discover
	}
	return "411111" // Visa
}

// cardGenerator makes a Luhn-valid number from a test-card prefix of the
// same scheme, with the original's length and grouping.
func cardGenerator(orig string) generator {
	slots, ok := digitSlots(orig, " -\u00a0")
	if !ok || len(slots) < 12 || len(slots) > 19 {
		return generator{}
	}
	d := make([]byte, len(slots))
	for i, at := range slots {
		d[i] = orig[at]
	}
	prefix := testCardPrefix(string(d))
	free := len(d) - len(prefix) - 1
	capacity := pow10(free)
	return generator{capacity: capacity, make: func(x uint64) string {
		out := make([]byte, len(d))
		copy(out, prefix)
		fixedDigits(out[len(prefix):len(d)-1], permute(x, capacity))
		out[len(d)-1] = luhnDigit(out[:len(d)-1])
		return placeDigits(orig, slots, out)
	}}
}

// luhnDigit returns the check digit that makes payload Luhn-valid.
func luhnDigit(payload []byte) byte {
	sum := 0
	for i := len(payload) - 1; i >= 0; i-- {
		v := int(payload[i] - '0')
		if (len(payload)-1-i)%2 == 0 {
			v *= 2
			if v > 9 {
				v -= 9
			}
		}
		sum += v
	}
	return byte('0' + (10-sum%10)%10)
}

// ibanGenerator keeps an IBAN's country, length, grouping and the class of
// each character of the national part, and computes new check digits so
// that the result passes the ISO 7064 mod-97 check.
func ibanGenerator(orig string) generator {
	var slots []int
	for i := 0; i < len(orig); i++ {
		switch c := orig[i]; {
		case isDigit(c) || isUpper(c) || isLower(c):
			slots = append(slots, i)
		case c != ' ' && c != '-':
			return generator{}
		}
	}
	if len(slots) < 15 || len(slots) > 34 {
		return generator{}
	}
	c := func(k int) byte { return orig[slots[k]] }
	if !isLetter(c(0)) || !isLetter(c(1)) || !isDigit(c(2)) || !isDigit(c(3)) {
		return generator{}
	}
	bbanAt := slots[4]
	l := newLayout(orig[bbanAt:], false)
	return generator{capacity: l.capacity, make: func(x uint64) string {
		bban := l.fill(x)
		check := ibanCheck(orig[slots[0]:slots[0]+1]+orig[slots[1]:slots[1]+1], bban)
		b := []byte(orig[:bbanAt])
		b[slots[2]], b[slots[3]] = check[0], check[1]
		return string(b) + bban
	}}
}

func isLetter(c byte) bool { return isUpper(c) || isLower(c) }

// ibanCheck returns the two check digits for a country code and a national
// account number (separators ignored).
func ibanCheck(country, bban string) [2]byte {
	r := 0
	add := func(c byte) {
		switch {
		case isDigit(c):
			r = (r*10 + int(c-'0')) % 97
		case isLetter(c):
			v := int(c|0x20-'a') + 10
			r = (r*100 + v) % 97
		}
	}
	for i := 0; i < len(bban); i++ {
		add(bban[i])
	}
	for i := 0; i < len(country); i++ {
		add(country[i])
	}
	add('0')
	add('0')
	v := 98 - r
	return [2]byte{byte('0' + v/10), byte('0' + v%10)}
}

// SSNs with an area of 900-999 were never issued, and ITINs, which use that
// area, take only the groups 50-65, 70-88 and 90-99; so 9xx numbers with a
// group of 01-49 belong to no one.
const ssnCapacity = 100 * 49 * 9999

func ssnDigits(s string) ([]int, bool) {
	slots, ok := digitSlots(s, " -")
	return slots, ok && len(slots) == 9
}

func fictionalSSN(s string) bool {
	slots, ok := ssnDigits(s)
	if !ok {
		return false
	}
	group := int(s[slots[3]]-'0')*10 + int(s[slots[4]]-'0')
	return s[slots[0]] == '9' && group >= 1 && group <= 49
}

// ssnGenerator makes SSNs in area 900-999 and group 01-49, laid out like
// the original.
func ssnGenerator(orig string) generator {
	slots, ok := ssnDigits(orig)
	if !ok {
		return generator{}
	}
	return generator{capacity: ssnCapacity, make: func(x uint64) string {
		v := permute(x, ssnCapacity)
		d := make([]byte, 9)
		fixedDigits(d[:3], 900+v%100)
		v /= 100
		fixedDigits(d[3:5], 1+v%49)
		fixedDigits(d[5:], 1+v/49)
		return placeDigits(orig, slots, d)
	}}
}

// Documentation address blocks: RFC 5737 for IPv4, RFC 3849 for IPv6.
var (
	docNets4 = [...]netip.Prefix{
		netip.MustParsePrefix("192.0.2.0/24"),
		netip.MustParsePrefix("198.51.100.0/24"),
		netip.MustParsePrefix("203.0.113.0/24"),
	}
	docNet6 = netip.MustParsePrefix("2001:db8::/32")
)

func fictionalIP(s string) bool {
	a, err := netip.ParseAddr(s)
	if err != nil {
		return false
	}
	if a.Is6() && !a.Is4In6() {
		return docNet6.Contains(a)
	}
	a = a.Unmap()
	for _, n := range docNets4 {
		if n.Contains(a) {
			return true
		}
	}
	return false
}

// ipGenerator makes addresses in the documentation blocks of the same
// family.
func ipGenerator(orig string) generator {
	a, err := netip.ParseAddr(orig)
	if err != nil {
		return generator{}
	}
	if a.Is4() || a.Is4In6() {
		return generator{capacity: 3 * 254, make: func(x uint64) string {
			v := permute(x, 3*254)
			b := docNets4[v/254].Addr().As4()
			b[3] = byte(1 + v%254)
			return netip.AddrFrom4(b).String()
		}}
	}
	return generator{capacity: 1 << 32, make: func(x uint64) string {
		v := permute(x, 1<<32)
		b := docNet6.Addr().As16()
		b[12], b[13], b[14], b[15] = byte(v>>24), byte(v>>16), byte(v>>8), byte(v)
		return netip.AddrFrom16(b).String()
	}}
}

// urlParts splits a URL into its scheme ("https://"), user information
// ("user:pw@"), host, port (":8080") and the rest: path, query and
// fragment.
func urlParts(s string) (scheme, user, host, port, rest string) {
	if i := strings.Index(s, "://"); i >= 0 {
		scheme, s = s[:i+3], s[i+3:]
	}
	end := strings.IndexAny(s, "/?#")
	if end < 0 {
		end = len(s)
	}
	authority, rest := s[:end], s[end:]
	if at := strings.LastIndexByte(authority, '@'); at >= 0 {
		user, authority = authority[:at+1], authority[at+1:]
	}
	host = authority
	if c := strings.LastIndexByte(host, ':'); c >= 0 && !strings.Contains(host[c:], "]") {
		host, port = host[:c], host[c:]
	}
	return scheme, user, host, port, rest
}

func urlHost(s string) string {
	_, _, h, _, _ := urlParts(s)
	return h
}

// urlGenerator keeps a URL's scheme, port and shape, moves it to a
// reserved domain and replaces the letters and digits of the user
// information, path, query and fragment.
func urlGenerator(orig string) generator {
	scheme, user, host, port, rest := urlParts(orig)
	if host == "" {
		return generator{}
	}
	www := ""
	if len(host) > 4 && strings.EqualFold(host[:4], "www.") {
		www = host[:4]
	}
	ul, path := newLayout(user, false), newLayout(rest, false)
	per := max(path.capacity, 1)
	return generator{capacity: 3 * per, make: func(x uint64) string {
		out := scheme
		if ul.capacity > 0 {
			out += ul.fill(x % ul.capacity)
		}
		out += www + reservedDomains[x%3] + port
		if path.capacity > 0 {
			return out + path.fill(x/3)
		}
		return out + rest
	}}
}

// isStreetWord reports the words that stay as they are in an address:
// they are the shape of an address, not whose it is.
func isStreetWord(lw string) bool {
	switch lw {
	case "street", "st", "avenue", "ave", "road", "rd", "lane", "ln", "drive", "dr", "boulevard",
		"blvd", "court", "ct", "place", "pl", "way", "terrace", "ter", "circle", "cir", "highway",
		"hwy", "parkway", "pkwy", "square", "sq", "apt", "apartment", "suite", "ste", "unit",
		"floor", "fl", "building", "bldg", "po", "box", "no", "n", "s", "e", "w", "ne", "nw", "se",
		"sw", "north", "south", "east", "west", "rue", "calle", "via", "strasse", "straße", "platz",
		"weg", "and", "of", "the":
		return true
	}
	return false
}

// addressGenerator keeps an address's shape: numbers and postcodes get
// other characters of the same classes, street-type words stay, and the
// other words become family names ("417 Hansen Street").
func addressGenerator(orig string) generator {
	toks := splitWords(orig)
	return generator{capacity: 1 << 32, make: func(x uint64) string {
		r := rand.New(rand.NewPCG(x, 2))
		family := nameLists()[familyList]
		var b strings.Builder
		for _, t := range toks {
			switch {
			case !t.word:
				b.WriteString(t.text)
			case hasDigit(t.text):
				l := newLayout(t.text, false)
				b.WriteString(l.fill(r.Uint64N(l.capacity)))
			case isStreetWord(strings.ToLower(t.text)):
				b.WriteString(t.text)
			default:
				b.WriteString(styled(caseStyle(t.text), family[r.IntN(len(family))]))
			}
		}
		return b.String()
	}}
}

type wordTok struct {
	text string
	word bool
}

// splitWords cuts s into runs of letters and digits and the text between.
func splitWords(s string) []wordTok {
	var toks []wordTok
	for i := 0; i < len(s); {
		start := i
		w := isWordRune(s, i)
		for i < len(s) && isWordRune(s, i) == w {
			_, n := utf8.DecodeRuneInString(s[i:])
			i += n
		}
		toks = append(toks, wordTok{s[start:i], w})
	}
	return toks
}

func isWordRune(s string, i int) bool {
	r, _ := utf8.DecodeRuneInString(s[i:])
	return maskable(r)
}
