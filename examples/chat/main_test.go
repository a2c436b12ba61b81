package main

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestRun(t *testing.T) {
	var out bytes.Buffer
	require.NoError(t, run(context.Background(), &out))
	for line := range strings.Lines(out.String()) {
		switch {
		case strings.HasPrefix(line, "server saw:"):
			assert.NotContains(t, line, "Maria Keller")
			assert.NotContains(t, line, "Thomas Berger")
		case strings.HasPrefix(line, "assistant:"):
			assert.NotContains(t, line, "[") // no tags or pseudonym markers leak through
		}
	}
	assert.Contains(t, out.String(), "assistant:   Nice to meet you, Maria Keller.")
	assert.Contains(t, out.String(), "assistant:   Dear Thomas Berger, the review moves to Friday.")
}
