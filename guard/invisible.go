package guard

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// invisibleKind sorts the characters a reader cannot see into the groups
// that [Invisible] reports under separate rules.
type invisibleKind uint8

const (
	notInvisible invisibleKind = iota
	kindZeroWidth
	kindBidi
	kindTag
	kindFormat
)

func (k invisibleKind) rule() string {
	switch k {
	case kindZeroWidth:
		return "guard.invisible.zero_width"
	case kindBidi:
		return "guard.invisible.bidi"
	case kindTag:
		return "guard.invisible.tag"
	}
	return "guard.invisible.format"
}

// invisibleKindOf classifies r. The set is Unicode's default-ignorable code
// points (format characters, variation selectors, Hangul fillers and the
// like, assigned or not) plus the interlinear annotation controls, which
// can hide text between them; it leaves out the format characters that
// render visibly (the prepended concatenation marks such as U+0600) and the
// Egyptian hieroglyph format controls, which lay out visible signs.
func invisibleKindOf(r rune) invisibleKind {
	switch {
	case r < 0xAD:
		return notInvisible
	case r == 0x200B, r == 0x200C, r == 0x200D, r == 0x2060, r == 0xFEFF, r == 0x180E:
		return kindZeroWidth
	case r == 0x061C, r == 0x200E, r == 0x200F, 0x202A <= r && r <= 0x202E,
		0x2066 <= r && r <= 0x2069:
		return kindBidi
	case 0xE0000 <= r && r <= 0xE007F:
		return kindTag
	case r == 0xAD, r == 0x034F, r == 0x115F, r == 0x1160, r == 0x17B4, r == 0x17B5,
		0x180B <= r && r <= 0x180F, 0x2061 <= r && r <= 0x206F, r == 0x3164,
		0xFE00 <= r && r <= 0xFE0F, r == 0xFFA0, 0xFFF0 <= r && r <= 0xFFFB,
		0x1BCA0 <= r && r <= 0x1BCA3, 0x1D173 <= r && r <= 0x1D17A,
		0xE0080 <= r && r <= 0xE0FFF:
		return kindFormat
	}
	return notInvisible
}

// Limits of [Invisible]'s findings.
const (
	// invisibleSpan is the most bytes one finding covers; longer runs are
	// split, so that a stream never holds back more than this plus the
	// lookahead.
	invisibleSpan = 256
	// invisibleLookahead is how far past a character the rules look to
	// decide whether it is legitimate: the longest emoji tag sequence
	// (black flag, five tag letters, cancel tag) is 28 bytes.
	invisibleLookahead = 32
)

// Invisible finds characters that a reader cannot see but a model reads:
// zero-width characters, bidirectional controls, Unicode tag characters,
// variation selectors and other invisible format characters. Such
// characters hide instructions (tag characters spell ASCII that most
// renderers omit), reorder what a reviewer sees (Trojan Source), or split
// keywords so that filters miss them.
//
// Rules, all in category "invisible":
//
//   - guard.invisible.tag, severity high, score 0.95: tag characters
//     U+E0000..U+E007F. They have no use in text except the emoji flags of
//     England, Scotland and Wales, which are not flagged, and they can
//     carry a whole hidden prompt.
//   - guard.invisible.bidi, severity medium: embeddings, overrides and
//     isolates (score 0.8), which can make text display in an order other
//     than the one a model reads; the marks LRM, RLM and ALM (score 0.4),
//     which ordinary right-to-left text uses but which can still move
//     neutral characters.
//   - guard.invisible.zero_width, severity low, score 0.5: ZWSP, ZWNJ, ZWJ,
//     word joiner, a byte order mark not at the start, U+180E.
//   - guard.invisible.format, severity low, score 0.3: soft hyphen,
//     invisible operators, variation selectors, Hangul fillers and the
//     other default-ignorable format characters.
//
// A run of four or more zero-width or format characters scores 0.8: such
// runs have no typographic use and are how text is hidden in invisible
// characters one bit or byte at a time.
//
// Legitimate uses are not flagged: ZWJ inside an emoji sequence (👩‍💻);
// VS15 and VS16 after a symbol, digit or punctuation mark (❤️, 1️⃣); VS1 to
// VS14 after a Han ideograph, a mathematical symbol, CJK punctuation or a
// letter of the few scripts with standardized variants; ideographic
// variation selectors after a Han ideograph; Mongolian variation selectors
// after a Mongolian letter; ZWJ and ZWNJ between letters (or a letter's
// marks) of scripts whose shaping needs them (Arabic, Persian, Syriac, the
// Indic scripts, Sinhala, Myanmar, Khmer and others); and a byte order mark
// at offset 0, except in a model's reply ([SourceAssistant]), which has no
// reason to carry one and which a stream scans from mid-text. Each of these
// needs its immediate neighbours to be visible, so removing the flagged
// characters never makes a legitimate one illegitimate: sanitizing twice
// equals sanitizing once.
//
// Known limits: ZWNJ in Latin text, as German typesetting uses it to block
// a ligature, is flagged (low); a single selector after a symbol or a Han
// ideograph can still carry one hidden byte; and text hidden with visible
// characters (white on white, tiny fonts) is not this scanner's business.
//
// A run is reported as findings of at most 256 bytes, so [Invisible.Window]
// is bounded. Invisible is stateless and safe for concurrent use.
type Invisible struct{}

// NewInvisible returns the invisible-character scanner.
func NewInvisible() *Invisible { return &Invisible{} }

var (
	_ Scanner   = (*Invisible)(nil)
	_ Sanitizer = (*Invisible)(nil)
	_ Windowed  = (*Invisible)(nil)
)

// InvisibleStage returns a stage named "invisible" that runs [Invisible] as
// scanner and sanitizer and takes action a on any finding. With
// [ActionSanitize] it strips the flagged characters and leaves the rest.
func InvisibleStage(a Action) Stage {
	v := NewInvisible()
	return Stage{Name: "invisible", Scanner: v, Sanitizer: v, Filter: Threshold{Action: a}}
}

// Window implements [Windowed]: a finding spans at most 256 bytes and its
// end depends on at most 32 bytes after it.
func (*Invisible) Window() int { return invisibleSpan + invisibleLookahead }

// Scan implements [Scanner]. It returns findings for the runs of flagged
// characters in order, and an error only when ctx ends.
func (*Invisible) Scan(ctx context.Context, in Input) ([]Finding, error) {
	s := in.Text
	var (
		fs  []Finding
		run invisibleRun
		at  = before{prev: -1}
	)
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	for i, check := 0, 1<<16; i < len(s); {
		if i >= check {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
			check = i + 1<<16
		}
		if s[i] < utf8.RuneSelf {
			fs = run.close(fs)
			j := i + 1
			for j < len(s) && s[j] < utf8.RuneSelf {
				j++
			}
			at = before{prev: rune(s[j-1])}
			i = j
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		k := invisibleKindOf(r)
		if k == notInvisible {
			fs = run.close(fs)
			at = before{prev: r}
			i += size
			continue
		}
		if k == kindTag && at.prev == blackFlag && !at.invisible {
			if n := flagTags(s[i:]); n > 0 {
				fs = run.close(fs)
				at = before{prev: 0xE007F, invisible: true, legit: true}
				i += n
				continue
			}
		}
		legit := at.legitimate(s, i, r, size, in.Source)
		if legit {
			fs = run.close(fs)
		} else {
			fs = run.add(fs, k, r, i, size)
		}
		at = before{prev: r, invisible: true, legit: legit}
		i += size
	}
	return run.close(fs), nil
}

// Sanitize implements [Sanitizer]: it deletes what the invisible findings
// among findings cover and ignores the others. It fails only on a finding
// that does not fit in.Text.
func (*Invisible) Sanitize(ctx context.Context, in Input, findings []Finding) ([]Edit, error) {
	fs := slices.Clone(findings)
	slices.SortFunc(fs, func(a, b Finding) int { return cmp.Compare(a.Start, b.Start) })
	var edits []Edit
	for _, f := range fs {
		if !strings.HasPrefix(f.Rule, "guard.invisible.") {
			continue
		}
		if f.Start < 0 || f.End > len(in.Text) || f.Start > f.End {
			return nil, fmt.Errorf("guard: invisible: finding [%d,%d) outside text of %d bytes",
				f.Start, f.End, len(in.Text))
		}
		if n := len(edits); n > 0 && f.Start <= edits[n-1].End {
			edits[n-1].End = max(edits[n-1].End, f.End)
			continue
		}
		edits = append(edits, Edit{Start: f.Start, End: f.End})
	}
	return edits, nil
}

// before is what the legitimacy rules know of the character before the
// one being judged.
type before struct {
	prev      rune // -1 at the start of the text
	invisible bool // prev is an invisible character
	legit     bool // prev is an invisible character that was not flagged
}

const (
	blackFlag = 0x1F3F4
	zwnj      = 0x200C
	zwj       = 0x200D
)

// legitimate reports whether the invisible character r at s[i:i+size] is
// one of the uses that [Invisible] does not flag.
func (c before) legitimate(s string, i int, r rune, size int, src Source) bool {
	visible := c.prev >= 0 && !c.invisible
	switch {
	case r == 0xFEFF:
		return i == 0 && src != SourceAssistant
	case r == zwj || r == zwnj:
		next, _ := utf8.DecodeRuneInString(s[i+size:])
		if r == zwj && unicode.Is(unicode.So, next) &&
			(visible && emojiBase(c.prev) || c.prev == 0xFE0F && c.legit) {
			return true
		}
		return visible && joiningContext(c.prev) &&
			unicode.IsLetter(next) && joiningScript(next)
	case r == 0xFE0E || r == 0xFE0F:
		return visible && (c.prev == 0x2139 || unicode.In(c.prev, unicode.S, unicode.P, unicode.N))
	case 0xFE00 <= r && r <= 0xFE0D:
		return visible && (unicode.In(c.prev, unicode.Han, unicode.Sm, unicode.Myanmar,
			unicode.Phags_Pa, unicode.Manichaean) || 0x3000 <= c.prev && c.prev <= 0x303F)
	case 0xE0100 <= r && r <= 0xE01EF:
		return visible && unicode.Is(unicode.Han, c.prev)
	case 0x180B <= r && r <= 0x180D, r == 0x180F:
		return visible && unicode.Is(unicode.Mongolian, c.prev)
	}
	return false
}

// emojiBase reports whether r can precede a ZWJ in an emoji sequence: a
// pictograph or a skin-tone modifier.
func emojiBase(r rune) bool {
	return unicode.Is(unicode.So, r) || 0x1F3FB <= r && r <= 0x1F3FF
}

// joiningContext reports whether r may precede a ZWJ or ZWNJ that shapes
// the next letter: a character of a joining script, or a combining mark
// (Arabic vowel signs belong to no script of their own).
func joiningContext(r rune) bool {
	return joiningScript(r) || unicode.IsMark(r) && unicode.Is(unicode.Inherited, r)
}

// joiningScript reports whether r belongs to a script in which ZWJ and ZWNJ
// change how letters join or conjoin, so that they appear in ordinary text.
func joiningScript(r rune) bool {
	for _, t := range [...]*unicode.RangeTable{
		unicode.Arabic, unicode.Syriac, unicode.Thaana, unicode.Nko, unicode.Mandaic,
		unicode.Mongolian, unicode.Adlam, unicode.Hanifi_Rohingya, unicode.Devanagari,
		unicode.Bengali, unicode.Gurmukhi, unicode.Gujarati, unicode.Oriya, unicode.Tamil,
		unicode.Telugu, unicode.Kannada, unicode.Malayalam, unicode.Sinhala, unicode.Tibetan,
		unicode.Myanmar, unicode.Khmer, unicode.Balinese, unicode.Javanese,
	} {
		if unicode.Is(t, r) {
			return true
		}
	}
	return false
}

// flagTags returns the length of the tag characters of an RGI subdivision
// flag (England, Scotland, Wales) at the start of s, or 0.
func flagTags(s string) int {
	for _, code := range [...]string{"gbeng", "gbsct", "gbwls"} {
		n := 0
		for _, c := range code {
			r, size := utf8.DecodeRuneInString(s[n:])
			if r != 0xE0000+c {
				n = -1
				break
			}
			n += size
		}
		if n > 0 {
			if r, size := utf8.DecodeRuneInString(s[n:]); r == 0xE007F {
				return n + size
			}
		}
	}
	return 0
}

// An invisibleRun collects adjacent flagged characters of one kind.
type invisibleRun struct {
	kind       invisibleKind
	start, end int
	count      int
	score      float64
}

func (r *invisibleRun) add(fs []Finding, k invisibleKind, c rune, i, size int) []Finding {
	if r.kind != k || r.end != i || i+size-r.start > invisibleSpan {
		// Each part of a long run is scored on its own characters: a
		// stream resumes scanning where the last finding ended and must
		// find the same.
		fs = r.close(fs)
		*r = invisibleRun{kind: k, start: i}
	}
	r.end = i + size
	r.count++
	r.score = max(r.score, invisibleScore(k, c))
	return fs
}

func (r *invisibleRun) close(fs []Finding) []Finding {
	if r.kind == notInvisible {
		return fs
	}
	f := Finding{
		Rule:     r.kind.rule(),
		Category: "invisible",
		Start:    r.start,
		End:      r.end,
		Score:    r.score,
		Severity: SeverityLow,
	}
	switch r.kind {
	case kindTag:
		f.Severity = SeverityHigh
	case kindBidi:
		f.Severity = SeverityMedium
	default:
		if r.count >= 4 {
			f.Score = max(f.Score, 0.8)
		}
	}
	*r = invisibleRun{}
	return append(fs, f)
}

func invisibleScore(k invisibleKind, r rune) float64 {
	switch k {
	case kindTag:
		return 0.95
	case kindBidi:
		if r == 0x061C || r == 0x200E || r == 0x200F {
			return 0.4
		}
		return 0.8
	case kindZeroWidth:
		return 0.5
	}
	return 0.3
}
