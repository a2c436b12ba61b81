package main

import (
	"cmp"
	"slices"
	"sort"
)

// The figures here follow the project's scorer, ../shared/tools/score.py,
// definition for definition, so that the numbers CI checks are the numbers
// the README reports: a rate whose denominator is zero is null rather than 0
// or 1, F1 is 0 when gold items exist and nothing was predicted, and ROC-AUC
// gives tied scores their average rank.

// BinaryMetrics scores flagged-or-not decisions against labels.
type BinaryMetrics struct {
	N         int      `json:"n"`
	Positives int      `json:"positives"`
	Negatives int      `json:"negatives"`
	TP        int      `json:"tp"`
	FP        int      `json:"fp"`
	FN        int      `json:"fn"`
	TN        int      `json:"tn"`
	Precision *float64 `json:"precision"`
	Recall    *float64 `json:"recall"`
	F1        *float64 `json:"f1"`
	FPR       *float64 `json:"fpr"`
	Accuracy  *float64 `json:"accuracy"`
	AUC       *float64 `json:"auc"`
}

// ratio returns a/b, or nil when b is zero.
func ratio(a, b int) *float64 {
	if b == 0 {
		return nil
	}
	r := float64(a) / float64(b)
	return &r
}

func f1Of(p, r *float64) *float64 {
	if r == nil {
		return nil
	}
	if p == nil {
		// Nothing was predicted. With gold items present recall is 0 and
		// so is F1; score.py leaves the other case undefined too.
		if *r == 0 {
			return new(0.0)
		}
		return nil
	}
	f := 0.0
	if *p+*r > 0 {
		f = 2 * *p * *r / (*p + *r)
	}
	return &f
}

// binary scores flags against golds. scores may be nil; otherwise it holds
// one score per item and ROC-AUC is computed from it.
func binary(golds, flags []bool, scores []float64) BinaryMetrics {
	m := BinaryMetrics{N: len(golds)}
	for i, g := range golds {
		switch {
		case g && flags[i]:
			m.TP++
		case g:
			m.FN++
		case flags[i]:
			m.FP++
		default:
			m.TN++
		}
	}
	m.Positives, m.Negatives = m.TP+m.FN, m.FP+m.TN
	m.Precision = ratio(m.TP, m.TP+m.FP)
	m.Recall = ratio(m.TP, m.Positives)
	m.F1 = f1Of(m.Precision, m.Recall)
	m.FPR = ratio(m.FP, m.Negatives)
	m.Accuracy = ratio(m.TP+m.TN, m.N)
	if scores != nil {
		m.AUC = rocAUC(scores, golds)
	}
	return m
}

// rocAUC is the Mann-Whitney form of the area under the ROC curve: the
// probability that a random positive scores above a random negative, ties
// counting one half. It is nil when either class is empty.
func rocAUC(scores []float64, golds []bool) *float64 {
	pos := 0
	for _, g := range golds {
		if g {
			pos++
		}
	}
	neg := len(golds) - pos
	if pos == 0 || neg == 0 {
		return nil
	}
	order := make([]int, len(scores))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(a, b int) bool { return scores[order[a]] < scores[order[b]] })
	rankSum := 0.0
	for i := 0; i < len(order); {
		j := i
		for j+1 < len(order) && scores[order[j+1]] == scores[order[i]] {
			j++
		}
		avg := float64(i+j)/2 + 1
		for k := i; k <= j; k++ {
			if golds[order[k]] {
				rankSum += avg
			}
		}
		i = j + 1
	}
	auc := (rankSum - float64(pos*(pos+1))/2) / float64(pos*neg)
	return &auc
}

// span is a labelled byte range [start, end) after type normalisation.
type span struct {
	start, end int
	typ        string
}

func (a span) overlaps(b span) bool { return a.start < b.end && b.start < a.end }

// spanPair holds the gold and predicted spans of one record.
type spanPair struct{ gold, pred []span }

// SpanScores counts and rates span matches for one type or for all types.
// A prediction is an overlap hit when it intersects a gold span of its type,
// and a gold span is found when some prediction of its type intersects it;
// an exact hit needs the same start, end and type, each gold span matching
// at most one prediction.
type SpanScores struct {
	Gold        int      `json:"gold"`
	Pred        int      `json:"pred"`
	ExactTP     int      `json:"exact_tp"`
	OvPredOK    int      `json:"ov_pred_ok"`
	OvGoldFound int      `json:"ov_gold_found"`
	ExactP      *float64 `json:"exact_p"`
	ExactR      *float64 `json:"exact_r"`
	ExactF1     *float64 `json:"exact_f1"`
	OverlapP    *float64 `json:"overlap_p"`
	OverlapR    *float64 `json:"overlap_r"`
	OverlapF1   *float64 `json:"overlap_f1"`
}

func (s *SpanScores) add(o SpanScores) {
	s.Gold += o.Gold
	s.Pred += o.Pred
	s.ExactTP += o.ExactTP
	s.OvPredOK += o.OvPredOK
	s.OvGoldFound += o.OvGoldFound
}

func (s *SpanScores) rate() {
	s.ExactP = ratio(s.ExactTP, s.Pred)
	s.ExactR = ratio(s.ExactTP, s.Gold)
	s.ExactF1 = f1Of(s.ExactP, s.ExactR)
	s.OverlapP = ratio(s.OvPredOK, s.Pred)
	s.OverlapR = ratio(s.OvGoldFound, s.Gold)
	s.OverlapF1 = f1Of(s.OverlapP, s.OverlapR)
}

// anyType is the per-type key when types are ignored.
const anyType = "ANY"

// spanMetrics scores pairs per type and micro-averaged over types. With
// typed false, types are ignored and everything counts under [anyType].
func spanMetrics(pairs []spanPair, typed bool) (SpanScores, map[string]SpanScores) {
	per := map[string]*SpanScores{}
	at := func(t string) *SpanScores {
		if !typed {
			t = anyType
		}
		if per[t] == nil {
			per[t] = &SpanScores{}
		}
		return per[t]
	}
	key := func(s span) span {
		if !typed {
			s.typ = ""
		}
		return s
	}
	sameType := func(a, b span) bool { return !typed || a.typ == b.typ }
	for _, p := range pairs {
		predCount := map[span]int{}
		for _, s := range p.pred {
			at(s.typ).Pred++
			predCount[key(s)]++
		}
		for _, g := range p.gold {
			at(g.typ).Gold++
			if k := key(g); predCount[k] > 0 {
				predCount[k]--
				at(g.typ).ExactTP++
			}
		}
		for _, s := range p.pred {
			if slices.ContainsFunc(p.gold, func(g span) bool { return s.overlaps(g) && sameType(s, g) }) {
				at(s.typ).OvPredOK++
			}
		}
		for _, g := range p.gold {
			if slices.ContainsFunc(p.pred, func(s span) bool { return s.overlaps(g) && sameType(s, g) }) {
				at(g.typ).OvGoldFound++
			}
		}
	}
	var micro SpanScores
	out := make(map[string]SpanScores, len(per))
	for t, s := range per {
		s.rate()
		out[t] = *s
		micro.add(*s)
	}
	micro.rate()
	return micro, out
}

// SpanView is one way of scoring a span corpus: micro-averaged and per type.
type SpanView struct {
	Micro   SpanScores            `json:"micro"`
	PerType map[string]SpanScores `json:"per_type,omitempty"`
}

// SpanReport scores a span corpus the ways score.py does.
type SpanReport struct {
	// InScope, All and AnyType are nil when the task predicts no spans
	// (a classification task run on a span corpus).
	//
	// InScope keeps gold spans of the common types (score.py's COMMON
	// list) and predictions of the types annotated for their record
	// (scope_types; without it, the types found anywhere in the corpus'
	// gold). It is score.py's "span_supported" view for our tool and the
	// one to quote: a prediction of a type a record does not annotate is
	// neither right nor wrong.
	InScope *SpanView `json:"in_scope,omitempty"`
	// All counts every prediction and every gold span (score.py's
	// "span_micro" and "span_per_type").
	All *SpanView `json:"all,omitempty"`
	// AnyType is All with types ignored: did the predictions cover the
	// annotated text at all.
	AnyType *SpanScores `json:"any_type,omitempty"`
	// Document treats a record as positive when it has a gold span and as
	// flagged when it has a prediction of an annotated type (or, without
	// scope_types, when the task flagged it).
	Document BinaryMetrics `json:"document"`
}

// spanRecord is one scored record of a span corpus, types normalised.
type spanRecord struct {
	gold, pred []span
	// scope holds the record's annotated types, nil when it lists none.
	scope   map[string]bool
	flagged bool
}

// scoreSpans scores span records; hasSpans says whether the task predicts
// spans at all. With collapse, as for the secrets area,
// every type is SECRET and scope_types are ignored, because secret
// scanners' taxonomies do not line up with any corpus'.
func scoreSpans(recs []spanRecord, hasSpans, collapse bool) SpanReport {
	goldTypes := map[string]bool{}
	all := make([]spanPair, len(recs))
	for i, r := range recs {
		all[i] = spanPair{r.gold, r.pred}
		for _, g := range r.gold {
			goldTypes[g.typ] = true
		}
	}
	supported := commonTypes
	if collapse {
		supported = map[string]bool{"SECRET": true}
	}
	inScope := make([]spanPair, len(recs))
	docGold := make([]bool, len(recs))
	docFlag := make([]bool, len(recs))
	for i, r := range recs {
		allowed := r.scope
		if allowed == nil {
			allowed = goldTypes
		}
		inScope[i] = spanPair{
			gold: filterSpans(r.gold, supported),
			pred: filterSpans(r.pred, allowed),
		}
		docGold[i] = len(r.gold) > 0
		docFlag[i] = r.flagged
		if r.scope != nil && hasSpans {
			docFlag[i] = slices.ContainsFunc(r.pred, func(s span) bool { return r.scope[s.typ] })
		}
	}
	rep := SpanReport{Document: binary(docGold, docFlag, nil)}
	if !hasSpans {
		return rep
	}
	rep.InScope, rep.All = &SpanView{}, &SpanView{}
	rep.InScope.Micro, rep.InScope.PerType = spanMetrics(inScope, true)
	rep.All.Micro, rep.All.PerType = spanMetrics(all, true)
	anyTyped, _ := spanMetrics(all, false)
	rep.AnyType = &anyTyped
	return rep
}

func filterSpans(ss []span, keep map[string]bool) []span {
	var out []span
	for _, s := range ss {
		if keep[s.typ] {
			out = append(out, s)
		}
	}
	return out
}

// sortedTypes lists the types of per with the most gold spans first.
func sortedTypes(per map[string]SpanScores) []string {
	types := make([]string, 0, len(per))
	for t := range per {
		types = append(types, t)
	}
	slices.SortFunc(types, func(a, b string) int {
		return cmp.Or(cmp.Compare(per[b].Gold, per[a].Gold), cmp.Compare(a, b))
	})
	return types
}
