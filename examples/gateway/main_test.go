package main

import (
	"bytes"
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestRun(t *testing.T) {
	var out bytes.Buffer
	require.NoError(t, run(context.Background(), &out))
	s := out.String()
	assert.NotContains(t, s, "model server saw: Book a table for Maria Keller")
	assert.Contains(t, s, "client got:       Echo: Book a table for Maria Keller at eight.")
	assert.Contains(t, s, "2. refused: status 403, code content_blocked, request id set: true, model calls: 1")
	assert.Contains(t, s, "3. streamed:         Use <SECRET> for now.")
	assert.NotContains(t, s, "ghp_")
}
