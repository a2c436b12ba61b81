package pii_test

import (
	"context"
	"fmt"

	"github.com/textnlp/textguard/guard"
	"github.com/textnlp/textguard/pii"
)

func ExampleNew() {
	d, err := pii.New()
	if err != nil {
		panic(err)
	}
	text := "Mail jane.doe@example.com or call +44 20 7946 0958. " +
		"Card 4111 1111 1111 1111, order 1234567890123456."
	findings, err := d.Scan(context.Background(), guard.Input{Text: text})
	if err != nil {
		panic(err)
	}
	for _, f := range findings {
		fmt.Printf("%s %q %.2f\n", f.Category, f.Span(text), f.Score)
	}
	// Output:
	// EMAIL "jane.doe@example.com" 1.00
	// PHONE "+44 20 7946 0958" 1.00
	// CREDIT_CARD "4111 1111 1111 1111" 1.00
}

func ExampleNew_obfuscated() {
	d, err := pii.New(pii.Types("EMAIL", "US_SSN"))
	if err != nil {
		panic(err)
	}
	// Spelled-out punctuation, a zero-width space and full-width digits.
	text := "write john [at] example [dot] com, SSN ８５３-３７-１６９４"
	findings, _ := d.Scan(context.Background(), guard.Input{Text: text})
	for _, f := range findings {
		fmt.Printf("%s %q\n", f.Category, f.Span(text))
	}
	// Output:
	// EMAIL "john [at] example [dot] com"
	// US_SSN "８５３-３７-１６９４"
}

func ExampleAddRecognizers() {
	employee := pii.Recognizer{
		ID:        "acme.employee_id",
		Type:      "EMPLOYEE_ID",
		MinDigits: 6,
		Trigger:   "-",
		Patterns:  []pii.Pattern{{Expr: `EMP-[0-9]{6}`, Score: 0.4}},
		Context:   []string{"employee", "staff"},
	}
	d, err := pii.New(pii.AddRecognizers(employee), pii.Types("EMPLOYEE_ID"))
	if err != nil {
		panic(err)
	}
	for _, text := range []string{"ticket EMP-123456", "staff number EMP-123456"} {
		findings, _ := d.Scan(context.Background(), guard.Input{Text: text})
		fmt.Println(len(findings))
	}
	// Output:
	// 0
	// 1
}

func ExampleDetector_Scan_stage() {
	d, err := pii.New(pii.Countries("US"))
	if err != nil {
		panic(err)
	}
	g, err := guard.New(guard.InputStages(guard.Stage{
		Name:    "pii",
		Scanner: d,
		Filter:  guard.Threshold{Score: 0.5, Action: guard.ActionBlock},
	}))
	if err != nil {
		panic(err)
	}
	res, err := g.CheckInput(context.Background(), guard.Prompt("my SSN is 853-37-1694"))
	if err != nil {
		panic(err)
	}
	fmt.Println(res.Verdict, res.Findings[0].Rule)
	// Output:
	// block pii.us_ssn
}
