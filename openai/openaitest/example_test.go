package openaitest_test

import (
	"context"
	"fmt"

	"github.com/textnlp/textguard/openai"
	"github.com/textnlp/textguard/openai/openaitest"
)

func ExampleNewServer() {
	srv := openaitest.NewServer(openaitest.Script(
		openaitest.Reply{Chunks: []string{"Hel", "lo"}},
		openaitest.Reply{Status: 429, ErrorMessage: "slow down"},
	))
	defer srv.Close()

	c, _ := openai.New(srv.BaseURL())
	req := &openai.ChatRequest{Model: "m", Messages: []openai.Message{{Role: "user", Content: "Hi"}}}
	for ch, err := range c.Stream(context.Background(), req) {
		if err != nil {
			fmt.Println(err)
			break
		}
		for _, c := range ch.Choices {
			fmt.Printf("%q %q\n", c.Delta.Content, c.FinishReason)
		}
	}
	_, err := c.Chat(context.Background(), req)
	fmt.Println(err)
	// Output:
	// "" ""
	// "Hel" ""
	// "lo" ""
	// "" "stop"
	// openai: status 429: slow down
}
