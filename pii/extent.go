package pii

import (
	"net/netip"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// This file holds the code that decides where a value ends when a pattern
// alone cannot: an IBAN is as long as its country says, a network prefix
// is part of an address only when it is in range, and a URL does not end
// with the full stop of its sentence.

// ibanExtent trims trailing groups off an IBAN candidate until validate
// accepts it, so that "VG96 VPVG 0000 0123 4567 8901 X" yields the IBAN
// without the stray X.
func ibanExtent(t string, start, end int, validate func(string) bool) (int, int, bool) {
	for end-start >= 15 {
		if validate == nil || validate(t[start:end]) {
			return start, end, true
		}
		i := strings.LastIndexAny(t[start:end], " -")
		if i < 0 {
			break
		}
		end = start + i
	}
	return 0, 0, false
}

// ipv4Extent validates a dotted quad and its optional prefix length; an
// out-of-range prefix is left out of the finding rather than voiding it.
func ipv4Extent(t string, start, end int) (int, int, bool) {
	// "python-3.4.2.4" and "lib_1.2.3.4" are versions.
	if start > 0 && (t[start-1] == '-' || t[start-1] == '_') {
		return 0, 0, false
	}
	m := t[start:end]
	addr, prefix, hasPrefix := strings.Cut(m, "/")
	a, err := netip.ParseAddr(addr)
	if err != nil || !a.Is4() {
		return 0, 0, false
	}
	if hasPrefix {
		if n, err := strconv.Atoi(prefix); err != nil || n > 32 || len(prefix) > 1 && prefix[0] == '0' {
			end = start + len(addr)
		}
	}
	return start, end, true
}

// ipv6Extent validates an IPv6 candidate with its optional zone and
// prefix length. The candidate pattern is loose (hex digits, colons and
// dots); net/netip decides.
func ipv6Extent(t string, start, end int) (int, int, bool) {
	for end > start && t[end-1] == '.' {
		end--
	}
	m := t[start:end]
	if strings.Count(m, ":") < 2 {
		return 0, 0, false
	}
	addr, prefix, hasPrefix := strings.Cut(m, "/")
	a, err := netip.ParseAddr(addr)
	if err != nil || !a.Is6() {
		return 0, 0, false
	}
	if hasPrefix {
		if n, err := strconv.Atoi(prefix); err != nil || n > 128 || a.Zone() != "" {
			end = start + len(addr)
		}
	}
	// A colon right before or after means the address is part of
	// something longer, such as "2001::db8::1".
	if start > 0 && t[start-1] == ':' || end < len(t) && t[end] == ':' {
		return 0, 0, false
	}
	return start, end, true
}

// maxURL bounds a URL finding; a longer URL is reported as its first
// maxURL bytes, which hold the host and the start of the path.
const maxURL = 1024

// urlExtent trims the punctuation that ends a sentence off a URL, keeps a
// closing bracket only when the URL opened it, and checks the top-level
// domain of a URL written without a scheme.
func urlExtent(t string, start, end int) (int, int, bool) {
	for end > start {
		c := t[end-1]
		if strings.IndexByte(".,;:!?'\"*_", c) >= 0 {
			end--
			continue
		}
		if close := strings.IndexByte(")]}", c); close >= 0 {
			open := "([{"[close]
			if strings.Count(t[start:end], string(open)) < strings.Count(t[start:end], string(c)) {
				end--
				continue
			}
		}
		break
	}
	m := t[start:end]
	if start > 0 && (t[start-1] == '@' || t[start-1] == '.' || t[start-1] == '/') {
		return 0, 0, false
	}
	host := m
	if i := strings.Index(m, "://"); i >= 0 {
		host = m[i+3:]
	} else if hasFoldPrefix(m, "www.") {
		// "www.example" alone is a word, not an address.
		h := host[4:]
		if j := strings.IndexAny(h, "/?#:"); j >= 0 {
			h = h[:j]
		}
		if !strings.Contains(h, ".") {
			return 0, 0, false
		}
	} else {
		// No scheme: only a known top-level domain makes it a URL.
		h := host
		if j := strings.IndexAny(h, "/?#:"); j >= 0 {
			h = h[:j]
		}
		dot := strings.LastIndexByte(h, '.')
		if dot < 0 || !bareTLD(strings.ToLower(h[dot+1:])) {
			return 0, 0, false
		}
	}
	if j := strings.IndexAny(host, "/?#"); j >= 0 {
		host = host[:j]
	}
	if len(host) == 0 || !strings.Contains(host, ".") && !strings.HasPrefix(host, "localhost") &&
		!strings.HasPrefix(host, "[") {
		return 0, 0, false
	}
	if end-start > maxURL {
		end = start + maxURL
		for end > start && !utf8.RuneStart(t[end]) {
			end--
		}
	}
	return start, end, true
}

// bareTLD reports whether a domain written without a scheme and without
// "www." may end in tld. Country codes that double as common file
// extensions (md, rs, sh, py, pl, ps) are left out, so that "README.md"
// and "main.rs" are not URLs.
func bareTLD(tld string) bool {
	switch tld {
	case "com", "org", "net", "edu", "gov", "mil", "int", "info", "biz", "io",
		"co", "me", "app", "dev", "ai", "tv", "us", "uk", "de", "fr", "it",
		"es", "nl", "be", "ch", "at", "se", "no", "dk", "fi", "ie", "ca",
		"au", "nz", "jp", "cn", "kr", "in", "br", "mx", "ar", "ru", "eu",
		"site", "online", "store", "tech", "shop", "blog", "cloud", "xyz",
		"page", "news", "website", "space", "live", "pro", "name", "mobi",
		"vlaanderen", "gr", "pt", "cz", "hu", "ro", "za", "sg", "hk", "tw":
		return true
	}
	return false
}

// emailExtent checks the domain of an address candidate: two labels or
// more, none longer than 63 bytes or starting or ending with a hyphen, and
// a top-level domain of letters (in any script) or an "xn--" A-label. A
// dot or hyphen that ends the candidate belongs to the sentence.
func emailExtent(t string, start, end int) (int, int, bool) {
	for end > start && (t[end-1] == '.' || t[end-1] == '-') {
		end--
	}
	m := t[start:end]
	at := strings.LastIndexByte(m, '@')
	if at <= 0 || at > 64 {
		return 0, 0, false
	}
	local, domain := m[:at], m[at+1:]
	if local[0] == '.' || local[len(local)-1] == '.' || strings.Contains(local, "..") {
		return 0, 0, false
	}
	labels := strings.Split(domain, ".")
	if len(labels) < 2 || len(domain) > 253 {
		return 0, 0, false
	}
	for _, l := range labels {
		if l == "" || len(l) > 63 || l[0] == '-' || l[len(l)-1] == '-' {
			return 0, 0, false
		}
	}
	tld := labels[len(labels)-1]
	if strings.HasPrefix(strings.ToLower(tld), "xn--") && len(tld) > 4 {
		return start, end, true
	}
	if utf8.RuneCountInString(tld) < 2 {
		return 0, 0, false
	}
	for _, r := range tld {
		if !unicode.IsLetter(r) {
			return 0, 0, false
		}
	}
	return start, end, true
}

// emails finds e-mail candidates around each "@" of c by scanning the
// characters a local part and a domain may hold; emailExtent then checks
// them. Code does here what the recognizer's pattern describes, without
// trying a regular expression at every position of the chunk.
func (s *scan) emails(r *compiled, c *chunk) {
	t := s.v.text
	for i := c.start; i < c.end; i++ {
		if t[i] != '@' {
			continue
		}
		lo := i
		for lo > c.start {
			ch, size := utf8.DecodeLastRuneInString(t[:lo])
			if !localRune(ch) {
				break
			}
			lo -= size
		}
		hi := i + 1
		for hi < c.end {
			ch, size := utf8.DecodeRuneInString(t[hi:])
			if !domainRune(ch) {
				break
			}
			hi += size
		}
		if lo < i && hi > i+1 && s.consider(r, r.pats[0].score, lo, hi) {
			i = hi - 1
		}
	}
}

func localRune(r rune) bool {
	if r < utf8.RuneSelf {
		return isAlnum(byte(r)) || strings.IndexByte("._%+-", byte(r)) >= 0
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r)
}

func domainRune(r rune) bool {
	if r < utf8.RuneSelf {
		return isAlnum(byte(r)) || r == '.' || r == '-'
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
}

// ipv6s finds IPv6 candidates in c: a run of hex digits, colons and dots
// from a start position, with an optional zone and prefix length, which
// ipv6Extent then validates with net/netip.
func (s *scan) ipv6s(r *compiled, c *chunk) {
	t := s.v.text
	next := c.start
	for _, pos := range s.starts(c) {
		if pos < next || !isHex(t[pos]) && t[pos] != ':' {
			continue
		}
		j, colons := pos, 0
		for j < c.end && (isHex(t[j]) || t[j] == ':' || t[j] == '.') {
			if t[j] == ':' {
				colons++
			}
			j++
		}
		if colons < 2 {
			continue
		}
		if j < c.end && t[j] == '%' {
			k := j + 1
			for k < c.end && (isAlnum(t[k]) || t[k] == '_' || t[k] == '.' || t[k] == '-') {
				k++
			}
			if k > j+1 {
				j = k
			}
		}
		if j < c.end && t[j] == '/' {
			k := j + 1
			for k < c.end && k < j+4 && isDigit(t[k]) {
				k++
			}
			if k > j+1 {
				j = k
			}
		}
		next = j
		s.consider(r, r.pats[0].score, pos, j)
	}
}

func isHex(c byte) bool {
	return isDigit(c) || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F'
}
