package secrets

import (
	"context"
	"encoding/base64"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/textnlp/textguard/guard"
)

func scan(t *testing.T, d *Detector, text string) []guard.Finding {
	t.Helper()
	fs, err := d.Scan(context.Background(), guard.Input{Text: text})
	require.NoError(t, err)
	return fs
}

func TestScanFindingFields(t *testing.T) {
	g := &gen{state: 1}
	tok := "ghp_" + g.s(alnum, 36)
	text := "export GITHUB_TOKEN=" + tok + "\n"
	d, err := New()
	require.NoError(t, err)
	fs := scan(t, d, text)
	require.Len(t, fs, 1)
	f := fs[0]
	assert.Equal(t, "secrets.github-pat", f.Rule)
	assert.Equal(t, Category, f.Category)
	assert.Equal(t, tok, f.Span(text), "the finding covers the value, not the key")
	assert.Equal(t, guard.SeverityCritical, f.Severity)
	assert.InDelta(t, 0.97, f.Score, 1e-9)
}

func TestScanEdgeCases(t *testing.T) {
	g := &gen{state: 2}
	a, b := "ghp_"+g.s(alnum, 36), "ghp_"+g.s(alnum, 36)
	tests := []struct {
		name string
		text string
		want []string
	}{
		{"empty", "", nil},
		{"clean prose", "The quick brown fox jumps over the lazy dog.", nil},
		{"adjacent tokens share a separator", a + "," + b, []string{a, b}},
		{"token after multibyte text", "clé: « " + a + " »", []string{a}},
		{"token in a URL", "https://" + a + "@github.com/o/r.git", []string{a}},
		{"prefix glued to a word", "xghp_" + g.s(alnum, 36), nil},
		{"longer than the format", "ghp_" + g.s(alnum, 40), nil},
	}
	d, err := New()
	require.NoError(t, err)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fs := scan(t, d, tt.text)
			var got []string
			for _, f := range fs {
				got = append(got, f.Span(tt.text))
			}
			assert.Equal(t, tt.want, got)
		})
	}
}

func TestScanKeepsTheStrongerOfNestedFindings(t *testing.T) {
	g := &gen{state: 3}
	key := "sk_live_" + g.s(alnum, 30)
	text := `STRIPE_API_KEY="` + key + `"`
	d, err := New()
	require.NoError(t, err)
	fs := scan(t, d, text)
	require.Len(t, fs, 1, "generic-secret sees the same span and must yield to the provider rule")
	assert.Equal(t, "secrets.stripe-secret-key", fs[0].Rule)
}

func TestScanPrefersTheTokenRuleInAHeader(t *testing.T) {
	jwt := b64json(`{"alg":"HS256"}`) + "." + b64json(`{"sub":"a"}`) + ".c2lnbmF0dXJlc2lnbmF0dXJl"
	text := "Authorization: Bearer " + jwt
	d, err := New()
	require.NoError(t, err)
	fs := scan(t, d, text)
	require.Len(t, fs, 1)
	assert.Equal(t, "secrets.jwt", fs[0].Rule)
	assert.Equal(t, jwt, fs[0].Span(text))
}

func TestScanLowersScoreForLowEntropy(t *testing.T) {
	d, err := New(WithRuleSet(Rule{ID: "word", Pattern: `word=(\w+)`, Keywords: []string{"word="}, Score: 1}))
	require.NoError(t, err)
	weak := scan(t, d, "word=aaaabbbb")
	strong := scan(t, d, "word=q8Zr2LxW0pTn5Vb7")
	require.Len(t, weak, 1)
	require.Len(t, strong, 1)
	assert.Less(t, weak[0].Score, strong[0].Score)
	assert.InDelta(t, 1, strong[0].Score, 1e-9)
}

func TestScanCutsLongSecrets(t *testing.T) {
	d, err := New(WithRuleSet(Rule{ID: "blob", Pattern: `blob:(\S+)`, Keywords: []string{"blob:"}, MaxLen: 10}))
	require.NoError(t, err)
	text := "blob:" + strings.Repeat("é", 20)
	fs := scan(t, d, text)
	require.Len(t, fs, 1)
	assert.LessOrEqual(t, fs[0].Len(), 10)
	assert.True(t, utf8.ValidString(fs[0].Span(text)), "the cut lands on a rune boundary")
	assert.Equal(t, 10+contextLen, d.Window())
}

func TestScanCancelled(t *testing.T) {
	d, err := New()
	require.NoError(t, err)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	fs, err := d.Scan(ctx, guard.Input{Text: "password=" + strings.Repeat("Zq9!", 8)})
	assert.ErrorIs(t, err, context.Canceled)
	assert.Nil(t, fs)
}

func TestOptions(t *testing.T) {
	g := &gen{state: 4}
	tok := "ghp_" + g.s(alnum, 36)
	custom := Rule{ID: "acme", Pattern: `acme_([0-9a-f]{16})`, Keywords: []string{"acme_"}, Score: 0.5}
	acme := "acme_" + g.s(hexLow, 16)
	tests := []struct {
		name string
		opts []Option
		text string
		want []string // rule IDs found
	}{
		{"defaults", nil, tok, []string{"secrets.github-pat"}},
		{"without a rule", []Option{WithoutRules("github-pat")}, tok, nil},
		{"added rule", []Option{WithRules(custom)}, acme, []string{"secrets.acme"}},
		{"replaced set", []Option{WithRuleSet(custom)}, tok + " " + acme, []string{"secrets.acme"}},
		{"set then add", []Option{WithRuleSet(custom), WithRules(DefaultRules()[0])}, "AKIA" + g.s(base32, 16), []string{"secrets.aws-access-key-id"}},
		{"override by id", []Option{WithRules(Rule{ID: "github-pat", Pattern: `nomatch_(x)`, Keywords: []string{"nomatch_"}})}, tok, nil},
		{"allow value", []Option{WithAllowValues(tok)}, tok, nil},
		{"allow pattern", []Option{WithAllowPatterns(`^ghp_`)}, tok, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, err := New(tt.opts...)
			require.NoError(t, err)
			var got []string
			for _, f := range scan(t, d, tt.text) {
				got = append(got, f.Rule)
			}
			assert.Equal(t, tt.want, got)
		})
	}
}

func TestNewErrors(t *testing.T) {
	tests := []struct {
		name string
		opts []Option
		is   error
	}{
		{"bad rule", []Option{WithRules(Rule{ID: "bad", Pattern: "("})}, ErrInvalidRule},
		{"bad allow pattern", []Option{WithAllowPatterns("(")}, nil},
		{"bad timeout", []Option{WithMatchTimeout(0)}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, err := New(tt.opts...)
			require.Error(t, err)
			assert.Nil(t, d)
			assert.True(t, strings.HasPrefix(err.Error(), "secrets: "), err.Error())
			if tt.is != nil {
				assert.ErrorIs(t, err, tt.is)
			}
		})
	}
}

func TestRegexp2RuleOffsets(t *testing.T) {
	// Lookbehind needs regexp2; offsets must still be bytes of the text.
	r := Rule{ID: "lookbehind", Pattern: `(?<=clé=)([a-z0-9]{12})`, Keywords: []string{"="}}
	d, err := New(WithRuleSet(r))
	require.NoError(t, err)
	text := "ünïcödé clé=abc123def456 fin"
	fs := scan(t, d, text)
	require.Len(t, fs, 1)
	assert.Equal(t, "abc123def456", fs[0].Span(text))
}

func TestRegexp2Timeout(t *testing.T) {
	r := Rule{ID: "slow", Pattern: `(a|aa)+(?=b)`, Keywords: []string{"a"}}
	d, err := New(WithRuleSet(r), WithMatchTimeout(time.Millisecond))
	require.NoError(t, err)
	text := strings.Repeat("a", 200) + "!"
	_, err = d.Scan(context.Background(), guard.Input{Text: text})
	require.ErrorIs(t, err, ErrMatchTimeout)
	assert.NotContains(t, err.Error(), "aaaa", "errors never quote the text")
	assert.Contains(t, err.Error(), `"slow"`)
}

func TestKeywordIndex(t *testing.T) {
	rules := []*compiled{
		{keywords: []string{"ghp_"}},
		{keywords: []string{"|"}},
		{keywords: []string{"clé"}},
		{keywords: []string{"x"}},
		{keywords: []string{"private key", "ghp_"}},
	}
	ix, err := newKeywordIndex(rules)
	require.NoError(t, err)
	tests := []struct {
		text string
		want []bool
	}{
		{"", []bool{false, false, false, false, false}},
		{"GHP_ token", []bool{true, false, false, false, true}},
		{"a|b", []bool{false, true, false, false, false}},
		{"CLÉ", []bool{false, false, true, false, false}},
		{"une clé", []bool{false, false, true, false, false}},
		{"X", []bool{false, false, false, true, false}},
		{"BEGIN PRIVATE KEY", []bool{false, false, false, false, true}},
	}
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			got := make([]bool, len(rules))
			hits := ix.scan(tt.text)
			for i, h := range hits {
				assert.True(t, strings.HasPrefix(strings.ToLower(tt.text[h.pos:]), ix.words[h.word]), "hit %d is a keyword", i)
				if i > 0 {
					assert.LessOrEqual(t, hits[i-1].pos, h.pos, "hits are ordered")
				}
				for _, ri := range ix.rules[h.word] {
					got[ri] = true
				}
			}
			assert.Equal(t, tt.want, got)
		})
	}
}

// TestKnownMisses pins what the detector does not find, as its package
// documentation says. A change that starts finding one of these should
// move the case to the rule samples and update the documentation.
func TestKnownMisses(t *testing.T) {
	g := &gen{state: 5}
	tok := "ghp_" + g.s(alnum, 36)
	tests := []struct {
		name string
		text string
	}{
		{"password in prose", "my password is " + g.s(alnum, 12)},
		{"random string under a neutral name", `value = "` + g.s(alnum, 40) + `"`},
		{"token split across lines", tok[:20] + "\n" + tok[20:]},
		{"token spelled with spaces", strings.Join(strings.Split(tok, ""), " ")},
		{"base64-encoded token", base64.StdEncoding.EncodeToString([]byte(tok))},
		{"service account file without its key", `{"type": "service_account", "project_id": "demo", "private_key_id": "` + g.s(hexLow, 40) + `"}`},
		{"sample-shaped real key", "AIza" + "Sy" + "abcdefg" + g.s(b64url, 26)},
		{"hex key without a provider name", "config: " + g.s(hexLow, 32)},
	}
	d, err := New()
	require.NoError(t, err)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Empty(t, scan(t, d, tt.text))
		})
	}
}
