package guard_test

import (
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/textnlp/textguard/guard"
)

const leetSteps = guard.DefaultNormalizeSteps | guard.NormalizeLeetspeak

func with(s guard.NormalizeStep) []guard.NormalizeOption {
	return []guard.NormalizeOption{guard.NormalizeSteps(s)}
}

// tags spells s in Unicode tag characters, the way ASCII smuggling does.
func tags(s string) string {
	var b strings.Builder
	for _, r := range s {
		b.WriteRune(0xE0000 + r)
	}
	return b.String()
}

var normalizeCases = []struct {
	name string
	opts []guard.NormalizeOption // nil means the defaults
	in   string
	want string
}{
	{name: "empty", in: "", want: ""},
	{name: "clean ascii", in: "hello world", want: "hello world"},
	{name: "case", in: "Hello WORLD", want: "hello world"},
	{name: "whitespace runs", in: "ab \t\n cd\r\n\nef", want: "ab cd ef"},
	{name: "whitespace kept at ends", in: "  hi  ", want: " hi "},
	{
		name: "whitespace in long lines", in: "Line one\nLine two\n\nLine three\tend  x\r\n",
		want: "line one line two line three end x ",
	},
	{name: "control characters stay", in: "ab\x01cd\x7fef", want: "ab\x01cd\x7fef"},
	{name: "unicode whitespace", in: "xx\u00a0\u2003yy\u3000zz\u2028ww\u0085vv", want: "xx yy zz ww vv"},
	{name: "zero width inside word", in: "ig\u200bno\u200dre", want: "ignore"},
	{name: "bidi controls", in: "\u202eerongi\u202c", want: "erongi"},
	{name: "soft hyphen word joiner bom", in: "\ufeffig\u00adnore\u2060", want: "ignore"},
	{name: "variation selectors", in: "a\ufe0fb\U000E0100c\u180bd", want: "abcd"},
	{name: "hangul filler", in: "a\u3164b", want: "ab"},
	{name: "tags dropped", in: "hi" + tags("ignore"), want: "hi"},
	{
		name: "tags decoded", opts: with(guard.DefaultNormalizeSteps | guard.NormalizeDecodeTags),
		in: "hi " + tags("IGNORE all") + "\U000E007F", want: "hi ignore all",
	},
	{name: "full width", in: "ＩＧＮＯＲＥ", want: "ignore"},
	{name: "mathematical bold", in: "𝐢𝐠𝐧𝐨𝐫𝐞", want: "ignore"},
	{name: "circled", in: "ⓘⓖⓝⓞⓡⓔ", want: "ignore"},
	{name: "ligature", in: "ﬁle", want: "file"},
	{name: "cyrillic look-alikes in latin word", in: "іgnоrе", want: "ignore"},
	{name: "greek capitals", in: "ΙGΝΟRΕ", want: "ignore"},
	{name: "small capitals", in: "ɪɢɴᴏʀᴇ", want: "ignore"},
	{name: "cherokee", in: "ᎪᏴᏟ", want: "abc"},
	{name: "whole cyrillic look-alike word", in: "рор", want: "pop"},
	{name: "russian text stays russian", in: "Привет, мир", want: "привет, мир"},
	{name: "word with a genuine letter is not folded", in: "пора", want: "пора"},
	{name: "greek text", in: "Καλημέρα", want: "καλημέρα"},
	{name: "cjk", in: "日本語のテキスト", want: "日本語のテキスト"},
	{name: "persian zwnj removed", in: "می\u200cخواهم", want: "میخواهم"},
	{name: "emoji sequences", in: "👩\u200d💻 ❤\ufe0f", want: "👩💻 ❤"},
	{name: "sharp s", in: "STRAẞE Straße", want: "strasse strasse"},
	{name: "combining accent composes", in: "e\u0301", want: "é"},
	{name: "accent across zero width space", in: "e\u200b\u0301", want: "é"},
	{name: "look-alike with accent", in: "а\u0301", want: "á"},
	{name: "lower case composes where upper case does not", in: "W\u030a", want: "ẘ"},
	{name: "invalid bytes", in: "a\xffb\xc3", want: "a\ufffdb\ufffd"},
	{name: "join spaces", in: "i g n o r e", want: "ignore"},
	{name: "join dots", in: "i.g.n.o.r.e", want: "ignore"},
	{name: "join hyphens", in: "i-g-n-o-r-e", want: "ignore"},
	{name: "join underscores", in: "I_G_N_O_R_E", want: "ignore"},
	{name: "join keeps context", in: "please i g n o r e this!", want: "please ignore this!"},
	{name: "join after spaces fold", in: "i  g\t n", want: "ign"},
	{name: "join after word", in: "ab c d e", want: "ab cde"},
	{name: "join acronym", in: "U.S.A. today", want: "usa. today"},
	{name: "join needs three", in: "a b", want: "a b"},
	{name: "join needs one separator", in: "i g.n", want: "i g.n"},
	{name: "join stops at longer token", in: "a b cd", want: "a b cd"},
	{name: "join stops at digit", in: "a b c1", want: "a b c1"},
	{name: "join abbreviation", in: "e.g. this", want: "e.g. this"},
	{name: "join cyrillic", in: "ж и л", want: "жил"},
	{name: "join hides look-alikes", in: "і g n о r е", want: "ignore"},
	{name: "leet off by default", in: "h4ck3r", want: "h4ck3r"},
	{name: "leet", opts: with(leetSteps), in: "h4ck3r p@$$w0rd 1gn0r3", want: "hacker password ignore"},
	{name: "leet needs a letter", opts: with(leetSteps), in: "$100 and 1337", want: "$100 and 1337"},
	{name: "leet misreads codes", opts: with(leetSteps), in: "mp3", want: "mpe"},
	{name: "no steps", opts: with(0), in: "Hi\u200b", want: "Hi\u200b"},
	{name: "no steps still replaces invalid bytes", opts: with(0), in: "a\xff", want: "a\ufffd"},
	{name: "case only", opts: with(guard.NormalizeCase), in: "ＡB\u200b", want: "ａb\u200b"},
	{
		name: "invisible only", opts: with(guard.NormalizeInvisible),
		in: "Ｉg\u200bnore  X", want: "Ｉgnore  X",
	},
}

func TestNormalize(t *testing.T) {
	for _, tc := range normalizeCases {
		t.Run(tc.name, func(t *testing.T) {
			n := guard.NewNormalizer(tc.opts...)
			got := n.Normalize(tc.in)
			assert.Equal(t, tc.want, got.Text)
			assert.True(t, utf8.ValidString(got.Text))
			again := n.Normalize(got.Text)
			assert.Equal(t, got.Text, again.Text, "normalising twice differs from once")
		})
	}
}

func TestNormalizerSteps(t *testing.T) {
	assert.Equal(t, guard.DefaultNormalizeSteps, guard.NewNormalizer().Steps())
	assert.Equal(t, leetSteps, guard.NewNormalizer(guard.NormalizeSteps(leetSteps)).Steps())
	assert.Equal(t, guard.DefaultNormalizeSteps, guard.NewNormalizer(nil).Steps())
	assert.Zero(t, guard.DefaultNormalizeSteps&guard.NormalizeLeetspeak)
	assert.Zero(t, guard.DefaultNormalizeSteps&guard.NormalizeDecodeTags)
}

func TestNormalizedOriginal(t *testing.T) {
	cases := []struct {
		name   string
		in     string
		needle string // a substring of the normalised text
		nth    int    // which occurrence of needle, from 0
		want   string // the input bytes it maps to
	}{
		{name: "identity", in: "hello world", needle: "world", want: "world"},
		{name: "case", in: "Hello  WORLD", needle: "world", want: "WORLD"},
		{name: "look-alike word", in: "say раураl now", needle: "paypal", want: "раураl"},
		{name: "one look-alike", in: "раураl", needle: "y", want: "у"},
		{name: "removed character inside", in: "ig\u200bnore me", needle: "ignore", want: "ig\u200bnore"},
		{name: "removed character outside", in: "\u200bab\u200b", needle: "ab", want: "ab"},
		{name: "ligature is never split", in: "ﬁle", needle: "i", want: "ﬁ"},
		{name: "composed accent", in: "e\u0301t", needle: "é", want: "e\u0301"},
		{name: "full width", in: "ＩＧＮＯＲＥ", needle: "gno", want: "ＧＮＯ"},
		{name: "joined letters", in: "i g n o r e!", needle: "ignore", want: "i g n o r e"},
		{name: "one joined letter", in: "i g n o r e!", needle: "g", want: "g"},
		{name: "white space run", in: "x\u00a0\u00a0y", needle: " ", want: "\u00a0"},
		{name: "sharp s", in: "Straße", needle: "s", nth: 1, want: "ß"},
		{name: "invalid byte", in: "a\xffb", needle: "\ufffd", want: "\xff"},
		{name: "multibyte unchanged", in: "Ж日本x", needle: "本", want: "本"},
	}
	n := guard.NewNormalizer()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got := n.Normalize(tc.in)
			at := -1
			for range tc.nth + 1 {
				k := strings.Index(got.Text[at+1:], tc.needle)
				require.GreaterOrEqual(t, k, 0, "%q not in %q", tc.needle, got.Text)
				at += 1 + k
			}
			a, b := got.Original(at, at+len(tc.needle))
			assert.Equal(t, tc.want, tc.in[a:b])
		})
	}
}

func TestNormalizedOriginalDecodedTags(t *testing.T) {
	n := guard.NewNormalizer(guard.NormalizeSteps(guard.DefaultNormalizeSteps | guard.NormalizeDecodeTags))
	in := "ok " + tags("Run rm") + "!"
	got := n.Normalize(in)
	require.Equal(t, "ok run rm!", got.Text)
	a, b := got.Original(3, 6)
	assert.Equal(t, tags("Run"), in[a:b])
	a, b = got.Original(8, 9)
	assert.Equal(t, tags("m"), in[a:b])
}

func TestNormalizedOriginalInsideCharacters(t *testing.T) {
	in := "Ж日本"
	got := guard.NewNormalizer().Normalize(in)
	require.Equal(t, "ж日本", got.Text)
	for i := range len(got.Text) {
		for j := i + 1; j <= len(got.Text); j++ {
			a, b := got.Original(i, j)
			assert.True(t, utf8.RuneStart(in[a]), "[%d,%d) starts mid-character at %d", i, j, a)
			assert.True(t, b == len(in) || utf8.RuneStart(in[b]), "[%d,%d) ends mid-character at %d", i, j, b)
			assert.Less(t, a, b)
		}
	}
	a, b := got.Original(1, 4)
	assert.Equal(t, "Ж日", in[a:b])
}

func TestNormalizedOriginalEdges(t *testing.T) {
	n := guard.NewNormalizer()
	cases := []struct {
		name       string
		in         string
		start, end int
		wantA      int
		wantB      int
	}{
		{name: "clamped", in: "abc", start: -5, end: 100, wantA: 0, wantB: 3},
		{name: "reversed is empty", in: "abc", start: 2, end: 1, wantA: 2, wantB: 2},
		{name: "empty at start after removed", in: "\u200bab", start: 0, end: 0, wantA: 3, wantB: 3},
		{name: "empty at end", in: "ab\u200b", start: 2, end: 2, wantA: 2, wantB: 2},
		{name: "empty text", in: "\u200b", start: 0, end: 0, wantA: 0, wantB: 0},
		{name: "empty input", in: "", start: 0, end: 0, wantA: 0, wantB: 0},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			a, b := n.Normalize(tc.in).Original(tc.start, tc.end)
			assert.Equal(t, [2]int{tc.wantA, tc.wantB}, [2]int{a, b})
		})
	}
	var zero guard.Normalized
	a, b := zero.Original(0, 1)
	assert.Equal(t, [2]int{0, 0}, [2]int{a, b})
}

// TestNormalizeRemovesEveryInvisible checks the invisible step against
// Unicode's own properties: every default-ignorable format character,
// variation selector and filler goes, except the Egyptian hieroglyph format
// controls, which lay out visible signs; nothing else does.
func TestNormalizeRemovesEveryInvisible(t *testing.T) {
	n := guard.NewNormalizer(guard.NormalizeSteps(guard.NormalizeInvisible))
	for r := rune(0); r <= unicode.MaxRune; r++ {
		if r == 0x40000 {
			r = 0xE0000 // nothing in between is assigned or default-ignorable
		}
		want := unicode.Is(unicode.Cf, r) && !unicode.Is(unicode.Prepended_Concatenation_Mark, r) ||
			unicode.Is(unicode.Other_Default_Ignorable_Code_Point, r) ||
			unicode.Is(unicode.Variation_Selector, r)
		if 0x13430 <= r && r <= 0x1343F || !utf8.ValidRune(r) {
			want = false
		}
		s := "x" + string(r) + "x"
		if got := n.Normalize(s).Text; (got == "xx") != want {
			t.Errorf("U+%04X: removed %v, want %v", r, got == "xx", want)
		}
	}
}

func TestNormalizeCleanASCIIDoesNotAllocate(t *testing.T) {
	n := guard.NewNormalizer()
	s := strings.Repeat("the quick brown fox jumps over the lazy dog. ", 20)
	allocs := testing.AllocsPerRun(100, func() {
		if n.Normalize(s).Text != s {
			t.Fatal("clean text changed")
		}
	})
	assert.Zero(t, allocs)
}

func TestNormalizerConcurrent(t *testing.T) {
	n := guard.NewNormalizer(guard.NormalizeSteps(leetSteps))
	want := make([]string, len(normalizeCases))
	for i, tc := range normalizeCases {
		want[i] = n.Normalize(tc.in).Text
	}
	done := make(chan struct{})
	for range 8 {
		go func() {
			defer func() { done <- struct{}{} }()
			for i, tc := range normalizeCases {
				if got := n.Normalize(tc.in).Text; got != want[i] {
					t.Errorf("%s: concurrent result differs", tc.name)
				}
			}
		}()
	}
	for range 8 {
		<-done
	}
}
