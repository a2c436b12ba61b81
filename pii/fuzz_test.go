package pii

import (
	"context"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/textnlp/textguard/guard"
)

// fuzzSeeds are texts from the table tests and the corpora's shapes.
var fuzzSeeds = []string{
	"", "a@b.co", "john [at] example [dot] com", "jo\u200bhn@exa\u200dmple.com",
	"(415) 555-0132", "+44 20 7123 4567", "4012 8888 8888 1881", "DE89 3704 0044 0532 0130 00",
	"VG96 VPVG 0000 0123 4567 8901 X", "fe80::1%eth0", "[::ffff:192.168.1.1]:80", "10.0.0.0/123",
	"00:1A:2B:3C:4D:5E", "https://x.org/a_(b))", "SSN ８５３-３７-１６９４", "born 12 March 1990",
	"여권번호는 S2740116C입니다", "AA 12 34 56 B", "2001::db8::1", "[at] (dot) {at}",
	cleanProse, dirtyProse,
}

func FuzzScan(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	d, err := New(Types(allTypes()...))
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, text string) {
		fs, err := d.Scan(context.Background(), guard.Input{Text: text})
		if !utf8.ValidString(text) {
			if err == nil {
				t.Fatal("invalid UTF-8 accepted")
			}
			return
		}
		if err != nil {
			t.Fatal(err)
		}
		for i, x := range fs {
			if x.Start < 0 || x.End > len(text) || x.Start >= x.End {
				t.Fatalf("finding %d out of range: [%d,%d) of %d", i, x.Start, x.End, len(text))
			}
			if !boundary(text, x.Start) || !boundary(text, x.End) {
				t.Fatalf("finding %d not on rune boundaries: [%d,%d)", i, x.Start, x.End)
			}
			if x.Score < 0 || x.Score > 1 {
				t.Fatalf("score %v", x.Score)
			}
			if i > 0 {
				p := fs[i-1]
				same := p.Start == x.Start && p.End == x.End
				if p.Start > x.Start || !same && p.End > x.Start {
					t.Fatalf("findings %d and %d overlap or are unsorted", i-1, i)
				}
			}
		}
	})
}

func FuzzView(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	norm := newDetector(f).norm
	f.Fuzz(func(t *testing.T, text string) {
		if !utf8.ValidString(text) {
			return
		}
		v := newView(text, norm)
		if v.start == nil {
			if v.text != text {
				t.Fatal("identity view differs from text")
			}
			return
		}
		if len(v.start) != len(v.text) || len(v.end) != len(v.text) {
			t.Fatal("map length differs from view length")
		}
		for i := range v.text {
			s, e := v.original(i, i+1)
			if s < 0 || e > len(text) || s >= e || !boundary(text, s) || !boundary(text, e) {
				t.Fatalf("byte %d maps to [%d,%d)", i, s, e)
			}
			if i > 0 && int(v.start[i]) < int(v.start[i-1]) {
				t.Fatal("map not monotonic")
			}
		}
		if strings.ContainsRune(v.text, '\u200b') {
			t.Fatal("zero-width space survived")
		}
	})
}

func boundary(s string, i int) bool { return i == len(s) || utf8.RuneStart(s[i]) }

// allTypes lists every built-in type, opt-in ones included.
func allTypes() []string {
	var ts []string
	for _, r := range DefaultRecognizers() {
		ts = append(ts, r.Type)
	}
	return ts
}
