package guard_test

import (
	"context"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/require"

	"github.com/textnlp/textguard/guard"
)

func fuzzGuard(t testing.TB) *guard.Guard {
	g, err := guard.New(
		guard.InputStages(stage("email", emailScanner(), guard.ActionSanitize)),
		guard.OutputStages(
			stage("email", emailScanner(), guard.ActionSanitize),
			stage("digits", newRe("digits", `[0-9]{6,16}`, 16, 0.8, guard.SeverityHigh), guard.ActionSanitize),
			stage("word", newRe("word", `(?i)\bsecret\b`, 8, 0.6, guard.SeverityLow), guard.ActionFlag),
		))
	require.NoError(t, err)
	return g
}

// FuzzStream checks the streaming promise: any split of a reply gives the
// text and findings of the whole reply, and no released piece holds a byte
// of a finding before it was sanitized.
func FuzzStream(f *testing.F) {
	f.Add("write to ann@corp.io today", uint64(1))
	f.Add("cards 4111111111111111 and 55000055555555591234567890 x@y.co secret", uint64(0x0305070b))
	f.Add("日本語 a@b.cd 1234567", uint64(99))
	f.Add(strings.Repeat("9", 70), uint64(12345))
	g := fuzzGuard(f)
	f.Fuzz(func(t *testing.T, text string, cuts uint64) {
		if !utf8.ValidString(text) {
			return
		}
		want, err := g.CheckOutput(context.Background(), nil, text)
		require.NoError(t, err)
		var chunks []string
		for rest := text; len(rest) > 0; cuts = cuts>>3 | cuts<<61 {
			n := min(int(cuts&7)+1, len(rest))
			chunks = append(chunks, rest[:n])
			rest = rest[n:]
		}
		shown, got, err := stream(t, g, nil, chunks)
		require.NoError(t, err)
		require.Equal(t, want.Reply, strings.Join(shown, ""))
		require.Equal(t, want.Findings, got.Findings)
		require.Equal(t, want.Verdict, got.Verdict)
	})
}

// FuzzCall checks that any prompt and reply give a result or an error,
// never a panic, with findings inside the texts and valid UTF-8 out.
func FuzzCall(f *testing.F) {
	f.Add("mail ann@corp.io", "ok 123456789")
	f.Add("\xff\xfe", "")
	f.Add("", "secret")
	g := fuzzGuard(f)
	f.Fuzz(func(t *testing.T, prompt, out string) {
		req := guard.Prompt(prompt)
		res, err := g.Call(context.Background(), req, reply(out))
		if !utf8.ValidString(prompt) || !utf8.ValidString(out) {
			require.ErrorIs(t, err, guard.ErrInvalidUTF8)
			return
		}
		require.NoError(t, err)
		require.True(t, utf8.ValidString(res.Reply))
		for _, fd := range res.Findings {
			text := out
			if fd.Part == 0 {
				text = prompt
			}
			require.True(t, fd.Start >= 0 && fd.Start <= fd.End && fd.End <= len(text))
		}
		require.Equal(t, prompt, req.Messages[0].Content)
		again, err := g.CheckOutput(context.Background(), nil, res.Reply)
		require.NoError(t, err)
		require.Equal(t, res.Reply, again.Reply, "sanitizing twice equals once")
	})
}
