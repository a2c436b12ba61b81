package checksum

import (
	"bytes"
	"crypto/sha3"
	"encoding/hex"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestKeccak256(t *testing.T) {
	// Published Keccak-256 digests (as Ethereum tooling prints them).
	tests := []struct {
		name, in, want string
	}{
		{"empty", "", "c5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470"},
		{"abc", "abc", "4e03657aea45a94fc7d47ba826c8d667c0d1e6e33a64a036ec44f58fa12d6c45"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := keccak256([]byte(tt.in))
			assert.Equal(t, tt.want, hex.EncodeToString(got[:]))
		})
	}
}

// TestKeccakMatchesSHA3 checks the permutation and the sponge against the
// standard library: with the SHA-3 padding byte the same code must give
// SHA3-256, at lengths around the 136-byte block boundary.
func TestKeccakMatchesSHA3(t *testing.T) {
	data := bytes.Repeat([]byte("textguard keccak "), 40)
	for _, n := range []int{0, 1, 40, 135, 136, 137, 271, 272, 273, len(data)} {
		want := sha3.Sum256(data[:n])
		assert.Equal(t, want, keccakSum256(data[:n], 0x06), "length %d", n)
	}
}

// TestKeccakConstants derives the round constants and rotation offsets
// from their definitions in the Keccak reference and compares them with
// the tables.
func TestKeccakConstants(t *testing.T) {
	rc := func(t int) uint64 { // output of the degree-8 LFSR after t steps
		r := byte(1)
		for range t % 255 {
			if r&0x80 != 0 {
				r = r<<1 ^ 0x71
			} else {
				r <<= 1
			}
		}
		return uint64(r & 1)
	}
	for round := range 24 {
		var c uint64
		for j := range 7 {
			c |= rc(j+7*round) << (1<<j - 1)
		}
		require.Equal(t, c, keccakRounds[round], "round %d", round)
	}

	var rho [25]int
	x, y := 1, 0
	for step := range 24 {
		rho[x+5*y] = (step + 1) * (step + 2) / 2 % 64
		x, y = y, (2*x+3*y)%5
	}
	require.Equal(t, rho, keccakRho)

	for x := range 5 {
		for y := range 5 {
			require.Equal(t, y+5*((2*x+3*y)%5), keccakPi[x+5*y], "pi of (%d, %d)", x, y)
		}
	}
}
