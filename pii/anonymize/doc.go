// Package anonymize rewrites the personal data and secrets that a scanner
// found, so that a host can keep them out of what it sends to a model and
// put them back into what the model says.
//
// An [Anonymizer] is a [guard.Sanitizer]: give it to a [guard.Stage] beside
// a scanner such as the pii package's detector, or call
// [Anonymizer.Anonymize] directly. It picks an [Operator] by each
// finding's category:
//
//	a, err := anonymize.New(
//		anonymize.For("PERSON", anonymize.Pseudonym()),
//		anonymize.For("EMAIL", anonymize.Pseudonym()),
//		anonymize.For("CREDIT_CARD", anonymize.Mask('*', 4)),
//		anonymize.For("SECRET", anonymize.Redact()),
//		anonymize.Default(anonymize.Tag()),
//	)
//
// # Operators
//
//   - [Redact] removes the value; [Replace] writes a fixed text.
//   - [Tag] writes the type: "<PERSON>".
//   - [Mask] writes a character over all letters and digits but the last
//     few: "****-****-****-1234".
//   - [Hash] writes a keyed hash token, "<EMAIL:3fa4c2d1e0b9>", the same for
//     the same value and irreversible without the key.
//   - [Encrypt] writes an AES-GCM token that [Decrypt] reverses with the
//     key.
//   - [Pseudonym] writes a realistic stand-in of the same kind and layout.
//   - [Keep] leaves the value alone.
//
// Categories no [For] names get the [Default] operator, [Tag] unless set.
//
// # Overlapping findings
//
// Recognisers disagree: a phone rule and a card rule may both claim a run
// of digits, a name may contain a place. Findings that overlap (share at
// least one byte) form a group; the finding with the highest score, then
// the longest, then the first, decides the category and so the operator,
// and the group's whole extent is rewritten, so that no byte that any
// finding covered survives. Findings whose operator is [Keep] take no part,
// so a kept type never shields an overlapping one. Findings that only touch
// stay apart. The edits come back sorted, disjoint and on UTF-8 boundaries.
//
// # Pseudonyms
//
// [Pseudonym] keeps the kind and layout of a value, so that the model's
// answer still reads naturally and stays useful:
//
//   - PERSON: each name word becomes a name from an embedded list of 200
//     given and 200 family names (chosen from the faker project's English
//     data; see data/NOTICE), with the original's capitalisation. The last
//     word is taken as the family name, the first when a comma follows it;
//     titles, particles, suffixes and initials stay ("Dr. J. van Dyke" →
//     "Dr. J. van Hansen"). Word by word, "John Smith", "John" and
//     "Mr Smith" stay consistent with one another.
//   - LOCATION: a city from an embedded list of 200; with digits, as an
//     ADDRESS.
//   - ADDRESS: numbers and postcodes get other characters of the same kind,
//     street-type words stay, other words become family names.
//   - EMAIL: given.family@ under example.com, .net or .org (RFC 2606).
//   - PHONE: the same separators and country code. North American numbers
//     become 555-0100 to 555-0199 in some area code and British ones fall
//     in Ofcom's drama ranges, all reserved for fiction; elsewhere the
//     subscriber digits are replaced.
//   - CREDIT_CARD: a Luhn-valid number of the same length and grouping from
//     a well-known test-card prefix of the same scheme (4111 11 for Visa).
//   - IBAN: the same country, length and grouping, with new check digits
//     that pass mod 97.
//   - US_SSN: area 900-999 and group 01-49, which neither SSNs nor ITINs use.
//   - DATE, DATE_TIME, DATE_OF_BIRTH: the date moved by 1 to 365 days and
//     written in its original layout; dates it cannot read get a tag.
//   - IP_ADDRESS: the documentation blocks (RFC 5737, RFC 3849).
//   - URL: the same scheme and shape under a reserved domain.
//   - anything else: every letter and digit replaced by one of its class
//     (hex stays hex), everything else kept.
//
// Synonyms of these names (EMAIL_ADDRESS, PHONE_NUMBER, GPE, ...) work too.
// A value that already lies in a reserved range (an address at
// example.com, a 555-01xx number) belongs to nobody and is left alone.
//
// With a vault in the input ([guard.Input.Vault]: a guard built with
// [guard.RestorePseudonyms] gives each call one, and a host can keep one
// per conversation in [guard.Request.Vault]), each value gets one
// pseudonym for as long as the vault keeps it, the n-th pseudonym of a
// type is drawn from a fixed shuffle of its format (so it says when a
// value was first seen, nothing about the value), and
// [guard.Vault.Restore] puts the originals back into the reply, also when
// the model changed their case. A pseudonym is never one that already
// occurs in the request, in any case, so restoring cannot rewrite the
// user's own words. A value with fewer than four letters and digits gets
// the vault's numbered tag ("<PHONE_2>") instead, because a short
// pseudonym would turn up by chance in a reply and be "restored" there.
//
// Without a vault, a pseudonym is a keyed function of the value
// ([PseudonymKey], or a random key per Anonymizer), stepped past any
// candidate that occurs in the request: the same value gets the same
// pseudonym, across calls when the key is shared, but nothing can restore
// it, and two values may now and then share one.
//
// # Sanitizing twice
//
// A guard may run a sanitized text through scanners again: the model's
// reply repeats the pseudonyms it was given, and an output stage finds
// them. [guard.Sanitizer] requires that sanitizing twice equals sanitizing
// once, and restoring needs the pseudonyms intact. So an Anonymizer leaves
// alone a finding that lies wholly inside a token it writes (a tag, a hash
// token, an encryption token that authenticates under one of its keys)
// and a span that is already a pseudonym of the input's vault, in its own
// case or in title, lower or upper case. [Redact], [Replace] with a text
// the scanner does not match, [Tag], [Hash] and [Encrypt] are therefore
// idempotent with any scanner, and so is [Pseudonym] with a vault. [Mask]
// is idempotent as long as the scanner does not match the kept tail on its
// own. A finding that covers only part of a pseudonym is not recognised:
// when a first pass merged overlapping findings into one pseudonym, a
// second pass that finds a piece of it rewrites that piece.
//
// # Limitations
//
// Without a vault, realistic pseudonyms of names, cards, IBANs, dates and
// generic values cannot be told from real values, so a scanner that
// matches them finds them again and a second pass changes them again; only
// the formats with reserved ranges (e-mail, NANP and UK phones, SSN, IP,
// URL) are stable. Give the call a vault where that matters.
//
// [Encrypt] draws a fresh nonce for every value, so without a vault its
// output differs from call to call; the guard's conformance suite, which
// compares concurrent calls with a lone one, cannot pass for it.
//
// A value that equals a pseudonym the vault already issued (in any case)
// is taken for that pseudonym and left as it is. Within one request that cannot happen,
// because pseudonyms that occur in the request are never issued; in a
// conversation vault, a later turn that mentions a real person who happens
// to share an issued pseudonym sends that name to the model unchanged.
//
// Name pseudonyms are English names whatever the original's script or
// language; case variants of one name ("JOHN", "John") are different
// values and get different pseudonyms. Dates are shifted each by its own
// amount, so intervals between them are not kept; numeric dates whose
// day and month are both 12 or less are read month first with slashes and
// day first otherwise. Generic pseudonyms keep checksums of no kind: a
// national identifier becomes a string of the right shape that fails its
// check digit. Phone pseudonyms outside North America and the UK are not
// from reserved ranges and may be someone's real number.
//
// # Concurrency
//
// An Anonymizer and its Operators are immutable and safe for concurrent
// use. Everything a call remembers lives in its [guard.Vault], which is
// safe for concurrent use too.
package anonymize
