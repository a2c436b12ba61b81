package openai_test

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/textnlp/textguard/guard"
	"github.com/textnlp/textguard/openai"
)

const benchRequest = `{"model":"m","messages":[{"role":"system","content":"Be brief."},` +
	`{"role":"user","content":"What is the boiling point of water at sea level?"}]}`

const benchReply = `{"id":"c1","object":"chat.completion","created":1,"model":"m","choices":[{"index":0,` +
	`"message":{"role":"assistant","content":"Water boils at 100 degrees Celsius at sea level."},` +
	`"finish_reason":"stop"}],"usage":{"prompt_tokens":9,"completion_tokens":12,"total_tokens":21}}`

// benchStream is a streamed reply of 50 content events.
var benchStream = func() string {
	var b strings.Builder
	b.WriteString(`data: {"id":"c1","object":"chat.completion.chunk","created":1,"model":"m",` +
		`"choices":[{"index":0,"delta":{"role":"assistant"},"finish_reason":null}]}` + "\n\n")
	for i := range 50 {
		fmt.Fprintf(&b, `data: {"id":"c1","object":"chat.completion.chunk","created":1,"model":"m",`+
			`"choices":[{"index":0,"delta":{"content":"word%02d "},"finish_reason":null}]}`+"\n\n", i)
	}
	b.WriteString(`data: {"id":"c1","object":"chat.completion.chunk","created":1,"model":"m",` +
		`"choices":[{"index":0,"delta":{},"finish_reason":"stop"}]}` + "\n\ndata: [DONE]\n\n")
	return b.String()
}()

func fixed(contentType, body string) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.Copy(io.Discard, r.Body)
		w.Header().Set("Content-Type", contentType)
		_, _ = io.WriteString(w, body)
	})
}

// BenchmarkMiddleware measures what the middleware adds to a request
// beyond the guard's stages: the guard here has none, so the difference
// between "bare" and "guarded" is the middleware's own cost (reading and
// rewriting the bodies, the request id, the stream re-encoding).
func BenchmarkMiddleware(b *testing.B) {
	g, err := guard.New()
	if err != nil {
		b.Fatal(err)
	}
	for _, tc := range []struct{ name, ct, body string }{
		{"json", "application/json", benchReply},
		{"stream50", "text/event-stream", benchStream},
	} {
		next := fixed(tc.ct, tc.body)
		mw, err := openai.Middleware(g, next)
		if err != nil {
			b.Fatal(err)
		}
		for _, h := range []struct {
			name string
			h    http.Handler
		}{{"bare", next}, {"guarded", mw}} {
			b.Run(tc.name+"/"+h.name, func(b *testing.B) {
				b.ReportAllocs()
				for b.Loop() {
					req := httptest.NewRequest(http.MethodPost, "/v1/chat/completions", strings.NewReader(benchRequest))
					w := httptest.NewRecorder()
					h.h.ServeHTTP(w, req)
					if w.Code != http.StatusOK {
						b.Fatal(w.Code)
					}
				}
			})
		}
	}
}

// BenchmarkGuardCalls is the cost of the guard's own calls for the
// request and reply of BenchmarkMiddleware, with no stages; subtract it
// from the middleware's overhead to get what the middleware adds.
func BenchmarkGuardCalls(b *testing.B) {
	g, err := guard.New()
	if err != nil {
		b.Fatal(err)
	}
	req := &openai.ChatRequest{Model: "m", Messages: []openai.Message{
		{Role: "system", Content: "Be brief."},
		{Role: "user", Content: "What is the boiling point of water at sea level?"},
	}}
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		gr, err := openai.GuardRequest(req)
		if err != nil {
			b.Fatal(err)
		}
		in, err := g.CheckInput(ctx, gr)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := g.CheckOutput(ctx, in, "Water boils at 100 degrees Celsius at sea level."); err != nil {
			b.Fatal(err)
		}
	}
}

// replay answers every request with a canned body, without a network.
type replay struct{ ct, body string }

func (r replay) RoundTrip(req *http.Request) (*http.Response, error) {
	_, _ = io.Copy(io.Discard, req.Body)
	return &http.Response{StatusCode: 200, Header: http.Header{"Content-Type": {r.ct}},
		Body: io.NopCloser(strings.NewReader(r.body)), Request: req}, nil
}

// BenchmarkClientStream compares a plain streamed call with a guarded one
// whose guard has no stages: the difference is the guarded client's own
// cost per 50-event stream.
func BenchmarkClientStream(b *testing.B) {
	g, err := guard.New()
	if err != nil {
		b.Fatal(err)
	}
	c, err := openai.New("http://model.invalid/v1",
		openai.HTTPClient(&http.Client{Transport: replay{"text/event-stream", benchStream}}))
	if err != nil {
		b.Fatal(err)
	}
	gc := openai.NewGuarded(c, g)
	req := &openai.ChatRequest{Model: "m", Messages: []openai.Message{{Role: "user", Content: "Hi"}}}
	ctx := context.Background()
	b.Run("bare", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			for _, err := range c.Stream(ctx, req) {
				if err != nil {
					b.Fatal(err)
				}
			}
		}
	})
	b.Run("guarded", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			for _, err := range gc.Stream(req).Chunks(ctx) {
				if err != nil {
					b.Fatal(err)
				}
			}
		}
	})
}

// BenchmarkGuardedChatSecrets is a guarded call with the test guard's real
// stages, for scale.
func BenchmarkGuardedChatSecrets(b *testing.B) {
	g := newGuard(b)
	c, err := openai.New("http://model.invalid/v1",
		openai.HTTPClient(&http.Client{Transport: replay{"application/json", benchReply}}))
	if err != nil {
		b.Fatal(err)
	}
	gc := openai.NewGuarded(c, g)
	req := userRequest("What is the boiling point of water at sea level?")
	b.ReportAllocs()
	for b.Loop() {
		if _, _, err := gc.Chat(context.Background(), req); err != nil {
			b.Fatal(err)
		}
	}
}
