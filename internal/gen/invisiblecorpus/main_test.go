package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// corpusFile is the committed output, relative to this package.
var corpusFile = filepath.Join("..", "..", "..", "testdata", "eval", "invisible.jsonl")

func TestCorpusUpToDate(t *testing.T) {
	var want bytes.Buffer
	require.NoError(t, write(&want, corpus()))
	got, err := os.ReadFile(corpusFile)
	require.NoError(t, err)
	assert.True(t, bytes.Equal(want.Bytes(), got),
		"testdata/eval/invisible.jsonl is stale: run go run ./internal/gen/invisiblecorpus from the repo root")
}

// hiding reports whether r is one of the characters the positives use.
func hiding(r rune) bool {
	switch {
	case r >= 0xE0000 && r <= 0xE007F, // tags
		r >= 0x202A && r <= 0x202E, r >= 0x2066 && r <= 0x2069, // bidi embedding, override, isolate
		r >= 0x200B && r <= 0x200D, r == 0x2060, r == 0xFEFF, r == 0x180E, // zero width
		r >= 0x2061 && r <= 0x2064,                         // invisible operators
		r == 0x115F, r == 0x1160, r == 0x3164, r == 0xFFA0, // fillers
		r >= 0xFE00 && r <= 0xFE0F, r >= 0xE0100 && r <= 0xE01EF, // variation selectors
		r >= 0x206A && r <= 0x206F, // deprecated format
		r >= 0xFFF9 && r <= 0xFFFB: // interlinear annotation
		return true
	}
	return false
}

func TestRecords(t *testing.T) {
	recs := corpus()
	require.GreaterOrEqual(t, len(recs), 150)
	require.LessOrEqual(t, len(recs), 300)

	// Negatives may hold hiding characters only where their category
	// says why.
	allowed := map[string]func(rune) bool{
		"legit_joiners":   func(r rune) bool { return r == 0x200C || r == 0x200D },
		"emoji_sequences": func(r rune) bool { return r == 0x200D || r == 0xFE0F || r >= 0xE0020 && r <= 0xE007F },
		"leading_bom":     func(r rune) bool { return r == 0xFEFF },
		"cjk_variants":    func(r rune) bool { return r >= 0xE0100 && r <= 0xE01EF },
	}
	seen := map[string]bool{}
	pos := 0
	for _, r := range recs {
		t.Run(r.category, func(t *testing.T) {
			assert.False(t, seen[r.text], "duplicate text")
			seen[r.text] = true
			var hid []rune
			for _, c := range r.text {
				if hiding(c) {
					hid = append(hid, c)
				}
			}
			if r.label == 1 {
				pos++
				assert.NotEmpty(t, hid, "a positive must hide something")
				return
			}
			ok := allowed[r.category]
			for _, c := range hid {
				assert.True(t, ok != nil && ok(c), "negative holds U+%04X", c)
			}
		})
	}
	assert.InDelta(t, len(recs)/2, pos, float64(len(recs))/5, "classes roughly balanced")
}

func TestQuote(t *testing.T) {
	for _, r := range corpus() {
		q := quote(r.text)
		var back string
		require.NoError(t, json.Unmarshal([]byte(q), &back))
		require.Equal(t, r.text, back)
		for _, c := range q {
			require.False(t, unseen(c), "U+%04X left raw", c)
		}
	}
	assert.Equal(t, `"a\"b\\c\n\u200b\udb40\udc41"`, quote("a\"b\\c\n\u200b\U000E0041"))
}

func TestWriteLines(t *testing.T) {
	var b bytes.Buffer
	require.NoError(t, write(&b, corpus()))
	lines := strings.Split(strings.TrimSuffix(b.String(), "\n"), "\n")
	require.Len(t, lines, len(corpus()))
	for i, l := range lines {
		var rec struct {
			ID    string `json:"id"`
			Text  string `json:"text"`
			Label int    `json:"label"`
		}
		require.NoError(t, json.Unmarshal([]byte(l), &rec), "line %d", i+1)
		assert.Equal(t, corpus()[i].text, rec.Text)
	}
}
