package ner

import (
	"bytes"
	"compress/gzip"
	"embed"
	"encoding/binary"
	"fmt"
	"strings"
	"unicode"
)

//go:generate go run ../../../internal/gen/gazetteer -out data

//go:embed data/*.txt.gz
var dataFS embed.FS

// lex is a bit set of what a lower-cased token (or phrase) is known as.
// One map holds every list, so a token costs one lookup however many
// lists it is on.
type lex uint64

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
	lexStreetWord                 // street word written in lower case: "gate", "utca", "vej"

	// Cue words, looked up with the token like the lists above.
	cueNameNoun   // "name", "surname": "my name is", "name:", "last name?"
	cueIsWas      // "is", "was"
	cueIntro      // introduces a name directly: "named", "called", "signed"
	cueColon      // "<word>:" before a name: "patient:", "attn:"
	cueImIam      // "I'm", "im"
	cuePersonPrev // a person often follows: "dear", "hi", "with", "sister"
	cuePersonNext // a person often precedes: "said", "told", "lives"
	cueBornA      // "was born", "is a"
	cueWhoAged    // ", who" / ", aged" after a name
	cuePrepIn     // "in", "from"
	cuePrepTo     // "to", "at"
	cueMoveVerb   // with in/from/to before a place: "lives", "moved", "born"
	cueArrive     // with at/in before a place: "arrived", "landed"
	cueOfPlace    // with "of" before a place: "city", "capital", "outskirts"
	cueNearPrep   // before a place: "near", "visit", "across"
	cuePlaceNext  // after a place: "city", "county", "airport"
	cueOrg        // company words after a name: "Inc", "Group", "Orchestra"
	cueOrgAnd     // "and Sons", "& Co"
	cueDet        // articles and determiners
	cueVs         // "vs", "versus"
)

const lexPlace = lexCountry | lexContinent | lexRegion | lexBigCity | lexCity | lexFakerCity

// lexicon is the loaded, read-only word list: an open-addressing hash
// table from lower-cased keys to their bits. It is smaller and quicker to
// probe than a Go map of the same keys, and lookups from a byte slice
// cost no allocation.
type lexicon struct {
	slots     []uint64 // high 32 bits: hash fingerprint; low 32: index+1 into keys; 0: empty
	keys      []string // slices of the decompressed files, or literals
	bits      []lex
	maxPhrase int // most tokens in a multi-word place
}

// fnv1a hashes a key with 64-bit FNV-1a: short keys, no setup.
func fnv1a[T string | []byte](key T) uint64 {
	h := uint64(14695981039346656037)
	for i := 0; i < len(key); i++ {
		h ^= uint64(key[i])
		h *= 1099511628211
	}
	return h
}

func (l *lexicon) get(key []byte) lex {
	if len(l.slots) == 0 {
		return 0
	}
	h := fnv1a(key)
	mask := uint64(len(l.slots) - 1)
	for i := h & mask; ; i = (i + 1) & mask {
		s := l.slots[i]
		if s == 0 {
			return 0
		}
		if s>>32 == h>>32 {
			if k := uint32(s) - 1; l.keys[k] == string(key) {
				return l.bits[k]
			}
		}
	}
}

// lookup is get for a string, for tests.
func (l *lexicon) lookup(key string) lex { return l.get([]byte(key)) }

// add ORs bits into the entry for key, creating it when needed.
func (l *lexicon) add(key string, bits lex) {
	if 2*(len(l.keys)+1) > len(l.slots) {
		l.grow()
	}
	h := fnv1a(key)
	mask := uint64(len(l.slots) - 1)
	for i := h & mask; ; i = (i + 1) & mask {
		s := l.slots[i]
		if s == 0 {
			l.keys = append(l.keys, key)
			l.bits = append(l.bits, bits)
			l.slots[i] = h>>32<<32 | uint64(len(l.keys))
			return
		}
		if s>>32 == h>>32 && l.keys[uint32(s)-1] == key {
			l.bits[uint32(s)-1] |= bits
			return
		}
	}
}

// grow doubles the table, keeping it at most half full so that probe
// runs stay short.
func (l *lexicon) grow() {
	n := max(2*len(l.slots), 1<<10)
	slots := make([]uint64, n)
	mask := uint64(n - 1)
	for k, key := range l.keys {
		h := fnv1a(key)
		i := h & mask
		for slots[i] != 0 {
			i = (i + 1) & mask
		}
		slots[i] = h>>32<<32 | uint64(k+1)
	}
	l.slots = slots
}

func loadLexicon() (*lexicon, error) {
	// Room for the ~180,000 keys without growing.
	l := &lexicon{maxPhrase: 1, keys: make([]string, 0, 200000), bits: make([]lex, 0, 200000)}
	l.slots = make([]uint64, 1<<19)
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
				l.add(line, s.bit)
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
			l.add(w, bit)
		}
	}
	return l, nil
}

// addPlace files a place under the form the recogniser looks up: word
// tokens joined by single spaces, punctuation dropped, so that "St. Louis"
// and "St Louis" meet.
func (l *lexicon) addPlace(name string, bits lex) {
	if !plainPhrase(name) {
		var words []string
		tokenizeWords(name, func(w string) { words = append(words, w) })
		name = strings.Join(words, " ")
	}
	// The name is now lower-cased words with single spaces, and its own
	// key: most lines of the file are used as they are, without a copy.
	n := strings.Count(name, " ") + 1
	switch {
	case name == "":
		return
	case n == 1:
		l.add(name, bits)
		return
	case n > maxPhraseTokens:
		return
	}
	l.add(name, bits)
	first, rest, _ := strings.Cut(name, " ")
	l.add(first, lexPhrase)
	for rest != "" {
		var w string
		w, rest, _ = strings.Cut(rest, " ")
		l.add(w, lexPhraseTail)
	}
	l.maxPhrase = max(l.maxPhrase, n)
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
	gz, err := dataFS.ReadFile("data/" + name)
	if err != nil {
		return fmt.Errorf("ner: opening %s: %w", name, err)
	}
	zr, err := gzip.NewReader(bytes.NewReader(gz))
	if err != nil {
		return fmt.Errorf("ner: reading %s: %w", name, err)
	}
	// The gzip trailer holds the uncompressed size, which saves growing
	// the buffer while reading.
	var buf bytes.Buffer
	if n := len(gz); n >= 4 {
		buf.Grow(int(binary.LittleEndian.Uint32(gz[n-4:])) + 1)
	}
	if _, err := buf.ReadFrom(zr); err != nil {
		return fmt.Errorf("ner: reading %s: %w", name, err)
	}
	// One string for the whole file: the table's keys are slices of it,
	// so loading does not allocate per entry.
	s := buf.String()
	for s != "" {
		line, rest, _ := strings.Cut(s, "\n")
		if line != "" {
			fn(line)
		}
		s = rest
	}
	return nil
}
