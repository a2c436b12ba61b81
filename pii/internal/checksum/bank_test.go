package checksum

import (
	"fmt"
	"math/big"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// ibanFor builds an IBAN for country cc from bban, computing the check
// digits with math/big rather than the package's running remainder.
func ibanFor(cc, bban string) string {
	var digits strings.Builder
	for _, c := range bban + cc + "00" {
		if c >= 'A' {
			fmt.Fprintf(&digits, "%d", c-'A'+10)
		} else {
			digits.WriteRune(c)
		}
	}
	n, _ := new(big.Int).SetString(digits.String(), 10)
	check := 98 - new(big.Int).Mod(n, big.NewInt(97)).Int64()
	return fmt.Sprintf("%s%02d%s", cc, check, bban)
}

func TestIBANEveryCountry(t *testing.T) {
	require.Zero(t, len(ibanLengths)%4)
	for i := 0; i < len(ibanLengths); i += 4 {
		cc := ibanLengths[i : i+2]
		length := ibanLength(cc[0], cc[1])
		t.Run(cc, func(t *testing.T) {
			require.GreaterOrEqual(t, length, 15)
			require.LessOrEqual(t, length, 34)
			bban := strings.Repeat("0123456789", 4)[:length-4]
			valid := ibanFor(cc, bban)
			assert.True(t, IBAN(valid), valid)
			assert.True(t, IBAN(spaced(valid)), spaced(valid))
			short := ibanFor(cc, bban[:len(bban)-1])
			assert.False(t, IBAN(short), short)
			long := ibanFor(cc, bban+"7")
			assert.False(t, IBAN(long), long)
		})
	}
}

// spaced prints an IBAN in groups of four, as on paper.
func spaced(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i += 4 {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(s[i:min(i+4, len(s))])
	}
	return b.String()
}

func TestCodeTablesSorted(t *testing.T) {
	for _, table := range []struct {
		name  string
		data  string
		width int
	}{
		{"iso3166", iso3166, 2},
		{"ibanLengths", ibanLengths, 4},
	} {
		t.Run(table.name, func(t *testing.T) {
			require.Zero(t, len(table.data)%table.width)
			prev := ""
			for i := 0; i < len(table.data); i += table.width {
				code := table.data[i : i+2]
				require.True(t, allLetters([]byte(code)), code)
				require.Less(t, prev, code, "table must be sorted and unique")
				prev = code
				require.Equal(t, i, findCode(table.data, table.width, code[0], code[1]))
			}
		})
	}
	assert.Equal(t, 250, len(iso3166)/2, "249 ISO codes plus XK")
}

func TestIBANCountriesAreCountries(t *testing.T) {
	for i := 0; i < len(ibanLengths); i += 4 {
		assert.True(t, CountryCode(ibanLengths[i:i+2]), ibanLengths[i:i+2])
	}
}

func TestCountryCode(t *testing.T) {
	for _, c := range []string{"AD", "DE", "GB", "US", "ZW", "XK", "SS", "BQ"} {
		assert.True(t, CountryCode(c), c)
	}
	for _, c := range []string{"", "A", "de", "UK", "EU", "XX", "AA", "ZZ", "DEU"} {
		assert.False(t, CountryCode(c), c)
	}
}
