package secrets

import "math"

// entropy returns the Shannon entropy of s in bits per byte. Random tokens
// over base64 sit near 5-6, hex near 4, words and placeholders lower.
func entropy(s string) float64 {
	if s == "" {
		return 0
	}
	var counts [256]int
	for i := 0; i < len(s); i++ {
		counts[s[i]]++
	}
	n := float64(len(s))
	h := 0.0
	for _, c := range counts {
		if c > 0 {
			p := float64(c) / n
			h -= p * math.Log2(p)
		}
	}
	return h
}

// entropyFactor scales a rule's score by how random the secret looks, from
// 0.6 for a constant string up to 1 at 3.5 bits per byte, the entropy of a
// short random hex string. A weak password stays a finding, less sure.
func entropyFactor(h float64) float64 {
	return min(1, 0.6+0.4*h/3.5)
}
