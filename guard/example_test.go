package guard_test

import (
	"context"
	"fmt"
	"iter"
	"os"
	"regexp"

	"github.com/textnlp/textguard/guard"
)

// cardLike is a toy scanner for the examples: sixteen digits in groups.
var cardLike = regexp.MustCompile(`\b\d{4}(?: ?\d{4}){3}\b`)

func cards(ctx context.Context, in guard.Input) ([]guard.Finding, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	var fs []guard.Finding
	for _, m := range cardLike.FindAllStringIndex(in.Text, -1) {
		fs = append(fs, guard.Finding{Rule: "example.card", Category: "CREDIT_CARD",
			Start: m[0], End: m[1], Score: 0.9, Severity: guard.SeverityHigh})
	}
	return fs, nil
}

// tag replaces each finding with its category in brackets.
func tag(_ context.Context, in guard.Input, fs []guard.Finding) ([]guard.Edit, error) {
	es := make([]guard.Edit, 0, len(fs))
	for _, f := range fs {
		es = append(es, guard.Edit{Start: f.Start, End: f.End, Text: "[" + f.Category + "]"})
	}
	return es, nil
}

func ExampleNew() {
	g, err := guard.New(
		guard.InputStages(guard.Stage{
			Name:      "cards",
			Scanner:   guard.ScannerFunc(cards),
			Sanitizer: guard.SanitizerFunc(tag),
			Filter:    guard.Threshold{Score: 0.5, Action: guard.ActionSanitize},
		}),
		guard.MaxBytes(64<<10),
	)
	if err != nil {
		fmt.Println(err)
		return
	}
	res, err := g.CheckInput(context.Background(), guard.Prompt("Charge 4111 1111 1111 1111 please"))
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(res.Verdict, res.Request.Messages[0].Content)
	// Output: sanitize Charge [CREDIT_CARD] please
}

func ExampleGuard_Call() {
	g, _ := guard.New(guard.OutputStages(guard.Stage{
		Scanner: guard.ScannerFunc(cards),
		Filter:  guard.Threshold{Score: 0.5, Severity: guard.SeverityHigh, Action: guard.ActionBlock},
	}))
	model := func(ctx context.Context, req *guard.Request) (string, error) {
		return "The card on file is 4111 1111 1111 1111.", nil
	}
	res, _ := g.Call(context.Background(), guard.Prompt("Which card do I use?"), model)
	f := res.Findings[0]
	fmt.Printf("%s: %s at [%d,%d), reply %q\n", res.Verdict, f.Rule, f.Start, f.End, res.Reply)
	// Output: block: example.card at [20,39), reply ""
}

func ExampleGuard_NewStream() {
	g, _ := guard.New(guard.OutputStages(guard.Stage{
		Scanner:   windowed{guard.ScannerFunc(cards), 20},
		Sanitizer: guard.SanitizerFunc(tag),
		Filter:    guard.Threshold{Action: guard.ActionSanitize},
	}))
	ctx := context.Background()
	s := g.NewStream(nil)
	for _, chunk := range []string{"Use card 4111 11", "11 1111 1111 for", " the order."} {
		safe, _ := s.Push(ctx, chunk)
		fmt.Printf("%q\n", safe)
	}
	tail, res, _ := s.Close(ctx)
	fmt.Printf("%q\n%s\n", tail, res.Verdict)
	// Output:
	// ""
	// "Use card "
	// ""
	// "[CREDIT_CARD] for the order."
	// sanitize
}

func ExampleGuard_CallStream() {
	g, _ := guard.New(guard.OutputStages(guard.Stage{
		Scanner:   windowed{guard.ScannerFunc(cards), 20},
		Sanitizer: guard.SanitizerFunc(tag),
		Filter:    guard.Threshold{Action: guard.ActionSanitize},
	}))
	model := func(ctx context.Context, req *guard.Request) iter.Seq2[string, error] {
		return func(yield func(string, error) bool) {
			for _, c := range []string{"Card: 4111 1111 ", "1111 1111. ", "Anything else?"} {
				if !yield(c, nil) {
					return
				}
			}
		}
	}
	res, err := g.CallStream(context.Background(), guard.Prompt("card?"), model, os.Stdout)
	fmt.Println()
	fmt.Println(res.Verdict, err)
	// Output:
	// Card: [CREDIT_CARD]. Anything else?
	// sanitize <nil>
}

func ExampleVault() {
	v := guard.NewVault()
	a := v.Pseudonym("PERSON", "Ada Lovelace", nil)
	b := v.Pseudonym("PERSON", "Alan Turing", nil)
	fmt.Println(a, b, v.Pseudonym("PERSON", "Ada Lovelace", nil))
	fmt.Println(v.Restore("Ask " + a + " and " + b + "."))
	// Output:
	// <PERSON_1> <PERSON_2> <PERSON_1>
	// Ask Ada Lovelace and Alan Turing.
}

// windowed declares how far a scanner's findings reach, so that a stream
// can release text before the reply ends.
type windowed struct {
	guard.Scanner
	w int
}

func (w windowed) Window() int { return w.w }
