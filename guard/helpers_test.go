package guard_test

import (
	"context"
	"regexp"
	"strings"

	"github.com/textnlp/textguard/guard"
)

// reScanner is a small windowed scanner for tests: it reports every match
// of a pattern whose matches are at most maxLen bytes long.
type reScanner struct {
	rule     string
	re       *regexp.Regexp
	maxLen   int
	score    float64
	severity guard.Severity
}

func newRe(rule, expr string, maxLen int, score float64, sev guard.Severity) *reScanner {
	return &reScanner{rule: rule, re: regexp.MustCompile(expr), maxLen: maxLen, score: score, severity: sev}
}

func (s *reScanner) Scan(ctx context.Context, in guard.Input) ([]guard.Finding, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	var fs []guard.Finding
	for _, m := range s.re.FindAllStringIndex(in.Text, -1) {
		fs = append(fs, guard.Finding{
			Rule: s.rule, Category: strings.ToUpper(s.rule),
			Start: m[0], End: m[1], Score: s.score, Severity: s.severity,
		})
	}
	return fs, nil
}

func (s *reScanner) Window() int { return s.maxLen + 1 }

// emailScanner finds simple e-mail addresses; the bounded quantifiers keep
// its window honest.
func emailScanner() *reScanner {
	return newRe("email", `[a-z0-9._]{1,20}@[a-z0-9]{1,20}\.[a-z]{2,6}\b`, 48, 0.9, guard.SeverityMedium)
}

// redactor replaces each finding with "[" + category + "]".
var redactor = guard.SanitizerFunc(func(_ context.Context, in guard.Input, fs []guard.Finding) ([]guard.Edit, error) {
	var es []guard.Edit
	for _, f := range fs {
		if len(es) > 0 && f.Start < es[len(es)-1].End {
			continue
		}
		es = append(es, guard.Edit{Start: f.Start, End: f.End, Text: "[" + f.Category + "]"})
	}
	return es, nil
})

// pseudonymizer replaces each finding with a pseudonym from the call's
// vault.
var pseudonymizer = guard.SanitizerFunc(func(_ context.Context, in guard.Input, fs []guard.Finding) ([]guard.Edit, error) {
	var es []guard.Edit
	for _, f := range fs {
		if len(es) > 0 && f.Start < es[len(es)-1].End {
			continue
		}
		es = append(es, guard.Edit{Start: f.Start, End: f.End, Text: in.Vault.Pseudonym(f.Category, f.Span(in.Text), nil)})
	}
	return es, nil
})

func stage(name string, sc guard.Scanner, act guard.Action) guard.Stage {
	st := guard.Stage{Name: name, Scanner: sc, Filter: guard.Threshold{Score: 0.5, Action: act}}
	if act == guard.ActionSanitize {
		st.Sanitizer = redactor
	}
	return st
}

// echo is a model that repeats the last user message.
func echo(_ context.Context, req *guard.Request) (string, error) {
	return "you said: " + req.Last(guard.SourceUser), nil
}

func reply(s string) guard.ModelFunc {
	return func(context.Context, *guard.Request) (string, error) { return s, nil }
}
