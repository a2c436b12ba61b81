package secrets

import (
	"errors"
	"fmt"
	"io"
	"regexp"
	"slices"
	"strings"

	"github.com/BurntSushi/toml"
)

// maxConfigBytes bounds a rule file; the largest public gitleaks
// configurations are a few hundred kilobytes.
const maxConfigBytes = 8 << 20

// ErrInvalidConfig reports a rule file that cannot be read as a gitleaks
// configuration.
var ErrInvalidConfig = errors.New("secrets: invalid gitleaks config")

// The gitleaks TOML schema, as far as text scanning needs it.
type (
	glConfig struct {
		Rules      []glRule      `toml:"rules"`
		Allowlist  *glAllowlist  `toml:"allowlist"`
		Allowlists []glAllowlist `toml:"allowlists"`
	}
	glRule struct {
		ID          string        `toml:"id"`
		Description string        `toml:"description"`
		Regex       string        `toml:"regex"`
		SecretGroup int           `toml:"secretGroup"`
		Entropy     float64       `toml:"entropy"`
		Keywords    []string      `toml:"keywords"`
		Allowlist   *glAllowlist  `toml:"allowlist"`
		Allowlists  []glAllowlist `toml:"allowlists"`
	}
	glAllowlist struct {
		Condition   string   `toml:"condition"`
		RegexTarget string   `toml:"regexTarget"`
		Regexes     []string `toml:"regexes"`
		Stopwords   []string `toml:"stopwords"`
		Paths       []string `toml:"paths"`
		Commits     []string `toml:"commits"`
		TargetRules []string `toml:"targetRules"`
	}
)

// LoadGitleaksTOML reads rules written in the configuration format of the
// gitleaks secret scanner, so that a host can reuse the rules it already
// keeps for its repositories. Pass the result to [WithRules] or
// [WithRuleSet].
//
// Each [[rules]] entry with a regex becomes a [Rule]: id, description,
// regex, secretGroup, entropy and keywords carry over, and the rule's
// allowlists become its Allow (regexTarget "secret", the default),
// AllowMatch ("match") or AllowLine ("line") expressions, stopwords
// becoming case-insensitive literal expressions. The global [allowlist]
// and [[allowlists]] tables are added to every rule, or to those named in
// targetRules. IDs are lower-cased, and characters a [Rule] ID does not
// allow become '-'. Rules run on the whole text whenever a keyword occurs,
// as in gitleaks; the loaded rules have no Reach.
//
// Known limitations: rules with only a path, and allowlist entries that
// match paths or commits, have nothing to match in a text and are left
// out; an allowlist whose condition is "AND" over both regexes and
// stopwords is left out rather than widened, so the rule reports more, not
// less; composite rules ([[rules.required]]) are loaded as their primary
// rule alone; [extend] is ignored, so a file that extends the gitleaks
// defaults yields only its own rules.
//
// Errors wrap [ErrInvalidConfig] for a file that is not valid TOML or too
// large, and are [*RuleError] values for a rule whose expressions do not
// compile. Nothing in r is executed.
func LoadGitleaksTOML(r io.Reader) ([]Rule, error) {
	data, err := io.ReadAll(io.LimitReader(r, maxConfigBytes+1))
	if err != nil {
		return nil, fmt.Errorf("%w: reading: %w", ErrInvalidConfig, err)
	}
	if len(data) > maxConfigBytes {
		return nil, fmt.Errorf("%w: larger than %d bytes", ErrInvalidConfig, maxConfigBytes)
	}
	var cfg glConfig
	if _, err := toml.Decode(string(data), &cfg); err != nil {
		return nil, fmt.Errorf("%w: %w", ErrInvalidConfig, err)
	}
	global := cfg.Allowlists
	if cfg.Allowlist != nil {
		global = append(global, *cfg.Allowlist)
	}
	rules := make([]Rule, 0, len(cfg.Rules))
	for i, gr := range cfg.Rules {
		if gr.Regex == "" {
			continue
		}
		rule, err := convertRule(i, gr, global)
		if err != nil {
			return nil, err
		}
		rules = append(rules, rule)
	}
	return rules, nil
}

func convertRule(i int, gr glRule, global []glAllowlist) (Rule, error) {
	r := Rule{
		ID:          ruleID(gr.ID, i),
		Description: gr.Description,
		Category:    "gitleaks",
		Pattern:     gr.Regex,
		SecretGroup: gr.SecretGroup,
		MinEntropy:  gr.Entropy,
	}
	for _, k := range gr.Keywords {
		if k = strings.ToLower(strings.TrimSpace(k)); k != "" {
			r.Keywords = append(r.Keywords, k)
		}
	}
	lists := gr.Allowlists
	if gr.Allowlist != nil {
		lists = append(lists, *gr.Allowlist)
	}
	for _, al := range global {
		if len(al.TargetRules) == 0 || slices.Contains(al.TargetRules, gr.ID) {
			lists = append(lists, al)
		}
	}
	for _, al := range lists {
		if err := addAllowlist(&r, al); err != nil {
			return Rule{}, err
		}
	}
	return r, r.Validate()
}

// ruleID turns a gitleaks ID into one a Rule accepts.
func ruleID(id string, i int) string {
	id = strings.ToLower(strings.TrimSpace(id))
	if id == "" {
		return fmt.Sprintf("gitleaks-rule-%d", i)
	}
	b := []byte(id)
	for j, c := range b {
		if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_' || c == '.') {
			b[j] = '-'
		}
	}
	return string(b[:min(len(b), 128)])
}

// addAllowlist adds what a gitleaks allowlist can veto in a text to r.
func addAllowlist(r *Rule, al glAllowlist) error {
	and := strings.EqualFold(strings.TrimSpace(al.Condition), "AND")
	if and && (len(al.Paths) > 0 || len(al.Commits) > 0 || len(al.Regexes) > 0 && len(al.Stopwords) > 0) {
		// Every criterion must hold and one of them cannot be checked on
		// a text: reporting is the safe reading.
		return nil
	}
	switch strings.ToLower(strings.TrimSpace(al.RegexTarget)) {
	case "", "secret":
		r.Allow = append(r.Allow, al.Regexes...)
	case "match":
		r.AllowMatch = append(r.AllowMatch, al.Regexes...)
	case "line":
		r.AllowLine = append(r.AllowLine, al.Regexes...)
	default:
		return &RuleError{ID: r.ID, Field: "Allow", Err: fmt.Errorf("unknown regexTarget %q", al.RegexTarget)}
	}
	// Stopwords always apply to the secret.
	for _, w := range al.Stopwords {
		if w != "" {
			r.Allow = append(r.Allow, "(?i)"+regexp.QuoteMeta(w))
		}
	}
	return nil
}
