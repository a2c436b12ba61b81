package anonymize_test

import (
	"context"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/textnlp/textguard/guard"
	"github.com/textnlp/textguard/pii/internal/checksum"
)

// testScanner is a small scanner for the tests: a few validated patterns
// and a directory of known people, the kind of recogniser a host plugs in.
// The directory lists no name that the pseudonym lists contain, so that
// without a vault a pseudonym is not found again.
type testScanner struct{}

type testRule struct {
	cat   string
	re    *regexp.Regexp
	score float64
	valid func(string) bool
}

var testRules = []testRule{
	{"EMAIL", regexp.MustCompile(`[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}`), 0.9, nil},
	{"PHONE", regexp.MustCompile(`(?:\+1[ .-]?)?\(?\b[2-9]\d{2}\)?[ .-]?\d{3}[ .-]\d{4}\b`), 0.7, nil},
	{"CREDIT_CARD", regexp.MustCompile(`\b\d(?:[ -]?\d){11,18}\b`), 0.95, checksum.Card},
	{"US_SSN", regexp.MustCompile(`\b\d{3}-\d{2}-\d{4}\b`), 0.85, checksum.USSSN},
	{"IBAN", regexp.MustCompile(`\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]){11,30}\b`), 0.95, checksum.IBAN},
	{"PERSON", regexp.MustCompile(`\b(?:Jane Doe|John Smith|Smith|Søren Kierkegaard|Ana María López)\b`), 0.8, nil},
	{"SECRET", regexp.MustCompile(`\b(?:ghp|sk)_[A-Za-z0-9]{16,}\b`), 0.99, nil},
}

func (testScanner) Scan(ctx context.Context, in guard.Input) ([]guard.Finding, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	var fs []guard.Finding
	for _, r := range testRules {
		for _, m := range r.re.FindAllStringIndex(in.Text, -1) {
			if r.valid != nil && !r.valid(in.Text[m[0]:m[1]]) {
				continue
			}
			fs = append(fs, guard.Finding{
				Rule: "test." + strings.ToLower(r.cat), Category: r.cat,
				Start: m[0], End: m[1], Score: r.score,
			})
		}
	}
	return fs, nil
}

// samples has texts with and without findings, in several scripts.
var samples = []string{
	"",
	"nothing to see here",
	"Contact Jane Doe at jane.doe@acme.io or (415) 867-5309.",
	"Card 4111 1111 1111 1111, SSN 123-45-6789, IBAN DE89 3704 0044 0532 0130 00.",
	"John Smith wrote to Smith; John Smith paid with 5500-0000-0000-0004.",
	"Søren Kierkegaard und Ana María López: 日本語 søren@example.dk",
	"token ghp_abcdefghijklmnop1234 and sk_live1234567890abcdef",
	"Write to jane.doe@acme.io, jane.doe@acme.io and JANE.DOE@ACME.IO",
	"GB82 WEST 1234 5698 7654 32 then 212-555-0147 then 212 867 5309",
}

// apply returns text with edits applied, checking that they are sorted,
// disjoint and on character boundaries.
func apply(t testing.TB, text string, edits []guard.Edit) string {
	t.Helper()
	var b strings.Builder
	at := 0
	for _, e := range edits {
		require.GreaterOrEqual(t, e.Start, at, "edits out of order")
		require.LessOrEqual(t, e.Start, e.End)
		require.LessOrEqual(t, e.End, len(text))
		require.True(t, boundary(text, e.Start) && boundary(text, e.End), "edit splits a character")
		b.WriteString(text[at:e.Start])
		b.WriteString(e.Text)
		at = e.End
	}
	b.WriteString(text[at:])
	return b.String()
}

func boundary(s string, i int) bool { return i == len(s) || i < len(s) && (s[i]&0xC0) != 0x80 }

// whole returns a finding that covers all of text.
func whole(cat, text string) []guard.Finding {
	return []guard.Finding{{Rule: "test", Category: cat, Start: 0, End: len(text), Score: 1}}
}

// run scans text with testScanner and anonymizes it.
func run(t testing.TB, a interface {
	Sanitize(context.Context, guard.Input, []guard.Finding) ([]guard.Edit, error)
}, in guard.Input) string {
	t.Helper()
	fs, err := testScanner{}.Scan(context.Background(), in)
	require.NoError(t, err)
	edits, err := a.Sanitize(context.Background(), in, fs)
	require.NoError(t, err)
	return apply(t, in.Text, edits)
}

var (
	hashKey = []byte("0123456789abcdef-hash-key")
	encKey  = []byte("0123456789abcdef0123456789abcdef")
	pseuKey = []byte("0123456789abcdef-pseudonym")
)
