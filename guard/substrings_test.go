package guard_test

import (
	"context"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/textnlp/textguard/guard"
	"github.com/textnlp/textguard/guard/guardtest"
)

func TestNewSubstringsErrors(t *testing.T) {
	tests := []struct {
		name  string
		rules []guard.Substring
		want  string
	}{
		{"no id", []guard.Substring{{Literals: []string{"x"}}}, `guard: rule "#0": no ID`},
		{"duplicate id", []guard.Substring{{ID: "a", Literals: []string{"x"}}, {ID: "a", Literals: []string{"y"}}},
			`guard: rule "a": duplicate ID`},
		{"no literals", []guard.Substring{{ID: "a"}}, `guard: rule "a": no literals`},
		{"empty literal", []guard.Substring{{ID: "a", Literals: []string{"x", ""}}},
			`guard: rule "a": literal 1 is empty`},
		{"invalid utf8", []guard.Substring{{ID: "a", Literals: []string{"\xff"}}},
			`guard: rule "a": literal 0 is not valid UTF-8`},
		{"score above one", []guard.Substring{{ID: "a", Literals: []string{"x"}, Score: 1.5}},
			`guard: rule "a": score 1.5 outside [0,1]`},
		{"unknown severity", []guard.Substring{{ID: "a", Literals: []string{"x"}, Severity: 7}},
			`guard: rule "a": unknown severity 7`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, err := guard.NewSubstrings(tt.rules)
			require.EqualError(t, err, tt.want)
			require.ErrorIs(t, err, guard.ErrInvalidRule)
			var re *guard.RuleError
			require.ErrorAs(t, err, &re)
			assert.Nil(t, s)
		})
	}
}

func TestSubstringsScan(t *testing.T) {
	rules := []guard.Substring{
		{ID: "violence", Category: "violence", Literals: []string{"kill"}, Severity: guard.SeverityHigh},
		{ID: "idiom", Literals: []string{"kill time"}, Score: 0.2},
		{ID: "secret", Category: "leak", Literals: []string{"project falcon", "пароль", "#internal"}},
		{ID: "cjk", Literals: []string{"机密"}},
		{ID: "dup", Literals: []string{"KILL"}},
	}
	tests := []struct {
		name string
		opts []guard.SubstringOption
		text string
		want []string
	}{
		{name: "empty", text: ""},
		{name: "clean", text: "nothing to see here"},
		{name: "near miss", text: "kil l, project-falcon, pass word"},
		{name: "case folded", text: "KILL it. Project FALCON.",
			want: []string{"violence:KILL", "secret:Project FALCON"}},
		{name: "unicode case", text: "ПАРОЛЬ: 1234", want: []string{"secret:ПАРОЛЬ"}},
		{name: "longest wins", text: "let us kill time", want: []string{"idiom:kill time"}},
		{name: "inside words by default", text: "skill", want: []string{"violence:kill"}},
		{name: "whole words", opts: []guard.SubstringOption{guard.WholeWords()},
			text: "skill, killer, kill_it, kill2, kill!", want: []string{"violence:kill"}},
		{name: "whole words in cyrillic", opts: []guard.SubstringOption{guard.WholeWords()},
			text: "мойпароль и пароль", want: []string{"secret:пароль"}},
		{name: "whole words with punctuation edge", opts: []guard.SubstringOption{guard.WholeWords()},
			text: "a#internal note", want: []string{"secret:#internal"}},
		{name: "whole words skip a longer literal that fails", opts: []guard.SubstringOption{guard.WholeWords()},
			text: "kill timer", want: []string{"violence:kill"}},
		{name: "cjk inside a run", text: "这是机密文件", want: []string{"cjk:机密"}},
		{name: "cjk has no word boundaries", opts: []guard.SubstringOption{guard.WholeWords()},
			text: "这是机密文件"},
		{name: "match case", opts: []guard.SubstringOption{guard.MatchCase()},
			text: "kill KILL Kill", want: []string{"violence:kill", "dup:KILL"}},
		{name: "kelvin sign folds", text: "\u212AILL", want: []string{"violence:\u212AILL"}},
		{name: "adjacent", text: "killkill", want: []string{"violence:kill", "violence:kill"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, err := guard.NewSubstrings(rules, tt.opts...)
			require.NoError(t, err)
			fs := scanStage(t, s, tt.text)
			assert.Equal(t, tt.want, ruleSpans(tt.text, fs))
		})
	}
}

func TestSubstringsFindingFields(t *testing.T) {
	s, err := guard.NewSubstrings([]guard.Substring{
		{ID: "a", Literals: []string{"x"}},
		{ID: "b", Category: "cat", Literals: []string{"y"}, Score: 0.5, Severity: guard.SeverityLow},
	})
	require.NoError(t, err)
	fs := scanStage(t, s, "x y")
	assert.Equal(t, []guard.Finding{
		{Rule: "a", Category: guard.CategorySubstring, Start: 0, End: 1, Score: 1},
		{Rule: "b", Category: "cat", Start: 2, End: 3, Score: 0.5, Severity: guard.SeverityLow},
	}, fs)
}

func TestSubstringsWindow(t *testing.T) {
	rules := []guard.Substring{{ID: "a", Literals: []string{"abc", "k"}}}
	s, err := guard.NewSubstrings(rules, guard.MatchCase())
	require.NoError(t, err)
	assert.Equal(t, 3, s.Window())
	s, err = guard.NewSubstrings(rules)
	require.NoError(t, err)
	assert.Equal(t, 3, s.Window(), `"k" can match the three-byte Kelvin sign`)
	s, err = guard.NewSubstrings(rules, guard.WholeWords())
	require.NoError(t, err)
	assert.Equal(t, 7, s.Window())
}

func TestSubstringsNoRules(t *testing.T) {
	s, err := guard.NewSubstrings(nil)
	require.NoError(t, err)
	assert.Empty(t, scanStage(t, s, "anything"))
}

func TestSubstringsCancelled(t *testing.T) {
	s, err := guard.NewSubstrings([]guard.Substring{{ID: "a", Literals: []string{"x"}}})
	require.NoError(t, err)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err = s.Scan(ctx, guard.Input{Text: "x"})
	require.ErrorIs(t, err, context.Canceled)
}

// substringSamples are texts for the contract checks, chosen so that
// matches straddle every chunk size the stream check tries.
var substringSamples = []string{
	"", "clean text",
	"kill time before you kill the bill, skill and killkill",
	strings.Repeat("Project Falcon! ", 9),
	"ПАРОЛЬ пароль мойпароль \u212Aill",
	"这是机密文件，机密。",
	"#internal#internal a#internal",
}

func TestSubstringsContract(t *testing.T) {
	rules := []guard.Substring{
		{ID: "violence", Literals: []string{"kill"}},
		{ID: "idiom", Literals: []string{"kill time"}},
		{ID: "secret", Literals: []string{"project falcon", "пароль", "#internal", "机密"}},
	}
	for name, opts := range map[string][]guard.SubstringOption{
		"default":     nil,
		"whole words": {guard.WholeWords()},
		"match case":  {guard.MatchCase(), guard.WholeWords()},
	} {
		t.Run(name, func(t *testing.T) {
			s, err := guard.NewSubstrings(rules, opts...)
			require.NoError(t, err)
			guardtest.TestScanner(t, s, substringSamples)
			guardtest.TestSanitizer(t, s, guard.Redact(""), substringSamples)
			guardtest.TestSanitizer(t, s, guard.Mask('*', 0), substringSamples)
		})
	}
}

func TestSubstringsCleanInputAllocs(t *testing.T) {
	for _, opts := range [][]guard.SubstringOption{nil, {guard.WholeWords()}} {
		s, err := guard.NewSubstrings([]guard.Substring{{ID: "a", Literals: []string{"falcon", "пароль"}}}, opts...)
		require.NoError(t, err)
		in := guard.Input{Text: strings.Repeat("nothing to find in this text. ", 40)}
		ctx := context.Background()
		allocs := testing.AllocsPerRun(50, func() {
			if _, err := s.Scan(ctx, in); err != nil {
				t.Fatal(err)
			}
		})
		assert.Zero(t, allocs)
	}
}

func TestSubstringsNormalized(t *testing.T) {
	rules := []guard.Substring{
		{ID: "kill", Literals: []string{"kill"}},
		{ID: "street", Literals: []string{"Straße"}},
	}
	s, err := guard.NewSubstrings(rules, guard.NormalizeWith(guard.NewNormalizer()))
	require.NoError(t, err)
	tests := []struct {
		name string
		text string
		want []string
	}{
		{"plain", "kill", []string{"kill:kill"}},
		{"zero-width space inside", "k\u200Bill it", []string{"kill:k\u200Bill"}},
		{"cyrillic look-alike", "kіll", []string{"kill:kіll"}},
		{"full-width", "ＫＩＬＬ", []string{"kill:ＫＩＬＬ"}},
		{"spaced out", "please k i l l it", []string{"kill:k i l l"}},
		{"literal normalised too", "STRASSE", []string{"street:STRASSE"}},
		{"near miss", "kil l", nil},
		{"empty", "", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, ruleSpans(tt.text, scanStage(t, s, tt.text)))
		})
	}
	assert.Equal(t, -1, s.Window(), "normalising makes the scanner unbounded")
}

func TestSubstringsNormalizedErrors(t *testing.T) {
	_, err := guard.NewSubstrings(nil, guard.NormalizeWith(nil))
	require.EqualError(t, err, "guard: substrings: nil normalizer")
	_, err = guard.NewSubstrings([]guard.Substring{{ID: "zw", Literals: []string{"\u200B"}}},
		guard.NormalizeWith(guard.NewNormalizer()))
	require.EqualError(t, err, `guard: rule "zw": literal 0 is empty once normalised`)
}

func TestSubstringsNormalizedContract(t *testing.T) {
	s, err := guard.NewSubstrings([]guard.Substring{
		{ID: "violence", Literals: []string{"kill"}},
		{ID: "secret", Literals: []string{"project falcon", "пароль", "#internal", "机密"}},
	}, guard.NormalizeWith(guard.NewNormalizer()), guard.WholeWords())
	require.NoError(t, err)
	samples := append([]string{"k\u200Bill ﬁle ＫＩＬＬ", "p r o j e c t falcon", "kіll"}, substringSamples...)
	// Hide Window: the scanner is unbounded, and the stream check wants a
	// bounded window.
	plain := guard.ScannerFunc(s.Scan)
	guardtest.TestScanner(t, plain, samples)
	guardtest.TestSanitizer(t, plain, guard.Redact(""), samples)
}
