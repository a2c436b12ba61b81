package checksum

import (
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestValidators(t *testing.T) {
	for _, v := range validators {
		t.Run(v.name, func(t *testing.T) {
			for _, c := range v.cases {
				t.Run(c.name, func(t *testing.T) {
					assert.Equal(t, c.want, v.fn(c.in), "%s(%q)", v.name, c.in)
				})
			}
		})
	}
}

// TestValidatorsReject runs every validator over inputs that none of them
// may accept.
func TestValidatorsReject(t *testing.T) {
	inputs := []string{
		"", " ", "-", "0", "abc", "\x00\x00\x00\x00\x00\x00\x00\x00\x00",
		"\xff\xfe\xfd", "１２３４５６７８９", strings.Repeat("1", 200),
		strings.Repeat("9", 4096), strings.Repeat("- ", 50),
	}
	for _, v := range validators {
		t.Run(v.name, func(t *testing.T) {
			for _, in := range inputs {
				assert.False(t, v.fn(in), "%s(%.20q)", v.name, in)
			}
		})
	}
}

// TestSingleDigitChanges checks that for the schemes marked single, every
// one-digit change of every valid table value is rejected.
func TestSingleDigitChanges(t *testing.T) {
	for _, v := range validators {
		if !v.single {
			continue
		}
		t.Run(v.name, func(t *testing.T) {
			for _, c := range v.cases {
				if !c.want {
					continue
				}
				t.Run(c.name, func(t *testing.T) {
					for _, m := range digitChanges(c.in) {
						assert.False(t, v.fn(m), "%s(%q), changed from %q", v.name, m, c.in)
					}
				})
			}
		})
	}
}

// digitChanges returns every string made from s by replacing one ASCII
// digit with another.
func digitChanges(s string) []string {
	var out []string
	for i := range len(s) {
		if !isDigit(s[i]) {
			continue
		}
		for d := byte('0'); d <= '9'; d++ {
			if d != s[i] {
				out = append(out, s[:i]+string(d)+s[i+1:])
			}
		}
	}
	return out
}

func TestCardIssuer(t *testing.T) {
	tests := []struct {
		in     string
		issuer string
	}{
		{"4111 1111 1111 1111", IssuerVisa},
		{"5500000000000004", IssuerMastercard},
		{"2221000000000009", IssuerMastercard},
		{"378282246310005", IssuerAmex},
		{"6011000990139424", IssuerDiscover},
		{"6221260000000000", IssuerDiscover},
		{"6200000000000005", IssuerUnionPay},
		{"30569309025904", IssuerDiners},
		{"3530111333300000", IssuerJCB},
		{"6761000000000006", IssuerMaestro},
		{"2204000000000000", IssuerMir},
		{"4111111111111112", ""},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			issuer, ok := CardIssuer(tt.in)
			assert.Equal(t, tt.issuer, issuer)
			assert.Equal(t, tt.issuer != "", ok)
		})
	}
}

// TestCardRangesReachable guards the order of cardRanges: every range must
// be reachable, that is not wholly covered by an earlier one.
func TestCardRangesReachable(t *testing.T) {
	for i, r := range cardRanges {
		t.Run(fmt.Sprintf("%s %d-%d", r.issuer, r.lo, r.hi), func(t *testing.T) {
			for n := range 20 {
				if r.lengths&(1<<n) == 0 {
					continue
				}
				for _, p := range []int{r.lo, r.hi} {
					num := luhnComplete(fmt.Sprintf("%d%0*d", p, n-r.digits-1, 0))
					issuer, ok := CardIssuer(num)
					require.True(t, ok, num)
					assert.Equal(t, r.issuer, issuer, "range %d, %s", i, num)
				}
			}
		})
	}
}

// luhnComplete appends the digit that makes p Luhn-valid, found by trial
// with a left-to-right implementation that shares no code with luhnSum.
func luhnComplete(p string) string {
	for d := '0'; d <= '9'; d++ {
		s := p + string(d)
		sum := 0
		for i, c := range s {
			v := int(c - '0')
			if (len(s)-i)%2 == 0 {
				v *= 2
				if v > 9 {
					v -= 9
				}
			}
			sum += v
		}
		if sum%10 == 0 {
			return s
		}
	}
	panic("unreachable")
}

// TestLuhnCatchesSingleErrors checks Luhn over all four-digit payloads:
// exactly one check digit completes each, and each single-digit change
// and each adjacent transposition other than 09/90 is caught.
func TestLuhnCatchesSingleErrors(t *testing.T) {
	for n := range 10000 {
		s := luhnComplete(fmt.Sprintf("%04d", n))
		require.True(t, Luhn(s), s)
		for _, m := range digitChanges(s) {
			require.False(t, Luhn(m), "%s from %s", m, s)
		}
		for i := 0; i+1 < len(s); i++ {
			a, b := s[i], s[i+1]
			if a == b || a == '0' && b == '9' || a == '9' && b == '0' {
				continue
			}
			m := s[:i] + string(b) + string(a) + s[i+2:]
			require.False(t, Luhn(m), "%s from %s", m, s)
		}
	}
}

// TestVerhoeffCatchesSingleErrors checks the Verhoeff tables: over all
// four-digit payloads, exactly one check digit completes each, and every
// single-digit change and every adjacent transposition is caught.
func TestVerhoeffCatchesSingleErrors(t *testing.T) {
	for n := range 10000 {
		p := fmt.Sprintf("%04d", n)
		var valid []string
		for d := '0'; d <= '9'; d++ {
			if Verhoeff(p + string(d)) {
				valid = append(valid, p+string(d))
			}
		}
		require.Len(t, valid, 1, p)
		s := valid[0]
		for _, m := range digitChanges(s) {
			require.False(t, Verhoeff(m), "%s from %s", m, s)
		}
		for i := 0; i+1 < len(s); i++ {
			if s[i] != s[i+1] {
				m := s[:i] + string(s[i+1]) + string(s[i]) + s[i+2:]
				require.False(t, Verhoeff(m), "%s from %s", m, s)
			}
		}
	}
}

func TestDate(t *testing.T) {
	tests := []struct {
		y, m, d int
		want    bool
	}{
		{2024, 2, 29, true},
		{2000, 2, 29, true},
		{1900, 2, 29, false},
		{2100, 2, 29, false},
		{2023, 2, 29, false},
		{2023, 2, 28, true},
		{2023, 4, 30, true},
		{2023, 4, 31, false},
		{2023, 12, 31, true},
		{2023, 1, 32, false},
		{2023, 0, 1, false},
		{2023, 13, 1, false},
		{2023, 1, 0, false},
		{0, 1, 1, false},
		{1, 1, 1, true},
		{9999, 12, 31, true},
		{10000, 1, 1, false},
		{-1, 1, 1, false},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("%04d-%02d-%02d", tt.y, tt.m, tt.d), func(t *testing.T) {
			assert.Equal(t, tt.want, Date(tt.y, tt.m, tt.d))
		})
	}
}

func TestShortDate(t *testing.T) {
	assert.True(t, shortDate(0, 2, 29), "00 may be 2000")
	assert.True(t, shortDate(96, 2, 29))
	assert.False(t, shortDate(97, 2, 29))
	assert.False(t, shortDate(97, 6, 31))
}

func TestCompact(t *testing.T) {
	tests := []struct {
		in, seps string
		want     string
		ok       bool
	}{
		{"ab-12", "-", "AB12", true},
		{"ab 12", "-", "", false},
		{"ab\u00a012", " ", "AB12", true},
		{"ab\u202f12", " -", "AB12", true},
		{"ab\u00a012", "-", "", false},
		{"ab\u200912", " ", "", false}, // thin space is not accepted
		{"-ab", "-", "", false},
		{"ab-", "-", "", false},
		{"a--b", "-", "", false},
		{"a -b", " -", "", false},
		{"", "", "", false},
		{"abcde", "", "", false}, // longer than the buffer
		{"abcd", "", "ABCD", true},
		{"\xc2", " ", "", false},
		{"ab\xe2\x80", " ", "", false},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("%q/%q", tt.in, tt.seps), func(t *testing.T) {
			var buf [4]byte
			got, ok := compact(buf[:], tt.in, tt.seps)
			assert.Equal(t, tt.ok, ok)
			assert.Equal(t, tt.want, string(got))
		})
	}
}

func TestMod11of10(t *testing.T) {
	// Running the recurrence over the payload and its check digit must end
	// with the step value 1, which is how ISO 7064 MOD 11,10 verifies.
	for _, p := range []string{"1234567899", "8609574271", "0000000000", "9999999999"} {
		full := p + string(rune('0'+mod11of10([]byte(p))))
		prod, step := 10, 0
		for _, c := range full {
			step = (int(c-'0') + prod) % 10
			if step == 0 {
				step = 10
			}
			prod = step * 2 % 11
		}
		assert.Equal(t, 1, step, full)
	}
}
