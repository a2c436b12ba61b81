package openai

import (
	"context"
	"encoding/json"
	"testing"
	"unicode/utf8"

	"github.com/textnlp/textguard/guard"
)

// events decodes all complete events of stream, fed in two pieces split at
// cut.
func events(stream []byte, cut int) ([]string, error) {
	d := sseDecoder{max: 1 << 16}
	var out []string
	for _, part := range [][]byte{stream[:cut], stream[cut:]} {
		d.feed(part)
		for {
			data, ok, err := d.next()
			if err != nil {
				return out, err
			}
			if !ok {
				break
			}
			out = append(out, data)
		}
	}
	return out, nil
}

func FuzzSSEDecoder(f *testing.F) {
	for _, s := range []string{
		"data: {\"a\":1}\n\ndata: [DONE]\n\n",
		"data: x\r\ndata: y\r\n\r\n",
		": keep-alive\n\nevent: error\ndata: {}\n\n",
		"garbage\n\n",
		"data:no-space\n\nid: 7\nretry: 10\n\n",
	} {
		f.Add([]byte(s), 3)
	}
	f.Fuzz(func(t *testing.T, stream []byte, cut int) {
		if cut < 0 || cut > len(stream) {
			cut = len(stream) / 2
		}
		whole, werr := events(stream, len(stream))
		split, serr := events(stream, cut)
		if (werr == nil) != (serr == nil) {
			t.Fatalf("split at %d changes the error: %v vs %v", cut, werr, serr)
		}
		if werr == nil && len(whole) != len(split) {
			t.Fatalf("split at %d changes the events: %d vs %d", cut, len(whole), len(split))
		}
		for i := range min(len(whole), len(split)) {
			if whole[i] != split[i] {
				t.Fatalf("event %d differs when split at %d", i, cut)
			}
		}
	})
}

func FuzzCheckArguments(f *testing.F) {
	phrases, err := guard.NewSubstrings([]guard.Substring{{ID: "bad", Literals: []string{"secret"}}})
	if err != nil {
		f.Fatal(err)
	}
	redact := guard.SanitizerFunc(func(_ context.Context, _ guard.Input, fs []guard.Finding) ([]guard.Edit, error) {
		es := make([]guard.Edit, len(fs))
		for i, fd := range fs {
			es[i] = guard.Edit{Start: fd.Start, End: fd.End, Text: "\"[x]\\"}
		}
		return es, nil
	})
	g, err := guard.New(guard.OutputStages(guard.Stage{Scanner: phrases, Sanitizer: redact,
		Filter: guard.Threshold{Score: 0.5, Action: guard.ActionSanitize}}))
	if err != nil {
		f.Fatal(err)
	}
	for _, s := range []string{`{"a":"my secret"}`, `["secret",1,{"k":null}]`, `not json secret`,
		`{"n":12.5e3,"s":"\u0073ecret"}`, `"secret"`, ``, `{"a":1} {"b":2}`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, args string) {
		if !utf8.ValidString(args) {
			return
		}
		out, res, err := CheckArguments(context.Background(), g, nil, args)
		if err != nil || res == nil {
			t.Fatalf("unexpected error %v", err)
		}
		if !utf8.ValidString(out) {
			t.Fatal("arguments are not valid UTF-8 after checking")
		}
		if json.Valid([]byte(args)) && !json.Valid([]byte(out)) {
			t.Fatalf("valid JSON became invalid: %q", out)
		}
		again, _, _ := CheckArguments(context.Background(), g, nil, out)
		if json.Valid([]byte(args)) && again != out {
			t.Fatalf("not idempotent: %q then %q", out, again)
		}
	})
}

func FuzzMessageJSON(f *testing.F) {
	for _, s := range []string{
		`{"role":"user","content":"hi"}`, `{"role":"assistant","content":null,"tool_calls":[]}`,
		`{"role":"user","content":[{"type":"text","text":"a"},{"type":"image_url","image_url":{"url":"x"}}]}`,
		`{"role":"tool","content":"r","tool_call_id":"1"}`, `{"content":5}`, `[]`,
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		var m Message
		if json.Unmarshal([]byte(s), &m) != nil {
			return
		}
		b, err := json.Marshal(m)
		if err != nil {
			t.Fatalf("a decoded message does not encode: %v", err)
		}
		var again Message
		if err := json.Unmarshal(b, &again); err != nil {
			t.Fatalf("an encoded message does not decode: %v", err)
		}
		b2, _ := json.Marshal(again)
		if string(b) != string(b2) {
			t.Fatalf("encoding is not stable: %s then %s", b, b2)
		}
	})
}
