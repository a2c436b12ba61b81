package pii

import (
	"github.com/textnlp/textguard/guard"
	"github.com/textnlp/textguard/pii/internal/checksum"
)

// asiaPacificRecognizers are the identifiers of India, Australia,
// Singapore, South Korea and South Africa.
func asiaPacificRecognizers() []Recognizer {
	return []Recognizer{
		{
			ID: "pii.in_aadhaar", Type: "IN_AADHAAR", Country: "IN", MinDigits: 12,
			Severity: guard.SeverityCritical,
			Patterns: []Pattern{
				{Name: "grouped", Score: scoreGrouped, Expr: `[2-9][0-9]{3} [0-9]{4} [0-9]{4}|[2-9][0-9]{3}-[0-9]{4}-[0-9]{4}|[2-9][0-9]{3}:[0-9]{4}:[0-9]{4}`},
				{Name: "bare", Score: scoreChecked, Expr: `[2-9][0-9]{11}`},
			},
			Validate: without(":", checksum.IndiaAadhaar),
			Context:  []string{"aadhaar", "aadhar", "adhaar", "uid", "uidai"},
		},
		{
			ID: "pii.in_pan", Type: "IN_PAN", Country: "IN", MinDigits: 4,
			Severity: guard.SeverityHigh,
			Patterns: []Pattern{{Name: "bare", Score: 0.55, Expr: `[A-Z]{5}[0-9]{4}[A-Z]`}},
			Validate: checksum.IndiaPAN,
			Context:  []string{"pan", "permanent account", "income tax"},
		},
		{
			ID: "pii.au_tfn", Type: "AU_TFN", Country: "AU", MinDigits: 9,
			Severity: guard.SeverityCritical,
			Patterns: []Pattern{
				{Name: "grouped", Score: scoreGrouped, Expr: `[0-9]{3} [0-9]{3} [0-9]{3}|[0-9]{3}-[0-9]{3}-[0-9]{3}`},
				{Name: "bare", Score: scoreChecked, Expr: `[0-9]{9}`},
			},
			Validate: checksum.AustraliaTFN,
			Context:  []string{"tfn", "tax file"},
		},
		{
			ID: "pii.au_medicare", Type: "AU_MEDICARE", Country: "AU", MinDigits: 10,
			Severity: guard.SeverityHigh,
			Patterns: []Pattern{{
				Name: "card number", Score: 0.55,
				Expr: `[2-6][0-9]{3} ?[0-9]{5} ?[0-9][ /-]?[1-9]|[2-6][0-9]{3} ?[0-9]{5} ?[0-9]`,
			}},
			Validate: checksum.AustraliaMedicare,
			Context:  []string{"medicare"},
		},
		{
			ID: "pii.au_abn", Type: "AU_ABN", Country: "AU", MinDigits: 11,
			Severity: guard.SeverityLow,
			Patterns: []Pattern{
				{Name: "grouped", Score: scoreGrouped, Expr: `[0-9]{2} [0-9]{3} [0-9]{3} [0-9]{3}`},
				{Name: "bare", Score: scoreChecked, Expr: `[0-9]{11}`},
			},
			Validate: checksum.AustraliaABN,
			Context:  []string{"abn", "business number"},
		},
		{
			ID: "pii.au_acn", Type: "AU_ACN", Country: "AU", MinDigits: 9,
			Severity: guard.SeverityLow,
			Patterns: []Pattern{
				{Name: "grouped", Score: scoreGrouped, Expr: `[0-9]{3} [0-9]{3} [0-9]{3}`},
				{Name: "bare", Score: scoreChecked, Expr: `[0-9]{9}`},
			},
			Validate: checksum.AustraliaACN,
			Context:  []string{"acn", "company number"},
		},
		{
			ID: "pii.sg_nric_fin", Type: "SG_NRIC_FIN", Country: "SG", MinDigits: 7,
			Severity: guard.SeverityHigh,
			Patterns: []Pattern{{Name: "letter digits letter", Score: 0.7, Expr: `[STFGMstfgm][0-9]{7}[A-Za-z]`}},
			Validate: checksum.SingaporeNRIC,
			Context:  []string{"nric", "fin", "identity card"},
		},
		{
			ID: "pii.kr_rrn", Type: "KR_RRN", Country: "KR", MinDigits: 13,
			Severity: guard.SeverityCritical,
			Patterns: []Pattern{{Name: "date and serial", Score: scoreGrouped, Expr: `[0-9]{6}-?[0-9]{7}`}},
			Validate: checksum.KoreaRRN,
			Context:  []string{"rrn", "resident registration", "주민등록번호", "주민번호"},
		},
		{
			// Numbers issued since October 2020 carry no check digit: only
			// their date and century code can be tested, which a context
			// word must back up.
			ID: "pii.kr_rrn_unchecked", Type: "KR_RRN", Country: "KR", MinDigits: 13,
			Severity: guard.SeverityCritical,
			Patterns: []Pattern{
				{Name: "date and serial", Score: scoreShapeOnly, Expr: `[0-9]{6}-[0-9]{7}`},
				{Name: "bare", Score: scoreWeak, Expr: `[0-9]{13}`},
			},
			Validate: checksum.KoreaRRNFormat,
			Context:  []string{"rrn", "resident registration", "주민등록번호", "주민번호"},
		},
		{
			ID: "pii.za_id_number", Type: "ZA_ID_NUMBER", Country: "ZA", MinDigits: 13,
			Severity: guard.SeverityHigh,
			Patterns: []Pattern{{Name: "bare", Score: scoreChecked, Expr: `[0-9]{13}`}},
			Validate: checksum.SouthAfricaID,
			Context:  []string{"id number", "identity number", "rsa id", "sa id"},
		},
	}
}
