package pii

import (
	"testing"

	"github.com/textnlp/textguard/guard/guardtest"
)

// TestConformance runs the guard's scanner contract, streaming included,
// on the default detector.
func TestConformance(t *testing.T) {
	samples := append([]string{
		"nothing to see here",
		"mail jane@example.com, call (415) 555-0132 or +44 20 7123 4567",
		"IBAN DE89 3704 0044 0532 0130 00 and card 4111 1111 1111 1111",
		"SSN 853-37-1694, NHS 401 023 2137, NRIC S2740116C",
		"john [at] example [dot] com and ＳＳＮ ８５３-３７-１６９４",
		"server 192.168.0.1 and fe80::1%eth0, MAC 00:1A:2B:3C:4D:5E",
	}, fuzzSeeds...)
	guardtest.TestScanner(t, newDetector(t), samples)
	guardtest.TestScanner(t, newDetector(t, Types(allTypes()...)), samples)
}
