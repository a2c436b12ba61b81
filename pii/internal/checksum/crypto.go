package checksum

import (
	"crypto/sha256"
	"strings"
)

// base58Alphabet is Bitcoin's: digits and letters without 0, O, I and l.
const base58Alphabet = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"

// BitcoinAddress reports whether s is a Bitcoin address of either kind
// that [BitcoinLegacyAddress] or [BitcoinSegwitAddress] accepts.
func BitcoinAddress(s string) bool {
	return BitcoinLegacyAddress(s) || BitcoinSegwitAddress(s)
}

// BitcoinLegacyAddress reports whether s is a Base58Check Bitcoin address
// (case-sensitive, no separators): 25 bytes made of a version byte, a
// 20-byte hash and a 4-byte checksum equal to the start of the double
// SHA-256 of the first 21 bytes. The version must be 0x00 (P2PKH, "1..."),
// 0x05 (P2SH, "3..."), or their testnet forms 0x6F ("m..." or "n...") and
// 0xC4 ("2..."). Non-canonical encodings, with more or fewer leading "1"s
// than leading zero bytes, are rejected.
func BitcoinLegacyAddress(s string) bool {
	if len(s) < 25 || len(s) > 35 {
		return false
	}
	var raw [25]byte
	for i := range len(s) {
		carry := strings.IndexByte(base58Alphabet, s[i])
		if carry < 0 {
			return false
		}
		for j := len(raw) - 1; j >= 0; j-- {
			carry += int(raw[j]) * 58
			raw[j] = byte(carry)
			carry >>= 8
		}
		if carry != 0 {
			return false // more than 25 bytes
		}
	}
	ones, zeros := 0, 0
	for ones < len(s) && s[ones] == '1' {
		ones++
	}
	for zeros < len(raw) && raw[zeros] == 0 {
		zeros++
	}
	if ones != zeros {
		return false
	}
	switch raw[0] {
	case 0x00, 0x05, 0x6F, 0xC4:
	default:
		return false
	}
	first := sha256.Sum256(raw[:21])
	second := sha256.Sum256(first[:])
	return [4]byte(second[:4]) == [4]byte(raw[21:])
}

// bech32Charset maps 5-bit values to the characters of a bech32 string.
const bech32Charset = "qpzry9x8gf2tvdw0s3jn54khce6mua7l"

// Checksum constants: BIP 173 (bech32) for witness version 0, BIP 350
// (bech32m) for versions 1 to 16.
const (
	bech32Const  = 1
	bech32mConst = 0x2bc830a3
)

// bech32Step advances the BCH checksum by one 5-bit value.
func bech32Step(chk uint32, v byte) uint32 {
	gen := [5]uint32{0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3}
	top := chk >> 25
	chk = (chk&0x1ffffff)<<5 ^ uint32(v)
	for i := range 5 {
		if top>>i&1 != 0 {
			chk ^= gen[i]
		}
	}
	return chk
}

// BitcoinSegwitAddress reports whether s is a native segwit Bitcoin
// address: the human-readable part "bc" (mainnet) or "tb" (testnet), the
// separator "1", the witness version, the witness program and a six-character
// checksum, in all lower or all upper case, at most 90 characters
// ("bc1q..." for version 0, "bc1p..." for taproot). Version 0 must use the
// bech32 checksum and a 20- or 32-byte program; versions 1 to 16 must use
// bech32m and a program of 2 to 40 bytes.
func BitcoinSegwitAddress(s string) bool {
	if len(s) < 14 || len(s) > 90 {
		return false
	}
	var hasLower, hasUpper bool
	for i := range len(s) {
		c := s[i]
		hasLower = hasLower || 'a' <= c && c <= 'z'
		hasUpper = hasUpper || 'A' <= c && c <= 'Z'
	}
	if hasLower && hasUpper {
		return false
	}
	sep := 2
	if s[sep] != '1' {
		return false
	}
	hrp0, hrp1 := lower(s[0]), lower(s[1])
	if !(hrp0 == 'b' && hrp1 == 'c' || hrp0 == 't' && hrp1 == 'b') {
		return false
	}

	chk := uint32(1)
	for _, c := range [...]byte{hrp0, hrp1} {
		chk = bech32Step(chk, c>>5)
	}
	chk = bech32Step(chk, 0)
	for _, c := range [...]byte{hrp0, hrp1} {
		chk = bech32Step(chk, c&31)
	}

	data := s[sep+1:]
	version := -1
	acc, nbits, nbytes := 0, 0, 0
	for i := range len(data) {
		v := strings.IndexByte(bech32Charset, lower(data[i]))
		if v < 0 {
			return false
		}
		chk = bech32Step(chk, byte(v))
		switch {
		case i == 0:
			version = v
		case i < len(data)-6: // program: regroup 5-bit values into bytes
			acc = (acc<<5 | v) & 0xff
			nbits += 5
			if nbits >= 8 {
				nbits -= 8
				nbytes++
			}
		}
	}
	// Leftover bits are padding: fewer than five, all zero.
	if nbits >= 5 || acc&(1<<nbits-1) != 0 {
		return false
	}
	switch {
	case version == 0:
		return chk == bech32Const && (nbytes == 20 || nbytes == 32)
	case version >= 1 && version <= 16:
		return chk == bech32mConst && nbytes >= 2 && nbytes <= 40
	}
	return false
}

// EthereumAddress reports whether s is an Ethereum account address: "0x"
// followed by 40 hexadecimal digits. When the digits mix upper- and
// lower-case letters, the mix must be the EIP-55 checksum: a letter is
// upper case exactly when the matching nibble of the Keccak-256 hash of the
// lower-case address is 8 or more. All-lower and all-upper addresses carry
// no checksum and pass on their format alone.
func EthereumAddress(s string) bool {
	if len(s) != 42 || s[0] != '0' || s[1] != 'x' {
		return false
	}
	var hex [40]byte
	var hasLower, hasUpper bool
	for i := range 40 {
		c := s[2+i]
		switch {
		case isDigit(c):
		case 'a' <= c && c <= 'f':
			hasLower = true
		case 'A' <= c && c <= 'F':
			hasUpper = true
			c |= 0x20
		default:
			return false
		}
		hex[i] = c
	}
	if !hasLower || !hasUpper {
		return true
	}
	h := keccak256(hex[:])
	for i := range 40 {
		c := s[2+i]
		if isDigit(c) {
			continue
		}
		nibble := h[i/2] >> 4
		if i%2 == 1 {
			nibble = h[i/2] & 0xf
		}
		if (nibble >= 8) != isUpper(c) {
			return false
		}
	}
	return true
}
