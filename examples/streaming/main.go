// Command streaming prints a streamed reply through a guarded client. The
// model puts an access token in its reply, split across three chunks; the
// guard holds back just enough text to see the whole token and redacts it
// before any of it reaches the terminal.
//
//	go run ./examples/streaming
//
// The model server is a local test server; nothing leaves the machine.
package main

import (
	"context"
	"fmt"
	"io"
	"os"

	"github.com/textnlp/textguard/guard"
	"github.com/textnlp/textguard/openai"
	"github.com/textnlp/textguard/openai/openaitest"
	"github.com/textnlp/textguard/pii/anonymize"
	"github.com/textnlp/textguard/pii/secrets"
)

func main() {
	if err := run(context.Background(), os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "streaming:", err)
		os.Exit(1)
	}
}

// token is a credential as a careless model might quote it from its
// context.
const token = "ghp_R8x2Kq9LmZ4vT7bN1cW5yH3jD6fG0sA2pQ8e"

// chunks is how the model server streams its reply: the token arrives in
// three pieces.
var chunks = []string{
	"To call the API, ", "set the header ", "Authorization: token ",
	token[:10], token[10:25], token[25:], " and retry. ", "It should work now.",
}

func newGuard() (*guard.Guard, error) {
	keys, err := secrets.New()
	if err != nil {
		return nil, err
	}
	redact, err := anonymize.New(anonymize.Default(anonymize.Tag()))
	if err != nil {
		return nil, err
	}
	return guard.New(guard.OutputStages(guard.Stage{
		Name: "secrets", Scanner: keys, Sanitizer: redact,
		Filter: guard.Threshold{Score: 0.5, Action: guard.ActionSanitize},
	}))
}

func run(ctx context.Context, w io.Writer) error {
	g, err := newGuard()
	if err != nil {
		return err
	}
	srv := openaitest.NewServer(openaitest.Script(openaitest.Reply{Chunks: chunks}))
	defer srv.Close()
	c, err := openai.New(srv.BaseURL())
	if err != nil {
		return err
	}
	st := openai.NewGuarded(c, g).Stream(&openai.ChatRequest{Model: "local", Messages: []openai.Message{
		{Role: openai.RoleUser, Content: "How do I call the API?"},
	}})
	n := 0
	for ch, err := range st.Chunks(ctx) {
		if err != nil {
			return err
		}
		for _, c := range ch.Choices {
			if c.Delta.Content != "" {
				n++
				fmt.Fprint(w, c.Delta.Content) // each piece as soon as the guard releases it
			}
		}
	}
	res := st.Result()
	fmt.Fprintf(w, "\n\n%d model chunks, %d released pieces, guard window %d bytes\n",
		len(chunks), n, g.Window())
	for _, f := range res.Findings {
		fmt.Fprintf(w, "finding: %s [%d,%d) of the reply\n", f.Rule, f.Start, f.End)
	}
	return nil
}
