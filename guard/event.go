package guard

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"log/slog"
	"time"
)

// Event reports one decision: a stage's action in one call, or the call's
// verdict (Stage is then ""). Events carry rule ids, categories, offsets,
// keyed hashes and counts, never text, so they can go to any log.
type Event struct {
	// Output is true for decisions about a reply.
	Output bool
	// Stage names the stage, or is "" for the verdict of the whole step.
	Stage    string
	Action   Action
	Findings []EventFinding
	Duration time.Duration
	// Risk is the call's aggregate risk so far; set on verdict events.
	Risk float64
	// Err is the stage's error, if any. Errors of this module never hold
	// inspected text.
	Err error
}

// EventFinding is a finding as events report it.
type EventFinding struct {
	Rule     string
	Category string
	Part     int
	Start    int
	End      int
	Score    float64
	Severity Severity
	// Hash is a keyed hash (HMAC-SHA-256, 64 bits, hex) of the finding's
	// text, for correlating repeats without storing them; see [HashKey].
	Hash string
}

func (g *Guard) observed() bool {
	return g.cfg.logger != nil || len(g.cfg.observers) > 0
}

func (g *Guard) emit(ctx context.Context, res *Result, step stepResult) {
	if !g.observed() {
		return
	}
	for _, sr := range step.stages {
		ev := Event{Output: sr.Output, Stage: sr.Stage, Action: sr.Action, Duration: sr.Duration, Err: sr.Err}
		for _, f := range step.findings {
			if f.Stage == sr.Stage {
				ev.Findings = append(ev.Findings, g.eventFinding(f, step.text(f.Part)))
			}
		}
		g.send(ctx, ev)
	}
	output := len(step.stages) > 0 && step.stages[0].Output
	g.send(ctx, Event{Output: output, Action: res.Verdict, Risk: res.Risk})
}

func (g *Guard) eventFinding(f Finding, text string) EventFinding {
	mac := hmac.New(sha256.New, g.cfg.hashKey)
	mac.Write([]byte(f.Span(text)))
	return EventFinding{
		Rule: f.Rule, Category: f.Category, Part: f.Part,
		Start: f.Start, End: f.End, Score: f.Score, Severity: f.Severity,
		Hash: hex.EncodeToString(mac.Sum(nil)[:8]),
	}
}

func (g *Guard) send(ctx context.Context, ev Event) {
	for _, o := range g.cfg.observers {
		o(ctx, ev)
	}
	l := g.cfg.logger
	if l == nil {
		return
	}
	if ev.Err != nil {
		l.LogAttrs(ctx, slog.LevelWarn, "textguard stage failed",
			slog.String("stage", ev.Stage), slog.Bool("output", ev.Output), slog.Any("error", ev.Err))
	}
	attrs := []slog.Attr{
		slog.String("stage", ev.Stage),
		slog.Bool("output", ev.Output),
		slog.String("action", ev.Action.String()),
		slog.Int("findings", len(ev.Findings)),
		slog.Duration("duration", ev.Duration),
	}
	for _, f := range ev.Findings {
		attrs = append(attrs, slog.Group("finding",
			slog.String("rule", f.Rule), slog.String("category", f.Category),
			slog.Int("part", f.Part), slog.Int("start", f.Start), slog.Int("end", f.End),
			slog.Float64("score", f.Score), slog.String("hash", f.Hash)))
	}
	if ev.Stage == "" {
		attrs = append(attrs, slog.Float64("risk", ev.Risk))
	}
	l.LogAttrs(ctx, slog.LevelDebug, "textguard decision", attrs...)
}
