package secrets

import (
	"context"
	"strings"
	"testing"

	"github.com/textnlp/textguard/guard"
)

// prose is clean English without credential words.
const prose = `The committee met on Tuesday to review the quarterly figures. ` +
	`Revenue grew in every region except the north, where a late harvest ` +
	`delayed shipments by several weeks. Members agreed to revisit the ` +
	`forecast in the spring and asked the finance team for a short note on ` +
	`currency effects, staffing, and the new warehouse lease. `

// code is clean Go-like source of the kind users paste into prompts.
const code = `func (s *Server) handle(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	items, err := s.store.List(ctx, r.URL.Query().Get("page"))
	if err != nil {
		http.Error(w, "list failed", http.StatusInternalServerError)
		return
	}
	for i, it := range items {
		fmt.Fprintf(w, "%d\t%s\t%v\n", i, it.Name, it.Updated)
	}
}
`

func fill(unit string, size int) string {
	return strings.Repeat(unit, size/len(unit)+1)[:size]
}

// dirty adds a few secrets to a text: every few kilobytes a token, an
// assignment and a URL with a password.
func dirty(text string) string {
	g := &gen{state: 99}
	var b strings.Builder
	for i := 0; i < len(text); i += 4096 {
		b.WriteString(text[i:min(i+4096, len(text))])
		b.WriteString("\nGITHUB_TOKEN=ghp_" + g.s(alnum, 36))
		b.WriteString("\napi_key = \"" + g.s(alnum, 32) + "\"")
		b.WriteString("\npostgres://app:" + g.s(alnum, 16) + "@db/app\n")
	}
	return b.String()
}

func BenchmarkScan(b *testing.B) {
	d, err := New()
	if err != nil {
		b.Fatal(err)
	}
	inputs := []struct {
		name string
		text string
	}{
		{"prose/1KB/clean", fill(prose, 1<<10)},
		{"prose/64KB/clean", fill(prose, 64<<10)},
		{"code/1KB/clean", fill(code, 1<<10)},
		{"code/64KB/clean", fill(code, 64<<10)},
		{"prose/64KB/secrets", dirty(fill(prose, 64<<10))},
		{"code/64KB/secrets", dirty(fill(code, 64<<10))},
	}
	ctx := context.Background()
	for _, in := range inputs {
		b.Run(in.name, func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(in.text)))
			for b.Loop() {
				if _, err := d.Scan(ctx, guard.Input{Text: in.text}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkNew(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := New(); err != nil {
			b.Fatal(err)
		}
	}
}

func TestCleanScanAllocations(t *testing.T) {
	d, err := New()
	if err != nil {
		t.Fatal(err)
	}
	text := fill(prose, 4<<10)
	allocs := testing.AllocsPerRun(20, func() {
		_, _ = d.Scan(context.Background(), guard.Input{Text: text})
	})
	// The rule hit list and the keyword found list; nothing per byte.
	if allocs > 4 {
		t.Errorf("clean scan allocates %v times, want at most 4", allocs)
	}
}
