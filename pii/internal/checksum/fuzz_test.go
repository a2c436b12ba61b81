package checksum

import (
	"crypto/sha3"
	"encoding/hex"
	"strings"
	"testing"
)

func addTableSeeds(f *testing.F) {
	for _, v := range validators {
		for _, c := range v.cases {
			f.Add(c.in)
		}
	}
}

// FuzzValidators runs every validator on arbitrary input. Besides not
// panicking, a value that passes must fail after any single-digit change
// for the schemes that guarantee it, and pairs of validators whose formats
// exclude each other must never both accept.
func FuzzValidators(f *testing.F) {
	addTableSeeds(f)
	f.Fuzz(func(t *testing.T, s string) {
		for _, v := range validators {
			if !v.fn(s) || !v.single {
				continue
			}
			for _, m := range digitChanges(s) {
				if v.fn(m) {
					t.Fatalf("%s accepts %q and its one-digit change %q", v.name, s, m)
				}
			}
		}
		exclusive := [][2]func(string) bool{
			{USSSN, USITIN},
			{SpainNIF, SpainNIE},
			{BitcoinLegacyAddress, BitcoinSegwitAddress},
		}
		for i, p := range exclusive {
			if p[0](s) && p[1](s) {
				t.Fatalf("pair %d both accept %q", i, s)
			}
		}
		if issuer, ok := CardIssuer(s); ok != (issuer != "") || ok && !Luhn(s) {
			t.Fatalf("CardIssuer(%q) = %q, %v", s, issuer, ok)
		}
	})
}

// digitString maps arbitrary bytes to a string of 1 to 30 digits.
func digitString(data []byte) string {
	if len(data) > 30 {
		data = data[:30]
	}
	b := []byte{'1'}
	for _, c := range data {
		b = append(b, '0'+c%10)
	}
	return string(b)
}

// FuzzDigitSchemes checks the two generic check-digit schemes on fuzzed
// payloads: exactly one digit completes a payload, and changing any one
// digit of the completed value breaks it.
func FuzzDigitSchemes(f *testing.F) {
	f.Add([]byte("4992739871"))
	f.Add([]byte{})
	f.Add([]byte{9, 9, 9, 9, 9, 9, 9, 9})
	schemes := map[string]func(string) bool{"Luhn": Luhn, "Verhoeff": Verhoeff}
	f.Fuzz(func(t *testing.T, data []byte) {
		p := digitString(data)
		for name, fn := range schemes {
			var valid []string
			for d := byte('0'); d <= '9'; d++ {
				if fn(p + string(d)) {
					valid = append(valid, p+string(d))
				}
			}
			if len(valid) != 1 {
				t.Fatalf("%s: %d check digits complete %s", name, len(valid), p)
			}
			for _, m := range digitChanges(valid[0]) {
				if fn(m) {
					t.Fatalf("%s accepts %s, one digit from %s", name, m, valid[0])
				}
			}
		}
	})
}

// FuzzIBAN builds an IBAN for a fuzzed country and account and checks
// that it passes, in upper, lower and printed form, and that a changed
// digit or a swapped pair of adjacent different characters fails.
func FuzzIBAN(f *testing.F) {
	f.Add(uint8(0), "0532013000")
	f.Add(uint8(40), "WEST12345698765432")
	f.Fuzz(func(t *testing.T, country uint8, account string) {
		i := int(country) % (len(ibanLengths) / 4) * 4
		cc := ibanLengths[i : i+2]
		n := ibanLength(cc[0], cc[1]) - 4
		var bban []byte
		for j := range len(account) {
			if c := upper(account[j]); isAlnum(c) {
				bban = append(bban, c)
			}
		}
		bban = append(bban, strings.Repeat("0", n)...)[:n]
		s := ibanFor(cc, string(bban))
		if !IBAN(s) || !IBAN(strings.ToLower(s)) || !IBAN(spaced(s)) {
			t.Fatalf("IBAN rejects %s", s)
		}
		for _, m := range digitChanges(s) {
			if IBAN(m) {
				t.Fatalf("IBAN accepts %s, one digit from %s", m, s)
			}
		}
		for j := 4; j+1 < len(s); j++ {
			if s[j] != s[j+1] && isDigit(s[j]) && isDigit(s[j+1]) {
				m := s[:j] + string(s[j+1]) + string(s[j]) + s[j+2:]
				if IBAN(m) {
					t.Fatalf("IBAN accepts %s, a transposition of %s", m, s)
				}
			}
		}
	})
}

// eip55 writes the checksummed form of a 20-byte address.
func eip55(addr []byte) string {
	lower := hex.EncodeToString(addr)
	h := keccak256([]byte(lower))
	out := []byte(lower)
	for i, c := range out {
		nibble := h[i/2] >> (4 * (1 - i%2)) & 0xf
		if c >= 'a' && nibble >= 8 {
			out[i] = c - ('a' - 'A')
		}
	}
	return "0x" + string(out)
}

// FuzzEthereumAddress checksums fuzzed addresses and checks that the
// checksummed, lower-case and upper-case forms pass and that flipping the
// case of one letter of a mixed-case form fails.
func FuzzEthereumAddress(f *testing.F) {
	f.Add([]byte("textguard-fuzz-seed!"))
	f.Add(make([]byte, 20))
	f.Fuzz(func(t *testing.T, data []byte) {
		addr := make([]byte, 20)
		copy(addr, data)
		s := eip55(addr)
		if !EthereumAddress(s) || !EthereumAddress(strings.ToLower(s)) ||
			!EthereumAddress("0x"+strings.ToUpper(s[2:])) {
			t.Fatalf("EthereumAddress rejects a form of %s", s)
		}
		lower, upper := strings.ToLower(s[2:]), strings.ToUpper(s[2:])
		for i := 2; i < len(s); i++ {
			if isDigit(s[i]) {
				continue
			}
			m := flipCase(s, i)
			if m[2:] != lower && m[2:] != upper && EthereumAddress(m) {
				t.Fatalf("EthereumAddress accepts %s, one case flip from %s", m, s)
			}
		}
	})
}

// FuzzKeccak compares the sponge, run with SHA-3 padding, with the
// standard library's SHA3-256.
func FuzzKeccak(f *testing.F) {
	f.Add([]byte(""))
	f.Add([]byte(strings.Repeat("k", 136)))
	f.Fuzz(func(t *testing.T, data []byte) {
		if keccakSum256(data, 0x06) != sha3.Sum256(data) {
			t.Fatalf("SHA3-256 mismatch for %d bytes", len(data))
		}
	})
}
