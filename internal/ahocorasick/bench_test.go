package ahocorasick

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
)

// benchWords returns n pseudo-random lower-case words of 5 to 12 letters.
func benchWords(r *rand.Rand, n int) []string {
	words := make([]string, n)
	for i := range words {
		b := make([]byte, 5+r.IntN(8))
		for j := range b {
			b[j] = byte('a' + r.IntN(26))
		}
		words[i] = string(b)
	}
	return words
}

// benchText returns about size bytes of words separated by spaces, with
// one in every hundred words taken from patterns.
func benchText(r *rand.Rand, size int, patterns []string) string {
	var b strings.Builder
	filler := benchWords(r, 500)
	for b.Len() < size {
		w := filler[r.IntN(len(filler))]
		if r.IntN(100) == 0 {
			w = patterns[r.IntN(len(patterns))]
		}
		b.WriteString(w)
		b.WriteByte(' ')
	}
	return b.String()[:size]
}

func BenchmarkMatcher(b *testing.B) {
	for _, npat := range []int{10, 1000} {
		for _, size := range []int{1 << 10, 64 << 10} {
			r := rand.New(rand.NewPCG(1, uint64(npat)))
			patterns := benchWords(r, npat)
			text := benchText(r, size, patterns)
			for _, mode := range []struct {
				name string
				opts Options
			}{
				{"dense", Options{}},
				{"compact", Options{DenseLimit: -1}},
				{"ascii-fold", Options{Fold: FoldASCII}},
				{"unicode-fold", Options{Fold: FoldUnicode}},
			} {
				m, err := New(patterns, mode.opts)
				if err != nil {
					b.Fatal(err)
				}
				name := fmt.Sprintf("patterns=%d/text=%dKB/%s", npat, size>>10, mode.name)
				b.Run(name+"/all", func(b *testing.B) {
					b.ReportAllocs()
					b.SetBytes(int64(len(text)))
					dst := make([]Match, 0, 4096)
					for b.Loop() {
						dst = m.AppendMatches(dst[:0], text)
					}
				})
				b.Run(name+"/leftmost", func(b *testing.B) {
					b.ReportAllocs()
					b.SetBytes(int64(len(text)))
					dst := make([]Match, 0, 4096)
					for b.Loop() {
						dst = m.AppendLeftmostLongest(dst[:0], text, nil)
					}
				})
			}
		}
	}
}

// BenchmarkMatcherNonASCII measures the folding path on Cyrillic text.
func BenchmarkMatcherNonASCII(b *testing.B) {
	patterns := []string{"пароль", "секрет", "ключ", "доступ", "токен"}
	text := strings.Repeat("Это обычный текст без ничего особенного, Пароль тут. ", 1200)
	for _, fold := range []Fold{FoldNone, FoldUnicode} {
		m, err := New(patterns, Options{Fold: fold})
		if err != nil {
			b.Fatal(err)
		}
		b.Run(fmt.Sprintf("fold=%d", fold), func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(text)))
			dst := make([]Match, 0, 4096)
			for b.Loop() {
				dst = m.AppendMatches(dst[:0], text)
			}
		})
	}
}

func BenchmarkNew(b *testing.B) {
	for _, npat := range []int{10, 1000, 20000} {
		patterns := benchWords(rand.New(rand.NewPCG(2, 2)), npat)
		b.Run(fmt.Sprintf("patterns=%d", npat), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := New(patterns, Options{Fold: FoldUnicode}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
