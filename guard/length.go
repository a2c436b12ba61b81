package guard

import (
	"context"
	"errors"
	"fmt"
	"unicode"
	"unicode/utf8"
)

// Rule IDs and category of [LengthLimit] findings.
const (
	RuleLengthBytes  = "guard.length.bytes"
	RuleLengthTokens = "guard.length.tokens"
	CategoryLength   = "length"
)

// LengthLimits configures [NewLengthLimit]. Zero means no limit of that
// kind; at least one limit must be set.
type LengthLimits struct {
	// MaxBytes is the most bytes of UTF-8 a text may have.
	MaxBytes int
	// MaxTokens is the most tokens a text may have, as [EstimateTokens]
	// counts them.
	MaxTokens int
	// Severity is the severity of a finding, as given.
	Severity Severity
}

// LengthLimit flags text beyond a size limit and can cut it off. It is both
// a [Scanner] and a [Sanitizer]: each limit a text exceeds gives a finding
// that covers the excess, from the first byte past the limit (on a rune
// boundary) to the end, and Sanitize deletes the findings it is given,
// which truncates the text to within every limit. Sanitizing twice equals
// once, since what remains is within the limits.
//
// LengthLimit is not [Windowed]: whether a text is too long, and where the
// excess ends, depend on the whole text, so a stream through it holds back
// the whole reply. A host that streams and only needs a hard cap can rely on
// the guard's [MaxBytes] instead, which rejects a longer reply as it
// arrives.
//
// LengthLimit is immutable and safe for concurrent use. Its methods return
// an error only for a cancelled context, or from Sanitize for findings that
// do not fit the text.
type LengthLimit struct {
	lim LengthLimits
}

var _ Scanner = (*LengthLimit)(nil)
var _ Sanitizer = (*LengthLimit)(nil)

// NewLengthLimit returns a length limit. Negative limits, or none at all,
// are an error.
func NewLengthLimit(l LengthLimits) (*LengthLimit, error) {
	switch {
	case l.MaxBytes < 0 || l.MaxTokens < 0:
		return nil, fmt.Errorf("guard: length limits must not be negative, got %d bytes and %d tokens",
			l.MaxBytes, l.MaxTokens)
	case l.MaxBytes == 0 && l.MaxTokens == 0:
		return nil, errors.New("guard: length limit sets no limit")
	case l.Severity < SeverityNone || l.Severity > SeverityCritical:
		return nil, fmt.Errorf("guard: length limit: unknown severity %d", l.Severity)
	}
	return &LengthLimit{lim: l}, nil
}

// Scan implements [Scanner]. Findings come byte limit first when both start
// at the same place.
func (l *LengthLimit) Scan(ctx context.Context, in Input) ([]Finding, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	text := in.Text
	var fs []Finding
	if l.lim.MaxBytes > 0 && len(text) > l.lim.MaxBytes {
		cut := l.lim.MaxBytes
		for cut > 0 && !utf8.RuneStart(text[cut]) {
			cut--
		}
		fs = append(fs, l.finding(RuleLengthBytes, cut, len(text)))
	}
	if l.lim.MaxTokens > 0 && len(text) > l.lim.MaxTokens {
		// Every token takes at least a byte, so a text no longer than the
		// limit in bytes needs no count.
		_, cut, err := countTokens(ctx, text, l.lim.MaxTokens)
		if err != nil {
			return nil, err
		}
		if cut < len(text) {
			f := l.finding(RuleLengthTokens, cut, len(text))
			if len(fs) > 0 && cut < fs[0].Start {
				fs = []Finding{f, fs[0]}
			} else {
				fs = append(fs, f)
			}
		}
	}
	return fs, nil
}

func (l *LengthLimit) finding(rule string, start, end int) Finding {
	return Finding{
		Rule: rule, Category: CategoryLength, Start: start, End: end,
		Score: 1, Severity: l.lim.Severity,
	}
}

// Sanitize implements [Sanitizer]: it deletes what the findings cover, as
// [Delete] does.
func (l *LengthLimit) Sanitize(ctx context.Context, in Input, findings []Finding) ([]Edit, error) {
	return Delete()(ctx, in, findings)
}

// EstimateTokens estimates how many tokens a BPE tokeniser of a large
// language model makes of s, without its vocabulary. It counts:
//
//   - a run of letters (and combining marks): one token per 6 bytes of
//     ASCII letters and per 4 bytes of other letters, whose tokens are
//     shorter in byte terms;
//   - a run of digits: one token per 3 digits, as common tokenisers group
//     them;
//   - a Han ideograph, kana or Hangul syllable: one token each;
//   - any other character (punctuation, symbols, emoji): one token each;
//   - whitespace: a single space is free, as tokenisers join it to the next
//     word; any other run of whitespace is one token.
//
// On the module's samples (prose in eleven languages, code, JSON, numbers,
// URLs, emoji) the estimate is within a factor of 1.5 of the counts of the
// cl100k_base and o200k_base encodings for English, code and European
// languages, and within 2 of cl100k_base everywhere; for Arabic, Hindi and
// Greek it overestimates o200k_base, whose vocabulary covers them better, by
// up to 2.2. Use it as a budget, not as a bill. It costs one pass over s.
//
// It takes no context because it cannot block and runs at memory speed;
// [LengthLimit] checks its context as it counts.
func EstimateTokens(s string) int {
	n, _, _ := countTokens(context.Background(), s, -1)
	return n
}

// tokenClass sorts runes for [EstimateTokens].
type tokenClass uint8

const (
	classOwn tokenClass = iota // one token per rune
	classLetter
	classDigit
	classSpace
)

func classifyToken(r rune) tokenClass {
	if r < utf8.RuneSelf {
		switch {
		case 'a' <= r && r <= 'z', 'A' <= r && r <= 'Z':
			return classLetter
		case '0' <= r && r <= '9':
			return classDigit
		case r == ' ', '\t' <= r && r <= '\r':
			return classSpace
		}
		return classOwn
	}
	switch {
	case 0xC0 <= r && r <= 0x24F && r != 0xD7 && r != 0xF7, 0x410 <= r && r <= 0x44F:
		// Accented Latin and basic Cyrillic letters, the common case,
		// without a table search.
		return classLetter
	case 0x4E00 <= r && r <= 0x9FFF, 0x3041 <= r && r <= 0x3096, 0x30A1 <= r && r <= 0x30FA,
		0xAC00 <= r && r <= 0xD7A3:
		// The main blocks of ideographs, kana and Hangul syllables.
		return classOwn
	case r >= 0x1100 && unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Hangul):
		// No ideograph, kana or Hangul lies below the Hangul Jamo block.
		return classOwn
	case unicode.IsLetter(r), unicode.IsMark(r):
		return classLetter
	case unicode.IsDigit(r):
		return classDigit
	case unicode.IsSpace(r):
		return classSpace
	}
	return classOwn
}

// Letter runs are measured in twelfths of a token: 2 per ASCII letter
// (6 letters a token) and 3 per byte of any other letter (4 bytes a token).
const (
	unitsPerToken = 12
	unitsASCII    = 2
	unitsPerByte  = 3
)

// countTokens counts the estimated tokens of s. With limit >= 0 it stops at
// the start of token limit+1 and returns that offset as cut; cut is len(s)
// when s has at most limit tokens. Tokens start at rune boundaries, and the
// count of s[:cut] is exactly limit, because each token's start depends only
// on the text before it and on whether a lone space is followed by more
// space.
func countTokens(ctx context.Context, s string, limit int) (n, cut int, err error) {
	var (
		prev    = tokenClass(255)
		units   int // letter units so far in the current run
		inRun   int // tokens so far in the current run
		checkAt = 1 << 16
	)
	for i, r := range s {
		if i >= checkAt {
			if err := ctx.Err(); err != nil {
				return 0, 0, err
			}
			checkAt = i + 1<<16
		}
		c := classifyToken(r)
		if c != prev {
			units, inRun = 0, 0
		}
		starts := false
		switch c {
		case classOwn:
			starts = true
		case classLetter:
			starts = units >= unitsPerToken*inRun
			if r < utf8.RuneSelf {
				units += unitsASCII
			} else {
				units += unitsPerByte * utf8.RuneLen(r)
			}
		case classDigit:
			starts = units%3 == 0
			units++
		case classSpace:
			// A run starts one token unless it is a lone ' ' before
			// something else, which the next word's token absorbs.
			lone := r == ' ' && (i+1 == len(s) || classifyToken(nextRune(s, i+1)) != classSpace)
			starts = c != prev && !lone
		}
		if starts {
			if n == limit {
				return n, i, nil
			}
			n++
			inRun++
		}
		prev = c
	}
	return n, len(s), nil
}

func nextRune(s string, i int) rune {
	r, _ := utf8.DecodeRuneInString(s[i:])
	return r
}
