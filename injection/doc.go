// Package injection detects prompt injection and jailbreak attempts in the
// text a host sends to its model: what a user types, and what arrives from
// retrieved documents and tool results.
//
// A [Detector] is a [guard.Scanner]. Build one with [New] and put it in an
// input stage; it returns one [guard.Finding] per piece of evidence, with a
// rule id of the form "injection.<category>.<name>", a category, byte
// offsets into the text as given, a score in [0, 1] and a severity.
//
//	det, err := injection.New()
//	g, err := guard.New(guard.InputStages(guard.Stage{
//		Scanner: det,
//		Filter:  guard.Threshold{Score: 0.5, Action: guard.ActionBlock},
//	}))
//
// # Categories
//
//   - instruction_override: "ignore previous instructions" and its
//     paraphrases, in any order and with any synonyms the lexicon knows.
//   - role_hijack: DAN and other named personas, "developer mode", "you are
//     now an AI without restrictions", fiction used to drop the rules,
//     claims to be the model's developer.
//   - prompt_extraction: asking for the system prompt, "repeat the words
//     above", asking for a password or secret key in any form.
//   - fake_delimiter: chat-template tokens (<|im_start|>, [INST], <<SYS>>),
//     forged role headers and tags, JSON messages with a "role", fake
//     dialogue turns, end-of-prompt markers.
//   - exfiltration: dumping a database, listing all users, sending data to
//     an address, asking for a person's personal data, markdown images whose
//     URL carries a query.
//   - model_manipulation: turning safety filters off, entering special
//     modes, forbidding refusals.
//   - payload_smuggling: an instruction hidden in base64, hex, binary,
//     Morse, URL escapes, rot13, reversed text or pig latin, or split into
//     parts to be joined.
//   - adversarial_suffix: runs of machine-made tokens as optimisation
//     attacks append them, and long repetitions of a token.
//   - code_injection: SQL, script, template and shell payloads aimed at the
//     systems downstream of the model.
//   - indirect_instruction: in a document or tool result only, sentences that
//     give the reading model a task or shape its reply.
//   - classifier: the statistical classifier's verdict on the whole text.
//
// # How it matches
//
// Rules are written over intents, not sentences. A lexicon maps words and
// phrases of many languages to concepts (a verb that sets aside, a scope
// such as "previous" or "all", an object such as "instructions"); an
// intent is a set of concepts that must occur within a few words of each
// other in one sentence, with negation and how-to questions handled ("do
// not ignore the label" and "how do I list all users" are not attacks).
// The lexicon covers English, French, German, Spanish, Portuguese,
// Italian, Chinese, Japanese, Russian and Arabic for the core intents, and
// a few words each of thirteen more languages; all are tried on every
// text, so no language detection is needed.
//
// Matching runs on the text as the guard's normaliser rewrites it (NFKC,
// look-alike letters folded, invisible and tag characters handled, case
// and white space folded, spelt-out letters joined). When the text looks
// obfuscated, a second reading folds leetspeak and keeps the spaces
// between spelt-out words. Encoded segments are decoded and scanned again
// up to [DecodeDepth] layers and within [MaxDecoded] bytes. Every finding
// points at the original bytes, the encoded segment for decoded evidence.
//
// A quoted attack in a sentence that talks about attacks ("what does
// 'ignore previous instructions' mean?") is scored down. Pieces of evidence
// in one text corroborate each other: each raises the others' scores a
// little.
//
// # The classifier
//
// A logistic-regression model over hashed word, word-pair and four-byte
// features of the normalised text complements the rules; its weights are
// embedded (256 KiB) and [Detector.Explain] lists the features behind a
// decision. It is trained in Go from the shared corpora by
//
//	go run ./injection/internal/train -out injection/model.bin
//
// on jailbreak_prompts, cyberseceval_prompt_injection_en and
// notinject_overdefense (all records), the clean half of bipia_indirect,
// and the benign prompts of the moderation area's harmful_requests and
// xstest. The training command reports grouped five-fold cross-validation
// figures; the README beside this file lists them with the exact commands.
// [Model] loads other weights written by the same command.
//
// # Sources
//
// Text whose [guard.Input] source is [guard.SourceDocument] or
// [guard.SourceTool] is judged more strictly. Retrieved data should hold
// data; an imperative addressed to the reader ("Write a poem about the
// sea."), a question on a line of its own in a table, a line of prose in a
// table and an instruction about "your reply" are evidence there, while
// the same sentences from the user are ordinary requests.
//
// # Replies
//
// [Output] scans what the model answers, in an output stage. It flags a
// reply that contains a canary planted in the system prompt ([NewCanary];
// in any case, spacing, reversed or encoded), one that reproduces a long
// stretch of the system prompt (shared trigrams of content-word stems, so
// light paraphrase still counts; [LeakThreshold]), markdown or HTML images
// whose address carries data (above all words of the conversation), links
// and images to hosts outside [AllowHosts], and HTML or script a browser
// would run.
//
// # Limitations
//
// The detector sees one text at a time: an attack that is an injection
// only because of what the system prompt forbids ("what is the weather
// like?" to a bot told to talk only about cooking) is not visible to it.
// It does not read misspellings beyond a few common ones, words split in
// the middle ("ig nore"), or synonyms outside its lexicon; the classifier
// covers some of these. Coverage of languages beyond English is a word
// list per concept, not a grammar. The classifier learned from the
// corpora it was trained on and leans on words that were frequent in their
// attacks ("password"); benign questions about such topics are its most
// common false positives. The detector is not [guard.Windowed]: the
// classifier and the document checks need the whole text, so a stream
// holds a reply back until it ends.
//
// # Concurrency
//
// A Detector is immutable after New and safe for concurrent use.
package injection
