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
	assert.Contains(t, s, "answer: Summary: The K3 kettle boils a litre and a half in four minutes.")
	assert.Regexp(t, `blocked: injection\.\S+.* in message 3 \(tool\), model server called: false`, s)
	assert.NotContains(t, s, "evil.example")
}
