package guard

import (
	"context"
	"errors"
	"fmt"
	"io"
	"iter"
	"regexp"
	"strings"
	"time"
	"unicode/utf8"
)

// Stream guards one reply that arrives in chunks. It passes the text through
// the output stages as it streams and releases each byte as soon as no
// finding can still cover it, so a secret split across two chunks is caught
// before any of it is shown.
//
// # Hold-back bound
//
// A stream holds back at most [Guard.Window] bytes of raw reply, plus, while
// a finding or edit straddles that point, the rest of that finding (itself no
// longer than the window), plus the longest pseudonym minus one byte when
// pseudonyms are restored. When some output stage is not [Windowed] the
// whole reply is held until [Stream.Close].
//
// # Equivalence
//
// For windowed scanners whose filters are monotone (more findings never
// lower the action, as with [Threshold]), any split of a reply into chunks
// gives the same findings and the same final text as [Guard.CheckOutput] on
// the whole reply. A scanner that breaks its window promise can report a
// finding that starts in text already released; the stream then reports it
// but cannot take the text back.
//
// A Stream is not safe for concurrent use: use one per reply, on one
// goroutine at a time.
type Stream struct {
	g     *Guard
	prior *Result

	raw       strings.Builder // the reply so far, as the model sent it
	complete  int             // bytes of raw that end on a rune boundary
	emitted   int             // raw bytes decided and released
	out       strings.Builder // released text, sanitized, before restoring
	copied    bool            // out differs from raw[:emitted]
	pending   string          // sanitized text awaiting pseudonym restoring
	shown     strings.Builder // what the caller got, when restoring
	restoring bool

	findings []Finding
	stages   []StageResult
	seen     map[streamKey]bool
	lastEnd  []int // per output stage: end of its last committed finding
	verdict  Action
	risk     []float64
	errs     []error
	blocked  bool
	closed   bool
	last     *Result
}

type streamKey struct {
	stage      string
	rule       string
	start, end int
}

// NewStream starts guarding a streamed reply. prior is the result of
// [Guard.CheckInput] for the same call (it supplies the request the output
// stages see and the pseudonym vault), or nil.
func (g *Guard) NewStream(prior *Result) *Stream {
	s := &Stream{g: g, prior: prior, seen: map[streamKey]bool{}}
	s.stages = make([]StageResult, len(g.output))
	s.risk = make([]float64, len(g.output))
	s.lastEnd = make([]int, len(g.output))
	for i := range g.output {
		s.stages[i] = StageResult{Stage: g.output[i].Name, Output: true}
	}
	return s
}

// Push adds a chunk of the reply and returns the text that is now safe to
// show, which may be "". A chunk may end in the middle of a UTF-8 sequence;
// the rest is expected in the next chunk.
//
// After the output stages block, Push returns [ErrBlocked] and releases
// nothing more. Other errors are as for [Guard.CheckOutput]; after an error
// the stream is finished.
func (s *Stream) Push(ctx context.Context, chunk string) (string, error) {
	if s.closed {
		return "", errors.New("guard: push on a closed stream")
	}
	if s.blocked {
		return "", ErrBlocked
	}
	if err := ctx.Err(); err != nil {
		return "", s.fail(err)
	}
	if s.raw.Len()+len(chunk) > s.g.cfg.maxBytes {
		return "", s.fail(&LimitError{Part: -1, Size: s.raw.Len() + len(chunk), Limit: s.g.cfg.maxBytes})
	}
	s.raw.WriteString(chunk)
	if err := s.advance(); err != nil {
		return "", s.fail(err)
	}
	if s.g.window < 0 {
		return "", nil
	}
	cut := s.complete - s.g.window
	if cut <= s.emitted {
		return "", nil
	}
	return s.process(ctx, cut, false)
}

// Close ends the reply: it decides the held-back tail, returns the last
// text to show and the result of the whole call. The result's Reply is all
// the text the stream released; a block shows in the result's verdict, not
// as an error. Stage errors are returned joined, as for [Guard.Call].
func (s *Stream) Close(ctx context.Context) (string, *Result, error) {
	if s.closed {
		return "", nil, errors.New("guard: stream closed twice")
	}
	var tail string
	var err error
	if !s.blocked {
		if s.complete != s.raw.Len() {
			err = &EncodingError{Part: -1, Offset: s.complete}
		} else if err = ctx.Err(); err == nil && s.complete > s.emitted {
			tail, err = s.process(ctx, s.complete, true)
		} else if err == nil {
			tail = s.restore("", true)
		}
	}
	s.closed = true
	if err != nil && !errors.Is(err, ErrBlocked) && !isStageErr(err) {
		return "", nil, err
	}
	s.last = s.result(ctx)
	return tail, s.last, errors.Join(s.errs...)
}

func isStageErr(err error) bool {
	var se *StageError
	return errors.As(err, &se)
}

func (s *Stream) fail(err error) error {
	s.closed = true
	return err
}

// advance moves s.complete to the last rune boundary and checks the new
// bytes are valid UTF-8.
func (s *Stream) advance() error {
	raw := s.raw.String()
	end := len(raw)
	// Back off an incomplete sequence at the end; at most 3 bytes.
	for i := end - 1; i >= max(s.complete, end-utf8.UTFMax+1); i-- {
		if utf8.RuneStart(raw[i]) {
			if !utf8.FullRuneInString(raw[i:]) {
				end = i
			}
			break
		}
	}
	if !utf8.ValidString(raw[s.complete:end]) {
		return &EncodingError{Part: -1, Offset: s.complete + invalidAt(raw[s.complete:end])}
	}
	s.complete = end
	return nil
}

// process decides the raw bytes [emitted, cut) and releases them. With
// final set, cut is the end of the reply and nothing is held back.
func (s *Stream) process(ctx context.Context, cut int, final bool) (string, error) {
	raw := s.raw.String()[:s.complete]
	if len(s.g.output) == 0 {
		return s.release(raw, cut, nil, final), nil
	}
	units := make([]unit, len(s.g.output))
	jobs := make([]job, len(s.g.output))
	for i := range s.g.output {
		jobs[i] = s.job(i, raw)
		units[i] = s.scan(ctx, &s.g.output[i], jobs[i])
	}
	if err := ctx.Err(); err != nil {
		return "", err
	}
	if !final {
		cut = s.settle(units, cut)
	}
	edits := s.commit(ctx, jobs, cut, units)
	if s.blocked {
		return "", ErrBlocked
	}
	return s.release(raw, cut, edits, final), nil
}

// job returns the text that output stage i scans next: from its window
// before the released point, or from where its last finding ended when
// that is later. Resuming after the last finding is what a scan of the
// whole reply does too, so adjacent matches split the same way.
func (s *Stream) job(i int, raw string) job {
	from := 0
	if w := s.g.output[i].window(); w >= 0 {
		from = max(s.emitted-w, s.lastEnd[i], 0)
	}
	from = backToRune(raw, from)
	jb := job{part: -1, from: from, in: Input{Text: raw[from:], Source: SourceAssistant}}
	if s.prior != nil {
		jb.in.Request, jb.in.Vault = s.prior.Request, s.prior.Vault
	}
	return jb
}

// scan runs one stage on its window and makes its findings absolute.
func (s *Stream) scan(ctx context.Context, st *Stage, jb job) unit {
	start := time.Now()
	fs, err := st.Scanner.Scan(ctx, jb.in)
	if err == nil {
		err = checkFindings(fs, jb.in.Text)
	}
	u := unit{err: err}
	for _, f := range fs {
		if err == nil && f.Score >= st.MinScore {
			f.Start += jb.from
			f.End += jb.from
			f.Part, f.Stage = -1, st.Name
			u.findings = append(u.findings, f)
		}
	}
	u.dur = time.Since(start)
	return u
}

// settle lowers cut until no finding straddles it, so that a value is
// either released whole after sanitizing or held back whole.
func (s *Stream) settle(units []unit, cut int) int {
	for moved := true; moved; {
		moved = false
		for _, u := range units {
			for _, f := range u.findings {
				if f.Start < cut && f.End > cut && f.Start >= s.emitted {
					cut, moved = f.Start, true
				}
			}
		}
	}
	return cut
}

// commit records the findings that end by cut, decides each stage on them
// and returns the edits to apply to [emitted, cut), in absolute offsets.
func (s *Stream) commit(ctx context.Context, jobs []job, cut int, units []unit) []Edit {
	var edits []Edit
	for i := range s.g.output {
		st, u, sr := &s.g.output[i], &units[i], &s.stages[i]
		sr.Duration += u.dur
		if u.err != nil {
			s.stageFailed(sr, u.err)
			continue
		}
		var fresh []Finding
		for _, f := range u.findings {
			// A finding that starts in released text is an artifact of
			// scanning from mid-text; within its window promise a scanner
			// reported the real one before that text was released.
			k := streamKey{f.Stage, f.Rule, f.Start, f.End}
			if f.End > cut || f.Start < s.emitted || s.seen[k] {
				continue
			}
			s.seen[k] = true
			s.lastEnd[i] = max(s.lastEnd[i], f.End)
			fresh = append(fresh, f)
		}
		if len(fresh) == 0 {
			continue
		}
		s.findings = append(s.findings, fresh...)
		sr.Findings += len(fresh)
		for _, f := range fresh {
			s.risk[i] = max(s.risk[i], f.Score)
		}
		act := st.decide(fresh)
		sr.Action = max(sr.Action, act)
		s.verdict = max(s.verdict, act)
		if act == ActionBlock {
			s.blocked = true
		}
		if act != ActionSanitize {
			continue
		}
		es, err := s.sanitize(ctx, st, jobs[i], fresh)
		if err != nil {
			s.stageFailed(sr, err)
			continue
		}
		edits = append(edits, es...)
	}
	return mergeEdits(edits)
}

func (s *Stream) sanitize(ctx context.Context, st *Stage, jb job, fs []Finding) ([]Edit, error) {
	from := jb.from
	if st.Sanitizer == nil {
		return nil, fmt.Errorf("filter decided to sanitize but the stage has no sanitizer")
	}
	local := make([]Finding, len(fs))
	for i, f := range fs {
		f.Start -= from
		f.End -= from
		local[i] = f
	}
	es, err := st.Sanitizer.Sanitize(ctx, jb.in, local)
	if err == nil {
		err = checkEdits(es, jb.in.Text)
	}
	if err != nil {
		return nil, err
	}
	out := es[:0]
	for _, e := range es {
		e.Start += from
		e.End += from
		// Edits for text already released can no longer be applied.
		if e.Start >= s.emitted {
			out = append(out, e)
		}
	}
	return out, nil
}

func (s *Stream) stageFailed(sr *StageResult, err error) {
	se := &StageError{Stage: sr.Stage, Err: err}
	s.errs = append(s.errs, se)
	sr.Err = errors.Join(sr.Err, se)
	if !s.g.cfg.failOpen {
		sr.Action = ActionBlock
		s.verdict = ActionBlock
		s.blocked = true
	}
}

// release sanitizes raw [emitted, cut), restores pseudonyms and returns
// what may be shown now.
func (s *Stream) release(raw string, cut int, edits []Edit, final bool) string {
	var piece string
	if len(edits) > 0 && !s.copied {
		s.out.WriteString(raw[:s.emitted])
		s.copied = true
	}
	if len(edits) == 0 {
		piece = raw[s.emitted:cut]
	} else {
		var b strings.Builder
		at := s.emitted
		for _, e := range edits {
			if e.End > cut {
				break
			}
			b.WriteString(raw[at:e.Start])
			b.WriteString(e.Text)
			at = e.End
		}
		b.WriteString(raw[at:cut])
		piece = b.String()
	}
	if s.copied {
		s.out.WriteString(piece)
	}
	s.emitted = cut
	return s.restore(piece, final)
}

// restore puts pseudonyms back, holding back a tail that may be the start
// of a pseudonym whose end has not arrived.
func (s *Stream) restore(piece string, final bool) string {
	var v *Vault
	if s.prior != nil {
		v = s.prior.Vault
	}
	var re *regexp.Regexp
	var canon map[string]string
	longest := 0
	if v != nil {
		re, canon, longest = v.matcher()
	}
	if re == nil {
		return piece
	}
	s.restoring = true
	text := s.pending + piece
	end := len(text)
	if !final {
		// A match that has not fully arrived starts at least longest-1
		// bytes before the end; one that has arrived may not be cut.
		end = backToRune(text, max(0, len(text)-(longest-1)))
		for _, m := range re.FindAllStringIndex(text, -1) {
			if m[0] < end && m[1] > end {
				end = m[0]
				break
			}
		}
	}
	s.pending = text[end:]
	shown := re.ReplaceAllStringFunc(text[:end], func(m string) string { return canon[canonical(m)] })
	s.shown.WriteString(shown)
	return shown
}

func backToRune(s string, i int) int {
	for i > 0 && i < len(s) && !utf8.RuneStart(s[i]) {
		i--
	}
	return i
}

func (s *Stream) result(ctx context.Context) *Result {
	res := continueFrom(s.prior)
	switch {
	case s.restoring:
		res.Reply = s.shown.String()
	case s.copied:
		res.Reply = s.out.String()
	default:
		res.Reply = s.raw.String()[:s.emitted]
	}
	sortFindings(s.findings, s.g.output)
	step := stepResult{stages: s.stages, findings: s.findings, verdict: s.verdict, risk: s.risk}
	if s.g.observed() {
		step.texts = []string{s.raw.String()}
	}
	reply := res.Reply
	s.g.merge(ctx, res, step)
	res.Reply = reply // a stream's reply is what it showed, even if blocked later
	return res
}

// Chunks guards a sequence of reply chunks and yields the text that is safe
// to show. After the sequence ends, the stream is closed; call
// [Stream.Result] for the outcome. An error from the sequence, from a stage
// or [ErrBlocked] is yielded once and ends the iteration.
func (s *Stream) Chunks(ctx context.Context, chunks iter.Seq2[string, error]) iter.Seq2[string, error] {
	return func(yield func(string, error) bool) {
		for chunk, err := range chunks {
			if err != nil {
				s.finish(ctx)
				yield("", err)
				return
			}
			safe, err := s.Push(ctx, chunk)
			if err != nil {
				s.finish(ctx)
				yield("", err)
				return
			}
			if safe != "" && !yield(safe, nil) {
				s.finish(ctx)
				return
			}
		}
		tail, _, err := s.Close(ctx)
		if tail != "" && !yield(tail, nil) {
			return
		}
		if err == nil && s.blocked {
			err = ErrBlocked
		}
		if err != nil {
			yield("", err)
		}
	}
}

// finish closes the stream after an early stop, keeping its result.
func (s *Stream) finish(ctx context.Context) {
	if s.last != nil {
		return
	}
	s.closed = true
	s.last = s.result(ctx)
}

// Abort ends the stream early, after an error or when the caller stops
// reading, and returns the result of what was decided so far: the findings
// and the text already released. Calling it on a closed stream returns the
// result it closed with.
func (s *Stream) Abort(ctx context.Context) *Result {
	s.finish(ctx)
	return s.last
}

// Result returns the outcome once the stream is closed, or nil before.
func (s *Stream) Result() *Result { return s.last }

// StreamFunc is a host's streaming model call: it yields the reply in
// chunks.
type StreamFunc func(ctx context.Context, req *Request) iter.Seq2[string, error]

// CallStream guards a streamed model call: it runs the input stages, calls
// model with the sanitized request unless they blocked, writes the safe part
// of each chunk to w as it arrives, and returns the result. A block during
// the reply stops the writing and returns the result with verdict block and
// no error. Errors are as for [Guard.Call], plus errors from w.
func (g *Guard) CallStream(ctx context.Context, req *Request, model StreamFunc, w io.Writer) (*Result, error) {
	if model == nil {
		return nil, ErrNoModel
	}
	in, inErr := g.CheckInput(ctx, req)
	if in == nil || in.Blocked() {
		return in, inErr
	}
	s := g.NewStream(in)
	for safe, err := range s.Chunks(ctx, model(ctx, in.Request)) {
		if errors.Is(err, ErrBlocked) {
			break
		}
		if err != nil {
			return s.Result(), errors.Join(inErr, err)
		}
		if _, err := io.WriteString(w, safe); err != nil {
			s.finish(ctx)
			return s.Result(), errors.Join(inErr, fmt.Errorf("guard: writing reply: %w", err))
		}
	}
	return s.Result(), errors.Join(inErr, errors.Join(s.errs...))
}
