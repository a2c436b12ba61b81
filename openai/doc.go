// Package openai guards calls to OpenAI-compatible chat completions
// servers: OpenAI itself, and the local servers that speak its protocol
// (vLLM, llama.cpp, Ollama, LocalAI). It lives in its own package so that
// hosts that do not use the protocol do not import it.
//
// # Client
//
// [Client] is a thin client of the protocol over net/http: the JSON types
// of requests and replies ([ChatRequest], [Message] with roles, tool calls
// and tool results, [ChatResponse], [Chunk]), a call that returns a whole
// reply ([Client.Chat]) and one that yields the chunks of a streamed reply
// ([Client.Stream]), decoded from server-sent events up to [DONE]. A reply
// with a non-2xx status is an [*APIError] carrying the server's status and
// message; a body that breaks the protocol is [ErrMalformed]; a body or
// event over the [MaxBytes] limit is [ErrTooLarge]; a cancelled context
// ends a stream with the context's error and closes the connection.
//
// The package has its own client rather than wrapping the official SDK
// (github.com/openai/openai-go): guarding a stream means decoding and
// re-encoding every event and holding some back, which a request
// middleware of that SDK does not reach without re-implementing its
// stream, and the SDK would be a large dependency for a few types.
//
// # Guarded calls
//
// [Guarded] wraps a client in a [guard.Guard]. Every message is checked as
// the guard source of its role (system and developer as
// [guard.SourceSystem], user, assistant, tool as the sources of those
// names); the server receives the sanitized messages, or nothing when the
// input stages block. The reply's content and each tool call's arguments
// go through the output stages, so a model that writes a secret or an
// injected instruction into a call is caught; arguments are checked value
// by value ([CheckArguments]) and stay valid JSON when sanitized.
//
// Streamed replies pass through a [guard.Stream]: content reaches the
// caller only once the output stages have cleared it, with pseudonyms
// restored, held back by at most the guard's window ([guard.Guard.Window]).
// Tool calls are held until their choice ends and checked whole.
//
// # Gateway middleware
//
// [Middleware] puts the same checks in front of a model server, as an
// http.Handler for gateways: it rewrites request bodies, JSON replies and
// event streams, and answers a block with the protocol's error body, a
// request id and status 403.
//
// # Limits
//
// Only the first choice is guarded: requests with n > 1 are refused.
// Content in the array form is checked part by part; parts other than
// text (images, audio) pass unchecked. Tool-call arguments in earlier
// assistant turns of a request are not checked again, and object keys of
// arguments are never checked. Event streams must end lines with LF or
// CRLF; a stream that ends lines with a bare CR, which the event-stream
// format also allows, fails as malformed. The test server for all of this
// is in package openaitest.
package openai
