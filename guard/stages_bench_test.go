package guard_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/textnlp/textguard/guard"
)

// benchLetters returns n pseudo-random lower-case words of 5 to 12 letters.
func benchLetters(r *rand.Rand, n int) []string {
	words := make([]string, n)
	for i := range words {
		b := make([]byte, 5+r.IntN(8))
		for j := range b {
			b[j] = byte('a' + r.IntN(26))
		}
		words[i] = string(b)
	}
	return words
}

// benchProse returns size bytes of random words; with dirty set, one word
// in fifty comes from planted.
func benchProse(r *rand.Rand, size int, planted []string, dirty bool) string {
	var b strings.Builder
	filler := benchLetters(r, 400)
	for b.Len() < size {
		w := filler[r.IntN(len(filler))]
		if dirty && r.IntN(50) == 0 {
			w = planted[r.IntN(len(planted))]
		}
		b.WriteString(w)
		b.WriteString(". "[r.IntN(2):])
	}
	return b.String()[:size]
}

var benchSizes = []int{1 << 10, 64 << 10}

func benchScanner(b *testing.B, s guard.Scanner, text string) {
	b.ReportAllocs()
	b.SetBytes(int64(len(text)))
	ctx := context.Background()
	in := guard.Input{Text: text}
	for b.Loop() {
		if _, err := s.Scan(ctx, in); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkSubstrings(b *testing.B) {
	for _, nrules := range []int{10, 1000} {
		r := rand.New(rand.NewPCG(7, uint64(nrules)))
		lits := benchLetters(r, nrules)
		rules := make([]guard.Substring, nrules)
		for i := range rules {
			rules[i] = guard.Substring{ID: fmt.Sprint("r", i), Literals: []string{lits[i]}}
		}
		for _, words := range []bool{false, true} {
			var opts []guard.SubstringOption
			if words {
				opts = append(opts, guard.WholeWords())
			}
			s, err := guard.NewSubstrings(rules, opts...)
			if err != nil {
				b.Fatal(err)
			}
			for _, size := range benchSizes {
				for _, dirty := range []bool{false, true} {
					text := benchProse(r, size, lits, dirty)
					name := fmt.Sprintf("rules=%d/words=%t/size=%dKB/dirty=%t", nrules, words, size>>10, dirty)
					b.Run(name, func(b *testing.B) { benchScanner(b, s, text) })
				}
			}
		}
	}
}

func benchPatternRules(keywords bool) []guard.Pattern {
	rules := []guard.Pattern{
		{ID: "phone", Expr: `\b\d{3}-\d{4}\b`, Keywords: []string{"-"}},
		{ID: "email", Expr: `[a-z0-9._]{1,32}@[a-z0-9-]{1,32}\.[a-z]{2,6}`, Keywords: []string{"@"}},
		{ID: "gh", Expr: `ghp_[A-Za-z0-9]{36}`, Keywords: []string{"ghp_"}},
		{ID: "aws", Expr: `AKIA[0-9A-Z]{16}`, Keywords: []string{"akia"}},
		{ID: "pw", Expr: `(?i)password\s*[:=]\s*(\S{1,64})`, Group: 1, Keywords: []string{"password"}},
		{ID: "bearer", Expr: `(?<=Bearer )[A-Za-z0-9._-]{20,200}`, Engine: guard.EngineRegexp2,
			MaxLen: 220, Keywords: []string{"bearer"}},
	}
	if !keywords {
		for i := range rules {
			rules[i].Keywords = nil
		}
	}
	return rules
}

func BenchmarkPatterns(b *testing.B) {
	planted := []string{"555-1234", "bob@example.com", "ghp_" + strings.Repeat("a1B2", 9),
		"AKIAABCDEFGHIJKLMNOP", "password: hunter2", "Bearer abcdefghijklmnopqrstuvwxyz0123"}
	for _, keywords := range []bool{true, false} {
		p, err := guard.NewPatterns(benchPatternRules(keywords))
		if err != nil {
			b.Fatal(err)
		}
		r := rand.New(rand.NewPCG(9, 9))
		for _, size := range benchSizes {
			for _, dirty := range []bool{false, true} {
				text := benchProse(r, size, planted, dirty)
				name := fmt.Sprintf("keywords=%t/size=%dKB/dirty=%t", keywords, size>>10, dirty)
				b.Run(name, func(b *testing.B) { benchScanner(b, p, text) })
			}
		}
	}
}

func BenchmarkLengthLimit(b *testing.B) {
	r := rand.New(rand.NewPCG(3, 3))
	for _, size := range benchSizes {
		text := benchProse(r, size, nil, false)
		for _, lim := range []guard.LengthLimits{{MaxBytes: size / 2}, {MaxTokens: size / 8}, {MaxTokens: size}} {
			l, err := guard.NewLengthLimit(lim)
			if err != nil {
				b.Fatal(err)
			}
			name := fmt.Sprintf("size=%dKB/bytes=%d/tokens=%d", size>>10, lim.MaxBytes, lim.MaxTokens)
			b.Run(name, func(b *testing.B) { benchScanner(b, l, text) })
		}
	}
}

func BenchmarkEstimateTokens(b *testing.B) {
	texts := map[string]string{
		"english":  strings.Repeat("The quick brown fox jumps over the lazy dog, twice. ", 1300),
		"cyrillic": strings.Repeat("Съешь же ещё этих мягких французских булок. ", 900),
		"chinese":  strings.Repeat("我们的团队正在努力工作，希望按时完成项目。", 1100),
	}
	for name, text := range texts {
		b.Run(name, func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(text)))
			for b.Loop() {
				guard.EstimateTokens(text)
			}
		})
	}
}

func BenchmarkSanitizers(b *testing.B) {
	text := strings.Repeat("call 555-1234 or mail bob@example.com today; ", 100)
	var fs []guard.Finding
	for i := 0; i < len(text); i += 46 {
		fs = append(fs, guard.Finding{Rule: "p", Category: "PHONE", Start: i + 5, End: i + 13, Score: 1},
			guard.Finding{Rule: "e", Category: "EMAIL", Start: i + 22, End: i + 37, Score: 1})
	}
	for name, z := range map[string]guard.SanitizerFunc{
		"redact": guard.Redact(""), "tag": guard.Tag(), "mask": guard.Mask('*', 4),
		"pseudonymize": guard.Pseudonymize(nil),
	} {
		b.Run(name, func(b *testing.B) {
			b.ReportAllocs()
			ctx := context.Background()
			in := guard.Input{Text: text, Vault: guard.NewVault()}
			for b.Loop() {
				if _, err := z.Sanitize(ctx, in, fs); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkSubstringsNormalized(b *testing.B) {
	r := rand.New(rand.NewPCG(8, 8))
	lits := benchLetters(r, 100)
	rules := make([]guard.Substring, len(lits))
	for i := range rules {
		rules[i] = guard.Substring{ID: fmt.Sprint("r", i), Literals: []string{lits[i]}}
	}
	s, err := guard.NewSubstrings(rules, guard.NormalizeWith(guard.NewNormalizer()))
	if err != nil {
		b.Fatal(err)
	}
	for _, size := range benchSizes {
		text := benchProse(r, size, lits, true)
		b.Run(fmt.Sprintf("size=%dKB", size>>10), func(b *testing.B) { benchScanner(b, s, text) })
	}
}
