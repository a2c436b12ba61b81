package pii

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"math/bits"
	"regexp"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/textnlp/textguard/guard"
	"github.com/textnlp/textguard/pii/internal/checksum"
	"github.com/textnlp/textguard/pii/internal/ner"
)

// DefaultThreshold is the score a finding needs to be reported when
// [Threshold] is not given. A checksum-valid value reaches it on its own; a
// value without a check digit, such as a bare nine-digit number that could
// be a social security number, needs a context word as well.
const DefaultThreshold = 0.5

// contextBoost is what a context word adds to a candidate's score.
const contextBoost = 0.35

// ErrInvalidRecognizer reports a recognizer that [New] cannot use; the
// error names its ID and what is wrong.
var ErrInvalidRecognizer = errors.New("pii: invalid recognizer")

// A Detector finds structured personal data in text: e-mail addresses,
// phone numbers, payment cards, bank and network identifiers, and national
// identity numbers, each validated where the value carries a check digit.
//
// A Detector is built once by [New], is immutable, and is safe for
// concurrent use by many goroutines. It implements [guard.Scanner] and
// [guard.Windowed].
type Detector struct {
	// gated recognizers run on chunks and are sorted by MinDigits, so that
	// the first ones, which need no digit, form the prefix gated[:zero].
	gated    []*compiled
	zero     int
	zeroMask [2]uint64
	whole    []*compiled // no prefilter: run over the whole text
	// special recognizers find their candidates in code; every other
	// gated recognizer is split into units, indexed by the longest exact
	// digit run each needs (see index).
	special []*compiled
	units   []unit
	byRun   [64][]int32
	noRun   []int32
	upper   []*compiled // bank identifier codes: chunks of capitals

	threshold float64
	allow     []string
	deny      []denyTerm
	entities  []EntityRecognizer
	types     map[string]bool // nil: every type
	phones    *phoneRules
	norm      *guard.Normalizer
	window    int
}

var (
	_ guard.Scanner  = (*Detector)(nil)
	_ guard.Windowed = (*Detector)(nil)
)

// compiled is a validated recognizer ready to run.
type compiled struct {
	rec      Recognizer
	pats     []compiledPattern
	context  [][]string
	negative [][]string
	trigger  [2]uint64
	severity guard.Severity
}

func (c *compiled) gated() bool {
	return c.rec.MinDigits > 0 || c.rec.Trigger != "" || c.rec.kind == kindBIC
}

type compiledPattern struct {
	re       *regexp.Regexp
	anchored *regexp.Regexp // re anchored at the start; nil for a pattern with a group
	simple   simplePattern  // a faster equivalent of anchored, when there is one
	month    bool           // the pattern needs a month name
	first    [4]uint64      // bytes a match can begin with
	score    float64
	group    int
	needs    []need // one per alternative; nil means always run
}

// matchAt returns the end of p's match anchored at t[pos:end], or -1.
// Alternatives whose needs c does not meet are skipped.
func (p *compiledPattern) matchAt(t string, pos, end int, c *chunk) int {
	if p.simple != nil {
		for i, seq := range p.simple {
			if len(p.needs) == len(p.simple) && !p.needs[i].satisfied(c) {
				continue
			}
			if e := seq.match(t, pos, end); e >= 0 {
				return e
			}
		}
		return -1
	}
	m := p.anchored.FindStringIndex(t[pos:end])
	if m == nil {
		return -1
	}
	return pos + m[1]
}

// mayMatch reports whether c passes the needs of one of p's alternatives.
func (p *compiledPattern) mayMatch(c *chunk) bool {
	if p.needs == nil {
		return true
	}
	for i := range p.needs {
		if p.needs[i].satisfied(c) {
			return true
		}
	}
	return false
}

type denyTerm struct {
	value, typ string
}

// An Option configures [New]. An option given a bad value makes New return
// an error.
type Option func(*config) error

type config struct {
	types     map[string]bool
	countries map[string]bool
	threshold float64
	extra     []Recognizer
	allow     []string
	deny      []denyTerm
	region    string
	entities  []EntityRecognizer
	names     bool
}

// Types restricts the detector to the named entity types, such as "EMAIL"
// or "US_SSN"; it also turns on opt-in types such as DATE_TIME. Without it
// every type that is not opt-in is on. Names are case-insensitive.
func Types(types ...string) Option {
	return func(c *config) error {
		if c.types == nil {
			c.types = map[string]bool{}
		}
		for _, t := range types {
			if t == "" {
				return fmt.Errorf("pii: empty entity type")
			}
			c.types[strings.ToUpper(t)] = true
		}
		return nil
	}
}

// Countries restricts the country-specific recognizers to the given ISO
// 3166-1 alpha-2 codes ("US", "GB", ...); global ones, such as e-mail and
// IBAN, stay on. Without it every country is on, which means a bare number
// may be reported as an identifier of a country the host never serves.
func Countries(codes ...string) Option {
	return func(c *config) error {
		if c.countries == nil {
			c.countries = map[string]bool{}
		}
		for _, cc := range codes {
			if len(cc) != 2 {
				return fmt.Errorf("pii: country code %q is not two letters", cc)
			}
			c.countries[strings.ToUpper(cc)] = true
		}
		return nil
	}
}

// Threshold sets the least score a finding needs; the default is
// [DefaultThreshold]. Lower it to see weak candidates (a bare number that
// only has the shape of an identifier), raise it to keep only values that
// passed a checksum and had a context word.
func Threshold(score float64) Option {
	return func(c *config) error {
		if score < 0 || score > 1 || score != score {
			return fmt.Errorf("pii: threshold %v outside [0,1]", score)
		}
		c.threshold = score
		return nil
	}
}

// AddRecognizers adds recognizers to the built-in ones. A recognizer with
// the ID of a built-in one replaces it.
func AddRecognizers(rs ...Recognizer) Option {
	return func(c *config) error {
		c.extra = append(c.extra, rs...)
		return nil
	}
}

// AllowList names values that are never reported, such as the host's own
// support address. Comparison ignores case.
func AllowList(values ...string) Option {
	return func(c *config) error {
		for _, v := range values {
			if v = strings.TrimSpace(v); v != "" {
				c.allow = append(c.allow, v)
			}
		}
		return nil
	}
}

// DenyList names values that are always reported as entityType, with score
// 1, wherever they occur as whole words: a customer number format no
// pattern knows, a code name. Comparison ignores case.
func DenyList(entityType string, values ...string) Option {
	return func(c *config) error {
		if entityType == "" {
			return fmt.Errorf("pii: deny list needs an entity type")
		}
		for _, v := range values {
			if v = strings.TrimSpace(v); v != "" {
				c.deny = append(c.deny, denyTerm{value: v, typ: strings.ToUpper(entityType)})
			}
		}
		return nil
	}
}

// DefaultRegion sets the region (ISO 3166-1 alpha-2, "US" by default)
// whose numbering plan decides whether a phone number written without a
// country code is valid.
func DefaultRegion(code string) Option {
	return func(c *config) error {
		code = strings.ToUpper(code)
		if !validRegion(code) {
			return fmt.Errorf("pii: unknown phone region %q", code)
		}
		c.region = code
		return nil
	}
}

// Entities adds an [EntityRecognizer] for the types patterns cannot find,
// such as names of people and places. Its findings take part in the same
// threshold, allow list and overlap resolution as the built-in ones.
func Entities(r EntityRecognizer) Option {
	return func(c *config) error {
		if r == nil {
			return fmt.Errorf("pii: nil entity recognizer")
		}
		c.entities = append(c.entities, r)
		return nil
	}
}

// New builds a detector from [DefaultRecognizers] and the options. It
// compiles every pattern once; the error wraps [ErrInvalidRecognizer] when a
// recognizer is malformed.
func New(opts ...Option) (*Detector, error) {
	c := config{threshold: DefaultThreshold, region: "US"}
	for _, o := range opts {
		if o == nil {
			continue
		}
		if err := o(&c); err != nil {
			return nil, err
		}
	}
	d := &Detector{
		threshold: c.threshold,
		allow:     c.allow,
		deny:      c.deny,
		entities:  c.entities,
		types:     c.types,
		// Invisible characters and compatibility forms only: case and
		// look-alike letters carry meaning in codes, and line breaks
		// separate values.
		norm: guard.NewNormalizer(guard.NormalizeSteps(guard.NormalizeInvisible | guard.NormalizeNFKC)),
	}
	if c.names {
		r, err := ner.New()
		if err != nil {
			return nil, fmt.Errorf("pii: loading name gazetteers: %w", err)
		}
		d.entities = append(d.entities, nerEntities{r})
	}
	rs := mergeRecognizers(DefaultRecognizers(), c.extra)
	longest := 0
	for _, r := range rs {
		if !c.enabled(&r) {
			continue
		}
		cr, err := compile(r)
		if err != nil {
			return nil, err
		}
		if r.kind == kindPhone && d.phones == nil {
			d.phones = newPhoneRules(c.region)
		}
		if r.kind == kindBIC {
			d.upper = append(d.upper, cr)
		} else if r.MinDigits > 0 || r.Trigger != "" {
			d.gated = append(d.gated, cr)
		} else {
			d.whole = append(d.whole, cr)
		}
		longest = max(longest, maxLen(r.kind))
	}
	slices.SortStableFunc(d.gated, func(a, b *compiled) int {
		return cmp.Compare(a.rec.MinDigits, b.rec.MinDigits)
	})
	for _, r := range d.gated {
		if r.rec.MinDigits > 0 {
			break
		}
		d.zero++
		d.zeroMask[0] |= r.trigger[0]
		d.zeroMask[1] |= r.trigger[1]
	}
	d.index()
	for _, t := range d.deny {
		longest = max(longest, len(t.value))
	}
	d.window = longest + contextReach
	for _, e := range d.entities {
		if w, ok := e.(guard.Windowed); ok {
			d.window = max(d.window, w.Window())
		} else {
			d.window = max(d.window, entityWindow)
		}
	}
	return d, nil
}

// entityWindow is the window assumed for an [EntityRecognizer] that does
// not say its own: enough for a name or a street address and the words that
// announce it.
const entityWindow = 256

// maxLen bounds the length in bytes of one finding of a kind; patterns of
// plain recognizers are bounded by their chunk, which for the built-ins
// stays well under 128 bytes.
func maxLen(k kind) int {
	switch k {
	case kindURL:
		return maxURL
	case kindEmail:
		return 320
	}
	return 128
}

func (c *config) enabled(r *Recognizer) bool {
	if c.types != nil {
		if !c.types[strings.ToUpper(r.Type)] {
			return false
		}
	} else if r.OptIn {
		return false
	}
	if c.countries != nil && r.Country != "" && !c.countries[strings.ToUpper(r.Country)] {
		return false
	}
	return true
}

// mergeRecognizers returns base with extra appended, an extra recognizer
// replacing a base one of the same ID.
func mergeRecognizers(base, extra []Recognizer) []Recognizer {
	for _, e := range extra {
		i := slices.IndexFunc(base, func(b Recognizer) bool { return b.ID == e.ID })
		if i >= 0 {
			base[i] = e
		} else {
			base = append(base, e)
		}
	}
	return base
}

func compile(r Recognizer) (*compiled, error) {
	bad := func(format string, args ...any) error {
		return fmt.Errorf("%w %q: %s", ErrInvalidRecognizer, r.ID, fmt.Sprintf(format, args...))
	}
	if r.ID == "" {
		return nil, fmt.Errorf("%w: empty ID", ErrInvalidRecognizer)
	}
	if r.Type == "" {
		return nil, bad("empty type")
	}
	if len(r.Patterns) == 0 && r.kind != kindPhone {
		return nil, bad("no patterns")
	}
	if r.BaseScore < 0 || r.BaseScore > 1 {
		return nil, bad("base score %v outside [0,1]", r.BaseScore)
	}
	if r.MinDigits < 0 {
		return nil, bad("negative MinDigits")
	}
	if m := byteMask(r.Trigger); m[0]&^punctMask[0] != 0 || m[1]&^punctMask[1] != 0 ||
		strings.ContainsFunc(r.Trigger, func(c rune) bool { return c >= utf8.RuneSelf }) {
		return nil, bad("trigger holds a letter, digit or non-ASCII byte")
	}
	base := r.BaseScore
	if base == 0 {
		base = defaultBaseScore
	}
	cr := &compiled{rec: r, trigger: byteMask(r.Trigger), severity: r.Severity}
	if cr.severity == guard.SeverityNone {
		cr.severity = guard.SeverityMedium
	}
	for i, p := range r.Patterns {
		re, err := regexp.Compile(p.Expr)
		if err != nil {
			return nil, bad("pattern %d: %v", i, err)
		}
		if p.Score < 0 || p.Score > 1 {
			return nil, bad("pattern %d: score %v outside [0,1]", i, p.Score)
		}
		if p.Group < 0 || p.Group > re.NumSubexp() {
			return nil, bad("pattern %d: no group %d", i, p.Group)
		}
		s := p.Score
		if s == 0 {
			s = base
		}
		cp := compiledPattern{re: re, score: s, group: p.Group, needs: needsOf(p.Expr)}
		if p.Group == 0 && (r.MinDigits > 0 || r.Trigger != "" || r.kind == kindBIC) {
			cp.anchored = regexp.MustCompile(`^(?:` + p.Expr + `)`)
			cp.first = firstBytes(p.Expr)
			cp.simple = compileSimple(p.Expr)
			cp.month = strings.Contains(p.Expr, monthNames)
		}
		cr.pats = append(cr.pats, cp)
	}
	cr.context = phrases(r.Context)
	cr.negative = phrases(r.NegativeContext)
	return cr, nil
}

// A unit is one alternative of a simple pattern, or a whole pattern that
// the simple matcher cannot run, of a gated recognizer.
type unit struct {
	rec   *compiled
	score float64
	seq   simpleSeq        // the alternative, for a simple pattern
	need  need             // its needs
	pat   *compiledPattern // the pattern, when it is not simple
	first [4]uint64
	// minRun is the longest run of digits every match holds.
	minRun int
}

// special reports whether r finds candidates in code rather than with its
// patterns alone.
func special(r *compiled) bool {
	switch r.rec.kind {
	case kindPhone, kindEmail, kindIPv6, kindURL:
		return true
	}
	return false
}

// index splits the gated recognizers into units and files each under the
// longest exact digit run it needs, so that a chunk visits only the units
// whose runs it holds. A chunk of grouped digits ("4111 1111 1111 1111")
// never visits the units that need nine digits in a row.
func (d *Detector) index() {
	for _, r := range d.gated {
		if special(r) {
			d.special = append(d.special, r)
			continue
		}
		for i := range r.pats {
			p := &r.pats[i]
			if p.simple == nil || len(p.needs) != len(p.simple) {
				d.addUnit(unit{rec: r, score: p.score, pat: p, first: p.first})
				continue
			}
			alts := splitTop(r.rec.Patterns[i].Expr)
			for j, seq := range p.simple {
				d.addUnit(unit{rec: r, score: p.score, seq: seq, need: p.needs[j],
					first: firstBytes(alts[j])})
			}
		}
	}
}

func (d *Detector) addUnit(u unit) {
	var runs uint64
	if u.seq != nil {
		runs = u.need.runs
	} else {
		// A pattern of several alternatives is filed under a run only
		// when every alternative needs it.
		runs = ^uint64(0)
		for _, n := range u.pat.needs {
			runs &= n.runs
		}
		if len(u.pat.needs) == 0 {
			runs = 0
		}
	}
	if u.seq != nil {
		u.minRun = u.need.run
	} else if len(u.pat.needs) > 0 {
		u.minRun = u.pat.needs[0].run
		for _, n := range u.pat.needs {
			u.minRun = min(u.minRun, n.run)
		}
	}
	i := int32(len(d.units))
	d.units = append(d.units, u)
	if runs == 0 {
		at, _ := slices.BinarySearchFunc(d.noRun, u.minRun, func(j int32, run int) int {
			return cmp.Compare(d.units[j].minRun, run+1) // after equals: keep order
		})
		d.noRun = slices.Insert(d.noRun, at, i)
		return
	}
	top := 63 - bits.LeadingZeros64(runs)
	d.byRun[top] = append(d.byRun[top], i)
}

// bits64 returns the index of the lowest set bit of x.
func bits64(x uint64) int { return bits.TrailingZeros64(x) }

// Window implements [guard.Windowed]: no finding is longer than the
// longest value a recognizer reports, and context words are looked for
// within [contextReach] bytes after it.
func (d *Detector) Window() int { return d.window }

// Scan implements [guard.Scanner]. Findings are sorted by Start, do not
// overlap, and carry offsets into in.Text even though detection reads a
// folded copy (see the package documentation). Scan returns ctx.Err() when
// the context ends before it is done, and an error for text that is not
// valid UTF-8.
func (d *Detector) Scan(ctx context.Context, in guard.Input) ([]guard.Finding, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if !utf8.ValidString(in.Text) {
		return nil, errors.New("pii: text is not valid UTF-8")
	}
	s := scan{d: d, v: newView(in.Text, d.norm), ctx: ctx, startsOf: -1}
	s.run()
	if s.err != nil {
		return nil, s.err
	}
	found := s.score()
	for _, e := range d.entities {
		es, err := e.Recognize(ctx, in.Text)
		if err != nil {
			return nil, fmt.Errorf("pii: entity recognizer: %w", err)
		}
		found = d.addEntities(found, es, in.Text)
	}
	if len(found) == 0 {
		return nil, nil
	}
	return d.resolve(found, in.Text), nil
}

// scan is the state of one call of Scan.
type scan struct {
	d     *Detector
	v     view
	ctx   context.Context
	err   error
	cands []cand
	n     int
	buf   [24]cand

	startList           []int
	startBuf            [32]int
	startsOf, startsEnd int
}

// cand is a candidate finding, in view offsets until score maps it.
type cand struct {
	rec        *compiled
	typ, rule  string
	start, end int
	score      float64
	severity   guard.Severity
}

// ctxCheckEvery is how many chunks pass between checks of the context.
const ctxCheckEvery = 256

func (s *scan) run() {
	s.cands = s.buf[:0]
	d := s.d
	k := chunker{t: s.v.text}
	for {
		c, ok := k.next()
		if !ok {
			break
		}
		if s.n++; s.n%ctxCheckEvery == 0 {
			if s.err = s.ctx.Err(); s.err != nil {
				return
			}
		}
		s.chunk(&c)
	}
	if s.err != nil {
		return
	}
	for _, r := range d.whole {
		s.matchWhole(r)
	}
	s.denied()
}

// chunk runs the recognizers whose prefilter c passes.
func (s *scan) chunk(c *chunk) {
	d := s.d
	if c.upper >= 8 {
		for _, r := range d.upper {
			s.match(r, c)
		}
	}
	if c.digits == 0 {
		if !c.hasAny(d.zeroMask) {
			return
		}
		for _, r := range d.gated[:d.zero] {
			if c.hasAny(r.trigger) {
				s.match(r, c)
			}
		}
		return
	}
	for _, r := range d.special {
		if r.rec.MinDigits > c.digits || r.rec.Trigger != "" && !c.hasAny(r.trigger) {
			continue
		}
		s.match(r, c)
	}
	// Only the units whose longest needed digit run the chunk holds.
	for bits := c.runs; bits != 0; bits &= bits - 1 {
		for _, i := range d.byRun[bits64(bits)] {
			s.unit(&d.units[i], c)
		}
	}
	// The others, sorted by the digit run they need at least.
	for _, i := range d.noRun {
		u := &d.units[i]
		if u.minRun > c.run {
			break
		}
		s.unit(u, c)
	}
}

// unit tries one unit on the chunk c, when c passes its prefilter.
func (s *scan) unit(u *unit, c *chunk) {
	r := u.rec
	if r.rec.MinDigits > c.digits || r.rec.Trigger != "" && !c.hasAny(r.trigger) {
		return
	}
	if u.seq != nil {
		if !u.need.satisfied(c) {
			return
		}
	} else if !u.pat.mayMatch(c) || u.pat.month && !hasMonth(s.v.text[c.start:c.end]) {
		return
	}
	if u.seq == nil && u.pat.anchored == nil {
		// A pattern with a group: the group may start anywhere.
		s.matchAll(r, u.pat, c.start, c.end)
		return
	}
	t := s.v.text
	next := c.start
	for _, pos := range s.starts(c) {
		if b := t[pos]; pos < next || u.first[b>>6]&(1<<(b&63)) == 0 {
			continue
		}
		var end int
		if u.seq != nil {
			end = u.seq.match(t, pos, c.end)
		} else {
			end = u.pat.matchAt(t, pos, c.end, c)
		}
		if end > pos && s.consider(r, u.score, pos, end) {
			next = end
		}
	}
}

// match runs r's patterns on the chunk c.
func (s *scan) match(r *compiled, c *chunk) {
	if r.rec.kind == kindPhone {
		s.phone(r, c)
		return
	}
	sub := s.v.text[c.start:c.end]
	switch {
	case r.rec.kind == kindURL && !urlish(sub),
		r.rec.kind == kindIPv6 && strings.Count(sub, ":") < 2:
		return
	case r.rec.kind == kindEmail:
		s.emails(r, c)
		return
	case r.rec.kind == kindIPv6:
		s.ipv6s(r, c)
		return
	}
	for i := range r.pats {
		p := &r.pats[i]
		if !p.mayMatch(c) || p.month && !hasMonth(sub) {
			continue
		}
		if p.anchored != nil {
			s.matchAt(r, p, c)
		} else {
			s.matchAll(r, p, c.start, c.end)
		}
	}
}

// matchWhole runs a recognizer without a prefilter over the whole text.
func (s *scan) matchWhole(r *compiled) {
	for i := range r.pats {
		s.matchAll(r, &r.pats[i], 0, len(s.v.text))
	}
}

// matchAll runs p unanchored over the view range [lo, hi).
func (s *scan) matchAll(r *compiled, p *compiledPattern, lo, hi int) {
	sub := s.v.text[lo:hi]
	if !p.re.MatchString(sub) {
		return
	}
	for _, m := range p.re.FindAllStringSubmatchIndex(sub, -1) {
		ms, me := m[2*p.group], m[2*p.group+1]
		if ms >= 0 && ms < me {
			s.consider(r, p.score, lo+ms, lo+me)
		}
	}
}

// matchAt tries p, anchored, at each place in c where a match may start:
// after a byte that is not an ASCII letter or digit (a match glued to one
// is discarded anyway) and on a byte the pattern can begin with. Go's
// regexp costs time in proportion to the pattern times the text it
// searches, so a few anchored attempts that fail on their first byte are
// far cheaper than one unanchored search of the chunk.
func (s *scan) matchAt(r *compiled, p *compiledPattern, c *chunk) {
	t := s.v.text
	next := c.start
	for _, pos := range s.starts(c) {
		if pos < next {
			continue
		}
		b := t[pos]
		if p.first[b>>6]&(1<<(b&63)) == 0 {
			continue
		}
		if r.rec.kind == kindURL && pos > 0 && strings.IndexByte(".@/", t[pos-1]) >= 0 {
			continue // inside an address or a path, which urlExtent rejects
		}
		end := p.matchAt(t, pos, c.end, c)
		if end <= pos {
			continue
		}
		if s.consider(r, p.score, pos, end) {
			next = end
		}
	}
}

// starts returns the offsets in c that follow a byte other than an ASCII
// letter or digit, computed once per chunk.
func (s *scan) starts(c *chunk) []int {
	if s.startsOf == c.start && s.startsEnd == c.end {
		return s.startList
	}
	t := s.v.text
	s.startList = s.startBuf[:0]
	for i := c.start; i < c.end; i++ {
		if (i == 0 || !isAlnum(t[i-1])) && t[i] != ' ' {
			s.startList = append(s.startList, i)
		}
	}
	s.startsOf, s.startsEnd = c.start, c.end
	return s.startList
}

// consider checks one match and keeps it as a candidate; it reports
// whether it did.
func (s *scan) consider(r *compiled, score float64, start, end int) bool {
	t := s.v.text
	var ok bool
	switch r.rec.kind {
	case kindIBAN:
		start, end, ok = ibanExtent(t, start, end, r.rec.Validate)
	case kindIPv6:
		start, end, ok = ipv6Extent(t, start, end)
	case kindIPv4:
		start, end, ok = ipv4Extent(t, start, end)
	case kindURL:
		start, end, ok = urlExtent(t, start, end)
	case kindEmail:
		start, end, ok = emailExtent(t, start, end)
	case kindCard:
		score, ok = cardScore(t[start:end], score)
	default:
		ok = r.rec.Validate == nil || r.rec.Validate(t[start:end])
	}
	if !ok || r.gated() && glued(t, start, end) {
		return false
	}
	if r.rec.kind == kindBIC && start > 0 && (t[start-1] == '@' || t[start-1] == '#') {
		return false // a handle or a hashtag in capitals
	}
	if r.rec.kind == kindIPv6 && end-start == 2 {
		// A lone "::" is the unspecified address, but also C++ scope and
		// Haskell type syntax; a context word must back it up.
		score = scoreShapeOnly
	}
	s.add(r, start, end, score)
	return true
}

func (s *scan) add(r *compiled, start, end int, score float64) {
	reach := score
	if len(r.context) > 0 {
		reach += contextBoost
	}
	if reach < s.d.threshold {
		return // no context word can lift it
	}
	s.cands = append(s.cands, cand{
		rec: r, typ: r.rec.Type, rule: r.rec.ID,
		start: start, end: end, score: score, severity: r.severity,
	})
}

// glued reports whether the match [s, e) of t continues a longer token: an
// ASCII letter or digit on either side, or a digit group joined by a
// hyphen, dot or colon ("1.2.3.4" inside "1.2.3.4.5").
func glued(t string, s, e int) bool {
	if s > 0 && isAlnum(t[s-1]) || e < len(t) && isAlnum(t[e]) {
		return true
	}
	if s >= 2 && isDigit(t[s]) && isNumSep(t[s-1]) && isDigit(t[s-2]) {
		return true
	}
	if e+1 < len(t) && isDigit(t[e-1]) && isNumSep(t[e]) && isDigit(t[e+1]) {
		return true
	}
	// A number grouped with spaces that a short group of digits precedes
	// is the tail of a longer one: "824 753 5564" in "51 824 753 5564".
	if s >= 2 && isDigit(t[s]) && t[s-1] == ' ' && isDigit(t[s-2]) &&
		strings.IndexByte(t[s:e], ' ') >= 0 {
		run := 0
		for i := s - 2; i >= 0 && isDigit(t[i]); i-- {
			run++
		}
		return run <= 3
	}
	return false
}

func isNumSep(c byte) bool { return c == '-' || c == '.' || c == ':' }

// denied adds a candidate for each deny-list value found as a whole word.
func (s *scan) denied() {
	for _, t := range s.d.deny {
		text := s.v.text
		for off := 0; off < len(text); {
			i := indexFold(text[off:], t.value)
			if i < 0 {
				break
			}
			st, en := off+i, off+i+len(t.value)
			if !(st > 0 && isAlnum(text[st-1]) || en < len(text) && isAlnum(text[en])) {
				s.cands = append(s.cands, cand{
					typ: t.typ, rule: "pii.deny_list", start: st, end: en,
					score: 1, severity: guard.SeverityHigh,
				})
			}
			off = en
		}
	}
}

// indexFold is strings.Index ignoring ASCII case.
func indexFold(s, sub string) int {
	n := len(sub)
	for i := 0; i+n <= len(s); i++ {
		if strings.EqualFold(s[i:i+n], sub) {
			return i
		}
	}
	return -1
}

// score applies context, negative context, the allow list and the
// threshold, and maps the survivors to original offsets.
func (s *scan) score() []cand {
	if len(s.cands) == 0 {
		return nil
	}
	out := s.cands[:0]
	t := s.v.text
	var words around
	for _, c := range s.cands {
		if c.rec != nil {
			if len(c.rec.negative) > 0 && words.nearBefore(t, c.start, c.end, c.rec.negative, negativeReach) {
				continue
			}
			if len(c.rec.context) > 0 && words.near(t, c.start, c.end, c.rec.context) {
				c.score = min(1, c.score+contextBoost)
			}
		}
		if c.score < s.d.threshold || s.d.allowed(t[c.start:c.end]) {
			continue
		}
		c.start, c.end = s.v.original(c.start, c.end)
		out = append(out, c)
	}
	return out
}

func (d *Detector) allowed(v string) bool {
	for _, a := range d.allow {
		if strings.EqualFold(a, v) {
			return true
		}
	}
	return false
}

// resolve keeps, of overlapping findings, the one with the higher score,
// then the longer one; two findings of different types on the same bytes
// with the same score are both kept, since either may be right.
func (d *Detector) resolve(cs []cand, text string) []guard.Finding {
	slices.SortStableFunc(cs, func(a, b cand) int {
		if c := cmp.Compare(b.score, a.score); c != 0 {
			return c
		}
		if c := cmp.Compare(b.end-b.start, a.end-a.start); c != 0 {
			return c
		}
		return cmp.Compare(a.start, b.start)
	})
	kept := make([]guard.Finding, 0, len(cs))
	for _, c := range cs {
		if clash(kept, c) {
			continue
		}
		kept = append(kept, guard.Finding{
			Rule: c.rule, Category: c.typ, Start: c.start, End: c.end,
			Score: c.score, Severity: c.severity,
		})
	}
	slices.SortFunc(kept, func(a, b guard.Finding) int {
		if c := cmp.Compare(a.Start, b.Start); c != 0 {
			return c
		}
		return strings.Compare(a.Category, b.Category)
	})
	return kept
}

func clash(kept []guard.Finding, c cand) bool {
	for _, k := range kept {
		if c.start >= k.End || k.Start >= c.end {
			continue
		}
		if k.Start == c.start && k.End == c.end && k.Score == c.score {
			if k.Category == c.typ {
				return true
			}
			continue
		}
		return true
	}
	return false
}

// cardLuhnOnly scores a number that passes the Luhn check but fits no
// known issuer range: it may be a card of a scheme the checksum package
// does not list, or one in ten random numbers.
const cardLuhnOnly = 0.35

// cardScore keeps the pattern's score for a Luhn-valid number of a known
// issuer and lowers it for one that only passes the Luhn check.
func cardScore(m string, score float64) (float64, bool) {
	if checksum.Card(m) {
		return score, true
	}
	if checksum.Luhn(m) {
		return min(score, cardLuhnOnly), true
	}
	return 0, false
}

// urlish reports whether s may hold a URL: a scheme separator, or a dot
// followed by two letters.
func urlish(s string) bool {
	for i := strings.IndexByte(s, '.'); i >= 0 && i+2 < len(s); {
		c, d := s[i+1]|0x20, s[i+2]|0x20
		if c >= 'a' && c <= 'z' && d >= 'a' && d <= 'z' {
			return true
		}
		j := strings.IndexByte(s[i+1:], '.')
		if j < 0 {
			break
		}
		i += 1 + j
	}
	return strings.Contains(s, "://")
}
