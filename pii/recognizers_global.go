package pii

import (
	"slices"
	"strconv"
	"strings"

	"github.com/textnlp/textguard/guard"
	"github.com/textnlp/textguard/pii/internal/checksum"
)

// globalRecognizers are the types that no single country issues.
func globalRecognizers() []Recognizer {
	return []Recognizer{
		{
			ID: "pii.email", Type: TypeEmail, Trigger: "@", kind: kindEmail,
			Patterns: []Pattern{{
				Name: "address",
				Expr: `[\p{L}\p{N}._%+\-]+@[\p{L}\p{N}][\p{L}\p{N}.\-]*`,
			}},
			BaseScore: 0.9,
			Context:   []string{"email", "e-mail", "mail", "contact", "address", "courriel"},
		},
		{
			ID: "pii.phone", Type: TypePhone, MinDigits: phoneMinDigits, kind: kindPhone,
			Patterns: []Pattern{{Name: "digits with separators", Expr: phoneCandidateExpr}},
			Context: []string{
				"phone", "telephone", "tel", "mobile", "cell", "fax", "call", "calls",
				"contact", "reach", "dial", "ring", "sms", "text", "whatsapp", "landline",
				"desk", "office", "home", "message", "hotline", "telefon",
				"teléfono", "telefono", "téléphone", "portable", "handy", "telepono",
				"numara", "celular", "tlf", "tfn",
			},
		},
		{
			ID: "pii.credit_card", Type: TypeCreditCard, MinDigits: 12, kind: kindCard,
			Severity: guard.SeverityHigh, BaseScore: 0.8,
			Patterns: []Pattern{
				{Name: "digits", Expr: `[0-9]{12,19}`},
				{Name: "groups of four", Expr: `[0-9]{4}(?:-[0-9]{4}){2}-[0-9]{1,7}|[0-9]{4}(?: [0-9]{4}){2} [0-9]{1,7}`},
				{Name: "amex and diners", Expr: `3[0-9]{3}[ -][0-9]{6}[ -][0-9]{4,5}`},
			},
			Context: []string{
				"credit", "card", "debit", "visa", "mastercard", "amex", "american express",
				"discover", "diners", "jcb", "maestro", "unionpay", "cc", "payment", "pay",
				"tarjeta", "carte", "karte", "kreditkarte", "carta",
			},
		},
		{
			ID: "pii.iban", Type: TypeIBAN, MinDigits: 4, kind: kindIBAN,
			Severity: guard.SeverityHigh, BaseScore: 0.9,
			Patterns: []Pattern{{
				Name: "electronic or printed",
				Expr: `[A-Z]{2}[0-9]{2}(?:[ -]?[A-Z0-9]{1,4}){3,8}`,
			}},
			Validate: without("-", checksum.IBAN),
			Context:  []string{"iban", "account", "bank", "wire transfer", "transfer", "konto", "cuenta", "compte"},
		},
		{
			ID: "pii.swift", Type: TypeSWIFT, kind: kindBIC, Severity: guard.SeverityLow,
			BaseScore: 0.2,
			Patterns: []Pattern{{
				Name: "bic8 or bic11",
				Expr: `[A-Z]{4}[A-Z]{2}[A-Z0-9]{2}[A-Z0-9]{3}|[A-Z]{4}[A-Z]{2}[A-Z0-9]{2}`,
			}},
			Validate: checksum.BIC,
			Context:  []string{"swift", "bic", "bank", "wire transfer", "transfer", "swift code", "bank code"},
		},
		{
			ID: "pii.ipv4", Type: TypeIPAddress, MinDigits: 4, Trigger: ".", kind: kindIPv4,
			BaseScore: 0.6,
			Patterns: []Pattern{{
				Name: "dotted quad",
				Expr: `[0-9]{1,3}(?:\.[0-9]{1,3}){3}/[0-9]{1,3}|[0-9]{1,3}(?:\.[0-9]{1,3}){3}`,
			}},
			Context: slices.Clone(ipContext),
			NegativeContext: []string{
				"version", "ver", "v", "release", "build", "firmware", "update", "oid",
			},
		},
		{
			ID: "pii.ipv6", Type: TypeIPAddress, Trigger: ":", kind: kindIPv6,
			BaseScore: 0.6,
			Patterns: []Pattern{{
				Name: "hex groups",
				Expr: `[0-9A-Fa-f:.]*:[0-9A-Fa-f.]*:[0-9A-Fa-f:.]*(?:%[0-9A-Za-z_.\-]+)?(?:/[0-9]{1,3})?`,
			}},
			Context: slices.Clone(ipContext),
		},
		{
			ID: "pii.mac_address", Type: TypeMACAddress, Trigger: ":-.",
			BaseScore: 0.6, Severity: guard.SeverityLow,
			Patterns: []Pattern{{
				Name: "six octets or three quads",
				Expr: `[0-9A-Fa-f]{2}(?::[0-9A-Fa-f]{2}){5}|[0-9A-Fa-f]{2}(?:-[0-9A-Fa-f]{2}){5}|[0-9A-Fa-f]{4}(?:\.[0-9A-Fa-f]{4}){2}`,
			}},
			Validate: func(s string) bool { return strings.Trim(s, "0:-.") != "" },
			Context:  []string{"mac", "hardware", "ethernet", "physical", "wifi", "bssid", "nic"},
		},
		{
			ID: "pii.url", Type: TypeURL, Trigger: ".", kind: kindURL, Severity: guard.SeverityLow,
			Patterns: []Pattern{
				{Name: "scheme", Score: 0.6, Expr: `(?i:(?:https?|ftps?|wss?)://[^\s<>"]+)`},
				{Name: "www", Score: 0.55, Expr: `(?i:www\.[^\s<>"]+)`},
				{Name: "bare domain", Score: 0.5, Expr: `(?i:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*\.[a-z]{2,24}(?:[/?#][^\s<>"]*)?)`},
			},
			Context: []string{"url", "link", "website", "site", "web", "visit", "domain", "page"},
		},
		{
			ID: "pii.crypto", Type: TypeCrypto, MinDigits: 1, BaseScore: 0.8,
			Severity: guard.SeverityMedium,
			Patterns: []Pattern{
				{Name: "bitcoin base58", Expr: `[123mn][1-9A-HJ-NP-Za-km-z]{25,34}`},
				{Name: "bitcoin bech32", Expr: `bc1[02-9ac-hj-np-z]{8,87}`},
				{Name: "bitcoin bech32 upper", Expr: `BC1[02-9AC-HJ-NP-Z]{8,87}`},
				{Name: "bitcoin testnet bech32", Expr: `tb1[02-9ac-hj-np-z]{8,87}`},
				{Name: "ethereum", Score: 0.6, Expr: `0x[0-9A-Fa-f]{40}`},
			},
			Validate: func(s string) bool {
				return checksum.BitcoinAddress(s) || checksum.EthereumAddress(s)
			},
			Context: []string{"wallet", "bitcoin", "btc", "ethereum", "eth", "crypto", "address", "send"},
		},
		{
			ID: "pii.date_of_birth", Type: TypeDateOfBirth, MinDigits: 3, BaseScore: 0.3,
			Patterns: slices.Clone(datePatterns), Validate: plausibleDate, Severity: guard.SeverityMedium,
			Context: []string{
				"born", "birth", "birthday", "dob", "d.o.b", "date of birth", "birthdate",
				"geboren", "geburtsdatum", "né", "née", "naissance", "nacido", "nacida",
				"nacimiento", "nato", "nata", "nascita",
			},
		},
		{
			ID: "pii.date_time", Type: TypeDateTime, MinDigits: 3, BaseScore: 0.6, OptIn: true,
			Severity: guard.SeverityLow, Validate: plausibleDate,
			Patterns: append([]Pattern{{
				Name:  "iso timestamp",
				Score: 0.7,
				Expr:  `[0-9]{4}-[0-9]{2}-[0-9]{2}[T ][0-9]{2}:[0-9]{2}(?::[0-9]{2}(?:\.[0-9]{1,9})?)?(?:Z|[+-][0-9]{2}:?[0-9]{2})?`,
			}}, datePatterns...),
		},
	}
}

var ipContext = []string{
	"ip", "ipv4", "ipv6", "address", "server", "host", "gateway", "router", "subnet",
	"route", "src", "dst", "source", "destination", "connect", "connecting", "client",
	"localhost", "dns", "proxy", "ping", "ssh", "nat", "mapped",
}

const monthNames = `(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?`

// datePatterns are the written dates the date recognizers look for.
var datePatterns = []Pattern{
	{Name: "iso", Expr: `[0-9]{4}-[0-9]{2}-[0-9]{2}`},
	{Name: "numeric", Expr: `[0-9]{1,2}[/.\-][0-9]{1,2}[/.\-][0-9]{4}|[0-9]{1,2}[/.\-][0-9]{1,2}[/.\-][0-9]{2}`},
	{Name: "day month year", Expr: `(?i:[0-9]{1,2}(?:st|nd|rd|th)?[ \-](?:of )?` + monthNames + `,?[ \-][0-9]{4})`},
	{Name: "month day year", Expr: `(?i:` + monthNames + ` [0-9]{1,2}(?:st|nd|rd|th)?,? [0-9]{4})`},
}

// plausibleDate accepts a written date whose numbers can be a day, a month
// and a year, in either day-month or month-day order.
func plausibleDate(s string) bool {
	var nums [3]int
	n := 0
	for i := 0; i < len(s) && n < 3; {
		if !isDigit(s[i]) {
			i++
			continue
		}
		j := i
		for j < len(s) && isDigit(s[j]) {
			j++
		}
		v, _ := strconv.Atoi(s[i:j])
		if j-i == 4 && n == 0 {
			// year first: yyyy-mm-dd
			nums = [3]int{v, 0, 0}
			n = 1
			i = j
			continue
		}
		nums[n] = v
		n++
		i = j
	}
	if n == 3 && nums[0] >= 1000 {
		return nums[1] >= 1 && nums[1] <= 12 && nums[2] >= 1 && nums[2] <= 31
	}
	if n == 3 {
		a, b := nums[0], nums[1]
		return a >= 1 && b >= 1 && (a <= 12 && b <= 31 || b <= 12 && a <= 31)
	}
	// Month written as a word: day and year remain.
	return n == 2 && nums[0] >= 1 && nums[0] <= 31
}
