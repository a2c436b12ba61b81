package secrets

import (
	"errors"
	"fmt"
	"regexp"
	"strings"
	"time"

	"github.com/dlclark/regexp2"

	"github.com/textnlp/textguard/guard"
)

// Defaults a [Rule] gets for fields left at their zero value.
const (
	// DefaultScore is the score of a rule whose Score is zero.
	DefaultScore = 0.8
	// DefaultMaxLen is the longest secret, in bytes, of a rule whose
	// MaxLen is zero.
	DefaultMaxLen = 1024
	// contextLen is how many bytes after a secret a pattern may look at
	// (a closing quote, "@host" after a password in a URL). It is part of
	// the streaming window.
	contextLen = 256
)

// ErrInvalidRule reports a rule that cannot be compiled or whose fields are
// out of range; the error is a [*RuleError].
var ErrInvalidRule = errors.New("secrets: invalid rule")

// RuleError reports which rule and which of its fields is wrong.
type RuleError struct {
	ID    string // the rule's ID, or "" when that is what is missing
	Field string // the field at fault, such as "Pattern"
	Err   error  // the cause, such as a regular expression syntax error
}

func (e *RuleError) Error() string {
	return fmt.Sprintf("secrets: rule %q: %s: %v", e.ID, e.Field, e.Err)
}

// Is makes errors.Is(err, ErrInvalidRule) true.
func (e *RuleError) Is(target error) bool { return target == ErrInvalidRule }

// Unwrap returns the cause.
func (e *RuleError) Unwrap() error { return e.Err }

// Rule describes one kind of secret as plain data. The zero value of an
// optional field means its default. A Rule is a value: copying it and
// changing the copy leaves the original alone, except for the slices, which
// [New] copies before it uses them.
type Rule struct {
	// ID names the rule; findings carry it as "secrets.<ID>". It is made of
	// lower-case ASCII letters, digits, '-', '_' and '.'.
	ID string
	// Description says in a sentence what the rule finds.
	Description string
	// Category groups rules by kind of service, such as "cloud", "vcs",
	// "payment" or "generic". Findings always have the category "SECRET";
	// this one is for choosing rules.
	Category string
	// Pattern is the regular expression that finds candidates. It is
	// compiled with Go's [regexp] (RE2 syntax, linear time) when possible,
	// and otherwise with regexp2 under a match timeout, so that lookaround
	// in rules written for other tools still works.
	Pattern string
	// SecretGroup is the capture group that holds the secret. Zero means
	// the first capture group that took part in the match, or the whole
	// match when there is none, which lets one pattern offer alternative
	// forms each with its own group.
	SecretGroup int
	// Keywords are lower-case literals of which at least one occurs in
	// every match. The detector runs the pattern only on texts that contain
	// one of them, which is what makes a large rule set cheap on clean
	// text. A rule without keywords runs on every text.
	Keywords []string
	// MinEntropy vetoes a secret whose Shannon entropy, in bits per byte,
	// is lower; zero disables the check.
	MinEntropy float64
	// Allow holds regular expressions that veto a match when they match the
	// secret: placeholders, documentation values, variable references.
	Allow []string
	// AllowMatch holds regular expressions that veto a match when they
	// match the whole match, key and operator included: a key named
	// "public_key" is not a secret whatever its value.
	AllowMatch []string
	// AllowLine holds regular expressions that veto a match when they
	// match the line it starts on.
	AllowLine []string
	// Confirm, when set, is a check in code that the secret must pass, for
	// what a regular expression cannot say (a JWT header that decodes to
	// JSON). It must be safe for concurrent use. Rules loaded from files
	// have none.
	Confirm func(secret string) bool
	// Severity of a finding; zero means [guard.SeverityHigh].
	Severity guard.Severity
	// Score of a finding with enough entropy, in (0, 1]; zero means
	// [DefaultScore]. Secrets of low entropy score less.
	Score float64
	// Reach, when positive, promises that every match contains one of the
	// Keywords and lies within Reach bytes of it on either side. The
	// detector then runs the pattern only on the text around keyword
	// occurrences, which on long texts is many times faster than running
	// it on the whole text. A match may still run past Reach through a
	// part that also matches when cut short (the tail of a value); the
	// detector widens its window when a match touches the window's edge.
	// Zero runs the pattern on the whole text whenever a keyword occurs,
	// which is what rules written for other tools expect.
	Reach int
	// MaxLen bounds the length of a reported secret in bytes; a longer
	// secret is cut to its first MaxLen bytes, which is still enough to
	// redact the credential. Zero means [DefaultMaxLen]. The largest MaxLen
	// of a detector sets its streaming window.
	MaxLen int
}

// Validate reports whether r can be compiled and its fields are in range.
// The error is a [*RuleError].
func (r *Rule) Validate() error {
	_, err := compileRule(*r, newRegexCache(defaultMatchTimeout))
	return err
}

func (r *Rule) fieldError(field string, format string, args ...any) error {
	return &RuleError{ID: r.ID, Field: field, Err: fmt.Errorf(format, args...)}
}

func validID(id string) bool {
	if id == "" || len(id) > 128 {
		return false
	}
	for i := 0; i < len(id); i++ {
		c := id[i]
		ok := c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_' || c == '.'
		if !ok {
			return false
		}
	}
	return true
}

// matcher is a compiled regular expression of either engine.
type matcher struct {
	re  *regexp.Regexp
	re2 *regexp2.Regexp
}

// match reports whether m matches s. A regexp2 timeout counts as no match,
// so an allow-list expression that runs out of time never hides a secret.
func (m matcher) match(s string) bool {
	if m.re != nil {
		return m.re.MatchString(s)
	}
	ok, err := m.re2.MatchString(s)
	return err == nil && ok
}

// regexCache compiles each distinct expression once per detector, because
// the built-in rules share most of their allow-list expressions.
type regexCache struct {
	timeout time.Duration
	byExpr  map[string]matcher
}

func newRegexCache(timeout time.Duration) *regexCache {
	return &regexCache{timeout: timeout, byExpr: map[string]matcher{}}
}

// compile tries RE2 first and falls back to regexp2 for syntax RE2 lacks
// (lookaround, backreferences), always with a match timeout.
func (c *regexCache) compile(expr string) (matcher, error) {
	if m, ok := c.byExpr[expr]; ok {
		return m, nil
	}
	var m matcher
	re, err := regexp.Compile(expr)
	if err == nil {
		m.re = re
	} else {
		re2, err2 := regexp2.Compile(expr, regexp2.RE2)
		if err2 != nil {
			return matcher{}, err
		}
		re2.MatchTimeout = c.timeout
		m.re2 = re2
	}
	c.byExpr[expr] = m
	return m, nil
}

func (c *regexCache) compileAll(r *Rule, field string, exprs []string) ([]matcher, error) {
	out := make([]matcher, 0, len(exprs))
	for i, e := range exprs {
		m, err := c.compile(e)
		if err != nil {
			return nil, &RuleError{ID: r.ID, Field: fmt.Sprintf("%s[%d]", field, i), Err: err}
		}
		out = append(out, m)
	}
	return out, nil
}

// compiled is a rule ready to run. It is never modified after compileRule.
type compiled struct {
	id, rule   string // ID and "secrets.<ID>"
	pattern    matcher
	groups     int // capture groups of the pattern
	group      int
	keywords   []string
	minEntropy float64
	allow      []matcher
	allowMatch []matcher
	allowLine  []matcher
	confirm    func(string) bool
	severity   guard.Severity
	score      float64
	maxLen     int
	reach      int
}

func compileRule(r Rule, cache *regexCache) (*compiled, error) {
	if !validID(r.ID) {
		return nil, r.fieldError("ID", "must be 1-128 bytes of [a-z0-9._-]")
	}
	if r.Pattern == "" {
		return nil, r.fieldError("Pattern", "empty")
	}
	pat, err := cache.compile(r.Pattern)
	if err != nil {
		return nil, &RuleError{ID: r.ID, Field: "Pattern", Err: err}
	}
	c := &compiled{
		id: r.ID, rule: "secrets." + r.ID, pattern: pat, group: r.SecretGroup,
		minEntropy: r.MinEntropy, confirm: r.Confirm,
		severity: r.Severity, score: r.Score, maxLen: r.MaxLen, reach: r.Reach,
	}
	if pat.re != nil {
		c.groups = pat.re.NumSubexp()
	} else {
		c.groups = len(pat.re2.GetGroupNumbers()) - 1
	}
	if err := c.setNumbers(&r); err != nil {
		return nil, err
	}
	for i, k := range r.Keywords {
		if k == "" || k != strings.ToLower(k) {
			return nil, r.fieldError(fmt.Sprintf("Keywords[%d]", i), "must be non-empty and lower-case")
		}
		c.keywords = append(c.keywords, k)
	}
	if c.allow, err = cache.compileAll(&r, "Allow", r.Allow); err != nil {
		return nil, err
	}
	if c.allowMatch, err = cache.compileAll(&r, "AllowMatch", r.AllowMatch); err != nil {
		return nil, err
	}
	if c.allowLine, err = cache.compileAll(&r, "AllowLine", r.AllowLine); err != nil {
		return nil, err
	}
	return c, nil
}

// setNumbers checks the numeric fields and fills in their defaults.
func (c *compiled) setNumbers(r *Rule) error {
	switch {
	case r.SecretGroup < 0 || r.SecretGroup > c.groups:
		return r.fieldError("SecretGroup", "%d not in [0, %d]", r.SecretGroup, c.groups)
	case r.MinEntropy < 0 || r.MinEntropy > 8:
		return r.fieldError("MinEntropy", "%v not in [0, 8]", r.MinEntropy)
	case r.Severity < guard.SeverityNone || r.Severity > guard.SeverityCritical:
		return r.fieldError("Severity", "unknown severity %d", r.Severity)
	case r.Score < 0 || r.Score > 1:
		return r.fieldError("Score", "%v not in [0, 1]", r.Score)
	case r.MaxLen < 0:
		return r.fieldError("MaxLen", "negative")
	case r.Reach < 0:
		return r.fieldError("Reach", "negative")
	case r.Reach > 0 && len(r.Keywords) == 0:
		return r.fieldError("Reach", "needs keywords to reach from")
	}
	if c.severity == guard.SeverityNone {
		c.severity = guard.SeverityHigh
	}
	if c.score == 0 {
		c.score = DefaultScore
	}
	if c.maxLen == 0 {
		c.maxLen = DefaultMaxLen
	}
	return nil
}
