package pii

import (
	"regexp/syntax"
	"unicode"
)

// Most identifier patterns are a plain sequence of ASCII byte classes with
// counts: "[0-9]{3}-[0-9]{2}-[0-9]{4}", "[STFGM][0-9]{7}[A-Z]". For those the
// detector runs its own matcher, which walks the sequence once from a
// start position, instead of Go's regexp, whose set-up cost per call
// dwarfs the work on a string of a dozen bytes. A pattern qualifies when
// each top-level alternative is such a sequence and every variable count
// is followed by a class it cannot consume, so that taking as many bytes
// as possible is the only way to match, as leftmost-first matching would.

// simpleElem is one class of bytes repeated min to max times.
type simpleElem struct {
	set      [2]uint64
	min, max int
}

// simpleSeq is one alternative.
type simpleSeq []simpleElem

// simplePattern is the alternatives of a pattern, tried in order.
type simplePattern []simpleSeq

const unbounded = 1 << 30

// compileSimple returns the simple form of expr, or nil when expr does not
// qualify.
func compileSimple(expr string) simplePattern {
	var out simplePattern
	for _, alt := range splitTop(expr) {
		re, err := syntax.Parse(alt, syntax.Perl)
		if err != nil {
			return nil
		}
		seq, ok := appendSimple(nil, re)
		if !ok || len(seq) == 0 {
			return nil
		}
		// A variable count must not be able to eat what follows it, up to
		// and including the next class that must occur.
		for i, e := range seq {
			if e.min == e.max {
				continue
			}
			for _, n := range seq[i+1:] {
				if e.set[0]&n.set[0] != 0 || e.set[1]&n.set[1] != 0 {
					return nil
				}
				if n.min > 0 {
					break
				}
			}
		}
		if seq[0].min == 0 {
			return nil
		}
		out = append(out, seq)
	}
	return out
}

// appendSimple appends the elements of re, or reports that re is not a
// sequence of counted ASCII classes.
func appendSimple(seq simpleSeq, re *syntax.Regexp) (simpleSeq, bool) {
	switch re.Op {
	case syntax.OpConcat:
		for _, s := range re.Sub {
			var ok bool
			if seq, ok = appendSimple(seq, s); !ok {
				return nil, false
			}
		}
		return seq, true
	case syntax.OpCapture:
		return appendSimple(seq, re.Sub[0])
	case syntax.OpLiteral:
		for _, r := range re.Rune {
			set, ok := runeSet(r, re.Flags&syntax.FoldCase != 0)
			if !ok {
				return nil, false
			}
			seq = append(seq, simpleElem{set: set, min: 1, max: 1})
		}
		return seq, true
	case syntax.OpCharClass:
		set, ok := classSet(re.Rune)
		if !ok {
			return nil, false
		}
		return append(seq, simpleElem{set: set, min: 1, max: 1}), true
	case syntax.OpRepeat, syntax.OpStar, syntax.OpPlus, syntax.OpQuest:
		one, ok := appendSimple(nil, re.Sub[0])
		if ok && len(one) > 1 && re.Op == syntax.OpRepeat && re.Min == re.Max {
			for range re.Min {
				seq = append(seq, one...)
			}
			return seq, true
		}
		if !ok || len(one) != 1 || one[0].min != 1 || one[0].max != 1 {
			return nil, false
		}
		e := one[0]
		switch re.Op {
		case syntax.OpRepeat:
			e.min, e.max = re.Min, re.Max
			if e.max < 0 {
				e.max = unbounded
			}
		case syntax.OpStar:
			e.min, e.max = 0, unbounded
		case syntax.OpPlus:
			e.min, e.max = 1, unbounded
		case syntax.OpQuest:
			e.min, e.max = 0, 1
		}
		return append(seq, e), true
	}
	return nil, false
}

func runeSet(r rune, fold bool) ([2]uint64, bool) {
	var m [2]uint64
	if r >= 128 {
		return m, false
	}
	m[r>>6] |= 1 << (r & 63)
	if fold {
		for f := unicode.SimpleFold(r); f != r; f = unicode.SimpleFold(f) {
			if f >= 128 {
				return m, false
			}
			m[f>>6] |= 1 << (f & 63)
		}
	}
	return m, true
}

func classSet(ranges []rune) ([2]uint64, bool) {
	var m [2]uint64
	for i := 0; i+1 < len(ranges); i += 2 {
		if ranges[i+1] >= 128 {
			return m, false
		}
		for r := ranges[i]; r <= ranges[i+1]; r++ {
			m[r>>6] |= 1 << (r & 63)
		}
	}
	return m, true
}

// match returns the end of the match of p anchored at t[pos:end], or -1.
func (p simplePattern) match(t string, pos, end int) int {
	for _, seq := range p {
		if e := seq.match(t, pos, end); e >= 0 {
			return e
		}
	}
	return -1
}

func (seq simpleSeq) match(t string, i, end int) int {
	for _, e := range seq {
		n := 0
		for n < e.max && i < end {
			c := t[i]
			if c >= 128 || e.set[c>>6]&(1<<(c&63)) == 0 {
				break
			}
			i++
			n++
		}
		if n < e.min {
			return -1
		}
	}
	return i
}
