package injection

import (
	"math/bits"
	"regexp"
	"strings"

	"github.com/textnlp/textguard/guard"
)

// A shape is a structural rule: a regular expression over the text as the
// host gave it, for things that are syntax rather than wording (chat
// template tokens, forged role headers, SQL and script payloads). It runs
// only when one of its trigger literals occurs in the normalised text; the
// lexicon automaton looks for the triggers in the same pass as the words,
// so ordinary prose pays nothing more for them.
type shape struct {
	name     string
	category string
	severity guard.Severity
	score    float64
	docScore float64
	triggers []string
	// after, when set, lists the bytes of which one must come right before
	// a trigger (spaces skipped) for it to count; a line break and the
	// start of the text always do. It keeps common words such as "system"
	// from running the expression on every text that uses them.
	after string
	re    *regexp.Regexp
}

// maxShapeHits bounds the matches taken from one shape in one text.
const maxShapeHits = 16

var shapes = []shape{
	{name: "chat_template_token", category: CategoryDelimiter, severity: high, score: 0.9,
		triggers: []string{"<|", "[inst]", "[/inst]", "<<sys>>", "<</sys>>", "_of_turn>"},
		re: regexp.MustCompile(`(?i)<\|(?:im_start|im_end|im_sep|system|user|assistant|endoftext|` +
			`begin_of_text|end_of_text|start_header_id|end_header_id|eot_id|eom_id|end|tool|` +
			`function|ipython|prompter)\|>|\[/?INST\]|<</?SYS>>|<(?:start|end)_of_turn>`)},
	{name: "role_header", category: CategoryDelimiter, severity: high, score: 0.75,
		triggers: []string{"system", "assistant", "developer", "admin", "root", "sudo", "openai"},
		after:    "#[<{(*",
		re: regexp.MustCompile(`(?im)^[ \t>*_-]*(?:#{1,6}[ \t]*|\[|<|\{|\(|\*\*)[ \t]*(?:system|` +
			`assistant|developer|admin(?:istrator)?|root|sudo|openai)\b[^\n\]>})]{0,30}(?:\]|>|\}|\)|\*\*|:)`)},
	{name: "role_line", category: CategoryDelimiter, severity: medium, score: 0.5,
		triggers: []string{"system", "assistant", "gpt", "bot"},
		after:    "\n",
		re:       regexp.MustCompile(`(?im)^[ \t]*(?:system|assistant|chatgpt|gpt|bot)[ \t]*:`)},
	{name: "role_tag", category: CategoryDelimiter, severity: high, score: 0.7,
		triggers: []string{"<system", "</system", "<instruction", "</instruction", "<admin",
			"<developer", "<tool", "</tool", "<function", "</function", "<assistant", "</assistant",
			"<sys"},
		re: regexp.MustCompile(`(?i)</?(?:system|system_prompt|system_message|sys|instructions?|` +
			`admin|developer|tool_result|tool_response|tool_call|function_results?|function_call|` +
			`function_response|assistant)(?:[ \t][^>\n]{0,60})?>`)},
	{name: "json_role", category: CategoryDelimiter, severity: high, score: 0.8,
		triggers: []string{"\"role\"", "'role'"},
		re: regexp.MustCompile(`(?i)["']role["']\s*:\s*["'](?:system|assistant|developer|tool|` +
			`function)["']`)},
	{name: "end_marker", category: CategoryDelimiter, severity: medium, score: 0.6,
		triggers: []string{"end of", "left the"},
		after:    "[(<#=*-r",
		re: regexp.MustCompile(`(?i)[\[(<#=*-]+[ \t]*end[ \t]+of[ \t]+(?:the[ \t]+)?(?:user[ \t]+)?` +
			`(?:conversation|prompt|text|document|input|instructions?|context|system[ \t]+prompt|` +
			`email|data|message|transcript)\b|\buser (?:has )?left the (?:chat|conversation|room)\b`)},

	{name: "fake_dialogue", category: CategoryDelimiter, severity: medium, score: 0.5,
		triggers: []string{"q:", "user:", "human:"},
		re: regexp.MustCompile(`(?s)\bQ:\s.*?\bA:\s.*?\bQ:\s|(?i)(?:^|\n)[ \t]*(?:user|human)[ \t]*:` +
			`[^\n]*\n[ \t]*(?:assistant|ai|bot|gpt|chatgpt)[ \t]*:`)},

	{name: "where_person_lives", category: CategoryExfiltration, severity: medium, score: 0.55,
		triggers: []string{"where do", "where is"},
		re: regexp.MustCompile(`\b(?i:where (?:does|do|did|is)) (?:[A-Z][\w'-]+ ){1,3}` +
			`(?i:(?:currently |now |actually )?(?:live|living|reside|residing|stay))\b`)},

	{name: "split_payload", category: CategorySmuggling, severity: medium, score: 0.55,
		triggers: []string{"part 1", "part1", "+ b", "+b", "interlace", "concatenat"},
		re: regexp.MustCompile(`(?is)\bpart\s*1\s*(?:is|=|:)?\s*["'].{0,120}\bpart\s*2\s*(?:is|=|:)?\s*["']|` +
			`\b[a-z]\w{0,3}\s*=\s*` +
			`\w{1,4}\s*\+\s*\w{1,4}\s*\+\s*\w{1,4}|\binterlac\w*\b.{0,80}["'][^"']{2,}["']`)},

	{name: "code_sends_local_data", category: CategoryExfiltration, severity: high, score: 0.3,
		docScore: 0.65,
		triggers: []string{"psutil", "os.environ", "platform.", "getpass", "cookie", "/proc/",
			".ssh", "os.listdir", "glob.glob", "subprocess", "socket.gethostname", "keylog"},
		re: regexp.MustCompile(`(?s)(?:psutil\.|os\.environ|platform\.\w+\(|getpass\.|` +
			`browser_cookie|\.cookies|/proc/|\.ssh/|os\.listdir|glob\.glob|socket\.gethostname|` +
			`keylog).{0,600}?(?:sendall|sendmail|send_message|requests\.post|urlopen|storbinary|` +
			`\.upload|socket\.connect|\.connect\(|http\.client|smtplib)|(?:sendall|sendmail|` +
			`requests\.post|storbinary|smtplib|http\.client).{0,600}?(?:psutil\.|os\.environ|` +
			`browser_cookie|\.cookies|/proc/|\.ssh/|os\.listdir|glob\.glob)`)},

	{name: "sql", category: CategoryCode, severity: medium, score: 0.6,
		triggers: []string{"' or", "'or", "\" or", "' and", "union select", "union all select",
			"; drop", ";drop", "'; ", "xp_cmdshell", "waitfor delay", "or 1=1", "information_schema"},
		re: regexp.MustCompile(`(?i)['"]\s*(?:or|and)\s+['"]?\w+['"]?\s*(?:=|like)\s*['"]?\w+|` +
			`\bunion\s+(?:all\s+)?select\b|['")]\s*;\s*(?:drop|delete|truncate|alter|insert|update|` +
			`shutdown|exec)\b|\bxp_cmdshell\b|\bwaitfor\s+delay\b|\bor\s+1\s*=\s*1\b|` +
			`\binformation_schema\b`)},
	{name: "script", category: CategoryCode, severity: medium, score: 0.65,
		triggers: []string{"<script", "javascript:", "onerror", "onload", "onmouseover",
			"onfocus", "<iframe", "document.cookie", "<svg"},
		re: regexp.MustCompile(`(?i)<script\b|javascript\s*:|\bon(?:error|load|mouseover|focus|` +
			`begin)\s*=|<iframe\b|document\.cookie|<svg[^>]*\bon\w+\s*=`)},
	{name: "template", category: CategoryCode, severity: medium, score: 0.7,
		triggers: []string{"{{", "${", "{%", "<%", "#{"},
		re: regexp.MustCompile(`\{\{[^{}\n]{0,80}(?:__\w+__|\bconfig\b|\bself\b|\brequest\b|` +
			`\bcycler\b|\blipsum\b|\d\s*[*+]\s*\d|\.(?:mro|subclasses|globals|builtins|popen))` +
			`[^{}\n]{0,80}\}\}|\$\{\s*(?:jndi|env|sys|java|lower|upper):|\$\{[^{}\n]{0,40}` +
			`(?:\d\s*\*\s*\d|Runtime|exec\()[^{}\n]{0,40}\}|\{%[^%\n]{0,80}(?:import|exec|popen|` +
			`system|__)[^%\n]{0,80}%\}|<%=?[^%\n]{0,80}(?:exec|system|Runtime|eval)[^%\n]{0,80}%>|` +
			"#\\{[^}\\n]{0,40}(?:\\d\\s*\\*\\s*\\d|system|exec|`)[^}\\n]{0,40}\\}")},
	{name: "shell", category: CategoryCode, severity: medium, score: 0.55,
		triggers: []string{"rm -rf", "curl ", "wget ", "$(", "`", "/etc/passwd", "/etc/shadow",
			"bash -i", "nc -", "| sh", "|sh", "chmod +x", "../..", "/dev/tcp"},
		re: regexp.MustCompile(`(?i)(?:;|&&|\|\||\|)\s*(?:rm\s+-rf|curl\s+\S|wget\s+\S|nc\s+-\w*e|` +
			`bash\s+-i|sh\s+-c|chmod\s+\+x|python\d?\s+-c)|\$\(\s*(?:curl|wget|cat|whoami|id|` +
			"uname|nc)\\b|`\\s*(?:curl|wget|whoami|uname|cat\\s+/etc)\\b|\\brm\\s+-rf\\s+/|" +
			`/etc/(?:passwd|shadow)\b|(?:\.\./){3,}|\bbash\s+-i\s*>&|/dev/tcp/`)},

	{name: "markdown_image_url", category: CategoryExfiltration, severity: high, score: 0.65,
		triggers: []string{"!["},
		re:       regexp.MustCompile(`!\[[^\]\n]{0,100}\]\(\s*https?://[^\s)]+\?[^\s)]*=[^\s)]*\)`)},
}

// shapeTriggers returns each trigger literal with the structural rules it
// may start, for the lexicon automaton to find in the normalised text.
func shapeTriggers() map[string]uint64 {
	t := map[string]uint64{}
	for i, sh := range shapes {
		for _, lit := range sh.triggers {
			t[lit] |= 1 << i
		}
	}
	return t
}

// dueShapes returns the structural rules whose triggers occur in the
// normalised text with the placement they need in the original, to which
// original maps normalised offsets.
func dueShapes(trig []trigger, text string, original func(int, int) (int, int)) uint64 {
	var due uint64
	for _, t := range trig {
		for m := t.shapes &^ due; m != 0; m &= m - 1 {
			i := bits.TrailingZeros64(m)
			if shapes[i].after == "" {
				due |= 1 << i
				continue
			}
			if s, _ := original(t.start, t.start); preceded(text, s, shapes[i].after) {
				due |= 1 << i
			}
		}
	}
	return due
}

// appendShapes appends the structural evidence in text from the rules in
// due.
func appendShapes(dst []candidate, text string, doc bool, due uint64) []candidate {
	for m := due & (1<<len(shapes) - 1); m != 0; m &= m - 1 {
		sh := &shapes[bits.TrailingZeros64(m)]
		for _, loc := range sh.re.FindAllStringIndex(text, maxShapeHits) {
			dst = append(dst, candidate{
				category: sh.category, name: sh.name, severity: sh.severity,
				score: pick(sh.score, sh.docScore, doc), start: loc[0], end: loc[1],
			})
		}
	}
	return dst
}

// preceded reports whether the byte before text[i], spaces and tabs
// skipped, is one of set, or i starts the text or a line.
func preceded(text string, i int, set string) bool {
	for i > 0 && (text[i-1] == ' ' || text[i-1] == '\t') {
		i--
	}
	return i == 0 || text[i-1] == '\n' || strings.IndexByte(set, text[i-1]) >= 0
}

// pick returns the document score when the text is a document and the
// rule has one.
func pick(user, docScore float64, doc bool) float64 {
	if doc && docScore > 0 {
		return docScore
	}
	return user
}
