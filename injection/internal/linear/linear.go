// Package linear is the statistical half of the injection detector: hashed
// word and character n-gram features, a logistic-regression model over
// them, and the model's file format. The runtime detector and the training
// command share it, so that both see exactly the same features.
package linear

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"unicode/utf8"

	"github.com/textnlp/textguard/guard"
)

// Steps are the normalisation steps whose output the features are computed
// on, at training and at run time alike.
const Steps = guard.DefaultNormalizeSteps | guard.NormalizeDecodeTags

// A Group is a kind of feature. Each group's sum is scaled by the inverse
// square root of its count, so that a long text does not score high
// merely by having many features.
type Group uint8

const (
	Word   Group = iota // a word
	Bigram              // two consecutive words
	Char4               // four consecutive bytes of the normalised text
	NumGroups
)

// String returns the group's name.
func (g Group) String() string {
	switch g {
	case Word:
		return "word"
	case Bigram:
		return "bigram"
	case Char4:
		return "char4"
	}
	return fmt.Sprintf("group(%d)", uint8(g))
}

var groupSeed = [NumGroups]uint32{0x9e3779b9, 0x85ebca6b, 0xc2b2ae35}

// Index maps a feature hash of group g to a slot of a table of 1<<bits
// weights.
func Index(g Group, h uint32, bits uint8) uint32 {
	h ^= groupSeed[g]
	h *= 0x9e3779b1
	h ^= h >> 15
	h *= 0x2c1b3c6d
	return h >> (32 - bits)
}

// Features calls fn for every feature occurrence of text, a normalised
// text, with the byte range that produced it. Words are runs of ASCII
// letters, digits and apostrophes, or of non-ASCII runes, except that each
// Han, kana or Hangul rune is a word of its own.
func Features(text string, fn func(g Group, h uint32, start, end int)) {
	var prev uint32
	prevStart, havePrev := 0, false
	var window uint32
	for i := 0; i < len(text); {
		c := text[i]
		window = window<<8 | uint32(fold(c))
		if i >= 3 {
			fn(Char4, window, i-3, i+1)
		}
		if !wordStart(text, i) {
			i++
			continue
		}
		j, h := wordAt(text, i)
		fn(Word, h, i, j)
		if havePrev {
			fn(Bigram, mix(prev*0x01000193^h), prevStart, j)
		}
		prev, prevStart, havePrev = h, i, true
		for k := i + 1; k < j; k++ {
			window = window<<8 | uint32(fold(text[k]))
			if k >= 3 {
				fn(Char4, window, k-3, k+1)
			}
		}
		i = j
	}
}

func fold(c byte) byte {
	if 'A' <= c && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}

func mix(h uint32) uint32 {
	h ^= h >> 16
	h *= 0x7feb352d
	h ^= h >> 15
	h *= 0x846ca68b
	h ^= h >> 16
	return h
}

func asciiWord(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '\''
}

// wordStart reports whether a word begins at byte i.
func wordStart(text string, i int) bool {
	c := text[i]
	if c < utf8.RuneSelf {
		return asciiWord(c) && c != '\''
	}
	return utf8.RuneStart(c)
}

// wordAt returns the end of the word starting at i and its hash.
func wordAt(text string, i int) (int, uint32) {
	h := uint32(2166136261)
	j := i
	if text[i] >= utf8.RuneSelf {
		r, n := utf8.DecodeRuneInString(text[i:])
		if ideographic(r) {
			for k := i; k < i+n; k++ {
				h = (h ^ uint32(text[k])) * 16777619
			}
			return i + n, h
		}
		for j < len(text) && text[j] >= utf8.RuneSelf {
			r, n := utf8.DecodeRuneInString(text[j:])
			if ideographic(r) || r == utf8.RuneError && n <= 1 {
				break
			}
			for k := j; k < j+n; k++ {
				h = (h ^ uint32(text[k])) * 16777619
			}
			j += n
		}
		if j == i {
			return i + n, h
		}
		return j, h
	}
	for j < len(text) && asciiWord(text[j]) {
		h = (h ^ uint32(fold(text[j]))) * 16777619
		j++
	}
	return j, h
}

func ideographic(r rune) bool {
	return r >= 0x2e80 && r <= 0x9fff || r >= 0xac00 && r <= 0xd7af || r >= 0xf900 && r <= 0xfaff
}

// Model is a logistic-regression model over hashed features, with weights
// quantised to one byte each. It is immutable and safe for concurrent use.
type Model struct {
	Bits  uint8
	Bias  float32
	Scale float32 // weight = int8 * Scale
	// CalA and CalB calibrate the raw score z into a probability
	// 1/(1+exp(-(CalA*z+CalB))), fitted on held-out folds.
	CalA, CalB float32
	// About records what the model was trained on.
	About   string
	Weights []int8
}

const magic = "TGLM"

// ErrFormat reports model data this version cannot read.
var ErrFormat = errors.New("linear: not a model file of a known version")

// MarshalBinary encodes m.
func (m *Model) MarshalBinary() ([]byte, error) {
	if len(m.Weights) != 1<<m.Bits {
		return nil, fmt.Errorf("linear: %d weights for %d bits", len(m.Weights), m.Bits)
	}
	b := []byte(magic)
	b = append(b, 1, m.Bits)
	b = binary.LittleEndian.AppendUint16(b, uint16(len(m.About)))
	for _, f := range []float32{m.Bias, m.Scale, m.CalA, m.CalB} {
		b = binary.LittleEndian.AppendUint32(b, math.Float32bits(f))
	}
	b = append(b, m.About...)
	for _, w := range m.Weights {
		b = append(b, byte(w))
	}
	return b, nil
}

// UnmarshalBinary decodes data written by MarshalBinary.
func (m *Model) UnmarshalBinary(data []byte) error {
	const head = 4 + 2 + 2 + 16
	if len(data) < head || string(data[:4]) != magic || data[4] != 1 {
		return ErrFormat
	}
	bits := data[5]
	if bits < 8 || bits > 24 {
		return ErrFormat
	}
	n := int(binary.LittleEndian.Uint16(data[6:]))
	if len(data) != head+n+1<<bits {
		return ErrFormat
	}
	var f [4]float32
	for i := range f {
		f[i] = math.Float32frombits(binary.LittleEndian.Uint32(data[8+4*i:]))
		if math.IsNaN(float64(f[i])) || math.IsInf(float64(f[i]), 0) {
			return ErrFormat
		}
	}
	*m = Model{Bits: bits, Bias: f[0], Scale: f[1], CalA: f[2], CalB: f[3],
		About: string(data[head : head+n]), Weights: make([]int8, 1<<bits)}
	for i, c := range data[head+n:] {
		m.Weights[i] = int8(c)
	}
	return nil
}

// Raw returns the uncalibrated score of a normalised text. It computes
// the features of [Features] in one loop without a callback, because it
// runs on every scanned text; a test checks that both agree.
func (m *Model) Raw(text string) float64 {
	var sum [NumGroups]int32
	var count [NumGroups]int32
	w, bits := m.Weights, m.Bits
	var prev, window uint32
	havePrev := false
	for i := 0; i < len(text); {
		window = window<<8 | uint32(fold(text[i]))
		if i >= 3 {
			sum[Char4] += int32(w[Index(Char4, window, bits)])
			count[Char4]++
		}
		if !wordStart(text, i) {
			i++
			continue
		}
		j, h := wordAt(text, i)
		sum[Word] += int32(w[Index(Word, h, bits)])
		count[Word]++
		if havePrev {
			sum[Bigram] += int32(w[Index(Bigram, mix(prev*0x01000193^h), bits)])
			count[Bigram]++
		}
		prev, havePrev = h, true
		for k := i + 1; k < j; k++ {
			window = window<<8 | uint32(fold(text[k]))
			if k >= 3 {
				sum[Char4] += int32(w[Index(Char4, window, bits)])
				count[Char4]++
			}
		}
		i = j
	}
	z := float64(m.Bias)
	for g := range sum {
		if count[g] > 0 {
			z += float64(m.Scale) * float64(sum[g]) / math.Sqrt(float64(count[g]))
		}
	}
	return z
}

// rawByFeatures is Raw written over Features, for the test that keeps the
// two in step.
func (m *Model) rawByFeatures(text string) float64 {
	var sum [NumGroups]int32
	var count [NumGroups]int32
	Features(text, func(g Group, h uint32, _, _ int) {
		sum[g] += int32(m.Weights[Index(g, h, m.Bits)])
		count[g]++
	})
	z := float64(m.Bias)
	for g := range sum {
		if count[g] > 0 {
			z += float64(m.Scale) * float64(sum[g]) / math.Sqrt(float64(count[g]))
		}
	}
	return z
}

// Prob returns the calibrated probability that a normalised text is an
// attack.
func (m *Model) Prob(text string) float64 { return m.Calibrate(m.Raw(text)) }

// Calibrate maps a raw score to a probability.
func (m *Model) Calibrate(z float64) float64 {
	return 1 / (1 + math.Exp(-(float64(m.CalA)*z + float64(m.CalB))))
}
