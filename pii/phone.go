package pii

import (
	"regexp"
	"slices"
	"strings"

	"github.com/nyaruka/phonenumbers"
)

// Phone numbers are found in two steps. A loose pattern finds runs of
// digits with the separators people put in phone numbers; then the
// numbering plans of libphonenumber (through github.com/nyaruka/phonenumbers)
// decide whether the digits form a number that can exist:
//
//   - with a country code ("+44 20 7123 4567", "0044 ..."), in that country;
//   - without one, in the default region ([DefaultRegion], "US" unless set);
//   - with a leading trunk zero ("0490 75 40 81"), in any region that
//     dials domestic numbers with one, since a number written that way is
//     certainly national but its country is unknown.
//
// A run that passes none of these still has the shape of a phone number
// and is kept with a low score, which a context word ("phone", "fax",
// "call me at") lifts above the threshold. A run of fewer than seven
// digits is never a phone number, so "call 911" is not one.

// Scores of phone candidates before context.
const (
	phoneIntlValid     = 0.75 // +CC and valid in that country
	phoneIntlPossible  = 0.4  // +CC and of a possible length only
	phoneRegionValid   = 0.6  // valid in the default region, grouped
	phoneRegionBare    = 0.45 // valid in the default region, bare digits
	phoneTrunkValid    = 0.5  // leading zero, valid in some region
	phoneShapeGrouped  = 0.3  // grouped like a phone number, not validated
	phoneShapeBare     = 0.15 // bare digits, not validated
	phoneMinDigits     = 7
	phoneMaxDigits     = 15
	phoneMaxExtDigits  = 6
	phoneCandidateExpr = `\+?[0-9(][0-9 ().\-/]{4,26}[0-9](?: ?(?:x|ext\.?|#) ?[0-9]{1,6})?`
)

// phoneRules is the compiled numbering-plan side of phone detection.
type phoneRules struct {
	region string
	// trunk lists the regions that write national numbers with a leading
	// zero, the default region first when it is one of them.
	trunk []string
}

func validRegion(code string) bool {
	return phonenumbers.GetSupportedRegions()[code]
}

func newPhoneRules(region string) *phoneRules {
	p := &phoneRules{region: region}
	for r := range phonenumbers.GetSupportedRegions() {
		if phonenumbers.GetNddPrefixForRegion(r, true) == "0" {
			p.trunk = append(p.trunk, r)
		}
	}
	slices.Sort(p.trunk)
	// Regions people write to most often come first, so the common case
	// stops early.
	for _, r := range []string{"IT", "ES", "NL", "AU", "BE", "CH", "AT", "FR", "DE", "GB", region} {
		if j := slices.Index(p.trunk, r); j >= 0 {
			p.trunk = slices.Delete(p.trunk, j, j+1)
			p.trunk = slices.Insert(p.trunk, 0, r)
		}
	}
	return p
}

var (
	phoneDateLike = regexp.MustCompile(`^[0-9]{1,4}[./-][0-9]{1,2}[./-][0-9]{1,4}(?: [0-9]{1,2})?$`)
	phoneQuadLike = regexp.MustCompile(`^[0-9]{1,3}(?:\.[0-9]{1,3}){3}$`)
	phoneExt      = regexp.MustCompile(` ?(?:x|ext\.?|#) ?[0-9]{1,6}$`)
)

// phone finds phone numbers in the view range [lo, hi).
func (s *scan) phone(r *compiled, c *chunk) {
	lo, hi := c.start, c.end
	sub := s.v.text[lo:hi]
	p := &r.pats[0]
	if c.run < 2 && c.digits < phoneMinDigits || !p.re.MatchString(sub) {
		return
	}
	for _, m := range p.re.FindAllStringIndex(sub, -1) {
		start, end := lo+m[0], lo+m[1]
		if glued(s.v.text, start, end) {
			continue
		}
		if score, ok := s.d.phones.score(s.v.text[start:end]); ok {
			s.add(r, start, end, score)
		}
	}
}

// score rates one candidate, or reports that it cannot be a phone number.
func (p *phoneRules) score(c string) (float64, bool) {
	main := c
	if loc := phoneExt.FindStringIndex(c); loc != nil {
		main = c[:loc[0]]
	}
	digits, grouped, ok := phoneShape(main)
	if !ok {
		return 0, false
	}
	intl := strings.HasPrefix(main, "+")
	if !intl && (strings.HasPrefix(digits, "00") || strings.HasPrefix(digits, "011")) {
		intl = true
		main = "+" + strings.TrimPrefix(strings.TrimPrefix(digits, "011"), "00")
	}
	if intl {
		n, err := phonenumbers.Parse(main, "ZZ")
		switch {
		case err != nil:
			return 0, false
		case phonenumbers.IsValidNumber(n):
			return phoneIntlValid, true
		case phonenumbers.IsPossibleNumber(n):
			return phoneIntlPossible, true
		}
		return phoneShapeBare, true
	}
	if n, err := phonenumbers.Parse(digits, p.region); err == nil &&
		phonenumbers.IsValidNumberForRegion(n, p.region) {
		if grouped {
			return phoneRegionValid, true
		}
		return phoneRegionBare, true
	}
	if digits[0] == '0' && len(digits) >= 9 {
		for _, r := range p.trunk {
			n, err := phonenumbers.Parse(digits, r)
			if err == nil && phonenumbers.IsValidNumberForRegion(n, r) {
				return phoneTrunkValid, true
			}
		}
	}
	if grouped {
		return phoneShapeGrouped, true
	}
	return phoneShapeBare, true
}

// phoneShape returns the digits of a candidate and whether they are
// grouped the way phone numbers are written. It rejects runs with too few
// or too many digits, unbalanced or repeated brackets, doubled separators,
// and runs shaped like a date or a dotted quad.
func phoneShape(c string) (digits string, grouped, ok bool) {
	if phoneDateLike.MatchString(c) || phoneQuadLike.MatchString(c) {
		return "", false, false
	}
	var (
		buf     [phoneMaxDigits + 1]byte
		n       int
		opens   int
		closes  int
		slashes int
		prevSep bool
	)
	for i := 0; i < len(c); i++ {
		ch := c[i]
		switch {
		case isDigit(ch):
			if n == len(buf) {
				return "", false, false
			}
			buf[n] = ch
			n++
			prevSep = false
			continue
		case ch == '(':
			opens++
			if closes != opens-1 {
				return "", false, false
			}
		case ch == ')':
			closes++
			if closes != opens {
				return "", false, false
			}
		case ch == '/':
			slashes++
		case ch == '+':
			if i != 0 {
				return "", false, false
			}
			continue
		}
		// A space may follow a bracket and a bracket a space; two other
		// separators in a row do not occur in phone numbers.
		if prevSep && ch != '(' && c[i-1] != ')' {
			return "", false, false
		}
		prevSep = true
		grouped = true
	}
	if n < phoneMinDigits || n > phoneMaxDigits || opens != closes || opens > 1 || slashes > 1 {
		return "", false, false
	}
	if allSame(buf[:n]) {
		return "", false, false
	}
	return string(buf[:n]), grouped || c[0] == '+', true
}

func allSame(b []byte) bool {
	for _, c := range b[1:] {
		if c != b[0] {
			return false
		}
	}
	return true
}
