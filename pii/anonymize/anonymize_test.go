package anonymize_test

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/textnlp/textguard/guard"
	"github.com/textnlp/textguard/pii/anonymize"
)

func TestOperators(t *testing.T) {
	tests := []struct {
		name string
		op   anonymize.Operator
		cat  string
		in   string
		want string // exact output, or a pattern when it starts with "re:"
	}{
		{"redact removes", anonymize.Redact(), "EMAIL", "a@b.co", ""},
		{"replace writes text", anonymize.Replace("[X]"), "EMAIL", "a@b.co", "[X]"},
		{"replace with nothing", anonymize.Replace(""), "EMAIL", "a@b.co", ""},
		{"tag", anonymize.Tag(), "PERSON", "John", "<PERSON>"},
		{"tag cleans category", anonymize.Tag(), "us ssn-2", "123-45-6789", "<US_SSN_2>"},
		{"tag empty category", anonymize.Tag(), "", "x", "<ENTITY>"},
		{"mask keeps last four", anonymize.Mask('*', 4), "CREDIT_CARD", "4111-1111-1111-1234", "****-****-****-1234"},
		{"mask keeps separators", anonymize.Mask('#', 2), "PHONE", "+1 (415) 867-5309", "+# (###) ###-##09"},
		{"mask counts characters not bytes", anonymize.Mask('*', 2), "PERSON", "Jürgen Müß", "****** *üß"},
		{"mask multibyte rune", anonymize.Mask('•', 0), "PIN", "1234", "••••"},
		{"mask hides short values whole", anonymize.Mask('*', 4), "PIN", "123", "***"},
		{"mask all", anonymize.Mask('X', 0), "EMAIL", "ab@cd.io", "XX@XX.XX"},
		{"hash token", anonymize.Hash(hashKey), "EMAIL", "a@b.co", `re:^<EMAIL:[0-9a-f]{12}>$`},
		{"encrypt token", anonymize.Encrypt(encKey), "EMAIL", "a@b.co", `re:^<EMAIL:enc1:[A-Za-z0-9_-]{40,}>$`},
		{"keep", anonymize.Keep(), "EMAIL", "a@b.co", "a@b.co"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, err := anonymize.New(anonymize.Default(tt.op))
			require.NoError(t, err)
			got, err := a.Anonymize(context.Background(), guard.Input{Text: tt.in}, whole(tt.cat, tt.in))
			require.NoError(t, err)
			if re, ok := strings.CutPrefix(tt.want, "re:"); ok {
				assert.Regexp(t, re, got)
			} else {
				assert.Equal(t, tt.want, got)
			}
		})
	}
}

func TestHashIsKeyedAndDeterministic(t *testing.T) {
	hash := func(key []byte, cat, v string) string {
		a, err := anonymize.New(anonymize.Default(anonymize.Hash(key)))
		require.NoError(t, err)
		out, err := a.Anonymize(context.Background(), guard.Input{Text: v}, whole(cat, v))
		require.NoError(t, err)
		return out
	}
	a := hash(hashKey, "EMAIL", "jane@acme.io")
	assert.Equal(t, a, hash(hashKey, "EMAIL", "jane@acme.io"), "same key and value")
	assert.Equal(t, strings.TrimPrefix(a, "<EMAIL"), strings.TrimPrefix(hash(hashKey, "URL", "jane@acme.io"), "<URL"),
		"the token's digits depend on the value only, so records join across types")
	assert.NotEqual(t, a, hash(hashKey, "EMAIL", "jane@acme.org"), "another value")
	assert.NotEqual(t, a, hash([]byte("another key, 16 bytes or more"), "EMAIL", "jane@acme.io"), "another key")
}

func TestEncryptRoundTrip(t *testing.T) {
	for _, key := range [][]byte{encKey[:16], encKey[:24], encKey} {
		t.Run(fmt.Sprintf("AES-%d", 8*len(key)), func(t *testing.T) {
			a, err := anonymize.New(anonymize.For("person", anonymize.Encrypt(key)))
			require.NoError(t, err)
			for _, v := range []string{"Jane Doe", "", "日本語 ü", strings.Repeat("x", 500)} {
				text := "<" + v + ">"
				fs := []guard.Finding{{Category: "PERSON", Start: 1, End: 1 + len(v), Score: 1}}
				edits, err := a.Sanitize(context.Background(), guard.Input{Text: text}, fs)
				require.NoError(t, err)
				if v == "" {
					assert.Empty(t, edits, "an empty finding is ignored")
					continue
				}
				require.Len(t, edits, 1)
				got, err := anonymize.Decrypt(edits[0].Text, key)
				require.NoError(t, err)
				assert.Equal(t, v, got)
				again, err := a.Sanitize(context.Background(), guard.Input{Text: text}, fs)
				require.NoError(t, err)
				assert.NotEqual(t, edits[0].Text, again[0].Text, "nonces are fresh without a vault")
			}
		})
	}
}

func TestDecryptRejects(t *testing.T) {
	a, err := anonymize.New(anonymize.Default(anonymize.Encrypt(encKey)))
	require.NoError(t, err)
	tok, err := a.Anonymize(context.Background(), guard.Input{Text: "Jane"}, whole("PERSON", "Jane"))
	require.NoError(t, err)
	flip := []byte(tok)
	flip[len(flip)-3] ^= 1
	tests := []struct {
		name, token string
		key         []byte
	}{
		{"wrong key", tok, []byte("fedcba9876543210fedcba9876543210")},
		{"altered", string(flip), encKey},
		{"moved to another type", strings.Replace(tok, "<PERSON:", "<EMAIL:", 1), encKey},
		{"truncated", tok[:20] + ">", encKey},
		{"no brackets", strings.Trim(tok, "<>"), encKey},
		{"hash token", "<EMAIL:3fa4c2d1e0b9>", encKey},
		{"empty", "", encKey},
		{"not base64", "<X:enc1:!!!!>", encKey},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := anonymize.Decrypt(tt.token, tt.key)
			assert.ErrorIs(t, err, anonymize.ErrInvalidToken)
		})
	}
	_, err = anonymize.Decrypt(tok, []byte("short"))
	assert.ErrorContains(t, err, "anonymize: decryption key is 5 bytes")
}

func TestNewRejects(t *testing.T) {
	tests := []struct {
		name string
		opt  anonymize.Option
		want string
	}{
		{"zero operator", anonymize.For("EMAIL", anonymize.Operator{}), "zero Operator"},
		{"zero default", anonymize.Default(anonymize.Operator{}), "zero Operator"},
		{"empty category", anonymize.For("", anonymize.Tag()), "empty category"},
		{"short hash key", anonymize.For("EMAIL", anonymize.Hash([]byte("short key"))), "hash key is 9 bytes"},
		{"bad encryption key", anonymize.Default(anonymize.Encrypt([]byte("0123456789"))), "encryption key is 10 bytes"},
		{"negative keep", anonymize.Default(anonymize.Mask('*', -1)), "mask keeps -1"},
		{"invalid rune", anonymize.Default(anonymize.Mask(0xD800, 2)), "not a printable"},
		{"control rune", anonymize.Default(anonymize.Mask('\n', 2)), "not a printable"},
		{"invalid replacement", anonymize.Default(anonymize.Replace("\xff")), "not valid UTF-8"},
		{"short pseudonym key", anonymize.PseudonymKey([]byte("0123456789")), "pseudonym key is 10 bytes"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, err := anonymize.New(tt.opt)
			assert.Nil(t, a)
			require.ErrorIs(t, err, anonymize.ErrInvalidOption)
			assert.ErrorContains(t, err, tt.want)
			assert.True(t, strings.HasPrefix(err.Error(), "anonymize: "), err.Error())
		})
	}
}

func TestOperatorNeverPrintsKeys(t *testing.T) {
	for _, op := range []anonymize.Operator{anonymize.Hash(hashKey), anonymize.Encrypt(encKey)} {
		for _, verb := range []string{"%v", "%+v", "%#v", "%s"} {
			out := fmt.Sprintf(verb, op)
			assert.NotContains(t, out, "0123456789abcdef", verb)
			assert.NotContains(t, out, "30313233", verb) // hex of the key
		}
	}
	assert.Equal(t, "mask", anonymize.Mask('*', 4).String())
}

func TestCategoriesIgnoreCase(t *testing.T) {
	a, err := anonymize.New(anonymize.For("email", anonymize.Redact()), anonymize.For("PHONE", anonymize.Keep()))
	require.NoError(t, err)
	text := "a@b.co 555-1234 x"
	fs := []guard.Finding{
		{Category: "EMAIL", Start: 0, End: 6, Score: 1},
		{Category: "Phone", Start: 7, End: 15, Score: 1},
		{Category: "OTHER", Start: 16, End: 17, Score: 1},
	}
	got, err := a.Anonymize(context.Background(), guard.Input{Text: text}, fs)
	require.NoError(t, err)
	assert.Equal(t, " 555-1234 <OTHER>", got)
}

func TestOverlappingFindings(t *testing.T) {
	const text = "call 4111 1111 1111 1111 now, Washington Irving"
	card := guard.Finding{Rule: "card", Category: "CREDIT_CARD", Start: 5, End: 24, Score: 0.95}
	phone := guard.Finding{Rule: "phone", Category: "PHONE", Start: 10, End: 29, Score: 0.6}
	person := guard.Finding{Rule: "person", Category: "PERSON", Start: 30, End: 47, Score: 0.8}
	place := guard.Finding{Rule: "place", Category: "LOCATION", Start: 30, End: 40, Score: 0.9}
	tests := []struct {
		name     string
		findings []guard.Finding
		opts     []anonymize.Option
		want     string
	}{
		{"higher score decides, extent is the union", []guard.Finding{phone, card},
			nil, "call <CREDIT_CARD> Washington Irving"},
		{"a contained higher score still covers the container", []guard.Finding{person, place},
			nil, "call 4111 1111 1111 1111 now, <LOCATION>"},
		{"equal scores: the longer decides", []guard.Finding{
			{Category: "A", Start: 5, End: 9, Score: 0.5}, {Category: "B", Start: 5, End: 14, Score: 0.5}},
			nil, "call <B> 1111 1111 now, Washington Irving"},
		{"touching findings stay apart", []guard.Finding{
			{Category: "A", Start: 5, End: 9, Score: 0.5}, {Category: "B", Start: 9, End: 14, Score: 0.5}},
			nil, "call <A><B> 1111 1111 now, Washington Irving"},
		{"kept types do not shield others", []guard.Finding{person, place},
			[]anonymize.Option{anonymize.For("LOCATION", anonymize.Keep())},
			"call 4111 1111 1111 1111 now, <PERSON>"},
		{"chains merge", []guard.Finding{card, phone, {Category: "X", Start: 25, End: 35, Score: 0.1}},
			nil, "call <CREDIT_CARD>ngton Irving"},
		{"empty findings are ignored", []guard.Finding{{Category: "X", Start: 3, End: 3, Score: 1}},
			nil, text},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, err := anonymize.New(tt.opts...)
			require.NoError(t, err)
			for _, order := range [][]guard.Finding{tt.findings, reversed(tt.findings)} {
				got, err := a.Anonymize(context.Background(), guard.Input{Text: text}, order)
				require.NoError(t, err)
				assert.Equal(t, tt.want, got)
			}
		})
	}
}

func reversed(fs []guard.Finding) []guard.Finding {
	out := make([]guard.Finding, len(fs))
	for i, f := range fs {
		out[len(fs)-1-i] = f
	}
	return out
}

func TestBadFindings(t *testing.T) {
	a, err := anonymize.New()
	require.NoError(t, err)
	const text = "secret ü value"
	tests := []struct {
		name string
		f    guard.Finding
		want string
	}{
		{"past the end", guard.Finding{Rule: "r", Start: 2, End: 99}, "outside text of 15 bytes"},
		{"negative", guard.Finding{Rule: "r", Start: -1, End: 2}, "outside"},
		{"reversed", guard.Finding{Rule: "r", Start: 5, End: 2}, "outside"},
		{"inside a character", guard.Finding{Rule: "r", Start: 8, End: 10}, "split a character"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := a.Sanitize(context.Background(), guard.Input{Text: text}, []guard.Finding{tt.f})
			require.ErrorContains(t, err, tt.want)
			assert.True(t, strings.HasPrefix(err.Error(), "anonymize: finding 0 (r)"), err.Error())
			assert.NotContains(t, err.Error(), "secret")
		})
	}
}

func TestCancelled(t *testing.T) {
	a, err := anonymize.New()
	require.NoError(t, err)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err = a.Sanitize(ctx, guard.Input{Text: "a@b.co"}, whole("EMAIL", "a@b.co"))
	assert.ErrorIs(t, err, context.Canceled)
	_, err = a.Anonymize(ctx, guard.Input{Text: "a@b.co"}, whole("EMAIL", "a@b.co"))
	assert.ErrorIs(t, err, context.Canceled)
}

// TestOwnTokensAreLeftAlone runs a scanner over text the anonymizer wrote
// that matches inside its tokens, as a digit or entropy rule would.
func TestOwnTokensAreLeftAlone(t *testing.T) {
	digits := regexp.MustCompile(`[0-9A-Za-z_-]{4,}`)
	inner := func(text string) []guard.Finding {
		var fs []guard.Finding
		for _, m := range digits.FindAllStringIndex(text, -1) {
			fs = append(fs, guard.Finding{Rule: "inner", Category: "SECRET", Start: m[0], End: m[1], Score: 1})
		}
		return fs
	}
	other, err := anonymize.New(anonymize.Default(anonymize.Encrypt([]byte("fedcba9876543210fedcba9876543210"))))
	require.NoError(t, err)
	foreign, err := other.Anonymize(context.Background(), guard.Input{Text: "x"}, whole("SECRET", "x"))
	require.NoError(t, err)
	for _, op := range []anonymize.Operator{anonymize.Tag(), anonymize.Hash(hashKey), anonymize.Encrypt(encKey)} {
		t.Run(op.String(), func(t *testing.T) {
			a, err := anonymize.New(anonymize.Default(op))
			require.NoError(t, err)
			once, err := a.Anonymize(context.Background(), guard.Input{Text: "key 1234abcd5678"}, whole("SECRET", "key 1234abcd5678"))
			require.NoError(t, err)
			twice, err := a.Anonymize(context.Background(), guard.Input{Text: once}, inner(once))
			require.NoError(t, err)
			assert.Equal(t, once, twice)

			// A token under a key the anonymizer does not hold is text.
			if op.String() == "encrypt" {
				got, err := a.Anonymize(context.Background(), guard.Input{Text: foreign}, inner(foreign))
				require.NoError(t, err)
				assert.NotEqual(t, foreign, got)
			}
		})
	}
}

func TestVaultKeepsEncryptionTokens(t *testing.T) {
	a, err := anonymize.New(anonymize.Default(anonymize.Encrypt(encKey)))
	require.NoError(t, err)
	v := guard.NewVault()
	const text = "Jane met Jane"
	fs := []guard.Finding{{Category: "PERSON", Start: 0, End: 4, Score: 1}, {Category: "PERSON", Start: 9, End: 13, Score: 1}}
	out, err := a.Anonymize(context.Background(), guard.Input{Text: text, Vault: v}, fs)
	require.NoError(t, err)
	tok, _, _ := strings.Cut(out, " ")
	assert.Equal(t, tok+" met "+tok, out, "one value, one token per call")
	assert.Equal(t, text, v.Restore(out))
}

func TestErrorsAreSentinels(t *testing.T) {
	_, err := anonymize.New(anonymize.Default(anonymize.Operator{}))
	assert.True(t, errors.Is(err, anonymize.ErrInvalidOption))
}
