// Command chat runs a short scripted conversation through a guarded
// OpenAI-compatible client and shows the pseudonymised round trip: the
// model server sees stand-in names, the user sees the real ones.
//
//	go run ./examples/chat
//
// The model server is a local test server; nothing leaves the machine.
package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/textnlp/textguard/guard"
	"github.com/textnlp/textguard/openai"
	"github.com/textnlp/textguard/openai/openaitest"
	"github.com/textnlp/textguard/pii"
	"github.com/textnlp/textguard/pii/anonymize"
	"github.com/textnlp/textguard/pii/secrets"
)

func main() {
	if err := run(context.Background(), os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "chat:", err)
		os.Exit(1)
	}
}

// newGuard pseudonymises personal data in every turn the model sees,
// earlier assistant turns included (they hold the real names the user was
// shown), and redacts credentials both ways.
func newGuard() (*guard.Guard, error) {
	people, err := pii.New(pii.Names())
	if err != nil {
		return nil, err
	}
	keys, err := secrets.New()
	if err != nil {
		return nil, err
	}
	pseudonyms, err := anonymize.New(anonymize.Default(anonymize.Pseudonym()))
	if err != nil {
		return nil, err
	}
	redact, err := anonymize.New(anonymize.Default(anonymize.Tag()))
	if err != nil {
		return nil, err
	}
	clean := guard.Threshold{Score: 0.5, Action: guard.ActionSanitize}
	return guard.New(
		guard.RestorePseudonyms(),
		guard.InputStages(
			guard.InvisibleStage(guard.ActionSanitize),
			guard.Stage{Name: "secrets", Scanner: keys, Sanitizer: redact, Filter: clean},
			guard.Stage{
				Name: "pii", Scanner: people, Sanitizer: pseudonyms, Filter: clean,
				Sources: []guard.Source{guard.SourceUser, guard.SourceAssistant, guard.SourceTool},
			},
		),
		guard.OutputStages(guard.Stage{Name: "secrets", Scanner: keys, Sanitizer: redact, Filter: clean}),
	)
}

// model stands in for a model server: it answers about the last thing
// the user said, repeating the names it was given.
func model(req *openai.ChatRequest) openaitest.Reply {
	last := req.Messages[len(req.Messages)-1].Content
	switch {
	case strings.HasPrefix(last, "My name is "):
		name := strings.TrimSuffix(strings.TrimPrefix(last, "My name is "), ".")
		return openaitest.Reply{Content: "Nice to meet you, " + name + "."}
	case strings.Contains(last, "colleague"):
		name := last[strings.Index(last, "colleague ")+len("colleague ") : strings.Index(last, " about")]
		return openaitest.Reply{Content: "Dear " + name + ", the review moves to Friday."}
	}
	return openaitest.Reply{Content: "I have noted that."}
}

// turns is what the user types.
var turns = []string{
	"My name is Maria Keller.",
	"Draft a note to my colleague Thomas Berger about moving the review to Friday.",
	"Thanks!",
}

func run(ctx context.Context, w io.Writer) error {
	g, err := newGuard()
	if err != nil {
		return err
	}
	srv := openaitest.NewServer(model)
	defer srv.Close()
	c, err := openai.New(srv.BaseURL())
	if err != nil {
		return err
	}
	gc := openai.NewGuarded(c, g)
	vault := guard.NewVault() // one per conversation: the same person keeps one pseudonym
	history := []openai.Message{{Role: openai.RoleSystem, Content: "You are a helpful assistant."}}
	for i, text := range turns {
		history = append(history, openai.Message{Role: openai.RoleUser, Content: text})
		resp, res, err := gc.Chat(ctx, &openai.ChatRequest{Model: "local", Messages: history},
			openai.WithVault(vault))
		if err != nil {
			return err
		}
		if res.Blocked() {
			fmt.Fprintf(w, "turn %d: blocked\n", i+1)
			history = history[:len(history)-1]
			continue
		}
		sent := srv.Requests()[i].Messages
		reply := resp.Choices[0].Message.Content
		fmt.Fprintf(w, "user:        %s\n", text)
		fmt.Fprintf(w, "server saw:  %s\n", sent[len(sent)-1].Content)
		fmt.Fprintf(w, "assistant:   %s\n\n", reply)
		history = append(history, openai.Message{Role: openai.RoleAssistant, Content: reply})
	}
	return nil
}
