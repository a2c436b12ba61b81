// Package checksum holds the check-digit and format validators that the pii
// detectors run on a candidate span after a pattern has matched it: payment
// cards, bank identifiers, national identity and tax numbers, and crypto
// currency addresses.
//
// Every validator is a pure function of one string that reports whether the
// string is a well-formed value of its kind. All functions are safe for
// concurrent use, allocate nothing and run in time linear in the input; they
// give up as soon as the input is longer than the longest valid value, so a
// caller may hand them any span.
//
// # Input form
//
// A validator takes the value as it appears in text. It ignores the
// separators that the value's printed form uses (listed in each doc comment:
// usually spaces and hyphens, also dots or slashes where a country prints
// them), and also accepts a no-break space (U+00A0) or a narrow no-break
// space (U+202F) wherever it accepts a space, because word processors put
// those inside grouped numbers. A separator must sit between two characters
// of the value: one at either end, or two in a row, make the input invalid.
// Where a separator is listed, its position is not checked; the caller's
// pattern decides the layout it wants to see.
//
// Letters are accepted in either case unless the doc comment says otherwise:
// a person who types an identifier into a chat box often types it in lower
// case, and the check character keeps the false-positive rate low anyway.
// Format-only validators with no check character ([BIC]) accept upper case
// only, since ordinary words would match them otherwise.
//
// # What valid means
//
// Valid means that the value could have been issued: its length, fixed
// characters, embedded dates, ranges and check digits are right. It does not
// mean the value was issued, belongs to anyone, or is in use. No validator
// looks anything up.
//
// # Known gaps
//
// Some identifiers cannot be fully checked, and some forms are not
// recognised; each affected function says so. In short: the check letter
// of an Indian PAN is unpublished and the US SSN, ITIN and MBI, the UK
// NINO and the SWIFT BIC carry none, so those are format checks only;
// South Korean numbers issued since October 2020 have no check digit
// ([KoreaRRNFormat] exists for them); older eight-digit Australian tax
// file numbers, UnionPay cards without a Luhn digit, the Spanish K, L and
// M forms of the NIF, Italian company fiscal codes and the German
// Steuernummer are not recognised; and an IBAN's national account format
// is not checked beyond its length.
package checksum
