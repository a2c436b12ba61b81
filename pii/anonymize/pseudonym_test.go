package anonymize_test

import (
	"context"
	"net/netip"
	"regexp"
	"strings"
	"testing"
	"unicode"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/textnlp/textguard/guard"
	"github.com/textnlp/textguard/pii/anonymize"
	"github.com/textnlp/textguard/pii/internal/checksum"
)

// sameLayout checks that b has a's length in characters and the same
// non-alphanumeric characters at the same places.
func sameLayout(t *testing.T, a, b string) {
	t.Helper()
	ra, rb := []rune(a), []rune(b)
	require.Len(t, rb, len(ra), "%q vs %q", a, b)
	for i := range ra {
		if !unicode.IsLetter(ra[i]) && !unicode.IsDigit(ra[i]) {
			assert.Equal(t, string(ra[i]), string(rb[i]), "character %d of %q vs %q", i, a, b)
		}
	}
}

func TestPseudonymFormats(t *testing.T) {
	tests := []struct {
		cat, in string
		check   func(t *testing.T, in, out string)
	}{
		{"PERSON", "John Smith", func(t *testing.T, in, out string) {
			assert.Regexp(t, `^[A-Z][A-Za-z]{3,9} [A-Z][A-Za-z]{3,9}$`, out)
		}},
		{"PERSON", "Dr. J. van Dyke, Jr.", func(t *testing.T, in, out string) {
			assert.Regexp(t, `^Dr\. J\. van [A-Z][A-Za-z]{3,9}, Jr\.$`, out)
		}},
		{"PERSON", "SMITH, JOHN", func(t *testing.T, in, out string) {
			assert.Regexp(t, `^[A-Z]{4,10}, [A-Z]{4,10}$`, out)
		}},
		{"PER", "ana maría lópez", func(t *testing.T, in, out string) {
			assert.Regexp(t, `^[a-z]{4,10} [a-z]{4,10} [a-z]{4,10}$`, out)
		}},
		{"EMAIL", "John.Smith@Acme.com", func(t *testing.T, in, out string) {
			assert.Regexp(t, `^[a-z]+\.[a-z]+@example\.(com|net|org)$`, out)
		}},
		{"EMAIL_ADDRESS", "JANE@ACME.IO", func(t *testing.T, in, out string) {
			assert.Regexp(t, `^[A-Z]+\.[A-Z]+@EXAMPLE\.(COM|NET|ORG)$`, out)
		}},
		{"PHONE", "+1 (415) 867-5309", func(t *testing.T, in, out string) {
			sameLayout(t, in, out)
			assert.Regexp(t, `^\+1 \([2-9][0-8]\d\) 555-01\d\d$`, out)
		}},
		{"PHONE_NUMBER", "415.867.5309", func(t *testing.T, in, out string) {
			assert.Regexp(t, `^[2-9][0-8]\d\.555\.01\d\d$`, out)
		}},
		{"PHONE", "1-800-867-5309", func(t *testing.T, in, out string) {
			assert.Regexp(t, `^1-[2-9][0-8]\d-555-01\d\d$`, out)
		}},
		{"PHONE", "+44 7911 123456", func(t *testing.T, in, out string) {
			assert.Regexp(t, `^\+44 7700 900\d{3}$`, out)
		}},
		{"PHONE", "020 7123 4567", func(t *testing.T, in, out string) {
			assert.Regexp(t, `^020 7946 0\d{3}$`, out)
		}},
		{"PHONE", "+49 30 12345678", func(t *testing.T, in, out string) {
			sameLayout(t, in, out)
			assert.Regexp(t, `^\+49 [1-9]\d \d{8}$`, out)
		}},
		{"PHONE", "0612345678", func(t *testing.T, in, out string) {
			assert.Regexp(t, `^0[1-9]\d{8}$`, out, "the trunk 0 stays")
		}},
		{"CREDIT_CARD", "5500-0000-0000-0004", func(t *testing.T, in, out string) {
			sameLayout(t, in, out)
			assert.True(t, checksum.Card(out), out)
			assert.True(t, strings.HasPrefix(out, "5555-55"), out)
		}},
		{"CREDIT_CARD", "3782 822463 10005", func(t *testing.T, in, out string) {
			sameLayout(t, in, out)
			issuer, ok := checksum.CardIssuer(out)
			assert.True(t, ok, out)
			assert.Equal(t, "amex", strings.ToLower(strings.ReplaceAll(issuer, "American Express", "amex")))
		}},
		{"IBAN", "DE89 3704 0044 0532 0130 00", func(t *testing.T, in, out string) {
			sameLayout(t, in, out)
			assert.True(t, checksum.IBAN(out), out)
			assert.True(t, strings.HasPrefix(out, "DE"), out)
		}},
		{"IBAN_CODE", "GB82WEST12345698765432", func(t *testing.T, in, out string) {
			assert.True(t, checksum.IBAN(out), out)
			assert.Regexp(t, `^GB\d\d[A-Z]{4}\d{14}$`, out)
		}},
		{"US_SSN", "123-45-6789", func(t *testing.T, in, out string) {
			assert.Regexp(t, `^9\d\d-(0[1-9]|[1-4]\d)-\d{4}$`, out)
			assert.False(t, checksum.USSSN(out), "never issued")
			assert.False(t, checksum.USITIN(out), "not an ITIN either")
		}},
		{"SSN", "123 45 6789", func(t *testing.T, in, out string) { sameLayout(t, in, out) }},
		{"DATE_OF_BIRTH", "1980-03-05", func(t *testing.T, in, out string) {
			assert.Regexp(t, `^\d{4}-\d\d-\d\d$`, out)
		}},
		{"DATE_TIME", "March 5th, 1980", func(t *testing.T, in, out string) {
			assert.Regexp(t, `^(January|February|March|April|May|June|July|August|September|October|November|December) \d\d?(st|nd|rd|th), 19[78]\d$`, out)
		}},
		{"DATE", "5 MAR 24", func(t *testing.T, in, out string) {
			assert.Regexp(t, `^\d\d? [A-Z]{3} 2[345]$`, out)
		}},
		{"DATE_TIME", "Monday, 5 March 2024 10:30", func(t *testing.T, in, out string) {
			assert.Regexp(t, `^Monday, \d\d? [A-Z][a-z]+ 202[345] 10:30$`, out, "moved by whole weeks")
		}},
		{"DATE", "05/03/80", func(t *testing.T, in, out string) { sameLayout(t, in, out) }},
		{"DATE", "Mar 2024", func(t *testing.T, in, out string) {
			assert.Regexp(t, `^[A-Z][a-z]{2} 20(22|23|24|25|26)$`, out)
		}},
		{"IP_ADDRESS", "10.1.2.3", func(t *testing.T, in, out string) {
			a, err := netip.ParseAddr(out)
			require.NoError(t, err)
			assert.True(t, a.Is4())
			assert.Regexp(t, `^(192\.0\.2|198\.51\.100|203\.0\.113)\.\d+$`, out)
		}},
		{"IP", "fe80::1:2", func(t *testing.T, in, out string) {
			assert.True(t, strings.HasPrefix(out, "2001:db8:"), out)
		}},
		{"URL", "https://user:pw@acme.com:8080/u/john?id=42", func(t *testing.T, in, out string) {
			assert.Regexp(t, `^https://[a-z]{4}:[a-z]{2}@example\.(com|net|org):8080/[a-z]/[a-z]{4}\?[a-z]{2}=\d\d$`, out)
		}},
		{"URL", "www.acme.com", func(t *testing.T, in, out string) {
			assert.Regexp(t, `^www\.example\.(com|net|org)$`, out)
		}},
		{"LOCATION", "New York", func(t *testing.T, in, out string) {
			assert.Regexp(t, `^[A-Z][a-z]+( [A-Z][a-z]+)*$`, out)
		}},
		{"ADDRESS", "221B Baker Street, London NW1 6XE", func(t *testing.T, in, out string) {
			assert.Regexp(t, `^\d{3}[A-Z] [A-Z][A-Za-z]+ Street, [A-Z][A-Za-z]+ [A-Z]{2}\d \d[A-Z]{2}$`, out)
		}},
		{"SECRET", "ghp_abcDEF1234567890xyzXYZ", func(t *testing.T, in, out string) {
			assert.Regexp(t, `^[a-z]{3}_[a-z]{3}[A-Z]{3}\d{10}[a-z]{3}[A-Z]{3}$`, out)
		}},
		{"MAC_ADDRESS", "00:1a:2b:3c:4d:5e", func(t *testing.T, in, out string) {
			assert.Regexp(t, `^[0-9a-f]{2}(:[0-9a-f]{2}){5}$`, out)
		}},
		{"ES_NIF", "12345678Z", func(t *testing.T, in, out string) {
			assert.Regexp(t, `^\d{8}[A-Z]$`, out)
		}},
	}
	keyed, err := anonymize.New(anonymize.Default(anonymize.Pseudonym()), anonymize.PseudonymKey(pseuKey))
	require.NoError(t, err)
	for _, tt := range tests {
		for _, vault := range []bool{true, false} {
			name := tt.cat + "/" + tt.in + "/keyed"
			if vault {
				name = tt.cat + "/" + tt.in + "/vault"
			}
			t.Run(name, func(t *testing.T) {
				in := guard.Input{Text: tt.in}
				if vault {
					in.Vault = guard.NewVault()
				}
				out, err := keyed.Anonymize(context.Background(), in, whole(tt.cat, tt.in))
				require.NoError(t, err)
				assert.NotEqual(t, tt.in, out)
				tt.check(t, tt.in, out)
				if vault {
					assert.Equal(t, tt.in, in.Vault.Restore(out))
				}
			})
		}
	}
}

func TestPseudonymTags(t *testing.T) {
	a, err := anonymize.New(anonymize.Default(anonymize.Pseudonym()))
	require.NoError(t, err)
	tests := []struct{ cat, in, vault, keyed string }{
		{"DATE_TIME", "yesterday", "<DATE_TIME_1>", "<DATE_TIME>"},
		{"PIN", "123", "<PIN_1>", ""},
		{"PERSON", "J. K.", "<PERSON_1>", "<PERSON>"},
		{"SECRET", "--", "<SECRET_1>", "<SECRET>"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			v := guard.NewVault()
			out, err := a.Anonymize(context.Background(), guard.Input{Text: tt.in, Vault: v}, whole(tt.cat, tt.in))
			require.NoError(t, err)
			assert.Equal(t, tt.vault, out)
			assert.Equal(t, tt.in, v.Restore(out))
			out, err = a.Anonymize(context.Background(), guard.Input{Text: tt.in}, whole(tt.cat, tt.in))
			require.NoError(t, err)
			if tt.keyed != "" {
				assert.Equal(t, tt.keyed, out)
			} else {
				assert.NotEqual(t, tt.in, out, "a short value is still replaced without a vault")
			}
		})
	}
}

func TestPseudonymConsistency(t *testing.T) {
	a, err := anonymize.New(anonymize.Default(anonymize.Pseudonym()))
	require.NoError(t, err)
	const text = "John Smith met Jane Doe. Later John wrote to Mr Smith and to jane@acme.io and jane@acme.io."
	fs := findAll(text, map[string]string{
		"John Smith": "PERSON", "Jane Doe": "PERSON", "John": "PERSON", "Smith": "PERSON", "jane@acme.io": "EMAIL",
	})
	v := guard.NewVault()
	out, err := a.Anonymize(context.Background(), guard.Input{Text: text, Vault: v}, fs)
	require.NoError(t, err)
	words := regexp.MustCompile(`[A-Za-z]+(?:[@.][A-Za-z]+)*`).FindAllString(out, -1)
	// John Smith met Jane Doe. Later John wrote to Mr Smith and to e and e.
	given, family := words[0], words[1]
	assert.Equal(t, given, words[6], "John alone gets John's pseudonym")
	assert.Equal(t, family, words[10], "Mr Smith gets Smith's pseudonym")
	assert.NotEqual(t, words[0], words[3], "two people, two names")
	assert.Equal(t, words[13], words[15], "one address, one pseudonym")
	assert.Equal(t, text, v.Restore(out))
	assert.Equal(t, text, v.Restore(strings.ToUpper(out[:1])+out[1:]), "restore ignores case")
}

// findAll returns a finding for every occurrence of each key, longest keys
// first, without overlaps.
func findAll(text string, cats map[string]string) []guard.Finding {
	var fs []guard.Finding
	taken := make([]bool, len(text))
	for _, n := range []int{3, 2, 1} {
		for s, cat := range cats {
			if len(strings.Fields(s)) != n && !(n == 1 && len(strings.Fields(s)) == 1) {
				continue
			}
			for i := 0; ; {
				j := strings.Index(text[i:], s)
				if j < 0 {
					break
				}
				st, en := i+j, i+j+len(s)
				if !taken[st] && !taken[en-1] {
					fs = append(fs, guard.Finding{Rule: "t", Category: cat, Start: st, End: en, Score: 1})
					for k := st; k < en; k++ {
						taken[k] = true
					}
				}
				i = en
			}
		}
	}
	return fs
}

func TestPseudonymAvoidsWordsOfTheRequest(t *testing.T) {
	a, err := anonymize.New(anonymize.Default(anonymize.Pseudonym()))
	require.NoError(t, err)
	// Learn the first pseudonyms a fresh vault hands out.
	first, err := a.Anonymize(context.Background(), guard.Input{Text: "John Smith", Vault: guard.NewVault()},
		whole("PERSON", "John Smith"))
	require.NoError(t, err)
	given := strings.Fields(first)[0]

	// A request that mentions them must get others, in any case, even when
	// the mention is in another message.
	text := "John Smith, said " + strings.ToUpper(given)
	req := &guard.Request{Messages: []guard.Message{{Content: text}, {Content: "and " + strings.Fields(first)[1]}}}
	v := guard.NewVault()
	fs := []guard.Finding{{Category: "PERSON", Start: 0, End: 10, Score: 1}}
	out, err := a.Anonymize(context.Background(), guard.Input{Text: text, Request: req, Vault: v}, fs)
	require.NoError(t, err)
	assert.NotContains(t, strings.ToLower(out[:len(out)-len(given)]), strings.ToLower(given))
	assert.NotContains(t, out, strings.Fields(first)[1])
	assert.Equal(t, text, v.Restore(out))
}

func TestPseudonymWithoutVault(t *testing.T) {
	newA := func(key []byte) *anonymize.Anonymizer {
		opts := []anonymize.Option{anonymize.Default(anonymize.Pseudonym())}
		if key != nil {
			opts = append(opts, anonymize.PseudonymKey(key))
		}
		a, err := anonymize.New(opts...)
		require.NoError(t, err)
		return a
	}
	const text = "Jane Doe, jane@acme.io, 4111 1111 1111 1111"
	fs := []guard.Finding{
		{Category: "PERSON", Start: 0, End: 8, Score: 1},
		{Category: "EMAIL", Start: 10, End: 22, Score: 1},
		{Category: "CREDIT_CARD", Start: 24, End: 43, Score: 1},
	}
	anon := func(a *anonymize.Anonymizer) string {
		out, err := a.Anonymize(context.Background(), guard.Input{Text: text}, fs)
		require.NoError(t, err)
		return out
	}
	a := newA(pseuKey)
	assert.Equal(t, anon(a), anon(a), "deterministic")
	assert.Equal(t, anon(a), anon(newA(pseuKey)), "one key, one pseudonym, across anonymizers")
	assert.NotEqual(t, anon(a), anon(newA([]byte("another key of 16 bytes or more"))))
	r := newA(nil)
	assert.Equal(t, anon(r), anon(r), "a random key still gives one pseudonym per value")
}

func TestFictionalValuesStay(t *testing.T) {
	a, err := anonymize.New(anonymize.Default(anonymize.Pseudonym()))
	require.NoError(t, err)
	for _, tt := range []struct{ cat, in string }{
		{"EMAIL", "someone@example.com"},
		{"EMAIL", "a@mail.example.org"},
		{"EMAIL", "x@host.test"},
		{"PHONE", "(212) 555-0147"},
		{"PHONE", "+44 7700 900123"},
		{"PHONE", "01632 960123"},
		{"US_SSN", "987-12-3456"},
		{"IP_ADDRESS", "192.0.2.7"},
		{"IP_ADDRESS", "2001:db8::1"},
		{"URL", "https://www.example.net/path"},
	} {
		t.Run(tt.in, func(t *testing.T) {
			for _, v := range []*guard.Vault{nil, guard.NewVault()} {
				out, err := a.Anonymize(context.Background(), guard.Input{Text: tt.in, Vault: v}, whole(tt.cat, tt.in))
				require.NoError(t, err)
				assert.Equal(t, tt.in, out)
			}
		})
	}
	out, err := a.Anonymize(context.Background(), guard.Input{Text: "978-72-3456"}, whole("US_SSN", "978-72-3456"))
	require.NoError(t, err)
	assert.NotEqual(t, "978-72-3456", out, "an ITIN is somebody's")
}

// TestVaultMakesPseudonymsStable sanitizes the samples twice through one
// vault: the second pass finds the pseudonyms (the test scanner matches
// cards, IBANs and phones of any kind) and leaves them, so the text does
// not change and the vault restores the original.
func TestVaultMakesPseudonymsStable(t *testing.T) {
	a, err := anonymize.New(anonymize.Default(anonymize.Pseudonym()))
	require.NoError(t, err)
	for i, text := range samples {
		v := guard.NewVault()
		once := run(t, a, guard.Input{Text: text, Vault: v})
		twice := run(t, a, guard.Input{Text: once, Vault: v})
		assert.Equal(t, once, twice, "sample %d", i)
		assert.Equal(t, text, v.Restore(once), "sample %d", i)
	}
}

func TestDistinctValuesDistinctPseudonyms(t *testing.T) {
	a, err := anonymize.New(anonymize.Default(anonymize.Pseudonym()))
	require.NoError(t, err)
	v := guard.NewVault()
	seen := map[string]string{}
	var ins, outs []string
	for _, cat := range []string{"PHONE", "CREDIT_CARD", "US_SSN", "EMAIL", "PERSON", "DATE"} {
		for i := range 150 {
			var in string
			switch cat {
			case "PHONE":
				in = "(415) 867-" + pad4(i)
			case "CREDIT_CARD":
				in = "4111 1111 1111 " + pad4(i)
			case "US_SSN":
				in = "123-45-" + pad4(i+1)
			case "EMAIL":
				in = "user" + pad4(i) + "@acme.io"
			case "PERSON":
				in = "Person" + string(rune('A'+i%26)) + string(rune('a'+i/26))
			case "DATE":
				in = "2020-01-" + pad4(1 + i%28)[2:] + " " + pad4(i)
			}
			out, err := a.Anonymize(context.Background(), guard.Input{Text: in, Vault: v}, whole(cat, in))
			require.NoError(t, err)
			if prev, dup := seen[out]; dup {
				t.Fatalf("%s: %q and %q both became %q", cat, prev, in, out)
			}
			seen[out] = in
			ins, outs = append(ins, in), append(outs, out)
		}
	}
	assert.Equal(t, strings.Join(ins, "\n"), v.Restore(strings.Join(outs, "\n")))
}

func pad4(i int) string {
	s := "000" + string(rune('0'+i/1000%10)) + string(rune('0'+i/100%10)) + string(rune('0'+i/10%10)) + string(rune('0'+i%10))
	return s[len(s)-4:]
}

// TestEchoedPseudonymsInAnotherCase runs the reply side: the model writes
// the pseudonyms it was given in capitals, an output stage finds them
// again, and they must stay as they are so that the vault restores them.
func TestEchoedPseudonymsInAnotherCase(t *testing.T) {
	a, err := anonymize.New(anonymize.Default(anonymize.Pseudonym()))
	require.NoError(t, err)
	v := guard.NewVault()
	const prompt = "Mail Jane Doe at jane@acme.io"
	fs := []guard.Finding{{Category: "PERSON", Start: 5, End: 13, Score: 1}, {Category: "EMAIL", Start: 17, End: 29, Score: 1}}
	sent, err := a.Anonymize(context.Background(), guard.Input{Text: prompt, Vault: v}, fs)
	require.NoError(t, err)

	reply := strings.ToUpper(sent[5:])
	name := reply[:strings.Index(reply, " AT ")]
	rfs := []guard.Finding{
		{Category: "PERSON", Start: 0, End: len(name), Score: 1},
		{Category: "EMAIL", Start: len(name) + 4, End: len(reply), Score: 1},
	}
	again, err := a.Anonymize(context.Background(), guard.Input{Text: reply, Source: guard.SourceAssistant, Vault: v}, rfs)
	require.NoError(t, err)
	assert.Equal(t, reply, again)
	assert.Equal(t, "Jane Doe AT jane@acme.io", v.Restore(again))
}
