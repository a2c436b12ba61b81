// Package secrets finds credentials in text: API keys and tokens of known
// providers, private keys, JSON Web Tokens, passwords in URLs, connection
// strings, HTTP headers and assignments, and high-entropy values assigned
// to keys named like secrets. It is meant for the prompts, documents, tool
// results and replies that pass through a [guard.Guard], where a pasted
// .env file or a stack trace can carry a live key to a model provider or
// back to a user.
//
// A [Detector] is a [guard.Scanner]. Pair it with a sanitizer such as
// [guard.Redact] in a [guard.Stage] to remove what it finds:
//
//	d, err := secrets.New()
//	...
//	stage := guard.Stage{Name: "secrets", Scanner: d, Sanitizer: guard.Redact("")}
//
// # Findings
//
// Every finding has the category [Category] ("SECRET") and the rule
// "secrets.<rule ID>", such as "secrets.github-pat". It covers the secret
// alone: the value in `api_key = "..."`, the password in
// `postgres://user:password@host`, the credential after "Bearer", so that
// a redaction keeps the key name and the text stays readable. The score is
// the rule's confidence (about 0.95 for a provider token with a checksum-like
// prefix, 0.65 for a generic high-entropy value), lowered for values of low
// entropy; the severity is critical for keys that open cloud accounts,
// payments or private keys, and high for the rest.
//
// # Rules
//
// Rules are plain data ([Rule]): a pattern, the capture group holding the
// secret, keywords, an entropy floor, allow-list expressions that veto
// placeholders, a severity and a score. [DefaultRules] returns the built-in
// set, written from each provider's published token format: AWS, Google
// Cloud, Azure, GitHub, GitLab, Bitbucket, Atlassian, Slack, Discord,
// Telegram, Stripe, Square, PayPal / Braintree, Twilio, SendGrid, Mailgun,
// Mailchimp, Shopify, OpenAI, Anthropic, Hugging Face, Cohere, npm, PyPI,
// Docker Hub, Heroku, DigitalOcean, Datadog, New Relic, Sentry, Notion,
// Linear, Okta, HashiCorp Vault and Terraform, Doppler, Postman, Grafana and
// many more (131 provider rules), then the structural rules (private keys,
// JWTs, credentials in URLs, JDBC strings, HTTP headers and command-line
// flags) and the broad ones (password assignments, generic secrets): 142
// rules in all. A host adds its own with
// [WithRules], replaces the set with [WithRuleSet], drops rules with
// [WithoutRules], and reuses a gitleaks configuration with
// [LoadGitleaksTOML].
//
// # Placeholders
//
// Documentation, tutorials and prompts are full of values that look like
// keys and are not: "ghp_xxxxxxxx", "<your-api-key>", "${API_KEY}",
// "AKIA...EXAMPLE", "sk_live_abcdefghijklmnop". The built-in rules veto runs
// of x, stars and hashes, template and shell references, angle-bracket
// names, words such as "example", "your" and "changeme", six repeats of one
// character, seven characters in alphabet order, code such as
// "os.environ", and values whose entropy is too low for their rule. Hosts
// whose users paste known public keys (the sample keys of an SDK, say) list
// them with [WithAllowValues].
//
// # Performance
//
// [New] compiles every rule once. [Detector.Scan] first finds every rule
// keyword in one pass over the text with an Aho-Corasick automaton and then
// runs only the rules whose keywords occur, and a built-in rule only on the
// stretches of text around its keyword occurrences (see [Rule.Reach]), where
// Go's regexp uses its fast backtracking engine. All patterns but those a
// host loads with lookaround run on Go's linear-time regexp; those fall back
// to regexp2 under a match timeout ([WithMatchTimeout]). On the 2-core
// machine this package is developed on, clean prose and code scan at 200-350
// MB/s; text with a secret every few kilobytes at 5-15 MB/s, the cost being
// the regular expressions run around each keyword.
//
// # Streaming
//
// A Detector is a [guard.Windowed] scanner: [Detector.Window] is the longest
// secret any rule reports (8 KiB for a private key block) plus 256 bytes of
// context after it, so a guard streaming a reply holds back no more than
// that.
//
// # Quality
//
// On the gitleaks rule examples of the shared corpora (396 lines, 182
// labelled secrets), a line counting as flagged when Scan returns a finding,
// the default rules reach recall 0.978 and precision 0.913. Fifteen of the
// seventeen false positives are Google API keys that gitleaks excludes by
// exact value (published Firebase sample keys), which no rule can tell apart
// from live keys; without them precision is 0.989. On the 25,237 texts of
// the other shared corpora (prompts, moderation, bias and PII sets) the
// default rules report nothing.
//
// # Known limitations
//
//   - Secrets are found by form, never verified with their provider: a
//     revoked key or a well-formed sample that avoids the placeholder
//     checks is reported like a live one.
//   - Tokens without a distinctive prefix (plain hex or UUID keys, Twilio,
//     Datadog, Heroku or Okta keys, Discord bot tokens) are found only when
//     assigned to, or written near, a key name that names the provider.
//   - A generic secret must be assigned to a key whose name ends in a
//     secret word (api_key, client_secret, token, auth, credentials, ...);
//     a random string standing alone, or under a name like "value", is not
//     reported. Passwords are found in assignments and URLs only, not in
//     prose such as "my password is hunter2".
//   - Secrets split across lines, encoded (base64, URL escapes beyond those
//     a format uses, hex), obfuscated with spaces or homoglyphs, or written
//     in words are not decoded; run a normalising stage first where that
//     matters.
//   - A Google Cloud service account file is reported through its private
//     key; a file whose key was removed is not a finding.
//   - Values shaped like a provider's sample (alphabet runs such as
//     "abcdefg") are vetoed even when real, a trade of rare misses for far
//     fewer false alarms on documentation.
//
// # Concurrency
//
// A Detector is immutable after [New] and safe for concurrent use. The
// rules [DefaultRules] and [LoadGitleaksTOML] return are fresh values owned
// by the caller.
package secrets
