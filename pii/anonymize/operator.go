package anonymize

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"hash"
	"strings"
	"unicode"
	"unicode/utf8"
)

// opKind says what an [Operator] does. The zero value is invalid, so that a
// forgotten Operator{} cannot silently keep personal data.
type opKind uint8

const (
	opInvalid opKind = iota
	opRedact
	opReplace
	opTag
	opMask
	opHash
	opEncrypt
	opPseudonym
	opKeep
)

var opNames = [...]string{
	"invalid", "redact", "replace", "tag", "mask", "hash", "encrypt", "pseudonym", "keep",
}

// An Operator says how one entity type is rewritten. Operators are values
// made by [Redact], [Replace], [Tag], [Mask], [Hash], [Encrypt],
// [Pseudonym] and [Keep], and handed to [New] through [For] and [Default];
// the zero Operator is invalid and New rejects it. An Operator is
// immutable and safe for concurrent use. Formatting one with fmt prints its
// name only, never a key.
type Operator struct {
	kind opKind
	text string // opReplace
	mask rune   // opMask
	keep int    // opMask
	key  []byte // opHash
	aead cipher.AEAD
	err  error // reported by New, so that constructors need not return one
}

// String returns the operator's name, such as "hash"; it never shows a key.
func (o Operator) String() string { return opNames[o.kind] }

// GoString is String, so that %#v does not print key material either.
func (o Operator) GoString() string { return "anonymize.Operator(" + o.String() + ")" }

// Redact returns the operator that removes a value and leaves nothing in
// its place. [Replace] leaves a fixed text instead, [Tag] the entity type.
func Redact() Operator { return Operator{kind: opRedact} }

// Replace returns the operator that writes text in place of every value,
// "[REDACTED]" say. Pick a text that the scanner does not match, or
// sanitizing twice will not equal sanitizing once.
func Replace(text string) Operator {
	o := Operator{kind: opReplace, text: text}
	if !utf8.ValidString(text) {
		o.err = errors.New("replacement text is not valid UTF-8")
	}
	return o
}

// Tag returns the operator that writes the entity type in angle brackets,
// "<PERSON>" for a name. The type is upper-cased and any character other
// than A-Z, 0-9 and '_' becomes '_', so that a tag never carries text from
// a host's category names that a scanner might match.
func Tag() Operator { return Operator{kind: opTag} }

// Mask returns the operator that writes r over every letter and digit of a
// value except the last keepLast, and leaves spaces, punctuation and other
// symbols where they are, so a card "4111-1111-1111-1234" becomes
// "****-****-****-1234" with Mask('*', 4). Counting is in characters, not
// bytes; a value with keepLast letters and digits or fewer is masked whole,
// because leaving it untouched would hide nothing. A negative keepLast or a
// rune that is not a valid, printable character makes [New] fail.
//
// Masking keeps the value's length and its last characters: it is meant
// for humans who need to recognise a value, not for hiding it from a model
// that has the rest of the conversation.
func Mask(r rune, keepLast int) Operator {
	o := Operator{kind: opMask, mask: r, keep: keepLast}
	switch {
	case keepLast < 0:
		o.err = fmt.Errorf("mask keeps %d characters", keepLast)
	case !utf8.ValidRune(r) || !unicode.IsPrint(r):
		o.err = fmt.Errorf("mask rune %U is not a printable character", r)
	}
	return o
}

// MinKeyLen is the shortest key [Hash] and [PseudonymKey] accept. A keyed
// hash of a short value such as a card number or an SSN can be reversed by
// trying every value; only the key stops that, so it must be long enough
// not to be guessed itself.
const MinKeyLen = 16

// hashHexLen is the number of hex digits of a hash token: 48 bits, enough
// that two values of one conversation, or of millions, almost never share
// a token, and short enough to read.
const hashHexLen = 12

// Hash returns the operator that replaces a value with a keyed hash token,
// "<EMAIL:3fa4c2d1e0b9>": the first 48 bits of HMAC-SHA-256 of the value
// under key, in hex, after the entity type. The same value gives the same
// token under the same key, whatever its type, so that records can be
// joined on it; nobody without the key can tell which value a token
// stands for, even by trying every card number. key must be at least
// [MinKeyLen] bytes; [New] copies it.
//
// Tokens are not restorable: use [Encrypt] or [Pseudonym] for that.
func Hash(key []byte) Operator {
	o := Operator{kind: opHash, key: append([]byte(nil), key...)}
	if len(key) < MinKeyLen {
		o.err = fmt.Errorf("hash key is %d bytes, want at least %d", len(key), MinKeyLen)
	}
	return o
}

// Encrypt returns the operator that replaces a value with an AES-GCM
// encryption of it under key (16, 24 or 32 bytes for AES-128, -192 or
// -256), written as "<EMAIL:enc1:...>" with the nonce and ciphertext in
// unpadded base64url, so the token survives JSON, URLs and most model
// tokenisers unchanged. [Decrypt] reverses it with the same key. The entity
// type is authenticated with the value, so a token moved under another
// type does not decrypt.
//
// Each value gets a fresh random nonce: without a vault, one value gives a
// different token every time, which hides repetition but also means two
// mentions of one person look like two people. With a vault (see
// [guard.RestorePseudonyms]) a value keeps one token for the whole call and
// the guard restores the original in the model's reply. A token is about
// 40 bytes longer than its value.
func Encrypt(key []byte) Operator {
	o := Operator{kind: opEncrypt}
	block, err := aes.NewCipher(key)
	if err != nil {
		o.err = fmt.Errorf("encryption key is %d bytes, want 16, 24 or 32", len(key))
		return o
	}
	o.aead, _ = cipher.NewGCM(block) // cannot fail for AES's block size
	return o
}

// Pseudonym returns the operator that replaces a value with a realistic
// stand-in of the same kind and layout: a name with another name, an
// e-mail address with one under a reserved domain, a phone number, card,
// IBAN or SSN with a fictional one in the same format. The package comment
// lists every format. With a vault in the input, each value gets one
// pseudonym for the whole call and the guard can restore it; without one,
// the pseudonym is a keyed function of the value and cannot be restored.
func Pseudonym() Operator { return Operator{kind: opPseudonym} }

// Keep returns the operator that leaves a value as it is: for types a host
// wants detected and reported but not rewritten.
func Keep() Operator { return Operator{kind: opKeep} }

// validate reports why o cannot be used.
func (o Operator) validate() error {
	if o.kind == opInvalid || int(o.kind) >= len(opNames) {
		return errors.New("zero Operator; use Redact, Replace, Tag, Mask, Hash, Encrypt, Pseudonym or Keep")
	}
	return o.err
}

// tagName turns a category into the part of a token that names it.
func tagName(category string) string {
	if category == "" {
		return "ENTITY"
	}
	if isTagName(category) {
		return category
	}
	b := []byte(category)
	for i, c := range b {
		switch {
		case 'a' <= c && c <= 'z':
			b[i] = c - ('a' - 'A')
		case 'A' <= c && c <= 'Z', '0' <= c && c <= '9', c == '_':
		default:
			b[i] = '_'
		}
	}
	return string(b)
}

func maskText(s string, r rune, keepLast int) string {
	total := 0
	for _, c := range s {
		if maskable(c) {
			total++
		}
	}
	if total <= keepLast {
		keepLast = 0
	}
	var b strings.Builder
	b.Grow(len(s))
	seen := 0
	for _, c := range s {
		if !maskable(c) {
			b.WriteRune(c)
			continue
		}
		seen++
		if seen > total-keepLast {
			b.WriteRune(c)
		} else {
			b.WriteRune(r)
		}
	}
	return b.String()
}

func maskable(r rune) bool { return unicode.IsLetter(r) || unicode.IsNumber(r) }

// hashToken writes the token of value; m is an HMAC-SHA-256 under the
// operator's key, freshly reset.
func hashToken(m hash.Hash, category, value string) string {
	m.Write([]byte(value))
	var sum [sha256.Size]byte
	return "<" + tagName(category) + ":" + hex.EncodeToString(m.Sum(sum[:0])[:hashHexLen/2]) + ">"
}

const encPrefix = "enc1:"

// encryptToken seals value under a fresh nonce. crypto/rand.Read does not
// fail (since Go 1.24 it aborts the program instead), so neither does this.
func encryptToken(aead cipher.AEAD, tag, value string) string {
	buf := make([]byte, aead.NonceSize(), aead.NonceSize()+len(value)+aead.Overhead())
	rand.Read(buf)
	buf = aead.Seal(buf, buf, []byte(value), []byte(tag))
	return "<" + tag + ":" + encPrefix + base64.RawURLEncoding.EncodeToString(buf) + ">"
}

// ErrInvalidToken reports a token that [Decrypt] cannot open: malformed,
// truncated, encrypted under another key or altered.
var ErrInvalidToken = errors.New("anonymize: invalid token")

// Decrypt returns the value that an [Encrypt] token stands for. token is
// the whole token as the operator wrote it, angle brackets included; key
// is the operator's key. It fails with [ErrInvalidToken] when the token is
// malformed or does not authenticate under key, and never says more, so an
// error cannot help anyone forge a token. Decrypt is safe for concurrent
// use.
func Decrypt(token string, key []byte) (string, error) {
	block, err := aes.NewCipher(key)
	if err != nil {
		return "", fmt.Errorf("anonymize: decryption key is %d bytes, want 16, 24 or 32", len(key))
	}
	aead, _ := cipher.NewGCM(block)
	v, ok := openToken(aead, token)
	if !ok {
		return "", ErrInvalidToken
	}
	return v, nil
}

// openToken parses and authenticates an encryption token.
func openToken(aead cipher.AEAD, token string) (string, bool) {
	tag, payload, ok := splitToken(token)
	if !ok || !strings.HasPrefix(payload, encPrefix) {
		return "", false
	}
	raw, err := base64.RawURLEncoding.DecodeString(payload[len(encPrefix):])
	if err != nil || len(raw) < aead.NonceSize()+aead.Overhead() {
		return "", false
	}
	n := aead.NonceSize()
	plain, err := aead.Open(nil, raw[:n], raw[n:], []byte(tag))
	if err != nil || !utf8.Valid(plain) {
		return "", false
	}
	return string(plain), true
}

// splitToken splits "<TAG:payload>" into its parts.
func splitToken(t string) (tag, payload string, ok bool) {
	if len(t) < 4 || t[0] != '<' || t[len(t)-1] != '>' {
		return "", "", false
	}
	tag, payload, ok = strings.Cut(t[1:len(t)-1], ":")
	if !ok || !isTagName(tag) {
		return "", "", false
	}
	return tag, payload, true
}

func isTagName(s string) bool {
	if s == "" || s[0] < 'A' || s[0] > 'Z' {
		return false
	}
	for i := 1; i < len(s); i++ {
		if c := s[i]; (c < 'A' || c > 'Z') && (c < '0' || c > '9') && c != '_' {
			return false
		}
	}
	return true
}
