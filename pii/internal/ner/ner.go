package ner

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"unicode/utf8"
)

// Entity types returned by [Recognizer.Find].
const (
	TypePerson   = "PERSON"   // a person's name, without honorific
	TypeLocation = "LOCATION" // a country, region, city or other named place
	TypeAddress  = "ADDRESS"  // a street address, post-office box or military address
)

// MaxEntityBytes bounds the length of an entity: a longer candidate is
// dropped, not cut. With the few words of context around it that the
// rules read (at most three words before, the next line after an
// address), it sizes the hold-back window of a streaming scanner.
const MaxEntityBytes = 256

// MaxInput is the largest text, in bytes, that Find accepts. Token offsets
// are kept in 32 bits, and the bound keeps the scratch memory of one call
// within reason.
const MaxInput = 1 << 28

// ErrInvalidUTF8 is returned by Find for text that is not valid UTF-8,
// where byte offsets could not be trusted to fall on character boundaries.
var ErrInvalidUTF8 = errors.New("ner: text is not valid UTF-8")

// ErrTooLarge is returned by Find for text longer than MaxInput.
var ErrTooLarge = errors.New("ner: text too large")

// Entity is a name or place found in a text.
type Entity struct {
	Start, End int     // byte offsets into the text; End is exclusive
	Type       string  // TypePerson, TypeLocation or TypeAddress
	Score      float64 // confidence in (0,1]; Find reports scores of 0.5 and above
}

// Recognizer finds names of people, places and street addresses with
// embedded word lists and rules. It is immutable once built and safe for
// concurrent use by many goroutines.
type Recognizer struct {
	lx   *lexicon
	pool sync.Pool // *scratch, reused between calls to keep Find from allocating per token
}

type scratch struct {
	toks   []token
	keys   []byte // lower-cased words, see tokenizer
	phrase []byte
	ents   []Entity
}

// New loads the embedded gazetteers and returns a Recognizer. Loading
// decompresses 0.66 MB of gzip into 1.9 MB of word lists and builds a
// table of about 178,000 entries: some 10 MB of heap and, on one core,
// tens of milliseconds of CPU. A host builds one Recognizer at start-up and
// shares it.
func New() (*Recognizer, error) {
	lx, err := loadLexicon()
	if err != nil {
		return nil, err
	}
	r := &Recognizer{lx: lx}
	r.pool.New = func() any { return new(scratch) }
	return r, nil
}

// Find returns the entities in text, sorted by start offset and not
// overlapping. It returns ctx.Err() when the context ends during the
// scan, ErrInvalidUTF8 for invalid text and ErrTooLarge for text over
// MaxInput; it never returns a partial result with an error.
func (r *Recognizer) Find(ctx context.Context, text string) ([]Entity, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if len(text) > MaxInput {
		return nil, fmt.Errorf("%w: %d bytes, limit %d", ErrTooLarge, len(text), MaxInput)
	}
	if !utf8.ValidString(text) {
		return nil, ErrInvalidUTF8
	}
	s := r.pool.Get().(*scratch)
	defer r.pool.Put(s)
	z := tokenizer{lx: r.lx, keys: s.keys[:0]}
	s.toks = z.tokenize(text, s.toks[:0])
	s.keys = z.keys
	markCaseless(s.toks)

	f := finder{lx: r.lx, text: text, toks: s.toks, s: s, last: -1, nextNum: -1}
	out := s.ents[:0]
	for i := 0; i < len(f.toks); {
		if i&127 == 0 {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
		}
		if f.boring(i) {
			i++
			continue
		}
		if end, e, ok := f.address(i); ok {
			out = f.emit(out, e, end)
			i = end
			continue
		}
		end, e, ok := f.name(i)
		if ok {
			out = f.emit(out, e, end)
		}
		i = max(end, i+1)
	}
	s.ents = out
	if len(out) == 0 {
		return nil, nil
	}
	// The scratch slice goes back to the pool; the caller gets its own.
	return append([]Entity(nil), out...), nil
}

// finder holds the state of one call to Find.
type finder struct {
	lx   *lexicon
	text string
	toks []token
	s    *scratch

	last     int    // token index just past the last entity, or -1
	lastType string // type of the last entity
	zipStart int    // first token of a postcode found after a cue word
	nextNum  int    // index of the next number token at or after the scan, see numberNear
}

// cand is a candidate entity over tokens [a, b).
type cand struct {
	a, b  int
	typ   string
	score float64 // raw evidence, see toScore
}

func (f *finder) emit(out []Entity, c cand, end int) []Entity {
	f.last, f.lastType = c.b, c.typ
	start, stop := int(f.toks[c.a].start), int(f.toks[c.b-1].end)
	if stop-start > MaxEntityBytes {
		return out
	}
	return append(out, Entity{Start: start, End: stop, Type: c.typ, Score: toScore(c.score)})
}

// boring reports a token that can start no entity: punctuation, or an
// ordinary word in lower case. Most tokens of prose are boring, and this
// test keeps them cheap.
func (f *finder) boring(i int) bool {
	t := &f.toks[i]
	switch t.kind {
	case kPunct:
		return t.punct != '#'
	case kSkip:
		return true
	case kWord:
		return t.shape == shLower && t.lx&(lexWord|lexStop) != 0 && t.lx&interesting == 0
	}
	return false
}

// interesting are the lists whose words can start an entity even in
// lower case.
const interesting = lexFirst | lexLast | lexPlace | lexPhrase | lexStreetPre | lexBox |
	lexTitle | lexRank | lexAbbr | lexUnit | lexZipCue

// threshold is the evidence a candidate needs to be reported.
const threshold = 2.0

// toScore maps evidence at or above the threshold to [0.5, 1): the
// threshold maps to 0.5, one more point to 0.75, three more to 0.875.
func toScore(ev float64) float64 {
	if ev < threshold {
		return 0
	}
	s := 1 - 0.5/(1+ev-threshold)
	return float64(int(min(s, 0.99)*1000+0.5)) / 1000
}

// markCaseless flags the tokens of lines written all in capitals or in
// Title Case: there, a capital letter is no hint of a proper noun.
func markCaseless(toks []token) {
	start := 0
	for i := 0; i <= len(toks); i++ {
		if i < len(toks) && (i == start || !toks[i].nl) {
			continue
		}
		upper, title, lower := 0, 0, 0
		for k := start; k < i; k++ {
			t := &toks[k]
			if t.kind != kWord || t.lx&lexStop != 0 || t.end-t.start < 2 {
				continue
			}
			switch t.shape {
			case shUpper:
				upper++
			case shTitle:
				if !t.sent {
					title++
				}
			case shLower:
				lower++
			}
		}
		n := upper + title + lower
		caseless := (upper >= 3 && upper*10 >= n*6) || (title >= 5 && (title+upper)*5 >= n*4)
		if caseless {
			for k := start; k < i; k++ {
				toks[k].caseless = true
			}
		}
		start = i
	}
}
