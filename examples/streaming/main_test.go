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
	for _, piece := range []string{token[:10], token[10:25], token[25:], token[4:12]} {
		assert.NotContains(t, out.String(), piece)
	}
	assert.Contains(t, out.String(), "It should work now.")
	assert.Contains(t, out.String(), "finding: secrets.github-pat")
}
