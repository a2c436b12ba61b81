package guard

import (
	"context"
	"errors"
	"fmt"
	"slices"
)

// A Scanner finds things in a text.
//
// Scan returns the findings in in.Text, with offsets into in.Text, or an
// error when it could not do its job (a cancelled context, a timeout). It
// must not modify in and must be safe for concurrent use: a guard calls one
// scanner from many goroutines at once. An empty result means nothing was
// found.
type Scanner interface {
	Scan(ctx context.Context, in Input) ([]Finding, error)
}

// ScannerFunc adapts a plain function to [Scanner].
type ScannerFunc func(ctx context.Context, in Input) ([]Finding, error)

// Scan calls f(ctx, in).
func (f ScannerFunc) Scan(ctx context.Context, in Input) ([]Finding, error) { return f(ctx, in) }

// A Sanitizer rewrites the parts of a text that findings cover.
//
// Sanitize returns edits to in.Text: sorted by Start, non-overlapping, on
// UTF-8 boundaries. Applying them must give a text in which the same scanner
// finds nothing more to sanitize, so that sanitizing twice equals sanitizing
// once. It must be safe for concurrent use.
type Sanitizer interface {
	Sanitize(ctx context.Context, in Input, findings []Finding) ([]Edit, error)
}

// SanitizerFunc adapts a plain function to [Sanitizer].
type SanitizerFunc func(ctx context.Context, in Input, findings []Finding) ([]Edit, error)

// Sanitize calls f(ctx, in, findings).
func (f SanitizerFunc) Sanitize(ctx context.Context, in Input, findings []Finding) ([]Edit, error) {
	return f(ctx, in, findings)
}

// A Filter decides what a stage's findings mean. It sees only findings at or
// above the stage's MinScore and must be safe for concurrent use.
type Filter interface {
	Decide(findings []Finding) Action
}

// FilterFunc adapts a plain function to [Filter].
type FilterFunc func(findings []Finding) Action

// Decide calls f(findings).
func (f FilterFunc) Decide(findings []Finding) Action { return f(findings) }

// Threshold is the usual [Filter]: when any finding has at least Score and
// at least Severity, the stage takes Action; otherwise it allows. Any
// remaining finding still flags the result when Action is above
// [ActionFlag], so that evidence below the bar stays visible.
type Threshold struct {
	Score    float64
	Severity Severity
	Action   Action
}

// Decide implements [Filter].
func (t Threshold) Decide(findings []Finding) Action {
	decided := ActionAllow
	for _, f := range findings {
		if f.Score >= t.Score && f.Severity >= t.Severity {
			return t.Action
		}
		decided = ActionFlag
	}
	return min(decided, t.Action)
}

// Windowed is implemented by scanners whose findings depend only on a
// bounded stretch of text. Window returns a bound W in bytes: no finding is
// longer than W, and whether and where a finding ends at byte e depends on no
// byte at or after e+W. Streaming uses W to release text early; a scanner
// that does not implement Windowed makes a stream hold back the whole reply
// until it ends, which is always correct but never early. A negative W
// means unbounded, as if the scanner did not implement Windowed.
type Windowed interface {
	Window() int
}

// Stage is one step of a guard: a scanner, what its findings trigger, and
// how to rewrite what it found. Stage is plain data; [New] validates it.
type Stage struct {
	// Name identifies the stage in results, events and errors. It defaults
	// to "input.N" or "output.N" by position.
	Name string
	// Scanner finds what the stage is about. Required.
	Scanner Scanner
	// Sanitizer rewrites findings when the filter decides
	// [ActionSanitize]. Required for a filter that can sanitize.
	Sanitizer Sanitizer
	// Filter decides the action. Nil means flag any finding.
	Filter Filter
	// MinScore drops findings scored below it before the filter sees them;
	// they appear nowhere in the result.
	MinScore float64
	// Sources restricts an input stage to messages from these sources.
	// Nil means every source. Output stages ignore it.
	Sources []Source
}

// ErrInvalidStage reports a stage that cannot work as configured.
var ErrInvalidStage = errors.New("guard: invalid stage")

// UntrustedSources lists the sources an injection-style stage usually
// scans: everything a third party may have written.
func UntrustedSources() []Source {
	return []Source{SourceUser, SourceDocument, SourceTool}
}

func (s *Stage) validate() error {
	if s.Scanner == nil {
		return fmt.Errorf("%w: stage %q has no scanner", ErrInvalidStage, s.Name)
	}
	if s.MinScore < 0 || s.MinScore > 1 {
		return fmt.Errorf("%w: stage %q: min score %v outside [0,1]", ErrInvalidStage, s.Name, s.MinScore)
	}
	if t, ok := s.Filter.(Threshold); ok {
		if t.Action < ActionAllow || t.Action > ActionBlock {
			return fmt.Errorf("%w: stage %q: unknown action %d", ErrInvalidStage, s.Name, t.Action)
		}
		if t.Action == ActionSanitize && s.Sanitizer == nil {
			return fmt.Errorf("%w: stage %q sanitizes but has no sanitizer", ErrInvalidStage, s.Name)
		}
	}
	return nil
}

func (s *Stage) scans(src Source) bool {
	return s.Sources == nil || slices.Contains(s.Sources, src)
}

func (s *Stage) decide(findings []Finding) Action {
	if len(findings) == 0 {
		return ActionAllow
	}
	if s.Filter == nil {
		return ActionFlag
	}
	return s.Filter.Decide(findings)
}

// window returns the stage's streaming window, or -1 when it is unbounded.
func (s *Stage) window() int {
	w, ok := s.Scanner.(Windowed)
	if !ok {
		return -1
	}
	return w.Window()
}
