package guard_test

import (
	"context"
	"errors"
	"log/slog"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/textnlp/textguard/guard"
	"github.com/textnlp/textguard/guard/guardtest"
)

func TestNewRejectsBrokenConfig(t *testing.T) {
	tests := []struct {
		name string
		opts []guard.Option
	}{
		{"stage without scanner", []guard.Option{guard.InputStages(guard.Stage{Name: "x"})}},
		{"sanitize without sanitizer", []guard.Option{guard.InputStages(guard.Stage{
			Scanner: emailScanner(), Filter: guard.Threshold{Action: guard.ActionSanitize}})}},
		{"min score above one", []guard.Option{guard.OutputStages(guard.Stage{Scanner: emailScanner(), MinScore: 2})}},
		{"duplicate names", []guard.Option{guard.InputStages(
			guard.Stage{Name: "a", Scanner: emailScanner()}, guard.Stage{Name: "a", Scanner: emailScanner()})}},
		{"zero max bytes", []guard.Option{guard.MaxBytes(0)}},
		{"short hash key", []guard.Option{guard.HashKey([]byte("short"))}},
		{"nil observer", []guard.Option{guard.Observe(nil)}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g, err := guard.New(tt.opts...)
			assert.Error(t, err)
			assert.Nil(t, g)
		})
	}
}

func TestCall(t *testing.T) {
	ctx := context.Background()
	email := emailScanner()
	tests := []struct {
		name      string
		opts      []guard.Option
		prompt    string
		model     guard.ModelFunc
		verdict   guard.Action
		reply     string
		sent      string // what the model received; "" when not called
		findings  int
		wantRules []string
	}{
		{
			name: "no stages passes through", prompt: "hello", model: echo,
			verdict: guard.ActionAllow, reply: "you said: hello", sent: "hello",
		},
		{
			name:   "input flagged",
			opts:   []guard.Option{guard.InputStages(guard.Stage{Scanner: email})},
			prompt: "mail bob@example.com", model: echo,
			verdict: guard.ActionFlag, reply: "you said: mail bob@example.com", sent: "mail bob@example.com",
			findings: 1, wantRules: []string{"email"},
		},
		{
			name:   "input sanitized before the model",
			opts:   []guard.Option{guard.InputStages(stage("pii", email, guard.ActionSanitize))},
			prompt: "mail bob@example.com now", model: echo,
			verdict: guard.ActionSanitize, reply: "you said: mail [EMAIL] now", sent: "mail [EMAIL] now",
			findings: 1, wantRules: []string{"email"},
		},
		{
			name:   "input blocked, model not called",
			opts:   []guard.Option{guard.InputStages(stage("pii", email, guard.ActionBlock))},
			prompt: "mail bob@example.com", model: echo,
			verdict: guard.ActionBlock, findings: 1,
		},
		{
			name:   "output sanitized",
			opts:   []guard.Option{guard.OutputStages(stage("pii", email, guard.ActionSanitize))},
			prompt: "who?", model: reply("write to ann@corp.io or bo@corp.io"),
			verdict: guard.ActionSanitize, reply: "write to [EMAIL] or [EMAIL]", sent: "who?", findings: 2,
		},
		{
			name:   "output blocked",
			opts:   []guard.Option{guard.OutputStages(stage("pii", email, guard.ActionBlock))},
			prompt: "who?", model: reply("ann@corp.io"),
			verdict: guard.ActionBlock, sent: "who?", findings: 1,
		},
		{
			name: "below threshold only flags",
			opts: []guard.Option{guard.InputStages(guard.Stage{
				Scanner: email, Filter: guard.Threshold{Score: 0.95, Action: guard.ActionBlock}})},
			prompt: "a@b.co", model: echo, verdict: guard.ActionFlag, reply: "you said: a@b.co", sent: "a@b.co", findings: 1,
		},
		{
			name: "min score drops findings",
			opts: []guard.Option{guard.InputStages(guard.Stage{
				Scanner: email, MinScore: 0.95, Filter: guard.Threshold{Action: guard.ActionBlock}})},
			prompt: "a@b.co", model: echo, verdict: guard.ActionAllow, reply: "you said: a@b.co", sent: "a@b.co",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g, err := guard.New(tt.opts...)
			require.NoError(t, err)
			var sent string
			model := func(ctx context.Context, req *guard.Request) (string, error) {
				sent = req.Last(guard.SourceUser)
				return tt.model(ctx, req)
			}
			req := guard.Prompt(tt.prompt)
			res, err := g.Call(ctx, req, model)
			require.NoError(t, err)
			assert.Equal(t, tt.verdict, res.Verdict)
			assert.Equal(t, tt.reply, res.Reply)
			assert.Equal(t, tt.sent, sent)
			assert.Len(t, res.Findings, tt.findings)
			assert.Equal(t, tt.prompt, req.Messages[0].Content, "the host's request is never modified")
			for i, r := range tt.wantRules {
				assert.Equal(t, r, res.Findings[i].Rule)
			}
			if tt.findings > 0 {
				assert.Greater(t, res.Risk, 0.0)
			}
		})
	}
}

func TestFindingsPointIntoHostText(t *testing.T) {
	g, err := guard.New(
		guard.InputStages(stage("in", emailScanner(), guard.ActionSanitize)),
		guard.OutputStages(stage("out", emailScanner(), guard.ActionSanitize)))
	require.NoError(t, err)
	req := &guard.Request{Messages: []guard.Message{
		{Source: guard.SourceSystem, Content: "Be brief."},
		{Source: guard.SourceUser, Content: "Ask ann@corp.io and bo@corp.io"},
	}}
	res, err := g.Call(context.Background(), req, reply("Reply to cy@corp.io."))
	require.NoError(t, err)
	require.Len(t, res.Findings, 3)
	assert.Equal(t, "ann@corp.io", res.Findings[0].Span(req.Messages[1].Content))
	assert.Equal(t, 1, res.Findings[0].Part)
	assert.Equal(t, "bo@corp.io", res.Findings[1].Span(req.Messages[1].Content))
	assert.Equal(t, -1, res.Findings[2].Part)
	assert.Equal(t, "cy@corp.io", res.Findings[2].Span("Reply to cy@corp.io."))
	assert.Equal(t, "out", res.Findings[2].Stage)
	assert.Equal(t, "Reply to [EMAIL].", res.Reply)
}

func TestSourcesRestrictInputStages(t *testing.T) {
	g, err := guard.New(guard.InputStages(guard.Stage{
		Scanner: emailScanner(), Sources: guard.UntrustedSources()}))
	require.NoError(t, err)
	req := &guard.Request{Messages: []guard.Message{
		{Source: guard.SourceSystem, Content: "Escalate to ops@corp.io"},
		{Source: guard.SourceAssistant, Content: "Noted, ops@corp.io."},
		{Source: guard.SourceDocument, Content: "Contact sales@corp.io"},
		{Source: guard.SourceTool, Content: `{"owner":"it@corp.io"}`},
	}}
	res, err := g.CheckInput(context.Background(), req)
	require.NoError(t, err)
	require.Len(t, res.Findings, 2)
	assert.Equal(t, 2, res.Findings[0].Part)
	assert.Equal(t, 3, res.Findings[1].Part)
}

type failing struct{}

func (failing) Scan(context.Context, guard.Input) ([]guard.Finding, error) {
	return nil, errors.New("detector unavailable")
}

func TestFailMode(t *testing.T) {
	for _, open := range []bool{false, true} {
		t.Run(map[bool]string{false: "closed", true: "open"}[open], func(t *testing.T) {
			opts := []guard.Option{guard.InputStages(guard.Stage{Name: "broken", Scanner: failing{}})}
			if open {
				opts = append(opts, guard.FailOpen())
			}
			g, err := guard.New(opts...)
			require.NoError(t, err)
			var called bool
			res, err := g.Call(context.Background(), guard.Prompt("hi"), func(ctx context.Context, r *guard.Request) (string, error) {
				called = true
				return "ok", nil
			})
			require.Error(t, err)
			var se *guard.StageError
			require.ErrorAs(t, err, &se)
			assert.Equal(t, "broken", se.Stage)
			require.NotNil(t, res)
			assert.Equal(t, open, called)
			if open {
				assert.Equal(t, guard.ActionAllow, res.Verdict)
				assert.Equal(t, "ok", res.Reply)
			} else {
				assert.Equal(t, guard.ActionBlock, res.Verdict)
				assert.Empty(t, res.Reply)
			}
		})
	}
}

// badScanner returns findings a buggy scanner might produce.
type badScanner struct{ f guard.Finding }

func (b badScanner) Scan(context.Context, guard.Input) ([]guard.Finding, error) {
	return []guard.Finding{b.f}, nil
}

func TestBuggyScannerIsAnErrorNotAPanic(t *testing.T) {
	for _, f := range []guard.Finding{
		{Start: -1, End: 2, Score: 1},
		{Start: 0, End: 99, Score: 1},
		{Start: 3, End: 2, Score: 1},
		{Start: 1, End: 2, Score: 1}, // splits "é"
		{Start: 0, End: 2, Score: 1.5},
	} {
		g, err := guard.New(guard.InputStages(guard.Stage{Name: "bad", Scanner: badScanner{f}}))
		require.NoError(t, err)
		res, err := g.CheckInput(context.Background(), guard.Prompt("éa"))
		require.Error(t, err)
		assert.True(t, res.Blocked())
	}
}

func TestBadInput(t *testing.T) {
	g, err := guard.New(guard.MaxBytes(16))
	require.NoError(t, err)
	ctx := context.Background()

	_, err = g.Call(ctx, guard.Prompt("ok \xff bad"), echo)
	var ee *guard.EncodingError
	require.ErrorAs(t, err, &ee)
	assert.ErrorIs(t, err, guard.ErrInvalidUTF8)
	assert.Equal(t, 3, ee.Offset)
	assert.NotContains(t, err.Error(), "ok")

	_, err = g.Call(ctx, guard.Prompt(strings.Repeat("x", 17)), echo)
	var le *guard.LimitError
	require.ErrorAs(t, err, &le)
	assert.ErrorIs(t, err, guard.ErrInputTooLarge)
	assert.Equal(t, 17, le.Size)
	assert.Equal(t, 16, le.Limit)

	_, err = g.Call(ctx, guard.Prompt("hi"), reply(strings.Repeat("y", 17)))
	assert.ErrorIs(t, err, guard.ErrInputTooLarge)

	_, err = g.Call(ctx, nil, echo)
	assert.Error(t, err)
	_, err = g.Call(ctx, guard.Prompt("hi"), nil)
	assert.ErrorIs(t, err, guard.ErrNoModel)

	cancelled, cancel := context.WithCancel(ctx)
	cancel()
	res, err := g.Call(cancelled, guard.Prompt("hi"), echo)
	assert.ErrorIs(t, err, context.Canceled)
	assert.Nil(t, res)
}

func TestModelError(t *testing.T) {
	g, err := guard.New()
	require.NoError(t, err)
	boom := errors.New("upstream 503")
	res, err := g.Call(context.Background(), guard.Prompt("hi"), func(context.Context, *guard.Request) (string, error) {
		return "", boom
	})
	assert.ErrorIs(t, err, boom)
	require.NotNil(t, res)
	assert.Empty(t, res.Reply)
}

func TestPseudonymsRestoredInReply(t *testing.T) {
	g, err := guard.New(
		guard.RestorePseudonyms(),
		guard.InputStages(guard.Stage{Scanner: emailScanner(), Sanitizer: pseudonymizer,
			Filter: guard.Threshold{Action: guard.ActionSanitize}}))
	require.NoError(t, err)
	var seen string
	res, err := g.Call(context.Background(), guard.Prompt("mail ann@corp.io, cc ann@corp.io and bo@corp.io"),
		func(_ context.Context, r *guard.Request) (string, error) {
			seen = r.Last(guard.SourceUser)
			return "Sent to <EMAIL_1> and <EMAIL_2>.", nil
		})
	require.NoError(t, err)
	assert.Equal(t, "mail <EMAIL_1>, cc <EMAIL_1> and <EMAIL_2>", seen)
	assert.Equal(t, "Sent to ann@corp.io and bo@corp.io.", res.Reply)
	assert.Equal(t, 2, res.Vault.Len())
}

func TestParallelEqualsSequential(t *testing.T) {
	stages := []guard.Stage{
		stage("email", emailScanner(), guard.ActionSanitize),
		stage("digits", newRe("digits", `[0-9]{4,12}`, 12, 0.7, guard.SeverityLow), guard.ActionSanitize),
		stage("flag", newRe("word", `(?i)secret`, 6, 0.6, guard.SeverityLow), guard.ActionFlag),
	}
	seq, err := guard.New(guard.InputStages(stages...), guard.OutputStages(stages...))
	require.NoError(t, err)
	par, err := guard.New(guard.InputStages(stages...), guard.OutputStages(stages...), guard.Parallel())
	require.NoError(t, err)
	req := &guard.Request{Messages: []guard.Message{
		{Content: "secret: call 5551234 or a@b.co"},
		{Source: guard.SourceDocument, Content: "id 99887766, x@y.org, Secret"},
	}}
	model := reply("code 1234567 to z@w.io, secret")
	for range 20 {
		a, err := seq.Call(context.Background(), req, model)
		require.NoError(t, err)
		b, err := par.Call(context.Background(), req, model)
		require.NoError(t, err)
		for i := range a.Stages {
			a.Stages[i].Duration, b.Stages[i].Duration = 0, 0
		}
		assert.Equal(t, a, b)
	}
}

func TestEventsCarryNoText(t *testing.T) {
	var events []guard.Event
	var n atomic.Int32
	g, err := guard.New(
		guard.InputStages(stage("pii", emailScanner(), guard.ActionSanitize)),
		guard.Observe(func(_ context.Context, e guard.Event) {
			n.Add(1)
			events = append(events, e)
		}))
	require.NoError(t, err)
	_, err = g.Call(context.Background(), guard.Prompt("write to ann@corp.io"), echo)
	require.NoError(t, err)
	require.Len(t, events, 2, "one stage decision and one verdict")
	assert.Equal(t, "pii", events[0].Stage)
	assert.Equal(t, guard.ActionSanitize, events[0].Action)
	require.Len(t, events[0].Findings, 1)
	assert.Len(t, events[0].Findings[0].Hash, 16)
	assert.Equal(t, "", events[1].Stage)
	assert.NotContains(t, fmtAll(events), "ann@corp.io")
	assert.NotContains(t, fmtAll(events), "ann")
}

func TestConformanceOfTestStages(t *testing.T) {
	samples := []string{"", "none", "mail ann@corp.io and bo@x.org", "日本 a@b.co ü", strings.Repeat("x@y.zz ", 20)}
	guardtest.TestScanner(t, emailScanner(), samples)
	guardtest.TestSanitizer(t, emailScanner(), redactor, samples)
}

func TestLoggerCarriesNoText(t *testing.T) {
	var buf strings.Builder
	logger := slog.New(slog.NewJSONHandler(&buf, &slog.HandlerOptions{Level: slog.LevelDebug}))
	g, err := guard.New(
		guard.InputStages(stage("pii", emailScanner(), guard.ActionSanitize), guard.Stage{Name: "broken", Scanner: failing{}}),
		guard.Logger(logger), guard.FailOpen())
	require.NoError(t, err)
	_, err = g.Call(context.Background(), guard.Prompt("write to ann@corp.io"), echo)
	require.Error(t, err)
	out := buf.String()
	assert.Contains(t, out, `"msg":"textguard decision"`)
	assert.Contains(t, out, `"msg":"textguard stage failed"`)
	assert.Contains(t, out, `"rule":"email"`)
	assert.NotContains(t, out, "ann@corp.io")
	assert.NotContains(t, out, "write to")
}
