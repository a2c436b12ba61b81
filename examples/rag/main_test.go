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
	assert.Contains(t, s, "blocked: injection.override in message 3 (tool), model server called: false")
	assert.NotContains(t, s, "evil.example")
}
