package secrets

import (
	"context"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/textnlp/textguard/guard"
)

// FuzzScan checks the scanner contract on any input: no panic, no error,
// findings inside the text, on UTF-8 boundaries when the text is valid,
// sorted, with this package's rule prefix, category and ranges; and
// redacting what was found leaves nothing for the same rules to find where
// the redactions are.
func FuzzScan(f *testing.F) {
	for _, c := range ruleCases() {
		for _, s := range c.tp {
			f.Add(s.text)
		}
		for _, fp := range c.fp {
			f.Add(fp)
		}
	}
	f.Add("")
	f.Add("password=\xff\xfe" + strings.Repeat("é", 10))
	d, err := New()
	if err != nil {
		f.Fatal(err)
	}
	ctx := context.Background()
	f.Fuzz(func(t *testing.T, text string) {
		fs, err := d.Scan(ctx, guard.Input{Text: text})
		if err != nil {
			t.Fatalf("scan error: %v", err)
		}
		valid := utf8.ValidString(text)
		for i, f := range fs {
			if f.Start < 0 || f.End > len(text) || f.Start >= f.End {
				t.Fatalf("finding %d [%d,%d) outside text of %d bytes", i, f.Start, f.End, len(text))
			}
			if valid && (!utf8.RuneStart(text[f.Start]) || f.End < len(text) && !utf8.RuneStart(text[f.End])) {
				t.Fatalf("finding %d [%d,%d) splits a character", i, f.Start, f.End)
			}
			if i > 0 && fs[i-1].Start > f.Start {
				t.Fatalf("findings not sorted at %d", i)
			}
			if !strings.HasPrefix(f.Rule, "secrets.") || f.Category != Category {
				t.Fatalf("finding %d has rule %q category %q", i, f.Rule, f.Category)
			}
			if f.Score <= 0 || f.Score > 1 || f.Severity < guard.SeverityMedium || f.Severity > guard.SeverityCritical {
				t.Fatalf("finding %d has score %v severity %v", i, f.Score, f.Severity)
			}
			if f.Len() > d.Window() {
				t.Fatalf("finding %d is %d bytes, longer than the window %d", i, f.Len(), d.Window())
			}
		}
		if !valid || len(fs) == 0 {
			return
		}
		redacted, starts := redact(text, fs)
		again, err := d.Scan(ctx, guard.Input{Text: redacted})
		if err != nil {
			t.Fatalf("rescan error: %v", err)
		}
		for _, f := range again {
			for _, s := range starts {
				if f.Start <= s && s < f.End {
					t.Fatalf("redacted text still has %s over a redaction: %q", f.Rule, f.Span(redacted))
				}
			}
		}
	})
}

// redact replaces merged findings with guard.DefaultRedaction and returns
// where each redaction starts in the result.
func redact(text string, fs []guard.Finding) (string, []int) {
	var b strings.Builder
	var starts []int
	last := 0
	for _, f := range fs {
		if f.Start < last {
			if f.End > last {
				last = f.End
			}
			continue
		}
		b.WriteString(text[last:f.Start])
		starts = append(starts, b.Len())
		b.WriteString(guard.DefaultRedaction)
		last = f.End
	}
	b.WriteString(text[last:])
	return b.String(), starts
}

// FuzzLoadGitleaksTOML checks that any input yields rules that compile, or
// an error, never a panic.
func FuzzLoadGitleaksTOML(f *testing.F) {
	f.Add(sampleConfig)
	f.Add("[[rules]]\nid = 'a'\nregex = '''(x)'''\nsecretGroup = 1\nkeywords = ['X']")
	f.Add("[allowlist]\nregexes = ['(']")
	f.Add("[[rules]]\nregex = '''(?=a)b'''\n[[rules.allowlists]]\ncondition = 'AND'\nstopwords = ['s']")
	f.Fuzz(func(t *testing.T, config string) {
		rules, err := LoadGitleaksTOML(strings.NewReader(config))
		if err != nil {
			if !strings.HasPrefix(err.Error(), "secrets: ") {
				t.Fatalf("error without package prefix: %v", err)
			}
			return
		}
		if _, err := New(WithRuleSet(rules...), WithMatchTimeout(10e6)); err != nil {
			t.Fatalf("loaded rules do not compile: %v", err)
		}
	})
}
