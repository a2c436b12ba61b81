package checksum

import (
	"encoding/binary"
	"math/bits"
)

// keccakRounds are the iota round constants of Keccak-f[1600].
var keccakRounds = [24]uint64{
	0x0000000000000001, 0x0000000000008082, 0x800000000000808A, 0x8000000080008000,
	0x000000000000808B, 0x0000000080000001, 0x8000000080008081, 0x8000000000008009,
	0x000000000000008A, 0x0000000000000088, 0x0000000080008009, 0x000000008000000A,
	0x000000008000808B, 0x800000000000008B, 0x8000000000008089, 0x8000000000008003,
	0x8000000000008002, 0x8000000000000080, 0x000000000000800A, 0x800000008000000A,
	0x8000000080008081, 0x8000000000008080, 0x0000000080000001, 0x8000000080008008,
}

// keccakRho holds the rotation of each lane in the rho step, indexed by
// x + 5y.
var keccakRho = [25]int{
	0, 1, 62, 28, 27,
	36, 44, 6, 55, 20,
	3, 10, 43, 25, 39,
	41, 45, 15, 21, 8,
	18, 2, 61, 56, 14,
}

// keccakPi gives, for the lane at x + 5y, where the pi step moves it:
// to (y, 2x + 3y).
var keccakPi = [25]int{
	0, 10, 20, 5, 15,
	16, 1, 11, 21, 6,
	7, 17, 2, 12, 22,
	23, 8, 18, 3, 13,
	14, 24, 9, 19, 4,
}

// mod5 saves a division when stepping to a neighbouring column.
var mod5 = [...]int{0, 1, 2, 3, 4, 0, 1, 2, 3}

// keccakF1600 applies the Keccak-f[1600] permutation to the state a, whose
// lane (x, y) is a[x+5y]. It is written for clarity over speed (a few
// microseconds per call, several times slower than crypto/sha3): the only
// caller hashes one 40-byte block per mixed-case Ethereum address.
func keccakF1600(a *[25]uint64) {
	var c [5]uint64
	var b [25]uint64
	for round := range 24 {
		for x := range 5 { // theta
			c[x] = a[x] ^ a[x+5] ^ a[x+10] ^ a[x+15] ^ a[x+20]
		}
		for x := range 5 {
			d := c[mod5[x+4]] ^ bits.RotateLeft64(c[mod5[x+1]], 1)
			a[x] ^= d
			a[x+5] ^= d
			a[x+10] ^= d
			a[x+15] ^= d
			a[x+20] ^= d
		}
		for i := range 25 { // rho and pi
			b[keccakPi[i]] = bits.RotateLeft64(a[i], keccakRho[i])
		}
		for y := 0; y < 25; y += 5 { // chi
			for x := range 5 {
				a[y+x] = b[y+x] ^ (^b[y+mod5[x+1]] & b[y+mod5[x+2]])
			}
		}
		a[0] ^= keccakRounds[round] // iota
	}
}

// keccakRate is the number of bytes absorbed per permutation at a 256-bit
// security level (1600 bits minus twice 256, in bytes).
const keccakRate = 136

// keccakSum256 hashes data with the Keccak[512] sponge and returns 32
// bytes. pad is the first padding byte: 0x01 gives the original Keccak-256
// that Ethereum uses, 0x06 the standard SHA3-256, which lets the tests
// check the permutation against crypto/sha3.
func keccakSum256(data []byte, pad byte) [32]byte {
	var a [25]uint64
	for len(data) >= keccakRate {
		keccakAbsorb(&a, data[:keccakRate])
		data = data[keccakRate:]
	}
	var last [keccakRate]byte
	copy(last[:], data)
	last[len(data)] ^= pad
	last[keccakRate-1] ^= 0x80
	keccakAbsorb(&a, last[:])

	var out [32]byte
	for i := range 4 {
		binary.LittleEndian.PutUint64(out[8*i:], a[i])
	}
	return out
}

func keccakAbsorb(a *[25]uint64, block []byte) {
	for i := range keccakRate / 8 {
		a[i] ^= binary.LittleEndian.Uint64(block[8*i:])
	}
	keccakF1600(a)
}

// keccak256 returns the Keccak-256 digest of data as Ethereum defines it
// (before NIST changed the padding for SHA-3).
func keccak256(data []byte) [32]byte { return keccakSum256(data, 0x01) }
