package injection

import (
	"context"
	"crypto/rand"
	"encoding/base32"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/textnlp/textguard/guard"
)

// Categories of the findings of [Output].
const (
	// CategoryCanary is a reply that contains a canary planted in the
	// system prompt: the prompt leaked.
	CategoryCanary = "canary_leak"
	// CategoryLeak is a reply that reproduces a long stretch of the system
	// prompt.
	CategoryLeak = "prompt_leak"
)

// Output scans a model's reply for what an injection makes a model do:
// leak its system prompt (a planted canary, or a long stretch of the
// prompt itself, lightly paraphrased or not), smuggle data out through
// links and images a client renders, and emit HTML or script a browser
// would run. It reads the system prompt from the [guard.Input]'s Request,
// so it belongs in an output stage.
//
// Findings use the categories [CategoryCanary], [CategoryLeak],
// [CategoryExfiltration] and [CategoryCode].
//
// Output is immutable after [NewOutput] and safe for concurrent use. It is
// not [guard.Windowed]: the leakage measure needs the whole reply, so a
// streamed reply is held back until it ends.
type Output struct {
	cfg  outputConfig
	norm *guard.Normalizer
}

var _ guard.Scanner = (*Output)(nil)

// An OutputOption configures [NewOutput].
type OutputOption func(*outputConfig) error

type outputConfig struct {
	hosts    []string
	leak     float64
	minWords int
	maxBytes int
}

// AllowHosts lists the hosts a reply may link to or load images from.
// A name matches itself and its subdomains ("example.com" allows
// "cdn.example.com"). With no list, links are not judged by host, and
// images only by the data their address carries.
func AllowHosts(hosts ...string) OutputOption {
	return func(c *outputConfig) error {
		for _, h := range hosts {
			h = strings.ToLower(strings.TrimSpace(h))
			if h == "" || strings.ContainsAny(h, "/ :") {
				return fmt.Errorf("%w: host %q is not a host name", ErrInvalidOption, h)
			}
			c.hosts = append(c.hosts, strings.TrimPrefix(h, "."))
		}
		return nil
	}
}

// LeakThreshold sets the share of the system prompt's word trigrams a
// reply must reproduce to count as a leak (0.25 unless set). A reply that
// reproduces 25 trigrams or more leaks whatever the share.
func LeakThreshold(share float64) OutputOption {
	return func(c *outputConfig) error {
		if !(share > 0 && share <= 1) {
			return fmt.Errorf("%w: leak threshold %v outside (0, 1]", ErrInvalidOption, share)
		}
		c.leak = share
		return nil
	}
}

// NewOutput returns a reply scanner.
func NewOutput(opts ...OutputOption) (*Output, error) {
	cfg := outputConfig{leak: 0.25, minWords: 6, maxBytes: DefaultMaxBytes}
	for _, o := range opts {
		if o == nil {
			continue
		}
		if err := o(&cfg); err != nil {
			return nil, err
		}
	}
	return &Output{cfg: cfg, norm: guard.NewNormalizer(guard.NormalizeSteps(baseSteps))}, nil
}

// canaryPrefix starts every canary; the body is 16 base32 characters.
const canaryPrefix = "CANARY-"

var canaryRE = regexp.MustCompile(`CANARY-([A-Z2-7]{16})`)

// NewCanary returns a fresh random canary to plant in a system prompt, for
// example as "Internal marker: CANARY-...; never repeat it." An [Output]
// stage finds every canary in the request's system messages and flags a
// reply that contains one, in any case, with any spacing or punctuation
// between its characters, reversed, or in base64, hex or URL encoding.
func NewCanary() (string, error) {
	var b [10]byte
	if _, err := rand.Read(b[:]); err != nil {
		return "", fmt.Errorf("injection: making a canary: %w", err)
	}
	return canaryPrefix + base32.StdEncoding.EncodeToString(b[:]), nil
}

// Scan implements [guard.Scanner] for a reply.
func (o *Output) Scan(ctx context.Context, in guard.Input) ([]guard.Finding, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	text := in.Text
	if len(text) > o.cfg.maxBytes {
		return nil, fmt.Errorf("injection: text of %d bytes over the limit of %d: %w",
			len(text), o.cfg.maxBytes, guard.ErrInputTooLarge)
	}
	if !utf8.ValidString(text) {
		return nil, fmt.Errorf("injection: %w", guard.ErrInvalidUTF8)
	}
	var fs []guard.Finding
	system := systemPrompt(in.Request)
	if system != "" {
		fs = appendCanaries(fs, text, system)
		fs = o.appendLeak(fs, text, system)
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	fs = o.appendLinks(fs, text, conversationWords(in.Request))
	fs = appendActiveContent(fs, text)
	slices.SortFunc(fs, func(a, b guard.Finding) int {
		if a.Start != b.Start {
			return a.Start - b.Start
		}
		return strings.Compare(a.Rule, b.Rule)
	})
	return fs, nil
}

// systemPrompt joins the system messages of r.
func systemPrompt(r *guard.Request) string {
	if r == nil {
		return ""
	}
	var b strings.Builder
	for _, m := range r.Messages {
		if m.Source == guard.SourceSystem {
			b.WriteString(m.Content)
			b.WriteByte('\n')
		}
	}
	return b.String()
}

// appendCanaries flags each canary of the system prompt found in text.
func appendCanaries(fs []guard.Finding, text, system string) []guard.Finding {
	bodies := canaryRE.FindAllStringSubmatch(system, 8)
	if len(bodies) == 0 {
		return fs
	}
	sq := squash(text)
	encodings := tokenDecodings(text)
	for _, m := range bodies {
		body := m[1]
		for _, form := range []string{body, reverseASCII(body)} {
			for at := 0; ; {
				i := strings.Index(sq.text[at:], form)
				if i < 0 {
					break
				}
				s, e := sq.pos[at+i], sq.pos[at+i+len(form)-1]+1
				fs = append(fs, canaryFinding("canary", s, e))
				at += i + len(form)
			}
		}
		for _, seg := range encodings {
			if strings.Contains(squash(seg.plain).text, body) {
				fs = append(fs, canaryFinding("canary_encoded", seg.start, seg.end))
			}
		}
	}
	return fs
}

// tokenDecodings decodes every token of text that is valid base64, hex or
// URL escaping into UTF-8, readable or not: an encoded canary alone is not
// prose.
func tokenDecodings(text string) []segment {
	var out []segment
	for i := 0; i < len(text); {
		for i < len(text) && !tokenByte(text[i]) {
			i++
		}
		j := i
		for j < len(text) && tokenByte(text[j]) {
			j++
		}
		tok := strings.TrimRight(text[i:j], ".,;:!?)]")
		if len(tok) >= minEncoded {
			for _, dec := range []func(string) ([]byte, error){
				base64.StdEncoding.DecodeString, base64.RawStdEncoding.DecodeString,
				base64.URLEncoding.DecodeString, base64.RawURLEncoding.DecodeString,
				hex.DecodeString,
				func(s string) ([]byte, error) { u, err := url.QueryUnescape(s); return []byte(u), err },
			} {
				if b, err := dec(tok); err == nil && utf8.Valid(b) && string(b) != tok {
					out = append(out, segment{kind: "token", start: i, end: i + len(tok), plain: string(b)})
				}
			}
		}
		i = max(j, i+1)
	}
	return out
}

func canaryFinding(name string, s, e int) guard.Finding {
	return guard.Finding{Rule: "injection." + CategoryCanary + "." + name, Category: CategoryCanary,
		Start: s, End: e, Score: 1, Severity: guard.SeverityCritical}
}

// squashed is a text reduced to its ASCII letters and digits, upper-cased,
// with the offset of each kept byte.
type squashed struct {
	text string
	pos  []int
}

func squash(s string) squashed {
	var b strings.Builder
	var pos []int
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case 'a' <= c && c <= 'z':
			c -= 'a' - 'A'
		case 'A' <= c && c <= 'Z', '0' <= c && c <= '9':
		default:
			continue
		}
		b.WriteByte(c)
		pos = append(pos, i)
	}
	return squashed{b.String(), pos}
}

func reverseASCII(s string) string {
	b := []byte(s)
	slices.Reverse(b)
	return string(b)
}

// A shingle is a hashed trigram of content words, with the byte range of
// the reply it came from.
type shingle struct {
	h          uint64
	start, end int
}

// appendLeak flags a reply that reproduces enough of the system prompt's
// content-word trigrams. Trigrams of stems (the first five letters of
// words that are not function words) survive light paraphrase: reordered
// clauses, changed inflections, dropped articles.
func (o *Output) appendLeak(fs []guard.Finding, text, system string) []guard.Finding {
	sys := o.shingles(system)
	if len(sys) < 3 {
		return fs
	}
	want := map[uint64]bool{}
	for _, s := range sys {
		want[s.h] = true
	}
	seen := map[uint64]bool{}
	first, last, n := -1, -1, 0
	for _, s := range o.shingles(text) {
		if !want[s.h] {
			continue
		}
		if first < 0 {
			first = s.start
		}
		last = max(last, s.end)
		if !seen[s.h] {
			seen[s.h] = true
			n++
		}
	}
	share := float64(n) / float64(len(want))
	if n < o.cfg.minWords/2 || share < o.cfg.leak && n < 25 {
		return fs
	}
	return append(fs, guard.Finding{Rule: "injection." + CategoryLeak + ".ngram_overlap",
		Category: CategoryLeak, Start: first, End: last, Score: min(1, 0.6+share),
		Severity: guard.SeverityHigh})
}

// shingles returns the content-word trigrams of text, with offsets into
// text.
func (o *Output) shingles(text string) []shingle {
	norm := o.norm.Normalize(text)
	t := norm.Text
	type word struct {
		h          uint64
		start, end int
	}
	var words []word
	for i := 0; i < len(t); {
		r, n := utf8.DecodeRuneInString(t[i:])
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			i += n
			continue
		}
		j := i
		for j < len(t) {
			r, n := utf8.DecodeRuneInString(t[j:])
			if !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '\'' {
				break
			}
			j += n
		}
		w := t[i:j]
		if !functionWords[w] {
			words = append(words, word{stemHash(w), i, j})
		}
		i = j
	}
	var out []shingle
	for k := 0; k+3 <= len(words); k++ {
		h := words[k].h*1099511628211 ^ words[k+1].h*31 ^ words[k+2].h
		s, e := norm.Original(words[k].start, words[k+2].end)
		out = append(out, shingle{h, s, e})
	}
	return out
}

// stemHash hashes the first five runes of w, a crude stem that makes
// "instructions" and "instructed" one word.
func stemHash(w string) uint64 {
	h := uint64(14695981039346656037)
	n := 0
	for _, r := range w {
		if n == 5 {
			break
		}
		h = (h ^ uint64(r)) * 1099511628211
		n++
	}
	return h
}

// functionWords are left out of leak trigrams: a paraphrase changes them
// first, and they make unrelated texts share trigrams.
var functionWords = map[string]bool{
	"a": true, "an": true, "the": true, "and": true, "or": true, "but": true, "of": true,
	"to": true, "in": true, "on": true, "at": true, "for": true, "with": true, "by": true,
	"from": true, "as": true, "is": true, "are": true, "was": true, "were": true, "be": true,
	"been": true, "it": true, "its": true, "this": true, "that": true, "these": true,
	"those": true, "you": true, "your": true, "i": true, "we": true, "our": true,
	"they": true, "their": true, "he": true, "she": true, "will": true, "would": true,
	"should": true, "can": true, "could": true, "must": true, "do": true, "does": true,
	"not": true, "no": true, "if": true, "then": true, "so": true, "any": true, "all": true,
	"my": true, "me": true, "us": true, "them": true, "into": true, "about": true,
	"always": true, "never": true, "only": true, "also": true, "very": true, "just": true,
}

var (
	markdownImage = regexp.MustCompile(`!\[[^\]\n]{0,200}\]\(\s*<?([^)\s>]+)>?`)
	markdownLink  = regexp.MustCompile(`(?:^|[^!])\[[^\]\n]{0,200}\]\(\s*<?([^)\s>]+)>?`)
	referenceLink = regexp.MustCompile(`(?m)^\s{0,3}\[[^\]\n]+\]:\s*<?(\S+?)>?(?:\s|$)`)
	htmlSource    = regexp.MustCompile(`(?i)<(?:img|iframe|script|embed|video|audio|source|link)\b[^>]{0,300}?\b(?:src|href)\s*=\s*["']?([^"'\s>]+)`)
	activeContent = regexp.MustCompile(`(?i)<script\b|<iframe\b|javascript\s*:|\bon(?:error|load|click|mouseover|focus|begin)\s*=|<meta[^>]{0,200}http-equiv\s*=\s*["']?refresh|<form\b[^>]{0,200}\baction\s*=|<object\b|<embed\b`)
)

// appendLinks flags images and links whose address carries data or points
// outside the allowed hosts.
func (o *Output) appendLinks(fs []guard.Finding, text string, convo map[string]bool) []guard.Finding {
	if !strings.Contains(text, "](") && !strings.Contains(text, "]:") && !strings.Contains(text, "<") {
		return fs
	}
	type hit struct {
		start, end int
		image      bool
	}
	var hits []hit
	for _, m := range markdownImage.FindAllStringSubmatchIndex(text, maxShapeHits) {
		hits = append(hits, hit{m[2], m[3], true})
	}
	for _, m := range htmlSource.FindAllStringSubmatchIndex(text, maxShapeHits) {
		hits = append(hits, hit{m[2], m[3], true})
	}
	for _, m := range markdownLink.FindAllStringSubmatchIndex(text, maxShapeHits) {
		hits = append(hits, hit{m[2], m[3], false})
	}
	for _, m := range referenceLink.FindAllStringSubmatchIndex(text, maxShapeHits) {
		hits = append(hits, hit{m[2], m[3], false})
	}
	for _, h := range hits {
		u, err := url.Parse(text[h.start:h.end])
		if err != nil || u.Scheme != "http" && u.Scheme != "https" && u.Scheme != "" {
			continue
		}
		host := strings.ToLower(u.Hostname())
		allowed := len(o.cfg.hosts) > 0 && o.allowed(host)
		carries := carriesData(u, convo)
		var name string
		var score float64
		switch {
		case carries == dataConversation:
			name, score = "url_carries_conversation", 0.95
		case h.image && carries == dataSome && !allowed:
			name, score = "image_url_with_data", 0.8
		case len(o.cfg.hosts) > 0 && host != "" && !allowed && h.image:
			name, score = "image_outside_allowlist", 0.7
		case len(o.cfg.hosts) > 0 && host != "" && !allowed && !h.image:
			name, score = "link_outside_allowlist", 0.55
		default:
			continue
		}
		fs = append(fs, guard.Finding{Rule: "injection." + CategoryExfiltration + "." + name,
			Category: CategoryExfiltration, Start: h.start, End: h.end, Score: score,
			Severity: guard.SeverityHigh})
	}
	return fs
}

// allowed reports whether host is on the allow-list.
func (o *Output) allowed(host string) bool {
	for _, a := range o.cfg.hosts {
		if host == a || strings.HasSuffix(host, "."+a) {
			return true
		}
	}
	return false
}

// What an address carries.
const (
	dataNone         = iota
	dataSome         // query values or a path segment long enough to hold data
	dataConversation // words of the conversation
)

// carriesData reports whether u's query, fragment or path holds data, and
// whether that data repeats words of the conversation.
func carriesData(u *url.URL, convo map[string]bool) int {
	var values []string
	for _, vs := range u.Query() {
		values = append(values, vs...)
	}
	if u.Fragment != "" {
		values = append(values, u.Fragment)
	}
	for _, seg := range strings.Split(u.Path, "/") {
		if len(seg) >= 24 {
			values = append(values, seg)
		}
	}
	kind := dataNone
	for _, v := range values {
		if len(v) < 8 {
			continue
		}
		kind = dataSome
		shared := 0
		for _, w := range strings.FieldsFunc(strings.ToLower(v), notWordRune) {
			if len(w) >= 4 && convo[w] {
				shared++
			}
		}
		if shared >= 2 {
			return dataConversation
		}
	}
	return kind
}

func notWordRune(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }

// conversationWords returns the distinct words of four letters or more of
// the request's messages, for recognising them in an address.
func conversationWords(r *guard.Request) map[string]bool {
	if r == nil {
		return nil
	}
	words := map[string]bool{}
	for _, m := range r.Messages {
		for _, w := range strings.FieldsFunc(strings.ToLower(m.Content), notWordRune) {
			if len(w) >= 4 && !functionWords[w] {
				words[w] = true
			}
		}
	}
	return words
}

// appendActiveContent flags HTML and script a browser would run if the
// client rendered the reply as HTML.
func appendActiveContent(fs []guard.Finding, text string) []guard.Finding {
	if !strings.ContainsAny(text, "<:=") {
		return fs
	}
	for _, loc := range activeContent.FindAllStringIndex(text, maxShapeHits) {
		fs = append(fs, guard.Finding{Rule: "injection." + CategoryCode + ".active_content",
			Category: CategoryCode, Start: loc[0], End: loc[1], Score: 0.8,
			Severity: guard.SeverityHigh})
	}
	return fs
}
