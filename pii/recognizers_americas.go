package pii

import (
	"strings"

	"github.com/textnlp/textguard/guard"
	"github.com/textnlp/textguard/pii/internal/checksum"
)

// Scores shared by the national recognizers. A value that passes a check
// digit reaches the default threshold on its own; printed in its country's
// grouping it scores a little higher, which decides between two types whose
// checks a bare number happens to pass.
const (
	scoreGrouped   = 0.6
	scoreChecked   = 0.5
	scoreShapeOnly = 0.3
	scoreWeak      = 0.2
)

// americasRecognizers are the identifiers of the United States, Canada
// and Brazil.
func americasRecognizers() []Recognizer {
	return []Recognizer{
		{
			ID: "pii.us_ssn", Type: "US_SSN", Country: "US", MinDigits: 9,
			Severity: guard.SeverityCritical,
			Patterns: []Pattern{
				{Name: "grouped", Score: scoreGrouped, Expr: `[0-9]{3}-[0-9]{2}-[0-9]{4}|[0-9]{3} [0-9]{2} [0-9]{4}|[0-9]{3}\.[0-9]{2}\.[0-9]{4}`},
				{Name: "bare", Score: scoreShapeOnly, Expr: `[0-9]{9}`},
			},
			Validate: without(".", checksum.USSSN),
			Context:  []string{"ssn", "ss#", "social security", "social", "security number", "ssa"},
		},
		{
			ID: "pii.us_itin", Type: "US_ITIN", Country: "US", MinDigits: 9,
			Severity: guard.SeverityCritical,
			Patterns: []Pattern{
				{Name: "grouped", Score: scoreGrouped, Expr: `9[0-9]{2}-[0-9]{2}-[0-9]{4}|9[0-9]{2} [0-9]{2} [0-9]{4}`},
				{Name: "bare", Score: scoreShapeOnly, Expr: `9[0-9]{8}`},
			},
			Validate: checksum.USITIN,
			Context:  []string{"itin", "taxpayer", "tax id", "tax identification", "irs"},
		},
		{
			ID: "pii.us_passport", Type: "US_PASSPORT", Country: "US", MinDigits: 8,
			Severity: guard.SeverityHigh,
			Patterns: []Pattern{
				{Name: "letter and eight digits", Score: scoreShapeOnly, Expr: `[A-Z][0-9]{8}`},
				{Name: "nine digits", Score: scoreWeak, Expr: `[0-9]{9}`},
			},
			Context: []string{"passport", "travel document"},
		},
		{
			ID: "pii.us_driver_license", Type: "US_DRIVER_LICENSE", Country: "US", MinDigits: 6,
			Severity: guard.SeverityHigh, BaseScore: scoreWeak,
			Patterns: []Pattern{
				{Name: "letters and digits", Expr: `[A-Z]{1,2}[0-9]{5,14}|[0-9]{6,14}`},
				{Name: "grouped", Expr: `[0-9]{3,4}-[0-9]{2,3}-[0-9]{3,4}|[A-Z][0-9]{3}-[0-9]{4}-[0-9]{4}`},
			},
			Context: []string{"driver", "driving", "licen", "dl", "dmv"},
		},
		{
			ID: "pii.aba_routing", Type: "ABA_ROUTING_NUMBER", Country: "US", MinDigits: 9,
			Severity: guard.SeverityMedium,
			Patterns: []Pattern{
				{Name: "bare", Score: scoreChecked, Expr: `[0-9]{9}`},
				{Name: "grouped", Score: scoreGrouped, Expr: `[0-9]{4}-[0-9]{4}-[0-9]`},
			},
			Validate: without("-", checksum.ABARouting),
			Context:  []string{"routing", "aba", "transit", "rtn", "bank"},
		},
		{
			ID: "pii.us_npi", Type: "US_NPI", Country: "US", MinDigits: 10,
			Severity: guard.SeverityMedium,
			Patterns: []Pattern{
				{Name: "bare", Score: scoreChecked, Expr: `[12][0-9]{9}`},
				{Name: "grouped", Score: scoreGrouped, Expr: `[12][0-9]{3} [0-9]{3} [0-9]{3}`},
			},
			Validate: without(" ", checksum.USNPI),
			Context:  []string{"npi", "provider", "national provider", "prescriber"},
		},
		{
			ID: "pii.us_mbi", Type: "US_MBI", Country: "US", MinDigits: 5,
			Severity: guard.SeverityHigh,
			Patterns: []Pattern{{
				Name: "grouped or bare", Score: scoreChecked,
				Expr: `[1-9][A-Za-z][0-9A-Za-z][0-9]-?[A-Za-z][0-9A-Za-z][0-9]-?[A-Za-z]{2}[0-9]{2}`,
			}},
			Validate: checksum.USMBI,
			Context:  []string{"medicare", "mbi", "beneficiary"},
		},
		{
			ID: "pii.ca_sin", Type: "CA_SIN", Country: "CA", MinDigits: 9,
			Severity: guard.SeverityCritical,
			Patterns: []Pattern{
				{Name: "grouped", Score: scoreGrouped, Expr: `[0-9]{3}-[0-9]{3}-[0-9]{3}|[0-9]{3} [0-9]{3} [0-9]{3}`},
				{Name: "bare", Score: scoreChecked, Expr: `[0-9]{9}`},
			},
			Validate: checksum.CanadaSIN,
			Context:  []string{"sin", "social insurance", "nas", "assurance sociale"},
		},
		{
			ID: "pii.br_cpf", Type: "BR_CPF", Country: "BR", MinDigits: 11,
			Severity: guard.SeverityCritical,
			Patterns: []Pattern{
				{Name: "printed", Score: 0.7, Expr: `[0-9]{3}\.[0-9]{3}\.[0-9]{3}-[0-9]{2}`},
				{Name: "bare", Score: scoreChecked, Expr: `[0-9]{11}`},
			},
			Validate: checksum.BrazilCPF,
			Context:  []string{"cpf", "cadastro", "contribuinte"},
		},
		{
			ID: "pii.br_cnpj", Type: "BR_CNPJ", Country: "BR", MinDigits: 12,
			Severity: guard.SeverityMedium,
			Patterns: []Pattern{
				{Name: "printed", Score: 0.7, Expr: `[0-9A-Z]{2}\.[0-9A-Z]{3}\.[0-9A-Z]{3}/[0-9A-Z]{4}-[0-9]{2}`},
				{Name: "bare", Score: scoreChecked, Expr: `[0-9]{14}`},
			},
			Validate: checksum.BrazilCNPJ,
			Context:  []string{"cnpj", "empresa", "cadastro"},
		},
	}
}

// without returns a validator that removes the bytes of cut from its
// input before calling v, for separators a validator does not accept.
func without(cut string, v func(string) bool) func(string) bool {
	return func(s string) bool {
		if strings.ContainsAny(s, cut) {
			s = strings.Map(func(r rune) rune {
				if strings.ContainsRune(cut, r) {
					return -1
				}
				return r
			}, s)
		}
		return v(s)
	}
}
