package guard_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/textnlp/textguard/guard"
)

func BenchmarkVaultRestore(b *testing.B) {
	v := guard.NewVault()
	var ps []string
	for i := range 10 {
		ps = append(ps, v.Pseudonym("PERSON", fmt.Sprint("person ", i), nil))
	}
	text := strings.Repeat("Thanks for the details. I have updated the record as asked. ", 14) +
		strings.Join(ps, " and ")
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	for b.Loop() {
		v.Restore(text)
	}
}
