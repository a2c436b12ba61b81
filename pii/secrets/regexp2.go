package secrets

import (
	"context"
	"fmt"
	"unicode/utf8"

	"github.com/textnlp/textguard/guard"
)

// runeIndex maps the rune positions regexp2 reports to byte offsets.
type runeIndex struct {
	runes []rune
	bytes []int // bytes[i] is the byte offset of rune i; one extra at the end
}

func newRuneIndex(text string) *runeIndex {
	idx := &runeIndex{
		runes: make([]rune, 0, len(text)),
		bytes: make([]int, 0, len(text)+1),
	}
	for i := 0; i < len(text); {
		r, size := utf8.DecodeRuneInString(text[i:])
		idx.runes = append(idx.runes, r)
		idx.bytes = append(idx.bytes, i)
		i += size
	}
	idx.bytes = append(idx.bytes, len(text))
	return idx
}

func (d *Detector) scanRegexp2(ctx context.Context, r *compiled, text string, idx *runeIndex,
	fs []guard.Finding) ([]guard.Finding, error) {
	m, err := r.pattern.re2.FindRunesMatch(idx.runes)
	for n := 0; m != nil && err == nil; n++ {
		if n%checkEvery == checkEvery-1 {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
		}
		loc := make([]int, 0, 2*(r.groups+1))
		for g := 0; g <= r.groups; g++ {
			grp := m.GroupByNumber(g)
			if grp == nil || len(grp.Captures) == 0 {
				loc = append(loc, -1, -1)
				continue
			}
			loc = append(loc, idx.bytes[grp.Index], idx.bytes[grp.Index+grp.Length])
		}
		s, e := secretSpan(r.group, loc)
		if f, ok := d.accept(r, text, s, e, loc[0], loc[1]); ok {
			fs = append(fs, f)
		}
		m, err = r.pattern.re2.FindNextMatch(m)
	}
	if err != nil {
		// The only error regexp2 returns here is its timeout, and its
		// message quotes the input, which may be the secret: drop it.
		return nil, fmt.Errorf("%w: rule %q", ErrMatchTimeout, r.id)
	}
	return fs, nil
}
