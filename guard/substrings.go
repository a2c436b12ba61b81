package guard

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"unicode"
	"unicode/utf8"

	"github.com/textnlp/textguard/internal/ahocorasick"
)

// ErrInvalidRule reports a rule of [NewSubstrings] or [NewPatterns] that
// cannot work as written; the error is a [*RuleError].
var ErrInvalidRule = errors.New("guard: invalid rule")

// RuleError reports a problem with one rule: a rule that cannot be compiled
// ([ErrInvalidRule]) or one that could not finish on a text
// ([ErrMatchTimeout]). It names the rule by its ID, or by "#" and its index
// when it has none, and never quotes the rule's expression or the text.
type RuleError struct {
	Rule   string // the rule's ID
	Reason string // what is wrong, without text or expression
	Err    error  // the sentinel: ErrInvalidRule or ErrMatchTimeout
}

func (e *RuleError) Error() string {
	return "guard: rule " + strconv.Quote(e.Rule) + ": " + e.Reason
}

// Unwrap returns the sentinel, for [errors.Is].
func (e *RuleError) Unwrap() error { return e.Err }

func invalidRule(id string, index int, format string, args ...any) error {
	if id == "" {
		id = "#" + strconv.Itoa(index)
	}
	return &RuleError{Rule: id, Reason: fmt.Sprintf(format, args...), Err: ErrInvalidRule}
}

// CategorySubstring is the category of a [Substring] rule that names none.
const CategorySubstring = "banned_substring"

// Substring is one rule of a [Substrings] scanner: literal text that must
// not appear. It is plain data, and its zero values mean defaults where a
// field says so.
type Substring struct {
	// ID is the rule's identifier, used verbatim as the Rule of its
	// findings, so that hosts see the names they chose. Required, and
	// unique within one scanner.
	ID string
	// Category groups rules for filters; empty means [CategorySubstring].
	Category string
	// Literals are the texts the rule bans. Each must be non-empty valid
	// UTF-8. A literal that appears in two rules is reported for the
	// earlier rule.
	Literals []string
	// Score is the confidence of a finding, in [0, 1]; zero means 1, as a
	// literal either occurs or does not.
	Score float64
	// Severity is the severity of every finding of the rule, as given.
	Severity Severity
}

// SubstringOption configures [NewSubstrings].
type SubstringOption func(*substringConfig) error

type substringConfig struct {
	fold  ahocorasick.Fold
	words bool
	norm  *Normalizer
}

// MatchCase makes [Substrings] compare bytes exactly. By default it ignores
// case by Unicode simple case folding, so "Secret" matches "SECRET" and
// "ΣΕΚΡΕΤ" matches "σεκρετ".
func MatchCase() SubstringOption {
	return func(c *substringConfig) error {
		c.fold = ahocorasick.FoldNone
		return nil
	}
}

// WholeWords makes [Substrings] report a literal only where it is not part
// of a longer word: a literal that begins with a word character (a letter,
// digit, mark or '_') must not follow one, and one that ends with a word
// character must not precede one. Literals that begin or end with
// punctuation or space are not checked on that side, so "#tag" matches in
// "a#tag". Scripts written without spaces between words, such as Chinese
// and Japanese, have no such boundaries, and a literal inside a run of
// their characters is not reported.
func WholeWords() SubstringOption {
	return func(c *substringConfig) error {
		c.words = true
		return nil
	}
}

// NormalizeWith makes [Substrings] match on n's normalised form of the
// text, so that a literal is found behind invisible characters, look-alike
// letters, compatibility forms or spaced-out letters, and report each match
// at the bytes of the original text it came from. The literals are
// normalised by n too. A finding then covers every original byte its match
// came from, removed invisible characters inside it included; two findings
// may overlap where one original character became several and a match
// boundary falls between them. Whole words are judged on the normalised
// text.
//
// With a normaliser the scanner is not windowed ([Substrings.Window]
// returns -1): removed characters and collapsed white space let a match
// cover any number of original bytes, so a stream holds back the whole
// reply.
func NormalizeWith(n *Normalizer) SubstringOption {
	return func(c *substringConfig) error {
		if n == nil {
			return errors.New("guard: substrings: nil normalizer")
		}
		c.norm = n
		return nil
	}
}

// Substrings finds banned literals in a text, all rules and all literals in
// one pass over it.
//
// Where literals overlap, Substrings reports what a reader would spot
// scanning left to right: the literal that starts first, of those the
// longest, then the next one after its end. Its findings are thus sorted,
// never overlap (but see [NormalizeWith]), and number at most the length of
// the text over the shortest literal. A literal inside a longer reported one is not reported
// on its own: with rules for "kill" and "kill time", "kill time" finds only
// the second, which hosts can use to exempt a phrase, but which also hides
// the first rule's severity. Give both to one rule when that matters.
//
// Substrings is immutable after [NewSubstrings] and safe for concurrent use.
// Its Scan returns an error only for a cancelled context.
type Substrings struct {
	m      *ahocorasick.Matcher
	rules  []substringRule
	lits   []substringLiteral // by matcher pattern index
	words  bool
	norm   *Normalizer
	window int
}

type substringRule struct {
	id, category string
	score        float64
	severity     Severity
}

type substringLiteral struct {
	rule               int32
	wordStart, wordEnd bool // boundary checks the literal needs
}

var _ Scanner = (*Substrings)(nil)
var _ Windowed = (*Substrings)(nil)

// NewSubstrings compiles rules into a scanner. An invalid rule (no ID, a
// duplicate ID, no literals, an empty literal or one that is not UTF-8, a
// score outside [0, 1]) is a [*RuleError] matching [ErrInvalidRule].
func NewSubstrings(rules []Substring, opts ...SubstringOption) (*Substrings, error) {
	cfg := substringConfig{fold: ahocorasick.FoldUnicode}
	for _, o := range opts {
		if o == nil {
			continue
		}
		if err := o(&cfg); err != nil {
			return nil, err
		}
	}
	s := &Substrings{words: cfg.words, norm: cfg.norm}
	var literals []string
	seen := map[string]bool{}
	for i, r := range rules {
		if err := checkRuleHead(r.ID, i, r.Score, r.Severity, seen); err != nil {
			return nil, err
		}
		if len(r.Literals) == 0 {
			return nil, invalidRule(r.ID, i, "no literals")
		}
		for j, lit := range r.Literals {
			if lit == "" {
				return nil, invalidRule(r.ID, i, "literal %d is empty", j)
			}
			if !utf8.ValidString(lit) {
				return nil, invalidRule(r.ID, i, "literal %d is not valid UTF-8", j)
			}
			if s.norm != nil {
				if lit = s.norm.Normalize(lit).Text; lit == "" {
					return nil, invalidRule(r.ID, i, "literal %d is empty once normalised", j)
				}
			}
			first, _ := utf8.DecodeRuneInString(lit)
			last, _ := utf8.DecodeLastRuneInString(lit)
			s.lits = append(s.lits, substringLiteral{
				rule: int32(i), wordStart: isWordRune(first), wordEnd: isWordRune(last),
			})
			literals = append(literals, lit)
		}
		s.rules = append(s.rules, substringRule{
			id: r.ID, category: cmp.Or(r.Category, CategorySubstring),
			score: cmp.Or(r.Score, 1), severity: r.Severity,
		})
	}
	m, err := ahocorasick.New(literals, ahocorasick.Options{Fold: cfg.fold})
	if err != nil {
		// The literals were checked above; this is a size limit.
		return nil, fmt.Errorf("guard: substrings: %w", err)
	}
	s.m = m
	s.window = m.MaxSpan()
	if s.norm != nil {
		s.window = -1
	} else if s.words {
		// Whether a literal is a whole word depends on the rune after it.
		s.window += utf8.UTFMax
	}
	return s, nil
}

// checkRuleHead validates the fields every rule kind shares.
func checkRuleHead(id string, i int, score float64, sev Severity, seen map[string]bool) error {
	switch {
	case id == "":
		return invalidRule(id, i, "no ID")
	case seen[id]:
		return invalidRule(id, i, "duplicate ID")
	case !(score >= 0 && score <= 1):
		return invalidRule(id, i, "score %v outside [0,1]", score)
	case sev < SeverityNone || sev > SeverityCritical:
		return invalidRule(id, i, "unknown severity %d", sev)
	}
	seen[id] = true
	return nil
}

// isWordRune reports whether r can be part of a word, for [WholeWords].
func isWordRune(r rune) bool {
	return r == '_' || unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r)
}

// Window implements [Windowed]: the most bytes a match can cover, plus one
// rune of lookahead with [WholeWords]. Case folding can make a match longer
// than its literal (the Kelvin sign is three bytes, "k" one), and the
// window allows for that. It is -1, unbounded, with [NormalizeWith].
func (s *Substrings) Window() int { return s.window }

// Scan implements [Scanner].
func (s *Substrings) Scan(ctx context.Context, in Input) ([]Finding, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	text := in.Text
	var nt Normalized
	if s.norm != nil {
		nt = s.norm.Normalize(text)
		text = nt.Text
	}
	var keep func(ahocorasick.Match) bool
	if s.words {
		keep = func(m ahocorasick.Match) bool { return s.wholeWord(text, m) }
	}
	ms := s.m.AppendLeftmostLongest(nil, text, keep)
	if len(ms) == 0 {
		return nil, nil
	}
	fs := make([]Finding, len(ms))
	for i, m := range ms {
		r := &s.rules[s.lits[m.Pattern].rule]
		if s.norm != nil {
			m.Start, m.End = nt.Original(m.Start, m.End)
		}
		fs[i] = Finding{
			Rule: r.id, Category: r.category, Start: m.Start, End: m.End,
			Score: r.score, Severity: r.severity,
		}
	}
	if s.norm != nil {
		// The map back is monotone, but ties in where matches start can
		// come out in either order of their ends; keep the documented one.
		slices.SortStableFunc(fs, func(a, b Finding) int {
			return cmp.Or(cmp.Compare(a.Start, b.Start), cmp.Compare(a.End, b.End))
		})
	}
	return fs, nil
}

func (s *Substrings) wholeWord(text string, m ahocorasick.Match) bool {
	lit := s.lits[m.Pattern]
	if lit.wordStart && m.Start > 0 {
		if r, _ := utf8.DecodeLastRuneInString(text[:m.Start]); isWordRune(r) {
			return false
		}
	}
	if lit.wordEnd && m.End < len(text) {
		if r, _ := utf8.DecodeRuneInString(text[m.End:]); isWordRune(r) {
			return false
		}
	}
	return true
}
