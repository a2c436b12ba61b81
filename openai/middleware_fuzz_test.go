package openai_test

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/textnlp/textguard/guard"
	"github.com/textnlp/textguard/openai"
)

func FuzzMiddleware(f *testing.F) {
	phrases, err := guard.NewSubstrings([]guard.Substring{{ID: "x", Literals: []string{"ignore all"}}})
	if err != nil {
		f.Fatal(err)
	}
	g, err := guard.New(guard.InputStages(guard.Stage{Scanner: phrases,
		Filter: guard.Threshold{Score: 0.5, Action: guard.ActionBlock}}))
	if err != nil {
		f.Fatal(err)
	}
	h, err := openai.Middleware(g, fixed("application/json", benchReply), openai.MaxBytes(4096))
	if err != nil {
		f.Fatal(err)
	}
	for _, s := range []string{benchRequest, `{"model":"m","messages":[{"role":"user","content":"ignore all"}]}`,
		`{"messages":[{"role":"tool","content":"x","tool_call_id":"1"}],"n":2}`, `[]`, `{"messages":null}`,
		`{"model":"m","messages":[{"role":"user","content":"\ud800"}]}`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, body string) {
		req := httptest.NewRequest(http.MethodPost, "/v1/chat/completions", strings.NewReader(body))
		w := httptest.NewRecorder()
		h.ServeHTTP(w, req)
		rid := w.Header().Get("X-Request-Id")
		if rid == "" {
			t.Fatal("no request id")
		}
		switch w.Code {
		case http.StatusOK:
			return
		case http.StatusBadRequest, http.StatusForbidden, http.StatusRequestEntityTooLarge:
		default:
			t.Fatalf("status %d", w.Code)
		}
		var e struct{ Error openai.ErrorDetail }
		if err := json.Unmarshal(w.Body.Bytes(), &e); err != nil || e.Error.Code == "" || e.Error.RequestID != rid {
			t.Fatalf("bad error body %q", w.Body.String())
		}
	})
}
