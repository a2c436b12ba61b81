package ner

import (
	"compress/gzip"
	"embed"
	"fmt"
	"io"
	"strings"
	"unicode"
)

//go:generate go run ../../../internal/gen/gazetteer -out data

//go:embed data/*.txt.gz
var dataFS embed.FS

// lex is a bit set of what a lower-cased token (or phrase) is known as.
// One map holds every list, so a token costs one lookup however many
// lists it is on.
type lex uint32

const (
	lexFirst      lex = 1 << iota // given name in some faker locale
	lexLast                       // family name in some faker locale
	lexWord                       // ordinary English word (written in lower case in wamerican/wbritish)
	lexNRP                        // language or nationality adjective: "German", "Polish"
	lexCountry                    // country or territory
	lexContinent                  // continent or world region
	lexRegion                     // state, province or other first-level division
	lexAbbr                       // postal abbreviation of a region: "NY", "ON", "NSW"
	lexBigCity                    // GeoNames city of 100,000 people or more, or a capital
	lexCity                       // GeoNames city above the generator's population floor
	lexFakerCity                  // city name from the faker locales
	lexPhrase                     // first token of a multi-word place
	lexStreet                     // street type that follows the name: "Street", "Ave"
	lexStreetPre                  // street type that precedes the name: "rue", "Via", "ul"
	lexUnit                       // unit designator: "Apt", "Suite"
	lexStop                       // function word that never starts a name
	lexTitle                      // honorific: "Mr", "Dr", "Frau"
	lexParticle                   // name particle: "van", "de", "bin"
	lexDate                       // month or weekday name
	lexNotName                    // capitalised word that is no name: pronouns, greetings, "God"
	lexPhraseTail                 // later token of a multi-word place
	lexBox                        // starts a box or military address: "PSC", "USNS", "PO"
	lexCityAbbr                   // a city known by its initials: "NYC", "SF"
	lexRank                       // rank or relation before a name: "King", "Uncle"
	lexZipCue                     // announces a postcode: "zip", "postcode"
)

const lexPlace = lexCountry | lexContinent | lexRegion | lexBigCity | lexCity | lexFakerCity

// lexicon is the loaded, read-only word list.
type lexicon struct {
	m         map[string]lex
	maxPhrase int // most tokens in a multi-word place
}

func (l *lexicon) get(key []byte) lex {
	return l.m[string(key)] // no allocation: the compiler special-cases this conversion
}

func loadLexicon() (*lexicon, error) {
	l := &lexicon{m: make(map[string]lex, 1<<18), maxPhrase: 1}
	simple := []struct {
		file string
		bit  lex
	}{
		{"first.txt.gz", lexFirst},
		{"last.txt.gz", lexLast},
		{"words.txt.gz", lexWord},
		{"nrp.txt.gz", lexNRP},
		{"street.txt.gz", lexStreet},
	}
	for _, s := range simple {
		err := readLines(s.file, func(line string) {
			if !strings.Contains(line, " ") {
				l.m[line] |= s.bit
			}
		})
		if err != nil {
			return nil, err
		}
	}
	err := readLines("places.txt.gz", func(line string) {
		name, tags, ok := strings.Cut(line, "\t")
		if !ok {
			return
		}
		l.addPlace(name, placeBits(tags))
	})
	if err != nil {
		return nil, err
	}
	for bit, words := range builtinWords {
		for _, w := range strings.Fields(words) {
			l.m[w] |= bit
		}
	}
	return l, nil
}

// addPlace files a place under the form the recogniser looks up: word
// tokens joined by single spaces, punctuation dropped, so that "St. Louis"
// and "St Louis" meet.
func (l *lexicon) addPlace(name string, bits lex) {
	var words []string
	if plainPhrase(name) {
		// The generator wrote it lower-cased with single spaces: the
		// line is its own key, and needs no copy.
		words = strings.Split(name, " ")
	} else {
		tokenizeWords(name, func(w string) { words = append(words, w) })
		name = strings.Join(words, " ")
	}
	switch len(words) {
	case 0:
		return
	case 1:
		l.m[words[0]] |= bits
		return
	}
	if len(words) > maxPhraseTokens {
		return
	}
	l.m[name] |= bits
	l.m[words[0]] |= lexPhrase
	for _, w := range words[1:] {
		l.m[w] |= lexPhraseTail
	}
	l.maxPhrase = max(l.maxPhrase, len(words))
}

// plainPhrase reports a name made of letters and single spaces only,
// which the tokenizer would split at the spaces and nowhere else.
func plainPhrase(s string) bool {
	prevLetter := false
	for _, r := range s {
		switch {
		case unicode.IsLetter(r):
			prevLetter = true
			continue
		case r == '-' && prevLetter:
			// A hyphen between letters joins, as in the tokenizer; one
			// before a space or at the end does not, and is checked below.
		case r != ' ':
			return false
		}
		prevLetter = false
	}
	if strings.Contains(s, "- ") || strings.HasSuffix(s, "-") {
		return false
	}
	return s != "" && s[0] != ' ' && s[len(s)-1] != ' ' && !strings.Contains(s, "  ")
}

// maxPhraseTokens bounds the tokens of a place name, which bounds the work
// spent at each token on phrase lookups.
const maxPhraseTokens = 5

func placeBits(tags string) lex {
	var b lex
	for i := 0; i < len(tags); i++ {
		switch tags[i] {
		case 'C':
			b |= lexCountry
		case 'K':
			b |= lexContinent
		case 'A':
			b |= lexRegion
		case 'a':
			b |= lexAbbr
		case 'B':
			b |= lexBigCity
		case 'c':
			b |= lexCity
		case 'f':
			b |= lexFakerCity
		}
	}
	return b
}

func readLines(name string, fn func(string)) error {
	f, err := dataFS.Open("data/" + name)
	if err != nil {
		return fmt.Errorf("ner: opening %s: %w", name, err)
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		return fmt.Errorf("ner: reading %s: %w", name, err)
	}
	b, err := io.ReadAll(zr)
	if err != nil {
		return fmt.Errorf("ner: reading %s: %w", name, err)
	}
	// One string for the whole file: the map keys are slices of it, so
	// loading does not allocate per entry.
	s := string(b)
	for s != "" {
		line, rest, _ := strings.Cut(s, "\n")
		if line != "" {
			fn(line)
		}
		s = rest
	}
	return nil
}
