package injection

import (
	"strings"
)

// Retrieved documents and tool results are data, not instructions. A
// sentence in one that gives the reader a task ("Write a poem about the
// sea.") or asks a question on a line of its own in a table is addressed to
// the model that will read it, and is the typical shape of an indirect
// injection. These checks run only on text whose source is a document or a
// tool.

// taskVerbs begin a sentence that sets a task: words a document written
// for people seldom opens a sentence with, unlike the calls to action of
// e-mails ("Click", "Reply", "View") and the steps of manuals and answers
// ("Add", "Use", "Run", "Try"), which are left out on purpose.
var taskVerbs = map[string]bool{
	"write": true, "compose": true, "draft": true, "develop": true, "explain": true,
	"describe": true, "translate": true, "summarize": true, "summarise": true,
	"outline": true, "calculate": true, "solve": true, "define": true, "compare": true,
	"discuss": true, "craft": true, "illustrate": true, "elaborate": true,
	"brainstorm": true, "generate": true, "provide": true, "tell": true, "give": true,
	"show": true, "list": true, "name": true, "break": true, "recommend": true,
	"suggest": true, "teach": true, "analyze": true, "analyse": true, "evaluate": true,
	"classify": true, "predict": true, "ignore": true, "disregard": true, "forget": true,
	"pretend": true, "imagine": true, "act": true, "repeat": true, "print": true,
	"output": true, "say": true, "respond": true, "answer": true, "reveal": true,
	"include": true, "integrate": true, "incorporate": true, "insert": true,
	"append": true, "embed": true, "merge": true, "fuse": true, "blend": true,
	"weave": true, "meld": true, "employ": true, "leverage": true, "deploy": true,
	"enrich": true, "enlist": true, "enhance": true, "augment": true, "modify": true,
	"substitute": true, "scramble": true, "jumble": true, "misspell": true,
	"rearrange": true, "render": true, "convert": true, "introduce": true,
	"encourage": true, "promote": true, "mention": true, "express": true,
	"emphasize": true, "emphasise": true, "highlight": true, "tease": true,
	"invite": true, "urge": true, "direct": true, "redirect": true, "ensure": true,
	"anagram": true, "combine": true,
}

// questionOpeners begin a direct question.
var questionOpeners = map[string]bool{
	"what": true, "what's": true, "how": true, "who": true, "whom": true, "why": true,
	"when": true, "where": true, "which": true, "can": true, "could": true,
	"would": true, "will": true, "do": true, "does": true, "is": true, "are": true,
	"should": true,
}

// docEvidence appends the evidence of instructions addressed to the reader
// of a document.
func docEvidence(dst []candidate, text string) []candidate {
	tableLines, lines := 0, 0
	forEachLine(text, func(s, e int) {
		l := strings.TrimSpace(text[s:e])
		if l == "" {
			return
		}
		lines++
		if strings.HasPrefix(l, "|") || strings.Count(l, "|") >= 2 || strings.Count(l, "\t") >= 2 {
			tableLines++
		}
	})
	table := lines >= 3 && tableLines*10 >= lines*6
	fence := false
	forEachLine(text, func(s, e int) {
		line := text[s:e]
		trim := strings.TrimSpace(line)
		if strings.HasPrefix(trim, "```") {
			fence = !fence
			return
		}
		if fence || trim == "" {
			return
		}
		if table && strings.Count(trim, "|") >= 2 {
			return // a row of the table: data, whatever its words
		}
		if table && !strings.Contains(trim, "|") && words(trim) >= 3 {
			off := s + strings.Index(line, trim)
			dst = append(dst, candidate{category: CategoryIndirect, name: "prose_in_table",
				severity: medium, score: 0.55, start: off, end: off + len(trim)})
		}
		dst = sentenceEvidence(dst, text, s, e, table)
	})
	return dst
}

// sentenceEvidence checks each sentence of the line text[s:e].
func sentenceEvidence(dst []candidate, text string, s, e int, table bool) []candidate {
	line := text[s:e]
	standalone := strings.Count(strings.TrimSpace(line), ". ")+
		strings.Count(strings.TrimSpace(line), "? ") == 0
	for i := 0; i < len(line); {
		j := sentenceEnd(line, i)
		sent := line[i:j]
		lead := len(sent) - len(strings.TrimLeft(sent, " \t*-•>\"'#0123456789.)"))
		body := strings.TrimSpace(sent[lead:])
		start := s + i + lead
		first, second := firstWords(body)
		switch {
		case words(body) < 3:
		case taskVerbs[first] || first == "please" && taskVerbs[second]:
			dst = append(dst, candidate{category: CategoryIndirect, name: "task_request",
				severity: medium, score: 0.6, start: start, end: start + len(body)})
		case questionOpeners[first] && strings.HasSuffix(body, "?") && (table || standalone) &&
			!deictic(body):
			score := 0.5
			if table {
				score = 0.6
			}
			dst = append(dst, candidate{category: CategoryIndirect, name: "question",
				severity: medium, score: score, start: start, end: start + len(body)})
		}
		i = j
	}
	return dst
}

// deictic reports whether a question points at its own document ("Why
// does this happen?", "What is it for?"): such questions belong to the
// text, while an injected one stands alone.
func deictic(q string) bool {
	for i, w := range strings.Fields(strings.ToLower(q)) {
		if i >= 4 {
			break
		}
		switch strings.Trim(w, "?,.!") {
		case "this", "that", "it", "here", "these", "those", "above", "below":
			return true
		}
	}
	return false
}

// sentenceEnd returns the end of the sentence starting at i: after
// terminal punctuation followed by a space, or the end of the line.
func sentenceEnd(line string, i int) int {
	for k := i; k < len(line); k++ {
		switch line[k] {
		case '.', '!', '?':
			if k+1 < len(line) && line[k+1] == ' ' {
				return k + 1
			}
		}
	}
	return len(line)
}

// firstWords returns the first two words of s, lower-cased ASCII letters
// and apostrophes only.
func firstWords(s string) (string, string) {
	w1, rest := cutWord(s)
	w2, _ := cutWord(rest)
	return w1, w2
}

func cutWord(s string) (string, string) {
	s = strings.TrimLeft(s, " ,")
	i := 0
	for i < len(s) && (isASCIILetter(s[i]) || s[i] == '\'') {
		i++
	}
	return strings.ToLower(s[:i]), s[i:]
}

func words(s string) int { return len(strings.Fields(s)) }

// forEachLine calls fn with the bounds of each line of text, without its
// line break.
func forEachLine(text string, fn func(s, e int)) {
	for s := 0; s <= len(text); {
		e := strings.IndexByte(text[s:], '\n')
		if e < 0 {
			fn(s, len(text))
			return
		}
		fn(s, s+e)
		s += e + 1
	}
}
