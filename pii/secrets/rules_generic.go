package secrets

import (
	"slices"
	"strings"
)

// Rules recognised by structure rather than by provider: key blocks,
// tokens, credentials inside URLs and HTTP headers, and values assigned to
// keys whose names say they hold a secret.

const (
	// pemHead opens a PEM or PGP private key block.
	pemHead = `-----BEGIN[ A-Z0-9]{0,40}PRIVATE KEY(?: BLOCK)?-----`
	// pemPre skips what may sit between the BEGIN line and the base64:
	// whitespace, the escaped newline of a key pasted into JSON, and the
	// header lines of an encrypted PEM (Proc-Type, DEK-Info) or of PGP
	// (Version, Comment).
	pemPre = `(?:\s|\\n|[A-Za-z][A-Za-z\-]*:[^\n]*\n)*`
	// pemBody continues the base64 body, escaped newlines included. A dash
	// may appear only alone, so the body stops at the END line.
	pemBody = `(?:[A-Za-z0-9+/=\s\\]|-[A-Za-z0-9])*`
	pemTail = `-----END[ A-Z0-9]{0,40}PRIVATE KEY(?: BLOCK)?-----`
)

func structuralRules() []Rule {
	return []Rule{
		{
			ID: "private-key", Category: "key",
			Description: "PEM or PGP private key block (RSA, EC, DSA, OpenSSH, PKCS#8, encrypted, PGP); " +
				"a block with no END line within MaxLen is still reported from its BEGIN line",
			// Forty base64 characters in a row is what separates a key from a
			// BEGIN line quoted in prose or followed by "...".
			Pattern:  `(` + pemHead + pemPre + `[A-Za-z0-9+/]{40}` + pemBody + `(?:` + pemTail + `)?)`,
			Keywords: []string{"private key"},
			// A key is base64 throughout; a block of x's or an ellipsis is
			// documentation.
			MinEntropy: 3.5, Allow: []string{`\.{3}|…|(?i)x{8,}|<[^>\n]*>`},
			Severity: crit, Score: 0.99, MaxLen: 8192,
		},
		{
			ID: "putty-private-key", Category: "key",
			Description: "PuTTY private key file",
			Pattern:     `(PuTTY-User-Key-File-[23]: [^\r\n]+(?:\r?\n[^\r\n]*){0,6}?\r?\nPrivate-Lines: \d+(?:\r?\n[A-Za-z0-9+/=]{1,}){1,})`,
			Keywords:    []string{"putty-user-key-file-"},
			MinEntropy:  3.5, Allow: []string{`(?i)x{8,}|\.{3}`}, Severity: crit, Score: 0.99, MaxLen: 8192,
			Reach: 2048,
		},
		{
			ID: "jwt", Category: "token",
			Description: "JSON Web Token (signed or encrypted) whose header names an algorithm",
			Pattern:     `\b(eyJ[A-Za-z0-9_\-]{8,}={0,2}\.[A-Za-z0-9_\-]{2,}={0,2}\.[A-Za-z0-9_\-+/]*={0,2})`,
			Keywords:    []string{"eyj"},
			MinEntropy:  3.5, Confirm: both(notMasked, jwtHeader),
			Severity: high, Score: 0.85, MaxLen: 8192, Reach: 8192,
		},
		{
			ID: "database-url", Category: "database",
			Description: "password in a database or message broker connection URL",
			Pattern: `\b(?:postgres(?:ql)?|mysql|mysqlx|mariadb|mongodb(?:\+srv)?|redis|rediss|amqps?|mssql|sqlserver|` +
				`oracle|cockroach(?:db)?|clickhouse|couchdb|neo4j(?:\+s)?|bolt|cassandra|nats|kafka|memcached|db2|` +
				`snowflake|(?:postgresql|mysql)\+[a-z0-9]+)://[^\s:/?#@'"<>\x60]*:([^\s/?#@'"<>\x60]{3,})@[A-Za-z0-9\[\]._\-]+`,
			Keywords: []string{"://"},
			Allow:    passwordAllow(), Confirm: plain, Severity: crit, Score: 0.92, MaxLen: 256,
		},
		{
			ID: "url-credentials", Category: "url",
			Description: "password in the userinfo of a URL (scheme://user:password@host)",
			Pattern:     `\b[a-z][a-z0-9+.\-]{1,31}://[^\s:/?#@'"<>\x60]{1,}:([^\s/?#@'"<>\x60]{3,})@[A-Za-z0-9\[\]._\-]+`,
			Keywords:    []string{"://"},
			Allow:       passwordAllow(), Confirm: plain, Severity: high, Score: 0.85, MaxLen: 256,
		},
		{
			ID: "jdbc-password", Category: "database",
			Description: "password in a JDBC URL (password= parameter or Oracle thin user/password@)",
			Pattern: `(?i)\bjdbc:[a-z0-9:]+[^\s'"]*?[;?&]password=([^;&\s'"]{3,})|` +
				`(?i)\bjdbc:oracle:thin:[\w.$\-]+/([^@\s'"/]{3,})@`,
			Keywords: []string{"jdbc:"},
			Allow:    passwordAllow(), Confirm: plain, Severity: crit, Score: 0.9, MaxLen: 128, Reach: 512,
		},
		{
			ID: "http-authorization-header", Category: "http",
			Description: "credential in an HTTP Authorization header (Basic, Bearer, Token or bare)",
			Pattern: `(?i:(?:proxy-)?authorization)["'\x60]?[ \t]*[:=][ \t]*["'\x60]?` +
				`(?:(?i:bearer|basic|token|api-?token|api-?key|apikey|bot|jwt|sso-key)[ \t]+)?([^\s'"\x60,;]{8,})`,
			Keywords:   []string{"authorization"},
			MinEntropy: 2.5, Allow: headerAllow(), Confirm: plain, Severity: high, Score: 0.8, MaxLen: 1024,
			Reach: valueReach,
		},
		{
			ID: "http-api-key-header", Category: "http",
			Description: "API key or token passed in a custom header on a curl or HTTP client command line",
			Pattern: `(?i)(?:-H|--header)[ \t]*["']?[ \t]*(?:x-[\w\-]*)?` +
				`(?:api[_\-]?key|api[_\-]?token|apikey|auth[_\-]?token|access[_\-]?token|private[_\-]?token|session[_\-]?token|token|secret)` +
				`[ \t]*:[ \t]*([^\s'"\x60]{6,})`,
			Keywords:   []string{"-h", "--header"},
			MinEntropy: 2.5, Allow: headerAllow(), Confirm: plain, Severity: high, Score: 0.8, MaxLen: 512,
			Reach: 2 * valueReach,
		},
	}
}

// secretKey names the keys whose values the generic rule inspects: the
// name must end in one of these words, so "token_url" and "secretSize" do
// not qualify. The pattern puts any identifier in front, so "secret" also
// covers client_secret and app_secret, and "token" covers access_token;
// "key" alone is too common ("sort_key") and needs a qualifier.
const secretKey = `(?:api|secret|access|auth|private|encryption|master|signing|session)[_.\-]?key|` +
	`secret|token|credentials?|auth|bearer`

func assignmentRules() []Rule {
	const (
		op     = `(?:[:?+]{0,3}=>?|:)`
		eqOnly = `[:?+]{0,3}=>?`
		bare   = `[^\s"'\x60,;<>{}()\[\]]`
		stop   = `(?:[\s,;)\]}]|$)`
	)
	return []Rule{
		{
			ID: "password-assignment", Category: "password",
			Description: "password assigned in code, configuration, JSON or YAML (password=, passwd:, pwd =)",
			Pattern: `(?i:[\w.\-]*?(?:password|passwd|passphrase|pwd|(?:^|[^a-z])pass))["'\x60]?[ \t]*(?:` +
				op + `[ \t]*"([^"\r\n]{3,})"|` +
				op + `[ \t]*'([^'\r\n]{3,})'|` +
				eqOnly + `[ \t]*([^\s"'\x60,;<>{}()\[\]=]` + bare + `{3,})` + stop + `|` +
				// After a colon an unquoted value must hold a non-letter, so
				// that prose ("password: reset it") is not taken for one.
				`:[ \t]*([A-Za-z]*[^A-Za-z\s"'\x60,;<>{}()\[\]]` + bare + `*)` + stop + `)|` +
				// An XML element: <password>value</password>.
				`<(?i:[\w.\-]*(?:password|passwd|pwd))>([^<\r\n]{3,128})</`,
			Keywords: []string{"pass", "pwd"},
			Allow:    slices.Concat(passwordAllow(), []string{`^.{1,3}$`}),
			Confirm:  plain,
			Severity: high, Score: 0.75, MaxLen: 128,
		},
		{
			ID: "cli-credential-flag", Category: "password",
			Description: "password or token passed as a command-line flag (--password x, --token x, mysql -px)",
			Pattern: `(?i:--(?:db-)?(?:password|passwd|pass|token|api-?key|api-token|auth-token|access-token|` +
				`secret|client-secret|secret-key))[ \t]+["']?([^\s"'\x60\-][^\s"'\x60]{2,})|` +
				`\bmysql(?:dump|admin|import|check|show)?\b[^\n|;&]{0,80}?[ \t]-p([^\s"'\x60]{3,})`,
			Keywords: []string{"--pass", "--db-pass", "--token", "--api", "--auth-token", "--access-token",
				"--secret", "--client-secret", "mysql"},
			Allow:    passwordAllow(),
			Confirm:  plain,
			Severity: high, Score: 0.75, MaxLen: 128,
		},
		{
			ID: "generic-secret", Category: "generic",
			Description: "high-entropy value assigned to a key named like a secret (api_key, client_secret, token, ...)",
			Pattern: `(?i:[\w.\-]*?(?:` + secretKey + `))(?:["'\x60]?[ \t]*` + op + `|["'\x60][ \t]*,)[ \t]*["'\x60]?` +
				`([A-Za-z0-9+/=_\-.~!@#$%^&*]{8,})(?:["'\x60\s,;)\]}>]|$)`,
			Keywords: []string{"key", "secret", "token", "credential", "auth", "bearer"},
			AllowMatch: []string{
				// Public keys, CSRF tokens, nonces and digests are not
				// credentials.
				`(?i)public|publishable|csrf|xsrf|nonce|checksum|digest|hash`,
			},
			MinEntropy: 3.2, Allow: genericAllow(), Confirm: notSample, Severity: high, Score: 0.65, MaxLen: 256,
			Reach: valueReach,
		},
	}
}

// identifierAllow vetoes values that are code, not data: dotted names
// (config.api_key, os.environ), camelCase names, CONSTANT_NAMES, plain
// words, version strings, URLs, file paths and numbers.
func identifierAllow() []string {
	return []string{strings.Join([]string{
		`^[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)+$`,
		`^[a-z]+(?:[A-Z][a-z]+)+$`,
		`^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+$`,
		`^[A-Za-z]+$`,
		`^[a-z]+(?:[\-_.][a-z0-9]+)+$`,
		`^v?\d+(?:\.\d+)+`,
		`^[0-9]+$`,
		`(?i:^[a-z][a-z0-9+.\-]*://|^(?:\.{0,2}/|~/|[A-Za-z]:\\))`,
		`(?i:\.(?:pem|key|crt|cer|p12|pfx|jks|json|ya?ml|txt|env|cfg|conf|ini|properties)$)`,
		`^[%!*&~\[(@]`,
	}, "|")}
}

// passwordAllow vetoes values that stand for a password rather than being
// one: placeholders, type names, null-like words and code.
func passwordAllow() []string {
	words := `(?i:^(?:pass|passwd|password|passphrase|pwd|pw|secret|token|changeme|none|null|nil|` +
		`undefined|true|false|yes|no|empty|blank|string|str|text|bool|boolean|int|integer|number|` +
		`required|optional|hidden|masked|value|default|test|sample|await|new|this|self|function|` +
		`lambda|return|input|prompt|getpass|env|environ|config|settings|options|params|args|` +
		`request|req|body|form|data)$)`
	return placeholders(strings.Join([]string{
		words,
		`^[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)+$`,
		`^[a-z]+(?:[A-Z][a-z]+)+$`,
		`^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+$`,
		`^[%!*&~\[(]`,
	}, "|"))
}

func headerAllow() []string {
	return placeholders(strings.Join([]string{
		`(?i:^(?:bearer|basic|token|digest|negotiate|ntlm|hoba|mutual|aws4-hmac-sha256|required|header|headers|none|null)$)`,
		`^[A-Za-z]+[.,:;!?]?$`,
		`(?i:^[a-z][a-z0-9+.\-]*://)`,
	}, "|"))
}

func genericAllow() []string {
	return slices.Concat(samples(), identifierAllow())
}
