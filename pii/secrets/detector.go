package secrets

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/textnlp/textguard/guard"
)

// Category is the category of every finding of this package.
const Category = "SECRET"

// defaultMatchTimeout bounds one regexp2 match; Go regexp rules need none.
const defaultMatchTimeout = 100 * time.Millisecond

// ErrMatchTimeout reports a rule compiled with regexp2 (because it uses
// lookaround) that ran out of time on a text. The error names the rule,
// never the text.
var ErrMatchTimeout = errors.New("secrets: match timeout")

// Detector finds credentials and other secrets in text.
//
// A Detector is immutable once [New] returns it and is safe for concurrent
// use by any number of goroutines. It implements [guard.Scanner] and
// [guard.Windowed].
type Detector struct {
	rules    []*compiled
	keywords *keywordIndex
	always   []int // rules without keywords
	allow    []matcher
	values   map[string]struct{}
	window   int
}

var (
	_ guard.Scanner  = (*Detector)(nil)
	_ guard.Windowed = (*Detector)(nil)
)

// Option configures a [Detector]. An option that is given a bad argument
// makes [New] fail.
type Option func(*config) error

type config struct {
	rules    []Rule
	without  map[string]bool
	values   []string
	patterns []string
	timeout  time.Duration
}

// WithRules adds rules to the set. A rule whose ID is already in the set
// replaces the earlier one, so that a host can override a built-in rule.
func WithRules(rules ...Rule) Option {
	return func(c *config) error {
		c.rules = append(c.rules, rules...)
		return nil
	}
}

// WithRuleSet replaces the rule set, which is [DefaultRules] unless this
// option is given; [WithRules] given after it adds to the new set.
func WithRuleSet(rules ...Rule) Option {
	return func(c *config) error {
		c.rules = slices.Clone(rules)
		return nil
	}
}

// WithoutRules drops the rules with these IDs, whichever option added them.
func WithoutRules(ids ...string) Option {
	return func(c *config) error {
		for _, id := range ids {
			c.without[id] = true
		}
		return nil
	}
}

// WithAllowValues lists exact secrets never to report, such as the public
// sample keys of an SDK the host's users paste.
func WithAllowValues(values ...string) Option {
	return func(c *config) error {
		c.values = append(c.values, values...)
		return nil
	}
}

// WithAllowPatterns adds regular expressions that veto any secret they
// match, whatever the rule.
func WithAllowPatterns(exprs ...string) Option {
	return func(c *config) error {
		c.patterns = append(c.patterns, exprs...)
		return nil
	}
}

// WithMatchTimeout sets how long one regexp2 match may run (default 100ms).
// Only rules that need regexp2 use it; Go regexp runs in linear time.
func WithMatchTimeout(d time.Duration) Option {
	return func(c *config) error {
		if d <= 0 {
			return fmt.Errorf("secrets: match timeout %v is not positive", d)
		}
		c.timeout = d
		return nil
	}
}

// New compiles a detector. With no options it has [DefaultRules]. Every
// rule and allow-list expression is compiled here, once; the error is a
// [*RuleError] for a bad rule.
func New(opts ...Option) (*Detector, error) {
	c := &config{rules: DefaultRules(), without: map[string]bool{}, timeout: defaultMatchTimeout}
	for _, o := range opts {
		if err := o(c); err != nil {
			return nil, err
		}
	}
	cache := newRegexCache(c.timeout)
	d := &Detector{values: map[string]struct{}{}}
	for _, r := range dedupeRules(c.rules) {
		if c.without[r.ID] {
			continue
		}
		cr, err := compileRule(r, cache)
		if err != nil {
			return nil, err
		}
		if len(cr.keywords) == 0 {
			d.always = append(d.always, len(d.rules))
		}
		d.rules = append(d.rules, cr)
		d.window = max(d.window, cr.maxLen+contextLen)
	}
	for i, p := range c.patterns {
		m, err := cache.compile(p)
		if err != nil {
			return nil, fmt.Errorf("secrets: allow pattern %d: %w", i, err)
		}
		d.allow = append(d.allow, m)
	}
	for _, v := range c.values {
		d.values[v] = struct{}{}
	}
	kw, err := newKeywordIndex(d.rules)
	if err != nil {
		return nil, fmt.Errorf("secrets: keyword index: %w", err)
	}
	d.keywords = kw
	return d, nil
}

// dedupeRules keeps the last rule of each ID in the position of the first.
func dedupeRules(rules []Rule) []Rule {
	last := map[string]int{}
	for i, r := range rules {
		last[r.ID] = i
	}
	out := make([]Rule, 0, len(last))
	seen := map[string]bool{}
	for _, r := range rules {
		if seen[r.ID] {
			continue
		}
		seen[r.ID] = true
		out = append(out, rules[last[r.ID]])
	}
	return out
}

// Window implements [guard.Windowed]: the longest secret any rule reports
// plus the bytes after it a pattern may need to see.
func (d *Detector) Window() int { return d.window }

// Scan implements [guard.Scanner]. Each finding covers the secret alone
// (the value, not the "key=" before it) and has the rule "secrets.<ID>",
// the category [Category], the rule's severity, and the rule's score,
// lowered for secrets of low entropy. Findings are sorted by offset; where
// two rules report the same or a nested span, the higher score is kept.
//
// Scan returns ctx.Err() when ctx is cancelled and an error wrapping
// [ErrMatchTimeout] when a regexp2 rule runs out of time, both without
// partial results.
func (d *Detector) Scan(ctx context.Context, in guard.Input) ([]guard.Finding, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	text := in.Text
	if text == "" || len(d.rules) == 0 {
		return nil, nil
	}
	hits := d.keywords.scan(text)
	if len(hits) == 0 && len(d.always) == 0 {
		return nil, nil
	}
	plan := d.plan(text, hits)
	var (
		fs  []guard.Finding
		idx *runeIndex
		err error
	)
	for ri, windows := range plan {
		if windows == nil {
			continue
		}
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		r := d.rules[ri]
		if r.pattern.re == nil {
			if idx == nil {
				idx = newRuneIndex(text)
			}
			fs, err = d.scanRegexp2(ctx, r, text, idx, fs)
		} else {
			fs, err = d.scanWindows(ctx, r, text, windows, fs)
		}
		if err != nil {
			return nil, err
		}
	}
	return prune(fs), nil
}

// span is a half-open byte range of the text.
type span struct{ start, end int }

// plan lists, for each rule to run, the stretches of text to run it on:
// around its keyword occurrences for a rule with a reach, the whole text
// otherwise. A nil entry means the rule has nothing to look at.
func (d *Detector) plan(text string, hits []hit) [][]span {
	plan := make([][]span, len(d.rules))
	whole := []span{{0, len(text)}}
	for _, ri := range d.always {
		plan[ri] = whole
	}
	for _, h := range hits {
		for _, ri := range d.keywords.rules[h.word] {
			r := d.rules[ri]
			if r.reach == 0 || r.pattern.re == nil {
				plan[ri] = whole
				continue
			}
			w := span{max(0, h.pos-r.reach), min(len(text), h.pos+len(d.keywords.words[h.word])+r.reach)}
			// Hits come in text order, so a window can only overlap the
			// last one of its rule.
			if n := len(plan[ri]); n > 0 && w.start <= plan[ri][n-1].end {
				plan[ri][n-1].end = max(plan[ri][n-1].end, w.end)
			} else {
				plan[ri] = append(plan[ri], w)
			}
		}
	}
	return plan
}

// checkEvery is how many matches of one rule pass between context checks.
const checkEvery = 64

// scanWindows runs a Go regexp rule over the given stretches of text.
// Windows that grew into each other are scanned in full, not clipped at
// the end of the previous one: a clip could fall between a key and its
// value, where neither side matches alone. A match found twice is merged
// by prune.
func (d *Detector) scanWindows(ctx context.Context, r *compiled, text string, windows []span,
	fs []guard.Finding) ([]guard.Finding, error) {
	done := 0 // end of the text already scanned for this rule
	var err error
	for i, w := range windows {
		if w.end <= done {
			continue
		}
		if i%checkEvery == checkEvery-1 {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
		}
		if fs, done, err = d.scanWindow(ctx, r, text, w, fs); err != nil {
			return nil, err
		}
	}
	return fs, nil
}

// scanWindow finds the matches of r in text[w.start:w.end] and returns the
// end of the text it ended up scanning.
//
// A window edge inside the text can fake or cut a match: "^" and "\b"
// hold at a slice's start, and a greedy token stops at its end. So a match
// that touches an inner edge is not taken: the window grows past that edge
// and the search runs again. Matches clear of both edges are exactly those
// a search of the whole text finds there.
func (d *Detector) scanWindow(ctx context.Context, r *compiled, text string, w span,
	fs []guard.Finding) ([]guard.Finding, int, error) {
	pos := w.start
	for n := 0; pos <= w.end; n++ {
		if n%checkEvery == checkEvery-1 {
			if err := ctx.Err(); err != nil {
				return nil, 0, err
			}
		}
		loc := r.pattern.re.FindStringSubmatchIndex(text[pos:w.end])
		if loc == nil {
			break
		}
		for i := range loc {
			if loc[i] >= 0 {
				loc[i] += pos
			}
		}
		grow := max(256, w.end-w.start)
		if pos == w.start && loc[0] == w.start && w.start > 0 {
			w.start = max(0, w.start-grow)
			pos = w.start
			continue
		}
		if loc[1] == w.end && w.end < len(text) {
			w.end = min(len(text), w.end+grow)
			continue
		}
		s, e := secretSpan(r.group, loc)
		if f, ok := d.accept(r, text, s, e, loc[0], loc[1]); ok {
			fs = append(fs, f)
		}
		pos = nextPos(text, pos, e, loc[1])
	}
	return fs, w.end, nil
}

// nextPos resumes the search at the end of the secret rather than of the
// match, so that a separator the match consumed after one secret can still
// precede the next one ("tok1,tok2"). It always advances.
func nextPos(text string, pos, secretEnd, matchEnd int) int {
	switch {
	case secretEnd > pos:
		return secretEnd
	case matchEnd > pos:
		return matchEnd
	case pos >= len(text):
		return pos + 1
	}
	_, size := utf8.DecodeRuneInString(text[pos:])
	return pos + size
}

// secretSpan picks the secret out of a submatch index slice: the given
// group, else the first group that took part, else the whole match.
func secretSpan(group int, loc []int) (int, int) {
	if group > 0 {
		return loc[2*group], loc[2*group+1]
	}
	for g := 1; 2*g+1 < len(loc); g++ {
		if loc[2*g] >= 0 && loc[2*g+1] > loc[2*g] {
			return loc[2*g], loc[2*g+1]
		}
	}
	return loc[0], loc[1]
}

// accept applies a rule's checks to the secret text[s:e] of the match
// text[ms:me] and builds the finding.
func (d *Detector) accept(r *compiled, text string, s, e, ms, me int) (guard.Finding, bool) {
	if s < 0 || e <= s {
		return guard.Finding{}, false
	}
	if e-s > r.maxLen {
		e = s + r.maxLen
		for e > s && !utf8.RuneStart(text[e]) {
			e--
		}
	}
	secret := text[s:e]
	if _, ok := d.values[secret]; ok {
		return guard.Finding{}, false
	}
	h := entropy(secret)
	if h < r.minEntropy || anyMatch(r.allow, secret) || anyMatch(d.allow, secret) ||
		anyMatch(r.allowMatch, text[ms:me]) || anyMatch(r.allowLine, lineAt(text, ms)) {
		return guard.Finding{}, false
	}
	if r.confirm != nil && !r.confirm(secret) {
		return guard.Finding{}, false
	}
	return guard.Finding{
		Rule: r.rule, Category: Category, Start: s, End: e,
		Score: r.score * entropyFactor(h), Severity: r.severity,
	}, true
}

func anyMatch(ms []matcher, s string) bool {
	for _, m := range ms {
		if m.match(s) {
			return true
		}
	}
	return false
}

// lineAt returns the line of text that holds byte i, without its newline.
func lineAt(text string, i int) string {
	start := strings.LastIndexByte(text[:i], '\n') + 1
	end := strings.IndexByte(text[i:], '\n')
	if end < 0 {
		return text[start:]
	}
	return text[start : i+end]
}

// prune sorts findings and drops those that repeat or sit inside another
// finding scoring at least as high, which is what happens when a generic
// rule and a provider rule see the same token.
func prune(fs []guard.Finding) []guard.Finding {
	if len(fs) < 2 {
		return fs
	}
	slices.SortFunc(fs, func(a, b guard.Finding) int {
		return cmp.Or(cmp.Compare(a.Start, b.Start), cmp.Compare(b.End, a.End),
			cmp.Compare(b.Score, a.Score), strings.Compare(a.Rule, b.Rule))
	})
	out := fs[:1]
	cover := 0 // index in out of the kept finding reaching furthest
	for _, f := range fs[1:] {
		c := out[cover]
		if f.End <= c.End && f.Score <= c.Score {
			continue
		}
		out = append(out, f)
		if f.End > c.End {
			cover = len(out) - 1
		}
	}
	return out
}
