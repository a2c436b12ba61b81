package ner

import "strings"

// address looks for a street address, post-office box or military
// address starting at token i. Every shape is anchored on a number or on
// a street, box or unit word, so most tokens are turned down after a flag
// test. Each attempt looks at a bounded number of tokens, which keeps the
// whole scan linear.
func (f *finder) address(i int) (int, cand, bool) {
	t := &f.toks[i]
	var end int
	var ev float64
	switch {
	case t.kind == kNum || f.houseNumber(i):
		end, ev = f.numberFirst(i)
	case t.kind != kWord:
		return i, cand{}, false
	case t.lx&lexStreetPre != 0:
		end, ev = f.streetFirst(i)
	case t.lx&lexZipCue != 0:
		end, ev = f.zipAfterCue(i)
		if end > i {
			return end, cand{a: f.zipStart, b: end, typ: TypeAddress, score: ev}, true
		}
	case t.lx&lexBox != 0:
		end, ev = f.boxOrUnit(i)
	case (t.capitalised() || t.shape == shLower) && f.numberNear(i):
		end, ev = f.wordFirst(i)
	}
	if end <= i {
		return i, cand{}, false
	}
	if t.lx&lexBox != 0 {
		// "Flat 3, 25 High Street": a unit written before the street.
		k := end
		if k < len(f.toks) && f.toks[k].punct == ',' {
			k++
		}
		if k < len(f.toks) && !f.toks[k].nl && (f.toks[k].kind == kNum || f.houseNumber(k)) {
			if end2, ev2 := f.numberFirst(k); end2 > k {
				end, ev = end2, max(ev, ev2)
			}
		}
	}
	if end2 := f.continuation(end); end2 > end {
		end = end2
		ev += 1.0
	}
	return end, cand{a: i, b: end, typ: TypeAddress, score: ev}, true
}

// zipAfterCue matches "zip code is 94105", "ZIP: 3520", "postcode SW1A
// 1AA" at the cue word i. The entity is the code alone; its first token
// is left in f.zipStart.
func (f *finder) zipAfterCue(i int) (int, float64) {
	k := i + 1
	for n := 0; n < 3 && k < len(f.toks) && !f.toks[k].nl; n++ {
		t := &f.toks[k]
		if t.punct == ':' || t.punct == '-' || eq(f.word(k), "code", "is", "number", "no") {
			k++
			continue
		}
		break
	}
	if k >= len(f.toks) || f.toks[k].nl {
		return i, 0
	}
	if d := f.digits(k); d >= 3 && d <= 6 || d == 0 {
		if end := f.postcode(k); end > k || d == 3 {
			f.zipStart = k
			return max(end, k+1), 2.6
		}
	}
	return i, 0
}

// numberNear reports a number within the next five tokens, which every
// street written name-first ends with. It keeps the index of the next
// number token, so that the test costs nothing for most words.
func (f *finder) numberNear(i int) bool {
	if f.nextNum < i {
		f.nextNum = i
		for f.nextNum < len(f.toks) && f.toks[f.nextNum].kind != kNum && !f.toks[f.nextNum].digit {
			f.nextNum++
		}
	}
	return f.nextNum-i <= 5
}

// houseNumber: digits with at most one trailing letter, "221B", "12a".
func (f *finder) houseNumber(k int) bool {
	if k >= len(f.toks) {
		return false
	}
	t := &f.toks[k]
	if t.kind == kNum {
		return t.end-t.start <= 6
	}
	if t.kind != kWord || t.end-t.start > 6 {
		return false
	}
	s := f.text[t.start:t.end]
	last := s[len(s)-1]
	if !(last >= 'a' && last <= 'z' || last >= 'A' && last <= 'Z') {
		return false
	}
	for i := 0; i < len(s)-1; i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return len(s) >= 2
}

func (f *finder) digits(k int) int {
	if k < 0 || k >= len(f.toks) || f.toks[k].kind != kNum {
		return 0
	}
	return int(f.toks[k].end - f.toks[k].start)
}

// streetNameToken: a token that can be part of a street's name.
func (f *finder) streetNameToken(k int, lowerOK bool) bool {
	if k >= len(f.toks) {
		return false
	}
	t := &f.toks[k]
	if t.nl {
		return false
	}
	switch t.kind {
	case kNum:
		return false
	case kPunct:
		return t.punct == '.' && k > 0 && f.toks[k-1].kind == kWord && f.toks[k-1].end == t.start
	case kWord:
	default:
		return false
	}
	if t.lx&(lexUnit|lexDate) != 0 || t.digit && !ordinal(f.text[t.start:t.end]) {
		return false
	}
	if t.capitalised() || t.shape == shNone {
		return t.lx&lexStop == 0 || t.lx&lexParticle != 0
	}
	if t.lx&(lexParticle|lexStreetWord) != 0 {
		return true // "de la" in "rue de la Paix", "gate" in "Trenerys gate"
	}
	return lowerOK && t.lx&lexStop == 0 && t.shape == shLower
}

// ordinal: "1st", "22nd", "10th".
func ordinal(s string) bool {
	n := len(s)
	if n < 3 || !isDigit(s[0]) {
		return false
	}
	suf := strings.ToLower(s[n-2:])
	for i := 0; i < n-2; i++ {
		if !isDigit(s[i]) {
			return false
		}
	}
	return suf == "st" || suf == "nd" || suf == "rd" || suf == "th"
}

// numberFirst: "1600 Pennsylvania Avenue NW", "12 rue de la Paix",
// "20789 Allika 46" (a number, a name, a house number).
func (f *finder) numberFirst(i int) (int, float64) {
	j := i + 1
	if j < len(f.toks) && f.digits(j) > 0 && f.digits(j) <= 5 && !f.toks[j].nl {
		j++ // a second number: building and house, or Presidio's doubled numbers
	}
	if j < len(f.toks) && f.toks[j].punct == ',' {
		j++
	}
	if j < len(f.toks) && f.toks[j].lx&lexStreetPre != 0 && !f.toks[j].nl {
		if end := f.streetNameRun(f.skipDot(j+1), true); end > j+1 {
			return f.trailingNumber(end), 2.8
		}
	}
	// English order: name words, then the street type.
	// After "my address is", a street in lower case is let through too.
	cue := f.addressCue(i)
	lastSuffix := -1
	k := j
	for k < len(f.toks) && k-j < 7 && f.streetNameToken(k, cue) {
		if f.toks[k].lx&(lexStreet|lexStreetWord) != 0 && k > j &&
			(f.toks[k].capitalised() || cue || f.toks[k].lx&lexStreetWord != 0) {
			lastSuffix = k
		}
		k++
	}
	if lastSuffix > 0 {
		end := lastSuffix + 1
		if end < len(f.toks) && f.toks[end].punct == '.' && f.toks[end].start == f.toks[lastSuffix].end {
			end++
		}
		if end < len(f.toks) && isDirection(f.word(end)) {
			end++
		}
		return end, 3.0
	}
	// Number, name, number: "6750 Koskikatu 25", "077 Příční 1429 St.".
	if k > j && f.houseNumber(k) && !f.toks[k].nl {
		end := f.skipDot(k + 1)
		if f.suffixAt(end) {
			return f.skipDot(end + 1), 2.6
		}
		if f.streetEnding(k-1) || f.continuation(end) > end || cue ||
			f.digits(i) >= 3 && k-j <= 3 && !f.allPlain(j, k) {
			return end, 2.5
		}
	}
	if cue && k > j && f.toks[k-1].kind == kWord {
		return k, 2.2
	}
	return i, 0
}

// streetNameRun returns the end of the name after a street type that
// precedes it ("rue de la Paix", "Via Roma"), or start when there is none.
func (f *finder) streetNameRun(start int, lowerOK bool) int {
	k := start
	for k < len(f.toks) && k-start < 6 && f.streetNameToken(k, lowerOK) {
		t := &f.toks[k]
		if lowerOK && k > start && t.shape == shLower && t.lx&(lexParticle|lexStreet) == 0 &&
			f.toks[k-1].lx&lexParticle == 0 {
			break // "rue de pologne" goes on after a particle; "rue X à midi" stops
		}
		k++
	}
	for k > start && (f.toks[k-1].kind != kWord || f.toks[k-1].lx&lexParticle != 0) {
		k--
	}
	// Drop trailing plain words in lower case: "Rua Mina 50 street".
	return k
}

// trailingNumber extends a street name over a house number that follows.
func (f *finder) trailingNumber(k int) int {
	if k < len(f.toks) && f.houseNumber(k) && !f.toks[k].nl {
		return f.skipDot(k + 1)
	}
	return k
}

// streetFirst: "Via Roma 1", "ul. Północna 73", "Avenida Pedro Ulisses 888".
func (f *finder) streetFirst(i int) (int, float64) {
	j := f.skipDot(i + 1)
	end := f.streetNameRun(j, true)
	if end <= j {
		return i, 0
	}
	if !f.houseNumber(end) || f.toks[end].nl {
		return i, 0
	}
	return f.skipDot(end + 1), 2.8
}

// wordFirst: "Hauptstraße 5", "Søndergade 52", "Erzsébet tér 19.", and,
// after "lives on" or "address is", any name with a house number.
func (f *finder) wordFirst(i int) (int, float64) {
	k := i
	for k < len(f.toks) && k-i < 4 && f.streetNameToken(k, false) && f.toks[k].kind == kWord {
		if f.houseNumber(k+1) && !f.toks[k+1].nl {
			if k > i && f.toks[i].plainWord() {
				return i, 0 // "Visit Hauptstraße 5" starts at the street
			}
			end := f.skipDot(k + 2)
			if f.suffixAt(end) && !f.allPlain(i, k+1) {
				return f.skipDot(end + 1), 2.6 // "Nieuwe Baan 473 St.", not "Chapter 5 Street"
			}
			switch {
			case f.streetEnding(k) || f.toks[k].lx&(lexStreet|lexStreetWord) != 0 && k > i:
				return end, 2.8
			case f.addressCue(i):
				return end, 2.4
			case f.continuation(end) > end+2 && f.toks[i].lx&lexDate == 0:
				// "Allika 46, Suite 501": a bare postcode after it is
				// not enough, or "December 28, 2014" would be a street.
				return end, 2.2
			}
			return i, 0
		}
		k++
	}
	return i, 0
}

// streetEnding reports a one-word street name by its ending.
func (f *finder) streetEnding(k int) bool {
	t := &f.toks[k]
	if t.kind != kWord || !t.capitalised() && t.lx&lexStreetPre == 0 {
		return false
	}
	w := strings.ToLower(f.text[t.start:t.end])
	if t.lx&lexStreetPre != 0 {
		return true // "Erzsébet tér 19", "Hegyalja út 98"
	}
	for _, e := range streetEndings {
		if len(w) >= len(e)+3 && strings.HasSuffix(w, e) {
			return true
		}
	}
	return false
}

// boxOrUnit: "Apt. 322", "P.O. Box 211", "PSC 6477, Box 2981 APO AE
// 83700", "Unit 8505 Box 9220 DPO AE 90744", "USNS Bergman FPO AP 93757".
func (f *finder) boxOrUnit(i int) (int, float64) {
	w := f.word(i)
	switch {
	case eq(w, "usns", "uss", "usnv", "uscgc"):
		k := i + 1
		for k < len(f.toks) && k-i < 4 && f.toks[k].kind == kWord && !f.toks[k].nl &&
			!isMilitaryPost(f.word(k)) {
			k++
		}
		if end := f.militaryPost(k); end > k && k > i+1 {
			return end, 3.0
		}
	case eq(w, "psc", "unit"):
		k := i + 1
		if f.digits(k) == 0 {
			break
		}
		k++
		if k < len(f.toks) && f.toks[k].punct == ',' {
			k++
		}
		if eq(f.word(k), "box") && f.digits(k+1) > 0 {
			k += 2
			if end := f.militaryPost(k); end > k {
				return end, 3.0
			}
			if eq(w, "psc") {
				return k, 2.5
			}
		}
	}
	if k, ok := f.poBox(i); ok {
		return k, 2.6
	}
	if eq(w, "apt", "apartment", "suite", "ste", "flat") {
		k := f.skipDot(i + 1)
		if k < len(f.toks) && f.toks[k].punct == '#' {
			k++
		}
		if f.houseNumber(k) && !f.toks[k].nl {
			return k + 1, 2.0
		}
	}
	return i, 0
}

// suffixAt reports a street type at k on the same line: "St", "Street".
func (f *finder) suffixAt(k int) bool {
	return k < len(f.toks) && !f.toks[k].nl && f.toks[k].kind == kWord &&
		f.toks[k].lx&(lexStreet|lexStreetWord) != 0
}

func isMilitaryPost(w string) bool { return eq(w, "apo", "fpo", "dpo") }

// militaryPost matches "APO AE 09012" at k, possibly on the next line.
func (f *finder) militaryPost(k int) int {
	if k < len(f.toks) && f.toks[k].punct == ',' {
		k++
	}
	if !isMilitaryPost(f.word(k)) || !eq(f.word(k+1), "aa", "ae", "ap") || f.digits(k+2) != 5 {
		return 0
	}
	return k + 3
}

// poBox matches "P.O. Box 12", "PO Box 12", "POB 12", "Postbox 12".
func (f *finder) poBox(i int) (int, bool) {
	k := i
	switch w := f.word(i); {
	case eq(w, "p"):
		// P.O. or P. O.
		if k+3 < len(f.toks) && f.toks[k+1].punct == '.' && eq(f.word(k+2), "o") {
			k += 3
			if k < len(f.toks) && f.toks[k].punct == '.' {
				k++
			}
		} else {
			return i, false
		}
		if !eq(f.word(k), "box") {
			return i, false
		}
		k++
	case eq(w, "po"):
		k++
		if k < len(f.toks) && f.toks[k].punct == '.' {
			k++
		}
		if !eq(f.word(k), "box") {
			return i, false
		}
		k++
	case eq(w, "pob", "postbox", "box"):
		if eq(w, "box") && !f.addressCue(i) {
			return i, false
		}
		k++
	default:
		return i, false
	}
	if f.digits(k) == 0 {
		return i, false
	}
	return k + 1, true
}

func isDirection(w string) bool {
	return eq(w, "n", "s", "e", "w", "ne", "nw", "se", "sw", "north", "south", "east", "west")
}

// addressCue reports words just before token i that announce an address:
// "lives on", "address is", "located at".
func (f *finder) addressCue(i int) bool {
	w1, w2 := f.word(i-1), f.word(i-2)
	switch {
	case eq(w1, "on", "at", "in") && eq(w2, "lives", "live", "living", "located", "situated",
		"based", "stop", "meet", "is", "are", "office", "shop", "store", "house", "home", "enter"):
		return true
	case eq(w1, "is", "was") && eq(w2, "address", "addresses"):
		return true
	case eq(w1, "address", "addr", "adresse", "anschrift", "dirección", "endereço", "indirizzo"):
		return true
	case eq(w1, "of") && eq(w2, "corner", "intersection", "junction"):
		return true
	case eq(w1, "and", "&") && f.last == i-1 && f.lastType == TypeAddress:
		return true // the second street of a corner
	case f.prevPunct(i, ':') && eq(f.word(i-2), "address", "addr", "adresse", "anschrift"):
		return true
	}
	return false
}

// continuation extends an address over what follows a street: a unit,
// the town, the state or province, the postcode and the country, on the
// same line after commas or on the next lines. It returns k when nothing
// follows.
func (f *finder) continuation(k int) int {
	end := k
	for seg := 0; seg < 6; seg++ {
		j := end
		sep := false
		for j < len(f.toks) && f.toks[j].punct == ',' {
			j++
			sep = true
		}
		if j < len(f.toks) && f.toks[j].nl {
			// Lines may start with quote marks or bullets: "> ", "* ".
			nl := j
			for j < len(f.toks) && j-nl < 4 && isLineMark(f.toks[j].punct) {
				j++
			}
			if j < len(f.toks) && j > nl && f.toks[j].nl {
				break
			}
			sep = true
		}
		if j >= len(f.toks) {
			break
		}
		if next := f.segment(j, sep); next > j {
			end = next
			continue
		}
		break
	}
	return end
}

// segment matches one part of an address's tail at j.
func (f *finder) segment(j int, sep bool) int {
	t := &f.toks[j]
	w := f.word(j)
	switch {
	case t.lx&lexUnit != 0 && eq(w, "apt", "apartment", "suite", "ste", "unit", "flat", "fl",
		"floor", "room", "rm", "bldg", "building", "box"):
		k := f.skipDot(j + 1)
		if k < len(f.toks) && f.toks[k].punct == '#' {
			k++
		}
		if f.houseNumber(k) || f.digits(k) > 0 {
			return k + 1
		}
	case t.punct == '#' && f.digits(j+1) > 0:
		return j + 2
	case f.postcode(j) > j:
		return f.townAfter(f.postcode(j))
	case isMilitaryPost(w):
		return max(f.militaryPost(j), j)
	}
	if t.kind != kWord {
		return j
	}
	if t.shape == shUpper && t.end-t.start <= 3 && t.lx&lexAbbr != 0 {
		// State or province: "CA 94105", "ON".
		k := j + 1
		if p := f.postcode(k); p > k {
			return p
		}
		if sep {
			return k
		}
		return j
	}
	if pl := f.placeRun(j); pl > j {
		if p := f.postcode(pl); p > pl {
			return p
		}
		if sep {
			return pl
		}
	}
	if !sep {
		return j
	}
	// An unknown town: a few words up to the end of the line or a comma,
	// starting with a capital, followed by a postcode, or by a state,
	// postcode or country after a comma or on the next line.
	if !t.capitalised() || t.lx&lexUnit != 0 {
		return j
	}
	k := j + 1
	for k < len(f.toks) && k-j < 6 && !f.toks[k].nl && f.toks[k].punct != ',' &&
		f.digits(k) == 0 && f.toks[k].kind != kSkip {
		k++
	}
	if p := f.postcode(k); p > k && !f.toks[k].nl {
		return p
	}
	if f.toks[k-1].kind != kWord && f.toks[k-1].punct != ')' {
		return j
	}
	n := k
	for n < len(f.toks) && (f.toks[n].punct == ',' || isLineMark(f.toks[n].punct) && f.toks[n].nl) {
		n++
	}
	if n < len(f.toks) && (n > k || f.toks[n].nl) {
		nt := &f.toks[n]
		if nt.shape == shUpper && nt.lx&lexAbbr != 0 || f.postcode(n) > n ||
			nt.lx&(lexCountry|lexRegion) != 0 || f.phraseAt(n, len(f.toks)) > 0 ||
			f.placeRun(n) > n && f.postcode(f.placeRun(n)) > f.placeRun(n) ||
			nt.capitalised() && nt.kind == kWord && f.postcode(n+1) > n+1 {
			return k
		}
	}
	return j
}

func isLineMark(c byte) bool {
	switch c {
	case '>', '*', '-', '?', '|':
		return true
	}
	return false
}

// townAfter extends a postcode over the town written after it on the
// same line: "10115 Berlin", "75008 Paris".
func (f *finder) townAfter(k int) int {
	j := k
	for j < len(f.toks) && j-k < 3 && !f.toks[j].nl && f.toks[j].kind == kWord &&
		f.toks[j].capitalised() && f.toks[j].lx&(lexStop|lexUnit) == 0 && !f.toks[j].digit {
		j++
	}
	return j
}

// placeRun returns the end of a known place at j: a phrase or one token.
func (f *finder) placeRun(j int) int {
	if pl := f.phraseAt(j, len(f.toks)); pl > 0 {
		return j + pl
	}
	if f.toks[j].lx&lexPlace != 0 && f.toks[j].capitalised() {
		return j + 1
	}
	return j
}

// postcode matches a postal code at k: "94105", "94105-1234", "SW1A 1AA",
// "K1A 0B1", "1012 AB", "00-950".
func (f *finder) postcode(k int) int {
	if k >= len(f.toks) {
		return k
	}
	t := &f.toks[k]
	d := f.digits(k)
	switch {
	case d >= 4 && d <= 6:
		if k+2 < len(f.toks) && f.toks[k+1].punct == '-' && f.toks[k+1].start == t.end &&
			f.digits(k+2) >= 3 && f.digits(k+2) <= 4 {
			return k + 3
		}
		if k+1 < len(f.toks) && !f.toks[k+1].nl && f.toks[k+1].shape == shUpper &&
			f.toks[k+1].end-f.toks[k+1].start == 2 && f.toks[k+1].lx&lexAbbr == 0 &&
			f.toks[k+1].kind == kWord && d == 4 {
			return k + 2 // Dutch "1012 AB"
		}
		return k + 1
	case d == 2 || d == 3:
		if k+2 < len(f.toks) && f.toks[k+1].punct == '-' && f.digits(k+2) == 3 {
			return k + 3 // Polish "00-950"
		}
	case t.kind == kWord && t.shape == shUpper && ukOutward(f.text[t.start:t.end]):
		if k+1 < len(f.toks) && !f.toks[k+1].nl && ukInward(f.text[f.toks[k+1].start:f.toks[k+1].end]) {
			return k + 2
		}
	}
	return k
}

// ukOutward: "SW1A", "M1", "EC2V", and the Canadian "K1A".
func ukOutward(s string) bool {
	if len(s) < 2 || len(s) > 4 || !isAlpha(s[0]) {
		return false
	}
	digits := 0
	for i := 1; i < len(s); i++ {
		if isDigit(s[i]) {
			digits++
		}
	}
	return digits >= 1
}

// ukInward: "1AA", and the Canadian "0B1".
func ukInward(s string) bool {
	return len(s) == 3 && isDigit(s[0]) && isAlpha(s[1]) && (isAlpha(s[2]) || isDigit(s[2]))
}

func isAlpha(c byte) bool { return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' }
func isDigit(c byte) bool { return c >= '0' && c <= '9' }
