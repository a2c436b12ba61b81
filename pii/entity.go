package pii

import (
	"context"
	"strings"
	"unicode/utf8"

	"github.com/textnlp/textguard/guard"
)

// An EntityRecognizer finds entities that patterns cannot: names of
// people, places and organisations, street addresses. A host may plug in
// its own (a model it runs, a directory of its customers) with [Entities].
//
// Recognize returns the entities in text with byte offsets into text. It
// must be safe for concurrent use and must not keep text after it returns.
// An implementation whose entities never exceed a known length may also
// implement [guard.Windowed], which lets a streaming guard release text
// sooner.
type EntityRecognizer interface {
	Recognize(ctx context.Context, text string) ([]Entity, error)
}

// An Entity is one span an [EntityRecognizer] found.
type Entity struct {
	// Type is the entity type, such as "PERSON", "LOCATION" or "ADDRESS".
	Type string
	// Start and End delimit the entity as a half-open byte range of the
	// text given to Recognize, on UTF-8 boundaries.
	Start, End int
	// Score is the recognizer's confidence in [0, 1].
	Score float64
}

// addEntities appends the entities that are well-formed, above the
// threshold and not allowed. Malformed spans are dropped rather than
// failing the scan: a host recogniser's off-by-one must not hide the
// structured findings.
func (d *Detector) addEntities(cs []cand, es []Entity, text string) []cand {
	for _, e := range es {
		if e.Start < 0 || e.End > len(text) || e.Start >= e.End || e.Type == "" ||
			!utf8.RuneStart(text[e.Start]) || e.End < len(text) && !utf8.RuneStart(text[e.End]) {
			continue
		}
		if e.Score < d.threshold || d.allowed(text[e.Start:e.End]) {
			continue
		}
		typ := strings.ToUpper(e.Type)
		if d.types != nil && !d.types[typ] {
			continue
		}
		cs = append(cs, cand{
			typ: typ, rule: "pii." + strings.ToLower(typ),
			start: e.Start, end: e.End, score: min(e.Score, 1), severity: guard.SeverityMedium,
		})
	}
	return cs
}
