// Package pii finds personal data in text: e-mail addresses, phone numbers,
// payment cards, bank accounts, network and wallet addresses, dates of
// birth and the national identity and tax numbers of many countries, each
// checked against its check digit or numbering plan where it has one.
//
// A [Detector] is a [guard.Scanner]: put it in a [guard.Stage] to flag,
// block or sanitize prompts and replies, or call [Detector.Scan] directly.
//
//	d, err := pii.New(pii.Countries("US", "GB"))
//	...
//	findings, err := d.Scan(ctx, guard.Input{Text: prompt})
//
// Each finding's Rule is the recognizer ID ("pii.email"), its Category the
// entity type ("EMAIL"), and its Start and End byte offsets into the text
// as given.
//
// # Recognizers
//
// A [Recognizer] is plain data: patterns (Go regular expressions), a
// validator, context words, a base score and a severity.
// [DefaultRecognizers] lists the built-in ones; [AddRecognizers] adds a
// host's own, and [Types] and [Countries] select among them. Entity types
// use the names of Microsoft Presidio (EMAIL, PHONE, CREDIT_CARD, IBAN,
// IP_ADDRESS, US_SSN, UK_NHS, ...) so that corpora labelled for Presidio
// can be scored without a mapping.
//
// # Scores
//
// A candidate starts at its pattern's score. A validator that rejects it
// (a failed Luhn, mod-97 or mod-11 check, an SSN area of 666, a phone
// number no numbering plan allows) drops it. A context word within a few
// words before or after it ("card", "SSN", "phone", "born") adds 0.35; a
// negative context word just before it ("version" before a dotted quad,
// "order", "invoice" or "ISBN" before a number) drops it. Findings below the threshold ([DefaultThreshold] unless
// [Threshold] says otherwise) are not reported, and of overlapping
// findings the higher score wins, then the longer span.
//
// The scores are chosen so that, at the default threshold, a value whose
// check digit holds is reported on its own, while a value with no check
// digit (a bare nine-digit number shaped like an SSN, a passport number, a
// driver's licence) is reported only with a context word. A random
// 16-digit number is not a card unless it passes the Luhn check and falls
// in an issuer's range; "call 911" is not a phone number, being too short
// to be one anywhere.
//
// # Phone numbers
//
// Candidates are runs of digits with the separators people put in phone
// numbers. The numbering plans of libphonenumber, through
// github.com/nyaruka/phonenumbers, decide whether they are valid: numbers
// with a country code in that country, numbers without one in the default
// region ([DefaultRegion]), and numbers with a leading trunk zero in any
// region that dials that way. A run that no plan allows is kept with a low
// score, which a context word such as "phone" or "fax" lifts.
//
// # Normalisation
//
// Detection reads a folded copy of the text and maps every finding back
// to the original. Text that is plain ASCII without spelled-out
// punctuation is read as it is. Other text goes through the guard's
// [guard.Normalizer] (invisible characters removed, NFKC, but no case
// folding, no look-alike folding and no white-space folding), then through
// a pass of this package: full-width and other compatibility forms of
// ASCII letters and digits ("４１１１", "Ｓ１２３") and the decimal digits of
// other scripts (Arabic-Indic "٤١١١", Devanagari "४१११") read as ASCII,
// Unicode spaces and dashes as ASCII ones, and the spelled-out forms
// "[at]", "(at)", "{at}", "<at>" and the same forms of "dot" as "@" and
// ".", so "john [at] example [dot] com" is an address. Letter case is
// kept: IBANs, PANs and BICs are upper case by rule, and folding case
// would let ordinary words pass as codes. Line breaks are kept too, since
// they separate values.
//
// # Names and places
//
// Patterns cannot find names of people and places. [Names] adds the
// package's own recogniser for them, built from embedded gazetteers and
// capitalisation and context rules; [Entities] plugs in any other
// [EntityRecognizer], such as a model the host runs.
//
// # Performance
//
// A Detector is compiled once by [New] and is safe for concurrent use.
// Scan reads the text once to find the stretches that can hold a value
// (runs with digits, capitals, "@", ":" or "." in them) and runs each
// pattern only on stretches whose counts of digits, capitals and
// punctuation allow a match, anchored where a match can start. Text with
// no personal data costs one pass and a fixed amount of memory, whatever
// its length.
//
// # Limitations
//
//   - Values are found only in ASCII letters and digits after folding:
//     letters of other scripts (a Cyrillic "А" in an IBAN) are not read as
//     Latin ones.
//   - Identifiers without a check digit (US passports and driver's
//     licences, UK NINOs, Indian PANs, ITINs) rest on their shape and on
//     context words; expect misses without the words and false positives
//     with them.
//   - A bare number may pass the checks of several countries' identifiers;
//     without [Countries] all of them are tried, and when two types tie on
//     the same span both are reported.
//   - Korean resident registration numbers issued since October 2020 have
//     no check digit and need a context word.
//   - Spelled-out digits ("four one one one") and numbers split across
//     lines are not found.
//   - Dates of birth are recognised only next to a context word; DATE_TIME,
//     which reports every date, is off unless [Types] names it.
//   - URLs written without a scheme or "www." are recognised only for
//     common top-level domains, and never for country codes that double
//     as file extensions (".md", ".rs", ".py").
package pii
