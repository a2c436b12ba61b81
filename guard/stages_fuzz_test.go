package guard_test

import (
	"context"
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/require"

	"github.com/textnlp/textguard/guard"
	"github.com/textnlp/textguard/guard/guardtest"
)

// requireFindings checks the properties every scanner of this file keeps:
// offsets inside the text, on rune boundaries for valid text, sorted.
func requireFindings(t *testing.T, text string, fs []guard.Finding) {
	t.Helper()
	valid := utf8.ValidString(text)
	for i, f := range fs {
		require.True(t, 0 <= f.Start && f.Start < f.End && f.End <= len(text), "finding %d [%d,%d)", i, f.Start, f.End)
		if valid {
			require.True(t, utf8.ValidString(f.Span(text)), "finding %d splits a character", i)
			require.True(t, f.End == len(text) || utf8.RuneStart(text[f.End]), "finding %d ends mid-rune", i)
		}
		require.True(t, f.Score >= 0 && f.Score <= 1)
		if i > 0 {
			require.LessOrEqual(t, fs[i-1].Start, f.Start, "findings sorted")
		}
	}
}

func FuzzSubstringsScan(f *testing.F) {
	for _, text := range substringSamples {
		f.Add("kill,kill time,project falcon,пароль,#internal,机密", text, uint8(0))
		f.Add("kill,kill time,project falcon,пароль,#internal,机密", text, uint8(1))
	}
	f.Add("k,s", "\u212A ſ", uint8(2))
	f.Add("aa,a", "aaaa", uint8(3))
	f.Add("kill,straße", "k\u200Bill ＫＩＬＬ STRASSE k i l l", uint8(4))
	f.Add("kill", "kіll ﬁ", uint8(5))
	f.Fuzz(func(t *testing.T, lits, text string, mode uint8) {
		var rules []guard.Substring
		for i, lit := range strings.Split(lits, ",") {
			if lit == "" || !utf8.ValidString(lit) || strings.ContainsRune(lit, '\uFFFF') || i >= 16 {
				continue
			}
			rules = append(rules, guard.Substring{ID: "r" + string(rune('a'+i)), Literals: []string{lit}})
		}
		var opts []guard.SubstringOption
		if mode&1 != 0 {
			opts = append(opts, guard.WholeWords())
		}
		if mode&2 != 0 {
			opts = append(opts, guard.MatchCase())
		}
		if mode&4 != 0 {
			s, err := guard.NewSubstrings(rules, append(opts, guard.NormalizeWith(guard.NewNormalizer()))...)
			if err != nil {
				require.ErrorIs(t, err, guard.ErrInvalidRule) // a literal normalised away
				return
			}
			requireFindings(t, text, scanStage(t, s, text))
			if len(text) < 256 && utf8.ValidString(text) {
				// Not windowed: hide Window so the stream check is skipped.
				for _, err := range guardtest.CheckScanner(guard.ScannerFunc(s.Scan), []string{text}) {
					t.Error(err)
				}
			}
			return
		}
		s, err := guard.NewSubstrings(rules, opts...)
		require.NoError(t, err)
		fs := scanStage(t, s, text)
		requireFindings(t, text, fs)
		lit := map[string]string{}
		for _, r := range rules {
			lit[r.ID] = r.Literals[0]
		}
		for i, f := range fs {
			if i > 0 {
				require.LessOrEqual(t, fs[i-1].End, f.Start, "findings never overlap")
			}
			span := f.Span(text)
			if mode&2 != 0 {
				require.Equal(t, lit[f.Rule], span)
			} else {
				require.True(t, strings.EqualFold(lit[f.Rule], span), "%q is not %q folded", span, lit[f.Rule])
			}
		}
		if !utf8.ValidString(text) {
			return
		}
		if mode&1 == 0 {
			// Masking with a rune no literal holds leaves nothing to find.
			z := guard.Mask('\uFFFF', 0)
			edits, err := z.Sanitize(context.Background(), guard.Input{Text: text}, fs)
			require.NoError(t, err)
			out := applyStageEdits(text, edits)
			require.True(t, utf8.ValidString(out))
			require.Empty(t, scanStage(t, s, out), "masking twice equals once")
		}
		if len(text) < 256 {
			// Streams in chunks of any size find what the whole text has.
			for _, err := range guardtest.CheckScanner(s, []string{text}) {
				t.Error(err)
			}
		}
	})
}

func FuzzPatternsScan(f *testing.F) {
	for _, text := range patternSamples {
		f.Add(text, `\d+`, uint8(0))
		f.Add(text, `(a)(b)?`, uint8(2))
	}
	f.Add("user:ünï", `(?i)straße`, uint8(0))
	f.Fuzz(func(t *testing.T, text, expr string, group uint8) {
		rules := []guard.Pattern{
			{ID: "phone", Expr: `\b\d{3}-\d{4}\b`},
			{ID: "gh", Expr: `(?i)ghp_[a-z0-9]{6}`, Keywords: []string{"ghp_"}},
			{ID: "user", Expr: `(?<=user:)(\w{1,16})`, Group: 1, Engine: guard.EngineRegexp2, MaxLen: 40},
		}
		if re, err := regexp.Compile(expr); err == nil && expr != "" && int(group) <= re.NumSubexp() {
			rules = append(rules, guard.Pattern{ID: "fuzz", Expr: expr, Group: int(group)})
		}
		p, err := guard.NewPatterns(rules)
		require.NoError(t, err)
		fs, err := p.Scan(context.Background(), guard.Input{Text: text})
		if err != nil {
			require.ErrorIs(t, err, guard.ErrMatchTimeout)
			require.Nil(t, fs)
			return
		}
		requireFindings(t, text, fs)
		if !utf8.ValidString(text) {
			return
		}
		word := regexp.MustCompile(`^[\p{L}\p{Mn}\p{Nd}\p{Pc}]{1,16}$`) // .NET \w
		for _, f := range fs {
			switch f.Rule {
			case "user":
				require.True(t, strings.HasSuffix(text[:f.Start], "user:"), "lookbehind at %d", f.Start)
				require.Regexp(t, word, f.Span(text))
			case "gh":
				require.Contains(t, strings.ToLower(f.Span(text)), "ghp_")
			}
		}
	})
}

func FuzzLengthLimit(f *testing.F) {
	for _, s := range []string{"", "hello", "one two three", "秘密码", "abcé", "日本", "a  b\n\nc 1234567 🎉"} {
		f.Add(s, uint16(3), uint16(2))
		f.Add(s, uint16(0), uint16(1))
	}
	f.Fuzz(func(t *testing.T, text string, maxBytes, maxTokens uint16) {
		if maxBytes == 0 && maxTokens == 0 {
			maxTokens = 1
		}
		l, err := guard.NewLengthLimit(guard.LengthLimits{MaxBytes: int(maxBytes), MaxTokens: int(maxTokens)})
		require.NoError(t, err)
		fs := scanStage(t, l, text)
		requireFindings(t, text, fs)
		for _, f := range fs {
			require.Equal(t, len(text), f.End, "the excess runs to the end")
		}
		if !utf8.ValidString(text) {
			return // the guard never passes such text; findings may split bytes
		}
		edits, err := l.Sanitize(context.Background(), guard.Input{Text: text}, fs)
		require.NoError(t, err)
		out := applyStageEdits(text, edits)
		if maxBytes > 0 {
			require.LessOrEqual(t, len(out), int(maxBytes))
		}
		if maxTokens > 0 {
			require.LessOrEqual(t, guard.EstimateTokens(out), int(maxTokens))
		}
		require.True(t, strings.HasPrefix(text, out), "truncation keeps a prefix")
		require.True(t, utf8.ValidString(out))
		require.Empty(t, scanStage(t, l, out), "truncating twice equals once")
	})
}

func FuzzSanitizers(f *testing.F) {
	f.Add("call 555-1234 or mail a@b.io", []byte{5, 13, 22, 28})
	f.Add("名前は山田太郎", []byte{9, 21, 3, 9})
	f.Add("abcd", []byte{0, 2, 2, 4, 1, 3})
	f.Add("", []byte{0, 0})
	f.Fuzz(func(t *testing.T, text string, spec []byte) {
		if !utf8.ValidString(text) {
			return
		}
		// Each pair of bytes is a finding, snapped back to rune starts.
		var fs []guard.Finding
		for i := 0; i+1 < len(spec) && len(fs) < 32; i += 2 {
			a, b := runeStartAtOrBefore(text, int(spec[i])), runeStartAtOrBefore(text, int(spec[i+1]))
			fs = append(fs, guard.Finding{Rule: "r", Category: "C", Start: min(a, b), End: max(a, b), Score: 1})
		}
		covered := make([]bool, len(text))
		for _, f := range fs {
			for i := f.Start; i < f.End; i++ {
				covered[i] = true
			}
		}
		for _, z := range []guard.SanitizerFunc{guard.Redact(""), guard.Tag(), guard.Delete(),
			guard.Mask('*', 1), guard.Pseudonymize(nil)} {
			in := guard.Input{Text: text, Vault: guard.NewVault()}
			edits, err := z.Sanitize(context.Background(), in, fs)
			require.NoError(t, err)
			for i, e := range edits {
				require.True(t, 0 <= e.Start && e.Start < e.End && e.End <= len(text))
				require.True(t, utf8.RuneStart(text[e.Start]) && (e.End == len(text) || utf8.RuneStart(text[e.End])))
				if i > 0 {
					require.Less(t, edits[i-1].End, e.Start, "sorted, disjoint, not touching")
				}
				for j := e.Start; j < e.End; j++ {
					require.True(t, covered[j], "edits touch only what findings cover")
				}
			}
			require.True(t, utf8.ValidString(applyStageEdits(text, edits)))
		}
	})
}

func runeStartAtOrBefore(s string, i int) int {
	i = min(i, len(s))
	for i > 0 && i < len(s) && !utf8.RuneStart(s[i]) {
		i--
	}
	return i
}
