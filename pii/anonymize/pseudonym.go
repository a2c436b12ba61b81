package anonymize

import (
	"cmp"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/binary"
	"hash"
	"math/bits"
	"strconv"
	"strings"

	"github.com/textnlp/textguard/guard"
)

// A pseudonym is put back into the model's reply by [guard.Vault.Restore],
// which replaces every occurrence of it, anywhere. Three rules follow:
//
//   - A pseudonym must not already occur in the request, in any case (the
//     vault matches without regard to case), or the restore would turn the
//     user's own words into someone else's value. Candidates that do are
//     skipped (call.occurs).
//   - A short pseudonym would occur by chance in a reply ("1234" in a price),
//     so a value with fewer than minPseudonym letters and digits gets the
//     vault's numbered tag, "<PHONE_3>", instead of a realistic stand-in.
//   - Names come from lists filtered so that none hides inside an ordinary
//     English word or inside another listed name (see
//     internal/gen/pseudonames).

// minPseudonym is the fewest letters and digits a value needs to get a
// realistic pseudonym through a vault.
const minPseudonym = 4

// format is the shape of pseudonym an entity type gets.
type format uint8

const (
	fGeneric format = iota
	fPerson
	fLocation
	fAddress
	fEmail
	fPhone
	fCard
	fIBAN
	fSSN
	fDate
	fIP
	fURL
)

// formatOf maps a category, as [tagName] writes it, to its format. It
// knows the names this module's pii package uses and the common synonyms
// of other recognisers (Presidio's, spaCy's).
func formatOf(cat string) format {
	switch cat {
	case "PERSON", "PER", "NAME", "PERSON_NAME":
		return fPerson
	case "LOCATION", "LOC", "GPE", "CITY":
		return fLocation
	case "ADDRESS", "STREET_ADDRESS":
		return fAddress
	case "EMAIL", "EMAIL_ADDRESS":
		return fEmail
	case "PHONE", "PHONE_NUMBER":
		return fPhone
	case "CREDIT_CARD", "CARD", "PAYMENT_CARD":
		return fCard
	case "IBAN", "IBAN_CODE":
		return fIBAN
	case "US_SSN", "SSN":
		return fSSN
	case "DATE", "DATE_TIME", "DATE_OF_BIRTH", "DOB":
		return fDate
	case "IP_ADDRESS", "IP":
		return fIP
	case "URL":
		return fURL
	}
	return fGeneric
}

// A generator makes the x-th pseudonym, 0 <= x < capacity, of a value
// laid out like the one it was made for. Distinct x give distinct
// pseudonyms, which is what lets a vault number them.
type generator struct {
	make     func(x uint64) string
	capacity uint64
	// keyed, when not zero, is the part of the capacity that calls without
	// a vault draw from: the plain pseudonyms, not the numbered ones that
	// a vault needs only once it has issued all of those.
	keyed uint64
}

// generatorFor returns the generator for orig in format f, falling back to
// the layout-keeping generic one when orig does not have f's shape. A date
// it cannot read gets none: random letters in place of "yesterday" would
// help nobody, so the caller writes a tag.
func generatorFor(f format, orig string) generator {
	var g generator
	switch f {
	case fEmail:
		g = emailGenerator(orig)
	case fPhone:
		g = phoneGenerator(orig)
	case fCard:
		g = cardGenerator(orig)
	case fIBAN:
		g = ibanGenerator(orig)
	case fSSN:
		g = ssnGenerator(orig)
	case fDate:
		g = dateGenerator(orig)
	case fIP:
		g = ipGenerator(orig)
	case fURL:
		g = urlGenerator(orig)
	case fAddress:
		g = addressGenerator(orig)
	}
	if g.capacity == 0 && f != fDate {
		g = genericGenerator(orig)
	}
	return g
}

// fictional reports whether orig already lies in a range that a standard
// reserves for examples (a domain of RFC 2606, a NANP 555-01xx number, an
// SSN area that is never issued, a documentation IP block). Such a value
// belongs to nobody and is left as it is, which also makes the pseudonyms
// of those formats stable when a text is sanitized twice without a vault.
func fictional(f format, orig string) bool {
	switch f {
	case fEmail:
		at := strings.LastIndexByte(orig, '@')
		return at >= 0 && reservedDomain(orig[at+1:])
	case fPhone:
		return fictionalPhone(orig)
	case fSSN:
		return fictionalSSN(orig)
	case fIP:
		return fictionalIP(orig)
	case fURL:
		return reservedDomain(urlHost(orig))
	}
	return false
}

// pseudonym returns the pseudonym of orig, a value of category cat that
// starts at byte start of the input.
func (c *call) pseudonym(cat string, start int, orig string) string {
	f := formatOf(cat)
	switch {
	case fictional(f, orig):
		return orig
	case f == fPerson:
		return c.person(cat, start, orig)
	case f == fLocation && !hasDigit(orig):
		return c.word(cat, orig, cityList)
	case f == fLocation:
		f = fAddress
	}
	g := generatorFor(f, orig)
	if g.capacity == 0 {
		return c.tag(cat, orig)
	}
	v := c.in.Vault
	if v == nil {
		n := cmp.Or(g.keyed, g.capacity)
		x := c.keyed(cat, orig) % n
		// A small space can map a value to itself, and any pseudonym can
		// happen to be a word of the text; step past those.
		for range 8 {
			if out := g.make(x); !c.occurs(out) {
				return out
			}
			x = (x + 1) % n
		}
		return "<" + cat + ">"
	}
	if alnumCount(orig) < minPseudonym {
		return c.tag(cat, orig)
	}
	return v.Pseudonym(cat, orig, func(n int) string {
		x := uint64(n - 1)
		out := "<" + cat + "_" + strconv.Itoa(n) + ">"
		if x < g.capacity {
			out = g.make(x)
		}
		if c.occurs(out) {
			return ""
		}
		return out
	})
}

// tag returns the vault's numbered tag for orig, or the plain tag without
// a vault.
func (c *call) tag(cat, orig string) string {
	if c.in.Vault == nil {
		return "<" + cat + ">"
	}
	return c.in.Vault.Pseudonym(cat, orig, func(n int) string {
		t := "<" + cat + "_" + strconv.Itoa(n) + ">"
		if c.occurs(t) {
			return ""
		}
		return t
	})
}

// isPseudonym reports whether orig is already a pseudonym of the call's
// vault: the whole of it, or for a name every name word. A model may echo
// a name, place or address in another case ("HANSEN"), so for those the
// usual case forms count too.
func (c *call) isPseudonym(cat, orig string) bool {
	v := c.in.Vault
	if v == nil {
		return false
	}
	f := formatOf(cat)
	folds := f == fPerson || f == fLocation || f == fAddress || f == fEmail || f == fURL
	if issued(v, orig, folds) {
		return true
	}
	if f != fPerson {
		return false
	}
	words := 0
	for _, t := range splitName(orig) {
		if t.kind != tokName {
			continue
		}
		if !issued(v, t.text, true) {
			return false
		}
		words++
	}
	return words > 0
}

// issued reports whether s is a pseudonym of v, or with folds, s in
// title, lower or upper case.
func issued(v *guard.Vault, s string, folds bool) bool {
	if _, ok := v.Original(s); ok {
		return true
	}
	if !folds || caseStyle(s) == styleNone {
		return false
	}
	for _, f := range [...]func(string) string{titleCase, strings.ToLower, strings.ToUpper} {
		if t := f(s); t != s {
			if _, ok := v.Original(t); ok {
				return true
			}
		}
	}
	return false
}

// keyed returns a 64-bit keyed hash of a value, from which a call without
// a vault picks its pseudonym.
func (c *call) keyed(cat, orig string) uint64 {
	m := c.mac(c.a.pkey)
	m.Write([]byte(cat))
	m.Write([]byte{0})
	m.Write([]byte(orig))
	var sum [sha256.Size]byte
	return binary.BigEndian.Uint64(m.Sum(sum[:0]))
}

// mac returns the call's HMAC-SHA-256 under key, reset. Setting one up
// costs more than using it, so a call keeps one per key.
func (c *call) mac(key []byte) hash.Hash {
	for _, m := range c.macs {
		if &m.key[0] == &key[0] {
			m.h.Reset()
			return m.h
		}
	}
	h := hmac.New(sha256.New, key)
	c.macs = append(c.macs, keyedMAC{key, h})
	return h
}

type keyedMAC struct {
	key []byte
	h   hash.Hash
}

// corpus is the text a pseudonym must not occur in: the input and every
// message of its request, case-folded, because the vault restores
// pseudonyms whatever their case.
type corpus struct{ folded string }

func (c *call) texts() *corpus {
	if c.corpus != nil {
		return c.corpus
	}
	var b strings.Builder
	b.WriteString(c.in.Text)
	if r := c.in.Request; r != nil {
		for _, m := range r.Messages {
			b.WriteByte(0)
			b.WriteString(m.Content)
		}
	}
	c.corpus = &corpus{folded: strings.ToLower(b.String())}
	return c.corpus
}

// occurs reports whether s occurs in the request, in any case.
func (c *call) occurs(s string) bool {
	return strings.Contains(c.texts().folded, strings.ToLower(s))
}

// permute maps x in [0, n) to [0, n) one to one. Vault numbers count 1, 2,
// 3, ...; without the shuffle the first person of every conversation would
// be called after the first name of the list.
func permute(x, n uint64) uint64 {
	if n <= 1 {
		return 0
	}
	a := 0x9E3779B97F4A7C15 % n
	for a == 0 || gcd(a, n) != 1 {
		a = (a + 1) % n
	}
	hi, lo := bits.Mul64(a, x%n)
	_, r := bits.Div64(hi%n, lo, n)
	return (r + 0x6A09E667F3BCC908%n) % n
}

func gcd(a, b uint64) uint64 {
	for b != 0 {
		a, b = b, a%b
	}
	return a
}

func hasDigit(s string) bool {
	for i := 0; i < len(s); i++ {
		if isDigit(s[i]) {
			return true
		}
	}
	return false
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }
func isUpper(c byte) bool { return 'A' <= c && c <= 'Z' }
func isLower(c byte) bool { return 'a' <= c && c <= 'z' }

// alnumCount counts the letters and digits of s, in any script.
func alnumCount(s string) int {
	n := 0
	for _, r := range s {
		if maskable(r) {
			n++
		}
	}
	return n
}
