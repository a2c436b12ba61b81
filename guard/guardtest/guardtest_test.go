package guardtest_test

import (
	"context"
	"errors"
	"regexp"
	"sync/atomic"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/textnlp/textguard/guard"
	"github.com/textnlp/textguard/guard/guardtest"
)

var digits = regexp.MustCompile(`[0-9]{4,10}`)

// digitScanner is a small, well-behaved scanner.
type digitScanner struct{}

func (digitScanner) Scan(ctx context.Context, in guard.Input) ([]guard.Finding, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	var fs []guard.Finding
	for _, m := range digits.FindAllStringIndex(in.Text, -1) {
		fs = append(fs, guard.Finding{Rule: "test.digits", Category: "DIGITS", Start: m[0], End: m[1], Score: 0.8})
	}
	return fs, nil
}

func (digitScanner) Window() int { return 11 }

var mask = guard.SanitizerFunc(func(_ context.Context, in guard.Input, fs []guard.Finding) ([]guard.Edit, error) {
	var es []guard.Edit
	for _, f := range fs {
		es = append(es, guard.Edit{Start: f.Start, End: f.End, Text: "#"})
	}
	return es, nil
})

var samples = []string{
	"", "no digits here", "call 5551234 now", "ids 1234 and 98765432101234", "日本 123456 ü",
}

func TestConformingScanner(t *testing.T) {
	guardtest.TestScanner(t, digitScanner{}, samples)
	guardtest.TestSanitizer(t, digitScanner{}, mask, samples)
}

// broken scanners, each violating one rule of the contract.
type (
	outOfRange    struct{ digitScanner }
	splitsRune    struct{ digitScanner }
	ignoresCancel struct{}
	mutates       struct{ digitScanner }
	leaky         struct{ digitScanner } // its window is a lie
	flaky         struct{ n *atomic.Int64 }
)

func (outOfRange) Scan(_ context.Context, in guard.Input) ([]guard.Finding, error) {
	return []guard.Finding{{Rule: "x", Start: 0, End: len(in.Text) + 1, Score: 1}}, nil
}

func (splitsRune) Scan(_ context.Context, in guard.Input) ([]guard.Finding, error) {
	if len(in.Text) > 0 && in.Text[0] >= 0x80 {
		return []guard.Finding{{Rule: "x", Start: 0, End: 1, Score: 1}}, nil
	}
	return nil, nil
}

func (ignoresCancel) Scan(context.Context, guard.Input) ([]guard.Finding, error) { return nil, nil }

func (m mutates) Scan(ctx context.Context, in guard.Input) ([]guard.Finding, error) {
	if in.Request != nil {
		in.Request.Messages[0].Content = "changed"
	}
	return m.digitScanner.Scan(ctx, in)
}

// Window claims 2 bytes although matches run to 10.
func (leaky) Window() int { return 2 }

func (r flaky) Scan(ctx context.Context, in guard.Input) ([]guard.Finding, error) {
	if r.n.Add(1)%2 == 0 {
		return []guard.Finding{{Rule: "x", Score: 1}}, ctx.Err()
	}
	return nil, ctx.Err()
}

var badSanitizers = map[string]guard.Sanitizer{
	"unsorted": guard.SanitizerFunc(func(_ context.Context, in guard.Input, fs []guard.Finding) ([]guard.Edit, error) {
		return []guard.Edit{{Start: fs[0].End, End: fs[0].End}, {Start: fs[0].Start, End: fs[0].Start}}, nil
	}),
	"not idempotent": guard.SanitizerFunc(func(_ context.Context, in guard.Input, fs []guard.Finding) ([]guard.Edit, error) {
		return []guard.Edit{{Start: fs[0].Start, End: fs[0].End, Text: "1234" + fs[0].Span(in.Text)}}, nil
	}),
}

func TestViolationsAreReported(t *testing.T) {
	tests := []struct {
		name string
		s    guard.Scanner
		want string
	}{
		{"offsets outside the text", outOfRange{}, "outside"},
		{"offsets inside a character", splitsRune{}, "splits a character"},
		{"cancellation ignored", ignoresCancel{}, "context.Canceled"},
		{"request modified", mutates{}, "modified the request"},
		{"window too small", leaky{}, "differ from whole-text"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			errs := guardtest.CheckScanner(tt.s, samples)
			require.NotEmpty(t, errs)
			assert.Contains(t, errors.Join(errs...).Error(), tt.want)
		})
	}
	for name, z := range badSanitizers {
		t.Run(name, func(t *testing.T) {
			assert.NotEmpty(t, guardtest.CheckSanitizer(digitScanner{}, z, samples))
		})
	}
	assert.NotEmpty(t, guardtest.CheckScanner(flaky{new(atomic.Int64)}, []string{"a"}), "nondeterminism is reported")
}
