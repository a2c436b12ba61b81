package secrets

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/textnlp/textguard/guard"
)

// sampleConfig is a small configuration in the gitleaks format, written for
// these tests, exercising each part of the schema the loader reads.
const sampleConfig = `
title = "host rules"

[extend]
useDefault = true

[allowlist]
description = "global"
regexes = ['''^acme_dead''']
stopwords = ["sample"]

[[rules]]
id = "Acme Token"
description = "Acme API token"
regex = '''\b(acme_[0-9a-f]{16})\b'''
secretGroup = 1
entropy = 2.5
keywords = ["ACME_"]

  [rules.allowlist]
  regexTarget = "line"
  regexes = ['''(?i)test fixture''']

[[rules]]
id = "internal-password"
regex = '''(?i)internal_pass\s*=\s*"([^"]+)"'''
keywords = ["internal_pass"]

  [[rules.allowlists]]
  regexTarget = "match"
  regexes = ['''(?i)internal_pass\s*=\s*"hunter2"''']

  [[rules.allowlists]]
  condition = "AND"
  paths = ['''vendor/''']
  regexes = ['''.*''']

[[rules]]
id = "lookahead"
regex = '''lk_(?=[a-z]{3}\d)([a-z0-9]{4,})'''
keywords = ["lk_"]

[[rules]]
id = "path-only"
path = '''\.pem$'''

[[allowlists]]
targetRules = ["lookahead"]
stopwords = ["lk_demo1"]
`

func TestLoadGitleaksTOML(t *testing.T) {
	rules, err := LoadGitleaksTOML(strings.NewReader(sampleConfig))
	require.NoError(t, err)
	require.Len(t, rules, 3, "the path-only rule is left out")
	assert.Equal(t, "acme-token", rules[0].ID)
	assert.Equal(t, []string{"acme_"}, rules[0].Keywords)
	assert.Equal(t, 1, rules[0].SecretGroup)
	assert.InDelta(t, 2.5, rules[0].MinEntropy, 1e-9)
	assert.Len(t, rules[1].AllowMatch, 1)
	assert.Empty(t, rules[1].AllowLine, "an AND allowlist with a path is dropped")

	d, err := New(WithRuleSet(rules...))
	require.NoError(t, err)
	g := &gen{state: 7}
	tok := "acme_" + g.s(hexLow, 16)
	tests := []struct {
		name string
		text string
		want []string
	}{
		{"token", "key " + tok, []string{tok}},
		{"line allowlist", "test fixture: " + tok, nil},
		{"global regex allowlist", "acme_dead" + g.s(hexLow, 12), nil},
		{"global stopword", `internal_pass = "a-sample-pw"`, nil},
		{"password", `internal_pass = "Zx81-qq"`, []string{"Zx81-qq"}},
		{"match allowlist", `internal_pass = "hunter2"`, nil},
		{"regexp2 rule", "lk_abc9zz", []string{"abc9zz"}},
		{"targeted stopword", "lk_demo1", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fs, err := d.Scan(context.Background(), guard.Input{Text: tt.text})
			require.NoError(t, err)
			var got []string
			for _, f := range fs {
				got = append(got, f.Span(tt.text))
			}
			assert.Equal(t, tt.want, got)
		})
	}
}

func TestLoadGitleaksTOMLErrors(t *testing.T) {
	tests := []struct {
		name   string
		config string
		is     error
	}{
		{"not toml", "[[rules]\nid = 1", ErrInvalidConfig},
		{"wrong type", "[[rules]]\nid = 1\nregex = 'x'", ErrInvalidConfig},
		{"bad regex", "[[rules]]\nid = 'a'\nregex = '''(unclosed'''", ErrInvalidRule},
		{"bad group", "[[rules]]\nid = 'a'\nregex = '''(x)'''\nsecretGroup = 3", ErrInvalidRule},
		{"bad allow regex", "[[rules]]\nid = 'a'\nregex = 'x'\n[rules.allowlist]\nregexes = ['(']", ErrInvalidRule},
		{"bad target", "[[rules]]\nid = 'a'\nregex = 'x'\n[rules.allowlist]\nregexTarget = 'file'", ErrInvalidRule},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rules, err := LoadGitleaksTOML(strings.NewReader(tt.config))
			assert.Nil(t, rules)
			require.Error(t, err)
			assert.True(t, errors.Is(err, tt.is), err.Error())
			assert.True(t, strings.HasPrefix(err.Error(), "secrets: "), err.Error())
		})
	}
}

func TestLoadGitleaksTOMLTooLarge(t *testing.T) {
	big := strings.NewReader("# " + strings.Repeat("x", maxConfigBytes))
	_, err := LoadGitleaksTOML(big)
	assert.ErrorIs(t, err, ErrInvalidConfig)
}

func TestLoadGitleaksTOMLEmpty(t *testing.T) {
	rules, err := LoadGitleaksTOML(strings.NewReader(""))
	require.NoError(t, err)
	assert.Empty(t, rules)
}
