package openai_test

import (
	"context"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/textnlp/textguard/guard"
	"github.com/textnlp/textguard/openai"
	"github.com/textnlp/textguard/openai/openaitest"
)

// TestStreamReleasesBeforeEnd checks that neither the guarded client nor
// the middleware adds hold-back of its own: while the server waits, after
// its last content event, the caller already has everything but the
// guard's window.
func TestStreamReleasesBeforeEnd(t *testing.T) {
	phrases, err := guard.NewSubstrings([]guard.Substring{{ID: "x", Literals: []string{"forbidden phrase"}}})
	require.NoError(t, err)
	windowed, err := guard.New(guard.OutputStages(guard.Stage{Scanner: phrases,
		Filter: guard.Threshold{Score: 0.5, Action: guard.ActionBlock}}))
	require.NoError(t, err)
	bare, err := guard.New()
	require.NoError(t, err)
	chunks := make([]string, 20)
	for i := range chunks {
		chunks[i] = "sentence number " + strings.Repeat("i", i) + ". "
	}
	total := len(strings.Join(chunks, ""))
	for _, tc := range []struct {
		name string
		g    *guard.Guard
	}{{"no stages", bare}, {"windowed stage", windowed}} {
		for _, via := range []string{"client", "middleware"} {
			t.Run(tc.name+"/"+via, func(t *testing.T) {
				srv := newServer(t, openaitest.Script(openaitest.Reply{Chunks: chunks, Hang: true}))
				url := srv.BaseURL()
				var seq func(context.Context) func(func(openai.Chunk, error) bool)
				if via == "middleware" {
					h, err := openai.Middleware(tc.g, srv)
					require.NoError(t, err)
					gw := httptest.NewServer(h)
					t.Cleanup(gw.Close)
					c, err := openai.New(gw.URL + "/v1")
					require.NoError(t, err)
					seq = func(ctx context.Context) func(func(openai.Chunk, error) bool) {
						return c.Stream(ctx, userRequest("hi"))
					}
				} else {
					c, err := openai.New(url)
					require.NoError(t, err)
					gc := openai.NewGuarded(c, tc.g)
					seq = func(ctx context.Context) func(func(openai.Chunk, error) bool) {
						return gc.Stream(userRequest("hi")).Chunks(ctx)
					}
				}
				ctx, cancel := context.WithCancel(context.Background())
				defer cancel()
				got := 0
				for ch, err := range seq(ctx) {
					if err != nil {
						break
					}
					for _, c := range ch.Choices {
						got += len(c.Delta.Content)
					}
					if got >= total-tc.g.Window() {
						cancel() // everything owed has arrived while the server still waits
					}
				}
				assert.GreaterOrEqual(t, got, total-tc.g.Window())
			})
		}
	}
}
