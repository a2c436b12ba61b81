package checksum

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

// firstValid returns the first valid input of each validator's table, the
// input every benchmark and the allocation test use.
func firstValid(v validatorCase) string {
	for _, c := range v.cases {
		if c.want {
			return c.in
		}
	}
	panic("no valid case for " + v.name)
}

func BenchmarkValidators(b *testing.B) {
	for _, v := range validators {
		valid := firstValid(v)
		invalid := valid[:len(valid)-1] + "#"
		b.Run(v.name+"/valid", func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				v.fn(valid)
			}
		})
		b.Run(v.name+"/invalid", func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				v.fn(invalid)
			}
		})
	}
}

func BenchmarkCardIssuer(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		CardIssuer("6221 2600 0000 0000")
	}
}

// BenchmarkEthereumChecksummed covers the mixed-case path, which hashes.
func BenchmarkEthereumChecksummed(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		EthereumAddress("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed")
	}
}

func BenchmarkKeccak256(b *testing.B) {
	data := []byte("5aaeb6053f3e94c9b9a09f33669435e7ef1beaed")
	b.ReportAllocs()
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		keccak256(data)
	}
}

// TestZeroAllocs pins the promise of the package comment: no validator
// allocates, on valid input or on an over-long one.
func TestZeroAllocs(t *testing.T) {
	long := string(make([]byte, 1000))
	for _, v := range validators {
		t.Run(v.name, func(t *testing.T) {
			valid := firstValid(v)
			assert.Zero(t, testing.AllocsPerRun(50, func() { v.fn(valid) }), "valid")
			assert.Zero(t, testing.AllocsPerRun(50, func() { v.fn(long) }), "long")
		})
	}
	assert.Zero(t, testing.AllocsPerRun(50, func() { CardIssuer("4111111111111111") }))
	assert.Zero(t, testing.AllocsPerRun(50, func() { Date(2024, 2, 29) }))
	assert.Zero(t, testing.AllocsPerRun(50, func() {
		EthereumAddress("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed")
	}))
}
