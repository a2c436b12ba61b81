package pii

import (
	"regexp/syntax"
	"unicode"
	"unicode/utf8"
)

// A need is what every match of one alternative of a pattern must hold:
// a least length, least numbers of ASCII digits and capitals, the longest
// run of consecutive digits it is sure to contain, and the ASCII bytes it
// always contains. Needs are worked out once from the parsed pattern, so
// that a chunk which cannot hold a match is skipped without running the
// regular expression: most chunks of a prompt fail on counts alone.
type need struct {
	length, digits, upper, letters, run int
	bytes                               [2]uint64
	// anyOf holds classes of punctuation ("[/.-]") of which a match holds
	// at least one byte each.
	anyOf [maxAnyOf][2]uint64
	nAny  int
	// runs has bit n set for each run of exactly n digits (n < 64) that a
	// match holds between non-digits; see exactRuns.
	runs uint64
}

const maxAnyOf = 3

// satisfied reports whether c may hold a match with need n.
func (n *need) satisfied(c *chunk) bool {
	if c.end-c.start < n.length || c.digits < n.digits || c.upper < n.upper ||
		c.letters < n.letters || c.run < n.run ||
		c.runs&n.runs != n.runs ||
		c.set[0]&n.bytes[0] != n.bytes[0] || c.set[1]&n.bytes[1] != n.bytes[1] {
		return false
	}
	for i := range n.nAny {
		if c.set[0]&n.anyOf[i][0] == 0 && c.set[1]&n.anyOf[i][1] == 0 {
			return false
		}
	}
	return true
}

// addAny records that a match holds one of the bytes of m.
func (n *need) addAny(m [2]uint64) {
	if n.nAny < maxAnyOf && m != [2]uint64{} {
		n.anyOf[n.nAny] = m
		n.nAny++
	}
}

// needsOf returns one need per top-level alternative of expr, or nil when
// the pattern cannot be analysed (every chunk then runs it).
func needsOf(expr string) []need {
	var out []need
	// The parser factors common prefixes out of alternations, which would
	// hide the layout of each alternative; split them first.
	for _, alt := range splitTop(expr) {
		re, err := syntax.Parse(alt, syntax.Perl)
		if err != nil {
			return nil
		}
		re = re.Simplify()
		n := needOf(re).need
		n.runs = exactRuns(re)
		// Chunks record only bytes other than letters and digits.
		n.bytes[0] &= punctMask[0]
		n.bytes[1] &= punctMask[1]
		out = append(out, n)
	}
	return out
}

// splitTop splits expr at the "|" that are outside groups and classes.
func splitTop(expr string) []string {
	var (
		out   []string
		depth int
		class bool
		last  int
	)
	for i := 0; i < len(expr); i++ {
		switch c := expr[i]; {
		case c == '\\':
			i++
		case class:
			class = c != ']'
		case c == '[':
			class = true
			if i+1 < len(expr) && expr[i+1] == ']' {
				i++
			}
		case c == '(':
			depth++
		case c == ')':
			depth--
		case c == '|' && depth == 0:
			out = append(out, expr[last:i])
			last = i + 1
		}
	}
	return append(out, expr[last:])
}

// part is the need of a piece of a pattern, with the digit runs at its
// edges so that a concatenation can join them. fixed is set when the piece
// is a run of digits and nothing else.
type part struct {
	need
	lead, trail int
	fixed       bool
}

func needOf(re *syntax.Regexp) part {
	switch re.Op {
	case syntax.OpLiteral:
		var p part
		p.fixed = true
		for _, r := range re.Rune {
			p.length += utf8.RuneLen(r)
			if r < 128 && byteClass[r]&classLetter != 0 {
				p.letters++
			}
			if re.Flags&syntax.FoldCase == 0 && r < 128 {
				p.bytes[r>>6] |= 1 << (r & 63)
				if r >= 'A' && r <= 'Z' {
					p.upper++
				}
			}
			if r >= '0' && r <= '9' {
				p.digits++
				p.trail++
			} else {
				p.fixed = false
				p.trail = 0
			}
			p.run = max(p.run, p.trail)
			if p.fixed {
				p.lead = p.trail
			}
		}
		return p
	case syntax.OpCharClass:
		p := part{need: need{length: 1}}
		switch {
		case within(re.Rune, '0', '9'):
			p.digits, p.run, p.lead, p.trail, p.fixed = 1, 1, 1, 1, true
		case within(re.Rune, 'A', 'Z'):
			p.upper, p.letters = 1, 1
		case lettersOnly(re.Rune):
			p.letters = 1
		default:
			if m, ok := punctClass(re.Rune); ok {
				p.addAny(m)
			}
		}
		return p
	case syntax.OpAnyChar, syntax.OpAnyCharNotNL:
		return part{need: need{length: 1}}
	case syntax.OpCapture:
		return needOf(re.Sub[0])
	case syntax.OpConcat:
		p := part{fixed: true}
		for _, s := range re.Sub {
			q := needOf(s)
			joined := p.trail + q.lead
			p.length += q.length
			p.digits += q.digits
			p.upper += q.upper
			p.letters += q.letters
			p.bytes[0] |= q.bytes[0]
			p.bytes[1] |= q.bytes[1]
			p.run = max(p.run, q.run, joined)
			for i := range q.nAny {
				p.addAny(q.anyOf[i])
			}
			if p.fixed {
				p.lead = joined
			}
			if q.fixed {
				p.trail = joined
			} else {
				p.trail = q.trail
			}
			p.fixed = p.fixed && q.fixed
		}
		return p
	case syntax.OpAlternate:
		p := needOf(re.Sub[0])
		for _, s := range re.Sub[1:] {
			q := needOf(s)
			p.length = min(p.length, q.length)
			p.digits = min(p.digits, q.digits)
			p.upper = min(p.upper, q.upper)
			p.letters = min(p.letters, q.letters)
			p.run = min(p.run, q.run)
			p.lead = min(p.lead, q.lead)
			p.trail = min(p.trail, q.trail)
			p.bytes[0] &= q.bytes[0]
			p.bytes[1] &= q.bytes[1]
			p.nAny = 0
			p.fixed = false
		}
		return p
	case syntax.OpPlus:
		q := needOf(re.Sub[0])
		q.fixed = false
		return q
	case syntax.OpRepeat:
		q := needOf(re.Sub[0])
		if re.Min == 0 {
			return part{}
		}
		p := q
		p.length *= re.Min
		p.digits *= re.Min
		p.upper *= re.Min
		p.letters *= re.Min
		if q.fixed {
			p.run = q.run * re.Min
			p.lead, p.trail = p.run, p.run
			p.fixed = re.Max == re.Min
		}
		return p
	}
	// OpStar, OpQuest, OpEmptyMatch, anchors and boundaries need nothing.
	return part{}
}

// within reports whether the ranges of a character class lie inside
// [lo, hi].
func within(ranges []rune, lo, hi rune) bool {
	if len(ranges) == 0 {
		return false
	}
	for i := 0; i+1 < len(ranges); i += 2 {
		if ranges[i] < lo || ranges[i+1] > hi {
			return false
		}
	}
	return true
}

// punctClass returns the byte mask of a character class made only of
// ASCII punctuation and spaces.
func punctClass(ranges []rune) ([2]uint64, bool) {
	var m [2]uint64
	for i := 0; i+1 < len(ranges); i += 2 {
		for r := ranges[i]; r <= ranges[i+1]; r++ {
			if r >= 128 || byteClass[r]&(classPunct|classSpace) == 0 {
				return [2]uint64{}, false
			}
			m[r>>6] |= 1 << (r & 63)
		}
	}
	return m, true
}

// exactRuns returns the digit runs of fixed length that every match of re
// holds with a non-digit, or the edge of the match, on both sides. Such a
// run is a maximal run of digits in the chunk too, because a match glued
// to a digit is discarded; so a chunk without a maximal run of that length
// cannot hold a match, which rules out most patterns at once ("[0-9]{9}"
// in a text whose numbers are grouped by four).
func exactRuns(re *syntax.Regexp) uint64 {
	var (
		atoms []atom
		mask  uint64
	)
	atoms = flatten(re, atoms)
	run, closed := 0, true
	for _, a := range atoms {
		switch a {
		case atomDigit:
			run++
		case atomOther:
			run, closed = 0, false
		case atomNonDigit:
			if run > 0 && closed && run < 64 {
				mask |= 1 << run
			}
			run, closed = 0, true
		}
	}
	if run > 0 && closed && run < 64 {
		mask |= 1 << run
	}
	return mask
}

type atom uint8

const (
	atomDigit    atom = iota // exactly one digit
	atomNonDigit             // exactly one character that is not a digit
	atomOther                // anything else: optional, variable or mixed
)

// flatten appends the atoms of re in order.
func flatten(re *syntax.Regexp, out []atom) []atom {
	switch re.Op {
	case syntax.OpConcat:
		for _, s := range re.Sub {
			out = flatten(s, out)
		}
		return out
	case syntax.OpCapture:
		return flatten(re.Sub[0], out)
	case syntax.OpLiteral:
		for _, r := range re.Rune {
			if r >= '0' && r <= '9' {
				out = append(out, atomDigit)
			} else {
				out = append(out, atomNonDigit)
			}
		}
		return out
	case syntax.OpCharClass:
		switch {
		case within(re.Rune, '0', '9'):
			return append(out, atomDigit)
		case !classHasDigit(re.Rune):
			return append(out, atomNonDigit)
		}
	case syntax.OpRepeat:
		if re.Min == re.Max && re.Min > 0 && re.Min < 64 {
			sub := flatten(re.Sub[0], nil)
			for range re.Min {
				out = append(out, sub...)
			}
			return out
		}
	case syntax.OpEmptyMatch, syntax.OpBeginText, syntax.OpEndText,
		syntax.OpBeginLine, syntax.OpEndLine, syntax.OpWordBoundary, syntax.OpNoWordBoundary:
		return out
	}
	return append(out, atomOther)
}

func classHasDigit(ranges []rune) bool {
	for i := 0; i+1 < len(ranges); i += 2 {
		if ranges[i] <= '9' && ranges[i+1] >= '0' {
			return true
		}
	}
	return false
}

// firstBytes returns the bytes a match of expr can begin with; every byte
// when that cannot be worked out or the pattern can match the empty string.
func firstBytes(expr string) [4]uint64 {
	all := [4]uint64{^uint64(0), ^uint64(0), ^uint64(0), ^uint64(0)}
	re, err := syntax.Parse(expr, syntax.Perl)
	if err != nil {
		return all
	}
	m, nullable := first(re.Simplify())
	if nullable {
		return all
	}
	return m
}

// first returns the first-byte set of re and whether re can match empty.
func first(re *syntax.Regexp) (m [4]uint64, nullable bool) {
	add := func(r rune) {
		if r < utf8.RuneSelf {
			m[r>>6] |= 1 << (r & 63)
		} else {
			m[3] = ^uint64(0) // every lead byte, 0xC0-0xFF
		}
	}
	switch re.Op {
	case syntax.OpLiteral:
		if len(re.Rune) == 0 {
			return m, true
		}
		r := re.Rune[0]
		add(r)
		if re.Flags&syntax.FoldCase != 0 {
			for f := unicode.SimpleFold(r); f != r; f = unicode.SimpleFold(f) {
				add(f)
			}
		}
		return m, false
	case syntax.OpCharClass:
		for i := 0; i+1 < len(re.Rune); i += 2 {
			for r := re.Rune[i]; r <= re.Rune[i+1]; r++ {
				if r >= utf8.RuneSelf {
					add(r)
					break
				}
				add(r)
			}
		}
		return m, false
	case syntax.OpCapture, syntax.OpPlus:
		return first(re.Sub[0])
	case syntax.OpStar, syntax.OpQuest:
		m, _ = first(re.Sub[0])
		return m, true
	case syntax.OpRepeat:
		m, nullable = first(re.Sub[0])
		return m, nullable || re.Min == 0
	case syntax.OpConcat:
		for _, s := range re.Sub {
			sm, sn := first(s)
			for i := range m {
				m[i] |= sm[i]
			}
			if !sn {
				return m, false
			}
		}
		return m, true
	case syntax.OpAlternate:
		for _, s := range re.Sub {
			sm, sn := first(s)
			for i := range m {
				m[i] |= sm[i]
			}
			nullable = nullable || sn
		}
		return m, nullable
	case syntax.OpEmptyMatch, syntax.OpBeginLine, syntax.OpEndLine, syntax.OpBeginText,
		syntax.OpEndText, syntax.OpWordBoundary, syntax.OpNoWordBoundary:
		return m, true
	}
	return [4]uint64{^uint64(0), ^uint64(0), ^uint64(0), ^uint64(0)}, false
}

// lettersOnly reports whether a character class holds ASCII letters only.
func lettersOnly(ranges []rune) bool {
	for i := 0; i+1 < len(ranges); i += 2 {
		for r := ranges[i]; r <= ranges[i+1]; r++ {
			if r >= 128 || byteClass[r]&classLetter == 0 {
				return false
			}
		}
	}
	return len(ranges) > 0
}
