package secrets

import (
	"maps"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/textnlp/textguard/guard"
	"github.com/textnlp/textguard/guard/guardtest"
)

// conformanceSamples mixes texts with and without secrets, one true and
// one false positive per rule plus a longer text with several secrets.
func conformanceSamples() []string {
	var out []string
	var all []string
	cases := ruleCases()
	for i, id := range slices.Sorted(maps.Keys(cases)) {
		if raceEnabled && i%4 != 0 {
			continue
		}
		out = append(out, cases[id].tp[0].text, cases[id].fp[0])
		all = append(all, cases[id].tp[0].text)
	}
	out = append(out, "", "no secrets here, only prose about keys and tokens.",
		strings.Join(all[:min(len(all), 12)], "\nand then some filler text\n"))
	return out
}

func TestConformance(t *testing.T) {
	d, err := New()
	require.NoError(t, err)
	samples := conformanceSamples()
	guardtest.TestScanner(t, d, samples)
	guardtest.TestSanitizer(t, d, guard.Redact(""), samples)
}
