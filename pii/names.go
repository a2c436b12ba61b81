package pii

import (
	"context"

	"github.com/textnlp/textguard/pii/internal/ner"
)

// Names adds the package's recogniser of people's names (PERSON), places
// (LOCATION) and street addresses (ADDRESS), built from embedded
// gazetteers and capitalisation and context rules; see the package
// documentation of its limits. It is an option because loading the
// gazetteers takes tens of milliseconds and about 20 MB per Detector:
// build one Detector and share it.
func Names() Option {
	return func(c *config) error {
		c.names = true
		return nil
	}
}

// nerEntities adapts the built-in recogniser to [EntityRecognizer].
type nerEntities struct{ r *ner.Recognizer }

func (n nerEntities) Recognize(ctx context.Context, text string) ([]Entity, error) {
	found, err := n.r.Find(ctx, text)
	if err != nil || len(found) == 0 {
		return nil, err
	}
	out := make([]Entity, len(found))
	for i, e := range found {
		out[i] = Entity{Type: e.Type, Start: e.Start, End: e.End, Score: e.Score}
	}
	return out, nil
}

// Window bounds a name or a street address, plus the context the
// recogniser reads around it: up to three words before an entity and the
// line after an address; see [guard.Windowed].
func (nerEntities) Window() int { return ner.MaxEntityBytes + 128 }
