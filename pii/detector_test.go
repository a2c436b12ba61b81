package pii

import (
	"context"
	"errors"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/textnlp/textguard/guard"
)

// found renders findings as "TYPE:text" for compact expectations.
func found(t testing.TB, d *Detector, text string) []string {
	t.Helper()
	fs, err := d.Scan(context.Background(), guard.Input{Text: text})
	require.NoError(t, err)
	out := []string{}
	for _, f := range fs {
		out = append(out, f.Category+":"+f.Span(text))
	}
	return out
}

type recognizerCase struct {
	name string
	text string
	want []string
}

func runCases(t *testing.T, d *Detector, cases []recognizerCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			want := tc.want
			if want == nil {
				want = []string{}
			}
			assert.Equal(t, want, found(t, d, tc.text))
		})
	}
}

func newDetector(t testing.TB, opts ...Option) *Detector {
	t.Helper()
	d, err := New(opts...)
	require.NoError(t, err)
	return d
}

func TestEmail(t *testing.T) {
	runCases(t, newDetector(t, Types("EMAIL")), []recognizerCase{
		{"plain", "write to info@presidio.site today", []string{"EMAIL:info@presidio.site"}},
		{"sentence end", "mail jane.doe+tag@example.co.uk.", []string{"EMAIL:jane.doe+tag@example.co.uk"}},
		{"punycode", "a@xn--d1acufc.xn--p1ai", []string{"EMAIL:a@xn--d1acufc.xn--p1ai"}},
		{"unicode domain", "Почта: иван@пример.рф", []string{"EMAIL:иван@пример.рф"}},
		{"no tld", "my email is info@presidio.", nil},
		{"single label", "ping root@localhost now", nil},
		{"handle", "thanks @john and @mary", nil},
		{"obfuscated", "john [at] example [dot] com", []string{"EMAIL:john [at] example [dot] com"}},
		{"obfuscated parens", "write john(at)example(dot)org", []string{"EMAIL:john(at)example(dot)org"}},
		{"zero width inside", "jo\u200bhn@exa\u200dmple.com", []string{"EMAIL:jo\u200bhn@exa\u200dmple.com"}},
		{"full width at", "john＠example.com", []string{"EMAIL:john＠example.com"}},
	})
}

func TestPhone(t *testing.T) {
	runCases(t, newDetector(t, Types("PHONE")), []recognizerCase{
		{"us grouped", "call (415) 555-0132 today", []string{"PHONE:(415) 555-0132"}},
		{"international", "my line is +44 20 7123 4567", []string{"PHONE:+44 20 7123 4567"}},
		{"double zero", "dial 0044 20 7123 4567", []string{"PHONE:0044 20 7123 4567"}},
		{"brazil", "BR: +55 11 98456 5666", []string{"PHONE:+55 11 98456 5666"}},
		{"trunk zero abroad", "09171234567", []string{"PHONE:09171234567"}},
		{"extension", "Fax: 345-899-3560x4587", []string{"PHONE:345-899-3560x4587"}},
		{"context lifts shape", "Phone: 451 5986", []string{"PHONE:451 5986"}},
		{"emergency", "call 911 now", nil},
		{"short", "room 5551234", nil},
		{"bare without context", "order 4321234567 shipped", nil},
		{"date", "on 2021-05-21 12 people came", nil},
		{"dotted quad", "host 10.20.30.40", nil},
		{"range", "accepts whole numbers 0–4294967295", nil},
		{"years", "| 2000-2001 | UEFA", nil},
		{"isbn", "ISBN 0786411376, ISBN 978-0786411375", nil},
		{"full width digits", "tel ＋４４ ２０ ７１２３ ４５６７", []string{"PHONE:＋４４ ２０ ７１２３ ４５６７"}},
		{"arabic-indic digits", "هاتف +٤٤ ٢٠ ٧١٢٣ ٤٥٦٧", []string{"PHONE:+٤٤ ٢٠ ٧١٢٣ ٤٥٦٧"}},
		{"devanagari digits", "फ़ोन +४४ २० ७१२३ ४५६७", []string{"PHONE:+४४ २० ७१२३ ४५६७"}},
	})
}

func TestCreditCard(t *testing.T) {
	runCases(t, newDetector(t, Types("CREDIT_CARD")), []recognizerCase{
		{"visa groups", "card 4012-8888-8888-1881 please", []string{"CREDIT_CARD:4012-8888-8888-1881"}},
		{"three forms", "4012888888881881 4012 8888 8888 1881", []string{
			"CREDIT_CARD:4012888888881881", "CREDIT_CARD:4012 8888 8888 1881"}},
		{"amex", "371449635398431", []string{"CREDIT_CARD:371449635398431"}},
		{"bad luhn", "my credit card number is 4012-8888-8888-1882", nil},
		{"random digits", "tracking 1234567890123456", nil},
		{"luhn only with context", "credit card 060426070011", []string{"CREDIT_CARD:060426070011"}},
		{"luhn only bare", "ref 060426070011", nil},
		{"glued", "id4012888888881881", nil},
		{"full width", "４０１２８８８８８８８８１８８１", []string{"CREDIT_CARD:４０１２８８８８８８８８１８８１"}},
	})
}

func TestIBAN(t *testing.T) {
	runCases(t, newDetector(t, Types("IBAN")), []recognizerCase{
		{"electronic", "AL47212110090000000235698741", []string{"IBAN:AL47212110090000000235698741"}},
		{"printed", "pay DE89 3704 0044 0532 0130 00 now", []string{"IBAN:DE89 3704 0044 0532 0130 00"}},
		{"stray group", "VG96 VPVG 0000 0123 4567 8901 X in", []string{"IBAN:VG96 VPVG 0000 0123 4567 8901"}},
		{"dashes", "AL47-2121-1009-0000-0002-3569-8741", []string{"IBAN:AL47-2121-1009-0000-0002-3569-8741"}},
		{"bad check", "DE89 3704 0044 0532 0130 01", nil},
		{"short", "AT61 1904 3002 3457 320", nil},
		{"lower case", "LV80 bANK 0000 4351 9500 1", nil},
		{"slashes", "AL47/2121/1009/0000/0002/3569/8741", nil},
		{"two", "ibans: GB29NWBK60161331926819, NL91ABNA0417164300", []string{
			"IBAN:GB29NWBK60161331926819", "IBAN:NL91ABNA0417164300"}},
	})
}

func TestNetwork(t *testing.T) {
	runCases(t, newDetector(t, Types("IP_ADDRESS", "MAC_ADDRESS")), []recognizerCase{
		{"ipv4", "from 192.168.0.1 today", []string{"IP_ADDRESS:192.168.0.1"}},
		{"ipv4 cidr", "route 10.0.0.0/8.", []string{"IP_ADDRESS:10.0.0.0/8"}},
		{"ipv4 bad prefix", "10.0.0.0/123", []string{"IP_ADDRESS:10.0.0.0"}},
		{"ipv4 octet", "300.168.1.1", nil},
		{"ipv4 leading zero", "192.168.01.1", nil},
		{"ipv4 three parts", "my ip: 192.168.0", nil},
		{"ipv4 glued", "IP192.168.1.1text", nil},
		{"version", "version 1.2.3.4 is out", nil},
		{"version in a path", `C:\WinPython-64bit-3.4.2.4\python`, nil},
		{"five parts", "1.2.3.4.5", nil},
		{"ipv6", "2001:db8::8a2e:370:7334", []string{"IP_ADDRESS:2001:db8::8a2e:370:7334"}},
		{"ipv6 zone", "fe80::1%eth0", []string{"IP_ADDRESS:fe80::1%eth0"}},
		{"ipv6 mapped", "[::ffff:192.168.1.1]:80", []string{"IP_ADDRESS:::ffff:192.168.1.1"}},
		{"ipv6 prefix", "2001:db8::/32", []string{"IP_ADDRESS:2001:db8::/32"}},
		{"ipv6 double gap", "2001::db8::1", nil},
		{"ipv6 glued", "fe80::1text", nil},
		{"time", "Time 12:34:56", nil},
		{"scope", "std::cout", nil},
		{"unspecified with context", "Use local ipv6 ::", []string{"IP_ADDRESS:::"}},
		{"unspecified alone", "a :: b", nil},
		{"mac colons", "MAC: 00:1A:2B:3C:4D:5E", []string{"MAC_ADDRESS:00:1A:2B:3C:4D:5E"}},
		{"mac cisco", "Physical address is aabb.ccdd.eeff", []string{"MAC_ADDRESS:aabb.ccdd.eeff"}},
		{"mac zero", "Invalid: 00:00:00:00:00:00", nil},
		{"mac mixed", "10:2F:33-AC-29-C3", nil},
	})
}

func TestURLAndCrypto(t *testing.T) {
	runCases(t, newDetector(t, Types("URL", "CRYPTO")), []recognizerCase{
		{"scheme", "see https://www.microsoft.com/store/abc/.", []string{"URL:https://www.microsoft.com/store/abc/"}},
		{"bare", "visit microsoft.com today", []string{"URL:microsoft.com"}},
		{"parens", "(see http://x.org/a_(b))", []string{"URL:http://x.org/a_(b)"}},
		{"file name", "edit README.md and main.rs", nil},
		{"abbreviation", "e.g. this", nil},
		{"no tld", "www.microsoft", nil},
		{"btc", "my wallet address is: 16Yeky6GMjeNkAiNcBY7ZhrLoMSgg1BoyZ", []string{"CRYPTO:16Yeky6GMjeNkAiNcBY7ZhrLoMSgg1BoyZ"}},
		{"btc bad", "16Yeky6GMjeNkAiNcBY7ZhrLoMSgg1BoyZ2", nil},
		{"bech32", "bc1p5d7rjq7g6rdk2yhzks9smlaqtedr4dekq08ge8ztwac72sfr9rusxg3297", []string{"CRYPTO:bc1p5d7rjq7g6rdk2yhzks9smlaqtedr4dekq08ge8ztwac72sfr9rusxg3297"}},
		{"hash", "8f953371d3e85eddb89b05ed6b9e680791055315c73e1025ab5dba7bb2aee189", nil},
	})
}

func TestDates(t *testing.T) {
	runCases(t, newDetector(t, Types("DATE_OF_BIRTH")), []recognizerCase{
		{"born", "She was born on 2/8/1935. Her name", []string{"DATE_OF_BIRTH:2/8/1935"}},
		{"dob", "DOB: 1990-04-13", []string{"DATE_OF_BIRTH:1990-04-13"}},
		{"month name", "date of birth 12 March 1990", []string{"DATE_OF_BIRTH:12 March 1990"}},
		{"no context", "It's like that since 12/1/1981", nil},
		{"bad month", "born 13/13/1990", nil},
	})
	runCases(t, newDetector(t, Types("DATE_TIME")), []recognizerCase{
		{"iso time", "Today is 2024-03-15T14:30:00+02:00 or not", []string{"DATE_TIME:2024-03-15T14:30:00+02:00"}},
		{"numeric", "Today is 5/21/21", []string{"DATE_TIME:5/21/21"}},
	})
}

func TestNationalIDs(t *testing.T) {
	runCases(t, newDetector(t), []recognizerCase{
		{"us ssn", "His social security number is 853-37-1694", []string{"US_SSN:853-37-1694"}},
		{"us ssn area 666", "ssn 666-12-3456", nil},
		{"us ssn bare needs context", "078-05-1123", []string{"US_SSN:078-05-1123"}},
		{"us itin", "itin 911-53-1234", []string{"US_ITIN:911-53-1234"}},
		{"aba", "routing 121000358", []string{"ABA_ROUTING_NUMBER:121000358"}},
		{"aba bad", "routing 421042111", nil},
		{"reference number", "Reference ID   450920522", nil},
		{"ca sin", "my SIN is 130-692-544", []string{"CA_SIN:130-692-544"}},
		{"ca sin bad", "my SIN is 435-418-166", nil},
		{"uk nhs", "NHS number 401 023 2137", []string{"UK_NHS:401 023 2137"}},
		{"uk nino", "NI number AA 12 34 56 B", []string{"UK_NINO:AA 12 34 56 B"}},
		{"uk nino bad prefix", "nino: nt 99 88 77 a", nil},
		{"es nif", "DNI 55555555-K", []string{"ES_NIF:55555555-K"}},
		{"es nif short", "DNI 1111111-G", []string{"ES_NIF:1111111-G"}},
		{"es nie", "NIE Y8063915-Z", []string{"ES_NIE:Y8063915-Z"}},
		{"es nie bad", "NIE x9613851q", nil},
		{"it fiscal", "codice fiscale RSSMRA85T10A562S", []string{"IT_FISCAL_CODE:RSSMRA85T10A562S"}},
		{"de tax", "Meine Steuer-ID: 86095742719.", []string{"DE_TAX_ID:86095742719"}},
		{"de tax all distinct", "Steuer-ID 12345678903", nil},
		{"fr nir", "sécurité sociale 2 69 05 49 588 157 80", []string{"FR_NIR:2 69 05 49 588 157 80"}},
		{"pl pesel", "My pesel is 44051401458.", []string{"PL_PESEL:44051401458"}},
		{"nl bsn", "BSN 111222333", []string{"NL_BSN:111222333"}},
		{"in aadhaar", "My Aadhaar number is 4001 2345 6787", []string{"IN_AADHAAR:4001 2345 6787"}},
		{"in pan", "My PAN number is ABBPM4567S", []string{"IN_PAN:ABBPM4567S"}},
		{"au tfn", "TFN 876 543 210", []string{"AU_TFN:876 543 210"}},
		{"au medicare", "medicare 2123 45670 1", []string{"AU_MEDICARE:2123 45670 1"}},
		{"au abn", "ABN 51 824 753 556", []string{"AU_ABN:51 824 753 556"}},
		{"sg nric", "NRIC S2740116C was processed", []string{"SG_NRIC_FIN:S2740116C"}},
		{"br cpf", "CPF 123.456.789-09", []string{"BR_CPF:123.456.789-09"}},
		{"br cnpj", "CNPJ 11.222.333/0001-81", []string{"BR_CNPJ:11.222.333/0001-81"}},
		{"kr rrn", "His Korean RRN is 960121-1021413", []string{"KR_RRN:960121-1021413"}},
		{"kr rrn unchecked", "RRN 960121-1234567", []string{"KR_RRN:960121-1234567"}},
		{"korean script around", "여권번호는 S2740116C입니다", []string{"SG_NRIC_FIN:S2740116C"}},
		{"full width", "NRIC Ｓ２７４０１１６Ｃ", []string{"SG_NRIC_FIN:Ｓ２７４０１１６Ｃ"}},
	})
}

func TestSWIFT(t *testing.T) {
	runCases(t, newDetector(t, Types("SWIFT_CODE")), []recognizerCase{
		{"with context", "SWIFT code DEUTDEFF500 for the transfer", []string{"SWIFT_CODE:DEUTDEFF500"}},
		{"bic8", "BIC: NWBKGB2L", []string{"SWIFT_CODE:NWBKGB2L"}},
		{"no context", "the CUSTOMER said", nil},
		{"handle", "@AGRYGMER A wireless channel change", nil},
		{"lower case", "bic deutdeff", nil},
	})
}

func TestCountriesAndThreshold(t *testing.T) {
	text := "SIN 130 692 544 and SSN 853-37-1694"
	assert.Equal(t, []string{"US_SSN:853-37-1694"}, found(t, newDetector(t, Countries("US")), text))
	assert.Equal(t, []string{"CA_SIN:130 692 544"}, found(t, newDetector(t, Countries("CA")), text))
	assert.Empty(t, found(t, newDetector(t, Threshold(1)), "SSN 853-37-1694 "))
	weak := found(t, newDetector(t, Types("US_SSN"), Threshold(0.1)), "id 853371694")
	assert.Equal(t, []string{"US_SSN:853371694"}, weak)
}

func TestAllowAndDenyList(t *testing.T) {
	d := newDetector(t, AllowList("support@example.com"), DenyList("CUSTOMER_ID", "ACME-42"))
	got := found(t, d, "mail Support@Example.com or jane@example.com about acme-42, not ACME-420")
	assert.Equal(t, []string{"EMAIL:jane@example.com", "CUSTOMER_ID:acme-42"}, got)
}

func TestAddRecognizers(t *testing.T) {
	emp := Recognizer{
		ID: "acme.employee", Type: "EMPLOYEE_ID", MinDigits: 6, Trigger: "-",
		Patterns: []Pattern{{Expr: `EMP-[0-9]{6}`, Score: 0.4}},
		Context:  []string{"employee"},
	}
	d := newDetector(t, AddRecognizers(emp))
	assert.Equal(t, []string{"EMPLOYEE_ID:EMP-123456"}, found(t, d, "employee EMP-123456"))
	assert.Empty(t, found(t, d, "ticket EMP-123456"))

	grouped := Recognizer{
		ID: "acme.ticket", Type: "TICKET", MinDigits: 5,
		Patterns: []Pattern{{Expr: `#([0-9]{5})`, Group: 1}},
	}
	d = newDetector(t, AddRecognizers(grouped), Types("TICKET"))
	assert.Equal(t, []string{"TICKET:12345"}, found(t, d, "see ticket #12345 today"))

	whole := Recognizer{ID: "acme.project", Type: "PROJECT", Patterns: []Pattern{{Expr: `Blue Falcon`}}}
	d = newDetector(t, AddRecognizers(whole))
	assert.Equal(t, []string{"PROJECT:Blue Falcon"}, found(t, d, "the Blue Falcon launch"))
}

func TestNewErrors(t *testing.T) {
	for _, tc := range []struct {
		name string
		opt  Option
	}{
		{"bad threshold", Threshold(2)},
		{"bad region", DefaultRegion("XX")},
		{"bad country", Countries("USA")},
		{"empty type", Types("")},
		{"nil entities", Entities(nil)},
		{"deny without type", DenyList("", "x")},
		{"no id", AddRecognizers(Recognizer{Type: "X", Patterns: []Pattern{{Expr: "x"}}})},
		{"no patterns", AddRecognizers(Recognizer{ID: "x", Type: "X"})},
		{"bad regexp", AddRecognizers(Recognizer{ID: "x", Type: "X", Patterns: []Pattern{{Expr: "("}}})},
		{"bad group", AddRecognizers(Recognizer{ID: "x", Type: "X", Patterns: []Pattern{{Expr: "x", Group: 1}}})},
		{"letter trigger", AddRecognizers(Recognizer{ID: "x", Type: "X", Trigger: "a", Patterns: []Pattern{{Expr: "a"}}})},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := New(tc.opt)
			require.Error(t, err)
			assert.True(t, strings.HasPrefix(err.Error(), "pii: "), err.Error())
		})
	}
	_, err := New(AddRecognizers(Recognizer{ID: "x", Type: "X"}))
	assert.ErrorIs(t, err, ErrInvalidRecognizer)
}

func TestScanErrors(t *testing.T) {
	d := newDetector(t)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := d.Scan(ctx, guard.Input{Text: "a@b.com"})
	assert.ErrorIs(t, err, context.Canceled)
	_, err = d.Scan(context.Background(), guard.Input{Text: "bad \xff"})
	require.Error(t, err)
	assert.NotContains(t, err.Error(), "bad")
	fs, err := d.Scan(context.Background(), guard.Input{})
	assert.NoError(t, err)
	assert.Empty(t, fs)
}

type fakeEntities struct{ err error }

func (f fakeEntities) Recognize(_ context.Context, text string) ([]Entity, error) {
	if f.err != nil {
		return nil, f.err
	}
	i := strings.Index(text, "Jane Doe")
	if i < 0 {
		return nil, nil
	}
	return []Entity{
		{Type: "PERSON", Start: i, End: i + 8, Score: 0.8},
		{Type: "PERSON", Start: -1, End: 3, Score: 0.9}, // malformed: dropped
	}, nil
}

func TestEntities(t *testing.T) {
	d := newDetector(t, Entities(fakeEntities{}))
	assert.Equal(t, []string{"PERSON:Jane Doe", "EMAIL:jane@x.org"}, found(t, d, "Jane Doe <jane@x.org>"))
	d = newDetector(t, Entities(fakeEntities{err: errors.New("boom")}))
	_, err := d.Scan(context.Background(), guard.Input{Text: "Jane Doe"})
	assert.Error(t, err)
}

func TestOverlapKeepsBest(t *testing.T) {
	d := newDetector(t)
	fs, err := d.Scan(context.Background(), guard.Input{Text: "email a.b@example.com now"})
	require.NoError(t, err)
	require.Len(t, fs, 1)
	assert.Equal(t, "pii.email", fs[0].Rule)
	for i := 1; i < len(fs); i++ {
		assert.LessOrEqual(t, fs[i-1].End, fs[i].Start)
	}
}

func TestConcurrentScan(t *testing.T) {
	d := newDetector(t)
	want := found(t, d, dirtyProse)
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			for range 20 {
				fs, err := d.Scan(context.Background(), guard.Input{Text: dirtyProse})
				if assert.NoError(t, err) {
					assert.Len(t, fs, len(want))
				}
			}
		})
	}
	wg.Wait()
}

func TestCleanScanAllocs(t *testing.T) {
	d := newDetector(t)
	in := guard.Input{Text: cleanProse}
	ctx := context.Background()
	small := testing.AllocsPerRun(20, func() { d.Scan(ctx, in) })
	in.Text = strings.Repeat(cleanProse, 32)
	large := testing.AllocsPerRun(5, func() { d.Scan(ctx, in) })
	assert.LessOrEqual(t, large, small, "allocations grow with input size")
}

func TestDefaultRecognizersAreFresh(t *testing.T) {
	a := DefaultRecognizers()
	a[0].ID = "changed"
	a[0].Patterns[0].Expr = "changed"
	b := DefaultRecognizers()
	assert.NotEqual(t, "changed", b[0].ID)
	assert.NotEqual(t, "changed", b[0].Patterns[0].Expr)
	ids := map[string]bool{}
	for _, r := range b {
		assert.False(t, ids[r.ID], "duplicate id %s", r.ID)
		ids[r.ID] = true
		_, err := compile(r)
		assert.NoError(t, err, r.ID)
	}
}

func TestWindow(t *testing.T) {
	d := newDetector(t)
	assert.GreaterOrEqual(t, d.Window(), maxURL)
}

// checkedValues holds one valid value per recognizer with a check digit,
// each after a context word, for the systematic tests below. KR_RRN is
// tested in TestNationalIDs: numbers issued since 2020 have no check
// digit, so with a context word a changed digit is still a finding.
var checkedValues = []struct {
	typ, context, value string
	digit               int // index of the digit to change; 0 means the last
}{
	{"CREDIT_CARD", "card", "4111 1111 1111 1111", 0},
	{"IBAN", "iban", "GB29 NWBK 6016 1331 9268 19", 0},
	{"ABA_ROUTING_NUMBER", "routing", "121000358", 0},
	{"US_NPI", "npi", "1245319599", 0},
	{"CA_SIN", "SIN", "130 692 544", 0},
	{"BR_CPF", "CPF", "123.456.789-09", 0},
	{"BR_CNPJ", "CNPJ", "11.222.333/0001-81", 0},
	{"UK_NHS", "NHS", "401 023 2137", 0},
	{"ES_NIF", "DNI", "55555555K", 0},
	{"ES_NIE", "NIE", "X9613851N", 0},
	{"IT_FISCAL_CODE", "codice fiscale", "RSSMRA85T10A562S", 0},
	{"DE_TAX_ID", "Steuer-ID", "86095742719", 0},
	{"FR_NIR", "NIR", "2 69 05 49 588 157 80", 0},
	{"PL_PESEL", "PESEL", "44051401458", 0},
	{"NL_BSN", "BSN", "111222333", 0},
	{"FI_PERSONAL_IDENTITY_CODE", "hetu", "131052-308T", 0},
	{"SE_PERSONNUMMER", "personnummer", "811228-9874", 0},
	{"TR_NATIONAL_ID", "TC kimlik", "10000000146", 0},
	{"IN_AADHAAR", "aadhaar", "4001 2345 6787", 0},
	{"AU_TFN", "TFN", "876 543 210", 0},
	{"AU_MEDICARE", "medicare", "2123 45670 1", 1}, // the last digit is no check digit
	{"AU_ABN", "ABN", "51 824 753 556", 0},
	{"AU_ACN", "ACN", "000 000 019", 0},
	{"SG_NRIC_FIN", "NRIC", "S2740116C", 0},
	{"ZA_ID_NUMBER", "ID number", "8001015009087", 0},
}

// TestCheckDigits checks, for every recognizer with a check digit, that a
// valid value is found, that the same value with one digit changed is not, and that the value written in full-width digits is found with
// offsets into the original.
func TestCheckDigits(t *testing.T) {
	d := newDetector(t)
	for _, tc := range checkedValues {
		t.Run(tc.typ, func(t *testing.T) {
			text := tc.context + " " + tc.value + " ok"
			assert.Contains(t, found(t, d, text), tc.typ+":"+tc.value)

			bad := []byte(tc.value)
			var at []int
			for i, c := range bad {
				if isDigit(c) {
					at = append(at, i)
				}
			}
			i := at[len(at)-1]
			if tc.digit > 0 {
				i = at[tc.digit-1]
			}
			bad[i] = '0' + (bad[i]-'0'+1)%10
			assert.NotContains(t, found(t, d, tc.context+" "+string(bad)+" ok"), tc.typ+":"+string(bad))

			wide := strings.Map(func(r rune) rune {
				if r >= '0' && r <= '9' {
					return r - '0' + '０'
				}
				return r
			}, tc.value)
			assert.Contains(t, found(t, d, tc.context+" "+wide+" ok"), tc.typ+":"+wide)
		})
	}
}
