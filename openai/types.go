package openai

import (
	"bytes"
	"encoding/json"
	"unicode/utf8"
)

// Roles of chat messages.
const (
	RoleSystem    = "system"
	RoleDeveloper = "developer"
	RoleUser      = "user"
	RoleAssistant = "assistant"
	RoleTool      = "tool"
)

// ChatRequest is the body of a chat completions call. Fields the package
// does not model are not sent.
type ChatRequest struct {
	Model       string          `json:"model"`
	Messages    []Message       `json:"messages"`
	Temperature *float64        `json:"temperature,omitempty"`
	MaxTokens   int             `json:"max_tokens,omitempty"`
	N           int             `json:"n,omitempty"`
	Stream      bool            `json:"stream,omitempty"`
	Tools       []Tool          `json:"tools,omitempty"`
	ToolChoice  json.RawMessage `json:"tool_choice,omitempty"`
}

// Message is one turn of a conversation. Its content is either the text
// in Content or, when Parts is not nil, a list of parts (the array form of
// the protocol); an assistant message that only calls tools may have
// neither.
type Message struct {
	Role       string        `json:"role"`
	Content    string        `json:"content"`
	Parts      []ContentPart `json:"-"`
	Name       string        `json:"name,omitempty"`
	ToolCalls  []ToolCall    `json:"tool_calls,omitempty"`
	ToolCallID string        `json:"tool_call_id,omitempty"`
}

// ContentPart is one part of a message's content: text (Type "text"), or
// anything else (an image, audio), which is kept verbatim in Raw and never
// inspected.
type ContentPart struct {
	Type string
	Text string
	Raw  json.RawMessage
}

// MarshalJSON writes a part: text parts from Type and Text, others as Raw.
func (p ContentPart) MarshalJSON() ([]byte, error) {
	if p.Type != "text" && len(p.Raw) > 0 {
		return p.Raw, nil
	}
	return json.Marshal(struct {
		Type string `json:"type"`
		Text string `json:"text"`
	}{p.Type, p.Text})
}

// UnmarshalJSON reads a part, keeping its bytes for parts other than text.
func (p *ContentPart) UnmarshalJSON(b []byte) error {
	var v struct {
		Type string `json:"type"`
		Text string `json:"text"`
	}
	if err := json.Unmarshal(b, &v); err != nil {
		return err
	}
	p.Type, p.Text, p.Raw = v.Type, v.Text, nil
	if v.Type != "text" {
		p.Raw = append(json.RawMessage(nil), b...)
	}
	return nil
}

// messageJSON is Message on the wire, with content in either form.
type messageJSON struct {
	Role       string          `json:"role"`
	Content    json.RawMessage `json:"content"`
	Name       string          `json:"name,omitempty"`
	ToolCalls  []ToolCall      `json:"tool_calls,omitempty"`
	ToolCallID string          `json:"tool_call_id,omitempty"`
}

// MarshalJSON writes Parts as the array form of content when set, and
// Content otherwise.
func (m Message) MarshalJSON() ([]byte, error) {
	var c any = m.Content
	if m.Parts != nil {
		c = m.Parts
	}
	content, err := json.Marshal(c)
	if err != nil {
		return nil, err
	}
	return json.Marshal(messageJSON{Role: m.Role, Content: content, Name: m.Name,
		ToolCalls: m.ToolCalls, ToolCallID: m.ToolCallID})
}

// UnmarshalJSON reads content as a string, null or an array of parts.
func (m *Message) UnmarshalJSON(b []byte) error {
	var w messageJSON
	if err := json.Unmarshal(b, &w); err != nil {
		return err
	}
	*m = Message{Role: w.Role, Name: w.Name, ToolCalls: w.ToolCalls, ToolCallID: w.ToolCallID}
	if len(w.Content) > 0 && w.Content[0] == '[' {
		return json.Unmarshal(w.Content, &m.Parts)
	}
	if len(w.Content) > 0 && string(w.Content) != "null" {
		if s, ok := plainString(w.Content); ok {
			m.Content = s
			return nil
		}
		return json.Unmarshal(w.Content, &m.Content)
	}
	return nil
}

// plainString reads a JSON string without escapes directly, which most
// message contents are; the decoder has already checked the syntax.
func plainString(b []byte) (string, bool) {
	if len(b) < 2 || b[0] != '"' || b[len(b)-1] != '"' {
		return "", false
	}
	b = b[1 : len(b)-1]
	if bytes.IndexByte(b, '\\') >= 0 || !utf8.Valid(b) {
		return "", false
	}
	return string(b), true
}

// ToolCall is a function call the model asks the host to make.
type ToolCall struct {
	ID       string       `json:"id"`
	Type     string       `json:"type"`
	Function FunctionCall `json:"function"`
}

// FunctionCall names a function and carries its arguments, a JSON object
// encoded as a string, as the protocol has it.
type FunctionCall struct {
	Name      string `json:"name"`
	Arguments string `json:"arguments"`
}

// Tool declares a function the model may call.
type Tool struct {
	Type     string      `json:"type"`
	Function FunctionDef `json:"function"`
}

// FunctionDef describes a callable function; Parameters is a JSON schema.
type FunctionDef struct {
	Name        string          `json:"name"`
	Description string          `json:"description,omitempty"`
	Parameters  json.RawMessage `json:"parameters,omitempty"`
}

// ChatResponse is the body of a chat completions reply that is not
// streamed.
type ChatResponse struct {
	ID                string   `json:"id"`
	Object            string   `json:"object"`
	Created           int64    `json:"created"`
	Model             string   `json:"model"`
	SystemFingerprint string   `json:"system_fingerprint,omitempty"`
	Choices           []Choice `json:"choices"`
	Usage             *Usage   `json:"usage,omitempty"`
}

// Choice is one alternative reply.
type Choice struct {
	Index        int     `json:"index"`
	Message      Message `json:"message"`
	FinishReason string  `json:"finish_reason"`
}

// Usage counts tokens.
type Usage struct {
	PromptTokens     int `json:"prompt_tokens"`
	CompletionTokens int `json:"completion_tokens"`
	TotalTokens      int `json:"total_tokens"`
}

// Chunk is one server-sent event of a streamed reply.
type Chunk struct {
	ID                string        `json:"id"`
	Object            string        `json:"object"`
	Created           int64         `json:"created"`
	Model             string        `json:"model"`
	SystemFingerprint string        `json:"system_fingerprint,omitempty"`
	Choices           []ChunkChoice `json:"choices"`
	Usage             *Usage        `json:"usage,omitempty"`
}

// ChunkChoice is the change to one choice that a chunk carries.
// FinishReason is empty until the choice ends.
type ChunkChoice struct {
	Index        int    `json:"index"`
	Delta        Delta  `json:"delta"`
	FinishReason string `json:"finish_reason,omitempty"`
}

// Delta is a piece of a streamed message.
type Delta struct {
	Role      string          `json:"role,omitempty"`
	Content   string          `json:"content,omitempty"`
	ToolCalls []ToolCallDelta `json:"tool_calls,omitempty"`
}

// ToolCallDelta is a piece of a streamed tool call: the first piece of a
// call carries its ID and function name, later ones more of its arguments.
type ToolCallDelta struct {
	Index    int          `json:"index"`
	ID       string       `json:"id,omitempty"`
	Type     string       `json:"type,omitempty"`
	Function FunctionCall `json:"function"`
}

// errorBody is the protocol's error object, as servers send it in error
// replies and in error events of a stream.
type errorBody struct {
	Error *ErrorDetail `json:"error"`
}

// ErrorDetail is the protocol's error object.
type ErrorDetail struct {
	Message   string `json:"message"`
	Type      string `json:"type,omitempty"`
	Param     string `json:"param,omitempty"`
	Code      string `json:"code,omitempty"`
	RequestID string `json:"request_id,omitempty"`
}
