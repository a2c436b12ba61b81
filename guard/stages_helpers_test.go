package guard_test

import (
	"context"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/textnlp/textguard/guard"
)

// applyStageEdits applies sorted, disjoint edits to text.
func applyStageEdits(text string, edits []guard.Edit) string {
	var b strings.Builder
	at := 0
	for _, e := range edits {
		b.WriteString(text[at:e.Start])
		b.WriteString(e.Text)
		at = e.End
	}
	b.WriteString(text[at:])
	return b.String()
}

// scanText scans text with s and fails the test on an error.
func scanStage(t testing.TB, s guard.Scanner, text string) []guard.Finding {
	t.Helper()
	fs, err := s.Scan(context.Background(), guard.Input{Text: text})
	require.NoError(t, err)
	return fs
}

// ruleSpans returns the text each finding covers, for readable assertions.
func ruleSpans(text string, fs []guard.Finding) []string {
	var out []string
	for _, f := range fs {
		out = append(out, f.Rule+":"+f.Span(text))
	}
	return out
}
