package guard

import (
	"cmp"
	"slices"
	"strconv"
	"strings"
	"sync"
)

// Vault keeps the pseudonyms of one call, so that the same value gets the
// same pseudonym everywhere in a request and the reply can be restored.
//
// A Vault is safe for concurrent use. The guard creates one per call when
// built with [RestorePseudonyms]; it never outlives the call unless the
// host keeps the [Result] that holds it.
type Vault struct {
	mu     sync.Mutex
	fwd    map[vaultKey]string
	back   map[string]string
	counts map[string]int
	maxLen int
	repl   *strings.Replacer // cached; nil when stale
}

type vaultKey struct{ kind, original string }

// NewVault returns an empty vault.
func NewVault() *Vault {
	return &Vault{
		fwd:    map[vaultKey]string{},
		back:   map[string]string{},
		counts: map[string]int{},
	}
}

// Pseudonym returns the pseudonym of original, an entity of the given kind
// (such as "PERSON"), issuing one on first sight. name makes the n-th
// pseudonym of a kind, n counting from 1; nil gives "<KIND_n>". A name
// already issued for another value is skipped, so pseudonyms stay unique.
func (v *Vault) Pseudonym(kind, original string, name func(n int) string) string {
	if name == nil {
		name = func(n int) string { return "<" + kind + "_" + strconv.Itoa(n) + ">" }
	}
	v.mu.Lock()
	defer v.mu.Unlock()
	k := vaultKey{kind, original}
	if p, ok := v.fwd[k]; ok {
		return p
	}
	var p string
	for {
		v.counts[kind]++
		p = name(v.counts[kind])
		if _, taken := v.back[p]; !taken && p != "" {
			break
		}
	}
	v.fwd[k] = p
	v.back[p] = original
	v.maxLen = max(v.maxLen, len(p))
	v.repl = nil
	return p
}

// Original returns the value that pseudonym stands for.
func (v *Vault) Original(pseudonym string) (string, bool) {
	v.mu.Lock()
	defer v.mu.Unlock()
	o, ok := v.back[pseudonym]
	return o, ok
}

// Len returns the number of pseudonyms issued.
func (v *Vault) Len() int {
	v.mu.Lock()
	defer v.mu.Unlock()
	return len(v.back)
}

// Restore replaces every pseudonym in text with the value it stands for.
// Where two pseudonyms could match at one position the longer wins, so
// "<PERSON_12>" is never read as "<PERSON_1>" followed by "2>".
func (v *Vault) Restore(text string) string {
	r, _ := v.replacer()
	if r == nil {
		return text
	}
	return r.Replace(text)
}

// replacer returns the cached replacer and the longest pseudonym's length.
func (v *Vault) replacer() (*strings.Replacer, int) {
	v.mu.Lock()
	defer v.mu.Unlock()
	if len(v.back) == 0 {
		return nil, 0
	}
	if v.repl == nil {
		keys := make([]string, 0, len(v.back))
		for p := range v.back {
			keys = append(keys, p)
		}
		// strings.Replacer prefers earlier pairs at equal positions.
		slices.SortFunc(keys, func(a, b string) int {
			return cmp.Or(cmp.Compare(len(b), len(a)), strings.Compare(a, b))
		})
		pairs := make([]string, 0, 2*len(keys))
		for _, p := range keys {
			pairs = append(pairs, p, v.back[p])
		}
		v.repl = strings.NewReplacer(pairs...)
	}
	return v.repl, v.maxLen
}
