package openai

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"

	"github.com/textnlp/textguard/guard"
)

// RequestIDHeader is the header that carries a request's id. The
// [Middleware] keeps the id a client sent and makes one up otherwise.
const RequestIDHeader = "X-Request-Id"

// Error codes the [Middleware] puts in the error bodies it writes.
const (
	CodeBlocked     = "content_blocked"
	CodeTooLarge    = "request_too_large"
	CodeBadRequest  = "invalid_request"
	CodeGuardFailed = "guard_error"
	CodeUpstream    = "upstream_error"
)

// Middleware guards an OpenAI-compatible server, next, for hosts that run
// a gateway in front of a model server. On POST requests to a path ending
// in /chat/completions it reads the body (up to the [MaxBytes] limit),
// runs g's input stages on the messages, and passes next a body with the
// sanitized messages; other requests pass through untouched. It runs the
// output stages on next's reply, JSON or a stream of events, rewriting
// content and tool calls as [Guarded] does; a stream's content is released
// as the guard allows, event by event.
//
// When the guard blocks a request, or a JSON reply, the client gets HTTP
// 403 and an error body in the protocol's shape with code
// [CodeBlocked] and the request id; malformed requests get 400 and bodies
// over the limit 413. A stream blocked part-way, whose status is already
// sent, ends with an error event instead of [DONE]. Error replies of next
// (non-2xx) pass through unchanged. The handler never logs and never puts
// inspected text in the errors it writes.
//
// Bodies the guard does not change pass on byte for byte. A rewritten
// request keeps its unknown top-level fields but drops fields of a message
// that [Message] does not model; a rewritten JSON reply keeps only the
// fields of [ChatResponse]. The request's "n" must be at most 1. The handler is safe for
// concurrent use; the only failing options are invalid limits.
func Middleware(g *guard.Guard, next http.Handler, opts ...Option) (http.Handler, error) {
	if g == nil || next == nil {
		return nil, errors.New("openai: middleware needs a guard and a handler")
	}
	s, err := newSettings(opts)
	if err != nil {
		return nil, err
	}
	return &middleware{g: g, next: next, limit: s.maxBytes}, nil
}

type middleware struct {
	g     *guard.Guard
	next  http.Handler
	limit int
}

func (m *middleware) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	rid := r.Header.Get(RequestIDHeader)
	if rid == "" || len(rid) > 128 {
		rid = newRequestID()
	}
	w.Header().Set(RequestIDHeader, rid)
	if r.Method != http.MethodPost || !strings.HasSuffix(r.URL.Path, "/chat/completions") {
		m.next.ServeHTTP(w, r)
		return
	}
	fail := func(status int, code, msg string) { writeErrorBody(w, status, rid, code, msg) }
	body, err := readLimited(r.Body, m.limit)
	if errors.Is(err, ErrTooLarge) {
		fail(http.StatusRequestEntityTooLarge, CodeTooLarge, "request body too large")
		return
	}
	if err != nil {
		fail(http.StatusBadRequest, CodeBadRequest, "request body could not be read")
		return
	}
	var req ChatRequest
	if json.Unmarshal(body, &req) != nil {
		fail(http.StatusBadRequest, CodeBadRequest, "request body is not a chat completions request")
		return
	}
	if req.N > 1 {
		fail(http.StatusBadRequest, CodeBadRequest, "n must be at most 1")
		return
	}
	gr, err := GuardRequest(&req)
	if err != nil {
		fail(http.StatusBadRequest, CodeBadRequest, "unknown message role")
		return
	}
	ctx := r.Context()
	in, err := m.g.CheckInput(ctx, gr)
	switch {
	case in == nil && errors.Is(err, guard.ErrInputTooLarge):
		fail(http.StatusRequestEntityTooLarge, CodeTooLarge, "message too large")
		return
	case in == nil && errors.Is(err, guard.ErrInvalidUTF8):
		fail(http.StatusBadRequest, CodeBadRequest, "message is not valid UTF-8")
		return
	case in == nil:
		fail(http.StatusInternalServerError, CodeGuardFailed, "request could not be checked")
		return
	case in.Blocked():
		fail(http.StatusForbidden, CodeBlocked, "request blocked by content policy")
		return
	}
	if body, err = rewriteRequest(body, &req, in); err != nil {
		fail(http.StatusInternalServerError, CodeGuardFailed, "request could not be rewritten")
		return
	}
	r2 := r.Clone(ctx)
	r2.Body = io.NopCloser(bytes.NewReader(body))
	r2.ContentLength = int64(len(body))
	r2.Header.Set("Content-Length", strconv.Itoa(len(body)))
	// The reply must arrive as plain text for the output stages to read.
	r2.Header.Del("Accept-Encoding")
	r2.Header.Set(RequestIDHeader, rid)
	gw := &guardWriter{w: w, ctx: ctx, m: m, in: in, rid: rid}
	m.next.ServeHTTP(gw, r2)
	gw.finish()
}

// rewriteRequest returns body with the sanitized messages, or body itself
// when the guard changed none, which saves encoding it again. Fields the
// package does not model are kept.
func rewriteRequest(body []byte, req *ChatRequest, in *guard.Result) ([]byte, error) {
	if !changed(req, in) {
		return body, nil
	}
	var raw map[string]json.RawMessage
	if err := json.Unmarshal(body, &raw); err != nil {
		return nil, err
	}
	msgs, err := json.Marshal(sanitized(req, in).Messages)
	if err != nil {
		return nil, err
	}
	raw["messages"] = msgs
	return json.Marshal(raw)
}

// changed reports whether the input stages changed any text of req.
func changed(req *ChatRequest, in *guard.Result) bool {
	gr, err := GuardRequest(req)
	if err != nil || len(gr.Messages) != len(in.Request.Messages) {
		return true
	}
	for i := range gr.Messages {
		if gr.Messages[i].Content != in.Request.Messages[i].Content {
			return true
		}
	}
	return false
}

func newRequestID() string {
	var b [12]byte
	_, _ = rand.Read(b[:])
	return "req-" + hex.EncodeToString(b[:])
}

func writeErrorBody(w http.ResponseWriter, status int, rid, code, msg string) {
	h := w.Header()
	h.Set(RequestIDHeader, rid)
	h.Del("Content-Length")
	h.Del("Content-Encoding")
	h.Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(errorBody{Error: errorDetail(rid, code, msg)})
}

func errorDetail(rid, code, msg string) *ErrorDetail {
	typ := "invalid_request_error"
	if code == CodeGuardFailed || code == CodeUpstream {
		typ = "server_error"
	}
	return &ErrorDetail{Message: msg, Type: typ, Code: code, RequestID: rid}
}

// Modes of a guardWriter, decided by the reply's status and content type.
const (
	modeNone = iota
	modeJSON
	modeSSE
	modePass
	modeEncoded
)

var errStopped = errors.New("openai: reply stopped by the guard")

// guardWriter sits between next and the client. A JSON reply is buffered
// and checked whole; an event stream is decoded, guarded and re-encoded
// as it is written.
type guardWriter struct {
	w   http.ResponseWriter
	ctx context.Context // the request's; the writer lives only as long as it
	m   *middleware
	in  *guard.Result
	rid string

	status  int
	mode    int
	buf     []byte
	over    bool
	dec     sseDecoder
	sg      *streamGuard
	done    bool
	stopped bool
}

func (gw *guardWriter) Header() http.Header { return gw.w.Header() }

func (gw *guardWriter) WriteHeader(code int) {
	if gw.mode != modeNone {
		return
	}
	gw.status = code
	h := gw.w.Header()
	h.Set(RequestIDHeader, gw.rid) // ours, even if next set its own
	enc := h.Get("Content-Encoding")
	switch {
	case code/100 != 2:
		gw.mode = modePass
		gw.w.WriteHeader(code)
	case enc != "" && enc != "identity":
		gw.mode = modeEncoded
	case strings.HasPrefix(h.Get("Content-Type"), "text/event-stream"):
		gw.mode = modeSSE
		gw.dec.max = gw.m.limit
		gw.sg = newStreamGuard(gw.m.g, gw.in, gw.m.limit)
		h.Del("Content-Length")
		gw.w.WriteHeader(code)
	default:
		gw.mode = modeJSON
	}
}

func (gw *guardWriter) Write(p []byte) (int, error) {
	if gw.mode == modeNone {
		gw.WriteHeader(http.StatusOK)
	}
	switch gw.mode {
	case modePass:
		return gw.w.Write(p)
	case modeJSON:
		if len(gw.buf)+len(p) > gw.m.limit {
			gw.over = true
			return 0, errStopped
		}
		gw.buf = append(gw.buf, p...)
	case modeSSE:
		if gw.stopped {
			return 0, errStopped
		}
		gw.dec.feed(p)
		gw.drain()
		if gw.stopped {
			return 0, errStopped
		}
	}
	return len(p), nil
}

// Flush passes flushes on for a stream, which is flushed after each event
// anyway, and ignores them for a JSON reply, which is held until checked.
func (gw *guardWriter) Flush() {
	if gw.mode == modeSSE || gw.mode == modePass {
		if f, ok := gw.w.(http.Flusher); ok {
			f.Flush()
		}
	}
}

func (gw *guardWriter) drain() {
	var b bytes.Buffer
	defer func() {
		if b.Len() > 0 {
			_, _ = gw.w.Write(b.Bytes())
			if f, ok := gw.w.(http.Flusher); ok {
				f.Flush()
			}
		}
	}()
	for !gw.stopped {
		data, ok, err := gw.dec.next()
		if err != nil {
			gw.stop(&b, err)
			return
		}
		if !ok {
			return
		}
		if gw.done {
			continue // nothing may follow [DONE]; drop what a server sends anyway
		}
		if data == "[DONE]" {
			out, err := gw.sg.end(gw.ctx)
			writeChunks(&b, out)
			if err != nil && !stageOnly(err) {
				gw.stop(&b, err)
				return
			}
			b.WriteString("data: [DONE]\n\n")
			gw.done = true
			continue
		}
		ch, err := decodeChunk([]byte(data))
		var apiErr *APIError
		if errors.As(err, &apiErr) {
			fmt.Fprintf(&b, "data: %s\n\n", data) // the server's own error event
			continue
		}
		if err != nil {
			gw.stop(&b, err)
			return
		}
		out, err := gw.sg.push(gw.ctx, ch)
		if len(out) == 1 && unchanged(ch, out[0]) {
			fmt.Fprintf(&b, "data: %s\n\n", data) // as the server wrote it, saving an encode
		} else {
			writeChunks(&b, out)
		}
		if err != nil && !stageOnly(err) {
			gw.stop(&b, err)
			return
		}
	}
}

func writeChunks(b *bytes.Buffer, chunks []Chunk) {
	for _, c := range chunks {
		j, _ := json.Marshal(c)
		b.WriteString("data: ")
		b.Write(j)
		b.WriteString("\n\n")
	}
}

// stop ends a stream with an error event; the status is already sent.
func (gw *guardWriter) stop(b *bytes.Buffer, err error) {
	gw.stopped = true
	code, msg := CodeGuardFailed, "response could not be checked"
	switch {
	case errors.Is(err, guard.ErrBlocked):
		code, msg = CodeBlocked, "response blocked by content policy"
	case errors.Is(err, ErrMalformed), errors.Is(err, ErrTooLarge):
		code, msg = CodeUpstream, "upstream stream malformed or too large"
	}
	j, _ := json.Marshal(errorBody{Error: errorDetail(gw.rid, code, msg)})
	fmt.Fprintf(b, "data: %s\n\n", j)
}

func (gw *guardWriter) finish() {
	switch gw.mode {
	case modeNone:
		gw.WriteHeader(http.StatusOK)
		if gw.mode == modeJSON {
			gw.finishJSON()
		}
	case modeJSON:
		gw.finishJSON()
	case modeSSE:
		if !gw.stopped && !gw.done {
			// The server ended without [DONE]: release what the guard
			// allows and leave the stream unterminated, as it came.
			var b bytes.Buffer
			out, err := gw.sg.end(gw.ctx)
			writeChunks(&b, out)
			if err != nil && !stageOnly(err) {
				gw.stop(&b, err)
			}
			_, _ = gw.w.Write(b.Bytes())
		}
	case modeEncoded:
		writeErrorBody(gw.w, http.StatusBadGateway, gw.rid, CodeUpstream, "upstream reply is compressed")
	}
}

func (gw *guardWriter) finishJSON() {
	bad := func(msg string) { writeErrorBody(gw.w, http.StatusBadGateway, gw.rid, CodeUpstream, msg) }
	if gw.over {
		bad("upstream reply too large")
		return
	}
	var resp ChatResponse
	if json.Unmarshal(gw.buf, &resp) != nil {
		bad("upstream reply is not a chat completion")
		return
	}
	before := replyText(&resp)
	res, _ := guardResponse(gw.ctx, gw.m.g, gw.in, &resp)
	switch {
	case res == nil:
		writeErrorBody(gw.w, http.StatusInternalServerError, gw.rid, CodeGuardFailed, "response could not be checked")
		return
	case res.Blocked():
		writeErrorBody(gw.w, http.StatusForbidden, gw.rid, CodeBlocked, "response blocked by content policy")
		return
	}
	body := gw.buf // unchanged replies go out as the server wrote them
	if replyText(&resp) != before {
		var err error
		if body, err = json.Marshal(&resp); err != nil {
			bad("upstream reply could not be rewritten")
			return
		}
	}
	h := gw.w.Header()
	h.Set("Content-Type", "application/json")
	h.Set("Content-Length", strconv.Itoa(len(body)))
	gw.w.WriteHeader(gw.status)
	_, _ = gw.w.Write(body)
}

// stageOnly reports whether err consists of stage errors alone. Those come
// with a verdict that already follows the host's fail mode (a block when
// failing closed), so a stream that was not blocked goes on.
func stageOnly(err error) bool {
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		for _, e := range j.Unwrap() {
			if !stageOnly(e) {
				return false
			}
		}
		return true
	}
	var se *guard.StageError
	return errors.As(err, &se)
}

// replyText joins what the guard may rewrite in a reply, to tell whether
// it did.
func replyText(resp *ChatResponse) string {
	if len(resp.Choices) == 0 {
		return ""
	}
	m := &resp.Choices[0].Message
	if len(m.ToolCalls) == 0 && m.Parts == nil {
		return m.Content
	}
	var b strings.Builder
	b.WriteString(m.Content)
	for _, p := range m.Parts {
		b.WriteByte(0)
		b.WriteString(p.Text)
	}
	for _, c := range m.ToolCalls {
		b.WriteByte(0)
		b.WriteString(c.Function.Arguments)
	}
	return b.String()
}

// unchanged reports whether the guard passed chunk in on as it came.
func unchanged(in, out Chunk) bool {
	if len(in.Choices) != 1 || len(out.Choices) != 1 || in.Usage != nil {
		return false
	}
	a, b := in.Choices[0], out.Choices[0]
	return len(a.Delta.ToolCalls) == 0 && a.Delta.Content == b.Delta.Content &&
		a.Delta.Role == b.Delta.Role && a.FinishReason == b.FinishReason
}
