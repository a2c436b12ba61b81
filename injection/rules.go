package injection

import (
	"sort"
	"unicode/utf8"

	"github.com/textnlp/textguard/guard"
)

// negation says how a rule treats a negator just before its first slot.
type negation uint8

const (
	negIgnore   negation = iota // negators do not matter
	negSuppress                 // "do not ignore the rules" is no attack
	negRequire                  // "do not follow your rules" is one
)

// An intent is one way of saying an attack, written as slots of concept
// classes that must all be found within a window of the normalised text,
// inside one sentence. Slots match distinct, non-overlapping events; in an
// ordered intent they must also come in slot order.
type intent struct {
	name     string // unique within category
	category string
	severity guard.Severity
	score    float64 // for text a user typed
	docScore float64 // for a document or tool result; 0 means score
	slots    []class
	ordered  bool
	window   int // bytes of normalised text from the first slot's start to the last's end
	// lastGap, when positive, is the most bytes allowed between the last
	// two slots of an ordered intent: "your password", not "your generated
	// password".
	lastGap int
	neg     negation
	howTo   bool  // a how-to question ("how do I list all users") is no attack
	emit    class // a derived intent adds an event of this class instead of a finding
}

// Categories of the findings of [Detector]; the package documentation
// describes each.
const (
	// CategoryOverride: instructions that set aside the model's own.
	CategoryOverride = "instruction_override"
	// CategoryRoleHijack: personas and modes that shed the rules.
	CategoryRoleHijack = "role_hijack"
	// CategoryExtraction: requests for the system prompt or a secret.
	CategoryExtraction = "prompt_extraction"
	// CategoryDelimiter: forged chat-template tokens, roles and turns.
	CategoryDelimiter = "fake_delimiter"
	// CategoryExfiltration: requests to hand data over or send it out.
	CategoryExfiltration = "exfiltration"
	// CategoryManipulation: switching safety off, forbidding refusals.
	CategoryManipulation = "model_manipulation"
	// CategorySmuggling: instructions hidden in an encoding or in parts.
	CategorySmuggling = "payload_smuggling"
	// CategorySuffix: machine-made token runs and long repetitions.
	CategorySuffix = "adversarial_suffix"
	// CategoryCode: SQL, script, template and shell payloads.
	CategoryCode = "code_injection"
	// CategoryIndirect: instructions to the reader inside retrieved data.
	CategoryIndirect = "indirect_instruction"
	// CategoryClassifier: the statistical classifier's verdict.
	CategoryClassifier = "classifier"
)

const (
	high   = guard.SeverityHigh
	medium = guard.SeverityMedium
	low    = guard.SeverityLow
)

// derived intents run first and add events that later intents use.
var derived = []intent{
	{name: "freedom", slots: []class{of(cFreePrep), of(cLimits, cPolicy)}, ordered: true,
		window: 40, emit: of(cFreedom)},
	// Verb-final languages put the negation after the noun: 制限のない.
	{name: "freedom_after", slots: []class{of(cLimits), of(cFreePrep)}, ordered: true,
		window: 14, emit: of(cFreedom)},
}

// intents are the built-in rules. Scores are for a user's own message and
// were set so that one strong piece of evidence crosses the default
// threshold of 0.5 while weak evidence needs corroboration.
var intents = []intent{
	// Instruction override.
	{name: "ignore_prior", category: CategoryOverride, severity: high, score: 0.92,
		slots:  []class{of(cIgnore), of(cPrior, cAll, cYour), of(cInstr, cSysPrompt, cSysOwned)},
		window: 70, neg: negSuppress},
	{name: "ignore_prior_context", category: CategoryOverride, severity: high, score: 0.8,
		slots: []class{of(cIgnore), of(cPrior), of(cWeak, cDocNoun)}, ordered: true, window: 50,
		neg: negSuppress},
	{name: "ignore_system_prompt", category: CategoryOverride, severity: high, score: 0.88,
		slots: []class{of(cIgnore), of(cSysPrompt, cSysOwned, cPolicy)}, window: 45,
		neg: negSuppress},
	{name: "ignore_above", category: CategoryOverride, severity: high, score: 0.85,
		slots: []class{of(cIgnore), of(cAbove)}, window: 50, neg: negSuppress},
	{name: "ignore_and_say", category: CategoryOverride, severity: high, score: 0.7,
		slots: []class{of(cIgnore), of(cDocNoun, cAbove, cPrior), of(cAndSay)}, ordered: true, window: 60,
		neg: negSuppress},
	{name: "ignore_instructions", category: CategoryOverride, severity: medium, score: 0.45,
		slots: []class{of(cIgnore), of(cInstr)}, window: 30, neg: negSuppress},
	{name: "void_instructions", category: CategoryOverride, severity: high, score: 0.85,
		slots: []class{of(cPrior, cYour, cAll), of(cInstr), of(cVoid)}, ordered: true, window: 60},
	{name: "do_not_follow", category: CategoryOverride, severity: high, score: 0.8,
		slots: []class{of(cFollow), of(cYour, cPrior, cAll, cPossess), of(cInstr, cLimits, cPolicy)}, window: 60,
		neg: negRequire},
	{name: "do_not_follow_the_rules", category: CategoryOverride, severity: high, score: 0.8,
		slots: []class{of(cFollow), of(cTheRules)}, ordered: true, window: 40, neg: negRequire},
	{name: "new_instructions", category: CategoryOverride, severity: medium, score: 0.6,
		slots: []class{of(cNewInstr)}, window: 40},
	{name: "despite_the_rule", category: CategoryOverride, severity: medium, score: 0.6,
		slots: []class{of(cAcknowledge)}, window: 40},
	{name: "regardless_of_prior", category: CategoryOverride, severity: medium, score: 0.7,
		slots: []class{of(cRegardless), of(cPrior, cAll, cYour), of(cInstr, cWeak)}, ordered: true, window: 50},

	// Role and persona hijack.
	{name: "jailbreak_persona", category: CategoryRoleHijack, severity: high, score: 0.8,
		slots: []class{of(cJB)}, window: 40},
	{name: "persona_named", category: CategoryRoleHijack, severity: high, score: 0.8,
		slots: []class{of(cJBWeak), of(cAct, cYouAre, cNow, cFreedom, cAI)}, window: 60},
	{name: "persona_without_rules", category: CategoryRoleHijack, severity: high, score: 0.85,
		slots: []class{of(cAct, cYouAre, cNow), of(cFreedom)}, window: 160},
	{name: "unrestricted_ai", category: CategoryRoleHijack, severity: high, score: 0.75,
		slots: []class{of(cUnres), of(cAI)}, ordered: true, window: 32},
	{name: "ai_without_rules", category: CategoryRoleHijack, severity: high, score: 0.75,
		slots: []class{of(cAI), of(cFreedom)}, window: 50},
	{name: "anything_without_rules", category: CategoryRoleHijack, severity: high, score: 0.7,
		slots: []class{of(cAnything), of(cFreedom)}, window: 60},
	{name: "fiction_without_rules", category: CategoryRoleHijack, severity: high, score: 0.8,
		slots: []class{of(cHypo), of(cFreedom), of(cAI)}, window: 200},
	{name: "no_rules", category: CategoryRoleHijack, severity: low, score: 0.35,
		slots: []class{of(cFreedom)}, window: 40},
	{name: "you_are_now", category: CategoryRoleHijack, severity: low, score: 0.3,
		slots: []class{of(cNow), of(cYouAre, cAct)}, window: 40},
	{name: "authority_claim", category: CategoryRoleHijack, severity: medium, score: 0.55,
		slots: []class{of(cIAm), of(cPrivAbs)}, ordered: true, window: 30},
	{name: "authority_claim_your", category: CategoryRoleHijack, severity: medium, score: 0.55,
		slots: []class{of(cIAm), of(cYour), of(cPriv)}, ordered: true, window: 30},

	// Model manipulation: switching safety off, refusal suppression.
	{name: "disable_safety", category: CategoryManipulation, severity: high, score: 0.75,
		slots: []class{of(cDisable), of(cSafety)}, window: 40, neg: negSuppress, howTo: true},
	{name: "enable_mode", category: CategoryManipulation, severity: high, score: 0.8,
		slots: []class{of(cEnable), of(cModeName)}, window: 40, neg: negSuppress},
	{name: "special_mode", category: CategoryManipulation, severity: medium, score: 0.6,
		slots: []class{of(cModeName)}, window: 40},
	{name: "override_term", category: CategoryManipulation, severity: medium, score: 0.65,
		slots: []class{of(cOverride)}, window: 40},
	{name: "never_refuse", category: CategoryManipulation, severity: medium, score: 0.6,
		slots: []class{of(cNever), of(cRefuse)}, ordered: true, window: 30},
	{name: "no_refusal_phrases", category: CategoryManipulation, severity: medium, score: 0.65,
		slots: []class{of(cNever), of(cSorry)}, window: 60},
	{name: "no_matter_how", category: CategoryManipulation, severity: high, score: 0.8,
		slots: []class{of(cNoMatter)}, window: 40},
	{name: "stay_in_character", category: CategoryManipulation, severity: low, score: 0.45,
		slots: []class{of(cCharacter)}, window: 40},

	// System prompt and secret extraction.
	{name: "reveal_system_prompt", category: CategoryExtraction, severity: high, score: 0.85,
		slots: []class{of(cReveal), of(cSysOwned)}, window: 60},
	{name: "reveal_the_system_prompt", category: CategoryExtraction, severity: high, score: 0.85,
		slots: []class{of(cReveal), of(cPossess, cYour), of(cSysPrompt)}, ordered: true, window: 60},
	{name: "reveal_secret", category: CategoryExtraction, severity: high, score: 0.7,
		slots: []class{of(cReveal, cWriteVerb), of(cPossess), of(cSecret)}, ordered: true,
		window: 50, lastGap: 1},
	{name: "reveal_the_secret", category: CategoryExtraction, severity: high, score: 0.6,
		slots: []class{of(cReveal, cWriteVerb), of(cSecretDef)}, ordered: true, window: 40},
	{name: "secret_question", category: CategoryExtraction, severity: high, score: 0.6,
		slots: []class{of(cSecret), of(cReveal)}, ordered: true, window: 40},

	// Exfiltration.
	{name: "export_all_data", category: CategoryExfiltration, severity: high, score: 0.75,
		slots: []class{of(cExfilVerb), of(cAllQ), of(cData)}, ordered: true, window: 50, howTo: true},
	{name: "dump_data", category: CategoryExfiltration, severity: high, score: 0.75,
		slots: []class{of(cDumpVerb), of(cData)}, ordered: true, window: 40, howTo: true},
	{name: "send_to_address", category: CategoryExfiltration, severity: high, score: 0.35, docScore: 0.7,
		slots: []class{of(cSend), of(cTo), of(cEmail)}, ordered: true, window: 80},
	{name: "send_data_to_address", category: CategoryExfiltration, severity: high, score: 0.7,
		slots: []class{of(cSend, cExfilVerb, cDumpVerb), of(cData), of(cTo), of(cEmail)}, ordered: true,
		window: 90},
	{name: "named_personal_data", category: CategoryExfiltration, severity: medium, score: 0.55,
		slots: []class{of(cReveal, cWriteVerb), of(cPIIOf)}, ordered: true, window: 50},
	{name: "user_personal_data", category: CategoryExfiltration, severity: medium, score: 0.55,
		slots: []class{of(cUserPoss), of(cWhereLive, cReveal)}, window: 50},
	{name: "where_user_lives", category: CategoryExfiltration, severity: medium, score: 0.6,
		slots: []class{of(cWhereLive)}, window: 40},

	// Payload smuggling asked for in the open.
	{name: "decode_and_follow", category: CategorySmuggling, severity: high, score: 0.75,
		slots: []class{of(cDecode), of(cEncName), of(cExecute)}, window: 80},
	{name: "decode_request", category: CategorySmuggling, severity: low, score: 0.45,
		slots: []class{of(cDecode), of(cEncName)}, window: 40},

	// Instructions that shape the reply: ordinary from a user, an injection
	// when they sit in a retrieved document.
	{name: "shape_reply", category: CategoryIndirect, severity: medium, score: 0.15, docScore: 0.8,
		slots: []class{of(cInsertVerb), of(cYourOutput)}, window: 90},
	{name: "splice_content", category: CategoryIndirect, severity: medium, score: 0.1, docScore: 0.7,
		slots: []class{of(cEmbedVerb), of(cFollowing)}, window: 60},
}

// possible reports whether every slot of in has an event of its class
// among the classes present in a text: most intents are ruled out by
// that alone.
func possible(in *intent, present class) bool {
	for _, s := range in.slots {
		if !s.has(present) {
			return false
		}
	}
	return true
}

// A hit is an intent matched at [start, end) of the normalised text.
type hit struct {
	in         *intent
	start, end int
}

// matchIntent appends to dst the hits of in over the events es, which are
// sorted by start. A hit consumes its anchor: the next search starts after
// the anchor event, so that overlapping hits of one intent are rare and
// the work stays linear in the events.
func matchIntent(dst []hit, in *intent, es []event, text string) []hit {
	var used [8]int
	for i := range es {
		if !es[i].c.has(in.slots[0]) {
			continue
		}
		start, end, ok := fill(in, es, i, used[:0])
		if !ok || crossesSentence(text, start, end) {
			continue
		}
		if in.howTo && howToBefore(es, i, text) {
			continue
		}
		if in.neg != negIgnore {
			negated := negatedAt(es, i, text)
			if negated != (in.neg == negRequire) {
				continue
			}
		}
		if n := len(dst); n > 0 && dst[n-1].in == in && start < dst[n-1].end && in.emit == (class{}) {
			continue
		}
		dst = append(dst, hit{in, start, end})
	}
	return dst
}

// fill tries to match the slots after the first with events near the
// anchor es[a], nearest first, and returns the span of the match.
func fill(in *intent, es []event, a int, used []int) (int, int, bool) {
	start, end := int(es[a].start), int(es[a].end)
	used = append(used, a)
	for _, want := range in.slots[1:] {
		best, bestDist := -1, 1<<30
		lo := int(es[a].start) - in.window
		if in.ordered {
			lo = int(es[used[len(used)-1]].end)
		}
		first := sort.Search(len(es), func(j int) bool { return int(es[j].start) >= lo })
		for j := first; j < len(es); j++ {
			e := es[j]
			if int(e.start) > start+in.window {
				break
			}
			if !e.c.has(want) || overlapsUsed(es, used, e) {
				continue
			}
			s, en := min(start, int(e.start)), max(end, int(e.end))
			if en-s > in.window {
				continue
			}
			d := distance(es[a], e)
			if d < bestDist {
				best, bestDist = j, d
			}
			if in.ordered {
				break
			}
		}
		if best < 0 {
			return 0, 0, false
		}
		if in.lastGap > 0 && len(used) == len(in.slots)-1 &&
			int(es[best].start)-int(es[used[len(used)-1]].end) > in.lastGap {
			return 0, 0, false
		}
		used = append(used, best)
		start, end = min(start, int(es[best].start)), max(end, int(es[best].end))
	}
	return start, end, true
}

func overlapsUsed(es []event, used []int, e event) bool {
	for _, u := range used {
		if e.start < es[u].end && es[u].start < e.end {
			return true
		}
	}
	return false
}

func distance(a, b event) int {
	if b.start >= a.end {
		return int(b.start - a.end)
	}
	if a.start >= b.end {
		return int(a.start - b.end)
	}
	return 0
}

// negationReach is how far before a verb a negator still governs it.
const negationReach = 14

// negatedAt reports whether a negator ends just before event es[i].
func negatedAt(es []event, i int, text string) bool {
	at := int(es[i].start)
	for j := i - 1; j >= 0; j-- {
		e := es[j]
		if int(e.start) < at-negationReach-16 {
			break
		}
		if e.c.has(of(cNeg)) && int(e.end) <= at && at-int(e.end) <= negationReach &&
			!crossesSentence(text, int(e.start), at) {
			return true
		}
	}
	return false
}

// howToBefore reports whether the sentence of event es[i] asks how to do
// something before it: "how do I list all users in Linux" asks for a
// command, not for the data.
func howToBefore(es []event, i int, text string) bool {
	at := int(es[i].start)
	for j := i - 1; j >= 0 && at-int(es[j].end) <= 60; j-- {
		if es[j].c.has(of(cHowTo)) && !crossesSentence(text, int(es[j].start), at) {
			return true
		}
	}
	return false
}

// crossesSentence reports whether a sentence ends inside text[start:end]:
// terminal punctuation followed by a space, or a full-width one.
func crossesSentence(text string, start, end int) bool {
	for i := start; i < end; {
		c := text[i]
		if c < utf8.RuneSelf {
			if (c == '.' || c == '!' || c == '?' || c == ';' || c == '\n') &&
				i+1 < end && (text[i+1] == ' ' || text[i+1] == '\n') {
				return true
			}
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(text[i:])
		if r == '。' || r == '！' || r == '？' || r == '；' {
			return i+n < end
		}
		i += n
	}
	return false
}
