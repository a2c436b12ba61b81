package ner

import (
	"context"
	"errors"
	"strings"
	"sync"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The recogniser is immutable, so the tests share one.
var shared = sync.OnceValues(New)

func recognizer(tb testing.TB) *Recognizer {
	tb.Helper()
	r, err := shared()
	require.NoError(tb, err)
	return r
}

// found renders entities as "TYPE:text" for compact assertions.
func found(tb testing.TB, text string) []string {
	tb.Helper()
	ents, err := recognizer(tb).Find(context.Background(), text)
	require.NoError(tb, err)
	out := []string{}
	for _, e := range ents {
		out = append(out, e.Type+":"+text[e.Start:e.End])
	}
	return out
}

type findCase struct {
	name string
	text string
	want []string
}

var findCases = []findCase{
	// People.
	{"first and last", "Yesterday I had lunch with Laura Carvalho in town.", []string{"PERSON:Laura Carvalho"}},
	{"name cue", "My name is Rubija", []string{"PERSON:Rubija"}},
	{"lower case after cue", "her maiden name is nyberg", []string{"PERSON:nyberg"}},
	{"honorific", "Please ask Dr. Okonkwo to call back.", []string{"PERSON:Okonkwo"}},
	{"honorific lower case", "mr. elliott flew home", []string{"PERSON:elliott"}},
	{"initial", "The keynote is by Tom I. Holzman this year.", []string{"PERSON:Tom I. Holzman"}},
	{"particle", "We met Maika van de Noort at the fair.", []string{"PERSON:Maika van de Noort"}},
	{"german", "Gestern hat Jürgen Müller angerufen.", []string{"PERSON:Jürgen Müller"}},
	{"french", "Le rapport de Françoise Dubois est prêt.", []string{"PERSON:Françoise Dubois"}},
	{"spanish", "Mañana llega José Hernández desde lejos.", []string{"PERSON:José Hernández"}},
	{"polish", "Dzwonił Krzysztof Nowak w sprawie umowy.", []string{"PERSON:Krzysztof Nowak"}},
	{"russian", "Вчера Иван Петров приехал домой.", []string{"PERSON:Иван Петров"}},
	{"possessive", "That was Maria's idea, not mine.", []string{"PERSON:Maria"}},
	{"lower case full name", "i saw olga krylova yesterday", []string{"PERSON:olga krylova"}},
	{"all caps", "PLEASE FORWARD THIS TO JOHN SMITH TODAY", []string{"PERSON:JOHN SMITH"}},
	{"name that is a word, mid-sentence", "I spoke to Will Smith about it.", []string{"PERSON:Will Smith"}},

	// Traps: words that are also names.
	{"will you may", "Will you May?", []string{}},
	{"may i", "May I help you with anything else?", []string{}},
	{"hope", "Hope you are well. Bill me later.", []string{}},
	{"sentence start words", "Grant access to the folder. Mark the file as read.", []string{}},
	{"honorific before words", "The Princess Royal arrived this morning.", []string{}},
	{"plain prose", "The committee met on a grey afternoon to review the budget.", []string{}},
	{"month", "The meeting is on Friday, 3 May.", []string{}},
	{"nationality", "There is a new German place downtown.", []string{}},

	// Places.
	{"country", "She moved here from Estonia last year.", []string{"LOCATION:Estonia"}},
	{"sentence start place", "In Estonia they have company songs.", []string{"LOCATION:Estonia"}},
	{"multi-word", "We flew to New York and then to São Paulo.", []string{"LOCATION:New York", "LOCATION:São Paulo"}},
	{"particle place", "He was born in Rio de Janeiro.", []string{"LOCATION:Rio de Janeiro"}},
	{"unknown place with cue", "Mr. Spears grew up in Awenne.", []string{"PERSON:Spears", "LOCATION:Awenne"}},
	{"lower case place", "we moved here from tunisia", []string{"LOCATION:tunisia"}},
	{"city and state", "The office is in Portland, OR now.", []string{"LOCATION:Portland", "LOCATION:OR"}},
	{"acronym", "Flying to NYC tomorrow.", []string{"LOCATION:NYC"}},
	{"fixture", "Arsenal vs Monaco tonight", []string{}},

	// Addresses.
	{"us street", "Send it to 221B Baker Street, London NW1 6XE please.", []string{"ADDRESS:221B Baker Street, London NW1 6XE"}},
	{"us full", "Ship to 1600 Pennsylvania Ave NW, Washington, DC 20500 today.",
		[]string{"ADDRESS:1600 Pennsylvania Ave NW, Washington, DC 20500"}},
	{"unit", "I live at 3968 Bay Street Apt. 4, Springfield, IL 62704.",
		[]string{"ADDRESS:3968 Bay Street Apt. 4, Springfield, IL 62704"}},
	{"german street", "Die Adresse ist Hauptstraße 5, 10115 Berlin.", []string{"ADDRESS:Hauptstraße 5, 10115 Berlin"}},
	{"french street", "Rendez-vous au 12 rue de la Paix à midi.", []string{"ADDRESS:12 rue de la Paix"}},
	{"italian street", "Abito in Via Roma 1 da anni.", []string{"ADDRESS:Via Roma 1"}},
	{"polish street", "Biuro: ul. Północna 73", []string{"ADDRESS:ul. Północna 73"}},
	{"multi-line", "Jane Doe\n50066 Rooseveltlaan 110\n Apt. 949\n Utrecht\n Netherlands",
		[]string{"PERSON:Jane Doe", "ADDRESS:50066 Rooseveltlaan 110\n Apt. 949\n Utrecht\n Netherlands"}},
	{"po box", "Write to P.O. Box 211 instead.", []string{"ADDRESS:P.O. Box 211"}},
	{"military", "PSC 7951, Box 9972\nAPO AA 69974", []string{"ADDRESS:PSC 7951, Box 9972\nAPO AA 69974"}},
	{"zip cue", "My zip code is 94105", []string{"ADDRESS:94105"}},
	{"us city state zip", "Send it to 123 Main St, Springfield, IL 62704.", []string{"ADDRESS:123 Main St, Springfield, IL 62704"}},
	{"uk postcode", "He lives at 10 Downing Street, London SW1A 2AA.", []string{"ADDRESS:10 Downing Street, London SW1A 2AA"}},
	{"spanish street", "Oficina: Calle Mayor 5, 28013 Madrid", []string{"ADDRESS:Calle Mayor 5, 28013 Madrid"}},
	{"finnish street", "Kaivokatu 8, 00100 Helsinki", []string{"ADDRESS:Kaivokatu 8, 00100 Helsinki"}},
	{"dutch postcode", "Damrak 1, 1012 LG Amsterdam", []string{"ADDRESS:Damrak 1, 1012 LG Amsterdam"}},
	{"polish postcode", "ul. Marszałkowska 1, 00-001 Warszawa", []string{"ADDRESS:ul. Marszałkowska 1, 00-001 Warszawa"}},
	{"unit first", "Flat 3, 25 High Street, Oxford", []string{"ADDRESS:Flat 3, 25 High Street, Oxford"}},
	{"lower case after cue", "my address is 123 main street", []string{"ADDRESS:123 main street"}},
	{"chapter is no street", "Chapter 5 Street Art", []string{}},
	{"product is no street", "Windows 10 Pro", []string{}},
	{"date is no street", "Posted on December 28, 2014 at 09:14 AM", []string{}},
	{"count is no street", "We have 3 big dogs and 2 cats.", []string{}},

	// Things that are not text.
	{"email and url", "Mail john.smith@example.com or see https://example.com/Paris", []string{}},
	{"handle", "@JohnSmith thanks!", []string{}},
	{"empty", "", []string{}},
	{"long name", "I met Anna " + strings.Repeat("Xy", 200) + " today.", []string{"PERSON:Anna"}},
}

func TestFind(t *testing.T) {
	for _, tc := range findCases {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.want, found(t, tc.text))
		})
	}
}

func TestFindScores(t *testing.T) {
	ents, err := recognizer(t).Find(context.Background(), "Dear Mr. John Smith, I'm Anna from Berlin.")
	require.NoError(t, err)
	require.NotEmpty(t, ents)
	for _, e := range ents {
		assert.GreaterOrEqual(t, e.Score, 0.5, e.Type)
		assert.LessOrEqual(t, e.Score, 1.0, e.Type)
	}
}

func TestFindErrors(t *testing.T) {
	r := recognizer(t)
	t.Run("invalid utf8", func(t *testing.T) {
		_, err := r.Find(context.Background(), "Anna \xff Smith")
		assert.ErrorIs(t, err, ErrInvalidUTF8)
	})
	t.Run("cancelled", func(t *testing.T) {
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		_, err := r.Find(ctx, "Anna Smith")
		assert.ErrorIs(t, err, context.Canceled)
	})
	t.Run("cancelled during scan", func(t *testing.T) {
		ctx := &countdownCtx{Context: context.Background(), left: 2}
		_, err := r.Find(ctx, strings.Repeat("Anna Smith lives in Berlin. ", 200))
		assert.ErrorIs(t, err, context.Canceled)
	})
	t.Run("error text", func(t *testing.T) {
		_, err := r.Find(context.Background(), "secret \xff")
		require.Error(t, err)
		assert.True(t, strings.HasPrefix(err.Error(), "ner: "))
		assert.NotContains(t, err.Error(), "secret")
	})
}

// countdownCtx reports cancellation after a few calls to Err, to check
// that Find looks at the context inside its loop.
type countdownCtx struct {
	context.Context
	mu   sync.Mutex
	left int
}

func (c *countdownCtx) Err() error {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.left <= 0 {
		return context.Canceled
	}
	c.left--
	return nil
}

func TestFindConcurrent(t *testing.T) {
	r := recognizer(t)
	text := "Laura Carvalho moved from Estonia to 12 rue de la Paix, Paris."
	want, err := r.Find(context.Background(), text)
	require.NoError(t, err)
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			for range 50 {
				got, err := r.Find(context.Background(), text)
				assert.NoError(t, err)
				assert.Equal(t, want, got)
			}
		})
	}
	wg.Wait()
}

func TestLexiconLoaded(t *testing.T) {
	r := recognizer(t)
	for _, tc := range []struct {
		key  string
		want lex
	}{
		{"anna", lexFirst},
		{"nowak", lexLast},
		{"estonia", lexCountry},
		{"são paulo", lexBigCity},
		{"house", lexWord},
		{"avenue", lexStreet},
	} {
		t.Run(tc.key, func(t *testing.T) {
			assert.NotZero(t, r.lx.lookup(tc.key)&tc.want)
		})
	}
}

// checkEntities asserts the properties every result must have.
func checkEntities(t *testing.T, text string, ents []Entity) {
	t.Helper()
	prevEnd := 0
	for _, e := range ents {
		require.True(t, 0 <= e.Start && e.Start < e.End && e.End <= len(text), "range %d-%d", e.Start, e.End)
		require.True(t, utf8.RuneStart(text[e.Start]), "start on a rune boundary")
		require.True(t, e.End == len(text) || utf8.RuneStart(text[e.End]), "end on a rune boundary")
		require.GreaterOrEqual(t, e.Start, prevEnd, "sorted and not overlapping")
		require.True(t, e.Type == TypePerson || e.Type == TypeLocation || e.Type == TypeAddress)
		require.LessOrEqual(t, e.End-e.Start, MaxEntityBytes)
		require.True(t, e.Score >= 0.5 && e.Score <= 1)
		prevEnd = e.End
	}
}

func FuzzFind(f *testing.F) {
	for _, tc := range findCases {
		f.Add(tc.text)
	}
	f.Add("Mr.")
	f.Add("’s ‐ #Paris @x P. O. Box")
	r, err := New()
	require.NoError(f, err)
	f.Fuzz(func(t *testing.T, text string) {
		ents, err := r.Find(context.Background(), text)
		if !utf8.ValidString(text) {
			require.True(t, errors.Is(err, ErrInvalidUTF8))
			return
		}
		require.NoError(t, err)
		checkEntities(t, text, ents)
	})
}
