package guard_test

import (
	"context"
	"strings"
	"testing"

	"github.com/textnlp/textguard/guard"
)

func BenchmarkCallNoStages(b *testing.B) {
	g, err := guard.New()
	if err != nil {
		b.Fatal(err)
	}
	req := guard.Prompt("What is the capital of France?")
	model := reply("Paris.")
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := g.Call(ctx, req, model); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkCallOneStage(b *testing.B) {
	g, err := guard.New(
		guard.InputStages(stage("email", emailScanner(), guard.ActionSanitize)),
		guard.OutputStages(stage("email", emailScanner(), guard.ActionSanitize)))
	if err != nil {
		b.Fatal(err)
	}
	req := guard.Prompt("Please write to ann@corp.io about the invoice.")
	model := reply("Done: I wrote to <redacted>.")
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := g.Call(ctx, req, model); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkStream measures the cost of streaming on top of the scanning
// itself: compare with BenchmarkCheckOutput on the same text.
func BenchmarkStream(b *testing.B) {
	text := strings.Repeat("The quick brown fox jumps over the lazy dog. ", 90) + "mail ann@corp.io"
	for _, tc := range []struct {
		name  string
		opts  []guard.Option
		chunk int
	}{
		{"no-stages/chunk16", nil, 16},
		{"email/chunk16", []guard.Option{guard.OutputStages(stage("email", emailScanner(), guard.ActionSanitize))}, 16},
		{"email/chunk256", []guard.Option{guard.OutputStages(stage("email", emailScanner(), guard.ActionSanitize))}, 256},
	} {
		g, err := guard.New(tc.opts...)
		if err != nil {
			b.Fatal(err)
		}
		chunks := split(text, tc.chunk)
		ctx := context.Background()
		b.Run(tc.name, func(b *testing.B) {
			b.SetBytes(int64(len(text)))
			b.ReportAllocs()
			for b.Loop() {
				s := g.NewStream(nil)
				for _, c := range chunks {
					if _, err := s.Push(ctx, c); err != nil {
						b.Fatal(err)
					}
				}
				if _, _, err := s.Close(ctx); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkCheckOutput(b *testing.B) {
	text := strings.Repeat("The quick brown fox jumps over the lazy dog. ", 90) + "mail ann@corp.io"
	g, err := guard.New(guard.OutputStages(stage("email", emailScanner(), guard.ActionSanitize)))
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := g.CheckOutput(ctx, nil, text); err != nil {
			b.Fatal(err)
		}
	}
}
