package secrets

import (
	"encoding/base64"
	"fmt"
	"strings"
)

// The samples below are synthetic. Every token is built at run time from a
// fixed pseudo-random generator, so the repository holds no literal that
// looks like a live credential (and push protection has nothing to flag),
// while the tests still see realistic, high-entropy values.

const (
	alnum  = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
	hexLow = "0123456789abcdef"
	hexUp  = "0123456789ABCDEF"
	upNum  = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
	lowNum = "abcdefghijklmnopqrstuvwxyz0123456789"
	letter = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
	b64    = alnum + "+/"
	b64url = alnum + "-_"
	digits = "0123456789"
	base32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"
)

// gen is a splitmix64 generator of synthetic token text.
type gen struct{ state uint64 }

func (g *gen) next() uint64 {
	g.state += 0x9e3779b97f4a7c15
	z := g.state
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9
	z = (z ^ (z >> 27)) * 0x94d049bb133111eb
	return z ^ (z >> 31)
}

// s returns n characters of alphabet.
func (g *gen) s(alphabet string, n int) string {
	var b strings.Builder
	for range n {
		b.WriteByte(alphabet[g.next()%uint64(len(alphabet))])
	}
	return b.String()
}

func (g *gen) uuid() string {
	return g.s(hexLow, 8) + "-" + g.s(hexLow, 4) + "-" + g.s(hexLow, 4) + "-" + g.s(hexLow, 4) + "-" + g.s(hexLow, 12)
}

// sample is a text and the secret a rule must report in it.
type sample struct{ text, secret string }

// in places secret into format at its %s.
func in(format, secret string) sample { return sample{fmt.Sprintf(format, secret), secret} }

// bare is a sample that is the secret alone.
func bare(secret string) sample { return sample{secret, secret} }

type ruleCase struct {
	tp []sample
	fp []string // texts in which the rule must find nothing
}

func b64json(s string) string { return base64.RawURLEncoding.EncodeToString([]byte(s)) }

// pem builds a synthetic PEM block of the given type.
func pem(g *gen, kind string, lines int) string {
	var b strings.Builder
	b.WriteString("-----BEGIN " + kind + "-----\n")
	for range lines {
		b.WriteString(g.s(b64, 64) + "\n")
	}
	b.WriteString(g.s(b64, 20) + "==\n-----END " + kind + "-----")
	return b.String()
}

// ruleCases holds at least one true and one false positive for every
// built-in rule; TestBuiltinRuleSamples checks that it does.
func ruleCases() map[string]ruleCase {
	g := &gen{state: 20240611}
	x := func(n int) string { return strings.Repeat("x", n) }
	X := func(n int) string { return strings.Repeat("X", n) }
	jwt := b64json(`{"alg":"HS256","typ":"JWT"}`) + "." + b64json(`{"sub":"`+g.s(alnum, 12)+`","iat":1700000000}`) + "." + g.s(b64url, 43)
	longJWT := b64json(`{"alg":"RS256","kid":"`+g.s(alnum, 40)+`"}`) + "." + b64json(`{"roles":"`+g.s(alnum, 900)+`"}`) + "." + g.s(b64url, 342)
	rsa := pem(g, "RSA PRIVATE KEY", 12)
	p8 := pem(g, "PRIVATE KEY", 10)
	sshKey := pem(g, "OPENSSH PRIVATE KEY", 6)
	saKey := strings.ReplaceAll(pem(g, "PRIVATE KEY", 8), "\n", `\n`) + `\n`
	pw := "Tr0ub4dor&" + g.s(alnum, 4)
	return map[string]ruleCase{
		// Cloud.
		"aws-access-key-id": {
			tp: []sample{bare("AKIA" + g.s(base32, 16)), in("aws_access_key_id = %s", "ASIA"+g.s(base32, 16))},
			fp: []string{"key = AKIA" + X(16), "aws_access_key: AKIAIOSFODNN7" + "EXAMPLE", "TODAYINASIA" + g.s(base32, 16)},
		},
		"aws-secret-access-key": {
			tp: []sample{in(`aws_secret_access_key = %s`, g.s(b64, 40)), in(`"AWS_SECRET_KEY": "%s"`, g.s(b64, 40))},
			fp: []string{"aws_secret_access_key = " + x(40), "secret_access_key = " + g.s(b64, 40)},
		},
		"aws-bedrock-api-key": {
			tp: []sample{bare("ABSKQmVkcm9ja0FQSUtleS" + g.s(b64, 110))},
			fp: []string{"ABSKQmVkcm9ja0FQSUtleS" + g.s(b64, 20)},
		},
		"gcp-api-key": {
			tp: []sample{in(`apiKey: "%s"`, "AIza"+g.s(b64url, 35))},
			fp: []string{"AIza" + strings.Repeat("a", 35), "AIzaSyabcdefghijklmnopqrstuvwxyz1234567", "AIza" + g.s(b64url, 40)},
		},
		"gcp-service-account-key": {
			tp: []sample{in(`{"type": "service_account", "project_id": "demo", "private_key": "%s", "client_email": "a@b"}`, saKey)},
			fp: []string{`{"type": "service_account", "project_id": "demo", "client_email": "a@b"}`},
		},
		"azure-storage-account-key": {
			tp: []sample{
				in("DefaultEndpointsProtocol=https;AccountName=demo;AccountKey=%s;EndpointSuffix=core.windows.net", g.s(b64, 86)+"=="),
				in(`azure_storage_key = "%s"`, g.s(b64, 86)+"=="),
			},
			fp: []string{"AccountKey=" + x(86) + "==", "AccountKey=" + g.s(b64, 40)},
		},
		"azure-shared-access-key": {
			tp: []sample{in("Endpoint=sb://demo.servicebus.windows.net/;SharedAccessKeyName=root;SharedAccessKey=%s", g.s(b64, 43)+"=")},
			fp: []string{"SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey=<key>"},
		},
		"azure-sas-token": {
			tp: []sample{in("https://demo.blob.core.windows.net/c?sv=2022-11-02&ss=b&srt=co&sp=r&se=2030-01-01&sig=%s", g.s(alnum, 40)+"%3D")},
			fp: []string{"https://demo.blob.core.windows.net/c?sv=2022-11-02&sp=r&sig=" + x(44)},
		},
		"azure-ad-client-secret": {
			tp: []sample{in(`client_secret="%s"`, g.s(alnum, 3)+"8Q~"+g.s(b64url, 34))},
			fp: []string{`client_secret="abc8Q~` + x(34) + `"`},
		},
		"alibaba-access-key-id": {
			tp: []sample{bare("LTAI" + g.s(alnum, 20))},
			fp: []string{"LTAI" + X(20), "ALTAI" + g.s(alnum, 20)},
		},
		"digitalocean-token": {
			tp: []sample{bare("dop_v1_" + g.s(hexLow, 64))},
			fp: []string{"dop_v1_" + strings.Repeat("0", 64)},
		},
		"heroku-api-key": {
			tp: []sample{in("HEROKU_API_KEY=%s", g.uuid()), bare("HRKU-" + g.s(b64url, 60))},
			fp: []string{"heroku_app_id=" + g.uuid(), "HRKU-" + x(60)},
		},
		"cloudflare-origin-ca-key": {
			tp: []sample{bare("v1.0-" + g.s(hexLow, 24) + "-" + g.s(hexLow, 146))},
			fp: []string{"v1.0-" + g.s(hexLow, 24)},
		},
		"cloudflare-api-token": {
			tp: []sample{in("CLOUDFLARE_API_TOKEN=%s", g.s(b64url, 40))},
			fp: []string{"CLOUDFLARE_API_TOKEN=" + x(40), "cloudflare_zone=" + g.s(b64url, 40)},
		},
		"terraform-cloud-token": {
			tp: []sample{in(`token = "%s"`, g.s(lowNum, 14)+".atlasv1."+g.s(lowNum, 67))},
			fp: []string{`token = "` + x(14) + ".atlasv1." + x(67) + `"`},
		},
		"vault-service-token": {
			tp: []sample{bare("hvs." + g.s(b64url, 95)), bare("hvb." + g.s(b64url, 150))},
			fp: []string{"hvs." + x(95), "hvs." + g.s(b64url, 20)},
		},
		"vault-legacy-token": {
			tp: []sample{in("VAULT_TOKEN=%s", "s.Ab3"+g.s(alnum, 21))},
			fp: []string{"token: s.THISSTRINGISALLUPPERCASE", "token: s.AcceptanceTimeoutSeconds"},
		},
		"databricks-token": {
			tp: []sample{bare("dapi" + g.s(hexLow, 32)), bare("dapi" + g.s(hexLow, 32) + "-2")},
			fp: []string{"DATABRICKS_TOKEN=dapi" + g.s(lowNum, 33) + "g"},
		},
		"openshift-user-token": {
			tp: []sample{in("oc login --token=%s", "sha256~"+g.s(b64url, 43))},
			fp: []string{"sha256~" + X(10) + "_PUT_YOUR_TOKEN_HERE_" + X(12)},
		},
		"fly-io-token": {
			tp: []sample{bare("fo1_" + g.s(b64url, 43))},
			fp: []string{"fo1_" + x(43)},
		},
		"planetscale-token": {
			tp: []sample{bare("pscale_tkn_" + g.s(b64url, 43))},
			fp: []string{"pscale_tkn_" + x(43)},
		},
		"scalingo-token": {
			tp: []sample{bare("tk-us-" + g.s(b64url, 48))},
			fp: []string{"tk-us-" + x(48)},
		},
		"doppler-token": {
			tp: []sample{bare("dp.pt." + g.s(alnum, 43)), bare("dp.st.dev." + g.s(alnum, 40))},
			fp: []string{"dp.pt." + x(43)},
		},
		"okta-api-token": {
			tp: []sample{in("OKTA_API_TOKEN=%s", "00"+g.s(b64url, 40))},
			fp: []string{"OKTA_API_TOKEN=00" + x(40)},
		},
		"onepassword-secret-key": {
			tp: []sample{bare("A3-" + g.s(upNum, 6) + "-" + g.s(upNum, 11) + "-" + g.s(upNum, 5) + "-" + g.s(upNum, 5) + "-" + g.s(upNum, 5))},
			fp: []string{"A3-" + X(6) + "-" + X(11) + "-" + X(5) + "-" + X(5) + "-" + X(5)},
		},
		"onepassword-service-account-token": {
			tp: []sample{in("export OP_SERVICE_ACCOUNT_TOKEN=%s", "ops_eyJ"+g.s(b64, 300))},
			fp: []string{"OP_SERVICE_ACCOUNT_TOKEN=ops_eyJ" + g.s(b64, 30) + "..."},
		},

		// Source control.
		"github-pat": {
			tp: []sample{in("git clone https://%s@github.com/o/r", "ghp_"+g.s(alnum, 36)), bare("ghp_" + g.s(alnum, 36))},
			fp: []string{"ghp_" + x(36), "ghp_" + g.s(alnum, 20)},
		},
		"github-fine-grained-pat": {
			tp: []sample{bare("github_pat_" + g.s(alnum, 22) + "_" + g.s(alnum, 59))},
			fp: []string{"github_pat_" + X(22) + "_" + X(59)},
		},
		"github-oauth-token": {tp: []sample{bare("gho_" + g.s(alnum, 36))}, fp: []string{"gho_" + x(36)}},
		"github-app-token": {
			tp: []sample{bare("ghu_" + g.s(alnum, 36)), bare("ghs_" + g.s(alnum, 36))},
			fp: []string{"ghs_" + x(36)},
		},
		"github-refresh-token": {tp: []sample{bare("ghr_" + g.s(alnum, 36))}, fp: []string{"ghr_" + x(36)}},
		"gitlab-token": {
			tp: []sample{bare("glpat-" + g.s(b64url, 20)), bare("glptt-" + g.s(hexLow, 40))},
			fp: []string{"glpat-" + X(11) + "-" + X(8), "glpat-" + x(8) + "-" + x(18) + "." + x(9)},
		},
		"gitlab-runner-registration-token": {
			tp: []sample{bare("GR1348941" + g.s(b64url, 20))},
			fp: []string{"GR1348941" + strings.Repeat("123", 7)[:20], "GR1348941" + X(20)},
		},
		"bitbucket-app-password": {tp: []sample{bare("ATBB" + g.s(alnum, 32))}, fp: []string{"ATBB" + x(32)}},
		"bitbucket-client-secret": {
			tp: []sample{in("BITBUCKET_CLIENT_SECRET=%s", g.s(alnum, 32))},
			fp: []string{"BITBUCKET_CLIENT_SECRET=" + x(32)},
		},
		"atlassian-api-token": {tp: []sample{bare("ATATT3" + g.s(b64url, 186))}, fp: []string{"ATATT3" + x(186)}},
		"atlassian-legacy-api-token": {
			tp: []sample{in("JIRA_API_TOKEN=%s", g.s(alnum, 24))},
			fp: []string{"getPagesInConfluenceSpace,searchConfluenceUsingCql", "JIRA_API_TOKEN=" + x(24)},
		},
		"sourcegraph-token": {
			tp: []sample{bare("sgp_" + g.s(hexLow, 40)), bare("sgp_local_" + g.s(hexUp, 40))},
			fp: []string{"sgp_5555555dAAAAA7777777CcccCF" + strings.Repeat("a", 14), "sgp_local_" + g.s(hexLow, 20) + "G" + g.s(hexLow, 19)},
		},
		"sourcegraph-legacy-token": {
			tp: []sample{in("sourcegraph: %s", g.s(hexLow, 40))},
			fp: []string{g.s(hexLow, 40)},
		},

		// Chat and messaging.
		"slack-bot-token": {
			tp: []sample{
				bare("xoxb-" + g.s(digits, 12) + "-" + g.s(digits, 13) + "-" + g.s(alnum, 24)),
				bare("xoxb-" + g.s(digits, 12) + "-" + g.s(alnum, 24)),
			},
			fp: []string{"xoxb-" + x(9) + "-" + x(10) + "-" + x(12), "xoxb-xoxb-my-bot-token", "xoxb-12345-abcd234"},
		},
		"slack-user-token": {
			tp: []sample{bare("xoxp-" + g.s(digits, 11) + "-" + g.s(digits, 12) + "-" + g.s(digits, 12) + "-" + g.s(hexLow, 32))},
			fp: []string{"xoxp-1234-1234-1234-" + g.s(hexLow, 32), "xoxp-" + g.s(digits, 12) + "-" + g.s(digits, 12) + "-" + g.s(digits, 12) + "-" + strings.Repeat("#", 20)},
		},
		"slack-legacy-token": {
			tp: []sample{bare("xoxs-" + g.s(digits, 10) + "-" + g.s(digits, 10) + "-" + g.s(digits, 10) + "-" + g.s(hexLow, 10))},
			fp: []string{"https://example.org/images/2018-250-xoxo-indieweb-1.jpg"},
		},
		"slack-app-token": {
			tp: []sample{bare("xapp-1-A" + g.s(upNum, 10) + "-" + g.s(digits, 13) + "-" + g.s(hexLow, 64))},
			fp: []string{"xapp-1-" + X(11) + "-" + x(13)},
		},
		"slack-config-token": {
			tp: []sample{bare("xoxe.xoxp-1-" + g.s(alnum, 164)), bare("xoxe-1-" + g.s(alnum, 146))},
			fp: []string{"xoxe.xoxp-1-SlackAppConfigurationAccessTokenHere", "xoxe-1-xxx"},
		},
		"slack-other-token": {tp: []sample{bare("xoxa-2-" + g.s(alnum, 40))}, fp: []string{"xoxa-2-" + x(40)}},
		"slack-webhook-url": {
			tp: []sample{in("https://%s", "hooks.slack.com/services/T"+g.s(upNum, 8)+"/B"+g.s(upNum, 10)+"/"+g.s(alnum, 24))},
			fp: []string{"https://hooks.slack.com/services/T00000000/B00000000/" + X(24)},
		},
		"discord-bot-token": {
			tp: []sample{in("DISCORD_TOKEN=%s", "M"+g.s(b64url, 23)+"."+g.s(b64url, 6)+"."+g.s(b64url, 27))},
			fp: []string{"DISCORD_TOKEN=M" + x(23) + "." + x(6) + "." + x(27)},
		},
		"discord-webhook-url": {
			tp: []sample{in("https://%s", "discord.com/api/webhooks/"+g.s(digits, 18)+"/"+g.s(b64url, 68))},
			fp: []string{"https://discord.com/api/webhooks/" + g.s(digits, 18) + "/" + x(68)},
		},
		"telegram-bot-token": {
			tp: []sample{bare(g.s(digits, 10) + ":AA" + g.s(b64url, 33)), in("https://api.telegram.org/bot%s/getMe", g.s(digits, 9)+":"+g.s(b64url, 35))},
			fp: []string{g.s(digits, 10) + ":AA" + x(33)},
		},
		"twilio-api-key": {
			tp: []sample{in("TWILIO_API_KEY=%s", "SK"+g.s(hexLow, 32)), in("twilio auth token: %s", g.s(hexLow, 32))},
			fp: []string{"SK" + g.s(hexLow, 32)},
		},
		"sendgrid-api-key": {
			tp: []sample{bare("SG." + g.s(b64url, 22) + "." + g.s(b64url, 43))},
			fp: []string{"SG." + x(22) + "." + x(43)},
		},
		"mailgun-api-key":   {tp: []sample{bare("key-" + g.s(hexLow, 32))}, fp: []string{"key-" + strings.Repeat("0", 32)}},
		"mailchimp-api-key": {tp: []sample{bare(g.s(hexLow, 32) + "-us12")}, fp: []string{strings.Repeat("0", 32) + "-us1"}},
		"postmark-server-token": {
			tp: []sample{in("POSTMARK_SERVER_TOKEN=%s", g.uuid())},
			fp: []string{"POSTMARK_SERVER_ID=" + g.uuid()},
		},
		"messagebird-api-key": {
			tp: []sample{in(`const MessageBirdClientID = "%s"`, g.uuid()), in("MESSAGEBIRD_ACCESS_KEY=%s", g.s(alnum, 25))},
			fp: []string{"MESSAGEBIRD_ACCESS_KEY=" + x(25)},
		},
		"facebook-access-token": {
			tp: []sample{in("facebook %s", g.s(digits, 16)+"|"+g.s(b64url, 27))},
			fp: []string{g.s(digits, 16) + "|" + x(27)},
		},
		"facebook-page-access-token": {
			tp: []sample{bare("EAAB" + g.s(alnum, 150))},
			fp: []string{"eaaa" + g.s(hexLow, 36), "EAAB" + g.s(alnum, 20)},
		},
		"facebook-app-secret": {
			tp: []sample{in(`facebook_app_secret = "%s"`, g.s(hexLow, 32))},
			fp: []string{`facebook_app_id = "` + g.s(digits, 16) + `"`},
		},
		"twitter-bearer-token": {
			tp: []sample{bare(strings.Repeat("A", 22) + g.s(alnum, 90))},
			fp: []string{strings.Repeat("A", 40)},
		},

		// Payments.
		"stripe-secret-key": {
			tp: []sample{bare("sk_live_" + g.s(alnum, 24)), bare("rk_prod_" + g.s(alnum, 99))},
			fp: []string{"sk_live_" + x(24), "sk_live_" + g.s(alnum, 8)},
		},
		"stripe-test-key":        {tp: []sample{bare("sk_test_" + g.s(alnum, 99))}, fp: []string{"sk_test_" + X(24)}},
		"stripe-publishable-key": {tp: []sample{bare("pk_live_" + g.s(alnum, 24))}, fp: []string{"pk_live_" + x(24)}},
		"stripe-webhook-secret":  {tp: []sample{bare("whsec_" + g.s(alnum, 32))}, fp: []string{"whsec_" + x(32)}},
		"square-access-token": {
			tp: []sample{bare("EAAA" + g.s(b64url, 60)), bare("sq0csp-" + g.s(b64url, 43))},
			fp: []string{"sq0csp-" + x(43)},
		},
		"braintree-access-token": {
			tp: []sample{bare("access_token$production$" + g.s(lowNum, 16) + "$" + g.s(hexLow, 32))},
			fp: []string{"access_token$production$" + x(16) + "$" + g.s(hexLow, 32)},
		},
		"paypal-client-secret": {
			tp: []sample{in("PAYPAL_CLIENT_SECRET=%s", "E"+g.s(b64url, 79))},
			fp: []string{"PAYPAL_CLIENT_SECRET=" + x(80)},
		},
		"shopify-token": {tp: []sample{bare("shpat_" + g.s(hexLow, 32))}, fp: []string{"shpat_" + strings.Repeat("a", 32)}},
		"flutterwave-secret-key": {
			tp: []sample{bare("FLWSECK_TEST-" + g.s(hexLow, 32) + "-X")},
			fp: []string{"FLWSECK_TEST-" + strings.Repeat("0", 32) + "-X"},
		},
		"shippo-api-token": {tp: []sample{bare("shippo_live_" + g.s(hexLow, 40))}, fp: []string{"shippo_live_" + strings.Repeat("0", 40)}},
		"easypost-api-key": {
			tp: []sample{bare("EZAK" + g.s(alnum, 54))},
			fp: []string{"...6wqX6fNUXA/rYqRvfQ+EZAKGqQRiRyqAFRQshGPWOIAwNWGORfKHSBnVNFtVmWYoW6PH23lkqbbDWep95C/3VmWq/edti6..."},
		},
		"duffel-api-token": {tp: []sample{bare("duffel_live_" + g.s(b64url, 43))}, fp: []string{"duffel_live_" + x(43)}},

		// AI providers.
		"openai-api-key": {
			tp: []sample{
				bare("sk-" + g.s(alnum, 20) + "T3BlbkFJ" + g.s(alnum, 20)),
				bare("sk-proj-" + g.s(b64url, 74) + "T3BlbkFJ" + g.s(b64url, 74)),
				bare("sk-svcacct-" + g.s(b64url, 90)),
			},
			fp: []string{"sk-proj-" + x(100), "sk-" + g.s(alnum, 48)},
		},
		"anthropic-api-key": {
			tp: []sample{bare("sk-ant-api03-" + g.s(b64url, 93) + "AA")},
			fp: []string{"sk-ant-api03-" + g.s(b64url, 93) + "BB", "sk-ant-api03-" + g.s(b64url, 60) + "AA"},
		},
		"anthropic-admin-key": {
			tp: []sample{bare("sk-ant-admin01-" + g.s(b64url, 93) + "AA")},
			fp: []string{"sk-ant-admin01-" + g.s(b64url, 50) + "AA"},
		},
		"huggingface-token": {
			tp: []sample{in("huggingface-cli login --token %s", "hf_"+g.s(letter, 34))},
			fp: []string{"- (id)hf_requiredCharacteristicTypesForDisplayMetadata;", "HF_TOKEN=hf_" + x(34)},
		},
		"cohere-api-key": {tp: []sample{in("CO_API_KEY=%s", g.s(alnum, 40))}, fp: []string{"CO_API_KEY=" + x(40)}},
		"groq-api-key":   {tp: []sample{bare("gsk_" + g.s(alnum, 52))}, fp: []string{"gsk_" + x(52)}},
		"xai-api-key":    {tp: []sample{bare("xai-" + g.s(alnum, 80))}, fp: []string{"xai-" + x(80)}},
		"perplexity-api-key": {
			tp: []sample{bare("pplx-" + g.s(alnum, 48))},
			fp: []string{"PERPLEXITY_API_KEY=pplx-" + x(48)},
		},
		"replicate-api-token": {tp: []sample{bare("r8_" + g.s(alnum, 37))}, fp: []string{"r8_" + x(37)}},
		"langsmith-api-key": {
			tp: []sample{bare("lsv2_pt_" + g.s(hexLow, 32) + "_" + g.s(hexLow, 10))},
			fp: []string{"lsv2_pt_" + strings.Repeat("0", 32) + "_" + g.s(hexLow, 10)},
		},

		// Developer tooling and operations.
		"npm-token":         {tp: []sample{in("//registry.npmjs.org/:_authToken=%s", "npm_"+g.s(alnum, 36))}, fp: []string{"npm_" + x(36)}},
		"pypi-token":        {tp: []sample{bare("pypi-AgEIcHlwaS5vcmc" + g.s(b64url, 70))}, fp: []string{"pypi-AgEIcHlwaS5vcmc" + x(70)}},
		"rubygems-api-key":  {tp: []sample{bare("rubygems_" + g.s(hexLow, 48))}, fp: []string{"rubygems_" + strings.Repeat("0", 48)}},
		"nuget-api-key":     {tp: []sample{bare("oy2" + g.s(lowNum, 43))}, fp: []string{"oy2" + x(43)}},
		"clojars-token":     {tp: []sample{bare("CLOJARS_" + g.s(lowNum, 60))}, fp: []string{"CLOJARS_" + x(60)}},
		"docker-hub-token":  {tp: []sample{bare("dckr_pat_" + g.s(b64url, 27))}, fp: []string{"dckr_pat_" + x(27)}},
		"artifactory-token": {tp: []sample{bare("AKCp" + g.s(alnum, 69))}, fp: []string{"lowEntropy := AKCp" + X(69)}},
		"pulumi-access-token": {
			tp: []sample{bare("pul-" + g.s(hexLow, 40))},
			fp: []string{`<img src="./assets/vipul-` + g.s(hexLow, 64) + `.png">`},
		},
		"prefect-api-key": {tp: []sample{bare("pnu_" + g.s(alnum, 36))}, fp: []string{`PREFECT_API_KEY = "pnu_` + X(36) + `"`}},
		"octopus-deploy-api-key": {
			tp: []sample{in(`set apikey="%s"`, "API-"+g.s(upNum, 26))},
			fp: []string{`msgstr "GSSAPI-VIRHEKAPSELOINTIMERKKIJONO."`, "https://example.notion.site/API-" + g.s(hexUp, 32)},
		},
		"infracost-api-token": {
			tp: []sample{in(`secret_value = "%s"`, "ico-"+g.s(alnum, 32))},
			fp: []string{"http://example.com/media/video_box.ico-" + g.s(hexLow, 32) + ".png"},
		},
		"harness-api-token": {
			tp: []sample{bare("pat." + g.s(b64url, 22) + "." + g.s(hexLow, 24) + "." + g.s(alnum, 20))},
			fp: []string{"pat." + x(22) + "." + g.s(hexLow, 24) + "." + x(20)},
		},
		"postman-api-key": {
			tp: []sample{bare("PMAK-" + g.s(hexLow, 24) + "-" + g.s(hexLow, 34))},
			fp: []string{"PMAK-" + strings.Repeat("0", 24) + "-" + strings.Repeat("0", 34)},
		},
		"grafana-service-account-token": {
			tp: []sample{in("'Authorization': 'Bearer %s'", "glsa_"+g.s(alnum, 32)+"_"+g.s(hexLow, 8))},
			fp: []string{"glsa_" + X(32) + "_AAAAAAAA"},
		},
		"grafana-cloud-token": {tp: []sample{bare("glc_" + g.s(b64, 80))}, fp: []string{"glc_" + x(80)}},
		"grafana-api-key": {
			tp: []sample{bare("eyJrIjoi" + g.s(alnum, 90))},
			fp: []string{"eyJrIjoi" + X(90)},
		},
		"datadog-api-key": {
			tp: []sample{in("DD_API_KEY=%s", g.s(hexLow, 32)), in("datadog_app_key: %s", g.s(hexLow, 40))},
			fp: []string{"DD_API_KEY=" + strings.Repeat("0", 32), "DD_SITE=" + g.s(hexLow, 32)},
		},
		"new-relic-key": {
			tp: []sample{bare("NRAK-" + g.s(upNum, 27)), bare(g.s(hexLow, 36) + "NRAL")},
			fp: []string{"NRAK-" + X(27)},
		},
		"sentry-token": {
			tp: []sample{bare("sntrys_eyJ" + g.s(b64, 120) + "_" + g.s(b64, 43)), bare("sntryu_" + g.s(hexLow, 64))},
			fp: []string{"sntryu_" + strings.Repeat("0", 64)},
		},
		"dynatrace-api-token": {
			tp: []sample{bare("dt0c01." + g.s(upNum, 24) + "." + g.s(upNum, 64))},
			fp: []string{"dt0c01." + X(24) + "." + X(64)},
		},
		"age-secret-key": {
			tp: []sample{bare("AGE-SECRET-KEY-1" + g.s("QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L", 58))},
			fp: []string{"AGE-SECRET-KEY-1" + strings.Repeat("Q", 58)},
		},
		"contentful-token": {tp: []sample{bare("CFPAT-" + g.s(b64url, 43))}, fp: []string{"CFPAT-" + x(43)}},
		"snyk-api-token": {
			tp: []sample{in(`SNYK_TOKEN := "%s"`, g.uuid()), in(`const SNYK_KEY = "%s"`, "12345678-ABCD-ABCD-ABCD-1234567890AB")},
			fp: []string{`SNYK_ORG_ID = "` + g.uuid() + `"`},
		},
		"sonar-api-token": {
			tp: []sample{in(`SONAR_LOGIN := "%s"`, g.s(alnum, 40)), in(`SONAR.TOKEN = "%s"`, "sqa_"+g.s(alnum, 40))},
			fp: []string{"SONAR_LOGIN = " + x(40)},
		},
		"sonar-token": {tp: []sample{bare("squ_" + g.s(hexLow, 40))}, fp: []string{"squ_" + strings.Repeat("0", 40)}},
		"sumologic-access-id": {
			tp: []sample{in(`sumologic.accessId = "%s"`, "su"+g.s(alnum, 10)+"7Q")},
			fp: []string{"sumObj = su" + g.s(alnum, 12), "export SUMOLOGIC_ACCESSID=" + X(14), "SUMOLOGIC_ACCESSID: ${SUMOLOGIC_ACCESSID}"},
		},
		"sumologic-access-key": {
			tp: []sample{in(`export SUMOLOGIC_ACCESSKEY="%s"`, g.s(alnum, 64))},
			fp: []string{"SUMO_ACCESS_KEY=" + x(64), "sumOfExposures = " + g.s(alnum, 64) + ";"},
		},
		"sidekiq-credentials": {
			tp: []sample{in("export BUNDLE_ENTERPRISE__CONTRIBSYS__COM=%s", g.s(hexLow, 8)+":"+g.s(hexLow, 8))},
			fp: []string{"BUNDLE_GEMS__CONTRIBSYS__COM: ${SIDEKIQ_CREDS}"},
		},
		"intra42-client-secret": {
			tp: []sample{bare("s-s4t2ud-" + g.s(hexLow, 64))},
			fp: []string{"s-s4t2ud-" + strings.Repeat("0", 64)},
		},
		"clickhouse-cloud-key": {
			tp: []sample{bare("4b1d" + g.s(alnum, 38))},
			fp: []string{"key = 4b1d" + X(38), "key = adf4b1d" + g.s(alnum, 38)},
		},

		// Productivity and other services.
		"notion-token": {
			tp: []sample{bare("ntn_" + g.s(digits, 11) + g.s(alnum, 35)), bare("secret_" + g.s(alnum, 43))},
			fp: []string{"secret_" + x(43)},
		},
		"linear-api-key": {tp: []sample{bare("lin_api_" + g.s(alnum, 40))}, fp: []string{"lin_api_" + x(40)}},
		"airtable-token": {
			tp: []sample{bare("pat" + g.s(alnum, 14) + "." + g.s(hexLow, 64))},
			fp: []string{"pat" + X(14) + "." + strings.Repeat("0", 64)},
		},
		"hubspot-private-app-token": {tp: []sample{bare("pat-na1-" + g.uuid())}, fp: []string{"pat-na1-" + strings.Repeat("0", 8) + "-0000-0000-0000-" + strings.Repeat("0", 12)}},
		"hubspot-api-key": {
			tp: []sample{in(`const hubspotKey = "%s"`, g.uuid())},
			fp: []string{`const hubspotPortal = "` + g.uuid() + `"`},
		},
		"dropbox-token":       {tp: []sample{bare("sl." + g.s(b64url, 140))}, fp: []string{"sl." + x(140)}},
		"mapbox-secret-token": {tp: []sample{bare("sk.eyJ" + g.s(b64url, 60) + "." + g.s(b64url, 22))}, fp: []string{"sk.eyJ" + x(60) + "." + x(22)}},
		"typeform-token":      {tp: []sample{bare("tfp_" + g.s(b64url, 59))}, fp: []string{"tfp_" + x(59)}},
		"readme-api-key": {
			tp: []sample{bare("rdme_" + g.s(lowNum, 70))},
			fp: []string{"const API_KEY = 'rdme_" + X(70) + "';"},
		},
		"adobe-client-secret": {tp: []sample{bare("p8e-" + g.s(alnum, 32))}, fp: []string{"p8e-" + x(32)}},
		"supabase-token": {
			tp: []sample{bare("sbp_" + g.s(hexLow, 40)), bare("sb_secret_" + g.s(b64url, 32))},
			fp: []string{"sbp_" + strings.Repeat("0", 40)},
		},
		"netlify-token":   {tp: []sample{bare("nfp_" + g.s(alnum, 36))}, fp: []string{"nfp_" + x(36)}},
		"tailscale-key":   {tp: []sample{bare("tskey-auth-k" + g.s(alnum, 10) + "CNTRL-" + g.s(alnum, 32))}, fp: []string{"tskey-auth-" + x(10) + "-" + x(32)}},
		"buildkite-token": {tp: []sample{bare("bkua_" + g.s(hexLow, 40))}, fp: []string{"bkua_" + strings.Repeat("0", 40)}},
		"circleci-token": {
			tp: []sample{bare("CCIPAT_" + g.s(alnum, 22) + "_" + g.s(hexLow, 40))},
			fp: []string{"CCIPAT_" + X(22) + "_" + g.s(hexLow, 40)},
		},
		"pinecone-api-key": {tp: []sample{bare("pcsk_" + g.s(alnum, 60))}, fp: []string{"pcsk_" + x(60)}},
		"firebase-server-key": {
			tp: []sample{in(`"server_key": "%s"`, "AAAA"+g.s(b64url, 7)+":APA91b"+g.s(b64url, 134))},
			fp: []string{"AAAA" + g.s(b64url, 7) + ":APA91b" + x(134)},
		},
		"figma-token": {tp: []sample{bare("figd_" + g.s(b64url, 40))}, fp: []string{"figd_" + x(40)}},
		"brevo-api-key": {
			tp: []sample{bare("xkeysib-" + g.s(hexLow, 64) + "-" + g.s(alnum, 16))},
			fp: []string{"xkeysib-" + strings.Repeat("0", 64) + "-" + X(16)},
		},
		"frameio-token": {tp: []sample{bare("fio-u-" + g.s(b64url, 64))}, fp: []string{"fio-u-" + x(64)}},

		// Structure.
		"private-key": {
			tp: []sample{bare(rsa), bare(p8), in("key:\n%s\n", sshKey), bare(pem(g, "PGP PRIVATE KEY BLOCK", 8))},
			fp: []string{
				"-----BEGIN RSA PRIVATE KEY-----\n...\n-----END RSA PRIVATE KEY-----",
				"-----BEGIN PRIVATE KEY-----" + X(1500) + "-----END PRIVATE KEY-----",
				"-----BEGIN PUBLIC KEY-----\n" + g.s(b64, 64) + "\n" + g.s(b64, 64) + "\n-----END PUBLIC KEY-----",
			},
		},
		"putty-private-key": {
			tp: []sample{bare("PuTTY-User-Key-File-2: ssh-rsa\nEncryption: none\nComment: demo\nPublic-Lines: 1\n" +
				g.s(b64, 64) + "\nPrivate-Lines: 2\n" + g.s(b64, 64) + "\n" + g.s(b64, 40))},
			fp: []string{"PuTTY-User-Key-File-2: ssh-rsa\nEncryption: none\nPrivate-Lines: 2\n" + X(64) + "\n" + X(64)},
		},
		"jwt": {
			tp: []sample{bare(jwt), in(`"Authorization": "Bearer %s"`, jwt), in(`{"id_token": "%s"}`, longJWT)},
			fp: []string{
				b64json(`{"name":"not a header"}`) + "." + g.s(b64url, 20) + "." + g.s(b64url, 20),
				"eyJhbGciOiJIUzI1NiJ9",
			},
		},
		"database-url": {
			tp: []sample{
				in("DATABASE_URL=postgres://app:%s@db.internal:5432/app", pw),
				in("mongodb+srv://admin:%s@cluster0.example.net/test", g.s(alnum, 16)),
				in("redis://default:%s@cache:6379/0", g.s(alnum, 20)),
			},
			fp: []string{"postgres://app:password@localhost/app", "postgres://app:${DB_PASSWORD}@db/app", "mysql://localhost:3306/app"},
		},
		"url-credentials": {
			tp: []sample{in("https://deploy:%s@git.example.com/repo.git", g.s(alnum, 18))},
			fp: []string{"https://user:<password>@example.com", "https://user:****@example.com", "http://localhost:8080/path"},
		},
		"jdbc-password": {
			tp: []sample{
				in("jdbc:sqlserver://db:1433;databaseName=app;user=sa;password=%s;", "Tr0ub4dor"+g.s(alnum, 5)),
				in("jdbc:oracle:thin:scott/%s@//db:1521/orcl", "T1ger"+g.s(alnum, 6)),
			},
			fp: []string{"jdbc:postgresql://db/app?user=app&password=${DB_PASS}"},
		},
		"http-authorization-header": {
			tp: []sample{
				in(`curl -H "Authorization: Bearer %s" https://api.example.com`, g.s(b64url, 40)),
				in("Authorization: Basic %s", base64.StdEncoding.EncodeToString([]byte("admin:"+g.s(alnum, 12)))),
				in(`curl --header 'Authorization: %s'`, g.uuid()),
			},
			fp: []string{
				`curl -H "Authorization: Bearer $API_KEY"`, `-H "Authorization: Bearer <token>"`,
				`-H "Authorization: Token **********"`, "Authorization: Negotiate", "Authorization: Bearer " + X(12),
			},
		},
		"http-api-key-header": {
			tp: []sample{in(`curl -X GET -H "X-Api-Key: %s" https://x`, g.s(alnum, 24)), in(`curl --header "Api-Token: %s"`, "Sk9"+g.s(alnum, 8))},
			fp: []string{`curl -H "apikey: $API_KEY"`, `curl -H "X-Api-Key: {{apiKey}}"`},
		},
		"password-assignment": {
			tp: []sample{
				in(`db_password = "%s"`, pw),
				in("spring.datasource.password=%s", "s3cr3t-"+g.s(alnum, 6)),
				in("password: %s", "Hunter2!"+g.s(digits, 3)),
				in(`{"user": "bob", "passwd": "%s"}`, "correct horse battery"),
				in("DB_PASS=%s", "supersecretvalue"),
				in("<connection><password>%s</password></connection>", "Xk2-"+g.s(alnum, 8)),
			},
			fp: []string{
				"password: reset it from the settings page", "password = os.getenv(\"PW\")", "password: ${DB_PASSWORD}",
				`password = "changeme"`, "password: str", "PuttyPassword=0", "password = self.password",
				"compass: north-west", `passwd: "********"`, "snowflake.password=\njdbc.snowflake.url=",
			},
		},
		"cli-credential-flag": {
			tp: []sample{
				in("psql --password %s -h db", "Pg-"+g.s(alnum, 10)),
				in("mysql -u root -p%s app < dump.sql", "My5ql"+g.s(alnum, 6)),
				in("cli login --token %s", g.s(alnum, 32)),
			},
			fp: []string{"run with --token $TOKEN", "mysql -u root -p app", "use --password <password>", "--password-file ./pw.txt"},
		},
		"generic-secret": {
			tp: []sample{
				in(`"client_secret" : "%s",`, g.s(hexLow, 64)),
				in(`api_key = '%s'`, g.s(alnum, 32)),
				in(`utils.GetEnvOrDefault("api_token", "%s")`, g.uuid()),
				in("SECRET_KEY=%s", g.s(b64, 50)),
			},
			fp: []string{
				`public_key = "` + g.s(alnum, 43) + `"`, "csrf-token=" + g.s(b64, 64), `clientId = "` + g.uuid() + `"`,
				`"kms_key_id": "` + g.uuid() + `"`, "secret_length = X25519.secret_length", `LLM_SECRET_NAME = "NEXUS-GPT4-API-KEY"`,
				`access_token_url='https://github.com/login/oauth/access_token'`, `const keyStr = "` + alnum + `"`,
				"JFROG_SECRET = $(cat /run/secrets/jfrog_secret)", `notes = "Maven - io.jsonwebtoken:jjwt-jackson-0.11.2"`,
				`api_key = "` + strings.Repeat("ab", 16) + `"`, `token: "your-api-token-here"`,
			},
		},
	}
}
