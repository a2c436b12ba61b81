// Package openaitest runs a local OpenAI-compatible chat completions
// server for tests and examples: scripted replies as JSON or as
// server-sent events with [DONE], tool-call deltas, error bodies, dropped
// connections and malformed streams. It never touches the network beyond
// the loopback interface.
package openaitest

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"sync"
	"unicode/utf8"

	"github.com/textnlp/textguard/openai"
)

// Reply is what the server answers to one request.
type Reply struct {
	// Content is the reply text.
	Content string
	// Chunks, when set, is how a streamed reply splits Content; each
	// piece is one event. Otherwise Content goes in one event.
	Chunks []string
	// ToolCalls are calls the model asks for. Streamed, each call's
	// arguments arrive in pieces of ArgPiece bytes (default 8).
	ToolCalls []openai.ToolCall
	ArgPiece  int
	// Status, when not 0 or 200, makes the reply an error body with
	// ErrorMessage.
	Status       int
	ErrorMessage string
	// DropAfter, when positive, closes the connection after that many
	// content events, without [DONE].
	DropAfter int
	// Hang makes a streamed reply wait, after its content events, until
	// the client goes away.
	Hang bool
	// Raw, when set, is written verbatim as the body, streamed or not,
	// for replies that break the protocol.
	Raw string
}

// Server is a running test server. It is safe for concurrent use.
type Server struct {
	*httptest.Server
	reply func(*openai.ChatRequest) Reply

	mu   sync.Mutex
	reqs []openai.ChatRequest
}

// NewServer starts a server that answers each request with reply(req).
// Close it when done.
func NewServer(reply func(req *openai.ChatRequest) Reply) *Server {
	s := &Server{reply: reply}
	s.Server = httptest.NewServer(s)
	return s
}

// Script returns a reply function that gives the replies in order, and a
// 500 error once they run out.
func Script(replies ...Reply) func(*openai.ChatRequest) Reply {
	var mu sync.Mutex
	next := 0
	return func(*openai.ChatRequest) Reply {
		mu.Lock()
		defer mu.Unlock()
		if next >= len(replies) {
			return Reply{Status: http.StatusInternalServerError, ErrorMessage: "script exhausted"}
		}
		next++
		return replies[next-1]
	}
}

// BaseURL is the URL to give [openai.New].
func (s *Server) BaseURL() string { return s.URL + "/v1" }

// Requests returns the requests the server received, as it decoded them.
func (s *Server) Requests() []openai.ChatRequest {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]openai.ChatRequest(nil), s.reqs...)
}

// ServeHTTP answers POST /v1/chat/completions.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("X-Request-Id", "req-test")
	if r.Method != http.MethodPost || r.URL.Path != "/v1/chat/completions" {
		writeError(w, http.StatusNotFound, "unknown endpoint")
		return
	}
	var req openai.ChatRequest
	if err := json.NewDecoder(r.Body).Decode(&req); err != nil {
		writeError(w, http.StatusBadRequest, "request body is not a chat request")
		return
	}
	s.mu.Lock()
	s.reqs = append(s.reqs, req)
	n := len(s.reqs)
	s.mu.Unlock()
	rep := s.reply(&req)
	if rep.Status != 0 && rep.Status != http.StatusOK {
		writeError(w, rep.Status, rep.ErrorMessage)
		return
	}
	id := fmt.Sprintf("chatcmpl-%d", n)
	if req.Stream {
		stream(w, r, id, req.Model, rep)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	if rep.Raw != "" {
		_, _ = w.Write([]byte(rep.Raw))
		return
	}
	reason := "stop"
	if len(rep.ToolCalls) > 0 {
		reason = "tool_calls"
	}
	_ = json.NewEncoder(w).Encode(openai.ChatResponse{
		ID: id, Object: "chat.completion", Created: 1700000000, Model: req.Model,
		Choices: []openai.Choice{{
			Message:      openai.Message{Role: openai.RoleAssistant, Content: rep.Content, ToolCalls: rep.ToolCalls},
			FinishReason: reason,
		}},
		Usage: &openai.Usage{PromptTokens: 10, CompletionTokens: 10, TotalTokens: 20},
	})
}

func writeError(w http.ResponseWriter, status int, msg string) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(map[string]any{"error": map[string]any{
		"message": msg, "type": "invalid_request_error", "param": nil, "code": nil,
	}})
}

func stream(w http.ResponseWriter, r *http.Request, id, model string, rep Reply) {
	w.Header().Set("Content-Type", "text/event-stream")
	w.Header().Set("Cache-Control", "no-cache")
	w.WriteHeader(http.StatusOK)
	f, _ := w.(http.Flusher)
	flush := func() {
		if f != nil {
			f.Flush()
		}
	}
	if rep.Raw != "" {
		_, _ = w.Write([]byte(rep.Raw))
		return
	}
	send := func(d openai.Delta, reason any) {
		b, _ := json.Marshal(map[string]any{
			"id": id, "object": "chat.completion.chunk", "created": 1700000000, "model": model,
			"choices": []any{map[string]any{"index": 0, "delta": d, "finish_reason": reason}},
		})
		fmt.Fprintf(w, "data: %s\n\n", b)
		flush()
	}
	send(openai.Delta{Role: openai.RoleAssistant}, nil)
	chunks := rep.Chunks
	if chunks == nil && rep.Content != "" {
		chunks = []string{rep.Content}
	}
	for i, c := range chunks {
		if rep.DropAfter > 0 && i == rep.DropAfter {
			panic(http.ErrAbortHandler) // closes the connection mid-stream
		}
		send(openai.Delta{Content: c}, nil)
	}
	if rep.Hang {
		<-r.Context().Done()
		return
	}
	piece := rep.ArgPiece
	if piece <= 0 {
		piece = 8
	}
	for i, tc := range rep.ToolCalls {
		send(openai.Delta{ToolCalls: []openai.ToolCallDelta{{
			Index: i, ID: tc.ID, Type: "function",
			Function: openai.FunctionCall{Name: tc.Function.Name},
		}}}, nil)
		args := tc.Function.Arguments
		for len(args) > 0 {
			n := min(piece, len(args))
			for n < len(args) && !utf8.RuneStart(args[n]) {
				n++
			}
			send(openai.Delta{ToolCalls: []openai.ToolCallDelta{{
				Index: i, Function: openai.FunctionCall{Arguments: args[:n]},
			}}}, nil)
			args = args[n:]
		}
	}
	reason := "stop"
	if len(rep.ToolCalls) > 0 {
		reason = "tool_calls"
	}
	send(openai.Delta{}, reason)
	fmt.Fprint(w, "data: [DONE]\n\n")
	flush()
}
