package guard

import (
	"fmt"
	"log/slog"
	"strings"
)

// Severity ranks how serious a finding is, independent of how sure the
// scanner is (that is the score). The zero value is [SeverityNone].
type Severity int8

// Severities from least to most serious.
const (
	SeverityNone Severity = iota
	SeverityLow
	SeverityMedium
	SeverityHigh
	SeverityCritical
)

var severityNames = [...]string{"none", "low", "medium", "high", "critical"}

// String returns the lower-case name of s.
func (s Severity) String() string {
	if s >= 0 && int(s) < len(severityNames) {
		return severityNames[s]
	}
	return fmt.Sprintf("severity(%d)", int8(s))
}

// ParseSeverity returns the severity named by s (case-insensitive).
func ParseSeverity(s string) (Severity, error) {
	for i, n := range severityNames {
		if strings.EqualFold(s, n) {
			return Severity(i), nil
		}
	}
	return 0, fmt.Errorf("guard: unknown severity %q", s)
}

// Action is what a stage's findings lead to. Actions are ordered: when
// several stages decide, the guard's verdict is the largest action.
type Action int8

// Actions from least to most restrictive.
const (
	// ActionAllow lets the text through unchanged and unremarked.
	ActionAllow Action = iota
	// ActionFlag lets the text through unchanged but marks the result.
	ActionFlag
	// ActionSanitize lets the text through after the stage's sanitizer
	// rewrote the spans its findings cover.
	ActionSanitize
	// ActionBlock stops the text: a blocked prompt never reaches the model
	// and a blocked reply never reaches the user.
	ActionBlock
)

var actionNames = [...]string{"allow", "flag", "sanitize", "block"}

// String returns the lower-case name of a.
func (a Action) String() string {
	if a >= 0 && int(a) < len(actionNames) {
		return actionNames[a]
	}
	return fmt.Sprintf("action(%d)", int8(a))
}

// ParseAction returns the action named by s (case-insensitive).
func ParseAction(s string) (Action, error) {
	for i, n := range actionNames {
		if strings.EqualFold(s, n) {
			return Action(i), nil
		}
	}
	return 0, fmt.Errorf("guard: unknown action %q", s)
}

// A Finding is one piece of evidence a scanner found in a text.
//
// A finding never holds the text it covers, because that text may be the
// very secret being protected: [Finding.Span] recovers it from the input on
// request. Start and End are byte offsets into the text exactly as the host
// gave it, even when the scanner matched on a normalised copy.
type Finding struct {
	// Rule is a stable identifier of what fired, such as "pii.email".
	Rule string
	// Category groups rules for policies, such as "EMAIL" or
	// "instruction_override". Each detector package documents its own.
	Category string
	// Start and End delimit the finding as a half-open byte range
	// [Start, End) of the scanned text. Both lie on UTF-8 boundaries.
	Start, End int
	// Score is the scanner's confidence in [0, 1].
	Score float64
	// Severity is how serious the finding would be if true.
	Severity Severity
	// Part is the index of the message the finding is in, in
	// [Request.Messages]; it is -1 for a finding in a model's reply.
	// Scanners leave it zero; the guard sets it.
	Part int
	// Stage is the name of the stage that produced the finding; the guard
	// sets it.
	Stage string
}

// Span returns the bytes of text that f covers, or "" when f's offsets do
// not fit text. Calling it is the one explicit step that reaches raw text.
func (f Finding) Span(text string) string {
	if f.Start < 0 || f.End > len(text) || f.Start > f.End {
		return ""
	}
	return text[f.Start:f.End]
}

// Len returns the number of bytes f covers.
func (f Finding) Len() int { return f.End - f.Start }

// LogValue renders f without any text, so that logging a finding by
// mistake cannot leak what it covers.
func (f Finding) LogValue() slog.Value {
	return slog.GroupValue(
		slog.String("rule", f.Rule),
		slog.String("category", f.Category),
		slog.Int("part", f.Part),
		slog.Int("start", f.Start),
		slog.Int("end", f.End),
		slog.Float64("score", f.Score),
		slog.String("severity", f.Severity.String()),
	)
}

// An Edit replaces the bytes [Start, End) of a text with Text. Sanitizers
// return edits rather than rewritten strings so that the guard can merge the
// work of several stages, keep every offset in the host's coordinates, and
// release streamed text safely.
type Edit struct {
	Start, End int
	Text       string
}

// LogValue renders e without its replacement text, which may carry a
// reversible encryption of the original.
func (e Edit) LogValue() slog.Value {
	return slog.GroupValue(
		slog.Int("start", e.Start),
		slog.Int("end", e.End),
		slog.Int("len", len(e.Text)),
	)
}
