package injection

import (
	"context"
	"encoding/base64"
	"encoding/hex"
	"net/url"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Encoded payloads. A model reads base64, hex, binary, URL escapes, rot13,
// reversed text and pig latin well enough to follow an instruction hidden
// in them, so the detector decodes what looks like such a segment and
// scans the result again, down to the configured depth and within the
// decoded-bytes budget. Evidence found inside is reported as
// payload_smuggling over the encoded segment of the original text.

// minEncoded is the shortest run taken for base64 or hex: shorter ones are
// mostly identifiers and hashes of no interest, and decode to a few bytes.
const minEncoded = 16

// smugglingBoost raises decoded evidence: hiding an instruction is itself
// a sign of intent.
const smugglingBoost = 0.2

// decodedEvidence decodes the encoded segments of text and appends what
// they hide.
func (d *Detector) decodedEvidence(ctx context.Context, sc *scratch, dst []candidate, text string,
	doc bool, depth int, hints decodeHints, starts []int) []candidate {
	for _, seg := range segmentsAt(text, starts) {
		if ctx.Err() != nil || sc.budget <= 0 {
			break
		}
		dst = d.smuggled(ctx, sc, dst, seg, doc, depth)
	}
	if hints.rot13 >= 3 {
		dst = d.smuggled(ctx, sc, dst, segment{kind: "rot13", start: 0, end: len(text),
			plain: rot13(text), same: true}, doc, depth)
	}
	if hints.reversed >= 3 {
		dst = d.smuggled(ctx, sc, dst, segment{kind: "reversed", start: 0, end: len(text),
			plain: reverseRunes(text), mirrored: true}, doc, depth)
	}
	if strings.Count(text, "ay ") >= 3 {
		if s, e, plain, ok := pigLatin(text); ok {
			dst = d.smuggled(ctx, sc, dst, segment{kind: "pig_latin", start: s, end: e, plain: plain},
				doc, depth)
		}
	}
	return dst
}

// decodeHints counts the lexicon's rot13 and reversed words in a text:
// three of them mean the text is worth reading that way.
type decodeHints struct{ rot13, reversed int }

func hintsOf(es []event) decodeHints {
	var h decodeHints
	for _, e := range es {
		if e.c.has(of(cRot13)) {
			h.rot13++
		}
		if e.c.has(of(cReversed)) {
			h.reversed++
		}
	}
	return h
}

// A segment is an encoded stretch [start, end) of a text and what it
// decodes to. When same is set the decoding keeps every byte offset
// (rot13); when mirrored is set offset p of plain is len-p of the text.
type segment struct {
	kind       string
	start, end int
	plain      string
	same       bool
	mirrored   bool
}

// smuggled scans seg's plain text and appends one payload_smuggling
// candidate per piece of evidence, placed on the original text.
func (d *Detector) smuggled(ctx context.Context, sc *scratch, dst []candidate, seg segment,
	doc bool, depth int) []candidate {
	if len(seg.plain) > sc.budget {
		return dst
	}
	sc.budget -= len(seg.plain)
	norm := d.norm.Normalize(seg.plain)
	inner := d.evidence(ctx, sc, nil, seg.plain, norm, doc, depth+1)
	best := -1
	for i, c := range inner {
		if c.score >= 0.3 && (best < 0 || c.score > inner[best].score) {
			best = i
		}
		if seg.same || seg.mirrored {
			s, e := c.start, c.end
			if seg.mirrored {
				s, e = len(seg.plain)-e, len(seg.plain)-s
			}
			if c.score >= 0.3 {
				dst = append(dst, smugglingCandidate(seg.kind, c, s, e))
			}
		}
	}
	if best >= 0 && !seg.same && !seg.mirrored {
		dst = append(dst, smugglingCandidate(seg.kind, inner[best], seg.start, seg.end))
	}
	return dst
}

func smugglingCandidate(kind string, c candidate, start, end int) candidate {
	return candidate{category: CategorySmuggling, name: kind, severity: high,
		score: c.score + (1-c.score)*smugglingBoost, start: start, end: end, smuggled: true}
}

// segmentsAt runs the decoders on the tokens starting at starts, in
// order, skipping those inside a segment already decoded.
func segmentsAt(text string, starts []int) []segment {
	var segs []segment
	done := 0
	for _, i := range starts {
		if i < done {
			continue
		}
		j := i
		pct := false
		for j < len(text) && tokenByte(text[j]) {
			pct = pct || text[j] == '%'
			j++
		}
		if s, n, ok := decodeAt(text, i, j-i, pct); ok {
			segs = append(segs, s)
			done = i + n
		}
	}
	return segs
}

// decodeAt tries the decoders that fit the token of n bytes at i; pct
// says whether it holds a '%'.
func decodeAt(text string, i, n int, pct bool) (segment, int, bool) {
	if i >= len(text) {
		return segment{}, 0, false
	}
	switch c := text[i]; {
	case c == '.' || c == '-':
		return morseAt(text, i)
	case c == '0' || c == '1':
		if s, k, ok := binaryAt(text, i); ok {
			return s, k, ok
		}
	}
	if pct {
		if s, k, ok := urlEscapedAt(text, i); ok {
			return s, k, ok
		}
	}
	if n == 2 && i+4 < len(text) && hexByte(text[i]) && hexByte(text[i+1]) && text[i+2] == ' ' {
		return spacedHexAt(text, i)
	}
	if n < minEncoded && !(n >= 4 && (text[i] == '\\' || text[i] == '0') && text[i+1] == 'x') {
		return segment{}, 0, false
	}
	if s, k, ok := hexAt(text, i); ok {
		return s, k, ok
	}
	return base64At(text, i)
}

func tokenByte(c byte) bool { return c > ' ' && c != '\'' && c != '"' && c != '`' }

// morse maps Morse code to letters and digits.
var morse = map[string]byte{
	".-": 'a', "-...": 'b', "-.-.": 'c', "-..": 'd', ".": 'e', "..-.": 'f', "--.": 'g',
	"....": 'h', "..": 'i', ".---": 'j', "-.-": 'k', ".-..": 'l', "--": 'm', "-.": 'n',
	"---": 'o', ".--.": 'p', "--.-": 'q', ".-.": 'r', "...": 's', "-": 't', "..-": 'u',
	"...-": 'v', ".--": 'w', "-..-": 'x', "-.--": 'y', "--..": 'z', "-----": '0',
	".----": '1', "..---": '2', "...--": '3', "....-": '4', ".....": '5', "-....": '6',
	"--...": '7', "---..": '8', "----.": '9',
}

// morseAt reads Morse code: letters of dots and dashes separated by
// spaces, words by " / " or three spaces.
func morseAt(text string, i int) (segment, int, bool) {
	var b []byte
	j := i
	letters := 0
	for j < len(text) {
		k := j
		for k < len(text) && (text[k] == '.' || text[k] == '-') {
			k++
		}
		if k > j {
			c, ok := morse[text[j:k]]
			if !ok {
				break
			}
			b = append(b, c)
			letters++
			j = k
		} else if text[j] == '/' {
			b = append(b, ' ')
			j++
		} else {
			break
		}
		sp := 0
		for j+sp < len(text) && text[j+sp] == ' ' {
			sp++
		}
		if sp == 0 || j+sp == len(text) {
			break
		}
		if sp >= 3 {
			b = append(b, ' ')
		}
		j += sp
	}
	if letters < 6 {
		return segment{}, 0, false
	}
	plain := strings.Join(strings.Fields(string(b)), " ")
	if !readable([]byte(plain)) {
		return segment{}, 0, false
	}
	return segment{kind: "morse", start: i, end: j, plain: plain}, j - i, true
}

func b64Byte(c byte) bool {
	return isASCIILetter(c) || '0' <= c && c <= '9' || c == '+' || c == '/' || c == '-' || c == '_'
}

func base64At(text string, i int) (segment, int, bool) {
	j := i
	digits, upper, lower, sym := 0, 0, 0, 0
	for j < len(text) && b64Byte(text[j]) {
		switch c := text[j]; {
		case '0' <= c && c <= '9':
			digits++
		case 'A' <= c && c <= 'Z':
			upper++
		case 'a' <= c && c <= 'z':
			lower++
		default:
			sym++
		}
		j++
	}
	body := j
	for j < len(text) && text[j] == '=' && j-body < 2 {
		j++
	}
	n := body - i
	if n < minEncoded || upper == 0 || lower == 0 || digits+sym == 0 && upper < 3 {
		return segment{}, 0, false
	}
	raw := strings.TrimRight(text[i:j], "=")
	enc := base64.RawStdEncoding
	if strings.ContainsAny(raw, "-_") {
		enc = base64.RawURLEncoding
	}
	b, err := enc.DecodeString(raw)
	if err != nil || !readable(b) && !nested(b) {
		return segment{}, 0, false
	}
	return segment{kind: "base64", start: i, end: j, plain: string(b)}, j - i, true
}

func hexByte(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

func hexAt(text string, i int) (segment, int, bool) {
	start := i
	if strings.HasPrefix(text[i:], "0x") || strings.HasPrefix(text[i:], "\\x") {
		return escapedHexAt(text, i)
	}
	j := i
	for j < len(text) && hexByte(text[j]) {
		j++
	}
	if j-start < minEncoded || (j-start)%2 != 0 || j < len(text) && b64Byte(text[j]) {
		return segment{}, 0, false
	}
	b, err := hex.DecodeString(text[start:j])
	if err != nil || !readable(b) {
		return segment{}, 0, false
	}
	return segment{kind: "hex", start: start, end: j, plain: string(b)}, j - start, true
}

// escapedHexAt reads \x41\x42... or 0x41 0x42 ...
func escapedHexAt(text string, i int) (segment, int, bool) {
	var b []byte
	j := i
	for j+3 < len(text)+0 && (text[j] == '\\' || text[j] == '0') && text[j+1] == 'x' &&
		hexByte(text[j+2]) && j+3 < len(text) && hexByte(text[j+3]) {
		v, _ := hex.DecodeString(text[j+2 : j+4])
		b = append(b, v...)
		j += 4
		for j < len(text) && (text[j] == ' ' || text[j] == ',') && j+1 < len(text) &&
			(text[j+1] == '0' || text[j+1] == '\\') {
			j++
		}
	}
	if len(b) < minEncoded/2 || !readable(b) {
		return segment{}, 0, false
	}
	return segment{kind: "hex", start: i, end: j, plain: string(b)}, j - i, true
}

// spacedHexAt reads byte pairs separated by single spaces: "57 68 61 74".
func spacedHexAt(text string, i int) (segment, int, bool) {
	var b []byte
	j := i
	for j+1 < len(text) && hexByte(text[j]) && hexByte(text[j+1]) &&
		(j+2 == len(text) || !b64Byte(text[j+2])) {
		v, _ := hex.DecodeString(text[j : j+2])
		b = append(b, v...)
		j += 2
		if j+2 < len(text) && text[j] == ' ' && hexByte(text[j+1]) {
			j++
			continue
		}
		break
	}
	if len(b) < 6 || !readable(b) {
		return segment{}, 0, false
	}
	return segment{kind: "hex", start: i, end: j, plain: string(b)}, j - i, true
}

// binaryAt reads groups of eight bits separated by spaces.
func binaryAt(text string, i int) (segment, int, bool) {
	var b []byte
	j := i
	for j+8 <= len(text) && isBits(text[j:j+8]) && (j+8 == len(text) || text[j+8] == ' ' ||
		text[j+8] == '\n' || !b64Byte(text[j+8])) {
		var v byte
		for k := range 8 {
			v = v<<1 | (text[j+k] - '0')
		}
		b = append(b, v)
		j += 8
		if j+1 < len(text) && text[j] == ' ' && (text[j+1] == '0' || text[j+1] == '1') {
			j++
			continue
		}
		break
	}
	if len(b) < 4 || !readable(b) {
		return segment{}, 0, false
	}
	return segment{kind: "binary", start: i, end: j, plain: string(b)}, j - i, true
}

func isBits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] != '0' && s[i] != '1' {
			return false
		}
	}
	return true
}

// urlEscapedAt reads a token holding at least three %XX escapes.
func urlEscapedAt(text string, i int) (segment, int, bool) {
	j := i
	escapes := 0
	for j < len(text) && text[j] > ' ' && text[j] != '"' && text[j] != '\'' {
		if text[j] == '%' && j+2 < len(text) && hexByte(text[j+1]) && hexByte(text[j+2]) {
			escapes++
		}
		j++
	}
	if escapes < 3 {
		return segment{}, 0, false
	}
	s, err := url.QueryUnescape(text[i:j])
	if err != nil || !readable([]byte(s)) {
		return segment{}, 0, false
	}
	return segment{kind: "url_encoding", start: i, end: j, plain: s}, j - i, true
}

// nested reports whether b is itself a run of base64 or hex, the next
// layer of a nested encoding.
func nested(b []byte) bool {
	if len(b) < minEncoded {
		return false
	}
	for _, c := range b {
		if !b64Byte(c) && c != '=' {
			return false
		}
	}
	return true
}

// readable reports whether b is UTF-8 text made mostly of letters and
// spaces, as a hidden instruction is; random bytes and binary data are
// not.
func readable(b []byte) bool {
	if !utf8.Valid(b) || len(b) < 4 {
		return false
	}
	letters, spaces, other := 0, 0, 0
	for _, r := range string(b) {
		switch {
		case unicode.IsLetter(r):
			letters++
		case r == ' ':
			spaces++
		case unicode.IsPrint(r) || r == '\n' || r == '\t':
			other++
		default:
			return false
		}
	}
	n := letters + spaces + other
	return spaces > 0 && letters*10 >= n*6
}

func rot13(s string) string {
	b := []byte(s)
	for i, c := range b {
		switch {
		case 'a' <= c && c <= 'z':
			b[i] = 'a' + (c-'a'+13)%26
		case 'A' <= c && c <= 'Z':
			b[i] = 'A' + (c-'A'+13)%26
		}
	}
	return string(b)
}

func reverseRunes(s string) string {
	b := make([]byte, 0, len(s))
	for i := len(s); i > 0; {
		_, n := utf8.DecodeLastRuneInString(s[:i])
		b = append(b, s[i-n:i]...)
		i -= n
	}
	return string(b)
}

// pigLatin finds the longest run of words of which most end in "ay" and
// returns it read back into English.
func pigLatin(text string) (int, int, string, bool) {
	words := 0
	ay := 0
	first, last := -1, -1
	for i := 0; i < len(text); {
		for i < len(text) && !isASCIILetter(text[i]) {
			i++
		}
		j := i
		for j < len(text) && isASCIILetter(text[j]) {
			j++
		}
		if j == i {
			break
		}
		words++
		if j-i >= 4 && strings.EqualFold(text[j-2:j], "ay") {
			ay++
			if first < 0 {
				first = i
			}
			last = j
		}
		i = j
	}
	if ay < 4 || ay*10 < words*6 {
		return 0, 0, "", false
	}
	var b strings.Builder
	seg := text[first:last]
	for i := 0; i < len(seg); {
		j := i
		for j < len(seg) && isASCIILetter(seg[j]) {
			j++
		}
		b.WriteString(unPig(seg[i:j]))
		for i = j; i < len(seg) && !isASCIILetter(seg[i]); i++ {
			b.WriteByte(seg[i])
		}
	}
	return first, last, b.String(), true
}

// unPig reads one pig-latin word: "erewhay" is "where", "urrentlycay" is
// "currently", "useryay" is "user".
func unPig(w string) string {
	lw := strings.ToLower(w)
	if len(lw) < 4 || !strings.HasSuffix(lw, "ay") {
		return w
	}
	body := lw[:len(lw)-2]
	if strings.HasSuffix(body, "y") && len(body) > 2 && isVowel(body[0]) {
		return body[:len(body)-1]
	}
	if strings.HasSuffix(body, "w") && len(body) > 2 && isVowel(body[0]) {
		return body[:len(body)-1]
	}
	// Move the moved consonants back to the front: of the consonants that
	// end the body, the longest tail (up to three) that can begin an
	// English word.
	k := len(body)
	for k > 0 && !isVowel(body[k-1]) && len(body)-k < 3 {
		k--
	}
	for k < len(body)-1 && !onset(body[k:]) {
		k++
	}
	return body[k:] + body[:k]
}

// onset reports whether s can begin an English word.
func onset(s string) bool {
	if len(s) == 1 {
		return true
	}
	switch s {
	case "th", "wh", "sh", "ch", "st", "str", "pr", "tr", "cr", "gr", "br", "bl", "cl", "fl",
		"pl", "sl", "sp", "sc", "sk", "sm", "sn", "sw", "tw", "dr", "fr", "gl", "kn", "wr",
		"ph", "qu", "scr", "spr", "spl", "thr", "shr", "squ", "sch", "chr":
		return true
	}
	return false
}

func isVowel(c byte) bool { return strings.IndexByte("aeiou", c) >= 0 }
