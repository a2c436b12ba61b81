package openai_test

import (
	"context"
	"errors"
	"net/http/httptest"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/textnlp/textguard/guard"
	"github.com/textnlp/textguard/openai"
	"github.com/textnlp/textguard/openai/openaitest"
)

// TestStageErrors checks that a failing output stage follows the host's
// fail mode: a stream goes on when failing open and is cut when failing
// closed, through the client and through the middleware.
func TestStageErrors(t *testing.T) {
	broken := guard.ScannerFunc(func(context.Context, guard.Input) ([]guard.Finding, error) {
		return nil, errors.New("detector unavailable")
	})
	stage := guard.OutputStages(guard.Stage{Name: "broken", Scanner: broken,
		Filter: guard.Threshold{Score: 0.5, Action: guard.ActionBlock}})
	open, err := guard.New(stage, guard.FailOpen())
	require.NoError(t, err)
	closed, err := guard.New(stage)
	require.NoError(t, err)
	for _, tc := range []struct {
		name    string
		g       *guard.Guard
		blocked bool
	}{{"fail open", open, false}, {"fail closed", closed, true}} {
		t.Run(tc.name+"/client", func(t *testing.T) {
			srv := newServer(t, openaitest.Script(openaitest.Reply{Chunks: []string{"a", "b"}}))
			gc := openai.NewGuarded(newClient(t, srv), tc.g)
			var text string
			res, err := gc.ChatStream(context.Background(), userRequest("hi"), func(c openai.Chunk) error {
				for _, ch := range c.Choices {
					text += ch.Delta.Content
				}
				return nil
			})
			require.NotNil(t, res)
			assert.Equal(t, tc.blocked, res.Blocked())
			if tc.blocked {
				assert.Empty(t, text)
				return
			}
			var se *guard.StageError
			assert.ErrorAs(t, err, &se)
			assert.Equal(t, "ab", text)
		})
		t.Run(tc.name+"/middleware", func(t *testing.T) {
			srv := newServer(t, openaitest.Script(openaitest.Reply{Chunks: []string{"a", "b"}}))
			h, err := openai.Middleware(tc.g, srv)
			require.NoError(t, err)
			gw := httptest.NewServer(h)
			t.Cleanup(gw.Close)
			c, err := openai.New(gw.URL + "/v1")
			require.NoError(t, err)
			text, _, err := collect(c.Stream(context.Background(), userRequest("hi")))
			if tc.blocked {
				var e *openai.APIError
				require.ErrorAs(t, err, &e)
				assert.Equal(t, openai.CodeBlocked, e.Code)
				assert.Empty(t, text)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, "ab", text)
		})
	}
}

// TestInputStageErrors checks the fail mode on the way in: failing open,
// the call goes ahead and the stage error comes at the end; failing
// closed, the server is never called.
func TestInputStageErrors(t *testing.T) {
	broken := guard.ScannerFunc(func(context.Context, guard.Input) ([]guard.Finding, error) {
		return nil, errors.New("detector unavailable")
	})
	stage := guard.InputStages(guard.Stage{Name: "broken", Scanner: broken,
		Filter: guard.Threshold{Score: 0.5, Action: guard.ActionBlock}})
	open, err := guard.New(stage, guard.FailOpen())
	require.NoError(t, err)
	closed, err := guard.New(stage)
	require.NoError(t, err)
	for _, tc := range []struct {
		name    string
		g       *guard.Guard
		blocked bool
	}{{"fail open", open, false}, {"fail closed", closed, true}} {
		t.Run(tc.name, func(t *testing.T) {
			srv := newServer(t, openaitest.Script(openaitest.Reply{Chunks: []string{"a", "b"}},
				openaitest.Reply{Content: "c"}))
			gc := openai.NewGuarded(newClient(t, srv), tc.g)
			st := gc.Stream(userRequest("hi"))
			text, _, err := collect(st.Chunks(context.Background()))
			var se *guard.StageError
			require.ErrorAs(t, err, &se)
			assert.Equal(t, tc.blocked, errors.Is(err, guard.ErrBlocked))
			assert.Equal(t, tc.blocked, st.Result().Blocked())
			resp, res, err := gc.Chat(context.Background(), userRequest("hi"))
			require.ErrorAs(t, err, &se)
			assert.Equal(t, tc.blocked, res.Blocked())
			if tc.blocked {
				assert.Empty(t, text)
				assert.Nil(t, resp)
				assert.Empty(t, srv.Requests())
				return
			}
			assert.Equal(t, "ab", text)
			assert.Equal(t, "c", resp.Choices[0].Message.Content)
		})
	}
}
