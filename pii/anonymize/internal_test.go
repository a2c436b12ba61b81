package anonymize

import (
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestNameLists checks what the restore relies on: 200 names a list, four
// to ten ASCII letters a word, and no name inside another, in any case
// and across lists.
func TestNameLists(t *testing.T) {
	lists := nameLists()
	var all []string
	for i, l := range lists {
		require.Len(t, l, 200, "list %d", i)
		assert.True(t, slices.IsSorted(l), "list %d is sorted", i)
		for _, n := range l {
			for _, w := range strings.Fields(n) {
				assert.Regexp(t, `^[A-Z][A-Za-z]{3,9}$`, w)
			}
			all = append(all, strings.ToLower(n))
		}
	}
	for i, a := range all {
		for j, b := range all {
			if i != j && strings.Contains(a, b) {
				t.Errorf("%q contains %q", a, b)
			}
		}
	}
}

func TestListNameIsOneToOne(t *testing.T) {
	seen := map[string]bool{}
	for x := range listLen(givenList) * 3 {
		n, ok := listName(givenList, x)
		require.True(t, ok)
		require.False(t, seen[n], "%d: %q again", x, n)
		seen[n] = true
	}
	_, ok := listName(givenList, listLen(givenList)*(listLen(givenList)+1))
	assert.False(t, ok, "past the capacity")
}

func TestPermute(t *testing.T) {
	for _, n := range []uint64{1, 2, 3, 10, 97, 100, 730, 1000, 40000} {
		seen := make([]bool, n)
		for x := range n {
			p := permute(x, n)
			require.Less(t, p, n)
			require.False(t, seen[p], "n=%d x=%d", n, x)
			seen[p] = true
		}
	}
	big := uint64(1) << 62
	assert.Less(t, permute(big-1, big), big)
}

func TestLayoutIsOneToOne(t *testing.T) {
	l := newLayout("Ä-12", false)
	require.Equal(t, uint64(26*10*10), l.capacity)
	seen := map[string]bool{}
	for x := range l.capacity {
		s := l.fill(x)
		if len(s) != 4 || s[0] < 'A' || s[0] > 'Z' || s[1] != '-' || seen[s] {
			t.Fatalf("fill(%d) = %q", x, s)
		}
		seen[s] = true
	}
	long := newLayout(strings.Repeat("a1", 40), false)
	assert.Less(t, long.lead, 80, "the one-to-one part stops within 62 bits")
	assert.Len(t, long.fill(7), 80)
	assert.Equal(t, long.fill(7), long.fill(7))
}

func TestLuhnAndIBANCheck(t *testing.T) {
	assert.Equal(t, byte('1'), luhnDigit([]byte("411111111111111")))
	assert.Equal(t, [2]byte{'8', '9'}, ibanCheck("DE", "370400440532013000"))
	assert.Equal(t, [2]byte{'8', '2'}, ibanCheck("GB", "WEST12345698765432"))
}

func TestParseDate(t *testing.T) {
	tests := []struct {
		in   string
		want string // yyyy-mm-dd, or "" when unreadable
	}{
		{"2024-03-05", "2024-03-05"},
		{"05/03/2024", "2024-05-03"},
		{"25/03/2024", "2024-03-25"},
		{"05.03.2024", "2024-03-05"},
		{"5-3-24", "2024-03-05"},
		{"3/5/99", "1999-03-05"},
		{"March 5, 2024", "2024-03-05"},
		{"5th of March 2024", "2024-03-05"},
		{"Tue, 5 Mar 2024 10:00", "2024-03-05"},
		{"Sept 2024", "2024-09-01"},
		{"2024-02-30", ""},
		{"13/13/2024", ""},
		{"yesterday", ""},
		{"12345", ""},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			d, ok := parseDate(tt.in)
			if tt.want == "" {
				assert.False(t, ok)
				return
			}
			require.True(t, ok)
			assert.Equal(t, tt.want, d.t.Format("2006-01-02"))
			assert.Equal(t, tt.in, d.shifted(d.t), "writing the date back gives the input")
		})
	}
}

func TestCountryCodeLen(t *testing.T) {
	for in, want := range map[string]int{"1415": 1, "74951": 1, "4930": 2, "33142": 2, "35312": 3, "97150": 3, "12": 0} {
		assert.Equal(t, want, countryCodeLen(in), in)
	}
}

func TestHexLike(t *testing.T) {
	for in, want := range map[string]bool{
		"00:1a:2b": true, "DEADBEEF01": true, "4110": false, "face": false, "0xZZ": false, "12-ab-ü": false,
	} {
		assert.Equal(t, want, hexLike(in), in)
	}
}
