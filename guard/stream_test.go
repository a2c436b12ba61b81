package guard_test

import (
	"context"
	"iter"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/textnlp/textguard/guard"
)

// split cuts s into chunks of the given sizes, cycling through them.
func split(s string, sizes ...int) []string {
	var out []string
	for i := 0; len(s) > 0; i++ {
		n := min(sizes[i%len(sizes)], len(s))
		out = append(out, s[:n])
		s = s[n:]
	}
	return out
}

// stream pushes chunks through a new stream and returns every released
// piece, the result and the error of Close.
func stream(t testing.TB, g *guard.Guard, prior *guard.Result, chunks []string) ([]string, *guard.Result, error) {
	t.Helper()
	ctx := context.Background()
	s := g.NewStream(prior)
	var shown []string
	for _, c := range chunks {
		safe, err := s.Push(ctx, c)
		if err != nil {
			_, res, _ := s.Close(ctx)
			return shown, res, err
		}
		if safe != "" {
			shown = append(shown, safe)
		}
	}
	tail, res, err := s.Close(ctx)
	if tail != "" {
		shown = append(shown, tail)
	}
	return shown, res, err
}

func TestStreamEqualsWholeReply(t *testing.T) {
	g, err := guard.New(guard.OutputStages(
		stage("email", emailScanner(), guard.ActionSanitize),
		stage("digits", newRe("digits", `[0-9]{6,16}`, 16, 0.8, guard.SeverityHigh), guard.ActionSanitize),
		stage("word", newRe("word", `(?i)\bconfidential\b`, 14, 0.6, guard.SeverityLow), guard.ActionFlag),
	))
	require.NoError(t, err)
	replies := []string{
		"",
		"plain text with nothing to see",
		"write to ann@corp.io today",
		"ann@corp.io",
		"cards 4111111111111111 and 5500005555555559, mail bo@x.org; Confidential",
		"héllo ünïcode 日本語 bo@x.org 123456 ✓",
		strings.Repeat("lorem ipsum ", 40) + "ann@corp.io" + strings.Repeat(" dolor", 30),
	}
	sizes := [][]int{{1}, {2}, {3}, {5}, {7, 1}, {16}, {64}, {1 << 20}}
	for _, r := range replies {
		want, err := g.CheckOutput(context.Background(), nil, r)
		require.NoError(t, err)
		for _, sz := range sizes {
			shown, got, err := stream(t, g, nil, split(r, sz...))
			require.NoError(t, err)
			assert.Equal(t, want.Reply, strings.Join(shown, ""), "sizes %v", sz)
			assert.Equal(t, want.Reply, got.Reply)
			assert.Equal(t, want.Findings, got.Findings, "sizes %v", sz)
			assert.Equal(t, want.Verdict, got.Verdict)
			for _, piece := range shown {
				assert.NotContains(t, piece, "@", "no part of an address is released")
			}
		}
	}
}

func TestStreamHoldsBackOnlyTheWindow(t *testing.T) {
	g, err := guard.New(guard.OutputStages(stage("email", emailScanner(), guard.ActionSanitize)))
	require.NoError(t, err)
	w := g.Window()
	require.Equal(t, 49, w)
	s := g.NewStream(nil)
	text := strings.Repeat("a", 200)
	safe, err := s.Push(context.Background(), text)
	require.NoError(t, err)
	assert.Len(t, safe, 200-w)
	tail, _, err := s.Close(context.Background())
	require.NoError(t, err)
	assert.Len(t, tail, w)
}

type unbounded struct{}

func (unbounded) Scan(context.Context, guard.Input) ([]guard.Finding, error) { return nil, nil }

func TestStreamUnboundedScannerHoldsEverything(t *testing.T) {
	g, err := guard.New(guard.OutputStages(guard.Stage{Scanner: unbounded{}}))
	require.NoError(t, err)
	assert.Equal(t, -1, g.Window())
	shown, res, err := stream(t, g, nil, split("one two three", 3))
	require.NoError(t, err)
	assert.Equal(t, []string{"one two three"}, shown)
	assert.Equal(t, "one two three", res.Reply)
}

func TestStreamBlocks(t *testing.T) {
	g, err := guard.New(guard.OutputStages(stage("email", emailScanner(), guard.ActionBlock)))
	require.NoError(t, err)
	text := strings.Repeat("safe words ", 10) + "leak ann@corp.io " + strings.Repeat("more words ", 10)
	shown, res, err := stream(t, g, nil, split(text, 4))
	assert.ErrorIs(t, err, guard.ErrBlocked)
	require.NotNil(t, res)
	assert.True(t, res.Blocked())
	joined := strings.Join(shown, "")
	assert.NotContains(t, joined, "ann")
	assert.True(t, strings.HasPrefix(text, joined))
	assert.Equal(t, joined, res.Reply)
}

func TestStreamRestoresSplitPseudonyms(t *testing.T) {
	g, err := guard.New(
		guard.RestorePseudonyms(),
		guard.InputStages(guard.Stage{Scanner: emailScanner(), Sanitizer: pseudonymizer,
			Filter: guard.Threshold{Action: guard.ActionSanitize}}))
	require.NoError(t, err)
	in, err := g.CheckInput(context.Background(), guard.Prompt("mail ann@corp.io and bo@corp.io"))
	require.NoError(t, err)
	reply := "Sent to <EMAIL_1>, then <EMAIL_2>; <EMAIL_1> again. <EMAIL_"
	for _, sz := range [][]int{{1}, {2}, {3}, {5}, {8}, {100}} {
		shown, res, err := stream(t, g, in, split(reply, sz...))
		require.NoError(t, err)
		want := "Sent to ann@corp.io, then bo@corp.io; ann@corp.io again. <EMAIL_"
		assert.Equal(t, want, strings.Join(shown, ""), "sizes %v", sz)
		assert.Equal(t, want, res.Reply)
		for _, p := range shown {
			assert.NotContains(t, p, "EMAIL_1>")
		}
	}
}

func TestStreamUTF8(t *testing.T) {
	g, err := guard.New()
	require.NoError(t, err)
	text := "日本語のテキスト"
	shown, res, err := stream(t, g, nil, split(text, 1))
	require.NoError(t, err)
	assert.Equal(t, text, strings.Join(shown, ""))
	assert.Equal(t, text, res.Reply)

	_, _, err = stream(t, g, nil, []string{"ok", "\xff", "more"})
	assert.ErrorIs(t, err, guard.ErrInvalidUTF8)

	_, _, err = stream(t, g, nil, []string{"cut \xe6\x97"})
	assert.ErrorIs(t, err, guard.ErrInvalidUTF8, "a reply may not end inside a character")
}

func TestStreamLimits(t *testing.T) {
	g, err := guard.New(guard.MaxBytes(10))
	require.NoError(t, err)
	_, _, err = stream(t, g, nil, []string{"12345", "67890", "1"})
	assert.ErrorIs(t, err, guard.ErrInputTooLarge)

	ctx, cancel := context.WithCancel(context.Background())
	s := g.NewStream(nil)
	cancel()
	_, err = s.Push(ctx, "x")
	assert.ErrorIs(t, err, context.Canceled)
}

func seq(chunks ...string) iter.Seq2[string, error] {
	return func(yield func(string, error) bool) {
		for _, c := range chunks {
			if !yield(c, nil) {
				return
			}
		}
	}
}

func TestCallStream(t *testing.T) {
	g, err := guard.New(
		guard.InputStages(stage("in", emailScanner(), guard.ActionSanitize)),
		guard.OutputStages(stage("out", emailScanner(), guard.ActionSanitize)))
	require.NoError(t, err)
	var sent string
	model := func(_ context.Context, r *guard.Request) iter.Seq2[string, error] {
		sent = r.Last(guard.SourceUser)
		return seq("Forwarded to sec", "urity@corp.", "io as asked.")
	}
	var out strings.Builder
	res, err := g.CallStream(context.Background(), guard.Prompt("tell ann@corp.io"), model, &out)
	require.NoError(t, err)
	assert.Equal(t, "tell [EMAIL]", sent)
	assert.Equal(t, "Forwarded to [EMAIL] as asked.", out.String())
	assert.Equal(t, out.String(), res.Reply)
	assert.Len(t, res.Findings, 2)
}

func TestChunksIterator(t *testing.T) {
	g, err := guard.New(guard.OutputStages(stage("out", emailScanner(), guard.ActionBlock)))
	require.NoError(t, err)
	s := g.NewStream(nil)
	var got []string
	var lastErr error
	for safe, err := range s.Chunks(context.Background(), seq(strings.Repeat("x", 100), " a@b.co ", "tail")) {
		if err != nil {
			lastErr = err
			break
		}
		got = append(got, safe)
	}
	assert.ErrorIs(t, lastErr, guard.ErrBlocked)
	require.NotNil(t, s.Result())
	assert.True(t, s.Result().Blocked())
	assert.NotContains(t, strings.Join(got, ""), "@")
}

func TestStreamAbort(t *testing.T) {
	g, err := guard.New(guard.OutputStages(stage("email", emailScanner(), guard.ActionSanitize)))
	require.NoError(t, err)
	ctx := context.Background()
	s := g.NewStream(nil)
	_, err = s.Push(ctx, "mail ann@corp.io "+strings.Repeat("x", 100))
	require.NoError(t, err)
	res := s.Abort(ctx)
	require.NotNil(t, res)
	assert.Len(t, res.Findings, 1)
	assert.Equal(t, guard.ActionSanitize, res.Verdict)
	assert.Same(t, res, s.Abort(ctx))
	_, err = s.Push(ctx, "more")
	assert.Error(t, err)
}
