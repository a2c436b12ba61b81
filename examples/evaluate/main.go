// Command evaluate measures a TextGuard detector on a labelled corpus.
//
//	go run ./examples/evaluate -task invisible -in testdata/eval/invisible.jsonl -out preds.jsonl
//
// It reads JSON Lines records ({"id", "text", ...}; stdin by default) and
// writes one prediction per record (stdout by default), using the
// library's default configuration for the task, as a host would get it:
//
//	classification: {"id": ..., "flagged": true, "score": 0.87, "categories": ["..."]}
//	span:           {"id": ..., "flagged": true, "score": 0.9, "spans": [{"start": 12, "end": 30, "type": "EMAIL"}]}
//
// Span offsets are UTF-8 byte offsets, and span types are the corpora's
// names (../shared/corpora/README.md). The predictions are what
// ../shared/tools/score.py scores.
//
// When the records carry labels ("label", or "spans" with "scope_types"),
// evaluate also prints to stderr the figures score.py computes:
// precision, recall, F1, false-positive rate, accuracy and ROC-AUC for
// classification; per-type and micro-averaged precision, recall and F1,
// exact and overlapping, for spans. It always prints the throughput of the
// scan loop alone and a TIMING line that score.py's --timing reads.
//
// Flags:
//
//	-task NAME        the detector to measure (required; -task list names them)
//	-in FILE          corpus (default stdin)
//	-out FILE         predictions (default stdout; "-" too)
//	-metrics FILE     also write the figures as JSON
//	-area AREA        corpus area; default: from the -in path, as score.py does
//	-require P>=X     fail (exit 1) unless figure P of the JSON is at least X;
//	                  P<=X for a ceiling; repeatable
//
// Exit status: 0 on success, 1 when a requirement is not met, 2 on error.
package main

import (
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"maps"
	"os"
	"runtime/debug"
	"slices"
	"strings"
)

func main() {
	os.Exit(run(context.Background(), os.Args[1:], os.Stdin, os.Stdout, os.Stderr, tasks()))
}

// options are the command-line settings.
type options struct {
	task, in, out, metrics, area string
	require                      []requirement
}

// errUsage marks a command-line error that the flag package has already
// reported.
var errUsage = errors.New("evaluate: usage")

func parseOptions(args []string, stderr io.Writer) (options, error) {
	var o options
	fs := flag.NewFlagSet("evaluate", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&o.task, "task", "", "detector to measure (\"list\" names them)")
	fs.StringVar(&o.in, "in", "", "corpus `file`, JSON Lines (default stdin)")
	fs.StringVar(&o.out, "out", "", "predictions `file` (default stdout)")
	fs.StringVar(&o.metrics, "metrics", "", "also write the figures as JSON to `file`")
	fs.StringVar(&o.area, "area", "", "corpus `area` (default: from the -in path)")
	fs.Func("require", "fail unless figure `PATH>=X` (or PATH<=X) holds; repeatable",
		func(s string) error {
			q, err := parseRequirement(s)
			o.require = append(o.require, q)
			return err
		})
	if err := fs.Parse(args); err != nil {
		return o, fmt.Errorf("%w: %w", errUsage, err) // fs printed it
	}
	if fs.NArg() > 0 {
		return o, fmt.Errorf("evaluate: unexpected argument %q", fs.Arg(0))
	}
	if o.task == "" {
		return o, errors.New("evaluate: -task is required")
	}
	if o.area == "" && o.in != "" {
		o.area = areaOf(o.in)
	}
	return o, nil
}

// run is the whole program, with its inputs and outputs passed in so that
// tests can run it on their own corpora and tasks.
func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer,
	registry map[string]func() (task, error)) int {
	o, err := parseOptions(args, stderr)
	if errors.Is(err, flag.ErrHelp) {
		return 0
	}
	if err != nil {
		if !errors.Is(err, errUsage) {
			fmt.Fprintln(stderr, err)
		}
		return 2
	}
	names := slices.Sorted(maps.Keys(registry))
	if o.task == "list" {
		fmt.Fprintln(stdout, strings.Join(names, "\n"))
		return 0
	}
	rep, err := evaluateTask(ctx, o, stdin, stdout, stderr, registry)
	if err != nil {
		fmt.Fprintln(stderr, err)
		return 2
	}
	status := 0
	for _, q := range o.require {
		x, err := q.check(rep)
		switch {
		case errors.Is(err, errUnmet):
			fmt.Fprintf(stderr, "REQUIRE\tFAIL\t%s\t%.4f\n", q, x)
			status = 1
		case err != nil:
			fmt.Fprintf(stderr, "REQUIRE\tERROR\t%s\t-\t%v\n", q, err)
			status = 1
		default:
			fmt.Fprintf(stderr, "REQUIRE\tok\t%s\t%.4f\n", q, x)
		}
	}
	return status
}

// evaluateTask builds the task, predicts, writes the predictions and, when
// there are labels, the figures.
func evaluateTask(ctx context.Context, o options, stdin io.Reader, stdout, stderr io.Writer,
	registry map[string]func() (task, error)) (Report, error) {
	build, ok := registry[o.task]
	if !ok {
		return Report{}, fmt.Errorf("evaluate: unknown task %q (registered: %s)", o.task,
			strings.Join(slices.Sorted(maps.Keys(registry)), ", "))
	}
	t, err := build()
	if err != nil {
		return Report{}, fmt.Errorf("evaluate: building task %q: %w", o.task, err)
	}
	recs, err := readInput(o.in, stdin)
	if err != nil {
		return Report{}, err
	}
	preds, tm, err := predict(ctx, t, recs)
	if err != nil {
		return Report{}, err
	}
	tm.Version = version()
	if err := writeOutput(o.out, stdout, preds); err != nil {
		return Report{}, err
	}
	rep, err := evaluate(recs, preds, t.spans, o.area)
	if err != nil {
		return Report{}, err
	}
	rep.Task, rep.Corpus, rep.Throughput = o.task, cmp.Or(o.in, "stdin"), tm
	printReport(stderr, rep)
	if b, err := json.Marshal(tm); err == nil {
		fmt.Fprintf(stderr, "TIMING %s\n", b)
	}
	if o.metrics != "" {
		b, err := json.MarshalIndent(rep, "", " ")
		if err != nil {
			return rep, err
		}
		if err := os.WriteFile(o.metrics, append(b, '\n'), 0o644); err != nil {
			return rep, fmt.Errorf("evaluate: writing metrics: %w", err)
		}
	}
	return rep, nil
}

func readInput(path string, stdin io.Reader) ([]record, error) {
	if path == "" || path == "-" {
		return readCorpus(stdin)
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("evaluate: %w", err)
	}
	defer f.Close()
	return readCorpus(f)
}

func writeOutput(path string, stdout io.Writer, preds []prediction) error {
	if path == "" || path == "-" {
		return writePredictions(stdout, preds)
	}
	f, err := os.Create(path)
	if err != nil {
		return fmt.Errorf("evaluate: %w", err)
	}
	if err := writePredictions(f, preds); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// version names the build for the TIMING line: the module version and,
// when the build recorded it, the commit.
func version() string {
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return "unknown"
	}
	v := "textguard " + bi.Main.Version
	for _, s := range bi.Settings {
		if s.Key == "vcs.revision" && len(s.Value) >= 12 {
			v += " " + s.Value[:12]
		}
	}
	return v
}
