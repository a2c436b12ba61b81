package guard

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"math"
	"regexp"
	"regexp/syntax"
	"slices"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/dlclark/regexp2"
	r2syntax "github.com/dlclark/regexp2/syntax"

	"github.com/textnlp/textguard/internal/ahocorasick"
)

// Engine selects the regular-expression engine of a [Pattern].
type Engine int8

const (
	// EngineRE2 is Go's regexp package: RE2 syntax, time linear in the
	// text, no lookarounds or backreferences. It is the default.
	EngineRE2 Engine = iota
	// EngineRegexp2 is github.com/dlclark/regexp2: .NET syntax with
	// lookarounds and backreferences, by backtracking, which can take time
	// exponential in the text. Every match runs under [MatchTimeout].
	EngineRegexp2
)

// CategoryPattern is the category of a [Pattern] rule that names none.
const CategoryPattern = "pattern"

// DefaultMatchTimeout is the time limit of [EngineRegexp2] rules when
// [MatchTimeout] is not given.
const DefaultMatchTimeout = 50 * time.Millisecond

// ErrMatchTimeout reports an [EngineRegexp2] rule that ran out of time on a
// text; the error is a [*RuleError] naming the rule.
var ErrMatchTimeout = errors.New("guard: match timed out")

// Pattern is one rule of a [Patterns] scanner: a regular expression whose
// matches are findings. It is plain data; zero values mean defaults where a
// field says so.
type Pattern struct {
	// ID is the rule's identifier, used verbatim as the Rule of its
	// findings. Required, and unique within one scanner.
	ID string
	// Category groups rules for filters; empty means [CategoryPattern].
	Category string
	// Expr is the expression, in the syntax of Engine.
	Expr string
	// Group is the capture group whose span is the finding; 0 means the
	// whole match. A match in which the group took no part, or matched
	// nothing, gives no finding.
	Group int
	// Score is the confidence of a finding, in [0, 1]; zero means 1.
	Score float64
	// Severity is the severity of every finding of the rule, as given.
	Severity Severity
	// Engine selects the engine; the zero value is [EngineRE2].
	Engine Engine
	// MaxLen is the most bytes a match may span, together with any text a
	// lookaround inspects before or after it. It is a promise the host makes
	// for streaming (see [Patterns.Window]): a longer match is still
	// reported, but a stream may have shown its start already. Zero means
	// derive it from Expr, which works for RE2 expressions without
	// unbounded repetition (*, +, {n,}); otherwise the rule is unbounded.
	MaxLen int
	// Keywords, when given, gate the rule: it runs only on texts that
	// contain one of them, ignoring case, which saves the cost of the
	// expression on most texts. All keywords of all rules are found in one
	// pass. Every match of Expr must contain a keyword; a rule whose
	// matches can lack one misses them, and more so in streams, where a
	// scan sees only the recent text.
	Keywords []string
}

// PatternOption configures [NewPatterns].
type PatternOption func(*patternConfig) error

type patternConfig struct {
	timeout time.Duration
}

// MatchTimeout bounds the time an [EngineRegexp2] rule may take on one text:
// d for each search for its next match, and d per 64 KiB of text for all
// its matches together, so that many quick matches cannot add up to an
// unbounded scan while long texts still get time in proportion. A rule that
// runs out makes Scan fail with [ErrMatchTimeout]; it never returns the
// findings it had so far, because a partial result would look like a clean
// text. The default is [DefaultMatchTimeout]. The clock is the wall clock,
// so a machine short of CPU can time out a rule that would finish. RE2
// rules need no timeout: they are linear.
func MatchTimeout(d time.Duration) PatternOption {
	return func(c *patternConfig) error {
		if d <= 0 {
			return fmt.Errorf("guard: match timeout must be positive, got %v", d)
		}
		c.timeout = d
		return nil
	}
}

// Patterns finds the matches of regular expressions in a text.
//
// Each rule reports its matches left to right without overlap, as
// [regexp.Regexp.FindAllStringIndex] does; findings of different rules may
// overlap. Findings are sorted by start, end and rule order.
//
// Patterns is immutable after [NewPatterns] and safe for concurrent use.
// Its Scan returns an error for a cancelled context and for an
// [EngineRegexp2] rule that exceeds the match timeout ([ErrMatchTimeout]).
type Patterns struct {
	rules   []patternRule
	kw      *ahocorasick.Matcher // nil when no rule has keywords
	kwRule  []int32              // rule of each keyword
	gated   int                  // rules with keywords
	timeout time.Duration
	window  int
}

type patternRule struct {
	id, category string
	score        float64
	severity     Severity
	group        int
	re           *regexp.Regexp
	re2          *regexp2.Regexp
	gated        bool
}

var _ Scanner = (*Patterns)(nil)
var _ Windowed = (*Patterns)(nil)

// NewPatterns compiles rules into a scanner. A rule that cannot work (no ID,
// a duplicate ID, an expression that does not compile, a group the
// expression lacks, a negative MaxLen, an empty keyword) is a [*RuleError]
// matching [ErrInvalidRule]; it names the rule and never quotes the
// expression.
func NewPatterns(rules []Pattern, opts ...PatternOption) (*Patterns, error) {
	cfg := patternConfig{timeout: DefaultMatchTimeout}
	for _, o := range opts {
		if o == nil {
			continue
		}
		if err := o(&cfg); err != nil {
			return nil, err
		}
	}
	p := &Patterns{timeout: cfg.timeout}
	var keywords []string
	seen := map[string]bool{}
	for i, r := range rules {
		pr, window, err := compilePattern(r, i, cfg, seen)
		if err != nil {
			return nil, err
		}
		p.window = maxWindow(p.window, window)
		for j, k := range r.Keywords {
			if k == "" || !utf8.ValidString(k) {
				return nil, invalidRule(r.ID, i, "keyword %d is empty or not UTF-8", j)
			}
			keywords = append(keywords, k)
			p.kwRule = append(p.kwRule, int32(i))
		}
		if pr.gated = len(r.Keywords) > 0; pr.gated {
			p.gated++
		}
		p.rules = append(p.rules, pr)
	}
	if len(keywords) > 0 {
		m, err := ahocorasick.New(keywords, ahocorasick.Options{Fold: ahocorasick.FoldUnicode})
		if err != nil {
			return nil, fmt.Errorf("guard: patterns: %w", err)
		}
		p.kw = m
	}
	return p, nil
}

// maxWindow combines rule windows, -1 being unbounded.
func maxWindow(a, b int) int {
	if a < 0 || b < 0 {
		return -1
	}
	return max(a, b)
}

func compilePattern(r Pattern, i int, cfg patternConfig, seen map[string]bool) (patternRule, int, error) {
	pr := patternRule{
		id: r.ID, category: cmp.Or(r.Category, CategoryPattern),
		score: cmp.Or(r.Score, 1), severity: r.Severity, group: r.Group,
	}
	if err := checkRuleHead(r.ID, i, r.Score, r.Severity, seen); err != nil {
		return pr, 0, err
	}
	switch {
	case r.Expr == "":
		return pr, 0, invalidRule(r.ID, i, "no expression")
	case r.Group < 0:
		return pr, 0, invalidRule(r.ID, i, "negative group %d", r.Group)
	case r.MaxLen < 0:
		return pr, 0, invalidRule(r.ID, i, "negative max length %d", r.MaxLen)
	}
	window := -1
	if r.MaxLen > 0 {
		window = r.MaxLen
	}
	switch r.Engine {
	case EngineRE2:
		re, err := regexp.Compile(r.Expr)
		if err != nil {
			return pr, 0, invalidRule(r.ID, i, "invalid expression: %s", re2Reason(err))
		}
		if r.Group > re.NumSubexp() {
			return pr, 0, invalidRule(r.ID, i, "no group %d", r.Group)
		}
		pr.re = re
		if window < 0 {
			window = derivedMaxLen(r.Expr)
		}
	case EngineRegexp2:
		re, err := regexp2.Compile(r.Expr, regexp2.None)
		if err != nil {
			return pr, 0, invalidRule(r.ID, i, "invalid expression: %s", regexp2Reason(err))
		}
		if !slices.Contains(re.GetGroupNumbers(), r.Group) {
			return pr, 0, invalidRule(r.ID, i, "no group %d", r.Group)
		}
		re.MatchTimeout = cfg.timeout
		pr.re2 = re
	default:
		return pr, 0, invalidRule(r.ID, i, "unknown engine %d", r.Engine)
	}
	if window >= 0 {
		// \b, \B and $ look at the rune after a match.
		window += utf8.UTFMax
	}
	return pr, window, nil
}

// re2Reason and regexp2Reason keep the error code of a failed compile and
// drop the expression, which the engines' messages quote.
func re2Reason(err error) string {
	var se *syntax.Error
	if errors.As(err, &se) {
		return string(se.Code)
	}
	return "syntax error"
}

func regexp2Reason(err error) string {
	var se *r2syntax.Error
	if errors.As(err, &se) {
		return se.Code.String()
	}
	return "syntax error"
}

// Window implements [Windowed]: the largest MaxLen of the rules, given or
// derived, plus one rune of lookahead. It returns -1 when some rule is
// unbounded, which a [Guard] treats like a scanner that is not windowed:
// a stream then holds the whole reply until it ends.
func (p *Patterns) Window() int { return p.window }

// Scan implements [Scanner].
func (p *Patterns) Scan(ctx context.Context, in Input) ([]Finding, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	text := in.Text
	var active []bool
	if p.kw != nil {
		active = make([]bool, len(p.rules))
		left := p.gated
		p.kw.Each(text, func(m ahocorasick.Match) bool {
			if r := p.kwRule[m.Pattern]; !active[r] {
				active[r] = true
				left--
			}
			return left > 0
		})
	}
	var fs []Finding
	var runes []int32 // byte offset of each rune, for regexp2's rune offsets
	for i := range p.rules {
		r := &p.rules[i]
		if r.gated && !active[i] {
			continue
		}
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		if r.re != nil {
			fs = r.scanRE2(text, fs)
			continue
		}
		if runes == nil {
			runes = runeOffsets(text)
		}
		var err error
		if fs, err = r.scanRegexp2(ctx, text, runes, p.timeout, fs); err != nil {
			return nil, err
		}
	}
	// Each rule's findings are in order already; a stable sort by position
	// keeps rule order for equal spans.
	slices.SortStableFunc(fs, func(a, b Finding) int {
		return cmp.Or(cmp.Compare(a.Start, b.Start), cmp.Compare(a.End, b.End))
	})
	return fs, nil
}

func (r *patternRule) finding(start, end int) Finding {
	return Finding{
		Rule: r.id, Category: r.category, Start: start, End: end,
		Score: r.score, Severity: r.severity,
	}
}

func (r *patternRule) scanRE2(text string, fs []Finding) []Finding {
	if r.group == 0 {
		for _, loc := range r.re.FindAllStringIndex(text, -1) {
			if loc[0] < loc[1] {
				fs = append(fs, r.finding(loc[0], loc[1]))
			}
		}
		return fs
	}
	for _, loc := range r.re.FindAllStringSubmatchIndex(text, -1) {
		if s, e := loc[2*r.group], loc[2*r.group+1]; s >= 0 && s < e {
			fs = append(fs, r.finding(s, e))
		}
	}
	return fs
}

// scanRegexp2 collects the rule's matches until the text or the time runs
// out. The engine checks its timeout within each search; the total budget
// is checked here.
func (r *patternRule) scanRegexp2(ctx context.Context, text string, runes []int32,
	timeout time.Duration, fs []Finding) ([]Finding, error) {
	start := time.Now()
	budget := timeout * time.Duration(1+len(text)>>16)
	m, err := r.re2.FindStringMatch(text)
	for ; m != nil && err == nil; m, err = r.re2.FindNextMatch(m) {
		if g := m.GroupByNumber(r.group); g != nil && len(g.Captures) > 0 && g.Length > 0 {
			fs = append(fs, r.finding(int(runes[g.Index]), int(runes[g.Index+g.Length])))
		}
		if time.Since(start) > budget {
			err = ErrMatchTimeout
			break
		}
		if err := ctx.Err(); err != nil {
			return nil, err
		}
	}
	if err != nil {
		// The engine's own error quotes the whole text; it must not escape.
		// Running out of time is the only way its search fails.
		return nil, &RuleError{
			Rule: r.id, Reason: fmt.Sprintf("match timed out after %v", timeout),
			Err: ErrMatchTimeout,
		}
	}
	return fs, nil
}

// runeOffsets returns the byte offset of each rune of text and then
// len(text), counting each invalid byte as one rune, as regexp2's
// conversion to []rune does. Texts beyond 2 GiB are not supported.
func runeOffsets(text string) []int32 {
	offs := make([]int32, 0, utf8.RuneCountInString(text)+1)
	for i := range text {
		offs = append(offs, int32(i))
	}
	return append(offs, int32(len(text)))
}

// derivedMaxLen returns the most bytes a match of the RE2 expression expr
// can span, or -1 when repetition makes it unbounded.
func derivedMaxLen(expr string) int {
	re, err := syntax.Parse(expr, syntax.Perl)
	if err != nil {
		return -1
	}
	n := maxLenOf(re.Simplify())
	if n > math.MaxInt32 {
		return -1
	}
	return n
}

// maxLenOf bounds the bytes a match of re spans; -1 is unbounded. Sums
// saturate above MaxInt32 so that nested counted repetition cannot overflow.
func maxLenOf(re *syntax.Regexp) int {
	switch re.Op {
	case syntax.OpLiteral:
		n := 0
		for _, r := range re.Rune {
			n += runeWidth(r, re.Flags&syntax.FoldCase != 0)
		}
		return n
	case syntax.OpCharClass:
		if len(re.Rune) == 0 {
			return 0
		}
		return utf8.RuneLen(min(re.Rune[len(re.Rune)-1], unicode.MaxRune))
	case syntax.OpAnyChar, syntax.OpAnyCharNotNL:
		return utf8.UTFMax
	case syntax.OpCapture, syntax.OpQuest:
		return maxLenOf(re.Sub[0])
	case syntax.OpStar, syntax.OpPlus:
		if maxLenOf(re.Sub[0]) == 0 {
			return 0
		}
		return -1
	case syntax.OpRepeat:
		n := maxLenOf(re.Sub[0])
		if n == 0 {
			return 0
		}
		if re.Max < 0 || n < 0 {
			return -1
		}
		return min(n*re.Max, math.MaxInt32+1)
	case syntax.OpConcat, syntax.OpAlternate:
		total := 0
		for _, sub := range re.Sub {
			n := maxLenOf(sub)
			if n < 0 {
				return -1
			}
			if re.Op == syntax.OpConcat {
				total = min(total+n, math.MaxInt32+1)
			} else {
				total = max(total, n)
			}
		}
		return total
	}
	// Empty matches, anchors and word boundaries span nothing.
	return 0
}

// runeWidth is the longest encoding of a rune that r matches.
func runeWidth(r rune, fold bool) int {
	w := utf8.RuneLen(r)
	if w < 0 {
		w = utf8.UTFMax
	}
	if fold {
		for f := unicode.SimpleFold(r); f != r; f = unicode.SimpleFold(f) {
			w = max(w, utf8.RuneLen(f))
		}
	}
	return w
}
