package ner

import (
	"context"
	"strings"
	"testing"
)

// cleanProse has no names, places or addresses.
const cleanProse = `The committee met on a grey afternoon to review the budget for the coming
year. Several members raised concerns about the cost of maintaining the old buildings, and
others asked whether the new software would really save time. After a long discussion, the
chair proposed that a small working group should look at the figures again and report back
within a month. Everyone agreed that the decision could wait, although some felt that waiting
had its own costs. `

// dirtyProse has a handful of entities.
const dirtyProse = `Hi, my name is Laura Carvalho and I moved from Estonia to Berlin last
year. Please send the contract to 221B Baker Street, London NW1 6XE, or to my colleague Dr.
Jürgen Müller at Hauptstraße 5, 10115 Berlin. We will meet in New York in June. `

func sized(s string, n int) string {
	return strings.Repeat(s, n/len(s)+1)[:n]
}

func BenchmarkFind(b *testing.B) {
	r := recognizer(b)
	ctx := context.Background()
	for _, bc := range []struct {
		name string
		text string
	}{
		{"clean-1KB", sized(cleanProse, 1<<10)},
		{"clean-64KB", sized(cleanProse, 64<<10)},
		{"entities-1KB", sized(dirtyProse, 1<<10)},
		{"entities-64KB", sized(dirtyProse, 64<<10)},
	} {
		b.Run(bc.name, func(b *testing.B) {
			b.SetBytes(int64(len(bc.text)))
			b.ReportAllocs()
			for b.Loop() {
				if _, err := r.Find(ctx, bc.text); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkNew measures the cost of loading the gazetteers.
func BenchmarkNew(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := New(); err != nil {
			b.Fatal(err)
		}
	}
}

func TestFindCleanAllocs(t *testing.T) {
	if raceEnabled {
		t.Skip("sync.Pool drops items under the race detector")
	}
	r := recognizer(t)
	text := sized(cleanProse, 1<<10)
	ctx := context.Background()
	allocs := testing.AllocsPerRun(20, func() {
		if _, err := r.Find(ctx, text); err != nil {
			t.Fatal(err)
		}
	})
	if allocs > 0 {
		t.Errorf("Find on text without entities allocated %.1f times per call", allocs)
	}
}
