package injection

import (
	"context"
	"fmt"
	"slices"
	"sort"
	"sync"
	"unicode/utf8"

	"github.com/textnlp/textguard/guard"
	"github.com/textnlp/textguard/injection/internal/linear"
)

// Detector finds prompt injection and jailbreak attempts in text.
//
// A Detector is immutable after [New] and safe for concurrent use by any
// number of goroutines.
type Detector struct {
	cfg   config
	lex   *lex
	norm  *guard.Normalizer
	alt   *guard.Normalizer // baseSteps without collapsing white space
	ws    *guard.Normalizer // collapsing white space alone
	model *model
	pool  sync.Pool // *scratch
}

var _ guard.Scanner = (*Detector)(nil)

// New returns a detector with the built-in rules and, unless
// [NoClassifier] is given, the embedded classifier.
func New(opts ...Option) (*Detector, error) {
	cfg := defaults()
	for _, o := range opts {
		if o == nil {
			continue
		}
		if err := o(&cfg); err != nil {
			return nil, err
		}
	}
	groups := make([]lexGroup, 0, len(lexicon)+len(lexiconExtra))
	for _, g := range lexicon {
		groups = append(groups, lexGroup{g.c, g.words})
	}
	for _, g := range lexiconMore {
		groups = append(groups, lexGroup{g.c, g.words})
	}
	for _, g := range lexiconExtra {
		groups = append(groups, lexGroup{g.c, g.words})
	}
	d := &Detector{cfg: cfg}
	d.norm = guard.NewNormalizer(guard.NormalizeSteps(baseSteps))
	d.alt = guard.NewNormalizer(guard.NormalizeSteps(baseSteps &^ guard.NormalizeWhitespace))
	d.ws = guard.NewNormalizer(guard.NormalizeSteps(guard.NormalizeWhitespace))
	l, err := compileLex(groups, shapeTriggers(),
		func(s string) string { return d.norm.Normalize(s).Text })
	if err != nil {
		return nil, fmt.Errorf("injection: building the lexicon: %w", err)
	}
	d.lex = l
	if cfg.classifier {
		data := cfg.model
		if data == nil {
			data = embeddedModel
		}
		if d.model, err = loadModel(data); err != nil {
			return nil, err
		}
	}
	d.pool.New = func() any { return new(scratch) }
	return d, nil
}

// baseSteps are the normalisation steps the rules and the classifier see:
// the guard's defaults plus reading tag characters as the ASCII they
// shadow, because a model reads them that way.
const baseSteps = linear.Steps

// scratch holds the buffers of one scan, reused through a pool so that a
// clean text allocates nothing that grows with it beyond the normalised
// copy.
type scratch struct {
	events []event
	trig   []trigger
	hits   []hit
	cands  []candidate
	budget int // decoded bytes still allowed
}

// A candidate is evidence before scoring: offsets are in the text the host
// gave.
type candidate struct {
	category, name string
	severity       guard.Severity
	score          float64
	start, end     int
	smuggled       bool // found in a decoded or de-obfuscated copy
	mention        bool // quoted in a sentence about attacks; corroborates nothing
}

// Scan implements [guard.Scanner]. It returns one finding per piece of
// evidence scored at least the detector's minimum score, sorted by start.
// Rule ids have the form "injection.<category>.<name>", and categories
// are the Category constants.
//
// Text from a document or a tool ([guard.SourceDocument],
// [guard.SourceTool]) is judged more strictly: an instruction about the
// reply, harmless when a user types it, is an injection there.
//
// Scan returns an error for a cancelled context, for text that is not valid
// UTF-8 (wrapping guard.ErrInvalidUTF8) and for text over the size limit
// (wrapping guard.ErrInputTooLarge). The error never quotes the text.
func (d *Detector) Scan(ctx context.Context, in guard.Input) ([]guard.Finding, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	text := in.Text
	if len(text) > d.cfg.maxBytes {
		return nil, fmt.Errorf("injection: text of %d bytes over the limit of %d: %w",
			len(text), d.cfg.maxBytes, guard.ErrInputTooLarge)
	}
	if !utf8.ValidString(text) {
		return nil, fmt.Errorf("injection: %w", guard.ErrInvalidUTF8)
	}
	sc := d.pool.Get().(*scratch)
	defer d.pool.Put(sc)
	sc.cands = sc.cands[:0]
	sc.budget = d.cfg.maxDecoded
	doc := in.Source == guard.SourceDocument || in.Source == guard.SourceTool

	norm := d.norm.Normalize(text)
	sc.cands = d.evidence(ctx, sc, sc.cands, text, norm, doc, 0)
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if d.model != nil {
		p := d.model.prob(norm.Text)
		sc.cands = append(sc.cands, candidate{category: CategoryClassifier, name: "linear",
			severity: severityOf(p), score: p, start: 0, end: len(text)})
	}
	return d.findings(sc.cands), nil
}

// evidence collects the rule evidence in text, whose normalised form is
// norm, and, depth allowing, in what its encoded segments decode to.
func (d *Detector) evidence(ctx context.Context, sc *scratch, cands []candidate, text string,
	norm guard.Normalized, doc bool, depth int) []candidate {
	cands, ts := appendTokenEvidence(cands, text)
	sc.trig = sc.trig[:0]
	cands = d.intentEvidence(sc, cands, norm.Text, norm.Original, doc, false, &sc.trig)
	hints := hintsOf(sc.events)
	due := dueShapes(sc.trig, text, norm.Original)
	leet := ts.leet
	if leet || ts.spaced {
		// A second reading for obfuscated text: letters spelt out with
		// spaces are joined without first collapsing white space, so that
		// the double spaces between spelt-out words still separate them,
		// and digits and symbols are read as the letters they stand for.
		alt := d.alt.Normalize(text)
		ws := d.ws.Normalize(alt.Text)
		back := func(s, e int) (int, int) { return alt.Original(ws.Original(s, e)) }
		if t := leetFold(ws.Text); t != norm.Text {
			sc.trig = sc.trig[:0]
			cands = d.intentEvidence(sc, cands, t, back, doc, true, &sc.trig)
			if lt := leetFold(text); leet && lt != text {
				// Structure spelt in leetspeak ("h77p5://"): leetFold keeps
				// every offset, so the original's placement rules apply.
				cands = appendShapes(cands, lt, doc, dueShapes(sc.trig, lt, back))
			}
		}
	}
	cands = appendShapes(cands, text, doc, due)
	if doc {
		cands = docEvidence(cands, text)
	}
	if depth < d.cfg.decodeDepth && ctx.Err() == nil {
		cands = d.decodedEvidence(ctx, sc, cands, text, doc, depth, hints, ts.decode)
	}
	return cands
}

// intentEvidence matches the intents over the events of the normalised
// text t, whose offsets original maps back to the scanned text.
func (d *Detector) intentEvidence(sc *scratch, dst []candidate, t string,
	original func(int, int) (int, int), doc, obfuscated bool, trig *[]trigger) []candidate {
	sc.events = d.lex.appendEvents(sc.events[:0], t, trig)
	sc.events = derive(sc.events, t)
	sc.hits = sc.hits[:0]
	var present class
	for _, e := range sc.events {
		present = present.or(e.c)
	}
	for i := range intents {
		if possible(&intents[i], present) {
			sc.hits = matchIntent(sc.hits, &intents[i], sc.events, t)
		}
	}
	// Quoted mentions need a word of discussion somewhere in the text.
	discussed := len(sc.hits) > 0 && present.has(of(cMeta))
	for _, h := range sc.hits {
		s := pick(h.in.score, h.in.docScore, doc)
		mention := discussed && mentioned(sc.events, t, h.start, h.end)
		if mention {
			s *= mentionDamping
		}
		start, end := original(h.start, h.end)
		dst = append(dst, candidate{category: h.in.category, name: h.in.name,
			severity: h.in.severity, score: s, start: start, end: end, smuggled: obfuscated,
			mention: mention})
	}
	return dst
}

// derive adds the events of the derived intents and keeps es sorted.
func derive(es []event, text string) []event {
	n := len(es)
	var hits [16]hit
	for k := range derived {
		for _, h := range matchIntent(hits[:0], &derived[k], es[:n], text) {
			es = append(es, event{derived[k].emit, int32(h.start), int32(h.end)})
		}
	}
	if len(es) > n {
		// The derived events are sorted among themselves; a general sort
		// keeps merging them in n log n when there are many.
		slices.SortFunc(es, func(a, b event) int {
			if a.start != b.start {
				return int(a.start - b.start)
			}
			return int(b.end - a.end)
		})
	}
	return es
}

// leetOf returns the letter a leetspeak character stands for, or 0.
func leetOf(c byte) byte {
	switch c {
	case '0':
		return 'o'
	case '1':
		return 'i'
	case '3':
		return 'e'
	case '4', '@':
		return 'a'
	case '5', '$':
		return 's'
	case '7':
		return 't'
	}
	return 0
}

// leetFold reads leetspeak byte for byte, so that offsets do not move:
// inside a token that mixes letters and leet characters, and in an
// all-digit token between two such tokens ("n07 70 74lk"), each leet
// character becomes its letter. Numbers elsewhere stay.
func leetFold(s string) string {
	var b []byte
	prevMixed := false
	for i := 0; i < len(s); {
		j := i
		letters, leets := 0, 0
		for j < len(s) && (isASCIILetter(s[j]) || leetOf(s[j]) != 0 || s[j] >= '0' && s[j] <= '9') {
			if isASCIILetter(s[j]) {
				letters++
			} else if leetOf(s[j]) != 0 {
				leets++
			}
			j++
		}
		if j == i {
			i++
			continue
		}
		mixed := letters > 0 && leets > 0
		if !mixed && letters == 0 && leets > 0 && prevMixed && nextMixed(s, j) {
			mixed = true
		}
		if mixed {
			if b == nil {
				b = []byte(s)
			}
			for k := i; k < j; k++ {
				if l := leetOf(s[k]); l != 0 && !(s[k] == '@' && addressAt(s, i, k, j)) {
					b[k] = l
				}
			}
		}
		prevMixed = mixed
		i = j
	}
	if b == nil {
		return s
	}
	return string(b)
}

// addressAt reports whether the '@' at k of the token s[i:j] joins the
// two halves of an e-mail address: two letters or more before it and two
// characters or more after, where "p@ss" has one letter before.
func addressAt(s string, i, k, j int) bool {
	return k-i >= 2 && isASCIILetter(s[k-1]) && isASCIILetter(s[k-2]) && j-k > 2
}

// nextMixed reports whether the token after position j mixes letters and
// leet characters.
func nextMixed(s string, j int) bool {
	for j < len(s) && !isASCIILetter(s[j]) && leetOf(s[j]) == 0 && (s[j] < '0' || s[j] > '9') {
		j++
	}
	letters, leets := 0, 0
	for ; j < len(s) && (isASCIILetter(s[j]) || leetOf(s[j]) != 0 || s[j] >= '0' && s[j] <= '9'); j++ {
		if isASCIILetter(s[j]) {
			letters++
		} else if leetOf(s[j]) != 0 {
			leets++
		}
	}
	return letters > 0 && leets > 0
}

func isASCIILetter(c byte) bool { return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' }

// mentionDamping scales evidence that sits in quotation marks in a sentence
// that talks about attacks: "what does 'ignore previous instructions'
// mean?" is a question about an injection, not one.
const mentionDamping = 0.45

// mentioned reports whether text[start:end] is quoted in a sentence with a
// word of discussion.
func mentioned(es []event, text string, start, end int) bool {
	s, e := sentenceAround(text, start, end)
	quotes, meta := 0, false
	first := sort.Search(len(es), func(i int) bool { return int(es[i].start) >= s })
	for _, ev := range es[first:] {
		if int(ev.start) >= e {
			break
		}
		if int(ev.end) > e {
			continue
		}
		if ev.c.has(of(cMeta)) {
			meta = true
		}
		if ev.c.has(of(cQuote)) && int(ev.end) <= start {
			quotes++
		}
	}
	return meta && (quotes%2 == 1 || singleQuoted(text[s:start]))
}

// singleQuoted reports whether prefix leaves a single quotation mark open:
// an odd number of apostrophes that are not inside a word.
func singleQuoted(prefix string) bool {
	n := 0
	for i := 0; i < len(prefix); i++ {
		if prefix[i] != '\'' {
			continue
		}
		inWord := i > 0 && isASCIILetter(prefix[i-1]) && i+1 < len(prefix) && isASCIILetter(prefix[i+1])
		if !inWord {
			n++
		}
	}
	return n%2 == 1
}

// sentenceAround returns the bounds of the sentence holding [start, end),
// looking at most 400 bytes either way.
func sentenceAround(text string, start, end int) (int, int) {
	s := start
	for s > 0 && start-s < 400 && !terminatorAt(text, s-1) {
		s--
	}
	e := end
	for e < len(text) && e-end < 400 && !terminatorAt(text, e) {
		e++
	}
	return s, e
}

// terminatorAt reports whether a sentence ends with the byte at i:
// terminal punctuation followed by a space or a line break, or the last
// byte of a full-width terminator.
func terminatorAt(text string, i int) bool {
	switch text[i] {
	case '.', '!', '?', ';', '\n':
		return i+1 < len(text) && (text[i+1] == ' ' || text[i+1] == '\n')
	case 0x82, 0x81, 0x9f, 0x9b: // last bytes of 。！？；
		if i >= 2 {
			r, _ := utf8.DecodeRuneInString(text[i-2:])
			return r == '。' || r == '！' || r == '？' || r == '；'
		}
	}
	return false
}

// corroboration is how much each other piece of evidence in the same text
// raises a finding's score: independent signals pointing the same way make
// each more credible.
const corroboration = 0.25

// findings scores the candidates, merges those of one category that
// overlap, and returns those at or above the minimum score.
func (d *Detector) findings(cs []candidate) []guard.Finding {
	cs = mergeOverlapping(cs)
	top := strongest(cs)
	var out []guard.Finding
	for i, c := range cs {
		s := 1 - (1-c.score)*othersAgainst(cs, top, i)
		if s < d.cfg.minScore || s == 0 {
			continue
		}
		out = append(out, guard.Finding{
			Rule:     "injection." + c.category + "." + c.name,
			Category: c.category,
			Start:    c.start, End: c.end,
			Score:    min(1, s),
			Severity: c.severity,
		})
	}
	slices.SortFunc(out, func(a, b guard.Finding) int {
		if a.Start != b.Start {
			return a.Start - b.Start
		}
		if a.End != b.End {
			return b.End - a.End
		}
		if a.Rule < b.Rule {
			return -1
		}
		if a.Rule > b.Rule {
			return 1
		}
		return 0
	})
	return out
}

// othersAgainst returns the product of (1 - corroboration*score) over the
// strongest other pieces of evidence, at most maxCorroborators of them, so
// that many weak signals in a long text do not add up to a strong one. top
// holds the indices of the strongest candidates, best first.
func othersAgainst(cs []candidate, top []int, self int) float64 {
	rest, n := 1.0, 0
	for _, j := range top {
		if j == self || n == maxCorroborators {
			continue
		}
		rest *= 1 - corroboration*cs[j].score
		n++
	}
	return rest
}

// strongest returns the indices of the maxCorroborators+1 best-scored
// candidates that may corroborate others, best first.
func strongest(cs []candidate) []int {
	top := make([]int, 0, maxCorroborators+1)
	for i, c := range cs {
		if c.mention {
			continue
		}
		k := len(top)
		for k > 0 && cs[top[k-1]].score < c.score {
			k--
		}
		if k > maxCorroborators {
			continue
		}
		if len(top) <= maxCorroborators {
			top = append(top, 0)
		}
		copy(top[k+1:], top[k:])
		top[k] = i
	}
	return top
}

const maxCorroborators = 3

// mergeOverlapping keeps, of candidates of one category whose spans
// overlap, the highest scored, so that several rules firing on the same
// words give one finding. It keeps that candidate's span rather than the
// union, which would stretch a finding over words no rule needed.
func mergeOverlapping(cs []candidate) []candidate {
	slices.SortStableFunc(cs, func(a, b candidate) int {
		if a.category != b.category {
			if a.category < b.category {
				return -1
			}
			return 1
		}
		return a.start - b.start
	})
	out := cs[:0]
	for _, c := range cs {
		if n := len(out); n > 0 && out[n-1].category == c.category && c.start < out[n-1].end {
			if c.score > out[n-1].score {
				out[n-1] = c
			}
			continue
		}
		out = append(out, c)
	}
	return out
}

func severityOf(p float64) guard.Severity {
	switch {
	case p >= 0.9:
		return guard.SeverityHigh
	case p >= 0.6:
		return guard.SeverityMedium
	default:
		return guard.SeverityLow
	}
}
