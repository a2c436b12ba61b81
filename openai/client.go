package openai

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"iter"
	"net/http"
	"strings"
)

// DefaultMaxBytes is the default limit on a reply body that is not
// streamed, on one event of a stream, and on a request body the
// [Middleware] reads.
const DefaultMaxBytes = 8 << 20

// ErrTooLarge reports a body or an event over the configured limit; the
// error is a [*LimitError].
var ErrTooLarge = errors.New("openai: body too large")

// ErrMalformed reports a reply that does not follow the protocol: a body
// that is not JSON, an event stream with a line that is not an event
// field, or a stream that ends without [DONE].
var ErrMalformed = errors.New("openai: malformed reply")

// LimitError reports a body or event larger than the limit.
type LimitError struct {
	Limit int
}

// Error names the limit, never the body.
func (e *LimitError) Error() string {
	return fmt.Sprintf("openai: body or event over the limit of %d bytes", e.Limit)
}

// Is makes [errors.Is] match [ErrTooLarge].
func (e *LimitError) Is(target error) bool { return target == ErrTooLarge }

// APIError is a reply with a non-2xx status, or an error event in a stream
// (Status 0). Message is the server's own message, as it sent it.
type APIError struct {
	Status    int
	Message   string
	Type      string
	Code      string
	RequestID string
}

// Error gives the status and the server's message.
func (e *APIError) Error() string {
	if e.Status == 0 {
		return fmt.Sprintf("openai: error event: %s", e.Message)
	}
	return fmt.Sprintf("openai: status %d: %s", e.Status, e.Message)
}

// Option configures a [Client] or a [Middleware].
type Option func(*settings) error

type settings struct {
	hc       *http.Client
	key      string
	maxBytes int
}

// HTTPClient sets the HTTP client the [Client] sends requests with;
// http.DefaultClient otherwise.
func HTTPClient(c *http.Client) Option {
	return func(s *settings) error {
		if c == nil {
			return errors.New("openai: nil HTTP client")
		}
		s.hc = c
		return nil
	}
}

// APIKey sets the bearer token the [Client] sends. Local servers often
// need none.
func APIKey(key string) Option {
	return func(s *settings) error {
		s.key = key
		return nil
	}
}

// MaxBytes sets the limit on a reply body, on one event of a stream and,
// for the [Middleware], on a request body; [DefaultMaxBytes] otherwise.
func MaxBytes(n int) Option {
	return func(s *settings) error {
		if n <= 0 {
			return fmt.Errorf("openai: limit must be positive, got %d", n)
		}
		s.maxBytes = n
		return nil
	}
}

func newSettings(opts []Option) (settings, error) {
	s := settings{hc: http.DefaultClient, maxBytes: DefaultMaxBytes}
	for _, o := range opts {
		if err := o(&s); err != nil {
			return s, err
		}
	}
	return s, nil
}

// Client calls an OpenAI-compatible chat completions endpoint: OpenAI
// itself, vLLM, llama.cpp, Ollama, LocalAI. It is safe for concurrent use.
type Client struct {
	url string
	settings
}

// New returns a client for the API at baseURL, the prefix before
// /chat/completions (for example "http://localhost:8000/v1").
func New(baseURL string, opts ...Option) (*Client, error) {
	if !strings.HasPrefix(baseURL, "http://") && !strings.HasPrefix(baseURL, "https://") {
		return nil, errors.New("openai: base URL must start with http:// or https://")
	}
	s, err := newSettings(opts)
	if err != nil {
		return nil, err
	}
	return &Client{url: strings.TrimSuffix(baseURL, "/") + "/chat/completions", settings: s}, nil
}

// Chat sends req without streaming and returns the reply.
func (c *Client) Chat(ctx context.Context, req *ChatRequest) (*ChatResponse, error) {
	r := *req
	r.Stream = false
	resp, err := c.send(ctx, &r)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	body, err := readLimited(resp.Body, c.maxBytes)
	if err != nil {
		return nil, ctxErr(ctx, err)
	}
	var out ChatResponse
	if err := json.Unmarshal(body, &out); err != nil {
		return nil, fmt.Errorf("%w: reply body is not a chat completion", ErrMalformed)
	}
	if len(out.Choices) == 0 {
		// Some servers report errors with status 200.
		if d := parseError(body); d != nil {
			return nil, &APIError{Status: resp.StatusCode, Message: d.Message, Type: d.Type,
				Code: d.Code, RequestID: d.RequestID}
		}
	}
	return &out, nil
}

// Stream sends req with streaming on and yields the reply's chunks as they
// arrive. An error ends the iteration; stopping the iteration early closes
// the connection.
func (c *Client) Stream(ctx context.Context, req *ChatRequest) iter.Seq2[Chunk, error] {
	return func(yield func(Chunk, error) bool) {
		r := *req
		r.Stream = true
		resp, err := c.send(ctx, &r)
		if err != nil {
			yield(Chunk{}, err)
			return
		}
		defer resp.Body.Close()
		for ch, err := range readEvents(resp.Body, c.maxBytes) {
			if err != nil {
				yield(Chunk{}, ctxErr(ctx, err))
				return
			}
			if !yield(ch, nil) {
				return
			}
		}
	}
}

func (c *Client) send(ctx context.Context, req *ChatRequest) (*http.Response, error) {
	body, err := json.Marshal(req)
	if err != nil {
		return nil, fmt.Errorf("openai: encoding request: %w", err)
	}
	hr, err := http.NewRequestWithContext(ctx, http.MethodPost, c.url, bytes.NewReader(body))
	if err != nil {
		return nil, fmt.Errorf("openai: %w", err)
	}
	hr.Header.Set("Content-Type", "application/json")
	if req.Stream {
		hr.Header.Set("Accept", "text/event-stream")
	}
	if c.key != "" {
		hr.Header.Set("Authorization", "Bearer "+c.key)
	}
	resp, err := c.hc.Do(hr)
	if err != nil {
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		return nil, fmt.Errorf("openai: sending request: %w", err)
	}
	if resp.StatusCode/100 != 2 {
		defer resp.Body.Close()
		return nil, statusError(resp, c.maxBytes)
	}
	return resp, nil
}

func statusError(resp *http.Response, limit int) error {
	e := &APIError{Status: resp.StatusCode, RequestID: resp.Header.Get("X-Request-Id")}
	body, _ := readLimited(resp.Body, min(limit, 64<<10))
	if d := parseError(body); d != nil {
		e.Message, e.Type, e.Code = d.Message, d.Type, d.Code
		if d.RequestID != "" {
			e.RequestID = d.RequestID
		}
	} else {
		e.Message = http.StatusText(resp.StatusCode)
	}
	return e
}

// parseError reads the protocol's error object. Servers differ on the
// type of "code" (OpenAI sends a string, llama.cpp a number), so any
// scalar is accepted.
func parseError(body []byte) *ErrorDetail {
	var b struct {
		Error *struct {
			Message   string          `json:"message"`
			Type      string          `json:"type"`
			Code      json.RawMessage `json:"code"`
			RequestID string          `json:"request_id"`
		} `json:"error"`
	}
	if json.Unmarshal(body, &b) != nil || b.Error == nil {
		return nil
	}
	d := &ErrorDetail{Message: b.Error.Message, Type: b.Error.Type, RequestID: b.Error.RequestID}
	var s string
	if json.Unmarshal(b.Error.Code, &s) == nil {
		d.Code = s
	} else if len(b.Error.Code) > 0 && string(b.Error.Code) != "null" {
		d.Code = string(b.Error.Code)
	}
	return d
}

func readLimited(r io.Reader, limit int) ([]byte, error) {
	b, err := io.ReadAll(io.LimitReader(r, int64(limit)+1))
	if err != nil {
		return nil, fmt.Errorf("openai: reading reply: %w", err)
	}
	if len(b) > limit {
		return nil, &LimitError{Limit: limit}
	}
	return b, nil
}

// ctxErr prefers the context's error: a read that fails because the
// request was cancelled should say so, not report a broken connection.
func ctxErr(ctx context.Context, err error) error {
	if ctx.Err() != nil {
		return ctx.Err()
	}
	return err
}

// readEvents decodes an event stream into chunks, ending at [DONE].
func readEvents(r io.Reader, limit int) iter.Seq2[Chunk, error] {
	return func(yield func(Chunk, error) bool) {
		d := sseDecoder{max: limit}
		buf := make([]byte, 32<<10)
		for {
			data, ok, err := d.next()
			if err != nil {
				yield(Chunk{}, err)
				return
			}
			if ok {
				if data == "[DONE]" {
					return
				}
				ch, err := decodeChunk([]byte(data))
				if err != nil {
					yield(Chunk{}, err)
					return
				}
				if !yield(ch, nil) {
					return
				}
				continue
			}
			n, err := r.Read(buf)
			d.feed(buf[:n])
			if err == io.EOF {
				if n == 0 {
					yield(Chunk{}, fmt.Errorf("%w: stream ended before [DONE]", ErrMalformed))
					return
				}
			} else if err != nil {
				yield(Chunk{}, fmt.Errorf("openai: reading stream: %w", err))
				return
			}
		}
	}
}

func decodeChunk(data []byte) (Chunk, error) {
	var ch struct {
		Chunk
		Error json.RawMessage `json:"error"`
	}
	if err := json.Unmarshal(data, &ch); err != nil {
		return Chunk{}, fmt.Errorf("%w: event data is not a chunk", ErrMalformed)
	}
	if len(ch.Error) > 0 && string(ch.Error) != "null" {
		e := &APIError{Message: "error event"}
		if d := parseError(data); d != nil {
			e.Message, e.Type, e.Code, e.RequestID = d.Message, d.Type, d.Code, d.RequestID
		}
		return Chunk{}, e
	}
	return ch.Chunk, nil
}

// sseDecoder splits a server-sent event stream into the data of its
// events. It takes bytes as they come, so the client and the middleware
// share it.
type sseDecoder struct {
	buf     []byte
	data    []byte
	hasData bool
	max     int
}

func (d *sseDecoder) feed(p []byte) { d.buf = append(d.buf, p...) }

// next returns the data of the next complete event; ok is false when more
// input is needed.
func (d *sseDecoder) next() (data string, ok bool, err error) {
	for {
		i := bytes.IndexByte(d.buf, '\n')
		if i < 0 {
			if len(d.buf) > d.max {
				return "", false, &LimitError{Limit: d.max}
			}
			return "", false, nil
		}
		line := d.buf[:i]
		d.buf = d.buf[i+1:]
		line = bytes.TrimSuffix(line, []byte{'\r'})
		if len(line) == 0 {
			if !d.hasData {
				continue
			}
			data = string(d.data)
			d.data, d.hasData = d.data[:0], false
			return data, true, nil
		}
		if line[0] == ':' {
			continue // a comment, sent as a keep-alive
		}
		field, value, _ := bytes.Cut(line, []byte{':'})
		value = bytes.TrimPrefix(value, []byte{' '})
		switch string(field) {
		case "data":
			if d.hasData {
				d.data = append(d.data, '\n')
			}
			d.data = append(d.data, value...)
			d.hasData = true
			if len(d.data) > d.max {
				return "", false, &LimitError{Limit: d.max}
			}
		case "event", "id", "retry":
		default:
			return "", false, fmt.Errorf("%w: event stream line is not a field", ErrMalformed)
		}
	}
}
