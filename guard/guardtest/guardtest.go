// Package guardtest checks that a [guard.Scanner] or [guard.Sanitizer]
// keeps the contract the guard relies on. Detector packages run it in their
// own tests; so can a host that writes its own stages.
//
// The checks: findings lie inside the text and on UTF-8 boundaries with
// scores in [0, 1]; scanning is deterministic and safe from many goroutines
// at once; the input, including the request behind it, is left untouched; a
// cancelled context is honoured with its error; a [guard.Windowed] scanner
// gives the same findings when a reply is streamed in chunks of any size as
// when it is scanned whole; edits are sorted, disjoint and on boundaries;
// sanitizing twice equals sanitizing once and never breaks UTF-8.
package guardtest

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"strings"
	"sync"
	"testing"
	"unicode/utf8"

	"github.com/textnlp/textguard/guard"
)

// Goroutines is how many goroutines the concurrency check uses.
const Goroutines = 8

// TestScanner runs the scanner contract on s over the sample texts, which
// should include texts where s finds something and texts where it does not,
// and reports every violation as a test error.
func TestScanner(t *testing.T, s guard.Scanner, samples []string) {
	t.Helper()
	for _, err := range CheckScanner(s, samples) {
		t.Error(err)
	}
}

// TestSanitizer runs the sanitizer contract on z, fed with the findings of
// s over the sample texts, and reports every violation as a test error.
func TestSanitizer(t *testing.T, s guard.Scanner, z guard.Sanitizer, samples []string) {
	t.Helper()
	for _, err := range CheckSanitizer(s, z, samples) {
		t.Error(err)
	}
}

// CheckScanner runs the scanner contract and returns the violations.
func CheckScanner(s guard.Scanner, samples []string) []error {
	c := &checker{}
	c.checkOffsets(s, samples)
	c.checkDeterministic(s, samples)
	c.checkConcurrent(s, samples)
	c.checkUntouched(s, samples)
	c.checkCancelled(s, samples)
	if _, ok := s.(guard.Windowed); ok {
		c.checkStreaming(s, samples)
	}
	return c.errs
}

// checker collects violations; it is safe for concurrent use because the
// concurrency check reports from many goroutines.
type checker struct {
	mu   sync.Mutex
	errs []error
}

func (c *checker) Errorf(format string, args ...any) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.errs = append(c.errs, fmt.Errorf("guardtest: "+format, args...))
}

// CheckSanitizer runs the sanitizer contract and returns the violations.
func CheckSanitizer(s guard.Scanner, z guard.Sanitizer, samples []string) []error {
	c := &checker{}
	c.checkSanitizer(s, z, samples)
	return c.errs
}

func (c *checker) checkSanitizer(s guard.Scanner, z guard.Sanitizer, samples []string) {
	t := c
	for i, text := range samples {
		for _, vault := range []*guard.Vault{nil, guard.NewVault()} {
			once := sanitize(t, s, z, text, vault, i)
			if !utf8.ValidString(once) {
				t.Errorf("sample %d: sanitized text is not valid UTF-8", i)
			}
			if twice := sanitize(t, s, z, once, vault, i); twice != once {
				t.Errorf("sample %d: sanitizing twice differs from once (%d vs %d bytes)", i, len(twice), len(once))
			}
		}
	}
	want := make([]string, len(samples))
	for i, text := range samples {
		want[i] = sanitize(t, s, z, text, nil, i)
	}
	parallel(func() {
		for i, text := range samples {
			if got := sanitize(t, s, z, text, nil, i); got != want[i] {
				t.Errorf("sample %d: concurrent sanitizing differs", i)
			}
		}
	})
}

// sanitize scans and sanitizes text once; on a violation it reports it
// and returns text unchanged.
func sanitize(t *checker, s guard.Scanner, z guard.Sanitizer, text string, v *guard.Vault, i int) string {
	in := guard.Input{Text: text, Vault: v}
	fs, err := s.Scan(context.Background(), in)
	if err != nil {
		t.Errorf("sample %d: scan: %v", i, err)
		return text
	}
	if len(fs) == 0 {
		return text
	}
	es, err := z.Sanitize(context.Background(), in, fs)
	if err != nil {
		t.Errorf("sample %d: sanitize: %v", i, err)
		return text
	}
	at := 0
	for j, e := range es {
		switch {
		case e.Start < at || e.Start > e.End || e.End > len(text):
			t.Errorf("sample %d: edit %d [%d,%d) out of order or outside %d bytes", i, j, e.Start, e.End, len(text))
			return text
		case !boundary(text, e.Start) || !boundary(text, e.End):
			t.Errorf("sample %d: edit %d [%d,%d) splits a character", i, j, e.Start, e.End)
			return text
		}
		at = e.End
	}
	var b strings.Builder
	at = 0
	for _, e := range es {
		b.WriteString(text[at:e.Start])
		b.WriteString(e.Text)
		at = e.End
	}
	b.WriteString(text[at:])
	return b.String()
}

func boundary(s string, i int) bool { return i == len(s) || utf8.RuneStart(s[i]) }

func scan(t *checker, s guard.Scanner, in guard.Input, i int) []guard.Finding {
	fs, err := s.Scan(context.Background(), in)
	if err != nil {
		t.Errorf("sample %d: scan: %v", i, err)
	}
	return fs
}

func (t *checker) checkOffsets(s guard.Scanner, samples []string) {
	for i, text := range samples {
		for j, f := range scan(t, s, guard.Input{Text: text}, i) {
			switch {
			case f.Start < 0 || f.Start > f.End || f.End > len(text):
				t.Errorf("sample %d finding %d (%s): [%d,%d) outside %d bytes", i, j, f.Rule, f.Start, f.End, len(text))
			case !boundary(text, f.Start) || !boundary(text, f.End):
				t.Errorf("sample %d finding %d (%s): [%d,%d) splits a character", i, j, f.Rule, f.Start, f.End)
			case !(f.Score >= 0 && f.Score <= 1):
				t.Errorf("sample %d finding %d (%s): score %v outside [0,1]", i, j, f.Rule, f.Score)
			case f.Rule == "":
				t.Errorf("sample %d finding %d: empty rule id", i, j)
			}
		}
	}
}

func (t *checker) checkDeterministic(s guard.Scanner, samples []string) {
	for i, text := range samples {
		a := scan(t, s, guard.Input{Text: text}, i)
		b := scan(t, s, guard.Input{Text: text}, i)
		if !reflect.DeepEqual(a, b) {
			t.Errorf("sample %d: two scans of the same text differ", i)
		}
	}
}

func (t *checker) checkConcurrent(s guard.Scanner, samples []string) {
	want := make([][]guard.Finding, len(samples))
	for i, text := range samples {
		want[i] = scan(t, s, guard.Input{Text: text}, i)
	}
	parallel(func() {
		for i, text := range samples {
			fs, err := s.Scan(context.Background(), guard.Input{Text: text})
			if err != nil {
				t.Errorf("sample %d: concurrent scan: %v", i, err)
				return
			}
			if !reflect.DeepEqual(fs, want[i]) {
				t.Errorf("sample %d: concurrent scan differs from a lone one", i)
			}
		}
	})
}

func parallel(fn func()) {
	var wg sync.WaitGroup
	for range Goroutines {
		wg.Go(fn)
	}
	wg.Wait()
}

func (t *checker) checkUntouched(s guard.Scanner, samples []string) {
	for i, text := range samples {
		req := &guard.Request{
			Model:     "m",
			Principal: guard.Principal{ID: "p", Roles: []string{"r"}},
			Messages: []guard.Message{
				{Source: guard.SourceSystem, Content: "You are helpful."},
				{Source: guard.SourceUser, Content: text},
			},
		}
		before := req.Clone()
		scan(t, s, guard.Input{Text: text, Request: req, Vault: guard.NewVault()}, i)
		if !reflect.DeepEqual(req, before) {
			t.Errorf("sample %d: the scanner modified the request", i)
		}
	}
}

func (t *checker) checkCancelled(s guard.Scanner, samples []string) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	for i, text := range samples {
		fs, err := s.Scan(ctx, guard.Input{Text: text})
		if !errors.Is(err, context.Canceled) {
			t.Errorf("sample %d: a cancelled scan returned %d findings and error %v, want context.Canceled", i, len(fs), err)
		}
	}
}

// checkStreaming compares whole-text findings with those of streams cut
// into chunks of several sizes, the sizes around the window included.
func (t *checker) checkStreaming(s guard.Scanner, samples []string) {
	g, err := guard.New(guard.OutputStages(guard.Stage{Name: "s", Scanner: s}))
	if err != nil {
		t.Errorf("building a guard around the scanner: %v", err)
		return
	}
	w := g.Window()
	ctx := context.Background()
	for i, text := range samples {
		whole, err := g.CheckOutput(ctx, nil, text)
		if err != nil {
			t.Errorf("sample %d: %v", i, err)
			continue
		}
		sizes := []int{1, 2, 3, 7, 64}
		if w > 0 {
			sizes = append(sizes, max(1, w-1), w+1, 2*w+3)
		}
		for _, size := range sizes {
			st := g.NewStream(nil)
			var shown strings.Builder
			for rest := text; rest != ""; {
				n := min(size, len(rest))
				out, err := st.Push(ctx, rest[:n])
				if err != nil {
					t.Errorf("sample %d chunk size %d: push: %v", i, size, err)
					break
				}
				shown.WriteString(out)
				rest = rest[n:]
			}
			tail, res, err := st.Close(ctx)
			if err != nil {
				t.Errorf("sample %d chunk size %d: close: %v", i, size, err)
				continue
			}
			shown.WriteString(tail)
			if !reflect.DeepEqual(res.Findings, whole.Findings) {
				t.Errorf("sample %d chunk size %d: streamed findings %d differ from whole-text findings %d",
					i, size, len(res.Findings), len(whole.Findings))
			}
			if shown.String() != text {
				t.Errorf("sample %d chunk size %d: a flag-only stream changed the text", i, size)
			}
		}
	}
}
