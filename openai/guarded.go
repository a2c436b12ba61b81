package openai

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"iter"
	"slices"
	"strings"

	"github.com/textnlp/textguard/guard"
)

// Guarded wraps a [Client] in a guard: each call runs the guard's input
// stages on every message, sends the sanitized request unless they block,
// and runs the output stages on the reply text and on the arguments of
// each tool call. It is safe for concurrent use.
type Guarded struct {
	c *Client
	g *guard.Guard
}

// NewGuarded returns c guarded by g.
func NewGuarded(c *Client, g *guard.Guard) *Guarded { return &Guarded{c: c, g: g} }

// CallOption sets per-call guard context.
type CallOption func(*guard.Request)

// WithVault keeps pseudonyms in v, so that a conversation's calls give the
// same person the same pseudonym and replies restore earlier ones.
func WithVault(v *guard.Vault) CallOption { return func(r *guard.Request) { r.Vault = v } }

// WithPrincipal tells the guard's stages whom the call is made for.
func WithPrincipal(p guard.Principal) CallOption {
	return func(r *guard.Request) { r.Principal = p }
}

// RoleSource maps a message role to the guard source its content is checked
// as: system and developer messages are the host's own, tool messages are
// tool results, and any other role is an error.
func RoleSource(role string) (guard.Source, error) {
	switch role {
	case RoleSystem, RoleDeveloper:
		return guard.SourceSystem, nil
	case RoleUser:
		return guard.SourceUser, nil
	case RoleAssistant:
		return guard.SourceAssistant, nil
	case RoleTool:
		return guard.SourceTool, nil
	}
	return 0, errors.New("openai: unknown message role")
}

// GuardRequest converts req to the request the guard inspects: one guard
// message per message, or, for a message whose content is in parts, one per
// text part (other parts are not inspected). Findings' Part indexes these
// guard messages. Tool-call arguments in earlier assistant turns are not
// included: they were the model's output, checked when they arrived.
func GuardRequest(req *ChatRequest, opts ...CallOption) (*guard.Request, error) {
	gr := &guard.Request{Model: req.Model, Messages: make([]guard.Message, 0, len(req.Messages))}
	for i, m := range req.Messages {
		src, err := RoleSource(m.Role)
		if err != nil {
			return nil, fmt.Errorf("%w (message %d)", err, i)
		}
		if m.Parts == nil {
			gr.Messages = append(gr.Messages, guard.Message{Source: src, Name: m.Name, Content: m.Content})
			continue
		}
		for _, p := range m.Parts {
			if p.Type == "text" {
				gr.Messages = append(gr.Messages, guard.Message{Source: src, Name: m.Name, Content: p.Text})
			}
		}
	}
	for _, o := range opts {
		o(gr)
	}
	return gr, nil
}

// sanitized returns a copy of req with the texts the guard passed on, in
// the order [GuardRequest] listed them.
func sanitized(req *ChatRequest, in *guard.Result) *ChatRequest {
	out := *req
	out.Messages = make([]Message, len(req.Messages))
	copy(out.Messages, req.Messages)
	next := 0
	for i := range out.Messages {
		m := &out.Messages[i]
		if m.Parts == nil {
			m.Content = in.Request.Messages[next].Content
			next++
			continue
		}
		m.Parts = slices.Clone(m.Parts)
		for j := range m.Parts {
			if m.Parts[j].Type == "text" {
				m.Parts[j].Text = in.Request.Messages[next].Content
				next++
			}
		}
	}
	return &out
}

func (gc *Guarded) checkInput(ctx context.Context, req *ChatRequest, opts []CallOption) (*guard.Result, error) {
	if req.N > 1 {
		return nil, errors.New("openai: guarded calls support one choice (n <= 1)")
	}
	gr, err := GuardRequest(req, opts...)
	if err != nil {
		return nil, err
	}
	return gc.g.CheckInput(ctx, gr)
}

// Chat sends a guarded request without streaming. When the guard blocks,
// on the way in (the server is not called) or on the way out, it returns a
// nil response and a result whose verdict is block, with no error. The
// returned response has the sanitized reply with pseudonyms restored.
// Errors are as for [guard.Guard.Call]; a stage error comes with a
// complete result.
func (gc *Guarded) Chat(ctx context.Context, req *ChatRequest, opts ...CallOption) (*ChatResponse, *guard.Result, error) {
	in, inErr := gc.checkInput(ctx, req, opts)
	if in == nil || in.Blocked() {
		return nil, in, inErr
	}
	resp, err := gc.c.Chat(ctx, sanitized(req, in))
	if err != nil {
		return nil, in, errors.Join(inErr, err)
	}
	res, err := guardResponse(ctx, gc.g, in, resp)
	if res == nil || res.Blocked() {
		return nil, res, errors.Join(inErr, err)
	}
	return resp, res, errors.Join(inErr, err)
}

// guardResponse runs the output stages on the first choice's content and
// tool calls and rewrites them in place, unless the stages block.
func guardResponse(ctx context.Context, g *guard.Guard, in *guard.Result, resp *ChatResponse) (*guard.Result, error) {
	if len(resp.Choices) > 1 {
		return nil, errors.New("openai: guarded calls support one choice")
	}
	if len(resp.Choices) == 0 {
		return in, nil
	}
	msg := &resp.Choices[0].Message
	res, err := g.CheckOutput(ctx, in, msg.Content)
	if res == nil {
		return nil, err
	}
	reply := res.Reply
	parts := slices.Clone(msg.Parts)
	for i := range parts {
		if res.Blocked() || parts[i].Type != "text" {
			continue
		}
		r, perr := g.CheckOutput(ctx, res, parts[i].Text)
		if r == nil {
			return nil, perr
		}
		err = errors.Join(err, perr)
		res, parts[i].Text = r, r.Reply
	}
	calls := slices.Clone(msg.ToolCalls)
	res, cerr := checkCalls(ctx, g, res, calls)
	if res == nil {
		return nil, cerr
	}
	res.Reply = reply
	if res.Blocked() {
		res.Reply = ""
		return res, errors.Join(err, cerr)
	}
	msg.Content, msg.Parts, msg.ToolCalls = reply, parts, calls
	return res, errors.Join(err, cerr)
}

// checkCalls runs the output stages on each call's arguments, in place,
// and returns the result of the whole call.
func checkCalls(ctx context.Context, g *guard.Guard, res *guard.Result, calls []ToolCall) (*guard.Result, error) {
	var errs []error
	for i := range calls {
		args, r, err := CheckArguments(ctx, g, res, calls[i].Function.Arguments)
		if r == nil {
			return nil, err
		}
		errs = append(errs, err)
		res = r
		if res.Blocked() {
			break
		}
		calls[i].Function.Arguments = args
	}
	return res, errors.Join(errs...)
}

// CheckArguments runs g's output stages on a tool call's arguments and
// returns them sanitized, with pseudonyms restored, and the result of the
// call so far (prior's findings and verdict included). Arguments that are
// a JSON value are checked string by string (numbers too, as text), so
// that sanitizing keeps them valid JSON and escapes cannot hide text from
// the scanners; a number that a sanitizer changes becomes a string.
// Arguments that are not JSON are checked as one text. Object keys are not
// checked, and an object that is rewritten lists its keys in sorted order.
// Findings in arguments are output findings (Part -1) whose offsets point
// into the string value they were found in. Errors are as for
// [guard.Guard.CheckOutput].
func CheckArguments(ctx context.Context, g *guard.Guard, prior *guard.Result, args string) (string, *guard.Result, error) {
	dec := json.NewDecoder(strings.NewReader(args))
	dec.UseNumber()
	var v any
	if dec.Decode(&v) != nil || dec.Decode(new(any)) != io.EOF {
		res, err := g.CheckOutput(ctx, prior, args)
		if res == nil || res.Blocked() {
			return "", res, err
		}
		return res.Reply, res, err
	}
	w := argWalker{ctx: ctx, g: g, res: prior}
	if prior == nil {
		w.res = &guard.Result{}
	}
	v = w.walk(v)
	if w.fatal != nil {
		return "", nil, w.fatal
	}
	err := errors.Join(w.errs...)
	if w.res.Blocked() {
		return "", w.res, err
	}
	if !w.changed {
		return args, w.res, err
	}
	var b strings.Builder
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if e := enc.Encode(v); e != nil {
		return "", nil, fmt.Errorf("openai: encoding arguments: %w", e)
	}
	return strings.TrimSuffix(b.String(), "\n"), w.res, err
}

type argWalker struct {
	ctx     context.Context
	g       *guard.Guard
	res     *guard.Result
	changed bool
	errs    []error
	fatal   error
}

func (w *argWalker) walk(v any) any {
	if w.fatal != nil || w.res.Blocked() {
		return v
	}
	switch x := v.(type) {
	case string:
		return w.text(x)
	case json.Number:
		if s := w.text(string(x)); s != string(x) {
			return s
		}
	case []any:
		for i := range x {
			x[i] = w.walk(x[i])
		}
	case map[string]any:
		for k := range x {
			x[k] = w.walk(x[k])
		}
	}
	return v
}

func (w *argWalker) text(s string) string {
	if s == "" {
		return s
	}
	res, err := w.g.CheckOutput(w.ctx, w.res, s)
	if res == nil {
		w.fatal = err
		return s
	}
	w.errs = append(w.errs, err)
	w.res = res
	if res.Blocked() || res.Reply == s {
		return s
	}
	w.changed = true
	return res.Reply
}

// Stream is one guarded streamed call. It is not safe for concurrent use.
type Stream struct {
	gc   *Guarded
	req  *ChatRequest
	opts []CallOption
	res  *guard.Result
}

// Stream prepares a guarded streamed call; [Stream.Chunks] makes it.
func (gc *Guarded) Stream(req *ChatRequest, opts ...CallOption) *Stream {
	return &Stream{gc: gc, req: req, opts: opts}
}

// Chunks runs the call and yields the chunks that are safe to show.
// Content passes through a [guard.Stream], so a chunk's content is the
// text released so far (held-back text follows in later chunks) with
// pseudonyms restored. Tool calls are held back until the choice ends,
// checked whole with [CheckArguments], and yielded in one chunk before the
// one that carries the finish reason. A block, on the way in or during the
// reply, yields [guard.ErrBlocked] once and ends the iteration; other
// errors end it likewise. Call [Stream.Result] after the iteration.
func (s *Stream) Chunks(ctx context.Context) iter.Seq2[Chunk, error] {
	return func(yield func(Chunk, error) bool) {
		in, inErr := s.gc.checkInput(ctx, s.req, s.opts)
		s.res = in
		if in == nil {
			yield(Chunk{}, inErr)
			return
		}
		if in.Blocked() {
			yield(Chunk{}, errors.Join(guard.ErrBlocked, inErr))
			return
		}
		sg := newStreamGuard(s.gc.g, in, s.gc.c.maxBytes)
		defer func() { s.res = sg.result() }()
		for ch, err := range s.gc.c.Stream(ctx, sanitized(s.req, in)) {
			if err != nil {
				yield(Chunk{}, err)
				return
			}
			out, err := sg.push(ctx, ch)
			for _, c := range out {
				if !yield(c, nil) {
					return
				}
			}
			if err != nil {
				yield(Chunk{}, err)
				return
			}
		}
		out, err := sg.end(ctx)
		for _, c := range out {
			if !yield(c, nil) {
				return
			}
		}
		// Input stage errors of a guard that fails open come last, as
		// [guard.Guard.Call] returns them beside a complete result.
		if err := errors.Join(inErr, err); err != nil {
			yield(Chunk{}, err)
		}
	}
}

// Result returns the outcome of the call once [Stream.Chunks] has ended,
// or nil before. After a block it describes the whole call; after an error
// or an early stop before the reply ended it is the input result.
func (s *Stream) Result() *guard.Result { return s.res }

// ChatStream makes a guarded streamed call and hands each safe chunk to fn;
// an error from fn stops the call. A block returns the result with verdict
// block and no error.
func (gc *Guarded) ChatStream(ctx context.Context, req *ChatRequest, fn func(Chunk) error, opts ...CallOption) (*guard.Result, error) {
	s := gc.Stream(req, opts...)
	var failed error
	for ch, err := range s.Chunks(ctx) {
		if errors.Is(err, guard.ErrBlocked) {
			break
		}
		if err == nil {
			err = fn(ch)
		}
		if err != nil {
			failed = err
			break
		}
	}
	// Read the result only after the loop: the iterator records it as it
	// returns.
	return s.Result(), failed
}
