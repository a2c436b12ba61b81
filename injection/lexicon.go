package injection

// A cls is a concept a lexicon entry stands for. The intent rules are
// written over concepts, not words, so that one rule covers every synonym
// and every language the lexicon lists: "ignore", "disregard", "vergiss",
// "忽略" are all [cIgnore].
type cls uint8

// A class is a set of concepts: those of an entry (which may have several)
// or those a rule's slot accepts.
type class [2]uint64

// of returns the set of the concepts cs.
func of(cs ...cls) class {
	var c class
	for _, x := range cs {
		c[x>>6] |= 1 << (x & 63)
	}
	return c
}

// has reports whether c and w share a concept.
func (c class) has(w class) bool { return c[0]&w[0]|c[1]&w[1] != 0 }

// or returns the union of c and w.
func (c class) or(w class) class { return class{c[0] | w[0], c[1] | w[1]} }

// Concepts. The comments give examples.
const (
	cIgnore      cls = iota // set aside what came before: ignore, forget, disregard
	cFollow                 // comply: follow, obey, abide by
	cNeg                    // negators: not, never, no longer
	cPrior                  // position in the conversation: previous, above, initial
	cAll                    // quantifiers: all, any, every
	cYour                   // addressed to the model: your, you were given
	cInstr                  // what a model is told: instructions, rules, prompt
	cWeak                   // weaker objects: text, context, conversation
	cAbove                  // object-less scope: the above, everything you were told
	cVoid                   // predicates that cancel: are void, no longer apply
	cNewInstr               // replacement orders: your new task, real instructions
	cRegardless             // regardless of, irrespective of
	cAndSay                 // "and say", "and state", the payload of an override
	cDocNoun                // the carrier of an indirect injection: the webpage, the resume
	cNow                    // from now on, henceforth
	cYouAre                 // you are, you will be
	cAct                    // act as, pretend to be, simulate
	cFreePrep               // without, free from, not bound by
	cLimits                 // restrictions, filters, ethics, guidelines
	cUnres                  // unrestricted, unfiltered, uncensored, amoral
	cAI                     // ai, chatbot, assistant, model, mode
	cJB                     // names of well-known jailbreak personas and modes
	cJBWeak                 // persona names that are also ordinary words: dan, stan
	cRefuse                 // refusing, warning, apologising
	cSorry                  // stock refusal phrases: i'm sorry, as an ai
	cNever                  // never, will not, must not
	cAlways                 // always, no matter what, under any circumstances
	cNoMatter               // no matter how illegal, however unethical
	cCharacter              // stay in character, break character
	cReveal                 // repeat, print, show, reveal, what is
	cSysPrompt              // system prompt, initial instructions, the words above
	cSecret                 // password, secret key, api key
	cPossess                // your, the, our: owner of a secret
	cExfilVerb              // list, export, send, give me
	cDumpVerb               // dump, exfiltrate, leak: exfiltration on its own
	cData                   // users, customer records, the database
	cAllQ                   // all, every, entire, the list of
	cDisable                // disable, turn off, bypass
	cSafety                 // safety, content filter, guardrails
	cEnable                 // enable, activate, enter, switch to
	cModeName               // developer mode, god mode, override mode
	cOverride               // system override, admin override
	cIAm                    // i am, i'm, this is, as your
	cPriv                   // developer, administrator, creator
	cPrivAbs                // openai, god, system administrator: privileged without "your"
	cHypo                   // hypothetical, imagine, fiction, role-play
	cDecode                 // decode, decipher
	cEncName                // base64, rot13, hex, morse
	cExecute                // and follow it, then execute
	cYourOutput             // your reply, your answer, your solution
	cInsertVerb             // add, include, integrate, modify: shaping the reply
	cUserPoss               // the user's, other users'
	cWhereLive              // where does the user live
	cSend                   // send, forward, upload
	cMeta                   // talk about attacks: prompt injection, for example
	cQuote                  // not from the lexicon: a quotation mark
	cEmail                  // not from the lexicon: an e-mail address or URL
	cFreedom                // derived: cFreePrep followed by cLimits
	cTo                     // to: the destination of a send
	cPolicy                 // a provider's rules: terms of service, content policy
	cAnything               // anything, whatever you want
	cWriteVerb              // write, encode, translate: a secret asked in another form
	cPIIOf                  // 's birth date, 's email address
	cHowTo                  // how do i, what command: asking for a method
	cSysOwned               // the model's own prompt: your instructions, the words above
	cSecretDef              // a secret with its article: the password, la contraseña
	cEmbedVerb              // integrate, incorporate, weave: splice content into a reply
	cFollowing              // the following code, the snippet below
	cTheRules               // the rules, any guidelines: rules with a determiner
	cRot13                  // words of the intents in rot13: vtaber, cerivbhf
	cReversed               // words of the intents spelt backwards: erongi
	cAcknowledge            // i know you said not to: a rule named to be broken
	numClasses
)

// lexicon lists the entries of each class. An entry is a word matched
// whole ("all"), a stem matched at a word start ("ignor*"), or, with a
// leading "~", a string matched anywhere ("~anweisung" inside
// "Systemanweisungen"). Entries in scripts written without spaces (Han,
// kana, Hangul, Arabic with its attached articles) are always matched
// anywhere. The text they are matched against is normalised: lower case,
// NFKC, look-alike letters folded, white space collapsed to one space.
var lexicon = []struct {
	c     cls
	words []string
}{
	{cIgnore, []string{
		"ignor*", "disregard*", "forget", "forgets", "forgetting", "forgot", "forgotten",
		"override", "overrides", "overriding", "overwrite", "bypass", "bypassing",
		"skip", "drop", "abandon", "abandoning", "discard", "discarding", "overlook",
		"overlooking", "neglect", "set aside", "put aside", "throw out", "throw away",
		"ditch", "scrap", "erase", "wipe", "clear your", "pay no attention to",
		"do not consider", "stop following", "cease following", "no longer follow",
		"dismiss", "delete all", "reset all", "unlearn", "forego", "forgo",
		// Misspellings seen in attacks, which models read through.
		"inore", "ingore", "ignroe", "igonre", "ignre", "ignoer", "disreguard",
		"disgregard", "foget", "forgt", "frget",
		// French
		"ignore", "ignorez", "ignorer", "oublie", "oubliez", "oublier", "néglige",
		"négligez", "ne tiens pas compte", "ne tenez pas compte", "fais abstraction",
		"faites abstraction",
		// German
		"ignoriere", "ignorieren", "ignorier", "vergiss", "vergessen", "vergesst",
		"missachte", "missachten", "übergehe", "übergehen", "verwirf", "verwerfe",
		// Spanish
		"ignora", "ignorar", "olvida", "olvide", "olviden", "olvidar", "omite",
		"omita", "haz caso omiso", "descarta", "descarte", "desestima", "desatiende",
		// Portuguese
		"esqueça", "esquece", "esquecer", "esqueçam", "desconsidere", "desconsidera",
		"desconsiderar", "despreze", "descarte",
		// Italian
		"ignori", "ignorate", "dimentica", "dimentichi", "dimenticare", "dimenticate",
		"trascura", "trascurate", "non considerare", "tralascia",
		// Russian
		"игнорир*", "проигнорир*", "забудь", "забудьте", "забыть", "не обращай внимания",
		"не обращайте внимания", "отбрось", "отбросьте", "пренебреги",
		// Arabic
		"تجاهل", "تجاهلي", "تجاهلوا", "انس", "انسى", "انسي", "تناس",
		// Chinese
		"忽略", "无视", "忽视", "不要理会", "不理会", "忘记", "忘掉", "抛开", "丢弃", "跳过",
		"無視", "忽略掉",
		// Japanese
		"無視", "忘れ", "従わな", "破棄",
	}},
	{cFollow, []string{
		"follow", "obey", "adhere", "abide", "comply", "respect", "stick to",
		"listen to", "conform", "heed", "honor", "honour", "uphold",
		"follow", "befolge", "befolgen", "suivre", "suis", "respecte", "seguir", "sigue",
		"segue", "seguire", "segui", "следуй", "следовать", "соблюдай", "遵守", "遵循", "従",
		"اتبع", "التزم",
	}},
	{cNeg, []string{
		"not", "don't", "dont", "do not", "doesn't", "does not", "never", "no longer",
		"won't", "will not", "cannot", "can't", "shouldn't", "should not", "mustn't",
		"must not", "didn't", "no need to", "nor", "without having to",
		"ne", "pas", "nicht", "kein", "keine", "no", "não", "nao", "non", "не", "لا",
		"不要", "不", "别", "ない", "な",
	}},
	{cPrior, []string{
		"previous", "previously", "prior", "above", "earlier", "preceding", "before",
		"foregoing", "former", "initial", "original", "aforementioned", "past",
		"given", "prior to this", "so far", "until now", "up to now",
		"up to this point", "pre-existing",
		"précédentes", "précédents", "précédente", "antérieures", "ci-dessus",
		"vorherigen", "vorherige", "bisherigen", "bisherige", "obigen", "obige",
		"vorangegangenen", "früheren", "anteriores", "anterior", "previas", "previos",
		"de arriba", "prévias", "acima", "precedenti", "precedente", "sopra",
		"предыдущ*", "прежн*", "выше", "السابقة", "السابق", "أعلاه", "المسبقة",
		"之前", "以上", "上面", "前面", "先前", "此前", "原来", "原有", "以前", "これまで",
		"上記", "前の", "先の", "元の",
	}},
	{cAll, []string{
		"all", "any", "every", "each", "entire", "whole", "everything", "all of",
		"toutes", "tous", "toute", "alle", "allen", "sämtliche", "todas", "todos",
		"tutte", "tutti", "все", "всё", "всех", "любые", "كل", "جميع", "所有", "一切",
		"全部", "任何", "すべて", "全て", "あらゆる",
	}},
	{cYour, []string{
		"your", "yours", "you've been given", "you have been given", "you were given",
		"you received", "you've received", "you got", "given to you", "you've been told",
		"you were told", "you have been told", "you have been trained", "your own",
		"tes", "vos", "ta", "ton", "votre", "deine", "deinen", "ihre", "dir", "tus",
		"sus", "tu", "suas", "tuas", "sua", "tue", "tuoi", "le tue", "твои", "ваши",
		"твоих", "ваших", "你的", "您的", "给你的", "あなたの", "君の",
		"~تعليماتك", "~أوامرك", "~قواعدك",
	}},
	{cInstr, []string{
		"instruction", "instructions", "rules", "rule", "guidelines", "guideline",
		"directive", "directives", "prompt", "prompts", "programming", "policies",
		"commands", "orders", "guidance", "directions", "constraints", "restrictions",
		"system prompt", "system message", "training", "instructed", "told",
		"configuration", "conditioning", "direction",
		"consignes", "consigne", "règles", "directives", "ordres", "instructions",
		"~anweisung", "~anleitung", "regeln", "befehle", "richtlinien", "vorgaben",
		"instruktionen", "instrucciones", "reglas", "directrices", "órdenes", "indicaciones",
		"instruções", "regras", "diretrizes", "ordens", "istruzioni", "regole",
		"direttive", "indicazioni", "ordini", "инструкц*", "указани*", "правил*",
		"директив*", "команд*", "التعليمات", "تعليمات", "الأوامر", "أوامر", "القواعد",
		"الإرشادات", "指令", "指示", "规则", "提示词", "命令", "设定", "设置", "要求",
		"規則", "ルール", "命令", "プロンプト", "制約", "設定",
	}},
	{cWeak, []string{
		"text", "content", "context", "conversation", "conversations", "messages",
		"message", "input", "tasks", "task", "request", "requests", "said", "chat",
		"discussion", "all that",
	}},
	{cAbove, []string{
		"the above", "everything above", "all of the above", "all the above",
		"anything above", "what i said", "what i told you", "what you were told",
		"everything you've been told", "everything you have been told",
		"everything you were told", "all that you've been instructed",
		"all that you have been instructed", "everything before", "anything before",
		"what came before", "everything prior", "everything so far",
		"what you've been told", "all prior", "the previous", "been told",
		"been instructed", "been given", "were told", "were instructed", "been taught",
		"been programmed",
		"tout ce qui précède", "alles oben", "alles vorherige", "todo lo anterior",
		"tudo acima", "tutto quanto sopra", "всё выше", "всё вышесказанное",
		"以上内容", "上面的内容", "上記の内容",
	}},
	{cVoid, []string{
		"void", "null and void", "obsolete", "cancelled", "canceled", "revoked",
		"overridden", "superseded", "no longer apply", "no longer valid",
		"do not apply", "don't apply", "invalid", "nullified", "deprecated",
		"lifted", "suspended", "deactivated", "disabled", "not applicable",
		"annulées", "ungültig", "aufgehoben", "anuladas", "inválidas", "annullate",
		"отменены", "недействительны", "作废", "无效", "失效", "無効",
	}},
	{cNewInstr, []string{
		"new instructions", "new instruction", "your new task", "your new role",
		"your new rules", "your new directive", "your new objective", "your new goal",
		"your new purpose", "your new prompt", "new system prompt", "updated instructions",
		"updated system prompt", "real instructions", "actual instructions",
		"true instructions", "your real task", "your actual task", "your true purpose",
		"new guidelines", "revised instructions",
		"nouvelles instructions", "neue anweisungen", "nuevas instrucciones",
		"novas instruções", "nuove istruzioni", "новые инструкции", "新的指令", "新指令",
		"新しい指示", "تعليمات جديدة",
	}},
	{cRegardless, []string{
		"regardless of", "irrespective of", "notwithstanding", "instead of",
		"rather than", "in place of",
	}},
	{cAndSay, []string{
		"and say", "and state", "and print", "and write", "and output", "and respond",
		"and reply", "and answer", "and repeat", "and tell", "and only", "and just",
		"and instead", "and simply", "and return", "and type", "and declare",
		"and display", "and show", "and give", "and provide", "and translate",
		"and spell", "and claim", "and admit", "and act", "and respond with",
		", say", ", state", ", print", ", write", ": say", "and now", "and start",
		"and begin", "and recommend", "and mention",
		"et dis", "et écris", "und sag", "und schreib", "y di", "y escribe", "e diga",
		"e scrivi", "e di'", "и скажи", "и напиши", "وقل", "并说", "然后说", "并输出",
	}},
	{cDocNoun, []string{
		"the webpage", "the web page", "the page", "the website", "the document",
		"the resume", "the email", "the e-mail", "the article", "the text", "the file",
		"the function", "the code", "the table", "the content", "the data", "the input",
		"the passage", "the paragraph", "the question", "the task", "the user",
		"the user's", "the review", "the post", "the comment", "the message",
		"the transcript", "the summary", "the context", "this document", "this page",
		"this email", "this text", "this article", "this function", "the query",
		"la página web", "la page", "le document", "das dokument", "die webseite",
		"el documento", "o documento", "il documento", "документ", "网页", "文档",
	}},
	{cNow, []string{
		"from now on", "starting now", "from this point", "from this moment",
		"henceforth", "from here on", "for the rest of this conversation",
		"for the remainder of", "going forward", "now on", "effective immediately",
		"as of now", "from now", "à partir de maintenant", "désormais", "dorénavant",
		"ab jetzt", "von nun an", "ab sofort", "a partir de ahora", "de ahora en adelante",
		"a partir de agora", "de agora em diante", "d'ora in poi", "da ora in poi",
		"da adesso", "отныне", "с этого момента", "теперь", "من الآن", "从现在开始",
		"从现在起", "今后", "これから", "今から", "以降",
	}},
	{cYouAre, []string{
		"you are", "you're", "youre", "you will be", "you are going to be",
		"you are going to", "you're going to", "you will", "you'll", "you shall",
		"you must act", "your name is", "you are now", "you're now", "you now",
		"you become", "you have become", "you will now", "you have", "you can", "you may",
		"you don't have", "you do not have", "you are free", "you're free",
		"tu es", "vous êtes", "tu seras", "du bist", "sie sind", "du wirst", "eres",
		"serás", "usted es", "você é", "você será", "tu sei", "sei", "ты", "вы",
		"أنت", "انت", "你是", "你现在是", "你将", "あなたは",
	}},
	{cAct, []string{
		"act as", "act like", "acting as", "pretend to be", "pretend you are",
		"pretend you're", "pretend that you are", "pretending to be", "roleplay as",
		"role-play as", "role play as", "play the role", "play the part", "simulate",
		"simulating", "behave as", "behave like", "impersonate", "take on the role",
		"take on the persona", "assume the role", "assume the persona", "emulate",
		"embody", "become", "respond as", "answer as", "speak as", "reply as",
		"in character as", "persona", "alter ego", "alter-ego",
		"agis comme", "agissez comme", "fais semblant", "joue le rôle", "tu incarnes",
		"verhalte dich wie", "tu so, als", "spiele die rolle", "actúa como",
		"actua como", "finge ser", "haz de", "aja como", "finja ser", "agisci come",
		"fingi di essere", "interpreta il ruolo", "веди себя как", "притворись",
		"сыграй роль", "действуй как", "تصرف ك", "تظاهر", "扮演", "假装", "充当",
		"ふりをして", "として振る舞", "演じて", "なりきって",
	}},
	{cFreePrep, []string{
		"without", "no", "free from", "freed from", "free of", "not bound by",
		"unbound by", "not restricted by", "not constrained by", "not limited by",
		"beyond", "outside", "outside of", "break free", "broken free", "broke free",
		"liberated from", "released from", "exempt from", "escaped", "escape",
		"don't have to follow", "doesn't have to follow", "does not have any",
		"doesn't have any", "has no", "have no", "with no", "lacks", "devoid of",
		"not subject to", "unconstrained by", "unshackled", "rid of", "bypass",
		"does not have a", "doesn't have a", "does not have", "doesn't have",
		"nor does it have", "refuses to accept", "does not accept", "doesn't accept",
		"exception to", "disregard for", "no regard", "no regard for", "without regard",
		"without regard to", "not care about", "don't care about", "doesn't care about",
		"does not care about", "free to ignore", "not follow", "doesn't follow",
		"does not follow", "not abide by", "never follow", "not bound to",
		"bypasses", "ignores", "ignore", "zero", "broken", "break", "breaks",
		"sans", "aucune", "ohne", "keine", "sin", "ningún", "ninguna", "sem",
		"nenhuma", "senza", "nessuna", "без", "бeз", "بدون", "دون", "بلا", "没有",
		"不受", "无", "摆脱", "なし", "のない", "ない",
	}},
	{cLimits, []string{
		"restrictions", "restriction", "rules", "filters", "filter", "filtering",
		"limitations", "limits", "limit", "guidelines", "censorship", "censoring",
		"ethics", "ethical", "morals", "moral", "morality", "policies", "policy",
		"boundaries", "constraints", "safeguards", "confines", "programming",
		"regulations", "principles", "laws", "legality", "guardrails", "content policy",
		"safety", "restraints", "shackles", "chains", "limitation", "conscience",
		"values", "standards", "protocols",
		"limites", "règles", "filtres", "censure", "einschränkungen", "regeln", "filter",
		"zensur", "grenzen", "restricciones", "límites", "filtros", "censura",
		"restrições", "limites", "restrizioni", "limiti", "filtri", "ограничений",
		"ограничения", "цензуры", "фильтров", "правил", "قيود", "رقابة", "حدود",
		"限制", "约束", "审查", "过滤", "制限", "検閲", "制約", "フィルター",
	}},
	{cUnres, []string{
		"unrestricted", "unfiltered", "uncensored", "unlimited", "unbounded",
		"unconstrained", "amoral", "jailbroken", "limitless", "lawless", "unchained",
		"no-limits", "rule-free", "filterless", "unrestrained", "unshackled",
		"unregulated", "no restrictions", "no limits", "no filter", "no filters",
		"anything goes", "do anything", "can do anything", "without any limits",
		"sans restriction", "sans limites", "sans filtre", "sans censure",
		"uneingeschränkt", "ungefiltert", "unzensiert", "sin restricciones",
		"sin límites", "sin filtros", "sin censura", "sem restrições", "sem limites",
		"sem filtros", "sem censura", "senza restrizioni", "senza limiti", "senza filtri",
		"senza censura", "без ограничений", "без цензуры", "без фильтров",
		"بدون قيود", "دون قيود", "بلا قيود", "没有任何限制", "没有限制", "不受限制",
		"无限制", "无审查", "不受任何约束", "制限なし", "制限のない", "検閲なし", "制約なし",
	}},
	{cAI, []string{
		"ai", "a.i.", "chatbot", "bot", "assistant", "model", "language model", "llm",
		"gpt", "chatgpt", "mode", "persona", "character", "intelligence", "agent",
		"ia", "ki", "ии", "модель", "الذكاء", "人工智能", "模型", "助手", "モデル",
	}},
	{cJB, []string{
		"do anything now", "developer mode", "dev mode", "jailbreak mode",
		"jailbroken mode", "dan mode", "god mode", "opposite mode", "antigpt",
		"anti-gpt", "evil confidant", "betterdan", "better dan", "mongo tom",
		"chaos mode", "evil mode", "devil mode", "unfiltered mode", "uncensored mode",
		"always intelligent and machiavellian", "superior do anything",
		"/jailbreak", "/jailbroken", "jailbreak prompt", "dan prompt", "dan 6.0",
		"dan 11.0", "strive to avoid norms", "no-filter mode",
		"modo desarrollador", "mode développeur", "entwicklermodus",
		"modalità sviluppatore", "modo desenvolvedor", "режим разработчика",
		"وضع المطور", "开发者模式", "開発者モード", "越狱模式", "脱獄モード",
	}},
	{cJBWeak, []string{
		"dan", "stan", "dude", "apophis", "alphabreak", "ucar", "niccolo", "machiavelli",
		"oppo", "antigpt", "exact opposite", "opposite of what", "opposite of the truth",
		"opposite of truth",
	}},
	{cRefuse, []string{
		"refuse", "refuses", "refusing", "refusal", "refusals", "decline", "declines",
		"reject", "deny", "apologize", "apologise", "apologizing", "apologies",
		"warn", "warning", "warnings", "disclaimer", "disclaimers", "censor",
		"censors", "say no", "moralize", "moralise", "lecture", "caution",
		"remind", "reminders", "question my",
		"refuser", "ablehnen", "verweigern", "rechazar", "negarte", "recusar",
		"rifiutare", "отказывай", "отказываться", "ترفض", "拒绝", "拒否",
	}},
	{cSorry, []string{
		"i'm sorry", "i am sorry", "i apologize", "i cannot", "i can't", "i can not",
		"as an ai", "as a language model", "as an ai language model",
		"i'm not able to", "i am not able to", "i'm unable", "i am unable",
		"openai's policies", "openai policy", "content policy", "i must decline",
	}},
	{cNever, []string{
		"never", "will not", "won't", "must not", "mustn't", "do not", "don't",
		"cannot", "shall not", "not allowed to", "not permitted to", "no longer",
		"jamais", "niemals", "nunca", "mai", "никогда", "أبدا", "永远不", "从不", "決して",
	}},
	{cAlways, []string{
		"always", "no matter what", "under any circumstances", "under all circumstances",
		"in any case", "whatever", "at all costs", "in every case", "unconditionally",
		"every single", "any request", "any question", "every request", "every question",
		"all requests", "all questions", "anything i ask", "whatever i ask",
		"toujours", "immer", "siempre", "sempre", "всегда", "دائما", "总是", "始终", "常に",
	}},
	{cNoMatter, []string{
		"no matter how", "however immoral", "however unethical", "however illegal",
		"however dangerous", "however harmful", "even if it is illegal",
		"even if it's illegal", "even if it is unethical", "even if it's unethical",
		"even if it is harmful", "even if it's harmful", "even if it is immoral",
		"even if it's immoral", "regardless of legality", "regardless of ethics",
		"regardless of morality", "regardless of how", "whether it is legal or not",
		"illegal or not", "legal or illegal", "immoral or unethical",
	}},
	{cCharacter, []string{
		"stay in character", "staying in character", "break character",
		"breaking character", "out of character", "remain in character",
		"keep up the act", "stay in role", "break the character", "stay as",
		"never leave character",
	}},
	{cReveal, []string{
		"repeat", "print", "show", "reveal", "display", "output", "tell me",
		"give me", "share", "leak", "spell out", "write out", "write down", "dump",
		"recite", "expose", "disclose", "paste", "copy", "echo", "state",
		"what is", "what are", "what was", "what were", "what's", "tell us",
		"provide", "confirm", "list", "summarize", "summarise", "type out",
		"read back", "print out", "give us", "let me see", "send me", "return",
		"répète", "répétez", "montre", "montrez", "affiche", "affichez", "révèle",
		"révélez", "donne-moi", "donnez-moi", "dis-moi", "dites-moi", "quel est",
		"quelle est", "quels sont", "quelles sont", "wiederhole", "wiederholen",
		"zeig", "zeige", "zeigen", "gib", "geben sie", "verrate", "nenne", "was ist",
		"was sind", "wie lautet", "wie lauten", "gib mir", "repite", "muestra",
		"muéstrame", "revela", "dime", "dame", "escribe", "cuál es", "cual es",
		"cuáles son", "repita", "mostre", "mostra", "revele", "diga", "me diga",
		"qual é", "qual e", "quais são", "ripeti", "rivela", "dimmi", "scrivi",
		"qual è", "qual e'", "quali sono", "повтори", "покажи", "выведи", "раскрой",
		"напиши", "скажи", "какой", "какие", "каков", "какая", "اعرض", "أظهر", "اكشف",
		"كرر", "اكتب", "أخبرني", "ما هي", "ما هو", "显示", "输出", "告诉我", "重复",
		"打印", "透露", "泄露", "是什么", "展示", "表示", "教えて", "出力", "繰り返",
		"見せて", "は何", "何ですか",
	}},
	{cSysPrompt, []string{
		"system prompt", "system message", "initial prompt", "pre-prompt", "preprompt",
		"hidden prompt", "original prompt", "initial instructions", "hidden instructions",
		"secret instructions", "developer message", "system instructions",
		"prompt système", "instructions système", "systemprompt", "system-prompt",
		"systemanweisung*", "prompt del sistema", "instrucciones del sistema",
		"prompt do sistema", "instruções do sistema", "prompt di sistema",
		"istruzioni di sistema", "системный промпт", "системные инструкции",
		"системное сообщение",
	}},
	{cSysOwned, []string{
		"instructions you were given", "instructions you have been given",
		"instructions you've been given", "your instructions", "your prompt",
		"your rules", "your guidelines", "your directives", "your configuration",
		"the words above", "the text above", "the above text", "everything above",
		"above this line", "what was written above", "the first message",
		"beginning of this conversation", "beginning of the conversation",
		"start of this conversation", "start of the conversation", "verbatim",
		"word for word", "your programming", "your secret instructions",
		"the instructions above", "the prompt above", "the message above",
		"your pre-prompt", "were you told", "you were told", "you have been told",
		"your training data", "instructions you received", "your own instructions",
		"your system prompt", "your initial prompt", "your hidden prompt",
		"the system prompt", "the initial prompt", "the hidden prompt", "the system message",
		"the original prompt", "the pre-prompt", "the hidden instructions",
		"the secret instructions", "the system instructions", "the initial instructions",
		"tes instructions", "vos instructions", "deine anweisungen", "ihre anweisungen",
		"tus instrucciones", "sus instrucciones", "suas instruções", "le tue istruzioni",
		"tue istruzioni", "твои инструкции", "ваши инструкции", "موجه النظام",
		"تعليمات النظام", "تعليماتك", "系统提示", "系统提示词", "系统指令", "你的指令",
		"你的提示词", "初始指令", "初始提示", "システムプロンプト", "あなたの指示", "初期指示",
	}},
	{cSecret, []string{
		"password", "passwords", "passphrase", "secret key", "secret code",
		"secret word", "the secret", "your secret", "api key", "access code",
		"passcode", "pin code", "credentials", "private key", "access key",
		"secret token", "auth token", "master key", "security code", "login details",
		"mot de passe", "clé secrète", "passwort", "kennwort", "geheimschlüssel",
		"contraseña", "clave secreta", "senha", "chave secreta", "parola d'ordine",
		"chiave segreta", "пароль", "секретный ключ", "كلمة المرور", "كلمة السر",
		"المفتاح السري", "密码", "密钥", "口令", "パスワード", "秘密鍵", "暗証番号",
	}},
	{cPossess, []string{
		"your", "our", "the system's", "system's", "the admin's", "its", "la", "ta",
		"tes", "vos", "deinen", "deiner", "seu", "seus", "tuo", "твоя", "свой", "свою",
		"le", "el", "das", "dein", "deine", "ihr", "il", "tu", "votre", "ton", "sua",
		"tua", "твой", "ваш", "你的", "あなたの",
	}},
	{cExfilVerb, []string{
		"list", "export", "send", "retrieve", "fetch", "extract", "download",
		"forward", "email", "upload", "output", "print", "show", "give", "give me",
		"reveal", "display", "provide", "share", "tell me", "enumerate", "pull",
		"collect", "gather", "compile", "query", "select", "copy", "read out",
		"access", "post",
	}},
	{cDumpVerb, []string{
		"dump", "dumping", "exfiltrate", "exfiltrating", "leak", "leaking",
		"steal", "harvest", "scrape",
	}},
	{cData, []string{
		"users", "user data", "user records", "user information", "user details",
		"customers", "customer data", "customer records", "customer information",
		"employees", "employee data", "employee records", "accounts", "account details",
		"credentials", "passwords", "database", "db",
		"records", "email addresses", "personal data", "personal information",
		"pii", "contacts", "bank balance", "bank balances", "balances",
		"credit card numbers", "card numbers", "social security numbers", "ssns",
		"phone numbers", "home addresses", "chat history", "conversation history",
		"chat logs", "logs", "api keys", "secrets", "salaries", "medical records",
		"user list", "list of users", "usernames", "customer list", "client data",
		"patient records", "financial data", "private data", "sensitive data",
		"confidential data", "confidential information", "data",
		"everything",
	}},
	{cAllQ, []string{
		"all", "every", "entire", "full", "complete", "whole", "list of",
		"the list of", "each", "everyone's", "all the", "all of the", "every single",
	}},
	{cDisable, []string{
		"disable", "disabling", "deactivate", "turn off", "switch off", "shut off",
		"shut down", "bypass", "bypassing", "circumvent", "circumventing", "remove",
		"removing", "lift", "unlock", "unlocking", "suspend", "get rid of", "strip",
		"evade", "override", "nullify", "drop", "break", "defeat", "jailbreak", "kill",
		"désactive", "désactivez", "contourne", "deaktiviere", "deaktivieren",
		"umgehe", "schalte", "desactiva", "desactive", "elude", "desative", "desativa",
		"disattiva", "aggira", "отключи", "отключите", "обойди", "обойти", "عطل",
		"عطّل", "أوقف", "تجاوز", "关闭", "禁用", "绕过", "解除", "無効に", "オフに", "解除",
	}},
	{cSafety, []string{
		"safety", "safety filters", "safety filter", "safety features",
		"safety measures", "safety settings", "safety mechanisms", "content filter",
		"content filters", "content filtering", "filters", "filter", "moderation",
		"guardrails", "guard rails", "restrictions", "censorship", "safeguards",
		"limitations", "ethical guidelines", "ethics", "alignment", "content policy",
		"protections", "refusals", "ethical constraints", "moral constraints",
		"safety protocols", "safety guidelines", "safety rules", "your rules",
		"your restrictions", "your limitations", "your filters", "your programming",
		"your ethics", "your morals",
		"filtres", "sécurité", "filter", "sicherheit", "sicherheitsfilter",
		"filtros", "seguridad", "segurança", "filtri", "sicurezza", "фильтры",
		"безопасность", "цензуру", "الفلاتر", "الأمان", "الرقابة", "安全", "过滤",
		"审查", "限制", "セーフティ", "フィルター", "安全機能",
	}},
	{cEnable, []string{
		"enable", "enabled", "enabling", "activate", "activated", "activating",
		"enter", "entering", "switch to", "switched to", "turn on", "engage",
		"engaged", "initiate", "initiating", "boot into", "go into", "put yourself in",
		"now in", "you are in", "you're in", "running in", "operate in", "start",
		"unlock", "unlocked",
		"active", "activez", "aktiviere", "activa", "ative", "attiva", "включи",
		"فعّل", "فعل", "开启", "启用", "进入", "有効に",
	}},
	{cModeName, []string{
		"developer mode", "debug mode", "debugging mode", "god mode", "admin mode",
		"administrator mode", "unrestricted mode", "unfiltered mode", "jailbreak mode",
		"dan mode", "override mode", "maintenance mode", "sudo mode", "root mode",
		"evil mode", "superuser mode", "security override mode",
		"law enforcement override mode", "developer override", "no-restrictions mode",
		"uncensored mode", "system mode", "test mode", "diagnostic mode",
		"mode développeur", "entwicklermodus", "modo desarrollador",
		"modalità sviluppatore", "modo desenvolvedor", "режим разработчика",
		"وضع المطور", "开发者模式", "调试模式", "開発者モード", "デバッグモード",
	}},
	{cOverride, []string{
		"system override", "security override", "admin override", "developer override",
		"override mode", "override code", "override confirmed", "override protocol",
		"override command", "training data override", "emergency override",
		"override activated", "override enabled", "override mode activated",
	}},
	{cIAm, []string{
		"i am", "i'm", "im", "this is", "as your", "speaking as", "i work for",
		"i work at", "message from", "on behalf of", "authorized by", "je suis",
		"ich bin", "soy", "sou", "sono", "я", "أنا", "我是", "私は",
	}},
	{cPriv, []string{
		"developer", "developers", "creator", "creators", "admin", "administrator",
		"owner", "maintainer", "programmer", "boss", "operator", "master", "superuser",
		"supervisor", "manager", "trainer", "engineer", "sysadmin", "root",
		"développeur", "créateur", "administrateur", "entwickler", "ersteller",
		"desarrollador", "creador", "administrador", "desenvolvedor", "criador",
		"sviluppatore", "creatore", "amministratore", "разработчик", "создатель",
		"администратор", "开发者", "开发人员", "创造者", "管理员", "開発者", "管理者",
		"المطور", "مطورك", "المسؤول",
	}},
	{cPrivAbs, []string{
		"openai", "anthropic", "google deepmind", "meta ai", "the system administrator",
		"system administrator", "the administrator", "god", "your god", "your creator",
		"your developer", "your developers", "your admin", "your owner",
		"your programmer", "the developer of this", "the developers of this",
		"an openai employee", "openai employee", "openai staff",
	}},
	{cHypo, []string{
		"hypothetical", "hypothetically", "imagine", "suppose", "let's pretend",
		"pretend", "fiction", "fictional", "story", "role-play", "roleplay",
		"role play", "game", "let's play", "simulation", "thought experiment",
		"in a world where", "parallel universe", "alternate universe", "dream",
		"for a novel", "screenplay", "scenario", "make-believe", "what if",
		"alternate reality", "parallel world", "virtual machine",
	}},
	{cDecode, []string{
		"decode", "decoding", "decipher", "decrypt", "translate from", "convert from",
		"interpret", "unscramble", "reverse", "read", "decodifica", "décode",
		"dekodiere", "decodifique", "расшифруй", "解码", "デコード",
	}},
	{cEncName, []string{
		"base64", "base 64", "base-64", "hex", "hexadecimal", "rot13", "rot-13",
		"rot 13", "binary", "morse", "caesar", "cipher", "atbash", "pig latin",
		"leetspeak", "leet speak", "unicode escape", "url-encoded", "url encoded",
		"ascii codes", "ascii code", "encoded", "encoding", "reversed text",
	}},
	{cExecute, []string{
		"and follow", "and execute", "and do", "and obey", "and carry out",
		"and perform", "and answer", "and respond", "and act on", "and comply",
		"then follow", "then execute", "then do", "then answer", "then respond",
		"tell me what it says", "what it says", "and run", "follow it",
		"follow them", "execute it", "do what it says", "as instructed",
	}},
	{cYourOutput, []string{
		"your response", "your responses", "your reply", "your replies",
		"your answer", "your answers", "your message", "your output", "your solution",
		"your text", "your elucidation", "your explanation", "your summary",
		"your code", "your implementation", "your codebase", "your algorithm",
		"your writing", "your result", "your results", "your next response",
		"your final answer", "your response's", "your answer's", "your reply's",
		"the response", "the reply", "the answer", "your solution architecture",
		"the code you develop", "the code you write",
	}},
	{cInsertVerb, []string{
		"add", "include", "insert", "integrate", "incorporate", "append", "embed",
		"inject", "mention", "promote", "merge", "fuse", "blend", "weave", "meld",
		"enhance", "augment", "modify", "change", "rewrite", "replace", "substitute",
		"convert", "scramble", "jumble", "translate", "provide", "use", "render",
		"group", "remove", "combine", "introduce", "end", "start", "begin", "ensure",
		"suggest", "tease", "misspell", "rearrange", "anagram", "encode", "employ",
		"leverage", "deploy", "enrich", "enlist", "let", "execute", "make", "utilize",
		"utilise", "consider", "keep in mind", "don't forget", "don't hesitate",
		"may find", "could flourish", "format", "write", "respond", "reply", "answer",
		"express", "highlight", "stress", "emphasize", "recommend", "advise",
		"encourage", "invite", "urge", "tell", "direct", "link", "redirect",
		"instruct", "output", "say", "state", "claim",
	}},
	{cUserPoss, []string{
		"the user's", "the users'", "user's", "other users'", "other user's",
		"the customer's", "the client's", "the patient's", "the employee's",
		"the account holder's", "another user's", "the person's", "users' ",
		"of the user", "about the user", "the user",
	}},
	{cWhereLive, []string{
		"where does the user live", "where does the user currently live",
		"where the user lives", "where is the user living", "where does he live",
		"where does she live", "where do they live", "user currently live",
		"user's location", "user's home address", "user's current city", "dónde vive",
		"où habite", "wo wohnt", "onde mora", "dove vive", "где живет", "где живёт",
	}},
	{cSend, []string{
		"send", "sending", "email", "e-mail", "forward", "post", "upload", "transmit",
		"exfiltrate", "mail", "deliver", "submit", "envíalos", "envíalo", "envia",
		"envoie", "sende", "invia", "отправь", "أرسل", "发送",
	}},
	{cMeta, []string{
		"prompt injection", "prompt injections", "injection attack", "injection attacks",
		"jailbreak attempt", "jailbreak attempts", "jailbreaking", "attack", "attacks",
		"attacker", "attackers", "for example", "e.g.", "such as", "for instance",
		"the phrase", "the sentence", "the string", "mean", "means", "defend",
		"defense", "defence", "detect", "detection", "prevent", "protect against",
		"classifier", "security research", "researcher", "researchers", "red team",
		"red-teaming", "mitigate", "mitigation", "vulnerability", "vulnerable",
		"what is a", "how do attackers", "adversarial", "benchmark", "dataset",
		"paper", "essay", "explain",
	}},
}

// lexiconExtra holds classes whose entries are not words.
var lexiconExtra = []struct {
	c     cls
	words []string
}{
	{cTo, []string{"to", "à", "para", "на", "إلى", "给", "到", "に"}},
	{cPolicy, []string{
		"tos", "terms of service", "terms of use", "usage policy", "usage policies",
		"content policy", "content policies", "openai's policies", "openai policy",
		"openai policies", "openai's content policy", "openai's guidelines",
		"openai guidelines", "safety guidelines", "community guidelines",
		"ethical guidelines", "moral guidelines", "your programming", "your training",
		"your alignment", "safety policy", "safety policies", "your ethics",
		"your morals", "your values", "your principles", "your safeguards",
		"your filters", "your restrictions", "your limitations", "guidelines of openai",
		"policies of openai", "ethical protocols", "ethical principles", "moral principles",
	}},
	{cAnything, []string{
		"anything", "everything", "any request", "any question", "whatever",
		"any topic", "any content", "any kind of content", "all requests",
	}},
	{cWriteVerb, []string{
		"write", "say", "spell", "encode", "translate", "describe", "hint", "ask for",
		"what would", "tell", "compose", "poem", "haiku", "song", "riddle", "acrostic",
		"mir ihr", "mir dein", "mir deine", "sie mir", "first letter", "letters of",
		"characters of", "reverse", "backwards",
	}},
	{cPIIOf, []string{
		"'s birth date", "'s date of birth", "'s birthday", "'s email address",
		"'s email", "'s e-mail address", "'s home address", "'s address",
		"'s phone number", "'s current city", "'s city of residence",
		"'s social security number", "'s ssn", "'s bank balance", "'s account balance",
		"'s password", "'s salary", "'s location", "'s initials", "'s birth year",
		"'s birth month", "'s full name", "'s credit card", "'s medical",
		"s' email addresses", "s' passwords",
	}},
	{cAcknowledge, []string{
		"i know you said not to", "i know you said you can't", "i know you said you cannot",
		"i know you're not supposed to", "i know you are not supposed to",
		"i know you aren't allowed", "i know you are not allowed", "i know you're not allowed",
		"i know you can't", "i know you cannot", "i know you've been told",
		"i know you have been told", "i know you were told", "even though you were told",
		"even though you've been told", "although you were told", "you said not to",
		"you were told not to", "you've been told not to", "you have been told not to",
		"despite your instructions", "despite your rules", "despite what you were told",
		"despite your programming", "even if you were told", "even if your instructions",
	}},
	{cHowTo, []string{
		"how do i", "how can i", "how to", "how would i", "how should i", "how do you",
		"how do we", "how can we", "what command", "which command", "what is the command",
		"what's the command", "is there a way to", "what's the best way to",
		"what is the best way to", "the command to", "a command to", "a query to",
		"a script to", "a function to", "a program to", "in linux", "in sql", "in python",
		"comment puis-je", "wie kann ich", "cómo puedo", "como posso", "come posso",
		"как мне", "как можно", "如何", "怎么", "どうやって",
	}},
	{cSecretDef, []string{
		"the password", "the passphrase", "the secret key", "the secret code",
		"the access code", "the api key", "the passcode", "the secret word",
		"le mot de passe", "la clé secrète", "das passwort", "das kennwort",
		"den geheimen schlüssel", "la contraseña", "la clave", "la clave secreta",
		"a senha", "a chave secreta", "la password", "la chiave segreta",
		"il codice segreto", "пароль", "секретный ключ", "كلمة المرور", "كلمة السر",
		"密码", "密钥", "口令", "パスワード", "秘密鍵", "暗証番号",
	}},
	{cEmbedVerb, []string{
		"integrate", "incorporate", "embed", "blend", "merge", "fuse", "weave", "meld",
		"utilize", "utilise", "leverage", "employ", "enlist", "inject", "splice", "insert",
		"append", "deploy", "include",
	}},
	{cFollowing, []string{
		"the following code", "the subsequent code", "the below code", "the code below",
		"the following snippet", "the subsequent snippet", "the snippet below",
		"following code block", "following code snippet", "following code excerpt",
		"following code section", "subsequent code block", "subsequent code snippet",
		"subsequent code excerpt", "subsequent code section", "the following script",
		"the following link", "the following text", "the following message",
	}},
	{cTheRules, []string{
		"the rules", "the guidelines", "the restrictions", "the policies", "the policy",
		"the instructions", "the content policy", "the laws", "the limits", "the filters",
		"any rules", "any guidelines", "any restrictions", "any policies", "any instructions",
		"any laws", "any limits", "any filters", "these rules", "those rules",
	}},
	{cRot13, []string{"vtaber", "qvfertneq", "sbetrg", "cerivbhf", "vafgehpgvbaf",
		"cebzcg", "flfgrz", "cnffjbeq", "frperg", "ehyrf", "nobir", "lbhe", "ercrng",
		"erirny", "cevag", "nyy", "gur", "naq", "lbh", "jung", "vf"}},
	{cReversed, []string{"erongi", "dragersid", "tegrof", "suoiverp", "snoitcurtsni",
		"tpmorp", "metsys", "drowssap", "terces", "selur", "evoba", "ruoy", "eht", "lla"}},
	{cEmail, []string{"~@", "~http://", "~https://", "~www.", "~ftp://"}},
	{cQuote, []string{"~\"", "~\u201c", "~\u201d", "~\u00ab", "~\u00bb", "~\u300c", "~\u300d"}},
}
