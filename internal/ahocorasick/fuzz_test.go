package ahocorasick

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// FuzzMatcher checks both searches of both tables under every fold against
// the naive implementations. Patterns are the comma-separated fields of
// pats; empty fields are dropped.
func FuzzMatcher(f *testing.F) {
	seeds := []struct{ pats, text string }{
		{"he,she,his,hers", "ushers"},
		{"aa", "aaaa"},
		{"ab,c,abcd", "abc"},
		{"bad,bad word", "a bad word"},
		{"x,x", "x"},
		{"Secret", "SECRET secret sécret"},
		{"straße,ΣΊΣΥΦΟΣ", "STRAẞE σίσυφος"},
		{"kiss", "\u212Aiſs!"},
		{"秘密,密码", "这是秘密码"},
		{"ab", "\xffab\xc3"},
		{"a,aa,aaa,aaaa,b", "aaaaabaaaa"},
	}
	for _, s := range seeds {
		for fold := range 3 {
			f.Add(s.pats, s.text, uint8(fold), false)
			f.Add(s.pats, s.text, uint8(fold), true)
		}
	}
	f.Fuzz(func(t *testing.T, pats, text string, fold uint8, compact bool) {
		var patterns []string
		for p := range strings.SplitSeq(pats, ",") {
			if p != "" {
				patterns = append(patterns, p)
			}
		}
		if len(patterns) > 64 {
			patterns = patterns[:64]
		}
		opts := Options{Fold: Fold(fold % 3)}
		if compact {
			opts.DenseLimit = -1
		}
		m, err := New(patterns, opts)
		if err != nil {
			// Only patterns that are not UTF-8 may be refused.
			require.Equal(t, FoldUnicode, opts.Fold)
			return
		}
		all := naiveAll(patterns, text, opts.Fold)
		require.Equal(t, all, m.AppendMatches(nil, text), "all matches")
		require.Equal(t, naiveLeftmostLongest(all, nil),
			m.AppendLeftmostLongest(nil, text, nil), "leftmost-longest")
		veto := func(c Match) bool { return (c.Start+c.Pattern)%3 != 0 }
		require.Equal(t, naiveLeftmostLongest(all, veto),
			m.AppendLeftmostLongest(nil, text, veto), "leftmost-longest with veto")
		for _, c := range all {
			require.LessOrEqual(t, c.End-c.Start, m.MaxSpan())
		}
	})
}
