package guard

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"time"
	"unicode/utf8"
)

// Guard runs a host's prompts and replies through stages of scanners,
// filters and sanitizers, and wraps the host's model call.
//
// A Guard is immutable once built and safe for concurrent use by any number
// of goroutines; build one at start-up and share it. Per-call state (the
// pseudonym vault, a stream's buffer) lives in the values a call returns.
type Guard struct {
	cfg    *config
	input  []Stage
	output []Stage
	window int // streaming hold-back of the output stages; -1: unbounded
}

// ModelFunc is the host's model call. It receives the sanitized request and
// returns the model's reply.
type ModelFunc func(ctx context.Context, req *Request) (string, error)

// New builds a guard. With no options it has no stages, a 1 MiB limit per
// text, fails closed, and is silent. Every stage is validated here, so a
// guard that New returns never fails for reasons of configuration.
func New(opts ...Option) (*Guard, error) {
	cfg, err := newConfig(opts)
	if err != nil {
		return nil, err
	}
	g := &Guard{cfg: cfg, input: name(cfg.input, "input"), output: name(cfg.output, "output")}
	for _, stages := range [][]Stage{g.input, g.output} {
		seen := map[string]bool{}
		for _, st := range stages {
			if err := st.validate(); err != nil {
				return nil, err
			}
			if seen[st.Name] {
				return nil, fmt.Errorf("%w: duplicate stage name %q", ErrInvalidStage, st.Name)
			}
			seen[st.Name] = true
		}
	}
	g.window = 0
	for i := range g.output {
		w := g.output[i].window()
		if w < 0 {
			g.window = -1
			break
		}
		g.window = max(g.window, w)
	}
	return g, nil
}

func name(stages []Stage, prefix string) []Stage {
	out := slices.Clone(stages)
	for i := range out {
		if out[i].Name == "" {
			out[i].Name = fmt.Sprintf("%s.%d", prefix, i)
		}
		out[i].Sources = slices.Clone(out[i].Sources)
	}
	return out
}

// Window returns how many bytes of a streamed reply the guard may hold back
// at most before it releases them: the largest [Windowed.Window] of the
// output stages. Restoring pseudonyms holds back up to the longest
// pseudonym on top of that. It returns -1 when some output stage is not windowed, in which case a
// stream releases nothing until the reply is complete.
func (g *Guard) Window() int { return g.window }

// StageResult reports what one stage did in one call.
type StageResult struct {
	Stage    string
	Output   bool // an output stage
	Action   Action
	Findings int
	Duration time.Duration
	Err      error // nil, or a *StageError
}

// Result is what the guard decided about one call.
type Result struct {
	// Verdict is the most restrictive action any stage took.
	Verdict Action
	// Request is the request as the model received it, after input
	// sanitizing; nil for an output-only check.
	Request *Request
	// Reply is the reply as the host should show it: sanitized, with
	// pseudonyms restored; "" when blocked or when no model was called.
	Reply string
	// Findings holds the findings of every stage, input first, ordered by
	// part, offset and stage. Offsets refer to the texts the host gave.
	Findings []Finding
	// Risk aggregates the findings into [0, 1]: the probability that at
	// least one stage is right, taking each stage's strongest finding as
	// independent evidence.
	Risk float64
	// Stages lists each stage that ran, in the order of the guard.
	Stages []StageResult
	// Vault holds the call's pseudonyms when the guard restores them.
	Vault *Vault
}

// Blocked reports whether the verdict is [ActionBlock].
func (r *Result) Blocked() bool { return r.Verdict == ActionBlock }

// Call guards one model call: it runs the input stages on req, calls model
// with the sanitized request unless they blocked, runs the output stages on
// the reply and restores pseudonyms.
//
// Bad input (invalid UTF-8, text over the size limit, a nil request) and a
// cancelled context return a nil result and an error. A model error is
// returned wrapped, with the input result. Stage errors are returned
// joined, as [*StageError] values, with a complete result whose verdict
// follows the fail mode: blocked when fail-closed, unaffected when
// [FailOpen].
func (g *Guard) Call(ctx context.Context, req *Request, model ModelFunc) (*Result, error) {
	if model == nil {
		return nil, ErrNoModel
	}
	in, inErr := g.CheckInput(ctx, req)
	if in == nil || in.Blocked() {
		return in, inErr
	}
	reply, err := model(ctx, in.Request)
	if err != nil {
		return in, errors.Join(inErr, fmt.Errorf("guard: model: %w", err))
	}
	out, outErr := g.CheckOutput(ctx, in, reply)
	if out == nil {
		return nil, outErr
	}
	return out, errors.Join(inErr, outErr)
}

// CheckInput runs the input stages on req and returns the result with the
// sanitized request, for hosts that call their model themselves. Pass the
// result to [Guard.CheckOutput] or [Guard.NewStream] with the reply. Errors
// are as for [Guard.Call].
func (g *Guard) CheckInput(ctx context.Context, req *Request) (*Result, error) {
	if req == nil {
		return nil, errors.New("guard: nil request")
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	for i, m := range req.Messages {
		if err := g.checkText(i, m.Content); err != nil {
			return nil, err
		}
	}
	res := &Result{Request: req.Clone(), Vault: req.Vault}
	if res.Vault == nil && g.cfg.restore {
		res.Vault = NewVault()
	}
	if len(g.input) == 0 {
		return res, nil
	}
	jobs := make([]job, len(req.Messages))
	for i, m := range req.Messages {
		jobs[i] = job{part: i, in: Input{Text: m.Content, Source: m.Source, Request: req, Vault: res.Vault}}
	}
	step := g.run(ctx, g.input, false, jobs)
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	for i := range res.Request.Messages {
		res.Request.Messages[i].Content = apply(req.Messages[i].Content, step.edits[i])
	}
	g.merge(ctx, res, step)
	return res, step.err
}

// CheckOutput runs the output stages on a model's reply. prior is the
// result of [Guard.CheckInput] for the same call, or nil when there is none;
// the returned result includes prior's findings and verdict, so it describes
// the whole call. Errors are as for [Guard.Call].
func (g *Guard) CheckOutput(ctx context.Context, prior *Result, reply string) (*Result, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if err := g.checkText(-1, reply); err != nil {
		return nil, err
	}
	res := continueFrom(prior)
	if len(g.output) == 0 {
		res.Reply = restore(res.Vault, reply)
		return res, nil
	}
	step := g.run(ctx, g.output, true, []job{g.replyJob(res, reply)})
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	g.merge(ctx, res, step)
	if !res.Blocked() {
		res.Reply = restore(res.Vault, apply(reply, step.edits[0]))
	}
	return res, step.err
}

func (g *Guard) replyJob(res *Result, reply string) job {
	return job{part: -1, in: Input{Text: reply, Source: SourceAssistant, Request: res.Request, Vault: res.Vault}}
}

// continueFrom copies prior so that output checks never change a result
// the host already holds.
func continueFrom(prior *Result) *Result {
	if prior == nil {
		return &Result{}
	}
	res := *prior
	res.Findings = slices.Clone(prior.Findings)
	res.Stages = slices.Clone(prior.Stages)
	res.Reply = ""
	return &res
}

func restore(v *Vault, s string) string {
	if v == nil {
		return s
	}
	return v.Restore(s)
}

func (g *Guard) checkText(part int, s string) error {
	if len(s) > g.cfg.maxBytes {
		return &LimitError{Part: part, Size: len(s), Limit: g.cfg.maxBytes}
	}
	if !utf8.ValidString(s) {
		return &EncodingError{Part: part, Offset: invalidAt(s)}
	}
	return nil
}

func invalidAt(s string) int {
	for i, r := range s {
		if r == utf8.RuneError {
			if _, n := utf8.DecodeRuneInString(s[i:]); n == 1 {
				return i
			}
		}
	}
	return len(s)
}

// job is one text to run a step's stages on.
type job struct {
	part int
	from int // where in.Text starts in the stream's reply
	in   Input
}

// unit is the outcome of one stage on one text.
type unit struct {
	findings []Finding
	edits    []Edit
	action   Action
	dur      time.Duration
	err      error
}

// stepResult is the outcome of a step (all input or all output stages).
type stepResult struct {
	stages   []StageResult
	findings []Finding
	edits    [][]Edit // per job, merged and sorted
	verdict  Action
	risk     []float64 // strongest score per stage
	texts    []string  // per job, for hashing findings in events
	err      error
}

// text returns the text that findings of the given part point into.
func (s *stepResult) text(part int) string {
	if part < 0 {
		part = 0
	}
	if part < len(s.texts) {
		return s.texts[part]
	}
	return ""
}

func (g *Guard) run(ctx context.Context, stages []Stage, output bool, jobs []job) stepResult {
	units := make([]unit, len(stages)*len(jobs))
	each := func(si, ji int) {
		st, jb := &stages[si], jobs[ji]
		if output || st.scans(jb.in.Source) {
			units[si*len(jobs)+ji] = g.runUnit(ctx, st, jb)
		}
	}
	if g.cfg.parallel && len(units) > 1 {
		var wg sync.WaitGroup
		for si := range stages {
			for ji := range jobs {
				wg.Go(func() { each(si, ji) })
			}
		}
		wg.Wait()
	} else {
		for si := range stages {
			for ji := range jobs {
				each(si, ji)
			}
		}
	}
	return g.collect(stages, output, jobs, units)
}

func (g *Guard) runUnit(ctx context.Context, st *Stage, jb job) (u unit) {
	start := time.Now()
	defer func() { u.dur = time.Since(start) }()
	if err := ctx.Err(); err != nil {
		u.err = err
		return u
	}
	fs, err := st.Scanner.Scan(ctx, jb.in)
	if err == nil {
		err = checkFindings(fs, jb.in.Text)
	}
	if err != nil {
		u.err = err
		return u
	}
	kept := fs[:0:0]
	for _, f := range fs {
		if f.Score >= st.MinScore {
			f.Part, f.Stage = jb.part, st.Name
			kept = append(kept, f)
		}
	}
	u.findings = kept
	u.action = st.decide(kept)
	if u.action != ActionSanitize {
		return u
	}
	if st.Sanitizer == nil {
		u.err = fmt.Errorf("filter decided to sanitize but the stage has no sanitizer")
		return u
	}
	edits, err := st.Sanitizer.Sanitize(ctx, jb.in, kept)
	if err == nil {
		err = checkEdits(edits, jb.in.Text)
	}
	u.edits, u.err = edits, err
	return u
}

func (g *Guard) collect(stages []Stage, output bool, jobs []job, units []unit) stepResult {
	step := stepResult{
		stages: make([]StageResult, len(stages)),
		edits:  make([][]Edit, len(jobs)),
		risk:   make([]float64, len(stages)),
	}
	if g.observed() {
		for _, jb := range jobs {
			step.texts = append(step.texts, jb.in.Text)
		}
	}
	var errs []error
	for si := range stages {
		sr := StageResult{Stage: stages[si].Name, Output: output}
		for ji := range jobs {
			u := &units[si*len(jobs)+ji]
			sr.Duration += u.dur
			sr.Findings += len(u.findings)
			if u.err != nil {
				err := &StageError{Stage: sr.Stage, Err: u.err}
				errs = append(errs, err)
				sr.Err = errors.Join(sr.Err, err)
				if !g.cfg.failOpen {
					sr.Action = ActionBlock
				}
				continue
			}
			sr.Action = max(sr.Action, u.action)
			step.findings = append(step.findings, u.findings...)
			step.edits[ji] = append(step.edits[ji], u.edits...)
			for _, f := range u.findings {
				step.risk[si] = max(step.risk[si], f.Score)
			}
		}
		step.verdict = max(step.verdict, sr.Action)
		step.stages[si] = sr
	}
	for ji := range step.edits {
		step.edits[ji] = mergeEdits(step.edits[ji])
	}
	sortFindings(step.findings, stages)
	step.err = errors.Join(errs...)
	return step
}

// sortFindings puts findings in the order results promise: by part, offset
// and stage, whatever order the stages ran in.
func sortFindings(fs []Finding, stages []Stage) {
	order := make(map[string]int, len(stages))
	for i, st := range stages {
		order[st.Name] = i
	}
	slices.SortStableFunc(fs, func(a, b Finding) int {
		return cmp.Or(
			cmp.Compare(a.Part, b.Part),
			cmp.Compare(a.Start, b.Start),
			cmp.Compare(a.End, b.End),
			cmp.Compare(order[a.Stage], order[b.Stage]),
			strings.Compare(a.Rule, b.Rule),
		)
	})
}

// merge folds a step into res and reports its decisions.
func (g *Guard) merge(ctx context.Context, res *Result, step stepResult) {
	res.Verdict = max(res.Verdict, step.verdict)
	res.Findings = append(res.Findings, step.findings...)
	res.Stages = append(res.Stages, step.stages...)
	safe := 1 - res.Risk
	for _, r := range step.risk {
		safe *= 1 - r
	}
	res.Risk = 1 - safe
	if res.Blocked() {
		res.Reply = ""
	}
	g.emit(ctx, res, step)
}

// checkFindings rejects findings a buggy scanner could hand the guard, so
// that a bad offset becomes a stage error instead of a panic or a wrong
// redaction.
func checkFindings(fs []Finding, text string) error {
	for i, f := range fs {
		if f.Start < 0 || f.End > len(text) || f.Start > f.End {
			return fmt.Errorf("finding %d (%s): offsets [%d,%d) outside text of %d bytes", i, f.Rule, f.Start, f.End, len(text))
		}
		if !boundary(text, f.Start) || !boundary(text, f.End) {
			return fmt.Errorf("finding %d (%s): offsets [%d,%d) split a character", i, f.Rule, f.Start, f.End)
		}
		if !(f.Score >= 0 && f.Score <= 1) {
			return fmt.Errorf("finding %d (%s): score %v outside [0,1]", i, f.Rule, f.Score)
		}
	}
	return nil
}

func checkEdits(es []Edit, text string) error {
	for i, e := range es {
		if e.Start < 0 || e.End > len(text) || e.Start > e.End {
			return fmt.Errorf("edit %d: offsets [%d,%d) outside text of %d bytes", i, e.Start, e.End, len(text))
		}
		if !boundary(text, e.Start) || !boundary(text, e.End) {
			return fmt.Errorf("edit %d: offsets [%d,%d) split a character", i, e.Start, e.End)
		}
		if !utf8.ValidString(e.Text) {
			return fmt.Errorf("edit %d: replacement is not valid UTF-8", i)
		}
	}
	return nil
}

func boundary(s string, i int) bool {
	return i == len(s) || utf8.RuneStart(s[i])
}

// mergeEdits sorts edits by position and drops any that overlap an earlier
// one. Ties go to the edit that came first, that is to the earlier stage, so
// the outcome does not depend on scheduling.
func mergeEdits(es []Edit) []Edit {
	if len(es) < 2 {
		return es
	}
	slices.SortStableFunc(es, func(a, b Edit) int { return cmp.Compare(a.Start, b.Start) })
	out := es[:1]
	for _, e := range es[1:] {
		last := out[len(out)-1]
		if e.Start < last.End || (e.Start == last.Start && e.End == last.End) {
			continue
		}
		out = append(out, e)
	}
	return out
}

// apply returns s with the sorted, non-overlapping edits applied.
func apply(s string, es []Edit) string {
	if len(es) == 0 {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	at := 0
	for _, e := range es {
		b.WriteString(s[at:e.Start])
		b.WriteString(e.Text)
		at = e.End
	}
	b.WriteString(s[at:])
	return b.String()
}
