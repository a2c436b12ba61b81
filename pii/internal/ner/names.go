package ner

import "strings"

// name looks for a person or place name starting at token i. It returns
// the token index to continue from (past any chunk it looked at, so each
// token is scored once) and the candidate when it is good enough.
func (f *finder) name(i int) (int, cand, bool) {
	t := &f.toks[i]
	if t.kind != kWord {
		return i + 1, cand{}, false
	}
	a, title, rank := i, false, false
	if f.isTitle(i) {
		if j := f.skipDot(i + 1); j < len(f.toks) && f.startsName(j, true) {
			a, title = j, true
			rank = f.toks[i].lx&lexTitle == 0
		}
	}
	b := f.chunk(a, title)
	if pl := f.phraseAt(a, len(f.toks)); pl > 0 && a+pl > b {
		b = a + pl
	}
	if b <= a {
		return i + 1, cand{}, false
	}
	a2, b2 := f.trim(a, b)
	if title && !rank && a2 > a && f.toks[a].capitalised() {
		a2 = a // "Mr. Spears": after an honorific, a capitalised word is a name
	}
	if a2 < b {
		// Trimming must not cut a place in two: "the United Kingdom".
		if pl := f.phraseAt(a2, b); pl > 0 && a2+pl > b2 {
			b2 = a2 + pl
		}
	}
	if b2 <= a2 {
		return i + 1, cand{}, false
	}
	if a2 > a {
		title = false
	}
	ev := 0.0
	switch {
	case !title || a2 != a:
	case !rank && (f.toks[a].capitalised() || !f.allPlain(a2, b2)):
		ev = 3 // "Mr. Green", "Dr. Okonkwo", "mr. elliott"
	case rank && f.hasNonWord(a2, b2):
		ev = 1.5 // "Uncle Bob"; but not "the Princess Royal"
	}
	c := f.score(a2, b2, ev)
	if c.score < threshold {
		// Rejected: a shorter name may still start at the next token,
		// as "Estonia" does in "In Estonia".
		return i + 1, cand{}, false
	}
	return b2, c, true
}

// maxNameToken is the longest word, in bytes, taken as part of a name.
const maxNameToken = 40

// startsName reports whether token j can begin a name. afterCue relaxes
// the rules for lower-case text after a strong cue such as a title.
func (f *finder) startsName(j int, afterCue bool) bool {
	t := &f.toks[j]
	if t.kind != kWord || t.shape == shMixed || t.hash || t.end-t.start > maxNameToken {
		return false
	}
	if t.capitalised() && !t.caseless {
		if t.shape == shUpper && !t.sent && t.end-t.start <= 3 &&
			t.lx&(lexAbbr|lexCountry|lexCityAbbr) != 0 {
			return true // "OR" in "Portland, OR", "US"
		}
		if t.lx&lexStop != 0 && (t.lx&lexPhrase == 0 || f.phraseAt(j, len(f.toks)) == 0) {
			return false
		}
		return t.end-t.start >= 2 && !t.digit
	}
	if f.weakNameToken(t) || afterCue && f.unknownToken(t) {
		return true
	}
	// On a line in capitals, "JOHN SMITH" is a name though both are words.
	return t.caseless && f.namePair(j)
}

// namePair reports a given name at j followed by a family name.
func (f *finder) namePair(j int) bool {
	if j+1 >= len(f.toks) || f.toks[j+1].nl {
		return false
	}
	t, u := &f.toks[j], &f.toks[j+1]
	return t.kind == kWord && u.kind == kWord && t.lx&lexFirst != 0 && u.lx&lexLast != 0 &&
		t.lx&(lexStop|lexDate|lexNotName) == 0 && u.lx&(lexStop|lexDate|lexNotName) == 0
}

// weakNameToken: a token in lower case or on a caseless line that can
// still be part of a name because a gazetteer knows it and it is no
// ordinary word.
func (f *finder) weakNameToken(t *token) bool {
	if t.kind != kWord || t.end-t.start < 3 {
		return false
	}
	if t.lx&(lexStop|lexNotName|lexDate|lexNRP|lexTitle|lexRank) != 0 {
		return false
	}
	if t.lx&lexWord != 0 {
		return false
	}
	return t.lx&(lexFirst|lexLast|lexPlace) != 0
}

// unknownToken: a word on no list at all, the shape of most rare
// surnames and small places.
func (f *finder) unknownToken(t *token) bool {
	return t.kind == kWord && t.lx == 0 && t.shape != shMixed && t.end-t.start >= 2
}

// chunk returns the end of the run of name-like tokens starting at a.
func (f *finder) chunk(a int, afterCue bool) int {
	if a >= len(f.toks) {
		return a
	}
	if !f.startsName(a, afterCue) &&
		!(f.unknownToken(&f.toks[a]) && f.strongNameCue(a) && f.startsName(a, true)) {
		return a
	}
	b := a + 1
	if f.toks[a].hash {
		return b // a hashtag stands alone
	}
	strong := f.toks[a].capitalised() && !f.toks[a].caseless
	hasFirst := f.toks[a].lx&lexFirst != 0
	for b < len(f.toks) && b-a < 6 {
		t := &f.toks[b]
		if t.nl || t.hash || t.digit || t.end-t.start > maxNameToken {
			break
		}
		switch {
		case t.kind == kWord && t.shape != shMixed && strong && t.capitalised() && !t.caseless:
			initial := f.isInitial(b) && b+1 < len(f.toks) && f.toks[b+1].punct == '.'
			if t.lx&(lexStop|lexStreetPre|lexUnit) != 0 && !initial && f.phraseAt(b, len(f.toks)) == 0 {
				return b // "I" is a pronoun, unless an initial: "Tom I. Holzman"
			}
			if t.lx&(lexTitle|lexRank) != 0 && b+1 < len(f.toks) && f.toks[b+1].capitalised() {
				return b
			}
		case t.kind == kWord && !strong && f.weakNameToken(t):
		case t.kind == kWord && !strong && t.caseless && f.namePair(b-1):
		case t.kind == kWord && !strong && hasFirst && f.unknownToken(t) && !t.capitalised():
			// "olga krylova": an unknown word after a given name is
			// likely the family name.
		case t.kind == kWord && t.lx&lexParticle != 0 && t.shape == shLower:
			// "van de Noort": particles join when a name follows them.
			next := b + 1
			for next < len(f.toks) && next-b < 3 && f.toks[next].lx&lexParticle != 0 &&
				f.toks[next].shape == shLower {
				next++
			}
			if next >= len(f.toks) || !f.sameChunk(a, next, strong) {
				return b
			}
		case t.punct == '.' && f.isInitial(b-1) && b+1 < len(f.toks) && f.sameChunk(a, b+1, strong):
			// the full stop of an initial: "Tom I. Holzman"
		default:
			return b
		}
		hasFirst = hasFirst || t.lx&lexFirst != 0
		b++
	}
	// Do not end on the full stop of an initial or on a particle.
	for b > a+1 && (f.toks[b-1].kind == kPunct || f.toks[b-1].lx&lexParticle != 0 &&
		f.toks[b-1].shape == shLower) {
		b--
	}
	return b
}

func (f *finder) sameChunk(a, j int, strong bool) bool {
	t := &f.toks[j]
	if t.nl || t.kind != kWord {
		return false
	}
	if strong {
		return t.capitalised() && t.lx&lexStop == 0
	}
	return f.weakNameToken(t)
}

func (f *finder) isInitial(k int) bool {
	t := &f.toks[k]
	return t.kind == kWord && t.shape == shUpper && t.end-t.start == 1
}

func (f *finder) isTitle(i int) bool {
	t := &f.toks[i]
	return t.kind == kWord && (t.lx&lexTitle != 0 && (t.capitalised() || t.end-t.start <= 3) ||
		t.lx&lexRank != 0 && t.capitalised())
}

func (f *finder) skipDot(j int) int {
	if j < len(f.toks) && f.toks[j].punct == '.' {
		return j + 1
	}
	return j
}

// trim drops ordinary words at the edges of a chunk: "Producer" in
// "Producer Jane Doe", "Weekly" in "Entertainment Weekly".
func (f *finder) trim(a, b int) (int, int) {
	for a < b && f.edgeJunk(a) {
		a++
	}
	if b-a >= 3 && f.toks[a].sent && f.toks[a].lx&(lexFirst|lexLast|lexPlace) == 0 &&
		f.toks[a+1].lx&lexFirst != 0 {
		a++ // "Dzwonił Krzysztof Nowak": a verb or adverb opened the sentence
	}
	for b > a && (f.edgeJunk(b-1) || f.toks[b-1].kind != kWord) {
		if b-a == 2 && f.surnameWord(a, b-1) {
			break
		}
		b--
	}
	return a, b
}

// surnameWord: the ordinary word at k, capitalised right after a given
// name, is most likely a family name: "Jane Doe", "Anna Bell".
func (f *finder) surnameWord(a, k int) bool {
	t := &f.toks[k]
	return k == a+1 && f.toks[a].lx&lexFirst != 0 && f.toks[a].lx&(lexWord|lexPlace) == 0 &&
		t.capitalised() && !t.caseless && t.lx&lexWord != 0 &&
		t.lx&(lexNRP|lexDate|lexNotName|lexTitle|lexRank|lexStop) == 0
}

// hasNonWord reports a token in [a, b) that is no English word.
func (f *finder) hasNonWord(a, b int) bool {
	for k := a; k < b; k++ {
		if f.toks[k].kind == kWord && f.toks[k].lx&lexWord == 0 {
			return true
		}
	}
	return false
}

// allPlain reports whether tokens [a, b) are all ordinary words.
func (f *finder) allPlain(a, b int) bool {
	for k := a; k < b; k++ {
		if f.toks[k].kind == kWord && !f.toks[k].plainWord() {
			return false
		}
	}
	return true
}

func (f *finder) edgeJunk(k int) bool {
	t := &f.toks[k]
	if t.kind != kWord {
		return true
	}
	if t.lx&lexPhrase != 0 && f.phraseAt(k, len(f.toks)) > 0 {
		return false
	}
	if t.lx&(lexNRP|lexDate|lexNotName|lexTitle|lexRank) != 0 && t.lx&lexPlace == 0 {
		return true
	}
	return t.plainWord()
}

// phraseAt returns the number of tokens of the longest multi-word place
// that starts at token a and ends before limit, or 0. The answer without
// a limit is kept on the token, since candidates ask it repeatedly.
func (f *finder) phraseAt(a, limit int) int {
	if a >= len(f.toks) || f.toks[a].lx&lexPhrase == 0 {
		return 0
	}
	t := &f.toks[a]
	if t.phrase > 0 {
		if n := int(t.phrase) - 1; a+n <= limit {
			return n
		}
	}
	n := f.longestPhrase(a, limit)
	if limit >= len(f.toks) {
		t.phrase = int8(n + 1)
	}
	return n
}

func (f *finder) longestPhrase(a, limit int) int {
	buf := f.s.phrase[:0]
	best, words := 0, 0
	for k := a; k < limit && k < len(f.toks) && words < f.lx.maxPhrase; k++ {
		t := &f.toks[k]
		if k > a && t.nl {
			break
		}
		if t.kind == kPunct && t.punct == '.' && k > a {
			continue // "St. Louis"
		}
		if t.kind != kWord || t.klen == 0 || k > a && t.lx&lexPhraseTail == 0 {
			break
		}
		if words > 0 {
			buf = append(buf, ' ')
		}
		buf = f.appendKey(buf, t)
		words++
		if words >= 2 && f.lx.get(buf)&lexPlace != 0 {
			best = k - a + 1
		}
	}
	f.s.phrase = buf
	return best
}

func (f *finder) appendKey(buf []byte, t *token) []byte {
	return append(buf, f.s.keys[t.koff:t.koff+int32(t.klen)]...)
}

// placeBits returns what the whole of tokens [a, b) is known as as a
// place: a single token's own bits, or a phrase's.
func (f *finder) placeBits(a, b int) lex {
	if b-a == 1 {
		return f.toks[a].lx & (lexPlace | lexAbbr)
	}
	if f.phraseAt(a, b) != b-a {
		return 0
	}
	buf := f.s.phrase[:0]
	for k := a; k < b; k++ {
		if f.toks[k].kind != kWord {
			continue
		}
		if len(buf) > 0 {
			buf = append(buf, ' ')
		}
		buf = f.appendKey(buf, &f.toks[k])
	}
	f.s.phrase = buf
	return f.lx.get(buf) & lexPlace
}

// score weighs the evidence that tokens [a, b) are a person's name and
// that they are a place, and returns the better reading.
func (f *finder) score(a, b int, titleEv float64) cand {
	title := titleEv > 0
	first, last := &f.toks[a], &f.toks[b-1]
	n := 0       // name tokens, not counting initials and particles
	unknown := 0 // tokens on no list
	words := 0   // ordinary words
	capital := false
	bad := false
	names := 0 // tokens on a name list
	upperUnknown := 0
	for k := a; k < b; k++ {
		t := &f.toks[k]
		if t.kind != kWord || f.isInitial(k) || t.lx&lexParticle != 0 && t.shape == shLower {
			continue
		}
		n++
		if t.lx == 0 {
			unknown++
			if t.shape == shUpper && !t.caseless {
				upperUnknown++
			}
		}
		if t.lx&lexWord != 0 {
			words++
		}
		if t.lx&(lexFirst|lexLast) != 0 {
			names++
		}
		if t.capital() {
			capital = true
		}
		switch {
		case t.lx&lexNRP != 0:
			bad = true
		case t.lx&lexDate != 0:
			// "Jan" and "June" are given names too, when a family name
			// follows: "Jan Jílek".
			bad = b-a == 1 || k != a || t.lx&lexFirst == 0
		case t.lx&lexNotName != 0 && t.lx&(lexFirst|lexLast|lexPlace) == 0:
			bad = true
		}
	}

	var p float64
	switch {
	case first.lx&lexFirst != 0 && first.lx&(lexWord|lexDate) == 0:
		p += 1.6
	case first.lx&lexFirst != 0 && first.capital():
		p += 1.2 // "Maria", "Will" in mid-sentence: the capital makes it a name
	case first.lx&lexFirst != 0 && first.caseless:
		p += 0.8
	case first.lx&lexFirst != 0:
		p += 0.4
	}
	if n >= 2 {
		switch {
		case last.lx&lexLast != 0 && last.lx&lexWord == 0:
			p += 1.4
		case last.lx&lexLast != 0:
			p += 0.7
		case last.lx&lexFirst != 0 && last.lx&lexWord == 0:
			p += 0.8
		case last.lx == 0 && last.capitalised(),
			last.lx&(lexCity|lexBigCity|lexFakerCity) != 0 && last.capital():
			p += 0.9 // an unknown family name, or one that is also a town: "Thornton"
		case last.lx == 0:
			p += 0.5
		}
		if n >= 3 && f.toks[a+1].lx&lexFirst != 0 && first.lx&lexFirst != 0 {
			p += 0.4 // two given names: "Billy Bob Thornton", "Mary Ann Smith"
		}
		if first.lx&lexFirst == 0 && first.lx&lexWord == 0 && first.capitalised() {
			p += 0.5 // an unknown or surname-like first token
		}
		if first.lx&lexFirst != 0 && last.lx&lexLast != 0 && ((first.lx|last.lx)&lexWord == 0 || first.caseless) {
			p += 0.8 // given and family name together say more than each
		} else if first.lx&lexFirst != 0 && last.lx&lexLast != 0 {
			p += 0.4 // less when both are words too: "Will Smith", "Lion King"
		}
	} else {
		switch {
		case last.lx&lexLast != 0 && last.lx&(lexWord|lexFirst) == 0:
			p += 1.2
		case last.lx == 0 && last.capitalised():
			p += 0.5
		}
	}
	if n > 3 {
		p -= float64(n-3) * 0.8
	}

	var l float64
	pb := f.placeBits(a, b)
	switch {
	case pb&(lexCountry|lexContinent) != 0:
		l = 3.0
	case pb&lexRegion != 0:
		l = 2.6
	case pb&lexBigCity != 0:
		l = 2.3
	case pb&lexCity != 0:
		l = 1.6
	case pb&lexFakerCity != 0:
		l = 1.3
	}
	if l > 0 {
		if b-a == 1 && first.lx&lexWord != 0 {
			l -= 1.5 // "Nice", "Reading", "Mobile"
		}
		if b-a == 1 && first.lx&lexFirst != 0 {
			// "Florence", "Austin" are both; "Linda" and "Scott" are
			// small towns too, but people first.
			if pb&(lexCountry|lexContinent) != 0 {
				l -= 0.4
			} else {
				l -= 0.6
			}
		}
		if pb&(lexCountry|lexRegion|lexContinent) != 0 {
			p -= 1.5
		}
		if b-a >= 2 {
			// A multi-word place matched whole is more telling than two
			// names matched one by one: "San Francisco", "Lake Charles".
			l += 1.0
			p -= 1.0
		}
	}
	if b-a == 1 && first.shape == shUpper && first.end-first.start <= 3 {
		// Acronyms: "USA" is a country, "NY" a state only with a cue,
		// and no acronym is a person's name.
		p = 0
		if pb&lexCountry == 0 {
			l = 0
		}
		if pb&lexAbbr != 0 && f.afterPlaceComma(a) {
			l = 2.6
		}
		if (pb&lexAbbr != 0 || first.lx&lexCityAbbr != 0) &&
			(f.cue(a-1, cuePrepIn) || f.isWordAt(a-1, "to") || f.isWordAt(a-1, "near")) {
			l = 2.4
		}
	}

	var cap float64
	switch {
	case capital:
		cap = 0.6
	case first.capitalised() && !first.caseless && first.lx&lexWord == 0:
		cap = 0.4
	case first.shape == shLower && n == 1 && first.lx&lexFirst != 0 &&
		first.lx&(lexWord|lexPlace) == 0 && first.end-first.start >= 4 &&
		!(a > 0 && f.toks[a-1].lx&lexParticle != 0):
		// Chat text often writes names in lower case; a given name that
		// is no English word and no place is let through alone.
		cap = 0.4
	}
	p += cap
	if l > 0 {
		l += cap
	}

	p += titleEv
	p += f.personCue(a, b)
	if l > 0 || unknown == n {
		pc := f.placeCue(a, b)
		if l == 0 && pc >= 1.5 && capital {
			l += cap // an unknown proper noun in "moved to X", "X, CA"
		}
		l += pc
		if pc < 1 && first.lx&lexFirst != 0 && first.lx&lexWord == 0 && l > 0 &&
			pb&(lexCountry|lexContinent|lexBigCity) == 0 {
			// "town, Brandon!", "Paul's house": a given name, and nothing
			// says place. Regions count among the weak places: GeoNames
			// lists thousands, many obscure.
			if pb&lexRegion != 0 {
				l -= 0.6
			} else {
				l -= 1.0
			}
		}
	}
	if words == n && !title {
		// Every token is an ordinary word: "Will", "Hope", "Grant Park".
		// A capital in mid-sentence on a word that is also a name is
		// the cue that lets it through.
		switch {
		case capital && names > 0:
			// The capital in mid-sentence was weighed above.
		case n >= 2 && first.lx&lexFirst != 0 && last.lx&lexLast != 0:
			// "JOHN SMITH" on a line in capitals: the pair is the cue.
		case capital:
			p -= 1.0
		default:
			p -= 2.0
			l -= 1.0
		}
	}
	if bad {
		p -= 3
		l -= 3
	}
	if f.orgAfter(b) {
		p -= 2.5
		l -= 2.5
	}
	if upperUnknown > 0 {
		p -= 1.5 // "JUCO RB", "MOTOGP": capitals on no list are acronyms or shouting
	}
	if a >= 2 && f.toks[a-1].punct == '.' && f.isWordAt(a-2, "st") || f.isWordAt(a-1, "st") ||
		f.isWordAt(a-1, "saint") {
		p -= 2 // "St. George's": a saint names a church, school or town
	}
	if first.shape == shLower && f.cue(a-1, cueDet) {
		p -= 1.5 // "a lotta", "the telly": in lower case, an article means a noun
	}
	if f.fixture(a, b) {
		l -= 2.5 // "Arsenal vs Monaco": teams, named after their towns
	}
	if l > p {
		return cand{a: a, b: b, typ: TypeLocation, score: l}
	}
	return cand{a: a, b: b, typ: TypePerson, score: p}
}

// orgAfter reports a company word right after a chunk: "Boston
// Consulting Group", "Davis Orchestra", "Thomas and Sons".
func (f *finder) orgAfter(b int) bool {
	if b < len(f.toks) && f.toks[b].punct == '&' || f.isWordAt(b, "and") {
		return f.cue(b+1, cueOrgAnd) // "and Sons", "& Co"
	}
	return f.cue(b, cueOrg) && f.toks[b].capitalised()
}

// fixture reports "vs" on either side of tokens [a, b).
func (f *finder) fixture(a, b int) bool {
	k := a - 1
	if a >= 2 && f.toks[a-1].punct == '.' {
		k = a - 2
	}
	return f.cue(k, cueVs) || f.cue(b, cueVs) && !f.isWordAt(b, "against")
}

// cue reports whether token k is a word on the same line as the token
// after it and carries one of the cue bits.
func (f *finder) cue(k int, bits lex) bool {
	if k < 0 || k >= len(f.toks) || f.toks[k].kind != kWord || f.toks[k].lx&bits == 0 {
		return false
	}
	return k+1 >= len(f.toks) || !f.toks[k+1].nl
}

// isWordAt compares token k with a lower-case word.
func (f *finder) isWordAt(k int, w string) bool {
	return strings.EqualFold(f.word(k), w)
}

// afterPlaceComma: the token follows "<place>, " as the state in
// "Portland, OR".
func (f *finder) afterPlaceComma(a int) bool {
	return a >= 2 && f.toks[a-1].punct == ',' && f.last == a-1 && f.lastType == TypeLocation
}

// word returns the text of token k when it is a word on the same line as
// the token that follows it, else "".
func (f *finder) word(k int) string {
	if k < 0 || k >= len(f.toks) || f.toks[k].kind != kWord {
		return ""
	}
	if k+1 < len(f.toks) && f.toks[k+1].nl {
		return ""
	}
	return f.text[f.toks[k].start:f.toks[k].end]
}

func eq(w string, words ...string) bool {
	for _, x := range words {
		if strings.EqualFold(w, x) {
			return true
		}
	}
	return false
}

// strongNameCue reports a phrase that introduces a name directly before
// token a: "my name is", "call me", "signed".
func (f *finder) strongNameCue(a int) bool {
	switch {
	case f.cue(a-1, cueIsWas) && f.cue(a-2, cueNameNoun):
		return true
	case f.cue(a-1, cueIntro):
		return true
	case f.isWordAt(a-1, "me") && f.isWordAt(a-2, "call"):
		return true
	case a >= 2 && f.toks[a-1].punct == '?' && f.cue(a-2, cueNameNoun):
		return true // "What's your last name? Boyle"
	case f.prevPunct(a, ':') && f.cue(a-2, cueColon):
		return true
	}
	return false
}

func (f *finder) prevPunct(a int, c byte) bool {
	return a >= 1 && f.toks[a-1].punct == c && !f.toks[a].nl
}

// personCue weighs the words around tokens [a, b) that point to a
// person.
func (f *finder) personCue(a, b int) float64 {
	var ev float64
	if f.strongNameCue(a) {
		ev += 2.5
	}
	switch {
	case f.cue(a-1, cueImIam) || f.isWordAt(a-1, "am") && f.isWordAt(a-2, "i"):
		ev += 1.5
	case f.cue(a-1, cuePersonPrev):
		ev += 1.0
	case f.isWordAt(a-1, "you") && f.isWordAt(a-2, "thank"):
		ev += 1.0
	case f.isWordAt(a-1, "is") && (f.isWordAt(a-2, "this") || f.isWordAt(a-2, "it")):
		ev += 0.8
	}
	if f.toks[b-1].poss || b+1 < len(f.toks) && (f.toks[b].punct == '\'' ||
		f.text[f.toks[b].start:f.toks[b].end] == "’") && f.isWordAt(b+1, "s") {
		ev += 0.3 // "Maria's", and "Mike 's" in tokenised text
	}
	if f.listAfter(a, TypePerson) {
		ev += 1.0 // "Albin, Haines and Burrow"
	}
	if b < len(f.toks) && !f.toks[b].nl {
		switch next := f.toks[b].punct; {
		case next == ':' && (f.toks[a].nl || a == 0) && b+1 < len(f.toks) &&
			!f.toks[b+1].nl && f.toks[b+1].capitalised() && f.toks[b+1].lx&lexWord != 0:
			ev += 1.2 // a speaker: "Kristíana: What a wife."
		case next == ',' && f.toks[a].sent:
			ev += 0.6 // addressing someone: "Aloisia, can I ..."
		case (next == '!' || next == '?') && a > 0 && f.toks[a-1].punct == ',':
			ev += 0.6 // "Don't go to town, Brandon!"
		}
	}
	if (a == 0 || f.toks[a].nl) && (b == len(f.toks) || f.toks[b].nl) && b-a >= 2 {
		ev += 0.5 // a name alone on its line, as in letters and signatures
	}
	switch {
	case f.cue(b, cuePersonNext):
		ev += 1.2
	case f.cue(b, cueIsWas) && f.cue(b+1, cueBornA):
		ev += 0.6
	}
	if b < len(f.toks) && f.toks[b].punct == ',' && f.cue(b+1, cueWhoAged) {
		ev += 1.0
	}
	return ev
}

// placeCue weighs the words around tokens [a, b) that point to a place.
func (f *finder) placeCue(a, b int) float64 {
	var ev float64
	switch {
	case f.cue(a-1, cuePrepIn|cuePrepTo) && !f.isWordAt(a-1, "at") && f.cue(a-2, cueMoveVerb):
		ev += 2.5
	case f.isWordAt(a-1, "in") && f.isWordAt(a-2, "up") && f.isWordAt(a-3, "grew"):
		ev += 2.5
	case (f.isWordAt(a-1, "at") || f.isWordAt(a-1, "in")) && f.cue(a-2, cueArrive):
		ev += 2.5
	case f.isWordAt(a-1, "of") && f.cue(a-2, cueOfPlace):
		ev += 2.5
	case f.cue(a-1, cueNearPrep):
		ev += 1.2
	case f.cue(a-1, cuePrepIn):
		ev += 1.2
	case f.cue(a-1, cuePrepTo):
		ev += 0.8
	}
	if b < len(f.toks) && f.toks[b].punct == ',' && b+1 < len(f.toks) {
		t := &f.toks[b+1]
		if t.lx&(lexCountry|lexRegion) != 0 || t.lx&lexAbbr != 0 && t.shape == shUpper {
			ev += 1.5
		}
	}
	if f.cue(b, cuePlaceNext) {
		ev += 0.8
	}
	if f.listAfter(a, TypeLocation) {
		ev += 1.0 // "Toronto, Ontario"
	}
	return ev
}

// listAfter reports that token a follows an entity of type typ with only
// a comma, "and" or "&" between.
func (f *finder) listAfter(a int, typ string) bool {
	if f.lastType != typ || f.last < 0 || a-f.last > 2 || a <= f.last || f.toks[a].nl {
		return false
	}
	for k := f.last; k < a; k++ {
		t := &f.toks[k]
		if !(t.punct == ',' || t.punct == '&' || f.isWordAt(k, "and") || f.isWordAt(k, "or")) {
			return false
		}
	}
	return true
}
