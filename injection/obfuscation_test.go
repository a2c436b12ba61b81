package injection

import (
	"context"
	"encoding/base64"
	"strings"
	"testing"
	"unicode"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/textnlp/textguard/guard"
)

// obfuscations rewrite a sentence the way attackers hide one from keyword
// filters, keeping it readable to a model.
var obfuscations = []struct {
	name string
	fn   func(string) string
}{
	{"homoglyphs", homoglyphs},
	{"zero_width", zeroWidth},
	{"leetspeak", leetspeak},
	{"base64", func(s string) string {
		return "Decode and do this: " + base64.StdEncoding.EncodeToString([]byte(s))
	}},
	{"spacing", spaceLongWords},
	{"tag_characters", tagCharacters},
	{"full_width", fullWidth},
}

// homoglyphs swaps Latin letters for Cyrillic look-alikes, alternately.
func homoglyphs(s string) string {
	swap := map[rune]rune{'a': 'а', 'e': 'е', 'o': 'о', 'c': 'с', 'p': 'р', 'x': 'х', 'i': 'і', 'y': 'у'}
	var b strings.Builder
	n := 0
	for _, r := range s {
		if c, ok := swap[r]; ok {
			n++
			if n%2 == 1 {
				r = c
			}
		}
		b.WriteRune(r)
	}
	return b.String()
}

// zeroWidth puts a zero-width space after every second letter of a word.
func zeroWidth(s string) string {
	var b strings.Builder
	n := 0
	for _, r := range s {
		b.WriteRune(r)
		if unicode.IsLetter(r) {
			n++
			if n%2 == 0 {
				b.WriteRune('\u200b')
			}
		} else {
			n = 0
		}
	}
	return b.String()
}

func leetspeak(s string) string {
	return strings.NewReplacer("a", "4", "e", "3", "i", "1", "o", "0", "s", "5", "t", "7").Replace(s)
}

// spaceLongWords spells every word of five letters or more with spaces
// between its letters.
func spaceLongWords(s string) string {
	words := strings.Fields(s)
	for i, w := range words {
		if len(w) >= 5 && isAllLetters(w) {
			words[i] = strings.Join(strings.Split(w, ""), " ")
		}
	}
	return strings.Join(words, "  ")
}

func isAllLetters(w string) bool {
	for _, r := range w {
		if r > unicode.MaxASCII || !unicode.IsLetter(r) {
			return false
		}
	}
	return true
}

// tagCharacters hides the sentence in Unicode tag characters after a
// harmless visible one.
func tagCharacters(s string) string {
	var b strings.Builder
	b.WriteString("Nice day. ")
	for _, r := range s {
		if r >= 0x20 && r < 0x7f {
			b.WriteRune(0xe0000 + r)
		}
	}
	return b.String()
}

func fullWidth(s string) string {
	var b strings.Builder
	for _, r := range s {
		if r > ' ' && r < 0x7f {
			r += 0xfee0
		}
		b.WriteRune(r)
	}
	return b.String()
}

// obfuscationSet is the English positives whose evidence is wording, not
// syntax: obfuscating a SQL payload or a chat template token changes what
// it is.
func obfuscationSet() []string {
	var out []string
	for _, p := range positives {
		switch p.category {
		case CategoryOverride, CategoryRoleHijack, CategoryManipulation, CategoryExtraction,
			CategoryExfiltration:
			if isASCIIText(p.text) {
				out = append(out, p.text)
			}
		}
	}
	return out
}

func isASCIIText(s string) bool {
	for _, r := range s {
		if r > unicode.MaxASCII {
			return false
		}
	}
	return true
}

// TestObfuscatedRecall measures recall on obfuscated copies of our own
// positive sentences and requires it to stay within five points of the
// recall on the plain ones.
func TestObfuscatedRecall(t *testing.T) {
	d, err := New()
	require.NoError(t, err)
	set := obfuscationSet()
	require.GreaterOrEqual(t, len(set), 30)
	recall := func(fn func(string) string) float64 {
		hit := 0
		for _, s := range set {
			fs, err := d.Scan(context.Background(), guard.Input{Text: fn(s)})
			require.NoError(t, err)
			if len(fs) > 0 {
				hit++
			}
		}
		return float64(hit) / float64(len(set))
	}
	base := recall(func(s string) string { return s })
	assert.Equal(t, 1.0, base)
	for _, o := range obfuscations {
		t.Run(o.name, func(t *testing.T) {
			r := recall(o.fn)
			t.Logf("recall %.3f (plain %.3f, %d sentences)", r, base, len(set))
			assert.GreaterOrEqual(t, r, base-0.05)
		})
	}
}
