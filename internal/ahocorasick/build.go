package ahocorasick

import (
	"cmp"
	"slices"
)

// trie is the automaton under construction, in insertion numbering. It is
// thrown away once [Matcher.layout] has copied it into flat tables.
type trie struct {
	stride   int32
	rootNext []int32 // child of the root by class, or -1
	edges    [][]edge
	pats     [][]int32
	fail     []int32
	dict     []int32
	order    []int32 // breadth-first order, the root first
}

type edge struct {
	c  uint8
	to int32
}

func newTrie(keys []string, m *Matcher) *trie {
	t := &trie{stride: m.stride, rootNext: make([]int32, m.stride)}
	for c := range t.rootNext {
		t.rootNext[c] = -1
	}
	t.edges = append(t.edges, nil)
	t.pats = append(t.pats, nil)
	for i, k := range keys {
		s := int32(0)
		for j := 0; j < len(k); j++ {
			c := m.classes[k[j]]
			next := t.child(s, c)
			if next < 0 {
				next = t.add(s, c)
			}
			s = next
		}
		t.pats[s] = append(t.pats[s], int32(i))
	}
	return t
}

func (t *trie) child(s int32, c uint8) int32 {
	if s == 0 {
		return t.rootNext[c]
	}
	for _, e := range t.edges[s] {
		if e.c == c {
			return e.to
		}
	}
	return -1
}

func (t *trie) add(s int32, c uint8) int32 {
	n := int32(len(t.edges))
	t.edges = append(t.edges, nil)
	t.pats = append(t.pats, nil)
	if s == 0 {
		t.rootNext[c] = n
	} else {
		t.edges[s] = append(t.edges[s], edge{c, n})
	}
	return n
}

// children returns the edges of s, sorted by class.
func (t *trie) children(s int32) []edge {
	if s != 0 {
		slices.SortFunc(t.edges[s], func(a, b edge) int { return cmp.Compare(a.c, b.c) })
		return t.edges[s]
	}
	var es []edge
	for c, to := range t.rootNext {
		if to >= 0 {
			es = append(es, edge{uint8(c), to})
		}
	}
	return es
}

// link computes failure and dictionary links breadth first, so that the
// links of shallower states are ready when a deeper state needs them.
func (t *trie) link() {
	n := len(t.edges)
	t.fail = make([]int32, n)
	t.dict = make([]int32, n)
	t.dict[0] = -1
	t.order = make([]int32, 1, n)
	for q := 0; q < len(t.order); q++ {
		s := t.order[q]
		for _, e := range t.children(s) {
			f := t.fallback(s, e.c)
			t.fail[e.to] = f
			t.dict[e.to] = t.dict[f]
			if len(t.pats[f]) > 0 {
				t.dict[e.to] = f
			}
			t.order = append(t.order, e.to)
		}
	}
}

// fallback returns the failure link of s's child by class c: the longest
// proper suffix of that child's string that is also in the trie.
func (t *trie) fallback(s int32, c uint8) int32 {
	if s == 0 {
		return 0
	}
	for f := t.fail[s]; ; f = t.fail[f] {
		if v := t.child(f, c); v >= 0 {
			return v
		}
		if f == 0 {
			return 0
		}
	}
}

// layout renumbers the states so that those with output come last, and
// writes the flat tables of m.
func (m *Matcher) layout(t *trie, denseLimit int) {
	n := int32(len(t.edges))
	out := func(s int32) bool { return len(t.pats[s]) > 0 || t.dict[s] >= 0 }
	id := make([]int32, n)
	next := int32(0)
	for _, withOut := range []bool{false, true} {
		if withOut {
			m.firstOut = next
		}
		for _, s := range t.order {
			if out(s) == withOut {
				id[s] = next
				next++
			}
		}
	}

	m.patOff = make([]int32, n+1)
	m.dict = make([]int32, n)
	for s := range n {
		m.patOff[id[s]+1] = int32(len(t.pats[s]))
		m.dict[id[s]] = -1
		if d := t.dict[s]; d >= 0 {
			m.dict[id[s]] = id[d]
		}
	}
	for s := range n {
		m.patOff[s+1] += m.patOff[s]
	}
	m.pats = make([]int32, m.patOff[n])
	for s := range n {
		copy(m.pats[m.patOff[id[s]]:], t.pats[s])
	}

	if denseLimit == 0 {
		denseLimit = DefaultDenseLimit
	}
	if denseLimit > 0 && int64(n)*int64(m.stride) <= int64(denseLimit) {
		m.layoutDense(t, id)
	} else {
		m.layoutCompact(t, id)
	}
}

func (m *Matcher) layoutDense(t *trie, id []int32) {
	stride := m.stride
	m.dense = make([]int32, int(stride)*len(id))
	for _, s := range t.order {
		row := m.dense[id[s]*stride:][:stride]
		if s != 0 {
			// A missing edge goes where the failure state's edge goes; that
			// row is complete because the failure state is shallower.
			copy(row, m.dense[id[t.fail[s]]*stride:][:stride])
		}
		for _, e := range t.children(s) {
			row[e.c] = id[e.to] * stride
		}
	}
	m.matchFrom = m.firstOut * stride
}

func (m *Matcher) layoutCompact(t *trie, id []int32) {
	n := len(id)
	m.edgeOff = make([]int32, n+1)
	m.fail = make([]int32, n)
	m.root = make([]int32, m.stride)
	for s := range n {
		m.edgeOff[id[s]+1] = int32(len(t.edges[s]))
		m.fail[id[s]] = id[t.fail[s]]
	}
	m.edgeOff[0] = 0
	for s := range n {
		m.edgeOff[s+1] += m.edgeOff[s]
	}
	m.edgeClass = make([]uint8, m.edgeOff[n])
	m.edgeTo = make([]int32, m.edgeOff[n])
	for s := 1; s < n; s++ {
		at := m.edgeOff[id[s]]
		for i, e := range t.children(int32(s)) {
			m.edgeClass[at+int32(i)] = e.c
			m.edgeTo[at+int32(i)] = id[e.to]
		}
	}
	for c, to := range t.rootNext {
		if to >= 0 {
			m.root[c] = id[to]
		}
	}
	m.matchFrom = m.firstOut
}
