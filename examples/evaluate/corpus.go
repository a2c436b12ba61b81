package main

import (
	"bufio"
	"bytes"
	"cmp"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"time"

	"github.com/textnlp/textguard/guard"
)

// record is one corpus line. Fields a corpus may omit are pointers or raw
// JSON so that "absent" stays distinct from "empty": a record with
// "spans": [] is a negative for every type in its scope, while one without
// "spans" is not a span record at all.
type record struct {
	ID         json.RawMessage `json:"id"`
	Text       string          `json:"text"`
	Label      json.RawMessage `json:"label"`
	Spans      *[]goldSpan     `json:"spans"`
	ScopeTypes *[]string       `json:"scope_types"`
}

type goldSpan struct {
	Start int    `json:"start"`
	End   int    `json:"end"`
	Type  string `json:"type"`
}

// readCorpus reads JSON Lines, skipping blank lines. Errors name the line
// number, never the text.
func readCorpus(r io.Reader) ([]record, error) {
	var recs []record
	br := bufio.NewReaderSize(r, 1<<16)
	for n := 1; ; n++ {
		line, err := br.ReadBytes('\n')
		if len(bytes.TrimSpace(line)) > 0 {
			var rec record
			if jerr := json.Unmarshal(line, &rec); jerr != nil {
				return nil, fmt.Errorf("evaluate: line %d: not a JSON record", n)
			}
			if rec.ID == nil {
				rec.ID = json.RawMessage("null")
			}
			recs = append(recs, rec)
		}
		if err == io.EOF {
			return recs, nil
		}
		if err != nil {
			return nil, fmt.Errorf("evaluate: reading corpus: %w", err)
		}
	}
}

// prediction is one output line. A classification task writes id, flagged,
// score and categories; a span task writes id, flagged, score and spans.
type prediction struct {
	ID         json.RawMessage `json:"id"`
	Flagged    bool            `json:"flagged"`
	Score      float64         `json:"score"`
	Categories []string        `json:"categories,omitzero"`
	Spans      []predSpan      `json:"spans,omitzero"`
}

type predSpan struct {
	Start int    `json:"start"`
	End   int    `json:"end"`
	Type  string `json:"type"`
}

// timing is the scan loop's cost, in the shape score.py's --timing reads.
type timing struct {
	Seconds   float64  `json:"seconds"`
	N         int      `json:"n"`
	Bytes     int      `json:"bytes"`
	TextsPerS *float64 `json:"texts_per_s"`
	MBPerS    *float64 `json:"mb_per_s"`
	Version   string   `json:"version"`
}

// predict scans every record's text and returns one prediction per record.
// Only the loop over the scanner is timed: decoding the corpus and building
// the predictions are not the library's cost.
func predict(ctx context.Context, t task, recs []record) ([]prediction, timing, error) {
	found := make([][]guard.Finding, len(recs))
	size := 0
	start := time.Now()
	for i := range recs {
		if err := ctx.Err(); err != nil {
			return nil, timing{}, err
		}
		fs, err := t.scanner.Scan(ctx, guard.Input{Text: recs[i].Text, Source: t.source})
		if err != nil {
			return nil, timing{}, fmt.Errorf("evaluate: record %d: %w", i+1, err)
		}
		found[i] = fs
		size += len(recs[i].Text)
	}
	tm := timing{Seconds: time.Since(start).Seconds(), N: len(recs), Bytes: size}
	if tm.Seconds > 0 {
		tm.TextsPerS = new(float64(tm.N) / tm.Seconds)
		tm.MBPerS = new(float64(tm.Bytes) / 1e6 / tm.Seconds)
	}
	preds := make([]prediction, len(recs))
	for i, fs := range found {
		preds[i] = t.prediction(recs[i].ID, fs)
	}
	return preds, tm, nil
}

func (t task) prediction(id json.RawMessage, fs []guard.Finding) prediction {
	p := prediction{ID: id}
	if !t.spans {
		p.Categories = []string{}
		for _, f := range fs {
			p.Categories = append(p.Categories, f.Category)
			p.Score = max(p.Score, f.Score)
		}
		slices.Sort(p.Categories)
		p.Categories = slices.Compact(p.Categories)
		p.Flagged = len(fs) > 0
		return p
	}
	p.Spans = []predSpan{}
	for _, f := range fs {
		if typ := t.typeOf(f.Category); typ != "" {
			p.Spans = append(p.Spans, predSpan{f.Start, f.End, typ})
			p.Score = max(p.Score, f.Score)
		}
	}
	// Two rules finding the same span give a host one redaction, so they
	// give the scorer one prediction.
	slices.SortFunc(p.Spans, func(a, b predSpan) int {
		return cmp.Or(cmp.Compare(a.Start, b.Start), cmp.Compare(a.End, b.End),
			cmp.Compare(a.Type, b.Type))
	})
	p.Spans = slices.Compact(p.Spans)
	p.Flagged = len(p.Spans) > 0
	return p
}

// writePredictions writes one JSON line per prediction, non-ASCII text
// kept as is.
func writePredictions(w io.Writer, preds []prediction) error {
	bw := bufio.NewWriter(w)
	enc := json.NewEncoder(bw)
	enc.SetEscapeHTML(false)
	for _, p := range preds {
		if err := enc.Encode(p); err != nil {
			return fmt.Errorf("evaluate: writing predictions: %w", err)
		}
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("evaluate: writing predictions: %w", err)
	}
	return nil
}
