package secrets

import (
	"encoding/base64"
	"slices"
	"strings"

	"github.com/textnlp/textguard/guard"
)

// DefaultRules returns the built-in rules: provider credentials with a
// published format, private keys, JWTs, credentials in URLs, connection
// strings and HTTP headers, passwords in assignments, and high-entropy
// values assigned to secret-sounding keys.
//
// Each call returns fresh values that the caller may change. Provider rules
// come first; the broad rules (passwords, generic secrets) last, so that
// when two rules see the same span the provider's name wins a tie.
func DefaultRules() []Rule {
	rules := slices.Concat(cloudRules(), vcsRules(), chatRules(), paymentRules(), aiRules(),
		devopsRules(), saasRules(), structuralRules(), assignmentRules())
	for i := range rules {
		if rules[i].Reach == 0 {
			rules[i].Reach = defaultReach
		}
	}
	return rules
}

// Reaches of the built-in rules. A rule's reach must cover every part of
// its match that cannot be cut short and still match: a fixed-length value
// after its key, the "@" after a password in a URL, the second dot of a
// JWT. A tail that still matches when cut (the rest of a long value) is
// found by widening the window. The broad rules, which run on the most
// keyword hits, reach least because their values are such tails.
const (
	defaultReach = 256
	tokenReach   = 256
	valueReach   = 64
)

// Fragments the built-in patterns are made of.
const (
	// assign matches what sits between a key and its value in source code,
	// configuration, JSON, YAML, .env files and Makefiles: an optional
	// closing quote, "=", ":=", "::=", "?=", "+=", "=>" or ":", and an
	// optional opening quote.
	assign = `["'\x60]?[ \t]*(?:[:?+]{0,3}=>?|:)[ \t]*["'\x60]?`
	// uuid is an RFC 4122 style identifier in either case.
	uuid = `[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}`
	// end closes a token whose alphabet has '-' or '_', which \b would not.
	end = `(?:[^0-9A-Za-z_\-]|$)`
	// edge opens a token: not after a letter, digit, '_', '-' or '.', so
	// that "video.ico-<hex>.png" is a file name and not an Infracost token.
	edge = `(?:^|[^0-9A-Za-z_.\-])`
)

// keyed returns a pattern for a value assigned to a key: key is matched
// case-insensitively, value (the secret, group 1) as written.
func keyed(key, value string) string {
	return `(?i:` + key + `)` + assign + `(` + value + `)`
}

// masked reports whether s is what people type in place of a secret: a
// run of x, stars or hashes, an ellipsis, a template or shell reference, an
// angle-bracket name, or a word such as "your", "example", "placeholder" or
// "changeme". AWS documents its sample keys with an EXAMPLE suffix, which
// this catches too. It is code rather than allow-list expressions because
// every candidate of every built-in rule goes through it, and one pass of
// string searches costs a fraction of a dozen regular expressions; the
// tests hold it equal to the expressions it replaces.
func masked(s string) bool {
	if strings.HasPrefix(s, "$") || strings.HasPrefix(s, "%") || strings.HasPrefix(s, "<") ||
		strings.HasPrefix(s, "{") || strings.HasSuffix(s, ">") || strings.HasSuffix(s, "}") {
		return true
	}
	for _, m := range maskMarks {
		if strings.Contains(s, m) {
			return true
		}
	}
	lower := strings.ToLower(s)
	for _, w := range maskWords {
		if strings.Contains(lower, w) {
			return true
		}
	}
	for _, suffix := range []string{"_here", "-here"} {
		// Every occurrence counts: in "a_here_here" only the last one
		// ends a word.
		for at := 0; ; {
			i := strings.Index(lower[at:], suffix)
			if i < 0 {
				break
			}
			j := at + i + len(suffix)
			if j == len(lower) || !isWordByte(lower[j]) {
				return true
			}
			at += i + 1
		}
	}
	return false
}

// maskMarks and maskWords are what [masked] looks for, literally and
// case-insensitively.
var (
	maskMarks = []string{"***", "###", "...", "…", "____", "----", "${", "$(", "{{", "%("}
	maskWords = []string{
		"xxxx", "your", "placeholder", "changeme", "change_me", "change-me",
		"replaceme", "replace_me", "replace-me", "replacewith", "replace_with", "replace-with",
		"redacted", "example", "dummy", "insert_", "insert-",
		"fakekey", "fake_key", "fake-key", "faketoken", "fake_token", "fake-token",
		"fakesecret", "fake_secret", "fake-secret",
		"myapi", "my_api", "my-api", "mysecret", "my_secret", "my-secret", "mytoken", "my_token",
		"my-token", "mykey", "my_key", "my-key", "mypass", "my_pass", "my-pass",
	}
)

func isWordByte(c byte) bool { return isAlnum(c) || c == '_' }

// placeholders and samples build allow lists from rule-specific
// expressions; the placeholder checks common to all built-in rules are in
// their Confirm function ([plain] or [notSample]).
func placeholders(extra ...string) []string { return slices.Clone(extra) }

func samples(extra ...string) []string { return slices.Clone(extra) }

// plain reports whether s is neither [masked] nor padded: six repeats of
// one letter or digit in a row, which no random token of useful length has
// by chance but padded samples ("aaaaaa", "000000") do.
func plain(s string) bool { return !masked(s) && noRun(s) }

// notMasked is the check of rules whose secrets may hold runs: JWTs, whose
// base64 shows zero bytes as "AAAA", and Twitter tokens, which start with
// twenty-two of them.
func notMasked(s string) bool { return !masked(s) }

// noRun reports whether s lacks six repeats of one letter or digit in a
// row.
func noRun(s string) bool {
	n := 1
	for i := 1; i < len(s); i++ {
		if s[i] == s[i-1] && isAlnum(s[i]) {
			if n++; n >= 6 {
				return false
			}
		} else {
			n = 1
		}
	}
	return true
}

// notSample adds to [plain] a check for seven characters in alphabet or
// digit order ("abcdefg", "1234567"), the mark of a hand-written sample.
// It is not used for values assigned to a provider's own key name
// (SNYK_TOKEN=), where the name alone says a credential is meant.
func notSample(s string) bool {
	if !plain(s) {
		return false
	}
	n := 1
	for i := 1; i < len(s); i++ {
		if s[i] == s[i-1]+1 && isAlnum(s[i]) && isAlnum(s[i-1]) {
			if n++; n >= 7 {
				return false
			}
		} else {
			n = 1
		}
	}
	return true
}

func isAlnum(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
}

// both returns a check that passes when a and b pass.
func both(a, b func(string) bool) func(string) bool {
	return func(s string) bool { return a(s) && b(s) }
}

// token builds the common rule: a self-identifying token found by its
// prefix alone. The pattern starts with the token's capture group and gets
// [edge] in front.
func token(id, category, desc, pattern string, keywords []string, minEntropy float64,
	sev guard.Severity, score float64) Rule {
	return Rule{
		ID: id, Category: category, Description: desc, Pattern: edge + pattern,
		Keywords: keywords, MinEntropy: minEntropy, Allow: samples(), Confirm: notSample,
		Severity: sev, Score: score, MaxLen: 1024, Reach: tokenReach,
	}
}

// mixedCase reports whether s has upper- and lower-case letters and a
// digit, as random base62 tokens of twenty or more characters nearly always
// do and identifiers and words do not.
func mixedCase(s string) bool {
	var up, low, digit bool
	for i := 0; i < len(s); i++ {
		c := s[i]
		up = up || c >= 'A' && c <= 'Z'
		low = low || c >= 'a' && c <= 'z'
		digit = digit || c >= '0' && c <= '9'
	}
	return up && low && digit
}

// hasDigit reports whether s has an ASCII digit.
func hasDigit(s string) bool { return strings.ContainsAny(s, "0123456789") }

// jwtHeader reports whether the first dot-separated part of s decodes to a
// JSON object naming an algorithm, which every JWS and JWE header does. It
// does not parse the JSON: tokens in the wild are often damaged or cut,
// and the "alg" member is evidence enough.
func jwtHeader(s string) bool {
	head, _, _ := strings.Cut(s, ".")
	head = strings.TrimRight(head, "=")
	b, err := base64.RawURLEncoding.DecodeString(head)
	if err != nil {
		b, err = base64.RawStdEncoding.DecodeString(head)
	}
	if err != nil && len(b) == 0 {
		return false
	}
	return len(b) > 0 && b[0] == '{' && strings.Contains(string(b), `"alg"`)
}
