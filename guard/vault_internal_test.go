package guard

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
)

func TestVaultTTL(t *testing.T) {
	now := time.Unix(1000, 0)
	v := NewVault(VaultTTL(time.Minute))
	v.now = func() time.Time { return now }
	p := v.Pseudonym("PERSON", "Ada", nil)
	now = now.Add(30 * time.Second)
	assert.Equal(t, p, v.Pseudonym("PERSON", "Ada", nil), "use refreshes the entry")
	now = now.Add(50 * time.Second)
	o, ok := v.Original(p)
	assert.True(t, ok)
	assert.Equal(t, "Ada", o)
	now = now.Add(2 * time.Minute)
	_, ok = v.Original(p)
	assert.False(t, ok, "expired")
	assert.Equal(t, 0, v.Len())
	assert.NotEqual(t, p, v.Pseudonym("PERSON", "Ada", nil), "an expired pseudonym is not reissued")
}
