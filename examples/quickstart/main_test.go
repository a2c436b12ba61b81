package main

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestQuickstart(t *testing.T) {
	var out bytes.Buffer
	require.NoError(t, run(context.Background(), &out))
	s := out.String()
	t.Log("\n" + s)

	// Personal data never reaches the model but comes back in the reply.
	assert.Contains(t, s, `reply:    "Dear Maria Keller, your refund has been issued.`)
	assert.NotContains(t, s, `sent:     "Draft a short note to Maria Keller`)
	// The pasted key is not sent, and the model's key is not shown.
	assert.Equal(t, 1, strings.Count(s, pastedKey), "only in the printed prompt")
	assert.NotContains(t, s, leakedKey)
	// Place names are kept; the e-mail address is not sent.
	assert.NotContains(t, s, `sent:     "What's a good name`)
	assert.Equal(t, 1, strings.Count(s, "maria.keller@mailbox.org"), "only in the printed prompt")
	// Both injections are blocked before the model.
	assert.Equal(t, 2, bytes.Count(out.Bytes(), []byte("model:    not called")))
	assert.Contains(t, s, "guard.invisible.zero_width")
}
