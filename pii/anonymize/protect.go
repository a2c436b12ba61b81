package anonymize

import "strings"

// A scanner run over text this package already rewrote can match inside
// what it wrote: a digit rule inside the hex of "<EMAIL:301245678901>", a
// high-entropy rule inside an encryption token. Rewriting those again
// would break idempotence and, for an encryption token, make it
// undecryptable, so findings that lie wholly inside a token are dropped.
//
// Tags, vault tags and hash tokens are recognised by shape alone. Someone
// could wrap a value in that shape to keep it from being rewritten, but
// only deliberately, and only a value of at most twelve hex digits for a
// hash token; nobody types their own card number that way by accident.
// Encryption tokens are recognised only when they authenticate under one of
// the anonymizer's keys, which nobody without the key can forge.

// span is a half-open byte range.
type span struct{ start, end int }

// tokens returns the ranges of text that hold tokens this anonymizer
// could have written, in order.
func (a *Anonymizer) tokens(text string) []span {
	var out []span
	for i := 0; i < len(text); {
		j := strings.IndexByte(text[i:], '<')
		if j < 0 {
			break
		}
		start := i + j
		end := a.tokenEnd(text, start)
		if end < 0 {
			i = start + 1
			continue
		}
		out = append(out, span{start, end})
		i = end
	}
	return out
}

// maxToken bounds the search for a token's closing bracket. An encryption
// token of a value up to 1 KiB fits; longer values are rare in findings and
// lose nothing but idempotence.
const maxToken = 1500

// tokenEnd returns the end of the token that starts at text[start] ('<'),
// or -1 when there is none.
func (a *Anonymizer) tokenEnd(text string, start int) int {
	rest := text[start+1 : min(len(text), start+maxToken)]
	k := strings.IndexByte(rest, '>')
	if k < 0 {
		return -1
	}
	body := rest[:k]
	end := start + 1 + k + 1
	tag, payload, hasPayload := strings.Cut(body, ":")
	switch {
	case !isTagName(tag):
		return -1
	case !hasPayload:
		return end // "<PERSON>" or a vault's "<PERSON_3>"
	case len(payload) == hashHexLen && isLowerHex(payload):
		return end
	case strings.HasPrefix(payload, encPrefix):
		for _, aead := range a.aeads {
			if _, ok := openToken(aead, text[start:end]); ok {
				return end
			}
		}
	}
	return -1
}

func isLowerHex(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; (c < '0' || c > '9') && (c < 'a' || c > 'f') {
			return false
		}
	}
	return true
}

// inside reports whether [start, end) lies within one of the sorted
// ranges.
func inside(ranges []span, start, end int) bool {
	for _, r := range ranges {
		if r.start > start {
			return false
		}
		if end <= r.end {
			return true
		}
	}
	return false
}
