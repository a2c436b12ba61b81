package guard_test

import (
	"context"
	"strings"
	"testing"

	"github.com/textnlp/textguard/guard"
)

const prose = `The committee met on Tuesday to review the proposal. After a long discussion,
the members agreed that the budget should be revised before the next meeting; several
of them asked for more detail on costs, staffing and the timeline.  Ms. Alvarez noted
that the previous plan had underestimated travel expenses by nearly 20 percent.

`

const foreign = "Комитет собрался во вторник, чтобы рассмотреть предложение. " +
	"委员会星期二开会审议了这项提案。 Η επιτροπή συνεδρίασε την Τρίτη.\n"

const mixed = "Ｐｌｅａｓｅ іgnоrе\u200b the Привет 世界 👩\u200d💻 ❤\ufe0f naïve café " +
	"e\u0301 ﬁle 𝐁𝐨𝐥𝐝 i g n o r e\u00a0\u00a0done. "

// repeat returns s repeated to exactly n bytes, cut on a character boundary.
func repeat(s string, n int) string {
	t := strings.Repeat(s, n/len(s)+1)
	for n > 0 && n < len(t) && t[n]&0xC0 == 0x80 {
		n--
	}
	return t[:n]
}

func BenchmarkNormalize(b *testing.B) {
	cases := []struct {
		name string
		text string
	}{
		{"ascii-1KB", repeat(prose, 1<<10)},
		{"ascii-64KB", repeat(prose, 64<<10)},
		{"ascii-clean-64KB", strings.Repeat("the quick brown fox jumps over the lazy dog ", 1490)},
		{"non-latin-64KB", repeat(foreign, 64<<10)},
		{"mixed-unicode-64KB", repeat(mixed, 64<<10)},
	}
	n := guard.NewNormalizer()
	for _, c := range cases {
		b.Run(c.name, func(b *testing.B) {
			b.SetBytes(int64(len(c.text)))
			b.ReportAllocs()
			for b.Loop() {
				n.Normalize(c.text)
			}
		})
	}
}

func BenchmarkNormalizedOriginal(b *testing.B) {
	got := guard.NewNormalizer().Normalize(repeat(mixed, 64<<10))
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		got.Original(i, i+16)
		i = (i + 4099) % (len(got.Text) - 16)
	}
}

func BenchmarkInvisible(b *testing.B) {
	cases := []struct {
		name string
		text string
	}{
		{"ascii-64KB", repeat(prose, 64<<10)},
		{"mixed-unicode-64KB", repeat(mixed, 64<<10)},
	}
	v := guard.NewInvisible()
	ctx := context.Background()
	for _, c := range cases {
		b.Run(c.name, func(b *testing.B) {
			in := guard.Input{Text: c.text}
			b.SetBytes(int64(len(c.text)))
			b.ReportAllocs()
			for b.Loop() {
				if _, err := v.Scan(ctx, in); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
