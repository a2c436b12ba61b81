package ner_test

import (
	"context"
	"fmt"

	"github.com/textnlp/textguard/pii/internal/ner"
)

func Example() {
	r, err := ner.New()
	if err != nil {
		fmt.Println(err)
		return
	}
	text := "Hi, I'm Anna Kowalski from Kraków. Send it to 12 rue de la Paix, 75002 Paris."
	ents, err := r.Find(context.Background(), text)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, e := range ents {
		fmt.Printf("%s %q\n", e.Type, text[e.Start:e.End])
	}
	// Output:
	// PERSON "Anna Kowalski"
	// LOCATION "Kraków"
	// ADDRESS "12 rue de la Paix, 75002 Paris"
}
