package guard_test

import (
	"context"
	"encoding/json"
	"os"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/textnlp/textguard/guard"
	"github.com/textnlp/textguard/guard/guardtest"
)

type tokenSample struct {
	Name   string `json:"name"`
	Text   string `json:"text"`
	CL100k int    `json:"cl100k_base"`
	O200k  int    `json:"o200k_base"`
}

func loadTokenSamples(t testing.TB) []tokenSample {
	t.Helper()
	data, err := os.ReadFile("testdata/token_samples.json")
	require.NoError(t, err)
	var doc struct{ Samples []tokenSample }
	require.NoError(t, json.Unmarshal(data, &doc))
	require.NotEmpty(t, doc.Samples)
	return doc.Samples
}

func tokenRatio(a, b int) float64 {
	x, y := float64(a), float64(b)
	return max(x/y, y/x)
}

func TestEstimateTokensSamples(t *testing.T) {
	// Scripts the big vocabularies cover well, where the estimate should be
	// close to both encodings.
	near := map[string]bool{
		"english": true, "english_chat": true, "code": true, "json": true,
		"numbers": true, "url": true, "german": true, "french": true,
		"long_words": true, "mixed_whitespace": true, "emoji": true,
	}
	for _, s := range loadTokenSamples(t) {
		t.Run(s.Name, func(t *testing.T) {
			n := guard.EstimateTokens(s.Text)
			t.Logf("estimate %d, cl100k_base %d, o200k_base %d", n, s.CL100k, s.O200k)
			assert.LessOrEqual(t, tokenRatio(n, s.CL100k), 2.0, "cl100k_base")
			assert.LessOrEqual(t, tokenRatio(n, s.O200k), 2.2, "o200k_base")
			if near[s.Name] {
				assert.LessOrEqual(t, tokenRatio(n, s.CL100k), 1.5, "cl100k_base")
				assert.LessOrEqual(t, tokenRatio(n, s.O200k), 1.5, "o200k_base")
			}
		})
	}
}

func TestEstimateTokens(t *testing.T) {
	tests := []struct {
		name string
		text string
		want int
	}{
		{"empty", "", 0},
		{"one short word", "hello", 1},
		{"six letters are one token", "abcdef", 1},
		{"seven letters are two", "abcdefg", 2},
		{"lone space is free", "hi there", 2},
		{"double space is a token", "hi  there", 3},
		{"newline is a token", "hi\nthere", 3},
		{"trailing lone space", "hi ", 1},
		{"punctuation one each", "a, b!", 4},
		{"digits in threes", "1234567", 3},
		{"cjk one per character", "秘密码", 3},
		{"kana and hangul", "ひらがな한국", 6},
		{"cyrillic two letters a token", "пароль", 3},
		{"emoji one each", "🎉🚀", 2},
		{"combining mark stays in the word", "e\u0301te", 1},
		{"invalid utf8 counts per byte", "\xff\xfe", 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, guard.EstimateTokens(tt.text))
		})
	}
}

func TestNewLengthLimitErrors(t *testing.T) {
	tests := []struct {
		name string
		lim  guard.LengthLimits
		want string
	}{
		{"no limit", guard.LengthLimits{}, "guard: length limit sets no limit"},
		{"negative bytes", guard.LengthLimits{MaxBytes: -1},
			"guard: length limits must not be negative, got -1 bytes and 0 tokens"},
		{"negative tokens", guard.LengthLimits{MaxBytes: 5, MaxTokens: -2},
			"guard: length limits must not be negative, got 5 bytes and -2 tokens"},
		{"bad severity", guard.LengthLimits{MaxBytes: 5, Severity: 9},
			"guard: length limit: unknown severity 9"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l, err := guard.NewLengthLimit(tt.lim)
			require.EqualError(t, err, tt.want)
			assert.Nil(t, l)
		})
	}
}

func TestLengthLimitScan(t *testing.T) {
	tests := []struct {
		name  string
		lim   guard.LengthLimits
		text  string
		want  []guard.Finding
		after string // the text after sanitizing
	}{
		{name: "empty", lim: guard.LengthLimits{MaxBytes: 1, MaxTokens: 1}, text: "", after: ""},
		{name: "exactly at the byte limit", lim: guard.LengthLimits{MaxBytes: 5}, text: "hello",
			after: "hello"},
		{name: "one byte over", lim: guard.LengthLimits{MaxBytes: 5}, text: "hello!",
			want:  []guard.Finding{{Rule: guard.RuleLengthBytes, Start: 5, End: 6}},
			after: "hello"},
		{name: "cut backs off to a rune start", lim: guard.LengthLimits{MaxBytes: 4}, text: "abcé",
			want:  []guard.Finding{{Rule: guard.RuleLengthBytes, Start: 3, End: 5}},
			after: "abc"},
		{name: "cut before a first multibyte rune", lim: guard.LengthLimits{MaxBytes: 2}, text: "日本",
			want:  []guard.Finding{{Rule: guard.RuleLengthBytes, Start: 0, End: 6}},
			after: ""},
		{name: "tokens within", lim: guard.LengthLimits{MaxTokens: 3}, text: "one two three",
			after: "one two three"},
		{name: "tokens over", lim: guard.LengthLimits{MaxTokens: 2}, text: "one two three",
			want:  []guard.Finding{{Rule: guard.RuleLengthTokens, Start: 8, End: 13}},
			after: "one two "},
		{name: "tokens over in cjk", lim: guard.LengthLimits{MaxTokens: 2}, text: "秘密码",
			want:  []guard.Finding{{Rule: guard.RuleLengthTokens, Start: 6, End: 9}},
			after: "秘密"},
		{name: "both, token cut first", lim: guard.LengthLimits{MaxBytes: 12, MaxTokens: 1},
			text: "one two three",
			want: []guard.Finding{
				{Rule: guard.RuleLengthTokens, Start: 4, End: 13},
				{Rule: guard.RuleLengthBytes, Start: 12, End: 13},
			},
			after: "one "},
		{name: "both, byte cut first", lim: guard.LengthLimits{MaxBytes: 3, MaxTokens: 2},
			text: "one two three",
			want: []guard.Finding{
				{Rule: guard.RuleLengthBytes, Start: 3, End: 13},
				{Rule: guard.RuleLengthTokens, Start: 8, End: 13},
			},
			after: "one"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l, err := guard.NewLengthLimit(tt.lim)
			require.NoError(t, err)
			fs := scanStage(t, l, tt.text)
			for i := range tt.want {
				tt.want[i].Category, tt.want[i].Score = guard.CategoryLength, 1
			}
			assert.Equal(t, tt.want, fs)
			in := guard.Input{Text: tt.text}
			edits, err := l.Sanitize(context.Background(), in, fs)
			require.NoError(t, err)
			after := applyStageEdits(tt.text, edits)
			assert.Equal(t, tt.after, after)
			assert.Empty(t, scanStage(t, l, after), "sanitizing leaves nothing to find")
		})
	}
}

func TestTokenCutIsExact(t *testing.T) {
	for _, s := range loadTokenSamples(t) {
		total := guard.EstimateTokens(s.Text)
		for limit := 1; limit < total; limit += max(1, total/7) {
			l, err := guard.NewLengthLimit(guard.LengthLimits{MaxTokens: limit})
			require.NoError(t, err)
			fs := scanStage(t, l, s.Text)
			require.Len(t, fs, 1, "%s limit %d", s.Name, limit)
			kept := s.Text[:fs[0].Start]
			assert.Equal(t, limit, guard.EstimateTokens(kept), "%s limit %d", s.Name, limit)
		}
	}
}

func TestLengthLimitCancelled(t *testing.T) {
	l, err := guard.NewLengthLimit(guard.LengthLimits{MaxTokens: 10})
	require.NoError(t, err)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err = l.Scan(ctx, guard.Input{Text: strings.Repeat("word ", 100)})
	require.ErrorIs(t, err, context.Canceled)
}

func TestLengthLimitContract(t *testing.T) {
	samples := []string{"", "short", strings.Repeat("long text ", 40), "日本語のテキスト", "é\u0301"}
	for _, lim := range []guard.LengthLimits{{MaxBytes: 20}, {MaxTokens: 5}, {MaxBytes: 7, MaxTokens: 3}} {
		l, err := guard.NewLengthLimit(lim)
		require.NoError(t, err)
		guardtest.TestScanner(t, l, samples)
		guardtest.TestSanitizer(t, l, l, samples)
	}
}
