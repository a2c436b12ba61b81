package openai_test

import (
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/textnlp/textguard/guard"
	"github.com/textnlp/textguard/openai"
	"github.com/textnlp/textguard/openai/openaitest"
	"github.com/textnlp/textguard/pii"
	"github.com/textnlp/textguard/pii/anonymize"
	"github.com/textnlp/textguard/pii/secrets"
)

// secret is a credential the secrets detector recognises.
var secret = "ghp_R8x2Kq9LmZ4vT7bN1cW5yH3jD6fG0sA2pQ8e"

var (
	guardOnce sync.Once
	testGuard *guard.Guard
	guardErr  error
)

// newGuard builds the guard the tests share: names pseudonymised and
// restored, secrets redacted both ways, a few injection phrases blocked in
// untrusted input and in replies.
func newGuard(t testing.TB) *guard.Guard {
	t.Helper()
	guardOnce.Do(func() { testGuard, guardErr = buildGuard() })
	require.NoError(t, guardErr)
	return testGuard
}

func buildGuard() (*guard.Guard, error) {
	people, err := pii.New(pii.Names())
	if err != nil {
		return nil, err
	}
	keys, err := secrets.New()
	if err != nil {
		return nil, err
	}
	pseudonyms, err := anonymize.New(anonymize.Default(anonymize.Pseudonym()))
	if err != nil {
		return nil, err
	}
	redact, err := anonymize.New(anonymize.Default(anonymize.Tag()))
	if err != nil {
		return nil, err
	}
	attacks, err := guard.NewSubstrings([]guard.Substring{{
		ID: "injection.override", Category: "injection",
		Literals: []string{"ignore all previous instructions", "disregard your previous rules"},
	}})
	if err != nil {
		return nil, err
	}
	block := guard.Threshold{Score: 0.5, Action: guard.ActionBlock}
	clean := guard.Threshold{Score: 0.5, Action: guard.ActionSanitize}
	return guard.New(
		guard.RestorePseudonyms(),
		guard.InputStages(
			guard.Stage{Name: "injection", Scanner: attacks, Sources: guard.UntrustedSources(), Filter: block},
			guard.Stage{Name: "secrets", Scanner: keys, Sanitizer: redact, Filter: clean},
			guard.Stage{
				Name: "pii", Scanner: people, Sanitizer: pseudonyms, Filter: clean,
				Sources: []guard.Source{guard.SourceUser, guard.SourceDocument, guard.SourceTool},
			},
		),
		guard.OutputStages(
			guard.Stage{Name: "injection", Scanner: attacks, Filter: block},
			guard.Stage{Name: "secrets", Scanner: keys, Sanitizer: redact, Filter: clean},
		),
	)
}

func newServer(t testing.TB, reply func(*openai.ChatRequest) openaitest.Reply) *openaitest.Server {
	t.Helper()
	s := openaitest.NewServer(reply)
	t.Cleanup(s.Close)
	return s
}

func newClient(t testing.TB, s *openaitest.Server, opts ...openai.Option) *openai.Client {
	t.Helper()
	c, err := openai.New(s.BaseURL(), opts...)
	require.NoError(t, err)
	return c
}

func userRequest(text string) *openai.ChatRequest {
	return &openai.ChatRequest{Model: "test-model", Messages: []openai.Message{
		{Role: openai.RoleSystem, Content: "You are a helpful assistant."},
		{Role: openai.RoleUser, Content: text},
	}}
}

// echo answers with the last user message, as a model that repeats names
// back does.
func echo(req *openai.ChatRequest) openaitest.Reply {
	last := req.Messages[len(req.Messages)-1].Content
	return openaitest.Reply{Content: "You said: " + last}
}

// collect drains a guarded stream into its text, its tool calls and the
// error that ended it.
func collect(seq func(func(openai.Chunk, error) bool)) (string, []openai.ToolCallDelta, error) {
	var b strings.Builder
	var calls []openai.ToolCallDelta
	for ch, err := range seq {
		if err != nil {
			return b.String(), calls, err
		}
		for _, c := range ch.Choices {
			b.WriteString(c.Delta.Content)
			calls = append(calls, c.Delta.ToolCalls...)
		}
	}
	return b.String(), calls, nil
}
