package main

import (
	"cmp"
	"hash/fnv"
	"slices"
	"strings"
)

// assignFolds clusters near-duplicate records and deals whole clusters to
// folds, largest first, each to the fold with the fewest records so far.
// Two records are near-duplicates when their sets of word 4-grams overlap
// with a Jaccard index of 0.3 or more, or when they are two halves of one
// BIPIA pair.
func assignFolds(recs []*record, folds int, seed uint64) {
	parent := make([]int, len(recs))
	for i := range parent {
		parent[i] = i
	}
	var find func(int) int
	find = func(i int) int {
		for parent[i] != i {
			parent[i] = parent[parent[i]]
			i = parent[i]
		}
		return i
	}
	union := func(a, b int) {
		if ra, rb := find(a), find(b); ra != rb {
			parent[max(ra, rb)] = min(ra, rb)
		}
	}
	pairs := map[string]int{}
	shingles := make([][]uint64, len(recs))
	index := map[uint64][]int{}
	for i, r := range recs {
		if r.pair != "" {
			if j, ok := pairs[r.pair]; ok {
				union(i, j)
			} else {
				pairs[r.pair] = i
			}
		}
		shingles[i] = shingleSet(r.norm)
		for _, s := range shingles[i] {
			index[s] = append(index[s], i)
		}
	}
	for i := range recs {
		shared := map[int]int{}
		for _, s := range shingles[i] {
			docs := index[s]
			if len(docs) > 200 {
				continue
			}
			for _, j := range docs {
				if j > i {
					shared[j]++
				}
			}
		}
		for j, n := range shared {
			u := len(shingles[i]) + len(shingles[j]) - n
			if u > 0 && float64(n)/float64(u) >= 0.3 {
				union(i, j)
			}
		}
	}
	clusters := map[int][]int{}
	for i := range recs {
		clusters[find(i)] = append(clusters[find(i)], i)
	}
	keys := make([]int, 0, len(clusters))
	for k := range clusters {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(a, b int) int {
		if c := cmp.Compare(len(clusters[b]), len(clusters[a])); c != 0 {
			return c
		}
		return cmp.Compare(tieHash(recs[a].id, seed), tieHash(recs[b].id, seed))
	})
	size := make([]int, folds)
	for _, k := range keys {
		f := slices.Index(size, slices.Min(size))
		for _, i := range clusters[k] {
			recs[i].fold = f
		}
		size[f] += len(clusters[k])
	}
}

func tieHash(id string, seed uint64) uint64 {
	h := fnv.New64a()
	h.Write([]byte(id))
	return h.Sum64() ^ seed
}

// shingleSet returns the distinct hashes of the word 4-grams of text.
func shingleSet(text string) []uint64 {
	ws := strings.Fields(text)
	seen := map[uint64]bool{}
	var out []uint64
	for i := 0; i+4 <= len(ws); i++ {
		h := fnv.New64a()
		for _, w := range ws[i : i+4] {
			h.Write([]byte(w))
			h.Write([]byte{0})
		}
		s := h.Sum64()
		if !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	if len(out) == 0 {
		h := fnv.New64a()
		h.Write([]byte(text))
		out = append(out, h.Sum64())
	}
	return out
}
