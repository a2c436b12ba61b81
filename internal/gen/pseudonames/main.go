// Command pseudonames builds the lists of given names, family names and
// city names that package pii/anonymize draws its pseudonyms from.
//
// It reads an npm package installed on this machine and a Debian word list,
// never the network:
//
//	npm install --prefix /tmp/pn @faker-js/faker
//	apt-get install wamerican
//	go run ./internal/gen/pseudonames -npm /tmp/pn/node_modules -out pii/anonymize/data
//
// The faker tables are compiled JavaScript, so the command asks node to
// print the English locale's first names, last names and city names as
// JSON. Only those facts reach the output; the licence is recorded in the
// NOTICE file next to it.
//
// A pseudonym is put back into a model's reply by plain substring
// replacement, so a name that hides inside an ordinary word ("Ella" in
// "umbrella") or inside another listed name would be restored where it
// does not belong. The command therefore keeps only names of four to ten
// ASCII letters that occur in no lower-case word of the dictionary and in
// no other kept name, prefers names the dictionary lists as proper nouns
// (the common ones), and spreads its choice over the alphabet with a hash
// order. The output is sorted, one name a line, so a regenerated file
// differs only where the sources changed.
package main

import (
	"bufio"
	"bytes"
	"cmp"
	"encoding/json"
	"flag"
	"fmt"
	"hash/fnv"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
)

// dumpScript runs under node and prints the three English tables. Nested
// objects hold faker's per-gender lists; every string leaf is a name.
const dumpScript = `
const {allLocales} = require("@faker-js/faker");
const en = allLocales.en;
const flat = v => Array.isArray(v) ? v.flatMap(flat)
  : (v && typeof v === "object") ? Object.values(v).flatMap(flat)
  : (typeof v === "string" ? [v] : []);
process.stdout.write(JSON.stringify({
  given: flat(en.person.first_name),
  family: flat(en.person.last_name),
  cities: flat(en.location.city_name),
}));
`

type tables struct {
	Given  []string `json:"given"`
	Family []string `json:"family"`
	Cities []string `json:"cities"`
}

func main() {
	npm := flag.String("npm", "/tmp/pn/node_modules", "node_modules folder holding @faker-js/faker")
	out := flag.String("out", "pii/anonymize/data", "output folder")
	dict := flag.String("dict", "/usr/share/dict/american-english", "word list (Debian wamerican)")
	n := flag.Int("n", 200, "names to keep per list")
	node := flag.String("node", "node", "node executable")
	flag.Parse()
	if err := run(*npm, *out, *dict, *node, *n); err != nil {
		fmt.Fprintln(os.Stderr, "pseudonames:", err)
		os.Exit(1)
	}
}

func run(npm, out, dict, node string, n int) error {
	t, err := readFaker(node, npm)
	if err != nil {
		return err
	}
	lower, proper, err := readDict(dict)
	if err != nil {
		return err
	}
	p := picker{lower: lower, proper: proper}
	// Family names are the scarcest, so they choose first.
	lists := []struct {
		file  string
		names []string
		multi bool
	}{
		{"family.txt", t.Family, false},
		{"given.txt", t.Given, false},
		{"cities.txt", t.Cities, true},
	}
	if err := os.MkdirAll(out, 0o755); err != nil {
		return err
	}
	for _, l := range lists {
		got := p.pick(l.names, l.multi, n)
		if len(got) < n {
			return fmt.Errorf("%s: only %d names pass the filters", l.file, len(got))
		}
		slices.Sort(got)
		data := strings.Join(got, "\n") + "\n"
		if err := os.WriteFile(filepath.Join(out, l.file), []byte(data), 0o644); err != nil {
			return err
		}
		fmt.Fprintf(os.Stderr, "%s: %d names\n", l.file, len(got))
	}
	return nil
}

func readFaker(node, npm string) (*tables, error) {
	cmd := exec.Command(node, "-e", dumpScript)
	cmd.Env = append(os.Environ(), "NODE_PATH="+npm)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		return nil, fmt.Errorf("node: %w: %s", err, stderr.String())
	}
	var t tables
	if err := json.Unmarshal(stdout.Bytes(), &t); err != nil {
		return nil, fmt.Errorf("faker tables: %w", err)
	}
	return &t, nil
}

// readDict returns the dictionary's lower-case words joined by newlines,
// for substring tests, and its capitalised entries as a set.
func readDict(path string) (string, map[string]bool, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", nil, err
	}
	defer f.Close()
	var lower strings.Builder
	proper := map[string]bool{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		w := strings.TrimSpace(sc.Text())
		switch {
		case w == "":
		case w == strings.ToLower(w):
			lower.WriteString(w)
			lower.WriteByte('\n')
		case w[0] >= 'A' && w[0] <= 'Z':
			proper[w] = true
		}
	}
	return lower.String(), proper, sc.Err()
}

type picker struct {
	lower  string
	proper map[string]bool
	kept   []string // lower case, every list so far
}

// pick returns up to n names from src that pass the filters, common names
// first, each group in hash order so that the choice spreads over the
// alphabet instead of stopping at "M".
func (p *picker) pick(src []string, multi bool, n int) []string {
	var common, rest []string
	seen := map[string]bool{}
	for _, s := range src {
		if seen[s] || !p.shapeOK(s, multi) {
			continue
		}
		seen[s] = true
		if p.proper[s] {
			common = append(common, s)
		} else {
			rest = append(rest, s)
		}
	}
	byHash := func(a, b string) int { return cmp.Compare(hash(a), hash(b)) }
	slices.SortFunc(common, byHash)
	slices.SortFunc(rest, byHash)
	var got []string
	for _, s := range append(common, rest...) {
		if len(got) == n {
			break
		}
		if p.clashes(strings.ToLower(s)) {
			continue
		}
		got = append(got, s)
		p.kept = append(p.kept, strings.ToLower(s))
	}
	return got
}

// shapeOK keeps ASCII names of 4-10 letters per word that hide in no
// ordinary word; multi-word city names may have up to three words.
func (p *picker) shapeOK(s string, multi bool) bool {
	words := strings.Split(s, " ")
	if len(words) > 1 && !multi || len(words) > 3 {
		return false
	}
	for _, w := range words {
		if len(w) < 4 || len(w) > 10 || w[0] < 'A' || w[0] > 'Z' {
			return false
		}
		for i := 1; i < len(w); i++ {
			if c := w[i]; (c < 'a' || c > 'z') && (c < 'A' || c > 'Z') {
				return false
			}
		}
	}
	return len(words) > 1 || !strings.Contains(p.lower, strings.ToLower(s))
}

// clashes reports whether s contains, or is contained in, a name already
// kept, in any list.
func (p *picker) clashes(s string) bool {
	for _, k := range p.kept {
		if strings.Contains(s, k) || strings.Contains(k, s) {
			return true
		}
	}
	return false
}

func hash(s string) uint32 {
	h := fnv.New32a()
	h.Write([]byte(s))
	return h.Sum32()
}
