package pii

import (
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
	phoneCandidateExpr = `\+?[0-9(][0-9 ().\-/]*[0-9](?: ?(?:x|ext\.?|#) ?[0-9]{1,6})?`
)

// phoneRules is the compiled numbering-plan side of phone detection.
type phoneRules struct {
	plans *plans
	// home is the joint plan of the default region's country code: a
	// number written without a country code may belong to any region of
	// it (all of North America shares +1).
	home *plan
	// trunk lists the plans that write national numbers with a leading
	// zero, the regions people write to most often first.
	trunk []*plan
}

func validRegion(code string) bool {
	return phonenumbers.GetSupportedRegions()[code]
}

func newPhoneRules(region string) *phoneRules {
	ps := newPlans()
	p := &phoneRules{plans: ps}
	if h := ps.byRegion[region]; h != nil {
		p.home = ps.joint[h.code]
		p.home.compile() // the plan nearly every scan uses, built up front
	}
	var regions []string
	for r, q := range ps.byRegion {
		if q.prefix == "0" {
			regions = append(regions, r)
		}
	}
	slices.Sort(regions)
	for _, r := range []string{"IT", "ES", "NL", "AU", "BE", "CH", "AT", "FR", "DE", "GB", region} {
		if j := slices.Index(regions, r); j >= 0 {
			regions = slices.Insert(slices.Delete(regions, j, j+1), 0, r)
		}
	}
	for _, r := range regions {
		p.trunk = append(p.trunk, ps.byRegion[r])
	}
	return p
}

// phone finds phone numbers in the chunk c.
func (s *scan) phone(r *compiled, c *chunk) {
	if c.run < 2 && c.digits < phoneMinDigits {
		return
	}
	p := &r.pats[0]
	t := s.v.text
	next := c.start
	for _, pos := range s.starts(c) {
		if b := t[pos]; pos < next || p.first[b>>6]&(1<<(b&63)) == 0 {
			continue
		}
		mainEnd, end := phoneCandidate(t, pos, c.end)
		if end < 0 {
			continue
		}
		start := pos
		next = end
		if glued(t, start, end) {
			continue
		}
		score, ok := s.d.phones.score(t[start:mainEnd])
		if ok && score <= phoneTrunkValid && streetAfter(t, end) {
			// "6556 106 Rue ..." is a house number, not a phone.
			ok = false
		}
		if ok {
			s.add(r, start, end, score)
		}
	}
}

// phoneCandidate returns the end of the phone-number candidate that starts
// at t[pos:end], or -1. It accepts what phoneCandidateExpr describes, in
// one pass: an optional "+", a digit or "(", digits and separators, a last
// digit, and an optional extension ("x123", "ext. 123", "#123").
func phoneCandidate(t string, pos, end int) (mainEnd, candEnd int) {
	mainEnd = phoneMain(t, pos, end)
	if mainEnd < 0 {
		return -1, -1
	}
	return mainEnd, phoneExtension(t, mainEnd, end)
}

// phoneMain returns the end of the number part of a candidate, or -1.
func phoneMain(t string, pos, end int) int {
	i := pos
	if t[i] == '+' {
		i++
	}
	if i >= end || !isDigit(t[i]) && t[i] != '(' {
		return -1
	}
	j := i + 1
	for j < end && (isDigit(t[j]) || strings.IndexByte(" ().-/", t[j]) >= 0) {
		j++
	}
	for j > i+1 && !isDigit(t[j-1]) {
		j--
	}
	if !isDigit(t[j-1]) || j-1 == i {
		return -1
	}
	return j
}

// phoneExtension returns the end of an extension that follows the number
// ending at j, or j when there is none.
func phoneExtension(t string, j, end int) int {
	k := j
	if k < end && t[k] == ' ' {
		k++
	}
	switch {
	case k < end && t[k] == 'x', k < end && t[k] == '#':
		k++
	case k+3 <= end && t[k:k+3] == "ext":
		k += 3
		if k < end && t[k] == '.' {
			k++
		}
	default:
		return j
	}
	if k < end && t[k] == ' ' {
		k++
	}
	d := k
	for d < end && d-k < phoneMaxExtDigits && isDigit(t[d]) {
		d++
	}
	if d == k {
		return j
	}
	return d
}

// score rates one candidate, or reports that it cannot be a phone number.
func (p *phoneRules) score(c string) (float64, bool) {
	main := c
	digits, grouped, ok := phoneShape(main)
	if !ok {
		return 0, false
	}
	intl := strings.HasPrefix(main, "+")
	if !intl && (strings.HasPrefix(digits, "00") || strings.HasPrefix(digits, "011")) {
		intl = true
		if strings.HasPrefix(digits, "011") {
			digits = digits[3:]
		} else {
			digits = digits[2:]
		}
	}
	if intl {
		switch valid, possible := p.plans.international(digits); {
		case valid:
			return phoneIntlValid, true
		case possible:
			return phoneIntlPossible, true
		}
		return phoneShapeBare, true
	}
	if p.home != nil && p.home.national(digits) {
		if grouped {
			return phoneRegionValid, true
		}
		return phoneRegionBare, true
	}
	if digits[0] == '0' && len(digits) >= 9 {
		for _, q := range p.trunk {
			if q.national(digits) {
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
	if dateOrQuad(c) {
		return "", false, false
	}
	var (
		buf     [phoneMaxDigits + 1]byte
		n       int
		opens   int
		closes  int
		slashes int
		groups  int
		prevSep bool
		run     int // digits in the current group
		longest int // digits in the longest group
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
			run++
			longest = max(longest, run)
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
		run = 0
		// A space may follow a bracket and a bracket a space; two other
		// separators in a row do not occur in phone numbers.
		if prevSep && ch != '(' && c[i-1] != ')' {
			return "", false, false
		}
		prevSep = true
		grouped = true
		groups++
	}
	if n < phoneMinDigits || n > phoneMaxDigits || opens != closes || opens > 1 || slashes > 1 {
		return "", false, false
	}
	// Phone numbers do not end in a group of one digit ("2123 45670 1"
	// is another kind of number), and a national number written in groups
	// has no group of nine digits or more ("0-4294967295" is a range).
	if len(c) >= 2 && !isDigit(c[len(c)-2]) || c[0] != '+' && groups > 0 && longest > 8 {
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

// dateOrQuad reports whether c is shaped like a date ("2021-05-21",
// "21.5.2021", optionally followed by an hour) or a dotted quad
// ("10.20.30.40"), which are digits with separators but no phone numbers.
func dateOrQuad(c string) bool {
	var (
		runs [5]int
		seps [4]byte
		n    int
	)
	for i := 0; i < len(c); {
		if n == len(runs) {
			return false
		}
		j := i
		for j < len(c) && isDigit(c[j]) {
			j++
		}
		if j == i {
			return false
		}
		runs[n] = j - i
		n++
		if j == len(c) {
			break
		}
		if n > len(seps) {
			return false
		}
		seps[n-1] = c[j]
		i = j + 1
	}
	quad := n == 4
	for k := 0; k < n; k++ {
		quad = quad && runs[k] <= 3 && (k == 3 || seps[k] == '.')
	}
	if quad {
		return true
	}
	// A range of years: "2000-2001".
	if n == 2 && runs[0] == 4 && runs[1] == 4 && seps[0] == '-' && (c[0] == '1' || c[0] == '2') &&
		(c[5] == '1' || c[5] == '2') {
		return true
	}
	if n < 3 || n > 4 || runs[0] > 4 || runs[1] > 2 || runs[2] > 4 {
		return false
	}
	for k := 0; k < 2; k++ {
		if seps[k] != '.' && seps[k] != '/' && seps[k] != '-' {
			return false
		}
	}
	return n == 3 || seps[2] == ' ' && runs[3] <= 2
}

// streetWords follow a house number; a digit run that no numbering plan
// accepts and that one of them follows is part of an address.
var streetWords = [][]string{
	{"st"}, {"street"}, {"rd"}, {"road"}, {"ave"}, {"avenue"}, {"blvd"}, {"boulevard"},
	{"rue"}, {"via"}, {"strasse"}, {"straße"}, {"lane"}, {"ln"}, {"dr"}, {"drive"},
	{"way"}, {"ct"}, {"court"}, {"pl"}, {"place"}, {"sq"}, {"square"}, {"apt"},
	{"suite"}, {"hwy"}, {"highway"}, {"main"}, {"calle"}, {"avenida"}, {"plaza"},
}

// streetAfter reports whether a street word is among the two words after e.
func streetAfter(t string, e int) bool {
	var buf [2]span
	return anyPhrase(t, wordsForward(t, e, 24, buf[:]), streetWords)
}
