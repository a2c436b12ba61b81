package injection

import (
	"errors"
	"fmt"
)

// An Option configures [New]. An option that rejects its argument makes
// New fail with an error wrapping [ErrInvalidOption].
type Option func(*config) error

// ErrInvalidOption reports an option given a value it cannot use.
var ErrInvalidOption = errors.New("injection: invalid option")

// Defaults of the limits the options set.
const (
	// DefaultMinScore is the score from which evidence is reported.
	DefaultMinScore = 0.5
	// DefaultMaxBytes is the largest text scanned: 1 MiB.
	DefaultMaxBytes = 1 << 20
	// DefaultDecodeDepth is how many layers of encoding are peeled off.
	DefaultDecodeDepth = 2
	// DefaultMaxDecoded bounds the decoded bytes of one scan: 64 KiB.
	DefaultMaxDecoded = 64 << 10
)

type config struct {
	minScore    float64
	maxBytes    int
	decodeDepth int
	maxDecoded  int
	classifier  bool
	model       []byte
}

func defaults() config {
	return config{
		minScore:    DefaultMinScore,
		maxBytes:    DefaultMaxBytes,
		decodeDepth: DefaultDecodeDepth,
		maxDecoded:  DefaultMaxDecoded,
		classifier:  true,
	}
}

// MinScore sets the score below which evidence is not reported
// ([DefaultMinScore] unless set). Evidence below it still corroborates
// other evidence in the same text. It must lie in [0, 1].
func MinScore(s float64) Option {
	return func(c *config) error {
		if !(s >= 0 && s <= 1) {
			return fmt.Errorf("%w: min score %v outside [0, 1]", ErrInvalidOption, s)
		}
		c.minScore = s
		return nil
	}
}

// MaxBytes sets the largest text Scan accepts ([DefaultMaxBytes] unless
// set); a larger one is an error wrapping guard.ErrInputTooLarge.
func MaxBytes(n int) Option {
	return func(c *config) error {
		if n <= 0 {
			return fmt.Errorf("%w: max bytes %d is not positive", ErrInvalidOption, n)
		}
		c.maxBytes = n
		return nil
	}
}

// DecodeDepth sets how many layers of encoding (base64 inside hex, say)
// the detector peels off before it scans again ([DefaultDecodeDepth]
// unless set). Zero turns decoding off.
func DecodeDepth(n int) Option {
	return func(c *config) error {
		if n < 0 || n > 8 {
			return fmt.Errorf("%w: decode depth %d outside [0, 8]", ErrInvalidOption, n)
		}
		c.decodeDepth = n
		return nil
	}
}

// MaxDecoded bounds the bytes of decoded text one scan examines in total
// ([DefaultMaxDecoded] unless set), so that a text made of encoded
// segments costs no more than a few times its size.
func MaxDecoded(n int) Option {
	return func(c *config) error {
		if n < 0 {
			return fmt.Errorf("%w: max decoded %d is negative", ErrInvalidOption, n)
		}
		c.maxDecoded = n
		return nil
	}
}

// NoClassifier turns the statistical classifier off, leaving the rules.
func NoClassifier(c *config) error {
	c.classifier = false
	return nil
}

// Model replaces the embedded classifier weights with data written by the
// training command (see the package documentation). New fails when the
// data is not a model this version can read.
func Model(data []byte) Option {
	return func(c *config) error {
		if len(data) == 0 {
			return fmt.Errorf("%w: empty model", ErrInvalidOption)
		}
		c.model = data
		return nil
	}
}
