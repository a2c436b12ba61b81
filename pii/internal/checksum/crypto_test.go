package checksum

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

// validCases returns the valid inputs of the named validator's table.
func validCases(t *testing.T, name string) []string {
	t.Helper()
	for _, v := range validators {
		if v.name != name {
			continue
		}
		var out []string
		for _, c := range v.cases {
			if c.want {
				out = append(out, c.in)
			}
		}
		return out
	}
	t.Fatalf("no validator %s", name)
	return nil
}

// flipCase returns s with the case of the ASCII letter at i swapped.
func flipCase(s string, i int) string {
	return s[:i] + string(s[i]^0x20) + s[i+1:]
}

func TestEthereumCaseFlips(t *testing.T) {
	for _, s := range validCases(t, "EthereumAddress") {
		lower, upper := strings.ToLower(s[2:]), strings.ToUpper(s[2:])
		if s[2:] == lower || s[2:] == upper {
			continue
		}
		t.Run(s, func(t *testing.T) {
			assert.True(t, EthereumAddress("0x"+lower))
			assert.True(t, EthereumAddress("0x"+upper))
			for i := 2; i < len(s); i++ {
				if isDigit(s[i]) {
					continue
				}
				m := flipCase(s, i)
				if m[2:] == lower || m[2:] == upper {
					continue // no longer mixed case, so no checksum to break
				}
				assert.False(t, EthereumAddress(m), m)
			}
		})
	}
}

func TestBitcoinLegacyCharChanges(t *testing.T) {
	for _, s := range validCases(t, "BitcoinLegacyAddress") {
		t.Run(s, func(t *testing.T) {
			for i := range len(s) {
				for j := range len(base58Alphabet) {
					c := base58Alphabet[j]
					if c == s[i] {
						continue
					}
					m := s[:i] + string(c) + s[i+1:]
					assert.False(t, BitcoinLegacyAddress(m), m)
				}
			}
		})
	}
}

func TestBitcoinSegwitCharChanges(t *testing.T) {
	for _, s := range validCases(t, "BitcoinSegwitAddress") {
		s = strings.ToLower(s)
		t.Run(s, func(t *testing.T) {
			for i := 3; i < len(s); i++ {
				for j := range len(bech32Charset) {
					c := bech32Charset[j]
					if c == s[i] {
						continue
					}
					m := s[:i] + string(c) + s[i+1:]
					assert.False(t, BitcoinSegwitAddress(m), m)
				}
			}
		})
	}
}

func TestBitcoinAddress(t *testing.T) {
	assert.True(t, BitcoinAddress("12ZEw5Hcv1hTb6YUQJ69y1V7uhcoDz92PH"))
	assert.True(t, BitcoinAddress("bc1qqqqsyqcyq5rqwzqfpg9scrgwpugpzysn4v0345"))
	assert.False(t, BitcoinAddress("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed"))
	assert.False(t, BitcoinAddress(""))
}
