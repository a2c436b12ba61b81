package secrets_test

import (
	"context"
	"fmt"
	"strings"

	"github.com/textnlp/textguard/guard"
	"github.com/textnlp/textguard/pii/secrets"
)

func ExampleNew() {
	d, err := secrets.New()
	if err != nil {
		panic(err)
	}
	// The sample credentials are assembled from pieces so that no
	// complete one sits in the source.
	text := "Connect with postgres://app:" + "Vq7-rT2x-Lm9p" + "@db.internal/app " +
		"and key " + "AKIA" + "Q7ZK3MWXNO5RB2TL" + "."
	fs, err := d.Scan(context.Background(), guard.Input{Text: text})
	if err != nil {
		panic(err)
	}
	for _, f := range fs {
		fmt.Printf("%s %s %q\n", f.Rule, f.Severity, f.Span(text))
	}
	// Output:
	// secrets.database-url critical "Vq7-rT2x-Lm9p"
	// secrets.aws-access-key-id critical "AKIAQ7ZK3MWXNO5RB2TL"
}

// A host redacts what the detector finds with a guard stage.
func ExampleDetector_Scan_redact() {
	d, err := secrets.New()
	if err != nil {
		panic(err)
	}
	g, err := guard.New(guard.InputStages(guard.Stage{
		Name:      "secrets",
		Scanner:   d,
		Sanitizer: guard.Redact(""),
		Filter:    guard.Threshold{Score: 0.5, Severity: guard.SeverityHigh, Action: guard.ActionSanitize},
	}))
	if err != nil {
		panic(err)
	}
	prompt := `Why does this fail? client_secret = "` + "f3Q9" + "wLp2Rt8VnB4mK6sJ" + `"`
	res, err := g.CheckInput(context.Background(), guard.Prompt(prompt))
	if err != nil {
		panic(err)
	}
	fmt.Println(res.Verdict, res.Request.Messages[0].Content)
	// Output:
	// sanitize Why does this fail? client_secret = "[REDACTED]"
}

// Rules kept in a gitleaks configuration work as they are.
func ExampleLoadGitleaksTOML() {
	config := `
[[rules]]
id = "acme-token"
description = "Acme API token"
regex = '''\b(acme_[0-9a-f]{16})\b'''
keywords = ["acme_"]
`
	rules, err := secrets.LoadGitleaksTOML(strings.NewReader(config))
	if err != nil {
		panic(err)
	}
	d, err := secrets.New(secrets.WithRules(rules...))
	if err != nil {
		panic(err)
	}
	text := "token acme_" + "9f3c02b7e41d58a6"
	fs, _ := d.Scan(context.Background(), guard.Input{Text: text})
	for _, f := range fs {
		fmt.Println(f.Rule, f.Span(text))
	}
	// Output:
	// secrets.acme-token acme_9f3c02b7e41d58a6
}
