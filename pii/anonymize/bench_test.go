package anonymize_test

import (
	"context"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/textnlp/textguard/guard"
	"github.com/textnlp/textguard/pii/anonymize"
)

// benchText is about 1 KB of prompt with seven entities.
var benchText = strings.Repeat("Please summarise the thread below and draft a polite answer. ", 6) +
	"Jane Doe (jane.doe@acme.io, (415) 867-5309) asked John Smith to refund card 4111 1111 1111 1111 " +
	"to IBAN DE89 3704 0044 0532 0130 00; her SSN 123-45-6789 is on file. " +
	strings.Repeat("Keep it short and do not repeat personal details. ", 8)

var benchOps = []struct {
	name string
	op   anonymize.Operator
}{
	{"tag", anonymize.Tag()},
	{"mask", anonymize.Mask('*', 4)},
	{"hash", anonymize.Hash(hashKey)},
	{"encrypt", anonymize.Encrypt(encKey)},
	{"pseudonym", anonymize.Pseudonym()},
}

func BenchmarkSanitize(b *testing.B) {
	fs, err := testScanner{}.Scan(context.Background(), guard.Input{Text: benchText})
	require.NoError(b, err)
	require.Len(b, fs, 7)
	ctx := context.Background()
	for _, bo := range benchOps {
		a, err := anonymize.New(anonymize.Default(bo.op), anonymize.PseudonymKey(pseuKey))
		require.NoError(b, err)
		for _, vault := range []bool{false, true} {
			name := bo.name
			if vault {
				name += "/vault"
			}
			b.Run(name, func(b *testing.B) {
				b.ReportAllocs()
				b.SetBytes(int64(len(benchText)))
				for b.Loop() {
					in := guard.Input{Text: benchText}
					if vault {
						in.Vault = guard.NewVault()
					}
					if _, err := a.Sanitize(ctx, in, fs); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}

// BenchmarkSanitizeClean is the common case: a prompt in which the scanner
// found nothing.
func BenchmarkSanitizeClean(b *testing.B) {
	a, err := anonymize.New(anonymize.Default(anonymize.Pseudonym()))
	require.NoError(b, err)
	in := guard.Input{Text: benchText, Vault: guard.NewVault()}
	b.ReportAllocs()
	b.SetBytes(int64(len(benchText)))
	for b.Loop() {
		if _, err := a.Sanitize(context.Background(), in, nil); err != nil {
			b.Fatal(err)
		}
	}
}

func TestCleanInputAllocatesNothing(t *testing.T) {
	a, err := anonymize.New()
	require.NoError(t, err)
	in := guard.Input{Text: benchText + " <PERSON> x"}
	allocs := testing.AllocsPerRun(100, func() {
		if _, err := a.Sanitize(context.Background(), in, nil); err != nil {
			t.Fatal(err)
		}
	})
	assert.Zero(t, allocs)
}
