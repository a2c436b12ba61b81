package ahocorasick

import (
	"cmp"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// naiveAll finds every match by trying each pattern at each offset, the
// slow and obviously right way, in the order AppendMatches promises.
func naiveAll(patterns []string, text string, fold Fold) []Match {
	var out []Match
	for p, pat := range patterns {
		if fold == FoldNone {
			for at := 0; ; {
				i := strings.Index(text[at:], pat)
				if i < 0 {
					break
				}
				out = append(out, Match{p, at + i, at + i + len(pat)})
				at += i + 1
			}
			continue
		}
		for i := 0; i < len(text); i++ {
			if end, ok := naiveAt(pat, text, i, fold); ok {
				out = append(out, Match{p, i, end})
			}
		}
	}
	slices.SortFunc(out, func(a, b Match) int {
		return cmp.Or(cmp.Compare(a.End, b.End), cmp.Compare(a.Start, b.Start),
			cmp.Compare(a.Pattern, b.Pattern))
	})
	return out
}

// naiveAt reports whether pat matches text at i under fold, and where.
func naiveAt(pat, text string, i int, fold Fold) (int, bool) {
	if fold == FoldASCII {
		if len(text)-i < len(pat) {
			return 0, false
		}
		for j := 0; j < len(pat); j++ {
			if lowerASCII(pat[j]) != lowerASCII(text[i+j]) {
				return 0, false
			}
		}
		return i + len(pat), true
	}
	for _, q := range pat {
		if i >= len(text) {
			return 0, false
		}
		r, n := utf8.DecodeRuneInString(text[i:])
		if r == utf8.RuneError && n <= 1 {
			return 0, false
		}
		rc, _ := canonRune(r)
		qc, _ := canonRune(q)
		if rc != qc && !(r < utf8.RuneSelf && q < utf8.RuneSelf &&
			lowerASCII(byte(r)) == lowerASCII(byte(q))) {
			return 0, false
		}
		i += n
	}
	return i, true
}

func lowerASCII(b byte) byte {
	if 'A' <= b && b <= 'Z' {
		return b + 'a' - 'A'
	}
	return b
}

// naiveLeftmostLongest applies the greedy rule to the full match list.
func naiveLeftmostLongest(all []Match, keep func(Match) bool) []Match {
	var out []Match
	pos := 0
	for {
		best := Match{Start: -1}
		for _, c := range all {
			if c.Start < pos || (keep != nil && !keep(c)) {
				continue
			}
			if best.Start < 0 || c.Start < best.Start ||
				(c.Start == best.Start && (c.End > best.End ||
					(c.End == best.End && c.Pattern < best.Pattern))) {
				best = c
			}
		}
		if best.Start < 0 {
			return out
		}
		out = append(out, best)
		pos = best.End
	}
}

func TestNewErrors(t *testing.T) {
	tests := []struct {
		name     string
		patterns []string
		opts     Options
		want     string
	}{
		{"empty pattern", []string{"a", ""}, Options{}, "ahocorasick: pattern 1 is empty"},
		{"invalid utf8 under unicode fold", []string{"ok", "\xff"},
			Options{Fold: FoldUnicode}, "ahocorasick: pattern 1 is not valid UTF-8"},
		{"unknown fold", []string{"a"}, Options{Fold: 9}, "ahocorasick: unknown fold 9"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, err := New(tt.patterns, tt.opts)
			require.EqualError(t, err, tt.want)
			assert.Nil(t, m)
		})
	}
}

func TestInvalidUTF8PatternWithoutUnicodeFold(t *testing.T) {
	m, err := New([]string{"\xff\xfe"}, Options{})
	require.NoError(t, err)
	assert.Equal(t, []Match{{0, 1, 3}}, m.AppendMatches(nil, "a\xff\xfe"))
}

func TestMatches(t *testing.T) {
	tests := []struct {
		name     string
		patterns []string
		fold     Fold
		text     string
		all      []Match
		leftmost []Match
	}{
		{
			name:     "classic he she his hers",
			patterns: []string{"he", "she", "his", "hers"},
			text:     "ushers",
			all:      []Match{{1, 1, 4}, {0, 2, 4}, {3, 2, 6}},
			leftmost: []Match{{1, 1, 4}},
		},
		{
			name:     "empty text",
			patterns: []string{"a"},
			text:     "",
		},
		{
			name:     "no patterns",
			patterns: nil,
			text:     "anything",
		},
		{
			name:     "near miss",
			patterns: []string{"secret"},
			text:     "secre t secreT",
		},
		{
			name:     "overlapping same pattern",
			patterns: []string{"aa"},
			text:     "aaaa",
			all:      []Match{{0, 0, 2}, {0, 1, 3}, {0, 2, 4}},
			leftmost: []Match{{0, 0, 2}, {0, 2, 4}},
		},
		{
			name:     "longest wins at the same start",
			patterns: []string{"bad", "bad word"},
			text:     "a bad word",
			all:      []Match{{0, 2, 5}, {1, 2, 10}},
			leftmost: []Match{{1, 2, 10}},
		},
		{
			name:     "a later match survives a failed longer prefix",
			patterns: []string{"ab", "c", "abcd"},
			text:     "abc",
			all:      []Match{{0, 0, 2}, {1, 2, 3}},
			leftmost: []Match{{0, 0, 2}, {1, 2, 3}},
		},
		{
			name:     "duplicates keep their indices",
			patterns: []string{"x", "x"},
			text:     "x",
			all:      []Match{{0, 0, 1}, {1, 0, 1}},
			leftmost: []Match{{0, 0, 1}},
		},
		{
			name:     "ascii fold",
			patterns: []string{"Secret"},
			fold:     FoldASCII,
			text:     "SECRET secret sécret",
			all:      []Match{{0, 0, 6}, {0, 7, 13}},
			leftmost: []Match{{0, 0, 6}, {0, 7, 13}},
		},
		{
			name:     "ascii fold leaves non-ascii alone",
			patterns: []string{"é"},
			fold:     FoldASCII,
			text:     "É é",
			all:      []Match{{0, 3, 5}},
			leftmost: []Match{{0, 3, 5}},
		},
		{
			name:     "unicode fold",
			patterns: []string{"straße", "ΣΊΣΥΦΟΣ"},
			fold:     FoldUnicode,
			text:     "STRAẞE σίσυφος",
			all:      []Match{{0, 0, 8}, {1, 9, 23}},
			leftmost: []Match{{0, 0, 8}, {1, 9, 23}},
		},
		{
			name:     "unicode fold across byte lengths",
			patterns: []string{"kiss"},
			fold:     FoldUnicode,
			text:     "\u212Aiſs!",
			all:      []Match{{0, 0, 7}},
			leftmost: []Match{{0, 0, 7}},
		},
		{
			name:     "full folding is not applied",
			patterns: []string{"strasse"},
			fold:     FoldUnicode,
			text:     "straße",
		},
		{
			name:     "cjk",
			patterns: []string{"秘密", "密码"},
			text:     "这是秘密码",
			all:      []Match{{0, 6, 12}, {1, 9, 15}},
			leftmost: []Match{{0, 6, 12}},
		},
		{
			name:     "invalid utf8 in text",
			patterns: []string{"ab"},
			fold:     FoldUnicode,
			text:     "\xffab\xc3",
			all:      []Match{{0, 1, 3}},
			leftmost: []Match{{0, 1, 3}},
		},
	}
	for _, tt := range tests {
		for _, limit := range []int{0, -1} {
			name := tt.name + "/dense"
			if limit < 0 {
				name = tt.name + "/compact"
			}
			t.Run(name, func(t *testing.T) {
				m, err := New(tt.patterns, Options{Fold: tt.fold, DenseLimit: limit})
				require.NoError(t, err)
				assert.Equal(t, tt.all, m.AppendMatches(nil, tt.text), "all")
				assert.Equal(t, tt.leftmost, m.AppendLeftmostLongest(nil, tt.text, nil), "leftmost")
				assert.Equal(t, naiveAll(tt.patterns, tt.text, tt.fold),
					m.AppendMatches(nil, tt.text), "naive")
			})
		}
	}
}

func TestKeepVetoesBeforeSelection(t *testing.T) {
	m, err := New([]string{"cat", "cats"}, Options{})
	require.NoError(t, err)
	// Reject the longer match: the shorter one at the same start wins.
	got := m.AppendLeftmostLongest(nil, "cats", func(c Match) bool { return c.Pattern == 0 })
	assert.Equal(t, []Match{{0, 0, 3}}, got)
}

func TestAppendKeepsPrefix(t *testing.T) {
	m, err := New([]string{"a"}, Options{})
	require.NoError(t, err)
	prefix := []Match{{9, 90, 91}}
	got := m.AppendLeftmostLongest(prefix, "aa", nil)
	assert.Equal(t, []Match{{9, 90, 91}, {0, 0, 1}, {0, 1, 2}}, got)
	got = m.AppendMatches(prefix[:1:1], "a")
	assert.Equal(t, []Match{{9, 90, 91}, {0, 0, 1}}, got)
}

func TestEachStops(t *testing.T) {
	m, err := New([]string{"a", "b"}, Options{})
	require.NoError(t, err)
	var seen []Match
	m.Each("abab", func(c Match) bool {
		seen = append(seen, c)
		return len(seen) < 3
	})
	assert.Equal(t, []Match{{0, 0, 1}, {1, 1, 2}, {0, 2, 3}}, seen)
}

func TestAllBytesUsed(t *testing.T) {
	var b strings.Builder
	for i := range 256 {
		b.WriteByte(byte(i))
	}
	pats := []string{b.String(), "\x00\x01", "\xff"}
	text := "x" + b.String() + "\xff"
	for _, limit := range []int{0, -1} {
		m, err := New(pats, Options{DenseLimit: limit})
		require.NoError(t, err)
		assert.Equal(t, naiveAll(pats, text, FoldNone), m.AppendMatches(nil, text))
	}
}

func TestMaxSpanAndLen(t *testing.T) {
	m, err := New([]string{"k", "abc"}, Options{Fold: FoldUnicode})
	require.NoError(t, err)
	assert.Equal(t, 3, m.MaxSpan())
	assert.Equal(t, 2, m.Len())
	m, err = New([]string{"k"}, Options{Fold: FoldUnicode})
	require.NoError(t, err)
	assert.Equal(t, 3, m.MaxSpan(), "the Kelvin sign takes three bytes")
}

func TestDenseLimitSelectsTable(t *testing.T) {
	m, err := New([]string{"abc"}, Options{})
	require.NoError(t, err)
	assert.True(t, m.Dense())
	m, err = New([]string{"abc"}, Options{DenseLimit: 4})
	require.NoError(t, err)
	assert.False(t, m.Dense())
}

func TestScanAllocations(t *testing.T) {
	for _, fold := range []Fold{FoldNone, FoldASCII, FoldUnicode} {
		m, err := New([]string{"needle", "hay", "Ünïcode"}, Options{Fold: fold})
		require.NoError(t, err)
		text := strings.Repeat("some hay and a needle, ünïcode ", 50)
		dst := make([]Match, 0, 1024)
		allocs := testing.AllocsPerRun(20, func() {
			dst = m.AppendMatches(dst[:0], text)
			dst = m.AppendLeftmostLongest(dst[:0], text, nil)
		})
		assert.Zero(t, allocs, "fold %d", fold)
	}
}

func TestConcurrentUse(t *testing.T) {
	m, err := New([]string{"he", "she", "his", "hers"}, Options{Fold: FoldUnicode})
	require.NoError(t, err)
	want := m.AppendMatches(nil, "ushers and HIS")
	done := make(chan []Match)
	for range 8 {
		go func() { done <- m.AppendMatches(nil, "ushers and HIS") }()
	}
	for range 8 {
		assert.Equal(t, want, <-done)
	}
}
