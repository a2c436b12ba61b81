// Command train fits the injection detector's linear classifier from the
// shared corpora and writes its weights, the file the injection package
// embeds. From the repository root:
//
//	go run ./injection/internal/train -out injection/model.bin
//
// It trains on every record of jailbreak_prompts, cyberseceval_prompt_injection_en
// and notinject_overdefense, and on the clean half of bipia_indirect (the
// injected half is an injection only because it sits in retrieved data, so
// it would teach the classifier that ordinary questions are attacks).
//
// Before training the shipped model it runs a grouped k-fold
// cross-validation: records are clustered by shared word 4-grams so that
// near-duplicates (the many variants of one jailbreak, the two halves of a
// BIPIA pair) always fall in the same fold. The out-of-fold scores give the
// figures it prints and the calibration the model stores. With -cvdir it
// also writes each fold's model and the fold of every record, and with
// -cvpred it writes, for every corpus file, the predictions of the whole
// detector (rules and the classifier of the fold that did not see the
// record), in the format ../shared/tools/score.py reads.
//
// The run is deterministic: the same corpora and flags give the same
// bytes.
package main

import (
	"bufio"
	"bytes"
	"cmp"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/textnlp/textguard/guard"
	"github.com/textnlp/textguard/injection"
	"github.com/textnlp/textguard/injection/internal/linear"
)

// files are the corpus files, and how each is used for training.
var files = []struct {
	area, name string
	train      func(label int) bool
}{
	{"injection", "jailbreak_prompts", func(int) bool { return true }},
	{"injection", "cyberseceval_prompt_injection_en", func(int) bool { return true }},
	{"injection", "notinject_overdefense", func(int) bool { return true }},
	{"injection", "bipia_indirect", func(label int) bool { return label == 0 }},
	// Benign prompts of the moderation area, as extra negatives: requests
	// about security and software (CyberSecEval's false-refusal set and
	// self-instruct tasks) and XSTest's safe prompts that use words of
	// harm. Their positives are harmful requests, not injections, and are
	// not used.
	{"moderation", "harmful_requests", func(label int) bool { return label == 0 }},
	{"moderation", "xstest", func(label int) bool { return label == 0 }},
}

type options struct {
	corpora, out, cvdir, cvpred string
	bits                        uint
	epochs, folds               int
	lr, l2, fpr, cseWeight      float64
	seed                        uint64
}

func main() {
	var o options
	flag.StringVar(&o.corpora, "corpora", "../shared/corpora", "corpora `dir` (holding injection/ and moderation/)")
	flag.StringVar(&o.out, "out", "injection/model.bin", "model `file` to write")
	flag.StringVar(&o.cvdir, "cvdir", "", "also write fold models and folds.tsv to `dir`")
	flag.StringVar(&o.cvpred, "cvpred", "", "also write out-of-fold detector predictions to `dir`")
	flag.UintVar(&o.bits, "bits", 18, "log2 of the weight table size")
	flag.IntVar(&o.epochs, "epochs", 12, "passes over the training data")
	flag.IntVar(&o.folds, "folds", 5, "cross-validation folds")
	flag.Float64Var(&o.lr, "lr", 0.5, "AdaGrad learning rate")
	flag.Float64Var(&o.l2, "l2", 1e-6, "L2 penalty per update")
	flag.Uint64Var(&o.seed, "seed", 1, "shuffle seed")
	flag.Float64Var(&o.cseWeight, "cseweight", 0.5, "weight of cyberseceval records, whose templated attacks would otherwise dominate")
	flag.Float64Var(&o.fpr, "fpr", 0.03, "out-of-fold false-positive rate on short benign prompts at probability 0.5")
	flag.Parse()
	if err := run(o, os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}

// A record is one corpus line with what training needs.
type record struct {
	file     string
	id       string
	text     string
	label    int
	category string
	pair     string
	train    bool
	norm     string
	feats    []feat
	fold     int
}

type feat struct {
	idx uint32
	val float32
}

func run(o options, w io.Writer) error {
	recs, err := load(o)
	if err != nil {
		return err
	}
	assignFolds(recs, o.folds, o.seed)
	var train []*record
	for _, r := range recs {
		if r.train {
			train = append(train, r)
		}
	}
	fmt.Fprintf(w, "records %d, training %d, folds %d\n", len(recs), len(train), o.folds)

	oof := make(map[*record]float64)
	foldModels := make([]*linear.Model, o.folds)
	for k := range o.folds {
		var tr []*record
		for _, r := range train {
			if r.fold != k {
				tr = append(tr, r)
			}
		}
		m := fit(tr, o)
		foldModels[k] = m
		for _, r := range train {
			if r.fold == k {
				oof[r] = raw(m, r)
			}
		}
	}
	a, b := platt(train, oof)
	t := operatingPoint(train, oof, a, b, o.fpr)
	b -= math.Log(t / (1 - t))
	fmt.Fprintf(w, "calibration a=%.4f b=%.4f (0.5 moved to the Platt probability %.3f)\n", a, b, t)
	for _, m := range foldModels {
		m.CalA, m.CalB = float32(a), float32(b)
	}
	report(w, train, oof, a, b)
	lengthCheck(w, recs, foldModels, a, b)

	final := fit(train, o)
	final.CalA, final.CalB = float32(a), float32(b)
	final.About = about(o)
	if err := save(final, o.out); err != nil {
		return err
	}
	fmt.Fprintf(w, "wrote %s (%d bytes of weights)\n", o.out, len(final.Weights))
	for _, m := range foldModels {
		m.About = about(o) + " (cross-validation fold)"
	}
	if o.cvdir != "" {
		if err := writeFolds(o.cvdir, recs, foldModels); err != nil {
			return err
		}
	}
	if o.cvpred != "" {
		return predict(o.cvpred, recs, foldModels)
	}
	return nil
}

func about(o options) string {
	var names []string
	for _, f := range files {
		names = append(names, f.name)
	}
	return fmt.Sprintf("trained on %s (bipia_indirect: clean half only; harmful_requests, xstest: benign prompts only); bits=%d epochs=%d lr=%g l2=%g seed=%d",
		strings.Join(names, ", "), o.bits, o.epochs, o.lr, o.l2, o.seed)
}

func load(o options) ([]*record, error) {
	norm := guard.NewNormalizer(guard.NormalizeSteps(linear.Steps))
	var recs []*record
	for _, f := range files {
		path := filepath.Join(o.corpora, f.area, f.name+".jsonl")
		data, err := os.ReadFile(path)
		if err != nil {
			return nil, fmt.Errorf("train: %w", err)
		}
		sc := bufio.NewScanner(bytes.NewReader(data))
		sc.Buffer(nil, 1<<24)
		for n := 1; sc.Scan(); n++ {
			var j struct {
				ID       json.RawMessage `json:"id"`
				Text     string          `json:"text"`
				Label    int             `json:"label"`
				Category string          `json:"category"`
				Meta     struct {
					Pair string `json:"pair"`
				} `json:"meta"`
			}
			if err := json.Unmarshal(sc.Bytes(), &j); err != nil {
				return nil, fmt.Errorf("train: %s line %d: %w", f.name, n, err)
			}
			if !f.train(j.Label) && f.area != "injection" {
				continue
			}
			r := &record{file: f.name, id: string(j.ID), text: j.Text, label: j.Label,
				category: j.Category, pair: j.Meta.Pair, train: f.train(j.Label)}
			r.norm = norm.Normalize(j.Text).Text
			r.feats = features(r.norm, uint8(o.bits))
			recs = append(recs, r)
		}
		if err := sc.Err(); err != nil {
			return nil, fmt.Errorf("train: %s: %w", f.name, err)
		}
	}
	return recs, nil
}

// features returns the text's feature vector: for each slot, the sum over
// its occurrences of 1/sqrt(count of the group), as linear.Model.Raw
// weighs them.
func features(text string, bits uint8) []feat {
	var count [linear.NumGroups]int
	linear.Features(text, func(g linear.Group, _ uint32, _, _ int) { count[g]++ })
	acc := map[uint32]float32{}
	linear.Features(text, func(g linear.Group, h uint32, _, _ int) {
		acc[linear.Index(g, h, bits)] += float32(1 / math.Sqrt(float64(count[g])))
	})
	fs := make([]feat, 0, len(acc))
	for i, v := range acc {
		fs = append(fs, feat{i, v})
	}
	slices.SortFunc(fs, func(a, b feat) int { return cmp.Compare(a.idx, b.idx) })
	return fs
}

// fit trains logistic regression with AdaGrad on the records, each class
// weighted to half the total, and quantises the weights.
func fit(recs []*record, o options) *linear.Model {
	size := 1 << o.bits
	w := make([]float64, size)
	g2 := make([]float64, size)
	var bias, biasG2 float64
	pos := 0
	for _, r := range recs {
		pos += r.label
	}
	wPos := float64(len(recs)) / (2 * float64(max(pos, 1)))
	wNeg := float64(len(recs)) / (2 * float64(max(len(recs)-pos, 1)))
	order := make([]int, len(recs))
	for i := range order {
		order[i] = i
	}
	rng := rand.New(rand.NewPCG(o.seed, 0x5eed))
	for range o.epochs {
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		for _, i := range order {
			r := recs[i]
			z := bias
			for _, f := range r.feats {
				z += w[f.idx] * float64(f.val)
			}
			p := 1 / (1 + math.Exp(-z))
			cw := wNeg
			if r.label == 1 {
				cw = wPos
			}
			if r.file == "cyberseceval_prompt_injection_en" {
				cw *= o.cseWeight
			}
			grad := cw * (p - float64(r.label))
			for _, f := range r.feats {
				gi := grad*float64(f.val) + o.l2*w[f.idx]
				g2[f.idx] += gi * gi
				w[f.idx] -= o.lr * gi / math.Sqrt(g2[f.idx]+1e-8)
			}
			biasG2 += grad * grad
			bias -= o.lr * grad / math.Sqrt(biasG2+1e-8)
		}
	}
	return quantise(w, bias, uint8(o.bits))
}

func quantise(w []float64, bias float64, bits uint8) *linear.Model {
	var top float64
	for _, x := range w {
		top = max(top, math.Abs(x))
	}
	scale := top / 127
	if scale == 0 {
		scale = 1
	}
	m := &linear.Model{Bits: bits, Bias: float32(bias), Scale: float32(scale), CalA: 1,
		Weights: make([]int8, len(w))}
	for i, x := range w {
		m.Weights[i] = int8(math.Round(x / scale))
	}
	return m
}

func raw(m *linear.Model, r *record) float64 { return m.Raw(r.norm) }

// platt fits p = sigmoid(a*z+b) to the out-of-fold scores by Newton's
// method, with the usual smoothed targets.
func platt(recs []*record, z map[*record]float64) (float64, float64) {
	pos := 0
	for _, r := range recs {
		pos += r.label
	}
	neg := len(recs) - pos
	hi := (float64(pos) + 1) / (float64(pos) + 2)
	lo := 1 / (float64(neg) + 2)
	a, b := 1.0, 0.0
	for range 100 {
		var ga, gb, haa, hab, hbb float64
		for _, r := range recs {
			t := lo
			if r.label == 1 {
				t = hi
			}
			x := z[r]
			p := 1 / (1 + math.Exp(-(a*x + b)))
			d := p - t
			ga += d * x
			gb += d
			s := p * (1 - p)
			haa += s * x * x
			hab += s * x
			hbb += s
		}
		haa += 1e-9
		hbb += 1e-9
		det := haa*hbb - hab*hab
		if det == 0 {
			break
		}
		da := (hbb*ga - hab*gb) / det
		db := (haa*gb - hab*ga) / det
		a -= da
		b -= db
		if math.Abs(da)+math.Abs(db) < 1e-9 {
			break
		}
	}
	return a, b
}

// operatingPoint returns the Platt probability above which at most a
// share fpr of the out-of-fold benign prompts of jailbreak_prompts and
// notinject_overdefense score. The classifier alone should rarely flag a
// benign prompt: the rules, not it, carry the decisions it is unsure of.
func operatingPoint(recs []*record, z map[*record]float64, a, b, fpr float64) float64 {
	var ps []float64
	for _, r := range recs {
		if r.label == 0 && (r.file == "jailbreak_prompts" || r.file == "notinject_overdefense") {
			ps = append(ps, 1/(1+math.Exp(-(a*z[r]+b))))
		}
	}
	if len(ps) == 0 {
		return 0.5
	}
	slices.Sort(ps)
	k := int(math.Ceil(float64(len(ps)) * (1 - fpr)))
	return max(0.5, ps[min(k, len(ps)-1)])
}

// report prints the classifier's out-of-fold figures per file at p >= 0.5.
func report(w io.Writer, recs []*record, z map[*record]float64, a, b float64) {
	fmt.Fprintln(w, "classifier alone, out-of-fold, threshold 0.5:")
	for _, f := range files {
		var tp, fp, tn, fn int
		var scored []scoredLabel
		for _, r := range recs {
			if r.file != f.name {
				continue
			}
			p := 1 / (1 + math.Exp(-(a*z[r] + b)))
			scored = append(scored, scoredLabel{p, r.label})
			switch {
			case p >= 0.5 && r.label == 1:
				tp++
			case p >= 0.5:
				fp++
			case r.label == 1:
				fn++
			default:
				tn++
			}
		}
		fmt.Fprintf(w, "  %-34s n=%-5d %s auc=%s\n", f.name, tp+fp+tn+fn,
			prf(tp, fp, tn, fn), fmtNaN(auc(scored)))
	}
}

type scoredLabel struct {
	p     float64
	label int
}

func prf(tp, fp, tn, fn int) string {
	div := func(a, b int) float64 {
		if b == 0 {
			return math.NaN()
		}
		return float64(a) / float64(b)
	}
	p, r := div(tp, tp+fp), div(tp, tp+fn)
	f1 := 2 * p * r / (p + r)
	return fmt.Sprintf("P=%s R=%s F1=%s FPR=%s", fmtNaN(p), fmtNaN(r), fmtNaN(f1),
		fmtNaN(div(fp, fp+tn)))
}

func fmtNaN(x float64) string {
	if math.IsNaN(x) {
		return "  -  "
	}
	return fmt.Sprintf("%.3f", x)
}

func auc(s []scoredLabel) float64 {
	var pos, neg []float64
	for _, x := range s {
		if x.label == 1 {
			pos = append(pos, x.p)
		} else {
			neg = append(neg, x.p)
		}
	}
	if len(pos) == 0 || len(neg) == 0 {
		return math.NaN()
	}
	var win float64
	for _, p := range pos {
		for _, n := range neg {
			switch {
			case p > n:
				win++
			case p == n:
				win += 0.5
			}
		}
	}
	return win / float64(len(pos)*len(neg))
}

// lengthCheck tests whether the classifier is a length detector: it scores
// the jailbreaks cut to the length of a typical benign prompt, and the
// clean BIPIA documents, which are long and benign, each with the model
// of the fold that did not see them.
func lengthCheck(w io.Writer, recs []*record, ms []*linear.Model, a, b float64) {
	norm := guard.NewNormalizer(guard.NormalizeSteps(linear.Steps))
	var cut, whole, n int
	for _, r := range recs {
		if r.file != "jailbreak_prompts" || r.label != 1 {
			continue
		}
		m := ms[r.fold]
		n++
		if m.Calibrate(m.Raw(r.norm))*1 >= 0.5 {
			whole++
		}
		t := r.text
		if len(t) > 300 {
			t = t[:300]
			for len(t) > 0 && t[len(t)-1]&0xc0 == 0x80 {
				t = t[:len(t)-1]
			}
		}
		z := m.Raw(norm.Normalize(t).Text)
		if 1/(1+math.Exp(-(a*z+b))) >= 0.5 {
			cut++
		}
	}
	fmt.Fprintf(w, "length check: jailbreak recall whole %.3f, cut to 300 bytes %.3f (n=%d)\n",
		float64(whole)/float64(n), float64(cut)/float64(n), n)
	var long, flagged int
	for _, r := range recs {
		if r.file == "bipia_indirect" && r.label == 0 && len(r.text) > 1000 {
			long++
			m := ms[r.fold]
			if m.Prob(r.norm) >= 0.5 {
				flagged++
			}
		}
	}
	fmt.Fprintf(w, "length check: clean BIPIA documents over 1000 bytes flagged %d of %d\n",
		flagged, long)
}

func save(m *linear.Model, path string) error {
	b, err := m.MarshalBinary()
	if err != nil {
		return err
	}
	return os.WriteFile(path, b, 0o644)
}

func writeFolds(dir string, recs []*record, ms []*linear.Model) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	for k, m := range ms {
		if err := save(m, filepath.Join(dir, fmt.Sprintf("fold%d.bin", k))); err != nil {
			return err
		}
	}
	var b strings.Builder
	for _, r := range recs {
		fmt.Fprintf(&b, "%s\t%s\t%d\n", r.file, r.id, r.fold)
	}
	return os.WriteFile(filepath.Join(dir, "folds.tsv"), []byte(b.String()), 0o644)
}

// predict writes, per corpus file, the detector's predictions with each
// record scanned by a detector holding the classifier of the fold that
// did not train on it. bipia_indirect is scanned as retrieved documents
// (bipia_indirect.pred) and, for comparison, as user messages
// (bipia_indirect.as_user.pred). Files ending in .rules.pred hold the
// predictions of the rules alone, which no training touched.
func predict(dir string, recs []*record, ms []*linear.Model) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	rules, err := injection.New(injection.NoClassifier)
	if err != nil {
		return err
	}
	dets := make([]*injection.Detector, len(ms))
	for k, m := range ms {
		b, err := m.MarshalBinary()
		if err != nil {
			return err
		}
		if dets[k], err = injection.New(injection.Model(b)); err != nil {
			return err
		}
	}
	out := map[string]*bytes.Buffer{}
	for _, r := range recs {
		if r.file == "harmful_requests" || r.file == "xstest" {
			continue
		}
		outputs := []struct {
			name string
			src  guard.Source
		}{{r.file, guard.SourceUser}}
		if r.file == "bipia_indirect" {
			outputs = []struct {
				name string
				src  guard.Source
			}{{r.file, guard.SourceDocument}, {r.file + ".as_user", guard.SourceUser}}
		}
		for _, o := range outputs {
			in := guard.Input{Text: r.text, Source: o.src}
			for _, v := range []struct {
				suffix string
				det    *injection.Detector
			}{{"", dets[r.fold]}, {".rules", rules}} {
				fs, err := v.det.Scan(context.Background(), in)
				if err != nil {
					return fmt.Errorf("train: scanning %s %s: %w", r.file, r.id, err)
				}
				score := 0.0
				for _, f := range fs {
					score = max(score, f.Score)
				}
				line, _ := json.Marshal(map[string]any{"id": json.RawMessage(r.id),
					"flagged": len(fs) > 0, "score": score})
				name := o.name + v.suffix
				if out[name] == nil {
					out[name] = &bytes.Buffer{}
				}
				out[name].Write(append(line, '\n'))
			}
		}
	}
	for name, b := range out {
		if err := os.WriteFile(filepath.Join(dir, name+".pred"), b.Bytes(), 0o644); err != nil {
			return err
		}
	}
	return nil
}
