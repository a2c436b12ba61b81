package openai

import (
	"context"
	"errors"
	"fmt"

	"github.com/textnlp/textguard/guard"
)

// streamGuard guards the chunks of one streamed reply. The client and the
// middleware share it, so both release the same text.
type streamGuard struct {
	g     *guard.Guard
	in    *guard.Result
	s     *guard.Stream
	calls []ToolCall
	size  int // bytes of tool-call arguments held
	limit int
	done  bool
	res   *guard.Result
}

func newStreamGuard(g *guard.Guard, in *guard.Result, limit int) *streamGuard {
	return &streamGuard{g: g, in: in, s: g.NewStream(in), limit: limit}
}

// push takes one chunk of the reply and returns the chunks to pass on.
func (sg *streamGuard) push(ctx context.Context, ch Chunk) ([]Chunk, error) {
	if len(ch.Choices) == 0 {
		return []Chunk{ch}, nil // usage, or a server's keep-alive
	}
	if len(ch.Choices) > 1 || ch.Choices[0].Index != 0 {
		return nil, errors.New("openai: guarded streams support one choice")
	}
	if sg.done {
		return nil, fmt.Errorf("%w: chunk after the end of the choice", ErrMalformed)
	}
	c := ch.Choices[0]
	for _, d := range c.Delta.ToolCalls {
		if err := sg.addCall(d); err != nil {
			return nil, err
		}
	}
	safe, err := sg.s.Push(ctx, c.Delta.Content)
	if errors.Is(err, guard.ErrBlocked) {
		sg.done = true
		_, sg.res, _ = sg.s.Close(ctx)
		return nil, err
	}
	if err != nil {
		sg.done = true
		return nil, err
	}
	var out []Chunk
	if safe != "" || c.Delta.Role != "" {
		out = append(out, withDelta(ch, Delta{Role: c.Delta.Role, Content: safe}, ""))
	}
	if c.FinishReason == "" {
		return out, nil
	}
	more, err := sg.finish(ctx, ch, c.FinishReason)
	return append(out, more...), err
}

// end is called when the stream ends; it releases what is held back if no
// chunk carried a finish reason.
func (sg *streamGuard) end(ctx context.Context) ([]Chunk, error) {
	if sg.done {
		return nil, nil
	}
	return sg.finish(ctx, Chunk{Object: "chat.completion.chunk"}, "")
}

func (sg *streamGuard) finish(ctx context.Context, tmpl Chunk, reason string) ([]Chunk, error) {
	sg.done = true
	tail, res, err := sg.s.Close(ctx)
	if res == nil {
		return nil, err
	}
	sg.res = res
	if res.Blocked() {
		return nil, errors.Join(guard.ErrBlocked, err)
	}
	reply := res.Reply
	res, cerr := checkCalls(ctx, sg.g, res, sg.calls)
	if res == nil {
		return nil, cerr
	}
	res.Reply = reply
	sg.res = res
	if res.Blocked() {
		return nil, errors.Join(guard.ErrBlocked, err, cerr)
	}
	var out []Chunk
	if tail != "" {
		out = append(out, withDelta(tmpl, Delta{Content: tail}, ""))
	}
	if len(sg.calls) > 0 {
		ds := make([]ToolCallDelta, len(sg.calls))
		for i, c := range sg.calls {
			ds[i] = ToolCallDelta{Index: i, ID: c.ID, Type: c.Type, Function: c.Function}
		}
		out = append(out, withDelta(tmpl, Delta{ToolCalls: ds}, ""))
	}
	if reason != "" {
		out = append(out, withDelta(tmpl, Delta{}, reason))
	}
	return out, errors.Join(err, cerr)
}

func (sg *streamGuard) addCall(d ToolCallDelta) error {
	if d.Index < 0 || d.Index > len(sg.calls) {
		return fmt.Errorf("%w: tool call index %d out of order", ErrMalformed, d.Index)
	}
	sg.size += len(d.Function.Arguments) + len(d.Function.Name)
	if sg.size > sg.limit {
		return &LimitError{Limit: sg.limit}
	}
	if d.Index == len(sg.calls) {
		sg.calls = append(sg.calls, ToolCall{Type: "function"})
	}
	c := &sg.calls[d.Index]
	if d.ID != "" {
		c.ID = d.ID
	}
	if d.Type != "" {
		c.Type = d.Type
	}
	c.Function.Name += d.Function.Name
	c.Function.Arguments += d.Function.Arguments
	return nil
}

// result is the outcome so far: the whole call once the reply is decided,
// the input result after an error or an early stop.
func (sg *streamGuard) result() *guard.Result {
	if sg.res != nil {
		return sg.res
	}
	return sg.in
}

func withDelta(tmpl Chunk, d Delta, reason string) Chunk {
	c := tmpl
	c.Usage = nil
	c.Choices = []ChunkChoice{{Index: 0, Delta: d, FinishReason: reason}}
	return c
}
