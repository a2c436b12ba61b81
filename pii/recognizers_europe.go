package pii

import (
	"github.com/textnlp/textguard/guard"
	"github.com/textnlp/textguard/pii/internal/checksum"
)

// europeRecognizers are the identifiers of European countries.
func europeRecognizers() []Recognizer {
	return []Recognizer{
		{
			ID: "pii.uk_nhs", Type: "UK_NHS", Country: "GB", MinDigits: 10,
			Severity: guard.SeverityHigh,
			Patterns: []Pattern{
				{Name: "grouped", Score: scoreGrouped, Expr: `[0-9]{3} [0-9]{3} [0-9]{4}|[0-9]{3}-[0-9]{3}-[0-9]{4}`},
				{Name: "bare", Score: scoreChecked, Expr: `[0-9]{10}`},
			},
			Validate: checksum.UKNHS,
			Context:  []string{"nhs", "health service", "health", "patient", "chi"},
		},
		{
			ID: "pii.uk_nino", Type: "UK_NINO", Country: "GB", MinDigits: 6,
			Severity: guard.SeverityHigh,
			Patterns: []Pattern{{
				Name: "pairs or bare", Score: 0.55,
				Expr: `[A-Za-z]{2} ?[0-9]{2} ?[0-9]{2} ?[0-9]{2} ?[A-Da-d]`,
			}},
			Validate: checksum.UKNINO,
			Context:  []string{"national insurance", "nino", "ni number", "insurance number"},
		},
		{
			ID: "pii.es_nif", Type: "ES_NIF", Country: "ES", MinDigits: 7,
			Severity: guard.SeverityHigh,
			Patterns: []Pattern{{
				Name: "digits and letter", Score: 0.55, Expr: `[0-9]{7,8}-?[A-Za-z]`,
			}},
			Validate: spainNIF,
			Context:  []string{"nif", "dni", "documento", "identidad", "fiscal"},
		},
		{
			ID: "pii.es_nie", Type: "ES_NIE", Country: "ES", MinDigits: 7,
			Severity: guard.SeverityHigh,
			Patterns: []Pattern{{
				Name: "letter digits letter", Score: 0.6, Expr: `[XYZxyz]-?[0-9]{7}-?[A-Za-z]`,
			}},
			Validate: checksum.SpainNIE,
			Context:  []string{"nie", "extranjero", "extranjería", "identidad"},
		},
		{
			ID: "pii.it_fiscal_code", Type: "IT_FISCAL_CODE", Country: "IT", MinDigits: 1,
			Severity: guard.SeverityHigh,
			Patterns: []Pattern{{
				Name: "sixteen characters", Score: 0.7,
				Expr: `[A-Za-z]{6}[0-9LMNP-Vlmnp-v]{2}[A-Za-z][0-9LMNP-Vlmnp-v]{2}[A-Za-z][0-9LMNP-Vlmnp-v]{3}[A-Za-z]`,
			}},
			Validate: checksum.ItalyFiscalCode,
			Context:  []string{"codice fiscale", "fiscale", "cf", "tax code"},
		},
		{
			ID: "pii.de_tax_id", Type: "DE_TAX_ID", Country: "DE", MinDigits: 11,
			Severity: guard.SeverityHigh,
			Patterns: []Pattern{
				{Name: "bare", Score: scoreChecked, Expr: `[1-9][0-9]{10}`},
				{Name: "grouped", Score: scoreGrouped, Expr: `[1-9][0-9] [0-9]{3} [0-9]{3} [0-9]{3}`},
			},
			Validate: checksum.GermanyTaxID,
			Context: []string{
				"steuer", "steuer-id", "steueridentifikationsnummer", "idnr", "identifikationsnummer",
				"tin", "tax",
			},
		},
		{
			ID: "pii.fr_nir", Type: "FR_NIR", Country: "FR", MinDigits: 13,
			Severity: guard.SeverityCritical,
			Patterns: []Pattern{
				{Name: "bare", Score: scoreChecked, Expr: `[1-478][0-9]{14}|[1-478][0-9]{4}2[ABab][0-9]{8}`},
				{Name: "grouped", Score: scoreGrouped, Expr: `[1-478] [0-9]{2} [0-9]{2} [0-9]{2} [0-9]{3} [0-9]{3} [0-9]{2}|[1-478] [0-9]{2} [0-9]{2} 2[ABab] [0-9]{3} [0-9]{3} [0-9]{2}`},
			},
			Validate: checksum.FranceNIR,
			Context:  []string{"sécurité sociale", "securite sociale", "nir", "insee", "vitale"},
		},
		{
			ID: "pii.pl_pesel", Type: "PL_PESEL", Country: "PL", MinDigits: 11,
			Severity: guard.SeverityHigh,
			Patterns: []Pattern{{Name: "bare", Score: scoreChecked, Expr: `[0-9]{11}`}},
			Validate: checksum.PolandPESEL,
			Context:  []string{"pesel"},
		},
		{
			ID: "pii.nl_bsn", Type: "NL_BSN", Country: "NL", MinDigits: 9,
			Severity: guard.SeverityHigh,
			Patterns: []Pattern{
				{Name: "bare", Score: scoreChecked, Expr: `[0-9]{9}`},
				{Name: "grouped", Score: scoreGrouped, Expr: `[0-9]{4}\.[0-9]{2}\.[0-9]{3}|[0-9]{3}\.[0-9]{3}\.[0-9]{3}`},
			},
			Validate: checksum.NetherlandsBSN,
			Context:  []string{"bsn", "burgerservicenummer", "sofinummer", "sofi"},
		},
		{
			ID: "pii.fi_personal_identity_code", Type: "FI_PERSONAL_IDENTITY_CODE", Country: "FI",
			MinDigits: 9, Severity: guard.SeverityHigh,
			Patterns: []Pattern{{
				Name: "hetu", Score: 0.7, Expr: `[0-9]{6}[-+A-FU-Ya-fu-y][0-9]{3}[0-9A-Ya-y]`,
			}},
			Validate: checksum.FinlandHETU,
			Context:  []string{"hetu", "henkilötunnus", "henkilotunnus", "personbeteckning", "identity code"},
		},
		{
			ID: "pii.se_personnummer", Type: "SE_PERSONNUMMER", Country: "SE", MinDigits: 10,
			Severity: guard.SeverityHigh,
			Patterns: []Pattern{{
				Name: "with or without century", Score: scoreChecked,
				Expr: `[0-9]{8}[-+]?[0-9]{4}|[0-9]{6}[-+]?[0-9]{4}`,
			}},
			Validate: checksum.SwedenPersonnummer,
			Context:  []string{"personnummer", "pnr", "samordningsnummer", "personal identity"},
		},
		{
			ID: "pii.tr_national_id", Type: "TR_NATIONAL_ID", Country: "TR", MinDigits: 11,
			Severity: guard.SeverityHigh,
			Patterns: []Pattern{{Name: "bare", Score: scoreChecked, Expr: `[1-9][0-9]{10}`}},
			Validate: checksum.TurkeyTCKN,
			Context:  []string{"kimlik", "tc", "tckn", "t.c"},
		},
	}
}

// spainNIF accepts the seven-digit form of a DNI that drops its leading
// zero ("1111111-G") as well as the full form.
func spainNIF(s string) bool {
	n := 0
	for i := 0; i < len(s); i++ {
		if isDigit(s[i]) {
			n++
		}
	}
	if n == 7 {
		s = "0" + s
	}
	return checksum.SpainNIF(s)
}
