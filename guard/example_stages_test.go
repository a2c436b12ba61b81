package guard_test

import (
	"context"
	"errors"
	"fmt"

	"github.com/textnlp/textguard/guard"
)

func ExampleNewSubstrings() {
	s, err := guard.NewSubstrings([]guard.Substring{
		{ID: "project.codename", Category: "confidential", Literals: []string{"Project Falcon", "Falcon-2"}},
		{ID: "competitor", Literals: []string{"acme"}, Score: 0.6},
	}, guard.WholeWords())
	if err != nil {
		panic(err)
	}
	text := "Compare PROJECT FALCON with Acme, not with acmecorp."
	fs, _ := s.Scan(context.Background(), guard.Input{Text: text})
	for _, f := range fs {
		fmt.Printf("%s %s [%d,%d) %q\n", f.Rule, f.Category, f.Start, f.End, f.Span(text))
	}
	// Output:
	// project.codename confidential [8,22) "PROJECT FALCON"
	// competitor banned_substring [28,32) "Acme"
}

func ExampleNewPatterns() {
	p, err := guard.NewPatterns([]guard.Pattern{
		{
			ID: "github.token", Category: "SECRET", Severity: guard.SeverityCritical,
			Expr: `ghp_[A-Za-z0-9]{36}`, Keywords: []string{"ghp_"},
		},
		{
			// A lookbehind needs regexp2, which always runs under a timeout.
			ID: "password.assignment", Category: "SECRET", Group: 1,
			Expr: `(?<=password\s*=\s*)(\S{1,64})`, Engine: guard.EngineRegexp2, MaxLen: 80,
		},
	})
	if err != nil {
		panic(err)
	}
	text := "token ghp_abcdefghijklmnopqrstuvwxyz0123456789 and password = hunter2"
	fs, _ := p.Scan(context.Background(), guard.Input{Text: text})
	for _, f := range fs {
		fmt.Printf("%s %s %q\n", f.Rule, f.Severity, f.Span(text))
	}
	fmt.Println("window:", p.Window())

	_, err = guard.NewPatterns([]guard.Pattern{{ID: "broken", Expr: `(ab`}})
	fmt.Println(err, errors.Is(err, guard.ErrInvalidRule))
	// Output:
	// github.token critical "ghp_abcdefghijklmnopqrstuvwxyz0123456789"
	// password.assignment none "hunter2"
	// window: 84
	// guard: rule "broken": invalid expression: missing closing ) true
}

func ExampleNewLengthLimit() {
	l, err := guard.NewLengthLimit(guard.LengthLimits{MaxTokens: 5, Severity: guard.SeverityLow})
	if err != nil {
		panic(err)
	}
	g, err := guard.New(guard.InputStages(guard.Stage{
		Name: "length", Scanner: l, Sanitizer: l,
		Filter: guard.Threshold{Action: guard.ActionSanitize},
	}))
	if err != nil {
		panic(err)
	}
	text := "Please summarise the following very long document for me."
	fmt.Println(guard.EstimateTokens(text), "tokens")
	res, err := g.CheckInput(context.Background(), guard.Prompt(text))
	if err != nil {
		panic(err)
	}
	fmt.Printf("%s: %q\n", res.Verdict, res.Request.Messages[0].Content)
	// Output:
	// 13 tokens
	// sanitize: "Please summarise the follow"
}

func ExampleRedact() {
	s, err := guard.NewSubstrings([]guard.Substring{
		{ID: "codename", Category: "CODENAME", Literals: []string{"falcon", "falcon-2"}},
	})
	if err != nil {
		panic(err)
	}
	text := "Falcon-2 ships before falcon."
	in := guard.Input{Text: text}
	fs, _ := s.Scan(context.Background(), in)
	for _, z := range []guard.SanitizerFunc{guard.Redact(""), guard.Tag(), guard.Mask('*', 1)} {
		edits, _ := z.Sanitize(context.Background(), in, fs)
		out, at := "", 0
		for _, e := range edits {
			out += text[at:e.Start] + e.Text
			at = e.End
		}
		fmt.Println(out + text[at:])
	}
	// Output:
	// [REDACTED] ships before [REDACTED].
	// [CODENAME] ships before [CODENAME].
	// *******2 ships before *****n.
}
