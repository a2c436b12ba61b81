package guard

import (
	"cmp"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode"
	"unicode/utf8"
)

// Vault keeps the pseudonyms of a call or a conversation, so that the same
// value gets the same pseudonym everywhere and a reply can be restored.
//
// The guard gives each call a fresh vault when built with
// [RestorePseudonyms]; a host that wants pseudonyms to stay stable across
// the turns of a conversation keeps one vault per conversation and sets it
// on [Request.Vault]. Entries can expire ([VaultTTL]) and be forgotten on
// request ([Vault.Forget], [Vault.Clear]). A vault never logs or prints what
// it holds.
//
// A Vault is safe for concurrent use.
type Vault struct {
	mu     sync.Mutex
	ttl    time.Duration
	now    func() time.Time
	swept  time.Time
	fwd    map[vaultKey]string
	back   map[string]*vaultEntry
	counts map[string]int
	loose  *regexp.Regexp    // cached; nil when stale
	canon  map[string]string // canonical pseudonym -> original
	maxLen int
}

type vaultKey struct{ kind, original string }

type vaultEntry struct {
	kind, original string
	used           time.Time
}

// A VaultOption configures a [Vault].
type VaultOption func(*Vault)

// VaultTTL makes entries expire once they have not been used for d, so a
// long-lived conversation vault does not keep personal data forever. Zero,
// the default, keeps entries until the vault is dropped.
func VaultTTL(d time.Duration) VaultOption {
	return func(v *Vault) { v.ttl = max(d, 0) }
}

// NewVault returns an empty vault.
func NewVault(opts ...VaultOption) *Vault {
	v := &Vault{
		now:    time.Now,
		fwd:    map[vaultKey]string{},
		back:   map[string]*vaultEntry{},
		counts: map[string]int{},
	}
	for _, o := range opts {
		o(v)
	}
	return v
}

// Pseudonym returns the pseudonym of original, an entity of the given kind
// (such as "PERSON"), issuing one on first sight. name makes the n-th
// pseudonym of a kind, n counting from 1; nil gives "<KIND_n>". A name
// already issued for another value is skipped, so pseudonyms stay unique.
// Counters never go back, even after entries expire, so an expired
// pseudonym is never reissued for another value.
func (v *Vault) Pseudonym(kind, original string, name func(n int) string) string {
	if name == nil {
		name = func(n int) string { return "<" + kind + "_" + strconv.Itoa(n) + ">" }
	}
	v.mu.Lock()
	defer v.mu.Unlock()
	now := v.now()
	v.sweep(now)
	k := vaultKey{kind, original}
	if p, ok := v.fwd[k]; ok {
		v.back[p].used = now
		return p
	}
	var p string
	for range 1 << 16 {
		v.counts[kind]++
		p = name(v.counts[kind])
		if _, taken := v.back[p]; !taken && p != "" && p != original {
			break
		}
	}
	v.fwd[k] = p
	v.back[p] = &vaultEntry{kind: kind, original: original, used: now}
	v.loose = nil
	return p
}

// Original returns the value that pseudonym stands for.
func (v *Vault) Original(pseudonym string) (string, bool) {
	v.mu.Lock()
	defer v.mu.Unlock()
	v.sweep(v.now())
	e, ok := v.back[pseudonym]
	if !ok {
		return "", false
	}
	return e.original, true
}

// Len returns the number of live pseudonyms.
func (v *Vault) Len() int {
	v.mu.Lock()
	defer v.mu.Unlock()
	v.sweep(v.now())
	return len(v.back)
}

// Forget removes every pseudonym issued for any of the given values, of any
// kind, and returns how many it removed. It serves a data subject's request
// to be forgotten.
func (v *Vault) Forget(originals ...string) int {
	v.mu.Lock()
	defer v.mu.Unlock()
	n := 0
	for p, e := range v.back {
		if slices.Contains(originals, e.original) {
			v.drop(p, e)
			n++
		}
	}
	return n
}

// Clear removes every pseudonym.
func (v *Vault) Clear() {
	v.mu.Lock()
	defer v.mu.Unlock()
	clear(v.fwd)
	clear(v.back)
	v.loose = nil
}

func (v *Vault) drop(p string, e *vaultEntry) {
	delete(v.back, p)
	delete(v.fwd, vaultKey{e.kind, e.original})
	v.loose = nil
}

// sweep drops expired entries, at most once per quarter of the TTL so that
// busy vaults do not scan on every call. v.mu must be held.
func (v *Vault) sweep(now time.Time) {
	if v.ttl == 0 || now.Sub(v.swept) < v.ttl/4 {
		return
	}
	v.swept = now
	for p, e := range v.back {
		if now.Sub(e.used) >= v.ttl {
			v.drop(p, e)
		}
	}
}

// Lookup returns the value that s stands for, where s is a pseudonym as a
// model may have echoed it: in another case or with spaces beside its
// punctuation, as [Vault.Restore] accepts.
func (v *Vault) Lookup(s string) (string, bool) {
	_, canon, _ := v.matcher()
	o, ok := canon[canonical(s)]
	return o, ok
}

// Restore replaces every pseudonym in text with the value it stands for.
// Models often change a pseudonym's case or put spaces around its
// punctuation ("< person_1 >"), so matching ignores case and allows one
// white-space character next to punctuation and in place of each space.
// Pseudonyms shorter than four bytes match only exactly. Where two
// pseudonyms could match at one position the longer wins, so "<PERSON_12>"
// is never read as "<PERSON_1>" followed by "2>".
func (v *Vault) Restore(text string) string {
	re, canon, _ := v.matcher()
	if re == nil {
		return text
	}
	return re.ReplaceAllStringFunc(text, func(m string) string { return canon[canonical(m)] })
}

// matcher returns the cached loose matcher, the canonical lookup table and
// the longest text a match can span.
func (v *Vault) matcher() (*regexp.Regexp, map[string]string, int) {
	v.mu.Lock()
	defer v.mu.Unlock()
	if len(v.back) == 0 {
		return nil, nil, 0
	}
	if v.loose == nil {
		v.build()
	}
	return v.loose, v.canon, v.maxLen
}

// build compiles one alternation of every pseudonym, longest first, since
// Go's regexp prefers earlier alternatives at the same position.
func (v *Vault) build() {
	keys := make([]string, 0, len(v.back))
	for p := range v.back {
		keys = append(keys, p)
	}
	slices.SortFunc(keys, func(a, b string) int {
		return cmp.Or(cmp.Compare(len(b), len(a)), strings.Compare(a, b))
	})
	v.canon = make(map[string]string, len(keys))
	alts := make([]string, 0, len(keys))
	v.maxLen = 0
	for _, p := range keys {
		c := canonical(p)
		if _, dup := v.canon[c]; !dup {
			v.canon[c] = v.back[p].original
		}
		alts = append(alts, loosePattern(p))
		// Each flexible point may add one character of up to 3 bytes.
		v.maxLen = max(v.maxLen, len(p)*4)
	}
	v.loose = regexp.MustCompile(strings.Join(alts, "|"))
}

// loosePattern returns a pattern that matches p with its case changed and
// one optional white-space character beside punctuation.
func loosePattern(p string) string {
	// A pseudonym made of words, such as a name, must not be restored
	// inside a longer word: "Hansen" is not in "Hansenville". Others
	// (addresses, numbers, tags) are kept as they are, because a sanitizer
	// may have put them right beside other letters or digits.
	pre, post := "", ""
	if wordy(p) {
		pre, post = `\b`, `\b`
	}
	if len(p) < 4 {
		return pre + "(?-i:" + regexp.QuoteMeta(p) + ")" + post
	}
	var b strings.Builder
	b.WriteString(pre + "(?i:")
	prevPunct := false
	for i, r := range p {
		punct := !unicode.IsLetter(r) && !unicode.IsDigit(r)
		if i > 0 && (punct || prevPunct) && !unicode.IsSpace(r) {
			b.WriteString(`\s?`)
		}
		if unicode.IsSpace(r) {
			b.WriteString(`\s`)
		} else {
			b.WriteString(regexp.QuoteMeta(string(r)))
		}
		prevPunct = punct && !unicode.IsSpace(r)
	}
	b.WriteString(")" + post)
	return b.String()
}

// wordy reports whether p is ASCII letters and spaces only, the pseudonyms
// for which regexp's ASCII-only \b marks a word's edge.
func wordy(p string) bool {
	for i := 0; i < len(p); i++ {
		c := p[i] | 0x20
		if (c < 'a' || c > 'z') && p[i] != ' ' {
			return false
		}
	}
	return p != ""
}

// canonical folds a pseudonym or a loose match of one to a lookup key:
// lower case, white space removed except where the pseudonym had a space.
func canonical(s string) string {
	if len(s) < 4 {
		return s
	}
	var b strings.Builder
	space := false
	for _, r := range s {
		if unicode.IsSpace(r) {
			space = true
			continue
		}
		if space && b.Len() > 0 {
			last, _ := utf8.DecodeLastRuneInString(b.String())
			if unicode.IsLetter(last) || unicode.IsDigit(last) {
				if unicode.IsLetter(r) || unicode.IsDigit(r) {
					b.WriteByte(' ')
				}
			}
		}
		space = false
		b.WriteRune(unicode.ToLower(r))
	}
	return b.String()
}
