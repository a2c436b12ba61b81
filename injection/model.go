package injection

import (
	_ "embed"
	"fmt"

	"github.com/textnlp/textguard/injection/internal/linear"
)

// embeddedModel holds the classifier weights written by the training
// command (see the package documentation).
//
//go:embed model.bin
var embeddedModel []byte

// model is the loaded classifier.
type model struct{ m linear.Model }

func loadModel(b []byte) (*model, error) {
	m := &model{}
	if err := m.m.UnmarshalBinary(b); err != nil {
		return nil, fmt.Errorf("injection: loading the classifier: %w", ErrInvalidOption)
	}
	return m, nil
}

// prob returns the calibrated probability that a normalised text is an
// attack.
func (m *model) prob(text string) float64 { return m.m.Prob(text) }
