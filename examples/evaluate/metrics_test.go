package main

import (
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// approx checks a nullable figure against want; want nil means undefined.
func approx(t *testing.T, want, got *float64, name string) {
	t.Helper()
	if want == nil {
		assert.Nil(t, got, name)
		return
	}
	if assert.NotNil(t, got, name) {
		assert.InDelta(t, *want, *got, 1e-9, name)
	}
}

func f(x float64) *float64 { return &x }

func TestBinary(t *testing.T) {
	// Worked by hand. Golds 1 1 1 0 0 0 0 1, flags 1 1 0 1 0 0 0 0:
	// tp 2 (items 0, 1), fn 2 (2, 7), fp 1 (3), tn 3.
	// P = 2/3, R = 2/4, F1 = 2PR/(P+R) = (2/3)/(7/6) = 4/7, FPR = 1/4,
	// accuracy 5/8. AUC: positives score .9 .8 .1 .2, negatives .7 .2 .2 0;
	// pairs won: .9 and .8 win 4 each, .1 beats 0 (1), .2 beats 0 and ties
	// two .2 (1 + 2 x 1/2): 11 of 16.
	golds := []bool{true, true, true, false, false, false, false, true}
	flags := []bool{true, true, false, true, false, false, false, false}
	scores := []float64{.9, .8, .1, .7, .2, .2, 0, .2}

	tests := []struct {
		name                       string
		golds, flags               []bool
		scores                     []float64
		p, r, f1, fpr, acc, auc    *float64
		tp, fp, fn, tn, pos, negat int
	}{
		{
			name: "hand-checked", golds: golds, flags: flags, scores: scores,
			p: f(2.0 / 3), r: f(0.5), f1: f(4.0 / 7), fpr: f(0.25), acc: f(5.0 / 8), auc: f(11.0 / 16),
			tp: 2, fp: 1, fn: 2, tn: 3, pos: 4, negat: 4,
		},
		{
			name: "no scores, no AUC", golds: golds, flags: flags,
			p: f(2.0 / 3), r: f(0.5), f1: f(4.0 / 7), fpr: f(0.25), acc: f(5.0 / 8),
			tp: 2, fp: 1, fn: 2, tn: 3, pos: 4, negat: 4,
		},
		{
			// Nothing flagged on positives only: precision undefined, F1 0.
			name: "nothing flagged", golds: []bool{true, true}, flags: []bool{false, false},
			scores: []float64{0, 0},
			r:      f(0), f1: f(0), acc: f(0), fn: 2, pos: 2,
		},
		{
			name: "negatives only", golds: []bool{false, false, false, false},
			flags: []bool{false, true, false, false}, scores: []float64{0, 1, 0, 0},
			p: f(0), fpr: f(0.25), acc: f(0.75), fp: 1, tn: 3, negat: 4,
		},
		{name: "empty"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			m := binary(tc.golds, tc.flags, tc.scores)
			assert.Equal(t, []int{tc.tp, tc.fp, tc.fn, tc.tn, tc.pos, tc.negat},
				[]int{m.TP, m.FP, m.FN, m.TN, m.Positives, m.Negatives})
			approx(t, tc.p, m.Precision, "precision")
			approx(t, tc.r, m.Recall, "recall")
			approx(t, tc.f1, m.F1, "f1")
			approx(t, tc.fpr, m.FPR, "fpr")
			approx(t, tc.acc, m.Accuracy, "accuracy")
			approx(t, tc.auc, m.AUC, "auc")
		})
	}
}

func TestSpanMetrics(t *testing.T) {
	// Record 1: gold EMAIL [0,10) and PHONE [20,30); predicted the EMAIL
	// exactly, the PHONE as [22,30) (overlap, not exact) and a PERSON
	// [40,45) where there is nothing. Record 2: gold PERSON [5,9),
	// predicted as LOCATION, the right bytes under the wrong type.
	pairs := []spanPair{
		{
			gold: []span{{0, 10, "EMAIL"}, {20, 30, "PHONE"}},
			pred: []span{{0, 10, "EMAIL"}, {22, 30, "PHONE"}, {40, 45, "PERSON"}},
		},
		{
			gold: []span{{5, 9, "PERSON"}},
			pred: []span{{5, 9, "LOCATION"}},
		},
	}
	type want struct {
		gold, pred, exactTP, ovPred, ovGold int
		exP, exR, exF1, ovP, ovR, ovF1      *float64
	}
	check := func(t *testing.T, w want, s SpanScores) {
		t.Helper()
		assert.Equal(t, []int{w.gold, w.pred, w.exactTP, w.ovPred, w.ovGold},
			[]int{s.Gold, s.Pred, s.ExactTP, s.OvPredOK, s.OvGoldFound})
		approx(t, w.exP, s.ExactP, "exact P")
		approx(t, w.exR, s.ExactR, "exact R")
		approx(t, w.exF1, s.ExactF1, "exact F1")
		approx(t, w.ovP, s.OverlapP, "overlap P")
		approx(t, w.ovR, s.OverlapR, "overlap R")
		approx(t, w.ovF1, s.OverlapF1, "overlap F1")
	}

	t.Run("typed micro", func(t *testing.T) {
		// Exact: 1 of 4 predictions, 1 of 3 gold; F1 = (2/12)/(7/12) = 2/7.
		// Overlap: EMAIL and PHONE predictions hit (2/4); EMAIL and PHONE
		// gold found (2/3); F1 = (2/3)/(7/6) = 4/7.
		micro, _ := spanMetrics(pairs, true)
		check(t, want{3, 4, 1, 2, 2, f(0.25), f(1.0 / 3), f(2.0 / 7), f(0.5), f(2.0 / 3), f(4.0 / 7)}, micro)
	})
	t.Run("typed per type", func(t *testing.T) {
		_, per := spanMetrics(pairs, true)
		require.Len(t, per, 4)
		check(t, want{1, 1, 1, 1, 1, f(1), f(1), f(1), f(1), f(1), f(1)}, per["EMAIL"])
		check(t, want{1, 1, 0, 1, 1, f(0), f(0), f(0), f(1), f(1), f(1)}, per["PHONE"])
		check(t, want{1, 1, 0, 0, 0, f(0), f(0), f(0), f(0), f(0), f(0)}, per["PERSON"])
		// No LOCATION gold: recall and so F1 are undefined.
		check(t, want{0, 1, 0, 0, 0, f(0), nil, nil, f(0), nil, nil}, per["LOCATION"])
	})
	t.Run("any type", func(t *testing.T) {
		// Ignoring types, record 2's prediction is exact too.
		micro, per := spanMetrics(pairs, false)
		check(t, want{3, 4, 2, 3, 3, f(0.5), f(2.0 / 3), f(4.0 / 7), f(0.75), f(1), f(6.0 / 7)}, micro)
		assert.Equal(t, []string{anyType}, sortedTypes(per))
	})
	t.Run("duplicates match once", func(t *testing.T) {
		micro, _ := spanMetrics([]spanPair{{
			gold: []span{{0, 4, "EMAIL"}, {0, 4, "EMAIL"}},
			pred: []span{{0, 4, "EMAIL"}},
		}}, true)
		check(t, want{2, 1, 1, 1, 2, f(1), f(0.5), f(2.0 / 3), f(1), f(1), f(1)}, micro)
	})
	t.Run("touching is not overlapping", func(t *testing.T) {
		micro, _ := spanMetrics([]spanPair{{
			gold: []span{{0, 4, "EMAIL"}},
			pred: []span{{4, 8, "EMAIL"}},
		}}, true)
		check(t, want{1, 1, 0, 0, 0, f(0), f(0), f(0), f(0), f(0), f(0)}, micro)
	})
}

func TestScoreSpans(t *testing.T) {
	// The pairs of TestSpanMetrics, with scopes: record 1 annotates EMAIL
	// and PHONE, so its PERSON prediction is not counted; record 2
	// annotates PERSON, so its LOCATION prediction is not counted either.
	recs := []spanRecord{
		{
			gold:    []span{{0, 10, "EMAIL"}, {20, 30, "PHONE"}},
			pred:    []span{{0, 10, "EMAIL"}, {22, 30, "PHONE"}, {40, 45, "PERSON"}},
			scope:   setOf("EMAIL", "PHONE"),
			flagged: true,
		},
		{
			gold:    []span{{5, 9, "PERSON"}},
			pred:    []span{{5, 9, "LOCATION"}},
			scope:   setOf("PERSON"),
			flagged: true,
		},
		{
			// A negative for EMAIL, with a gold type outside the common
			// set, which the in-scope view leaves out.
			gold:  []span{{0, 3, "CREATIVE_WORK"}},
			scope: setOf("EMAIL", "CREATIVE_WORK"),
		},
	}
	rep := scoreSpans(recs, true, false)
	require.NotNil(t, rep.InScope)
	m := rep.InScope.Micro
	assert.Equal(t, []int{3, 2, 1, 2, 2}, []int{m.Gold, m.Pred, m.ExactTP, m.OvPredOK, m.OvGoldFound})
	approx(t, f(0.5), m.ExactP, "exact P")
	approx(t, f(0.8), m.OverlapF1, "overlap F1")
	assert.Equal(t, 4, rep.All.Micro.Gold)
	assert.Equal(t, 4, rep.All.Micro.Pred)

	// Documents: all three have gold spans; record 2 has no in-scope
	// prediction, so it is missed although the task flagged it.
	d := rep.Document
	assert.Equal(t, []int{1, 0, 2, 0}, []int{d.TP, d.FP, d.FN, d.TN})

	t.Run("collapsed", func(t *testing.T) {
		c := make([]spanRecord, len(recs))
		for i, r := range recs {
			c[i] = spanRecord{gold: retype(r.gold, "SECRET"), pred: retype(r.pred, "SECRET"), flagged: r.flagged}
		}
		rep := scoreSpans(c, true, true)
		assert.Equal(t, 4, rep.InScope.Micro.Gold)
		assert.Equal(t, 3, rep.InScope.Micro.OvGoldFound)
	})
	t.Run("no predicted spans", func(t *testing.T) {
		rep := scoreSpans(recs, false, false)
		assert.Nil(t, rep.InScope)
		assert.Nil(t, rep.All)
		// Without span predictions, flagged decides.
		assert.Equal(t, 2, rep.Document.TP)
	})
}

func retype(ss []span, typ string) []span {
	out := make([]span, len(ss))
	for i, s := range ss {
		out[i] = span{s.start, s.end, typ}
	}
	return out
}

func TestNormType(t *testing.T) {
	tests := map[string]string{
		"EMAIL":                   "EMAIL",
		"EMAIL_ADDRESS":           "EMAIL",
		"email-address":           "EMAIL",
		"B-person":                "PERSON",
		"PHONE_NUMBER":            "PHONE",
		"PH_MOBILE_NUMBER":        "PHONE",
		"STREET_ADDRESS":          "LOCATION",
		"ADDRESS":                 "LOCATION",
		"UK_NINO":                 "NATIONAL_ID",
		"DATE_TIME":               "DATE",
		"IBAN_CODE":               "IBAN",
		"IP_ADDRESS":              "IP_ADDRESS",
		"CREDIT_CARD":             "CREDIT_CARD",
		"US_SSN":                  "SSN",
		"GROUP":                   "ORGANIZATION",
		"IN_VEHICLE_REGISTRATION": "VEHICLE_ID",
		"API_KEY":                 "SECRET",
		"UK_PASSPORT":             "PASSPORT",
		"creative work":           "CREATIVE_WORK",
	}
	for in, want := range tests {
		t.Run(in, func(t *testing.T) {
			assert.Equal(t, want, normType(in))
		})
	}
}

func TestParseLabel(t *testing.T) {
	tests := []struct {
		in      any
		want    bool
		wantErr bool
	}{
		{in: 1.0, want: true},
		{in: 0.0},
		{in: 0.5, want: true},
		{in: true, want: true},
		{in: "unsafe", want: true},
		{in: " Benign "},
		{in: "0.7", want: true},
		{in: "maybe", wantErr: true},
		{in: nil, wantErr: true},
	}
	for _, tc := range tests {
		t.Run(fmt.Sprintf("%v", tc.in), func(t *testing.T) {
			got, err := parseLabel(tc.in)
			if tc.wantErr {
				require.Error(t, err)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tc.want, got)
		})
	}
}
