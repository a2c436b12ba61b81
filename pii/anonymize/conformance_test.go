package anonymize_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/textnlp/textguard/guard/guardtest"
	"github.com/textnlp/textguard/pii/anonymize"
)

// TestConformance runs the guard's sanitizer contract (sorted, disjoint
// edits on boundaries; valid UTF-8; sanitizing twice equals once, with and
// without a vault; the same result from many goroutines) for each
// operator.
//
// Encrypt is not among them: its nonces are random, so two calls without a
// vault give different tokens and the contract's check that concurrent
// calls agree with a lone one cannot hold; TestOwnTokensAreLeftAlone and
// TestVaultKeepsEncryptionTokens cover it. Pseudonym is run with cards and
// IBANs hashed, because without a vault a realistic card or IBAN pseudonym
// is found again by a scanner that finds cards (see the package comment);
// TestVaultMakesPseudonymsStable covers those with a vault.
func TestConformance(t *testing.T) {
	configs := map[string][]anonymize.Option{
		"default tag": nil,
		"redact":      {anonymize.Default(anonymize.Redact())},
		"replace":     {anonymize.Default(anonymize.Replace("[REDACTED]"))},
		"hash":        {anonymize.Default(anonymize.Hash(hashKey))},
		"mask":        {anonymize.Default(anonymize.Mask('*', 4))},
		"keep some":   {anonymize.For("PERSON", anonymize.Keep()), anonymize.For("EMAIL", anonymize.Keep())},
		"pseudonym": {
			anonymize.Default(anonymize.Pseudonym()),
			anonymize.For("CREDIT_CARD", anonymize.Hash(hashKey)),
			anonymize.For("IBAN", anonymize.Hash(hashKey)),
		},
	}
	for name, opts := range configs {
		t.Run(name, func(t *testing.T) {
			a, err := anonymize.New(opts...)
			require.NoError(t, err)
			guardtest.TestSanitizer(t, testScanner{}, a, samples)
		})
	}
	t.Run("test scanner", func(t *testing.T) { guardtest.TestScanner(t, testScanner{}, samples) })
}
