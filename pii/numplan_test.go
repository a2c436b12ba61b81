package pii

import (
	"math/rand/v2"
	"strconv"
	"testing"

	"github.com/nyaruka/phonenumbers"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestPlansAgreeWithPhonenumbers checks the detector's own matcher of
// national number patterns against phonenumbers itself, on each region's
// example numbers and on random digits.
func TestPlansAgreeWithPhonenumbers(t *testing.T) {
	ps := newPlans()
	require.NotEmpty(t, ps.byRegion)
	rng := rand.New(rand.NewPCG(1, 2))
	checked := 0
	for region, p := range ps.byRegion {
		for _, typ := range []phonenumbers.PhoneNumberType{phonenumbers.FIXED_LINE, phonenumbers.MOBILE} {
			ex := phonenumbers.GetExampleNumberForType(region, typ)
			if ex == nil {
				continue
			}
			nn := phonenumbers.GetNationalSignificantNumber(ex)
			assert.True(t, p.valid(nn), "%s example %s", region, nn)
			checked++
		}
		for range 20 {
			nn := strconv.Itoa(1 + rng.IntN(9))
			for range 6 + rng.IntN(5) {
				nn += strconv.Itoa(rng.IntN(10))
			}
			num, err := phonenumbers.Parse("+"+strconv.Itoa(p.code)+nn, "ZZ")
			if err != nil {
				continue
			}
			want := phonenumbers.IsValidNumberForRegion(num, region) &&
				phonenumbers.GetNationalSignificantNumber(num) == nn
			if want {
				assert.True(t, p.valid(nn), "%s %s", region, nn)
			} else if phonenumbers.GetNationalSignificantNumber(num) == nn {
				assert.False(t, p.valid(nn), "%s %s", region, nn)
			}
			checked++
		}
	}
	assert.Greater(t, checked, 1000)
}

func TestPhoneScore(t *testing.T) {
	p := newPhoneRules("US")
	for _, tc := range []struct {
		in    string
		score float64
		ok    bool
	}{
		{"(415) 555-0132", phoneRegionValid, true},
		{"(905) 674-3793", phoneRegionValid, true}, // Canada shares +1
		{"4155550132", phoneRegionBare, true},
		{"+44 20 7123 4567", phoneIntlValid, true},
		{"+41 (0)96 471 07 95", phoneIntlPossible, true},
		{"0044 20 7123 4567", phoneIntlValid, true},
		{"0490 75 40 81", phoneTrunkValid, true},
		{"451 5986", phoneShapeGrouped, true},
		{"5555555", 0, false},
		{"12-34", 0, false},
		{"2021-05-21", 0, false},
		{"(415)) 555-0132", 0, false},
	} {
		t.Run(tc.in, func(t *testing.T) {
			score, ok := p.score(tc.in)
			assert.Equal(t, tc.ok, ok)
			assert.Equal(t, tc.score, score)
		})
	}
}

// TestDFAMatchesNFA checks the determinised automaton against the
// breadth-first simulation it replaces.
func TestDFAMatchesNFA(t *testing.T) {
	ps := newPlans()
	rng := rand.New(rand.NewPCG(3, 4))
	for _, region := range []string{"US", "GB", "DE", "IT", "BR", "IN", "FR", "AT"} {
		p := ps.joint[ps.byRegion[region].code]
		p.compile()
		require.NotNil(t, p.dfa, region)
		cur, next := newStateSet(len(p.prog.Inst)), newStateSet(len(p.prog.Inst))
		for range 2000 {
			nn := ""
			for range 5 + rng.IntN(10) {
				nn += strconv.Itoa(rng.IntN(10))
			}
			cur.reset()
			next.reset()
			assert.Equal(t, fullMatch(p.prog, nn, cur, next), p.dfa.match(nn), "%s %s", region, nn)
		}
	}
}

func BenchmarkNew(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := New(); err != nil {
			b.Fatal(err)
		}
	}
}
