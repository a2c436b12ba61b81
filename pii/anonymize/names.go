package anonymize

import (
	"embed"
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

//go:embed data/given.txt data/family.txt data/cities.txt
var dataFS embed.FS

// nameLists are read once, on first use, and never change after.
var nameLists = sync.OnceValue(func() [3][]string {
	var out [3][]string
	for i, f := range [...]string{"data/given.txt", "data/family.txt", "data/cities.txt"} {
		b, _ := dataFS.ReadFile(f) // embedded: cannot fail
		out[i] = strings.Split(strings.TrimSpace(string(b)), "\n")
	}
	return out
})

// Which list a pseudonym word comes from.
const (
	givenList = iota
	familyList
	cityList
)

// listName returns the x-th name of list: first the list's names in a
// shuffled order, then pairs joined by a hyphen ("Adeline-Marvin"), so
// that a vault never runs out before 40,000 names.
func listName(list int, x uint64) (string, bool) {
	l := nameLists()[list]
	n := uint64(len(l))
	if x < n {
		return l[permute(x, n)], true
	}
	x -= n
	if x >= n*n {
		return "", false
	}
	p := permute(x, n*n)
	return l[p/n] + "-" + l[p%n], true
}

func listLen(list int) uint64 { return uint64(len(nameLists()[list])) }

// tokKind classifies the pieces of a name.
type tokKind uint8

const (
	tokOther    tokKind = iota // spaces, punctuation, digits
	tokName                    // a word to replace
	tokInitial                 // a single letter, kept
	tokTitle                   // Mr, Dr, ...; kept
	tokParticle                // van, de, bin, ...; kept
	tokSuffix                  // Jr, III, PhD, ...; kept
)

type nameTok struct {
	text string
	kind tokKind
}

// Honorifics, generational suffixes and lower-case surname particles stay
// as they are: they say little about who a person is, and keeping them
// keeps the sentence natural ("Dr. Hansen", "Ludwig van Bayer").

func isTitle(lw string) bool {
	switch lw {
	case "mr", "mrs", "ms", "miss", "mx", "dr", "prof", "sir", "dame", "lord", "lady", "rev", "fr",
		"herr", "frau", "mme", "mlle":
		return true
	}
	return false
}

func isSuffix(lw string) bool {
	switch lw {
	case "jr", "sr", "ii", "iii", "iv", "phd", "md", "esq":
		return true
	}
	return false
}

func isParticle(w string) bool {
	switch w {
	case "van", "von", "de", "der", "den", "del", "della", "di", "da", "du", "la", "le", "bin", "ibn",
		"al", "el", "ter", "ten", "dos", "das":
		return true
	}
	return false
}

// splitName cuts a name into runs of letters and the text between them.
func splitName(s string) []nameTok {
	var toks []nameTok
	for i := 0; i < len(s); {
		start := i
		letter := isNameRune(s, i)
		for i < len(s) && isNameRune(s, i) == letter {
			_, w := utf8.DecodeRuneInString(s[i:])
			i += w
		}
		t := nameTok{text: s[start:i]}
		if letter {
			t.kind = classify(t.text)
		}
		toks = append(toks, t)
	}
	return toks
}

func isNameRune(s string, i int) bool {
	r, _ := utf8.DecodeRuneInString(s[i:])
	return unicode.IsLetter(r) || unicode.Is(unicode.Mn, r)
}

func classify(w string) tokKind {
	lw := strings.ToLower(w)
	switch {
	case utf8.RuneCountInString(w) == 1:
		return tokInitial
	case isTitle(lw):
		return tokTitle
	case isSuffix(lw):
		return tokSuffix
	case isParticle(w): // only in lower case: "Van" may be a given name
		return tokParticle
	}
	return tokName
}

// person pseudonymises a name word by word, so that "John Smith", "John"
// and "Mr Smith" stay consistent with one another and the reply can be
// restored whichever of them the model writes. The last word is taken as
// the family name, or the first when a comma follows it ("Smith, John"); a
// lone word is a family name after a title and a given name otherwise.
// Initials, titles, particles and suffixes are kept.
func (c *call) person(cat string, start int, orig string) string {
	toks := splitName(orig)
	var idx []int
	for i, t := range toks {
		if t.kind == tokName {
			idx = append(idx, i)
		}
	}
	if len(idx) == 0 {
		return c.tag(cat, orig)
	}
	roles := make(map[int]int, len(idx))
	for _, i := range idx {
		roles[i] = givenList
	}
	switch {
	case len(idx) > 1 && strings.Contains(joinText(toks[idx[0]+1:idx[1]]), ","):
		roles[idx[0]] = familyList
	case len(idx) > 1:
		roles[idx[len(idx)-1]] = familyList
	case hasTitleBefore(toks[:idx[0]]) || titleBefore(c.in.Text[:start]):
		roles[idx[0]] = familyList
	}
	var b strings.Builder
	for i, t := range toks {
		if t.kind == tokName {
			b.WriteString(c.word(cat, t.text, roles[i]))
		} else {
			b.WriteString(t.text)
		}
	}
	return b.String()
}

func joinText(toks []nameTok) string {
	var b strings.Builder
	for _, t := range toks {
		b.WriteString(t.text)
	}
	return b.String()
}

func hasTitleBefore(toks []nameTok) bool {
	for _, t := range toks {
		if t.kind == tokTitle {
			return true
		}
	}
	return false
}

// titleBefore reports whether text ends with a title and a space, as in
// "Dr. " before a finding that covers only "Hansen".
func titleBefore(text string) bool {
	text = strings.TrimRight(text, " ")
	text = strings.TrimSuffix(text, ".")
	i := len(text)
	for i > 0 && (isUpper(text[i-1]) || isLower(text[i-1])) {
		i--
	}
	return i < len(text) && isTitle(strings.ToLower(text[i:]))
}

// word returns the pseudonym of one word of a name, or of a whole place
// name, drawn from list and capitalised like w. The vault restores it
// whatever case the model writes it in.
func (c *call) word(cat, w string, list int) string {
	style := caseStyle(w)
	v := c.in.Vault
	if v == nil {
		n := listLen(list)
		x := c.keyed(cat, strings.ToLower(w)) % n
		for i := range n {
			name, _ := listName(list, (x+i)%n)
			if i == n-1 || !c.occurs(name) {
				return styled(style, name)
			}
		}
	}
	if issued(v, w, true) {
		return w
	}
	return v.Pseudonym(cat, w, func(n int) string {
		name, ok := listName(list, uint64(n-1))
		if !ok {
			name = "<" + cat + "_" + strconv.Itoa(n) + ">"
		}
		if c.occurs(name) {
			return ""
		}
		return styled(style, name)
	})
}

// styled capitalises a listed name like a word of style s. Title, mixed
// and caseless words get the name as listed ("McClure"), not
// "Mcclure".
func styled(s caseKind, name string) string {
	switch s {
	case styleUpper:
		return strings.ToUpper(name)
	case styleLower:
		return strings.ToLower(name)
	}
	return name
}

// caseKind is how a word is capitalised.
type caseKind uint8

const (
	styleNone  caseKind = iota // no cased letters: 山田
	styleTitle                 // Hansen, New York
	styleUpper                 // HANSEN
	styleLower                 // hansen
	styleMixed                 // McClure, iPhone
)

func caseStyle(w string) caseKind {
	up, low := strings.ToUpper(w), strings.ToLower(w)
	switch {
	case up == low:
		return styleNone
	case w == titleCase(w):
		return styleTitle
	case w == up:
		return styleUpper
	case w == low:
		return styleLower
	}
	return styleMixed
}

func applyStyle(s caseKind, w string) string {
	switch s {
	case styleUpper:
		return strings.ToUpper(w)
	case styleLower:
		return strings.ToLower(w)
	case styleTitle:
		return titleCase(w)
	}
	return w
}

// titleCase upper-cases the first letter of every word and lower-cases
// the rest.
func titleCase(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	prevLetter := false
	for _, r := range s {
		letter := unicode.IsLetter(r)
		switch {
		case letter && !prevLetter:
			b.WriteRune(unicode.ToUpper(r))
		case letter:
			b.WriteRune(unicode.ToLower(r))
		default:
			b.WriteRune(r)
		}
		prevLetter = letter
	}
	return b.String()
}
