package secrets

import (
	"context"
	"errors"
	"maps"
	"regexp"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/textnlp/textguard/guard"
)

func TestDefaultRulesAreValid(t *testing.T) {
	seen := map[string]bool{}
	for _, r := range DefaultRules() {
		t.Run(r.ID, func(t *testing.T) {
			require.NoError(t, r.Validate())
			assert.False(t, seen[r.ID], "duplicate ID")
			seen[r.ID] = true
			assert.NotEmpty(t, r.Description)
			assert.NotEmpty(t, r.Category)
			assert.NotEmpty(t, r.Keywords, "built-in rules must be cheap on clean text")
			assert.Positive(t, r.MaxLen)
			assert.GreaterOrEqual(t, r.Severity, guard.SeverityMedium)
		})
	}
}

func TestDefaultRulesAreFresh(t *testing.T) {
	a := DefaultRules()
	last := len(a) - 1
	a[0].Keywords[0] = "changed"
	a[last].Allow[0] = "changed"
	b := DefaultRules()
	assert.NotEqual(t, "changed", b[0].Keywords[0])
	assert.NotEqual(t, "changed", b[last].Allow[0])
}

// TestBuiltinRuleSamples runs every built-in rule alone on its true and
// false positives, and the whole default set on the true positives.
func TestBuiltinRuleSamples(t *testing.T) {
	cases := ruleCases()
	all, err := New()
	require.NoError(t, err)
	ctx := context.Background()
	for _, r := range DefaultRules() {
		t.Run(r.ID, func(t *testing.T) {
			c, ok := cases[r.ID]
			require.True(t, ok, "rule has no samples")
			require.NotEmpty(t, c.tp, "rule has no true positive")
			require.NotEmpty(t, c.fp, "rule has no false positive")
			alone, err := New(WithRuleSet(r))
			require.NoError(t, err)
			for i, s := range c.tp {
				fs, err := alone.Scan(ctx, guard.Input{Text: s.text})
				require.NoError(t, err)
				spans := spansOf(fs, s.text)
				assert.Contains(t, spans, s.secret, "tp %d: rule alone", i)
				for _, f := range fs {
					assert.Equal(t, "secrets."+r.ID, f.Rule)
				}
				fs, err = all.Scan(ctx, guard.Input{Text: s.text})
				require.NoError(t, err)
				assert.True(t, covered(fs, s.text, s.secret), "tp %d: default set misses it", i)
			}
			for i, text := range c.fp {
				fs, err := alone.Scan(ctx, guard.Input{Text: text})
				require.NoError(t, err)
				assert.Empty(t, spansOf(fs, text), "fp %d", i)
			}
		})
	}
	for id := range cases {
		assert.True(t, slices.ContainsFunc(DefaultRules(), func(r Rule) bool { return r.ID == id }),
			"samples for unknown rule %q", id)
	}
}

func spansOf(fs []guard.Finding, text string) []string {
	out := make([]string, len(fs))
	for i, f := range fs {
		out[i] = f.Span(text)
	}
	return out
}

// covered reports whether some finding covers the secret's bytes.
func covered(fs []guard.Finding, text, secret string) bool {
	start := strings.Index(text, secret)
	end := start + len(secret)
	for _, f := range fs {
		if f.Start <= start && f.End >= end {
			return true
		}
	}
	return false
}

func TestRuleValidate(t *testing.T) {
	ok := Rule{ID: "demo", Pattern: `demo_([a-z0-9]{8})`, Keywords: []string{"demo_"}}
	tests := []struct {
		name  string
		edit  func(*Rule)
		field string
	}{
		{"valid", func(*Rule) {}, ""},
		{"lookaround falls back to regexp2", func(r *Rule) { r.Pattern = `(?<=key=)([a-z]{8})` }, ""},
		{"empty id", func(r *Rule) { r.ID = "" }, "ID"},
		{"upper-case id", func(r *Rule) { r.ID = "Demo" }, "ID"},
		{"empty pattern", func(r *Rule) { r.Pattern = "" }, "Pattern"},
		{"bad pattern", func(r *Rule) { r.Pattern = `demo_(` }, "Pattern"},
		{"group out of range", func(r *Rule) { r.SecretGroup = 2 }, "SecretGroup"},
		{"negative group", func(r *Rule) { r.SecretGroup = -1 }, "SecretGroup"},
		{"upper-case keyword", func(r *Rule) { r.Keywords = []string{"Demo"} }, "Keywords[0]"},
		{"empty keyword", func(r *Rule) { r.Keywords = []string{""} }, "Keywords[0]"},
		{"entropy too high", func(r *Rule) { r.MinEntropy = 9 }, "MinEntropy"},
		{"score above one", func(r *Rule) { r.Score = 1.5 }, "Score"},
		{"unknown severity", func(r *Rule) { r.Severity = 42 }, "Severity"},
		{"negative max len", func(r *Rule) { r.MaxLen = -1 }, "MaxLen"},
		{"bad allow", func(r *Rule) { r.Allow = []string{"("} }, "Allow[0]"},
		{"bad allow match", func(r *Rule) { r.AllowMatch = []string{"x", "("} }, "AllowMatch[1]"},
		{"bad allow line", func(r *Rule) { r.AllowLine = []string{"["} }, "AllowLine[0]"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := ok
			tt.edit(&r)
			err := r.Validate()
			if tt.field == "" {
				assert.NoError(t, err)
				return
			}
			require.Error(t, err)
			assert.True(t, errors.Is(err, ErrInvalidRule))
			var re *RuleError
			require.ErrorAs(t, err, &re)
			assert.Equal(t, tt.field, re.Field)
			assert.True(t, strings.HasPrefix(err.Error(), "secrets: "))
		})
	}
}

func TestEntropy(t *testing.T) {
	tests := []struct {
		in   string
		want float64
	}{
		{"", 0},
		{"aaaa", 0},
		{"ab", 1},
		{"abcd", 2},
		{"0123456789abcdef", 4},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			assert.InDelta(t, tt.want, entropy(tt.in), 1e-9)
		})
	}
	assert.InDelta(t, 0.6, entropyFactor(0), 1e-9)
	assert.InDelta(t, 1, entropyFactor(5), 1e-9)
}

func TestJWTHeader(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want bool
	}{
		{"signed", b64json(`{"alg":"RS256","kid":"1"}`) + ".e30.sig", true},
		{"padded std base64", "eyJhbGciOiJub25lIn0=.e30.", true},
		{"no alg", b64json(`{"typ":"JWT"}`) + ".e30.sig", false},
		{"not an object", b64json(`["alg"]`) + ".e30.sig", false},
		{"not base64", "eyJ!!!.e30.sig", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, jwtHeader(tt.in))
		})
	}
}

// TestReachMatchesWholeText checks the promise behind Reach: running each
// built-in rule only around its keywords finds what running it on the
// whole text finds, on every sample and on all samples strung together,
// where one sample's tail runs into the next one's key.
func TestReachMatchesWholeText(t *testing.T) {
	cases := ruleCases()
	ids := slices.Sorted(maps.Keys(cases))
	var texts []string
	for _, id := range ids {
		for _, s := range cases[id].tp {
			texts = append(texts, s.text)
		}
		texts = append(texts, cases[id].fp...)
	}
	joined := []string{strings.Join(texts, " ")}
	if !raceEnabled {
		joined = append(joined, strings.Join(texts, "\n"))
		slices.Reverse(texts)
		joined = append(joined, strings.Join(texts, ""), strings.Join(texts, ", "))
	}
	ctx := context.Background()
	for _, r := range DefaultRules() {
		t.Run(r.ID, func(t *testing.T) {
			windowed, err := New(WithRuleSet(r))
			require.NoError(t, err)
			r.Reach = 0
			whole, err := New(WithRuleSet(r))
			require.NoError(t, err)
			for i, text := range slices.Concat(cases[r.ID].fp, joined) {
				a, err := windowed.Scan(ctx, guard.Input{Text: text})
				require.NoError(t, err)
				b, err := whole.Scan(ctx, guard.Input{Text: text})
				require.NoError(t, err)
				assert.Equal(t, spansOf(b, text), spansOf(a, text), "text %d", i)
			}
		})
	}
}

// maskExprs are the allow-list expressions [masked] replaces; the tests
// keep the two equal.
var maskExprs = regexp.MustCompile(strings.Join([]string{
	`(?i:x{4,})`,
	`\*{3,}|#{3,}|\.{3}|…|_{4,}|-{4,}`,
	`^\$|\$\{|\$\(|\{\{|%\(|^%|^<|>$|^\{|\}$`,
	`(?i:your|my[_\-]?(?:api|secret|token|key|pass)|[_\-]here\b|placeholder|changeme|change[_\-]me)`,
	`(?i:replace[_\-]?(?:me|with)|redacted|example|dummy|insert[_\-]|fake[_\-]?(?:key|token|secret))`,
}, "|"))

func TestMasked(t *testing.T) {
	tests := []struct {
		in   string
		want bool
	}{
		{"ghp_xxxxxxxxxxxxxxxx", true}, {"AKIAIOSFODNN7EXAMPLE", true}, {"<your-api-key>", true},
		{"${API_KEY}", true}, {"$(cat key)", true}, {"{{ token }}", true}, {"%(pw)s", true},
		{"sk-****", true}, {"abc...", true}, {"a_b_here", true}, {"PUT_YOUR_TOKEN_HERE", true},
		{"my_api_key", true}, {"changeme", true}, {"fake-token-1", true}, {"####", true},
		{"R4nd0mT0k3n", false}, {"heretic", false}, {"here_is", false}, {"Qx9-Lm2", false}, {"", false},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			assert.Equal(t, tt.want, masked(tt.in))
			assert.Equal(t, maskExprs.MatchString(tt.in), masked(tt.in), "differs from the expressions")
		})
	}
}

func FuzzMasked(f *testing.F) {
	for _, s := range []string{"xXxX", "a_here!", "my-pass", "…", "__x__", "$", "}", "EXAMPLE"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		// Beyond ASCII, (?i) folds a few letters that strings.ToLower
		// leaves alone (the long s); no placeholder is written that way.
		for _, r := range s {
			if r >= utf8.RuneSelf && r != '…' {
				return
			}
		}
		if got, want := masked(s), maskExprs.MatchString(s); got != want {
			t.Fatalf("masked(%q) = %v, expressions say %v", s, got, want)
		}
	})
}
