// Package textguard is an embeddable library of guardrails for Go programs
// that call large language models. It has no server: a program builds a
// guard once and passes every prompt and every reply, whole or streamed,
// through it.
//
// This root package holds only this overview; the work is done by its
// packages:
//
//   - guard: the pipeline. Scanners find things, filters decide (allow,
//     flag, sanitize, block), sanitizers rewrite; the guard wraps the model
//     call, streams replies with a bounded hold-back, and reports events.
//   - guard/guardtest: the conformance suite every scanner and sanitizer
//     runs.
//   - pii: personal data with validated formats and check digits, and
//     names and places from embedded gazetteers; pii/secrets: credentials
//     and API keys; pii/anonymize: redaction, masking, hashing, encryption
//     and realistic pseudonyms that the guard restores in replies.
//   - injection: prompt injection and jailbreaks, also inside retrieved
//     documents and tool output.
//   - openai: a guarded client and a gateway middleware for
//     OpenAI-compatible chat completions servers.
//
// A tour:
//
//	g, err := guard.New(
//		guard.InputStages(guard.Stage{
//			Name:      "secrets",
//			Scanner:   secretsDetector,
//			Sanitizer: guard.Redact(""),
//			Filter:    guard.Threshold{Score: 0.5, Action: guard.ActionSanitize},
//		}),
//		guard.OutputStages(guard.InvisibleStage(guard.ActionSanitize)),
//	)
//	if err != nil {
//		return err
//	}
//	res, err := g.Call(ctx, guard.Prompt(userText), callMyModel)
//	if err != nil {
//		return err // bad input, a failed stage, or the model's own error
//	}
//	if res.Blocked() {
//		return errRefused
//	}
//	show(res.Reply)
//
// The README has the measured quality of each detector and how to
// reproduce it with examples/evaluate.
package textguard
