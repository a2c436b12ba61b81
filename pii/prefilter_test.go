package pii

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestNeedsOf(t *testing.T) {
	for _, tc := range []struct {
		expr string
		want need
	}{
		{`[0-9]{9}`, need{length: 9, digits: 9, run: 9, runs: 1 << 9}},
		{`[0-9]{3}-[0-9]{2}-[0-9]{4}`, need{length: 11, digits: 9, run: 4,
			runs: 1<<3 | 1<<2 | 1<<4, bytes: byteMask("-")}},
		{`[A-Z]{5}[0-9]{4}[A-Z]`, need{length: 10, digits: 4, upper: 6, letters: 6, run: 4, runs: 1 << 4}},
		{`[0-9]{4}[ -]?[0-9]{4}`, need{length: 8, digits: 8, run: 4}},
		{`x[/.-]y`, need{length: 3, letters: 2, anyOf: [maxAnyOf][2]uint64{byteMask("/.-")}, nAny: 1}},
	} {
		t.Run(tc.expr, func(t *testing.T) {
			got := needsOf(tc.expr)
			if assert.Len(t, got, 1) {
				assert.Equal(t, tc.want, got[0])
			}
		})
	}
	assert.Len(t, needsOf(`[0-9]{3}-[0-9]{3}|[0-9]{3} [0-9]{3}`), 2, "top-level alternatives")
	assert.Equal(t, []string{`a`, `(b|c)`, `[|]`}, splitTop(`a|(b|c)|[|]`))
}

func TestCompileSimple(t *testing.T) {
	for _, tc := range []struct {
		expr   string
		simple bool
	}{
		{`[0-9]{3}-[0-9]{2}-[0-9]{4}`, true},
		{`[0-9]{7,8}-?[A-Za-z]`, true},
		{`[0-9]{4}(?:-[0-9]{4}){2}`, true},
		{`[0-9]{1,3}-?[0-9]`, false}, // the count could eat the last digit
		{`(?:[0-9]{2})?[0-9]{6}`, false},
		{`[\p{L}]+@x`, false},
	} {
		assert.Equal(t, tc.simple, compileSimple(tc.expr) != nil, tc.expr)
	}
}

// FuzzPrefilter checks the shortcuts against Go's regexp: wherever an
// anchored pattern matches in a chunk without being glued to its
// neighbours, the chunk passes the pattern's needs, its first byte is in
// the first-byte set, and the simple matcher, when there is one, ends the
// match where regexp does.
func FuzzPrefilter(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	d, err := New(Types(allTypes()...))
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, text string) {
		if len(text) > 512 {
			return
		}
		s := scan{d: d, v: newView(text, d.norm), startsOf: -1}
		tx := s.v.text
		k := chunker{t: tx}
		for {
			c, ok := k.next()
			if !ok {
				break
			}
			for _, r := range append(append([]*compiled{}, d.gated...), d.upper...) {
				for i := range r.pats {
					p := &r.pats[i]
					if p.anchored == nil {
						continue
					}
					for _, pos := range s.starts(&c) {
						m := p.anchored.FindStringIndex(tx[pos:c.end])
						if m == nil || m[1] == 0 || glued(tx, pos, pos+m[1]) {
							continue
						}
						b := tx[pos]
						if p.first[b>>6]&(1<<(b&63)) == 0 {
							t.Fatalf("%s/%d: first byte %q not in set", r.rec.ID, i, b)
						}
						if !p.mayMatch(&c) {
							t.Fatalf("%s/%d: needs reject a chunk with a match %q", r.rec.ID, i, tx[pos:pos+m[1]])
						}
						if p.simple != nil {
							if e := p.simple.match(tx, pos, c.end); e != pos+m[1] {
								t.Fatalf("%s/%d: simple ends at %d, regexp at %d", r.rec.ID, i, e, pos+m[1])
							}
						}
					}
				}
			}
		}
	})
}
