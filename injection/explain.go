package injection

import (
	"cmp"
	"context"
	"fmt"
	"math"
	"slices"
	"unicode/utf8"

	"github.com/textnlp/textguard/guard"
	"github.com/textnlp/textguard/injection/internal/linear"
)

// Explanation is why the classifier scored a text as it did: its
// probability and the features that moved it most.
type Explanation struct {
	// Probability is the classifier's calibrated probability that the
	// text is an attack; the classifier reports a finding when it is at
	// least the detector's minimum score.
	Probability float64
	// Top lists the features with the largest contributions, largest
	// magnitude first.
	Top []Contribution
}

// Contribution is one feature's share of a classifier decision. Like a
// finding it holds offsets, not text: [Contribution.Text] recovers the
// bytes.
type Contribution struct {
	// Kind is "word", "bigram" or "char4" (four bytes of the normalised
	// text).
	Kind string
	// Start and End delimit the feature's first occurrence in the text as
	// given, on UTF-8 boundaries. A feature found on a normalised copy
	// covers the original bytes that produced it.
	Start, End int
	// Weight is the feature's contribution to the calibrated log-odds,
	// summed over its occurrences: positive toward an attack.
	Weight float64
}

// Text returns the bytes of text that c covers.
func (c Contribution) Text(text string) string {
	if c.Start < 0 || c.End > len(text) || c.Start > c.End {
		return ""
	}
	return text[c.Start:c.End]
}

// Explain scores text with the classifier alone and returns its n
// strongest features. It fails when the detector was built with
// [NoClassifier], and for the inputs Scan rejects.
func (d *Detector) Explain(ctx context.Context, text string, n int) (Explanation, error) {
	if err := ctx.Err(); err != nil {
		return Explanation{}, err
	}
	if d.model == nil {
		return Explanation{}, fmt.Errorf("injection: explain: the classifier is off")
	}
	if len(text) > d.cfg.maxBytes {
		return Explanation{}, fmt.Errorf("injection: text of %d bytes over the limit of %d: %w",
			len(text), d.cfg.maxBytes, guard.ErrInputTooLarge)
	}
	if !utf8.ValidString(text) {
		return Explanation{}, fmt.Errorf("injection: %w", guard.ErrInvalidUTF8)
	}
	norm := d.norm.Normalize(text)
	m := &d.model.m
	var count [linear.NumGroups]int
	linear.Features(norm.Text, func(g linear.Group, _ uint32, _, _ int) { count[g]++ })
	type acc struct {
		g          linear.Group
		start, end int
		w          float64
	}
	slots := map[uint64]*acc{}
	linear.Features(norm.Text, func(g linear.Group, h uint32, s, e int) {
		idx := linear.Index(g, h, m.Bits)
		w := float64(m.Weights[idx]) * float64(m.Scale) * float64(m.CalA) /
			math.Sqrt(float64(count[g]))
		if w == 0 {
			return
		}
		key := uint64(g)<<32 | uint64(idx)
		if a, ok := slots[key]; ok {
			a.w += w
			return
		}
		slots[key] = &acc{g, s, e, w}
	})
	top := make([]Contribution, 0, len(slots))
	for _, a := range slots {
		s, e := norm.Original(a.start, a.end)
		top = append(top, Contribution{Kind: a.g.String(), Start: s, End: e, Weight: a.w})
	}
	slices.SortFunc(top, func(a, b Contribution) int {
		if c := cmp.Compare(math.Abs(b.Weight), math.Abs(a.Weight)); c != 0 {
			return c
		}
		return cmp.Compare(a.Start, b.Start)
	})
	return Explanation{Probability: m.Prob(norm.Text), Top: top[:min(max(n, 0), len(top))]}, nil
}
