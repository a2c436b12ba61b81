package guard

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"
)

// The sanitizers in this file work with the findings of any scanner. Each
// merges findings that overlap or touch into one edit, so that its edits are
// sorted and disjoint as [Sanitizer] requires, and "[EMAIL][PHONE]" never
// appears where one value ran into the next. Findings that cover nothing are
// ignored. A finding outside the text or splitting a character is an error.
//
// Sanitizing twice equals sanitizing once when the replacement does not
// match the scanner that found the spans. That holds for the tags and
// pseudonyms below with the scanners of this module; a host whose own rules
// match "[REDACTED]" or "<EMAIL_1>" must pick other replacements.

// DefaultRedaction is the text [Redact] writes when given none.
const DefaultRedaction = "[REDACTED]"

// Redact returns a sanitizer that replaces each finding with tag, or with
// [DefaultRedaction] when tag is "". It is safe for concurrent use.
func Redact(tag string) SanitizerFunc {
	tag = cmp.Or(tag, DefaultRedaction)
	return replaceSpans(func(Input, span) (string, error) { return tag, nil })
}

// Tag returns a sanitizer that replaces each finding with its category in
// brackets, "[EMAIL]" say. Where findings merge, the category is that of the
// longest of them. It is safe for concurrent use.
func Tag() SanitizerFunc {
	return replaceSpans(func(_ Input, s span) (string, error) { return tagOf(s), nil })
}

func tagOf(s span) string { return "[" + s.rep.Category + "]" }

// Delete returns a sanitizer that removes each finding. It is safe for
// concurrent use.
func Delete() SanitizerFunc {
	return replaceSpans(func(Input, span) (string, error) { return "", nil })
}

// Mask returns a sanitizer that writes r over every character of each
// finding but the last keepLast, so "4111 1111 1111 1234" becomes
// "***************1234" with r '*' and keepLast 4. The masked text has as
// many characters as the original, though not always as many bytes. A
// negative keepLast counts as zero; a span of keepLast characters or fewer
// is left alone. An r that is not a valid rune makes Sanitize fail. Mask is
// safe for concurrent use.
//
// Sanitizing twice equals once only when the masked text no longer matches:
// mask digits with '*' for a digits-only pattern, never with a digit, and
// keep few enough characters that the rest is no longer a match.
func Mask(r rune, keepLast int) SanitizerFunc {
	keepLast = max(keepLast, 0)
	return replaceSpans(func(in Input, s span) (string, error) {
		if !utf8.ValidRune(r) {
			return "", fmt.Errorf("guard: mask rune %U is not valid", r)
		}
		text := in.Text[s.start:s.end]
		n := utf8.RuneCountInString(text)
		if n <= keepLast {
			return text, nil
		}
		var b strings.Builder
		b.Grow(len(text))
		for range n - keepLast {
			b.WriteRune(r)
		}
		cut := len(text)
		for range keepLast {
			_, w := utf8.DecodeLastRuneInString(text[:cut])
			cut -= w
		}
		b.WriteString(text[cut:])
		return b.String(), nil
	})
}

// Pseudonymize returns a sanitizer that replaces each finding with a
// pseudonym from the call's [Vault], the finding's category as its kind, so
// that one value gets one pseudonym throughout a call and the guard can
// restore it in the reply ([RestorePseudonyms]). name makes the n-th
// pseudonym of a category; nil gives the vault's "<CATEGORY_n>". When the
// input has no vault, as when the guard was built without
// [RestorePseudonyms], it falls back to [Tag], because a pseudonym nobody
// can restore is only a tag with a number. It is safe for concurrent use.
func Pseudonymize(name func(category string, n int) string) SanitizerFunc {
	return replaceSpans(func(in Input, s span) (string, error) {
		if in.Vault == nil {
			return tagOf(s), nil
		}
		var fn func(int) string
		if name != nil {
			cat := s.rep.Category
			fn = func(n int) string { return name(cat, n) }
		}
		return in.Vault.Pseudonym(s.rep.Category, in.Text[s.start:s.end], fn), nil
	})
}

// span is a stretch of text that one or more findings cover, with the
// finding that speaks for it: the longest, of equal ones the first.
type span struct {
	start, end int
	rep        Finding
}

// replaceSpans builds a sanitizer that writes repl's text over each merged
// span.
func replaceSpans(repl func(Input, span) (string, error)) SanitizerFunc {
	return func(ctx context.Context, in Input, findings []Finding) ([]Edit, error) {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		spans, err := mergeSpans(in.Text, findings)
		if err != nil {
			return nil, err
		}
		edits := make([]Edit, 0, len(spans))
		for _, s := range spans {
			t, err := repl(in, s)
			if err != nil {
				return nil, err
			}
			if t != in.Text[s.start:s.end] {
				edits = append(edits, Edit{Start: s.start, End: s.end, Text: t})
			}
		}
		return edits, nil
	}
}

// mergeSpans checks findings against text and joins those that overlap or
// touch. It leaves findings as it found them.
func mergeSpans(text string, findings []Finding) ([]span, error) {
	fs := make([]Finding, 0, len(findings))
	for i, f := range findings {
		if f.Start < 0 || f.End > len(text) || f.Start > f.End {
			return nil, fmt.Errorf("guard: finding %d (%s): offsets [%d,%d) outside text of %d bytes",
				i, f.Rule, f.Start, f.End, len(text))
		}
		if !boundary(text, f.Start) || !boundary(text, f.End) {
			return nil, fmt.Errorf("guard: finding %d (%s): offsets [%d,%d) split a character",
				i, f.Rule, f.Start, f.End)
		}
		if f.Start < f.End {
			fs = append(fs, f)
		}
	}
	slices.SortStableFunc(fs, func(a, b Finding) int {
		return cmp.Or(cmp.Compare(a.Start, b.Start), cmp.Compare(b.End, a.End))
	})
	var spans []span
	for _, f := range fs {
		if n := len(spans); n > 0 && f.Start <= spans[n-1].end {
			last := &spans[n-1]
			last.end = max(last.end, f.End)
			if f.Len() > last.rep.Len() {
				last.rep = f
			}
			continue
		}
		spans = append(spans, span{f.Start, f.End, f})
	}
	return spans, nil
}
