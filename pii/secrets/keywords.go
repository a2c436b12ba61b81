package secrets

import (
	"cmp"
	"slices"

	"github.com/textnlp/textguard/internal/ahocorasick"
)

// keywordIndex finds the occurrences of every rule keyword in a text in one
// pass, case-insensitively, with an Aho-Corasick automaton, so that the cost
// of a clean text does not grow with the number of rules.
type keywordIndex struct {
	words []string // deduplicated keywords
	rules [][]int  // rules each keyword triggers
	ac    *ahocorasick.Matcher
}

// hit is one occurrence of a keyword.
type hit struct {
	word int // index into words
	pos  int // byte offset of the occurrence in the text
}

func newKeywordIndex(rules []*compiled) (*keywordIndex, error) {
	ix := &keywordIndex{}
	pos := map[string]int{}
	ascii := true
	for ri, r := range rules {
		for _, k := range r.keywords {
			wi, ok := pos[k]
			if !ok {
				wi = len(ix.words)
				pos[k] = wi
				ix.words = append(ix.words, k)
				ix.rules = append(ix.rules, nil)
				ascii = ascii && isASCII(k)
			}
			if !slices.Contains(ix.rules[wi], ri) {
				ix.rules[wi] = append(ix.rules[wi], ri)
			}
		}
	}
	// ASCII folding costs nothing per byte; Unicode folding is needed only
	// when a host's rule has a keyword such as "clé".
	fold := ahocorasick.FoldASCII
	if !ascii {
		fold = ahocorasick.FoldUnicode
	}
	ac, err := ahocorasick.New(ix.words, ahocorasick.Options{Fold: fold})
	if err != nil {
		return nil, err
	}
	ix.ac = ac
	return ix, nil
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

// scan returns every keyword occurrence in text, ordered by position. It
// allocates nothing on a text without keywords.
func (ix *keywordIndex) scan(text string) []hit {
	if len(ix.words) == 0 {
		return nil
	}
	var hits []hit
	ix.ac.Each(text, func(m ahocorasick.Match) bool {
		hits = append(hits, hit{m.Pattern, m.Start})
		return true
	})
	// The automaton reports matches by end; windows are merged by start.
	if !slices.IsSortedFunc(hits, byPos) {
		slices.SortStableFunc(hits, byPos)
	}
	return hits
}

func byPos(a, b hit) int { return cmp.Compare(a.pos, b.pos) }
