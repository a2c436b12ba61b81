package anonymize_test

import (
	"context"
	"fmt"
	"regexp"
	"strings"

	"github.com/textnlp/textguard/guard"
	"github.com/textnlp/textguard/pii/anonymize"
)

// people is a toy scanner for the examples: e-mail addresses and two
// known names.
var (
	emailRE  = regexp.MustCompile(`[\w.+-]+@[\w-]+(?:\.[\w-]+)+`)
	peopleRE = regexp.MustCompile(`\b(?:Ada Lovelace|Ada|Charles Babbage)\b`)
)

func people(ctx context.Context, in guard.Input) ([]guard.Finding, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	var fs []guard.Finding
	for _, m := range emailRE.FindAllStringIndex(in.Text, -1) {
		fs = append(fs, guard.Finding{Rule: "example.email", Category: "EMAIL", Start: m[0], End: m[1], Score: 0.9})
	}
	for _, m := range peopleRE.FindAllStringIndex(in.Text, -1) {
		fs = append(fs, guard.Finding{Rule: "example.person", Category: "PERSON", Start: m[0], End: m[1], Score: 0.8})
	}
	return fs, nil
}

func anonymizeText(a *anonymize.Anonymizer, in guard.Input) string {
	fs, _ := people(context.Background(), in)
	out, err := a.Anonymize(context.Background(), in, fs)
	if err != nil {
		return err.Error()
	}
	return out
}

func ExampleNew() {
	a, err := anonymize.New(
		anonymize.For("EMAIL", anonymize.Mask('*', 8)),
		anonymize.Default(anonymize.Tag()),
	)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(anonymizeText(a, guard.Input{Text: "Ada Lovelace <ada@analytical.io>"}))
	// Output: <PERSON> <***@****ytical.io>
}

// With a vault, each value gets one pseudonym for the whole call, and the
// vault puts the originals back into the model's reply, whatever case the
// model wrote them in.
func Example_pseudonym() {
	a, err := anonymize.New(anonymize.Default(anonymize.Pseudonym()))
	if err != nil {
		fmt.Println(err)
		return
	}
	v := guard.NewVault()
	prompt := "Write to Ada Lovelace (ada@analytical.io) about Charles Babbage. Ada is expecting it."
	sent := anonymizeText(a, guard.Input{Text: prompt, Vault: v})
	fmt.Println(sent)

	// The model answers with the pseudonyms it was given.
	given := strings.Fields(sent)[2]
	reply := "Dear " + strings.ToUpper(given) + ", as promised, here is my note."
	fmt.Println(v.Restore(reply))
	// Output:
	// Write to Alphonso Johnston (hillary.altenwerth@example.org) about Stevie Hagenes. Alphonso is expecting it.
	// Dear Ada, as promised, here is my note.
}

func ExampleHash() {
	key := []byte("a host secret of at least 16 bytes")
	a, err := anonymize.New(anonymize.For("EMAIL", anonymize.Hash(key)), anonymize.Default(anonymize.Keep()))
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(anonymizeText(a, guard.Input{Text: "ada@analytical.io wrote, then ada@analytical.io again"}))
	// Output: <EMAIL:b29fea2ed374> wrote, then <EMAIL:b29fea2ed374> again
}

func ExampleEncrypt() {
	key := []byte("0123456789abcdef0123456789abcdef") // AES-256; keep yours secret
	a, err := anonymize.New(anonymize.Default(anonymize.Encrypt(key)))
	if err != nil {
		fmt.Println(err)
		return
	}
	token := anonymizeText(a, guard.Input{Text: "ada@analytical.io"})
	original, err := anonymize.Decrypt(token, key)
	fmt.Println(strings.HasPrefix(token, "<EMAIL:enc1:"), original, err)
	// Output: true ada@analytical.io <nil>
}

func ExampleMask() {
	a, err := anonymize.New(anonymize.Default(anonymize.Mask('*', 4)))
	if err != nil {
		fmt.Println(err)
		return
	}
	card := "4111-1111-1111-1234"
	out, _ := a.Anonymize(context.Background(), guard.Input{Text: card}, []guard.Finding{
		{Rule: "example.card", Category: "CREDIT_CARD", Start: 0, End: len(card), Score: 1},
	})
	fmt.Println(out)
	// Output: ****-****-****-1234
}

// An Anonymizer is a guard.Sanitizer: the guard pseudonymises the prompt,
// the model sees only pseudonyms, and the user reads the originals.
func Example_guard() {
	a, err := anonymize.New(anonymize.Default(anonymize.Pseudonym()))
	if err != nil {
		fmt.Println(err)
		return
	}
	g, err := guard.New(
		guard.InputStages(guard.Stage{
			Name:      "pii",
			Scanner:   guard.ScannerFunc(people),
			Sanitizer: a,
			Filter:    guard.Threshold{Score: 0.5, Action: guard.ActionSanitize},
		}),
		guard.RestorePseudonyms(),
	)
	if err != nil {
		fmt.Println(err)
		return
	}
	model := func(_ context.Context, req *guard.Request) (string, error) {
		fmt.Println("model sees:", req.Messages[0].Content)
		name := strings.Fields(req.Messages[0].Content)[1]
		return "Hello " + name + "!", nil
	}
	res, err := g.Call(context.Background(), guard.Prompt("Greet Ada Lovelace."), model)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("user reads:", res.Reply)
	// Output:
	// model sees: Greet Alphonso Johnston.
	// user reads: Hello Ada!
}
