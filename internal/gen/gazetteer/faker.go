package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
)

// fakerTables holds the faker facts the recogniser uses, merged over all
// locales.
type fakerTables struct {
	First          []string `json:"first"`
	Last           []string `json:"last"`
	Cities         []string `json:"cities"`
	Countries      []string `json:"countries"`
	States         []string `json:"states"`
	StateAbbrs     []string `json:"stateAbbrs"`
	StreetSuffixes []string `json:"streetSuffixes"`
	Languages      []string `json:"languages"`
}

// fakerDump is run by node. It walks every locale definition and prints
// the string leaves of the tables named below; nested objects hold the
// per-gender lists, and entries that are templates are left to the Go side
// to drop. Street suffixes come from the English locales only: elsewhere
// faker lists whole street names under that key, and the recogniser has
// its own list of street words in other languages.
const fakerDump = `
const {allLocales} = require("@faker-js/faker");
const out = {first: [], last: [], cities: [], countries: [], states: [],
  stateAbbrs: [], streetSuffixes: [], languages: []};
function leaves(v, dst) {
  if (v == null) return;
  if (typeof v === "string") { dst.push(v); return; }
  if (Array.isArray(v)) { for (const x of v) leaves(x, dst); return; }
  if (typeof v === "object") {
    if (typeof v.name === "string") { dst.push(v.name); return; }
    if (typeof v.value === "string") return;
    for (const x of Object.values(v)) leaves(x, dst);
  }
}
for (const [code, loc] of Object.entries(allLocales)) {
  const p = loc.person || {}, l = loc.location || {};
  leaves(p.first_name, out.first);
  leaves(p.middle_name, out.first);
  leaves(p.last_name, out.last);
  leaves(l.city_name, out.cities);
  leaves(l.country, out.countries);
  leaves(l.state, out.states);
  leaves(l.state_abbr, out.stateAbbrs);
  if (code.startsWith("en")) leaves(l.street_suffix, out.streetSuffixes);
  leaves(l.language, out.languages);
}
process.stdout.write(JSON.stringify(out));
`

func readFaker(cfg config) (*fakerTables, error) {
	cmd := exec.Command(cfg.node, "-e", fakerDump)
	cmd.Env = append(os.Environ(), "NODE_PATH="+cfg.npm)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		return nil, fmt.Errorf("reading faker tables with node: %w: %s", err, stderr.String())
	}
	var t fakerTables
	if err := json.Unmarshal(stdout.Bytes(), &t); err != nil {
		return nil, fmt.Errorf("faker tables: %w", err)
	}
	if len(t.First) == 0 || len(t.Last) == 0 {
		return nil, fmt.Errorf("faker tables: no names read")
	}
	return &t, nil
}
