// Package guard is the core of TextGuard: the pipeline that a host wraps
// around its own calls to a language model, and the small interfaces every
// detector package plugs into.
//
// # Stages
//
// A [Guard] is built once from stages. Each [Stage] pairs a [Scanner], which
// reports [Finding] values (a rule id, a category, byte offsets, a score and
// a [Severity]), with a [Filter] that turns those findings into an [Action]
// (allow, flag, sanitize or block) and, for sanitizing, a [Sanitizer] that
// returns [Edit] values. Input stages see the prompt; output stages see the
// model's reply. [Threshold] is the usual filter. Function adapters
// ([ScannerFunc], [SanitizerFunc], [FilterFunc]) make a stage out of a plain
// function.
//
// # Built-in stages
//
// Generic stages a host configures with its own data: [NewSubstrings]
// (banned literals, matched in one pass), [NewPatterns] (regular
// expressions; RE2 by default, regexp2 with a match timeout on request),
// [NewLengthLimit] (bytes and estimated tokens) and [NewInvisible] (hidden
// characters; [InvisibleStage] is a ready stage). Generic sanitizers work
// with any scanner's findings: [Redact], [Tag], [Mask], [Delete] and
// [Pseudonymize].
//
// # Requests
//
// A [Request] is a list of [Message] values, each with a [Source]: the
// system prompt, the user, earlier assistant turns, retrieved documents and
// tool results. A stage can be limited to some sources (see
// [UntrustedSources]), and every finding says which message it is in. The
// [Principal] travels with the request for policy stages.
//
// # Calls
//
// [Guard.Call] runs the input stages, calls the host's [ModelFunc] with the
// sanitized request unless something blocked, runs the output stages on the
// reply and returns one [Result]: the verdict, the final reply, every
// finding, a risk score and per-stage timings. Hosts that call their model
// themselves use [Guard.CheckInput] and [Guard.CheckOutput]. With
// [RestorePseudonyms], sanitizers can replace values with pseudonyms from
// the call's [Vault], and the guard puts the originals back in the reply.
//
// Findings never hold the text they cover, and their offsets always point
// into the text as the host gave it. [Finding.Span] is the one explicit step
// that reaches the raw text.
//
// # Streaming
//
// [Guard.NewStream] guards a reply that arrives in chunks: [Stream.Push]
// returns the text that is safe to show, holding back only what a finding
// could still cover ([Guard.Window] bytes; see [Windowed]). [Stream.Chunks]
// adapts an iter.Seq2 of chunks and [Guard.CallStream] writes a guarded
// stream to an io.Writer.
//
// # Normalisation
//
// Detectors share an offset-preserving normaliser (see [NewNormalizer]) so
// that full-width letters, homoglyphs, invisible characters and spaced-out
// letters do not hide text from them, while findings still point at the
// original bytes.
//
// # Errors and fail mode
//
// Bad input is an error, never a panic: invalid UTF-8 ([ErrInvalidUTF8]),
// text over the size limit ([ErrInputTooLarge], 1 MiB per message by
// default, see [MaxBytes]) and a cancelled context. A stage that fails is
// reported as a [*StageError]; by default the guard fails closed and blocks,
// and [FailOpen] makes it allow instead. Decisions are never errors: a
// blocked call returns a [Result] whose verdict is [ActionBlock].
//
// # Events
//
// [Observe] and [Logger] receive one [Event] per stage decision and one per
// verdict, carrying rule ids, categories, offsets, keyed hashes, counts and
// timings, never text. The guard is silent without them.
//
// # Concurrency
//
// A Guard and the stages it is built from are immutable and safe for
// concurrent use. Per-call state lives in the values a call returns: a
// [Result], its [Vault], a [Stream].
package guard
