package guard

import (
	"fmt"
	"log/slog"
	"slices"
	"strings"
)

// Source says where a piece of text came from. Stages use it to decide what
// to scan and how strictly: an instruction is normal in a system prompt and
// an attack in a retrieved web page.
type Source int8

// Sources of text. The zero value, [SourceUser], is the common case.
const (
	// SourceUser is text the person using the application typed.
	SourceUser Source = iota
	// SourceSystem is the host's own instructions to the model. It is the
	// only trusted source.
	SourceSystem
	// SourceAssistant is text the model wrote: earlier turns of a
	// conversation, and the reply the output stages inspect.
	SourceAssistant
	// SourceDocument is retrieved content: a web page, a file, an e-mail,
	// a search result.
	SourceDocument
	// SourceTool is the result of a tool or function call.
	SourceTool
)

var sourceNames = [...]string{"user", "system", "assistant", "document", "tool"}

// String returns the lower-case name of s.
func (s Source) String() string {
	if s >= 0 && int(s) < len(sourceNames) {
		return sourceNames[s]
	}
	return fmt.Sprintf("source(%d)", int8(s))
}

// ParseSource returns the source named by s (case-insensitive).
func ParseSource(s string) (Source, error) {
	for i, n := range sourceNames {
		if strings.EqualFold(s, n) {
			return Source(i), nil
		}
	}
	return 0, fmt.Errorf("guard: unknown source %q", s)
}

// Untrusted reports whether text from s may carry instructions the host did
// not write: everything but the system prompt and the model's own turns.
func (s Source) Untrusted() bool {
	return s == SourceUser || s == SourceDocument || s == SourceTool
}

// Message is one part of a request: a conversation turn, a retrieved
// document or a tool result.
type Message struct {
	// Source says where Content came from.
	Source Source
	// Name optionally identifies the part: a tool name, a document URL.
	// It is passed to the model unchanged and never scanned.
	Name string
	// Content is the text. It must be valid UTF-8.
	Content string
}

// LogValue renders m without its content.
func (m Message) LogValue() slog.Value {
	return slog.GroupValue(
		slog.String("source", m.Source.String()),
		slog.Int("len", len(m.Content)),
	)
}

// Principal identifies who a request is made for. The guard carries it for
// stages that decide by caller, such as access and rate-limit policies.
type Principal struct {
	ID     string
	Roles  []string
	Tenant string
}

// HasRole reports whether p has the role r.
func (p Principal) HasRole(r string) bool { return slices.Contains(p.Roles, r) }

// Request is what a host sends to its model: the messages, the model it
// wants and the caller it acts for.
//
// The guard never modifies a Request it is given; the sanitized copy it
// passes to the model is a new value.
type Request struct {
	Model     string
	Principal Principal
	Messages  []Message
	// Vault, when set, keeps pseudonyms across the calls of a
	// conversation, and the guard restores them in replies. When nil, a
	// guard built with [RestorePseudonyms] gives each call a fresh vault.
	Vault *Vault
}

// Prompt returns a request of a single user message, the common case of a
// host with one text box.
func Prompt(text string) *Request {
	return &Request{Messages: []Message{{Source: SourceUser, Content: text}}}
}

// Clone returns a copy of r that shares no slices with it.
func (r *Request) Clone() *Request {
	if r == nil {
		return nil
	}
	c := *r
	c.Messages = slices.Clone(r.Messages)
	c.Principal.Roles = slices.Clone(r.Principal.Roles)
	return &c
}

// Last returns the content of the last message from source s, or "".
func (r *Request) Last(s Source) string {
	for i := len(r.Messages) - 1; i >= 0; i-- {
		if r.Messages[i].Source == s {
			return r.Messages[i].Content
		}
	}
	return ""
}

// Input is one text handed to a scanner or sanitizer, with its context.
type Input struct {
	// Text is the text to inspect, valid UTF-8 and within the guard's size
	// limit. Offsets in findings and edits refer to it.
	Text string
	// Source says where Text came from.
	Source Source
	// Request is the request the text belongs to, for scanners that need
	// the whole conversation (an output scanner looking for a leaked
	// system prompt, say) or the principal. It may be nil, and scanners
	// must treat it as read-only.
	Request *Request
	// Vault issues consistent, reversible pseudonyms for the current call.
	// It is nil when the caller did not ask for one.
	Vault *Vault
}
