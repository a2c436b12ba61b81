package pii

import (
	"github.com/textnlp/textguard/guard"
)

// A Recognizer describes one kind of structured personal data: how it looks
// (patterns), how to check it (a validator), which words make it more likely
// (context) and how much it matters (severity).
//
// Recognizer is plain data: a host builds its own as a struct literal, or
// copies one from [DefaultRecognizers] and changes it, and hands it to [New]
// with [AddRecognizers], which validates it. The zero value of every optional
// field means its documented default.
type Recognizer struct {
	// ID identifies the recognizer in findings (guard.Finding.Rule), such as
	// "pii.email". Required and unique within a detector.
	ID string
	// Type is the entity type the recognizer reports (guard.Finding.Category),
	// such as "EMAIL" or "US_SSN". Built-in types use Presidio's names, so
	// that corpora labelled for Presidio score without a mapping. Required.
	Type string
	// Country is the ISO 3166-1 alpha-2 code of the country that issues the
	// identifier, or "" for a global type. [Countries] selects by it.
	Country string
	// Patterns find candidates. At least one is required unless the
	// recognizer is a built-in whose candidates are found by code (phones).
	Patterns []Pattern
	// Validate, when set, checks a candidate's text (as matched, separators
	// included); a candidate it rejects is dropped. It must be safe for
	// concurrent use.
	Validate func(match string) bool
	// Context lists words that make a candidate more likely when they stand
	// within a few words before or after it: "phone", "date of birth".
	// Matching ignores case; a word of four letters or more also matches the
	// longer words it begins (so "licen" matches "licence" and "license"),
	// a shorter word only itself, and a phrase matches consecutive words.
	Context []string
	// NegativeContext lists words that make a candidate unlikely when they
	// stand just before it, such as "version" before a dotted quad. A
	// candidate preceded by one is dropped.
	NegativeContext []string
	// BaseScore is the score of a match of a pattern that sets no score of
	// its own. Zero means 0.5.
	BaseScore float64
	// Severity is how serious a leak of the value is. Zero means
	// [guard.SeverityMedium].
	Severity guard.Severity
	// MinDigits is the least number of ASCII digits any match holds. With
	// MinDigits or Trigger set, patterns run only on the short stretches of
	// text that can hold a match (see [Pattern]), which is what keeps the
	// detector fast; with neither, they run over the whole text.
	MinDigits int
	// Trigger lists bytes of which at least one occurs in every match, such
	// as "@" for e-mail addresses. They must be ASCII punctuation: letters
	// and digits are counted, not recorded, by the prefilter.
	Trigger string
	// OptIn keeps the recognizer off unless [Types] names its type. The
	// built-in DATE_TIME recognizer is opt-in: most hosts do not want every
	// date in a prompt treated as personal data.
	OptIn bool

	// kind selects code that finds or scores candidates where a pattern
	// alone cannot (phone numbers, IBAN extents). Hosts cannot set it; a
	// copy of a built-in keeps it.
	kind kind
}

// A Pattern is one regular expression (Go syntax, linear time) that finds
// candidates for a [Recognizer], with the score a match gets before context.
//
// When the recognizer sets MinDigits or Trigger, the pattern runs on one
// stretch of text at a time: a run of non-space characters, or several such
// runs joined by single spaces where they hold digits ("4012 8888 8888
// 1881", "AA 12 34 56 B"). A match never crosses a line break. A match
// glued to an ASCII letter or digit on either side is ignored, as is a
// numeric match continued by a separator and a digit, so patterns need no
// \b of their own.
type Pattern struct {
	// Name says which layout matched, for tests and debugging.
	Name string
	// Expr is the regular expression.
	Expr string
	// Score is the score of a match before context, in (0, 1]. Zero means
	// the recognizer's BaseScore.
	Score float64
	// Group, when positive, is the submatch that holds the value; the rest
	// of the match is only there to anchor it.
	Group int
}

// kind marks built-in recognizers that need code beyond a pattern.
type kind uint8

const (
	kindPattern kind = iota
	kindPhone
	kindIBAN
	kindIPv6
	kindURL
	kindEmail
	kindIPv4
	kindBIC
	kindCard
)

// Global entity types reported by the built-in recognizers. National
// identifiers use Presidio's names, such as "US_SSN", "UK_NHS" and
// "IN_AADHAAR"; [DefaultRecognizers] lists them all.
const (
	TypeEmail       = "EMAIL"
	TypePhone       = "PHONE"
	TypeCreditCard  = "CREDIT_CARD"
	TypeIBAN        = "IBAN"
	TypeSWIFT       = "SWIFT_CODE"
	TypeIPAddress   = "IP_ADDRESS"
	TypeMACAddress  = "MAC_ADDRESS"
	TypeURL         = "URL"
	TypeCrypto      = "CRYPTO"
	TypeDateOfBirth = "DATE_OF_BIRTH"
	TypeDateTime    = "DATE_TIME"
)

// defaultBaseScore is the score of a pattern of a recognizer that sets no
// BaseScore.
const defaultBaseScore = 0.5

// DefaultRecognizers returns the built-in recognizers as fresh values, so
// a caller may change the slice and its elements freely. [New] uses them
// unless told otherwise.
func DefaultRecognizers() []Recognizer {
	var rs []Recognizer
	rs = append(rs, globalRecognizers()...)
	rs = append(rs, americasRecognizers()...)
	rs = append(rs, europeRecognizers()...)
	rs = append(rs, asiaPacificRecognizers()...)
	for i := range rs {
		if rs[i].Country != "" || rs[i].Type == TypePhone {
			rs[i].NegativeContext = append(rs[i].NegativeContext, numberLabels...)
		}
	}
	return rs
}

// numberLabels name numbers that are not personal data. A national
// identifier or phone number right after one ("order 450920522", "ISBN
// 0786411376") is another kind of number that happens to pass a check.
var numberLabels = []string{
	"order", "invoice", "tracking", "reference", "ref", "ticket", "transaction",
	"confirmation", "booking", "serial", "isbn", "issn", "doi", "model", "part", "sku",
}
