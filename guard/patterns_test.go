package guard_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/textnlp/textguard/guard"
	"github.com/textnlp/textguard/guard/guardtest"
)

func TestNewPatternsErrors(t *testing.T) {
	tests := []struct {
		name  string
		rules []guard.Pattern
		want  string
	}{
		{"no id", []guard.Pattern{{Expr: "x"}}, `guard: rule "#0": no ID`},
		{"no expression", []guard.Pattern{{ID: "a"}}, `guard: rule "a": no expression`},
		{"duplicate id", []guard.Pattern{{ID: "a", Expr: "x"}, {ID: "a", Expr: "y"}},
			`guard: rule "a": duplicate ID`},
		{"re2 syntax", []guard.Pattern{{ID: "card", Expr: `(4[0-9]{12}`}},
			`guard: rule "card": invalid expression: missing closing )`},
		{"re2 has no lookahead", []guard.Pattern{{ID: "la", Expr: `foo(?=bar)`}},
			`guard: rule "la": invalid expression: invalid or unsupported Perl syntax`},
		{"regexp2 syntax", []guard.Pattern{{ID: "r2", Expr: `(?<=a`, Engine: guard.EngineRegexp2}},
			`guard: rule "r2": invalid expression: missing closing )`},
		{"missing group", []guard.Pattern{{ID: "g", Expr: `(a)b`, Group: 2}}, `guard: rule "g": no group 2`},
		{"missing regexp2 group", []guard.Pattern{{ID: "g", Expr: `(a)b`, Group: 3, Engine: guard.EngineRegexp2}},
			`guard: rule "g": no group 3`},
		{"negative group", []guard.Pattern{{ID: "g", Expr: `a`, Group: -1}}, `guard: rule "g": negative group -1`},
		{"negative max len", []guard.Pattern{{ID: "m", Expr: `a`, MaxLen: -1}},
			`guard: rule "m": negative max length -1`},
		{"unknown engine", []guard.Pattern{{ID: "e", Expr: `a`, Engine: 5}}, `guard: rule "e": unknown engine 5`},
		{"empty keyword", []guard.Pattern{{ID: "k", Expr: `a`, Keywords: []string{""}}},
			`guard: rule "k": keyword 0 is empty or not UTF-8`},
		{"bad score", []guard.Pattern{{ID: "s", Expr: `a`, Score: -0.5}}, `guard: rule "s": score -0.5 outside [0,1]`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := guard.NewPatterns(tt.rules)
			require.EqualError(t, err, tt.want)
			require.ErrorIs(t, err, guard.ErrInvalidRule)
			assert.Nil(t, p)
			for _, r := range tt.rules {
				if len(r.Expr) > 1 {
					assert.NotContains(t, err.Error(), r.Expr, "the error must not quote the expression")
				}
			}
		})
	}
	t.Run("bad timeout", func(t *testing.T) {
		_, err := guard.NewPatterns(nil, guard.MatchTimeout(0))
		require.EqualError(t, err, "guard: match timeout must be positive, got 0s")
	})
}

func TestPatternsScan(t *testing.T) {
	tests := []struct {
		name  string
		rules []guard.Pattern
		text  string
		want  []string
	}{
		{name: "empty text", rules: []guard.Pattern{{ID: "d", Expr: `\d+`}}, text: ""},
		{name: "whole match", rules: []guard.Pattern{{ID: "d", Expr: `\d{3}-\d{4}`}},
			text: "call 555-1234 or 5551234", want: []string{"d:555-1234"}},
		{name: "capture group",
			rules: []guard.Pattern{{ID: "key", Expr: `api_key=([A-Za-z0-9]{8,})`, Group: 1}},
			text:  "api_key=abcd1234efgh&x=1", want: []string{"key:abcd1234efgh"}},
		{name: "group that took no part",
			rules: []guard.Pattern{{ID: "g", Expr: `a(b)?c`, Group: 1}},
			text:  "ac abc", want: []string{"g:b"}},
		{name: "empty matches are dropped", rules: []guard.Pattern{{ID: "e", Expr: `x*`}},
			text: "axxb", want: []string{"e:xx"}},
		{name: "unicode offsets", rules: []guard.Pattern{{ID: "w", Expr: `(?i)straße`}},
			text: "Die STRASSE, die Straße", want: []string{"w:Straße"}},
		{name: "rules overlap and sort by position",
			rules: []guard.Pattern{{ID: "late", Expr: `bar`}, {ID: "early", Expr: `foobar`}},
			text:  "foobar", want: []string{"early:foobar", "late:bar"}},
		{name: "equal spans keep rule order",
			rules: []guard.Pattern{{ID: "b", Expr: `x`}, {ID: "a", Expr: `x`}},
			text:  "x", want: []string{"b:x", "a:x"}},
		{name: "keyword gate closed",
			rules: []guard.Pattern{{ID: "gh", Expr: `ghp_[A-Za-z0-9]{6}`, Keywords: []string{"ghp_"}}},
			text:  "no token here ghx_abcdef"},
		{name: "keyword gate open, case folded",
			rules: []guard.Pattern{{ID: "gh", Expr: `(?i)ghp_[A-Za-z0-9]{6}`, Keywords: []string{"ghp_"}}},
			text:  "token GHP_abc123", want: []string{"gh:GHP_abc123"}},
		{name: "one keyword opens only its rule",
			rules: []guard.Pattern{
				{ID: "a", Expr: `a\d`, Keywords: []string{"a"}},
				{ID: "b", Expr: `\d`, Keywords: []string{"zzz"}},
				{ID: "c", Expr: `c\d`},
			},
			text: "a1 c2", want: []string{"a:a1", "c:c2"}},
		{name: "regexp2 lookahead",
			rules: []guard.Pattern{{ID: "pw", Expr: `\b(?=\w*\d)(?=\w*[A-Z])\w{8,}\b`, Engine: guard.EngineRegexp2}},
			text:  "words like password and Passw0rdX123 here", want: []string{"pw:Passw0rdX123"}},
		{name: "regexp2 backreference with multibyte text",
			rules: []guard.Pattern{{ID: "rep", Expr: `(\p{L}+) \1`, Engine: guard.EngineRegexp2}},
			text:  "日本 日本 and café café", want: []string{"rep:日本 日本", "rep:café café"}},
		{name: "regexp2 group",
			rules: []guard.Pattern{{ID: "g", Expr: `(?<=user:)(\w+)`, Group: 1, Engine: guard.EngineRegexp2}},
			text:  "user:ünï and user:bob", want: []string{"g:ünï", "g:bob"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := guard.NewPatterns(tt.rules)
			require.NoError(t, err)
			fs := scanStage(t, p, tt.text)
			assert.Equal(t, tt.want, ruleSpans(tt.text, fs))
		})
	}
}

func TestPatternsFindingFields(t *testing.T) {
	p, err := guard.NewPatterns([]guard.Pattern{
		{ID: "a", Expr: "x"},
		{ID: "b", Category: "cat", Expr: "y", Score: 0.25, Severity: guard.SeverityCritical},
	})
	require.NoError(t, err)
	assert.Equal(t, []guard.Finding{
		{Rule: "a", Category: guard.CategoryPattern, Start: 0, End: 1, Score: 1},
		{Rule: "b", Category: "cat", Start: 1, End: 2, Score: 0.25, Severity: guard.SeverityCritical},
	}, scanStage(t, p, "xy"))
}

func TestPatternsTimeout(t *testing.T) {
	// Nested repetition backtracks exponentially on a near miss.
	p, err := guard.NewPatterns([]guard.Pattern{
		{ID: "redos", Expr: `^(a+)+$`, Engine: guard.EngineRegexp2},
	}, guard.MatchTimeout(5*time.Millisecond))
	require.NoError(t, err)
	text := strings.Repeat("a", 40) + "!"
	fs, err := p.Scan(context.Background(), guard.Input{Text: text})
	require.ErrorIs(t, err, guard.ErrMatchTimeout)
	assert.Nil(t, fs, "a timeout returns no partial result")
	var re *guard.RuleError
	require.ErrorAs(t, err, &re)
	assert.Equal(t, "redos", re.Rule)
	assert.NotContains(t, err.Error(), "aaaa", "the error must not quote the text")
	assert.Equal(t, `guard: rule "redos": match timed out after 5ms`, err.Error())
}

func TestPatternsCancelled(t *testing.T) {
	p, err := guard.NewPatterns([]guard.Pattern{{ID: "a", Expr: "x"}})
	require.NoError(t, err)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err = p.Scan(ctx, guard.Input{Text: "x"})
	require.ErrorIs(t, err, context.Canceled)
}

func TestPatternsWindow(t *testing.T) {
	tests := []struct {
		name  string
		rules []guard.Pattern
		want  int
	}{
		{"no rules", nil, 0},
		{"fixed length", []guard.Pattern{{ID: "a", Expr: `\d{3}-\d{4}`}}, 8 + 4},
		{"bounded repetition", []guard.Pattern{{ID: "a", Expr: `[a-z]{2,5}@x`}}, 7 + 4},
		{"alternation takes the longest", []guard.Pattern{{ID: "a", Expr: `ab|c{3}d`}}, 4 + 4},
		{"multibyte class", []guard.Pattern{{ID: "a", Expr: `[а-я]{3}`}}, 6 + 4},
		{"folded literal", []guard.Pattern{{ID: "a", Expr: `(?i)k`}}, 3 + 4},
		{"any char", []guard.Pattern{{ID: "a", Expr: `a.b`}}, 6 + 4},
		{"anchors are free", []guard.Pattern{{ID: "a", Expr: `^\bab$`}}, 2 + 4},
		{"star is unbounded", []guard.Pattern{{ID: "a", Expr: `a\d+`}}, -1},
		{"max len wins", []guard.Pattern{{ID: "a", Expr: `a\d+`, MaxLen: 40}}, 40 + 4},
		{"largest rule", []guard.Pattern{{ID: "a", Expr: `a`}, {ID: "b", Expr: `b`, MaxLen: 9}}, 9 + 4},
		{"one unbounded rule", []guard.Pattern{{ID: "a", Expr: `a`}, {ID: "b", Expr: `b+`}}, -1},
		{"regexp2 needs max len", []guard.Pattern{{ID: "a", Expr: `ab`, Engine: guard.EngineRegexp2}}, -1},
		{"regexp2 with max len", []guard.Pattern{{ID: "a", Expr: `a(?=b)`, Engine: guard.EngineRegexp2, MaxLen: 2}},
			2 + 4},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := guard.NewPatterns(tt.rules)
			require.NoError(t, err)
			assert.Equal(t, tt.want, p.Window())
		})
	}
}

func TestUnboundedPatternsMakeTheGuardHoldBack(t *testing.T) {
	p, err := guard.NewPatterns([]guard.Pattern{{ID: "a", Expr: `a+`}})
	require.NoError(t, err)
	g, err := guard.New(guard.OutputStages(guard.Stage{Scanner: p}))
	require.NoError(t, err)
	assert.Equal(t, -1, g.Window())
}

var patternSamples = []string{
	"", "nothing here",
	"call 555-1234, 555-9876 or 555-12345; token ghp_abc123 GHP_ZZZ999",
	"user:ünï and user:bob, Passw0rdX123, 日本 日本",
	strings.Repeat("555-0000 ", 12),
}

func TestPatternsContract(t *testing.T) {
	p, err := guard.NewPatterns([]guard.Pattern{
		{ID: "phone", Expr: `\b\d{3}-\d{4}\b`},
		{ID: "gh", Expr: `(?i)ghp_[a-z0-9]{6}`, Keywords: []string{"ghp_"}},
		{ID: "user", Expr: `(?<=user:)(\w{1,16})`, Group: 1, Engine: guard.EngineRegexp2, MaxLen: 40},
		{ID: "pw", Expr: `(?=\w{0,15}\d)\w{8,16}`, Engine: guard.EngineRegexp2, MaxLen: 64},
	}, guard.MatchTimeout(time.Minute)) // the race detector and 8 goroutines slow it down
	require.NoError(t, err)
	require.Positive(t, p.Window())
	guardtest.TestScanner(t, p, patternSamples)
	guardtest.TestSanitizer(t, p, guard.Redact(""), patternSamples)
	guardtest.TestSanitizer(t, p, guard.Tag(), patternSamples)
}
