package injection

// lexiconMore adds the core intents (override, extraction, a secret asked
// for) in languages beyond the ten the package commits to, because
// machine-translated attacks come in many more: Dutch, Polish, Turkish,
// Indonesian, Vietnamese, Greek, Korean, Hindi, Ukrainian, Swedish, Hebrew,
// Thai and Persian. Coverage here is a few words per concept, not a
// grammar.
var lexiconMore = []struct {
	c     cls
	words []string
}{
	{cIgnore, []string{
		"negeer", "negeren", "vergeet", "zignoruj", "ignoruj", "zapomnij", "pomiń",
		"yoksay", "görmezden gel", "unut", "abaikan", "lupakan", "bỏ qua", "quên",
		"αγνο*", "ξέχνα", "ξεχάστε", "무시", "잊어", "잊으", "अनदेखा",
		"नज़रअंदाज़", "नजरअंदाज", "भूल जाओ", "भूल जाइए", "ігноруй", "ігноруйте",
		"забудь", "ignorera", "glöm", "התעלם", "שכח", "ละเว้น", "เพิกเฉย", "ไม่ต้องสนใจ",
		"نادیده بگیر", "فراموش کن",
	}},
	{cPrior, []string{
		"vorige", "eerdere", "bovenstaande", "poprzednie", "wcześniejsze", "powyższe",
		"önceki", "yukarıdaki", "sebelumnya", "di atas", "trước đó", "ở trên",
		"προηγούμεν*", "παραπάνω", "이전", "위의", "앞의", "पिछले", "पिछली", "ऊपर",
		"попередні", "попередніх", "tidigare", "ovanstående", "הקודמות", "הקודמים",
		"ก่อนหน้า", "ข้างต้น", "قبلی",
	}},
	{cInstr, []string{
		"instructies", "regels", "opdrachten", "instrukcje", "instrukcji", "polecenia",
		"zasady", "talimat*", "kuralları", "instruksi", "perintah", "aturan",
		"hướng dẫn", "chỉ dẫn", "quy tắc", "οδηγίες", "οδηγιών", "κανόνες", "지시",
		"지침", "명령", "규칙", "निर्देश", "निर्देशों", "नियम", "інструкції", "інструкцій",
		"правила", "instruktioner", "regler", "הוראות", "ההוראות", "คำสั่ง", "دستورالعمل",
		"دستورات",
	}},
	{cSecret, []string{
		"wachtwoord", "hasło", "hasła", "şifre", "parola", "kata sandi", "mật khẩu",
		"κωδικός πρόσβασης", "κωδικό", "비밀번호", "암호", "पासवर्ड", "पासवर्ड", "пароль",
		"lösenord", "סיסמה", "הסיסמה", "รหัสผ่าน", "رمز عبور",
	}},
	{cReveal, []string{
		"wat is", "wat zijn", "geef", "toon", "jaki", "jakie", "podaj", "pokaż", "nedir",
		"göster", "apa", "berikan", "tunjukkan", "là gì", "cho tôi", "ποιος",
		"ποια", "ποιο", "δείξε", "무엇", "뭐", "알려", "क्या", "बताओ", "बताइए", "який",
		"яка", "покажи", "vad är", "visa", "ge mig", "מה", "הראה", "คืออะไร", "แสดง", "چیست",
	}},
	{cSysOwned, []string{
		"systeemprompt", "prompt systemowy", "sistem istemi", "prompt sistem",
		"lời nhắc hệ thống", "προτροπή συστήματος", "시스템 프롬프트", "सिस्टम प्रॉम्प्ट",
		"системний промпт", "systemprompt", "הנחיית המערכת", "พรอมต์ระบบ",
	}},
}
