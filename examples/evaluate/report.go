package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
)

// Report is everything evaluate measured on one corpus; -metrics writes it
// as JSON, and -require names its numbers by their JSON paths, such as
// "classification.f1" or "spans.in_scope.micro.overlap_f1".
type Report struct {
	Task   string `json:"task"`
	Corpus string `json:"corpus"`
	// Area is the corpus area (pii, secrets, ...); in the secrets area
	// every span type counts as SECRET.
	Area string `json:"area,omitempty"`
	// Kind is "span" when any record carries spans, else "classification".
	Kind string `json:"kind"`
	N    int    `json:"n"`
	// FlaggedRate is the share of texts the task flagged, labels or not:
	// on a corpus labelled for another purpose it is how often the task
	// fires on real text.
	FlaggedRate *float64 `json:"flagged_rate"`
	// Classification is present when every record has a label.
	Classification *BinaryMetrics `json:"classification,omitempty"`
	// Spans is present for span corpora.
	Spans      *SpanReport `json:"spans,omitempty"`
	Throughput timing      `json:"throughput"`
}

// areas are the corpus areas score.py recognises in a corpus path.
var areas = []string{"pii", "injection", "moderation", "secrets", "ethics"}

// areaOf guesses the area from the corpus path, as score.py does: the last
// of areas, in that order, that names a directory on the path.
func areaOf(path string) string {
	parts := strings.Split(filepath.ToSlash(filepath.Clean(path)), "/")
	area := ""
	for _, a := range areas {
		if slices.Contains(parts, a) {
			area = a
		}
	}
	return area
}

// evaluate scores preds against the labels of recs. spans says whether the
// task predicts spans.
func evaluate(recs []record, preds []prediction, spans bool, area string) (Report, error) {
	rep := Report{Area: area, Kind: "classification", N: len(recs)}
	for _, r := range recs {
		if r.Spans != nil {
			rep.Kind = "span"
			break
		}
	}
	flagged := 0
	for _, p := range preds {
		if p.Flagged {
			flagged++
		}
	}
	rep.FlaggedRate = ratio(flagged, len(preds))
	golds, err := labels(recs)
	if err != nil {
		return rep, err
	}
	if golds != nil {
		flags := make([]bool, len(preds))
		scores := make([]float64, len(preds))
		for i, p := range preds {
			flags[i], scores[i] = p.Flagged, p.Score
		}
		var auc []float64
		if rep.Kind == "classification" {
			auc = scores // score.py gives span corpora no AUC
		}
		rep.Classification = new(binary(golds, flags, auc))
	}
	if rep.Kind == "span" {
		rep.Spans = new(scoreSpans(spanRecords(recs, preds, area == "secrets"), spans, area == "secrets"))
	}
	return rep, nil
}

// labels returns each record's label, or nil when no record has one.
func labels(recs []record) ([]bool, error) {
	golds := make([]bool, len(recs))
	missing := 0
	for i, r := range recs {
		if len(r.Label) == 0 || string(r.Label) == "null" {
			missing++
			continue
		}
		var v any
		if err := json.Unmarshal(r.Label, &v); err != nil {
			return nil, fmt.Errorf("evaluate: record %d: bad label", i+1)
		}
		g, err := parseLabel(v)
		if err != nil {
			return nil, fmt.Errorf("evaluate: record %d: %w", i+1, err)
		}
		golds[i] = g
	}
	switch missing {
	case 0:
		return golds, nil
	case len(recs):
		return nil, nil
	}
	return nil, fmt.Errorf("evaluate: %d of %d records have no label", missing, len(recs))
}

func spanRecords(recs []record, preds []prediction, collapse bool) []spanRecord {
	typeOf := func(t string) string {
		if collapse {
			return "SECRET"
		}
		if t == "" {
			t = "OTHER"
		}
		return normType(t)
	}
	out := make([]spanRecord, len(recs))
	for i, r := range recs {
		sr := spanRecord{flagged: preds[i].Flagged}
		if r.Spans != nil {
			for _, g := range *r.Spans {
				sr.gold = append(sr.gold, span{g.Start, g.End, typeOf(g.Type)})
			}
		}
		for _, p := range preds[i].Spans {
			sr.pred = append(sr.pred, span{p.Start, p.End, typeOf(p.Type)})
		}
		if r.ScopeTypes != nil && !collapse {
			sr.scope = map[string]bool{}
			for _, t := range *r.ScopeTypes {
				sr.scope[normType(t)] = true
			}
		}
		out[i] = sr
	}
	return out
}

// printReport writes the report for a person: the figures score.py prints,
// in-scope spans first.
func printReport(w io.Writer, r Report) {
	fmt.Fprintf(w, "task %s on %s: %d texts, %s corpus", r.Task, r.Corpus, r.N, r.Kind)
	if r.Area != "" {
		fmt.Fprintf(w, ", area %s", r.Area)
	}
	fmt.Fprintf(w, "; flagged %s\n", f3(r.FlaggedRate))
	if c := r.Classification; c != nil {
		fmt.Fprintf(w, "classification: P=%s R=%s F1=%s FPR=%s acc=%s AUC=%s"+
			"  (tp=%d fp=%d fn=%d tn=%d)\n", f3(c.Precision), f3(c.Recall), f3(c.F1),
			f3(c.FPR), f3(c.Accuracy), f3(c.AUC), c.TP, c.FP, c.FN, c.TN)
	}
	if s := r.Spans; s != nil {
		printSpans(w, s)
	}
	t := r.Throughput
	fmt.Fprintf(w, "throughput (scan loop only): %d texts, %.3f MB in %.4f s: %s texts/s, %s MB/s\n",
		t.N, float64(t.Bytes)/1e6, t.Seconds, f1n(t.TextsPerS), f3(t.MBPerS))
}

func printSpans(w io.Writer, s *SpanReport) {
	if s.InScope == nil {
		fmt.Fprintln(w, "spans: the task predicts none")
	} else {
		m := s.InScope.Micro
		fmt.Fprintf(w, "spans in scope (predictions limited to each record's scope_types):\n")
		fmt.Fprintf(w, "  micro exact:   P=%s R=%s F1=%s  (gold=%d pred=%d tp=%d)\n",
			f3(m.ExactP), f3(m.ExactR), f3(m.ExactF1), m.Gold, m.Pred, m.ExactTP)
		fmt.Fprintf(w, "  micro overlap: P=%s R=%s F1=%s\n",
			f3(m.OverlapP), f3(m.OverlapR), f3(m.OverlapF1))
		fmt.Fprintf(w, "  %-16s %6s %6s  %6s %6s %6s  %6s %6s %6s\n",
			"type", "gold", "pred", "exP", "exR", "exF1", "ovP", "ovR", "ovF1")
		for _, t := range sortedTypes(s.InScope.PerType) {
			v := s.InScope.PerType[t]
			fmt.Fprintf(w, "  %-16s %6d %6d  %6s %6s %6s  %6s %6s %6s\n", t, v.Gold, v.Pred,
				f3(v.ExactP), f3(v.ExactR), f3(v.ExactF1),
				f3(v.OverlapP), f3(v.OverlapR), f3(v.OverlapF1))
		}
		a, y := s.All.Micro, s.AnyType
		fmt.Fprintf(w, "spans, all predictions: exact P=%s R=%s F1=%s  overlap P=%s R=%s F1=%s"+
			"  (gold=%d pred=%d)\n", f3(a.ExactP), f3(a.ExactR), f3(a.ExactF1),
			f3(a.OverlapP), f3(a.OverlapR), f3(a.OverlapF1), a.Gold, a.Pred)
		fmt.Fprintf(w, "spans, any type: overlap P=%s R=%s F1=%s\n",
			f3(y.OverlapP), f3(y.OverlapR), f3(y.OverlapF1))
	}
	d := s.Document
	fmt.Fprintf(w, "documents (has a gold span vs flagged in scope): P=%s R=%s F1=%s FPR=%s"+
		"  (%d without gold spans)\n", f3(d.Precision), f3(d.Recall), f3(d.F1), f3(d.FPR),
		d.Negatives)
}

func f3(x *float64) string {
	if x == nil {
		return "-"
	}
	return strconv.FormatFloat(*x, 'f', 3, 64)
}

func f1n(x *float64) string {
	if x == nil {
		return "-"
	}
	return strconv.FormatFloat(*x, 'f', 1, 64)
}

// A requirement is a floor or ceiling on one figure of a [Report].
type requirement struct {
	path   string
	atMost bool // a ceiling (<=) rather than a floor (>=)
	bound  float64
}

func parseRequirement(s string) (requirement, error) {
	for _, op := range []string{">=", "<="} {
		path, val, ok := strings.Cut(s, op)
		if !ok {
			continue
		}
		b, err := strconv.ParseFloat(strings.TrimSpace(val), 64)
		if err != nil || strings.TrimSpace(path) == "" {
			break
		}
		return requirement{strings.TrimSpace(path), op == "<=", b}, nil
	}
	return requirement{}, fmt.Errorf("evaluate: requirement %q is not PATH>=NUMBER or PATH<=NUMBER", s)
}

func (q requirement) String() string {
	op := ">="
	if q.atMost {
		op = "<="
	}
	return q.path + op + strconv.FormatFloat(q.bound, 'g', -1, 64)
}

// errUnmet reports a figure that missed its floor or ceiling.
var errUnmet = errors.New("evaluate: requirement not met")

// check returns the figure q names and whether it meets q. A figure that
// is missing or undefined (null) is an error: a floor on it cannot be met,
// and it usually means the floor was written for another kind of corpus.
func (q requirement) check(r Report) (float64, error) {
	b, err := json.Marshal(r)
	if err != nil {
		return 0, err
	}
	var v any
	if err := json.Unmarshal(b, &v); err != nil {
		return 0, err
	}
	for _, k := range strings.Split(q.path, ".") {
		m, ok := v.(map[string]any)
		if !ok {
			return 0, fmt.Errorf("evaluate: %s: no such figure", q.path)
		}
		if v, ok = m[k]; !ok {
			return 0, fmt.Errorf("evaluate: %s: no such figure", q.path)
		}
	}
	x, ok := v.(float64)
	if !ok {
		return 0, fmt.Errorf("evaluate: %s: figure undefined on this corpus", q.path)
	}
	if q.atMost && x > q.bound || !q.atMost && x < q.bound {
		return x, fmt.Errorf("%w: %s is %.4f", errUnmet, q, x)
	}
	return x, nil
}
