package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/textnlp/textguard/guard"
)

// wordScanner flags "attack" (score 0.9) and "maybe" (score 0.4), so that
// the classification test has scores to rank.
var wordScanner = guard.ScannerFunc(func(ctx context.Context, in guard.Input) ([]guard.Finding, error) {
	var out []guard.Finding
	for _, w := range []struct {
		word, cat string
		score     float64
	}{{"attack", "hostile", 0.9}, {"maybe", "unsure", 0.4}} {
		if i := strings.Index(in.Text, w.word); i >= 0 {
			out = append(out, guard.Finding{Rule: "test." + w.cat, Category: w.cat,
				Start: i, End: i + len(w.word), Score: w.score})
		}
	}
	return out, nil
})

// regexScanner is a synthetic span predictor: a few loose patterns whose
// mistakes (wrong extent, wrong type, out-of-scope types) exercise every
// path of the span scoring.
func regexScanner() guard.Scanner {
	rules := []struct {
		cat string
		re  *regexp.Regexp
	}{
		{"EMAIL_ADDRESS", regexp.MustCompile(`[\w.+-]+@[\w-]+\.[\w.]+`)},
		{"PHONE_NUMBER", regexp.MustCompile(`\+?\d[\d -]{6,}\d`)},
		{"PERSON", regexp.MustCompile(`\b[A-Z][a-z]+ [A-Z][a-z]+\b`)},
		{"CITY", regexp.MustCompile(`\b(?:Paris|Seoul|Malmö)\b`)},
		{"INTERNAL", regexp.MustCompile(`#\d+`)},
	}
	return guard.ScannerFunc(func(ctx context.Context, in guard.Input) ([]guard.Finding, error) {
		var out []guard.Finding
		for _, r := range rules {
			for _, m := range r.re.FindAllStringIndex(in.Text, -1) {
				out = append(out, guard.Finding{Rule: "test", Category: r.cat,
					Start: m[0], End: m[1], Score: 0.8})
			}
		}
		return out, nil
	})
}

func testTasks() map[string]func() (task, error) {
	return map[string]func() (task, error){
		"words": func() (task, error) { return classify(wordScanner), nil },
		"regex": func() (task, error) {
			return spanTask(regexScanner(), map[string]string{
				"EMAIL_ADDRESS": "EMAIL", "PHONE_NUMBER": "PHONE", "CITY": "LOCATION", "INTERNAL": "",
			}), nil
		},
	}
}

const classCorpus = `{"id": "c1", "text": "an attack on the castle", "label": 1}
{"id": "c2", "text": "maybe an attack", "label": 1}
{"id": "c3", "text": "a quiet afternoon", "label": 1}

{"id": 4, "text": "maybe tea later", "label": 0}
{"id": "c5", "text": "nothing here", "label": 0}
{"id": "c6", "text": "an attack of hiccups", "label": 0}
`

// spanCorpus has multibyte text before its spans, so that character and
// byte offsets differ.
const spanCorpus = `{"id": "s1", "text": "Mail ana@example.org. Or call +46 70 123 4567.", "spans": [{"start": 5, "end": 20, "type": "EMAIL"}, {"start": 30, "end": 45, "type": "PHONE"}], "scope_types": ["EMAIL", "PHONE"]}
{"id": "s2", "text": "Émile Zola lived in Paris, ticket #4411.", "spans": [{"start": 0, "end": 11, "type": "PERSON"}, {"start": 21, "end": 26, "type": "GPE"}], "scope_types": ["PERSON", "LOCATION"]}
{"id": "s3", "text": "서울 visit: Kim Minji met Anna Berg in Seoul.", "spans": [{"start": 14, "end": 23, "type": "PERSON"}, {"start": 28, "end": 37, "type": "PERSON"}], "scope_types": ["PERSON"]}
{"id": "s4", "text": "No entities, only Paris Hilton jokes.", "spans": [], "scope_types": ["EMAIL"]}
{"id": "s5", "text": "Call 555 0100 200 from Malmö.", "spans": [{"start": 5, "end": 17, "type": "PHONE_NUMBER"}], "scope_types": ["PHONE"]}
{"id": "s6", "text": "Lena Fischer works at Acme Corp.", "spans": [{"start": 0, "end": 12, "type": "PERSON"}, {"start": 22, "end": 31, "type": "ORGANIZATION"}], "scope_types": ["PERSON", "ORGANIZATION"]}
{"id": "s7", "text": "I watched Star Wars with Tom Hardy.", "spans": [{"start": 10, "end": 19, "type": "creative-work"}, {"start": 25, "end": 34, "type": "person"}], "scope_types": ["PERSON", "CREATIVE_WORK"]}
`

// runTool runs the program and returns its exit status, stdout and stderr.
func runTool(t *testing.T, stdin string, args ...string) (int, string, string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code := run(context.Background(), args, strings.NewReader(stdin), &out, &errOut, testTasks())
	return code, out.String(), errOut.String()
}

func decodeLines(t *testing.T, s string) []map[string]any {
	t.Helper()
	var out []map[string]any
	sc := bufio.NewScanner(strings.NewReader(s))
	for sc.Scan() {
		var m map[string]any
		require.NoError(t, json.Unmarshal(sc.Bytes(), &m), sc.Text())
		out = append(out, m)
	}
	return out
}

func readReport(t *testing.T, path string) Report {
	t.Helper()
	b, err := os.ReadFile(path)
	require.NoError(t, err)
	var r Report
	require.NoError(t, json.Unmarshal(b, &r))
	return r
}

func TestClassification(t *testing.T) {
	metrics := filepath.Join(t.TempDir(), "m.json")
	code, out, errOut := runTool(t, classCorpus, "-task", "words", "-metrics", metrics)
	require.Equal(t, 0, code, errOut)

	preds := decodeLines(t, out)
	require.Len(t, preds, 6, "one prediction per non-blank line")
	want := []struct {
		id      any
		flagged bool
		score   float64
		cats    []any
	}{
		{"c1", true, 0.9, []any{"hostile"}},
		{"c2", true, 0.9, []any{"hostile", "unsure"}},
		{"c3", false, 0, []any{}},
		{4.0, true, 0.4, []any{"unsure"}},
		{"c5", false, 0, []any{}},
		{"c6", true, 0.9, []any{"hostile"}},
	}
	for i, w := range want {
		assert.Equal(t, w.id, preds[i]["id"])
		assert.Equal(t, w.flagged, preds[i]["flagged"])
		assert.InDelta(t, w.score, preds[i]["score"], 1e-12)
		assert.Equal(t, w.cats, preds[i]["categories"])
		assert.NotContains(t, preds[i], "spans")
	}

	// tp 2 (c1, c2), fn 1 (c3), fp 2 (4, c6), tn 1 (c5): P = 1/2, R = 2/3,
	// F1 = (2/3)/(7/6) = 4/7, FPR 2/3, accuracy 1/2 (score.py agrees). AUC: positives .9 .9 0, negatives .4 0 .9;
	// the two .9 beat .4 and 0 and tie .9 (2.5 each), 0 ties 0 (0.5): 5.5/9.
	r := readReport(t, metrics)
	assert.Equal(t, "classification", r.Kind)
	approx(t, f(4.0/6), r.FlaggedRate, "flagged rate")
	assert.Nil(t, r.Spans)
	c := r.Classification
	require.NotNil(t, c)
	assert.Equal(t, []int{2, 2, 1, 1}, []int{c.TP, c.FP, c.FN, c.TN})
	approx(t, f(0.5), c.Precision, "precision")
	approx(t, f(2.0/3), c.Recall, "recall")
	approx(t, f(4.0/7), c.F1, "f1")
	approx(t, f(2.0/3), c.FPR, "fpr")
	approx(t, f(0.5), c.Accuracy, "accuracy")
	approx(t, f(5.5/9), c.AUC, "auc")
	assert.Equal(t, 6, r.Throughput.N)
	assert.Equal(t, len("an attack on the castle")+len("maybe an attack")+len("a quiet afternoon")+
		len("maybe tea later")+len("nothing here")+len("an attack of hiccups"), r.Throughput.Bytes)

	assert.Contains(t, errOut, "classification: P=0.500 R=0.667 F1=0.571 FPR=0.667 acc=0.500 AUC=0.611")
	assert.Contains(t, errOut, "throughput (scan loop only): 6 texts")
	assert.Contains(t, errOut, "\nTIMING {")
}

func TestSpans(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "pii", "corpus.jsonl")
	require.NoError(t, os.MkdirAll(filepath.Dir(in), 0o755))
	require.NoError(t, os.WriteFile(in, []byte(spanCorpus), 0o644))
	outFile, metrics := filepath.Join(dir, "preds.jsonl"), filepath.Join(dir, "m.json")

	code, stdout, errOut := runTool(t, "", "-task", "regex", "-in", in, "-out", outFile,
		"-metrics", metrics)
	require.Equal(t, 0, code, errOut)
	assert.Empty(t, stdout, "predictions go to -out")

	b, err := os.ReadFile(outFile)
	require.NoError(t, err)
	preds := decodeLines(t, string(b))
	require.Len(t, preds, 7)
	spansOf := func(i int) []any { return preds[i]["spans"].([]any) }
	sp := func(start, end int, typ string) any {
		return map[string]any{"start": float64(start), "end": float64(end), "type": typ}
	}
	// Categories mapped (EMAIL_ADDRESS to EMAIL, CITY to LOCATION),
	// INTERNAL (#4411) dropped, spans sorted by offset, offsets in bytes:
	// "서울" is 6 bytes, so "Kim Minji" starts at byte 14, not 10.
	assert.Equal(t, []any{sp(5, 21, "EMAIL"), sp(30, 45, "PHONE")}, spansOf(0))
	assert.Equal(t, []any{sp(21, 26, "LOCATION")}, spansOf(1))
	assert.Equal(t, []any{sp(14, 23, "PERSON"), sp(28, 37, "PERSON"), sp(41, 46, "LOCATION")},
		spansOf(2))
	assert.Equal(t, []any{sp(18, 23, "LOCATION"), sp(18, 30, "PERSON")}, spansOf(3))
	assert.Equal(t, true, preds[3]["flagged"])
	for _, p := range preds {
		assert.NotContains(t, p, "categories")
	}

	r := readReport(t, metrics)
	assert.Equal(t, "span", r.Kind)
	assert.Equal(t, "pii", r.Area)
	assert.Nil(t, r.Classification, "span corpus without labels")
	require.NotNil(t, r.Spans)
	require.NotNil(t, r.Spans.InScope)
	assertScorePy(t, r)
	assert.Contains(t, errOut, "spans in scope")
}

// assertScorePy compares with figures that ../shared/tools/score.py printed
// for the same corpus and predictions (written out by this test with
// -out; scored with --peer textguard --json), so that the Go scorer and
// the project's scorer agree on a case with wrong extents, wrong types,
// out-of-scope predictions, a record with no spans and multibyte text.
func assertScorePy(t *testing.T, r Report) {
	t.Helper()
	// score.py's span_supported
	in := r.Spans.InScope.Micro
	assert.Equal(t, []int{10, 10, 7, 8, 8},
		[]int{in.Gold, in.Pred, in.ExactTP, in.OvPredOK, in.OvGoldFound})
	approx(t, f(0.7), in.ExactF1, "in-scope exact F1")
	approx(t, f(0.8), in.OverlapF1, "in-scope overlap F1")
	// span_micro
	all := r.Spans.All.Micro
	assert.Equal(t, []int{11, 13, 7, 8, 8},
		[]int{all.Gold, all.Pred, all.ExactTP, all.OvPredOK, all.OvGoldFound})
	approx(t, f(7.0/13), all.ExactP, "exact P")
	approx(t, f(0.5833333333333334), all.ExactF1, "exact F1")
	approx(t, f(0.6666666666666667), all.OverlapF1, "overlap F1")
	// span_per_type, one row of each kind
	person := r.Spans.All.PerType["PERSON"]
	assert.Equal(t, []int{5, 7, 4}, []int{person.Gold, person.Pred, person.ExactTP})
	approx(t, f(2.0/3), person.ExactF1, "PERSON exact F1")
	cw := r.Spans.All.PerType["CREATIVE_WORK"]
	assert.Equal(t, 1, cw.Gold)
	approx(t, nil, cw.ExactP, "CREATIVE_WORK exact P")
	approx(t, f(0), cw.OverlapF1, "CREATIVE_WORK overlap F1")
	// span_any_type
	anyT := r.Spans.AnyType
	assert.Equal(t, []int{9, 10, 10}, []int{anyT.ExactTP, anyT.OvPredOK, anyT.OvGoldFound})
	approx(t, f(0.8333333333333333), anyT.OverlapF1, "any-type overlap F1")
	// document
	d := r.Spans.Document
	assert.Equal(t, []int{6, 0, 0, 1}, []int{d.TP, d.FP, d.FN, d.TN})
}

func TestUnlabelled(t *testing.T) {
	code, out, errOut := runTool(t, "{\"id\": 1, \"text\": \"attack\"}\n{\"id\": 2, \"text\": \"calm\"}",
		"-task", "words")
	require.Equal(t, 0, code, errOut)
	assert.Len(t, decodeLines(t, out), 2)
	assert.NotContains(t, errOut, "classification:")
	assert.Contains(t, errOut, "flagged 0.500")
	assert.Contains(t, errOut, "throughput (scan loop only): 2 texts")
}

func TestRequire(t *testing.T) {
	tests := []struct {
		name    string
		require []string
		code    int
		stderr  string
	}{
		{"floor met", []string{"classification.recall>=0.6"}, 0, "REQUIRE\tok\tclassification.recall>=0.6\t0.6667"},
		{"ceiling met", []string{"classification.fpr<=0.7"}, 0, "REQUIRE\tok"},
		{"top-level figure", []string{"flagged_rate<=0.7"}, 0, "REQUIRE\tok\tflagged_rate<=0.7\t0.6667"},
		{"floor missed", []string{"classification.f1>=0.9"}, 1, "REQUIRE\tFAIL\tclassification.f1>=0.9\t0.5714"},
		{"ceiling missed", []string{"classification.fpr<=0.1"}, 1, "REQUIRE\tFAIL"},
		{"one of two missed", []string{"classification.recall>=0.5", "classification.auc>=0.99"}, 1, "REQUIRE\tFAIL\tclassification.auc"},
		{"no such figure", []string{"spans.in_scope.micro.exact_f1>=0.5"}, 1, "no such figure"},
		{"malformed", []string{"classification.f1=0.5"}, 2, "is not PATH>=NUMBER"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			args := []string{"-task", "words", "-out", os.DevNull}
			for _, q := range tc.require {
				args = append(args, "-require", q)
			}
			code, _, errOut := runTool(t, classCorpus, args...)
			assert.Equal(t, tc.code, code, errOut)
			assert.Contains(t, errOut, tc.stderr)
		})
	}
}

func TestRequireUndefined(t *testing.T) {
	// FPR is undefined on a corpus with no negatives: a floor on it is an
	// error, not a pass.
	code, _, errOut := runTool(t, `{"id": 1, "text": "attack", "label": 1}`,
		"-task", "words", "-out", os.DevNull, "-require", "classification.fpr<=0.1")
	assert.Equal(t, 1, code)
	assert.Contains(t, errOut, "figure undefined")
}

func TestErrors(t *testing.T) {
	tests := []struct {
		name   string
		stdin  string
		args   []string
		stderr string
	}{
		{"no task", classCorpus, nil, "-task is required"},
		{"unknown task", classCorpus, []string{"-task", "nope"}, `unknown task "nope" (registered: regex, words)`},
		{"bad JSON", "{\"id\": 1, \"text\": \"secret 1234\"}\nnot json at all\n", []string{"-task", "words"}, "line 2: not a JSON record"},
		{"partly labelled", "{\"id\": 1, \"text\": \"a\", \"label\": 1}\n{\"id\": 2, \"text\": \"b\"}\n", []string{"-task", "words"}, "1 of 2 records have no label"},
		{"odd label", `{"id": 1, "text": "a", "label": "perhaps"}`, []string{"-task", "words"}, "record 1: evaluate: cannot read label"},
		{"missing file", "", []string{"-task", "words", "-in", "/nonexistent/x.jsonl"}, "no such file"},
		{"stray argument", "", []string{"-task", "words", "extra"}, `unexpected argument "extra"`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			code, _, errOut := runTool(t, tc.stdin, tc.args...)
			assert.Equal(t, 2, code)
			assert.Contains(t, errOut, tc.stderr)
			assert.NotContains(t, errOut, "secret 1234", "errors never quote the text")
		})
	}
}

func TestList(t *testing.T) {
	code, out, _ := runTool(t, "", "-task", "list")
	assert.Equal(t, 0, code)
	assert.Equal(t, "regex\nwords\n", out)
}

func TestRegisteredTasksBuild(t *testing.T) {
	reg := tasks()
	require.Contains(t, reg, "invisible")
	for name, build := range reg {
		t.Run(name, func(t *testing.T) {
			tk, err := build()
			require.NoError(t, err)
			require.NotNil(t, tk.scanner)
			_, err = tk.scanner.Scan(context.Background(), guard.Input{Text: "plain text"})
			require.NoError(t, err)
		})
	}
}

func TestAreaOf(t *testing.T) {
	tests := map[string]string{
		"../shared/corpora/pii/wnut17_ner.jsonl":      "pii",
		"../shared/corpora/secrets/gitleaks.jsonl":    "secrets",
		"testdata/eval/invisible.jsonl":               "",
		"/x/injection/moderation/file.jsonl":          "moderation",
		`..\shared\corpora\ethics\bold_prompts.jsonl`: "",
		"ethics": "ethics",
	}
	for in, want := range tests {
		t.Run(in, func(t *testing.T) { assert.Equal(t, want, areaOf(in)) })
	}
}

func TestInvisibleTask(t *testing.T) {
	corpus := "{\"id\": \"a\", \"text\": \"Summarise this.\U000E0048\U000E0069\", \"label\": 1}\n" +
		"{\"id\": \"b\", \"text\": \"Summarise this.\", \"label\": 0}\n"
	var out, errOut bytes.Buffer
	code := run(context.Background(), []string{"-task", "invisible"}, strings.NewReader(corpus),
		&out, &errOut, tasks())
	require.Equal(t, 0, code, errOut.String())
	preds := decodeLines(t, out.String())
	require.Len(t, preds, 2)
	assert.Equal(t, true, preds[0]["flagged"])
	assert.Equal(t, []any{"invisible"}, preds[0]["categories"])
	assert.Greater(t, preds[0]["score"], 0.5)
	assert.Equal(t, false, preds[1]["flagged"])
	assert.Contains(t, errOut.String(), "classification: P=1.000 R=1.000")
}
