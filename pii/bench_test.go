package pii

import (
	"context"
	"strings"
	"testing"

	"github.com/textnlp/textguard/guard"
)

// cleanProse is about 1 KB of ordinary prompt text with no personal data
// but the digits, dots and colons prompts usually have.
const cleanProse = `Can you help me plan a three-day trip to the coast in 2025? We want to
leave on a Friday morning, spend two nights in a small town, and come back by
Sunday evening. Our budget is about 600 euros for two people, including food.
I like walking, old churches and good coffee; my partner prefers beaches and
seafood. Please suggest a rough schedule: what to see on day 1, day 2 and
day 3, where to stop for lunch, and how long each drive takes. Also, what
should we pack in October? The forecast says 18 to 22 degrees with some rain.
We will travel by car, so parking matters too. Finally, list a few things to
avoid, such as tourist traps or roads that close at night. Keep it short:
bullet points are fine, and use plain words. Thanks a lot! P.S. At 10:30 we
have a call, so answer before then if you can. Version 2 of the plan can add
a museum or two, e.g. a maritime museum, if the weather turns bad.
`

// dirtyProse is about 1 KB with a handful of entities.
const dirtyProse = `Hi, I'm writing about my order. You can reach me at jane.doe@example.com
or call me on (415) 555-0132 after 5pm; my office line is +44 20 7946 0958.
The refund should go to IBAN DE89 3704 0044 0532 0130 00, or charge the card
4111 1111 1111 1111 again if that is easier. My social security number is
078-05-1123 in case you need to verify. Our server at 192.168.10.24 logged the
error at 10:30 and the router MAC is 00:1A:2B:3C:4D:5E if that helps anyone.
Please do not share these details with anyone else, and delete them once the
problem is solved. I have attached the screenshots you asked for, plus the
invoice from last month. Let me know what else you need from me, and how
long the refund usually takes. Thanks for your patience, it has been a long
week and I appreciate the help. Kind regards, and have a good weekend ahead.
`

func BenchmarkScan(b *testing.B) {
	d, err := New()
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	for _, bc := range []struct{ name, text string }{
		{"clean/1KB", cleanProse},
		{"entities/1KB", dirtyProse},
		{"clean/64KB", strings.Repeat(cleanProse, 64)},
	} {
		b.Run(bc.name, func(b *testing.B) {
			in := guard.Input{Text: bc.text}
			b.ReportAllocs()
			b.SetBytes(int64(len(bc.text)))
			for b.Loop() {
				if _, err := d.Scan(ctx, in); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
