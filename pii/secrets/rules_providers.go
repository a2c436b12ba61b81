package secrets

import "github.com/textnlp/textguard/guard"

// Provider rules. Each pattern follows the token format the provider
// documents or that its tokens visibly share (a fixed prefix, a length, an
// alphabet). Tokens with a distinctive prefix are found alone; tokens that
// are plain hex or UUIDs are found only when assigned to a key that names
// the provider.

const (
	crit = guard.SeverityCritical
	high = guard.SeverityHigh
)

func cloudRules() []Rule {
	return []Rule{
		{
			ID: "aws-access-key-id", Category: "cloud",
			Description: "AWS access key ID (AKIA long-term, ASIA temporary)",
			Pattern:     `\b((?:AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16})\b`,
			Keywords:    []string{"akia", "asia", "abia", "acca"},
			MinEntropy:  3, Allow: samples(), Confirm: notSample, Severity: crit, Score: 0.95, MaxLen: 20,
		},
		{
			ID: "aws-secret-access-key", Category: "cloud",
			Description: "AWS secret access key assigned to an AWS secret key name",
			Pattern:     keyed(`aws[\w.\-]*?(?:secret|private)[\w.\-]*`, `[A-Za-z0-9/+]{40}`) + `(?:[^A-Za-z0-9/+=]|$)`,
			Keywords:    []string{"aws"},
			MinEntropy:  4, Allow: placeholders(), Confirm: plain, Severity: crit, Score: 0.95, MaxLen: 40,
		},
		token("aws-bedrock-api-key", "cloud", "Amazon Bedrock long-term API key",
			`(ABSKQmVkcm9ja0FQSUtleS[A-Za-z0-9+/]{100,}={0,2})`+end,
			[]string{"absk"}, 4, crit, 0.95),
		token("gcp-api-key", "cloud", "Google Cloud API key (AIza)",
			`(AIza[\w\-]{35})`+end, []string{"aiza"}, 3.5, high, 0.85),
		{
			ID: "gcp-service-account-key", Category: "cloud",
			Description: "private key inside a Google Cloud service account JSON key file",
			Pattern:     `"type"\s*:\s*"service_account"[^{}]*?"private_key"\s*:\s*"(-----BEGIN PRIVATE KEY-----[A-Za-z0-9+/=\\\s]{64,}-----END PRIVATE KEY-----(?:\\n)?)"`,
			Keywords:    []string{"service_account"},
			MinEntropy:  4, Allow: []string{`(?i)x{8,}|\.{3}`}, Severity: crit, Score: 0.99, MaxLen: 8192,
			Reach: 8192,
		},
		{
			ID: "azure-storage-account-key", Category: "cloud",
			Description: "Azure storage account key in a connection string or assigned to an Azure key name",
			Pattern: `(?i:AccountKey)[ \t]*=[ \t]*([A-Za-z0-9+/]{86}==)|` +
				keyed(`(?:azure|storage)[\w.\-]*?(?:key|secret)[\w.\-]*`, `[A-Za-z0-9+/]{86}==`),
			Keywords:   []string{"accountkey", "azure", "storage"},
			MinEntropy: 4.5, Allow: placeholders(), Confirm: plain, Severity: crit, Score: 0.95, MaxLen: 88,
		},
		{
			ID: "azure-shared-access-key", Category: "cloud",
			Description: "Azure Service Bus, Event Hubs or IoT Hub shared access key",
			Pattern:     `(?i:SharedAccessKey)[ \t]*=[ \t]*([A-Za-z0-9+/]{42,}=)`,
			Keywords:    []string{"sharedaccesskey"},
			MinEntropy:  4, Allow: placeholders(), Confirm: plain, Severity: crit, Score: 0.95, MaxLen: 48,
		},
		{
			ID: "azure-sas-token", Category: "cloud",
			Description: "signature of an Azure shared access signature URL",
			Pattern:     `[?&]sv=\d{4}-\d{2}-\d{2}&[^\s"'<>]*?\bsig=([A-Za-z0-9%+/]{40,})`,
			Keywords:    []string{"sig="},
			MinEntropy:  4, Allow: placeholders(), Confirm: plain, Severity: high, Score: 0.9, MaxLen: 128, Reach: 1024,
		},
		{
			ID: "azure-ad-client-secret", Category: "cloud",
			Description: "Microsoft Entra ID (Azure AD) application client secret",
			Pattern:     `(?:^|[\\'"\x60\s>=:(,])([A-Za-z0-9_~.]{3}\dQ~[A-Za-z0-9_~.\-]{31,34})(?:$|[\\'"\x60\s<),])`,
			Keywords:    []string{"q~"},
			MinEntropy:  3.5, Allow: samples(), Confirm: notSample, Severity: crit, Score: 0.9, MaxLen: 40,
		},
		token("alibaba-access-key-id", "cloud", "Alibaba Cloud AccessKey ID",
			`(LTAI[A-Za-z0-9]{20})\b`, []string{"ltai"}, 3.5, high, 0.85),
		token("digitalocean-token", "cloud", "DigitalOcean personal access, OAuth or refresh token",
			`(do[opr]_v1_[a-f0-9]{64})\b`, []string{"dop_v1_", "doo_v1_", "dor_v1_"}, 3, crit, 0.97),
		{
			ID: "heroku-api-key", Category: "cloud",
			Description: "Heroku API key (HRKU- or a UUID assigned to a Heroku key name)",
			Pattern: `\b(HRKU-[A-Za-z0-9_\-]{40,})` + end + `|` +
				keyed(`heroku[\w.\-]*?(?:key|token|secret)[\w.\-]*`, uuid) + `\b`,
			Keywords:   []string{"hrku-", "heroku"},
			MinEntropy: 3, Allow: placeholders(), Confirm: plain, Severity: crit, Score: 0.9, MaxLen: 96,
		},
		token("cloudflare-origin-ca-key", "cloud", "Cloudflare origin CA key",
			`(v1\.0-[a-f0-9]{24}-[a-f0-9]{146})\b`, []string{"v1.0-"}, 3, high, 0.9),
		{
			ID: "cloudflare-api-token", Category: "cloud",
			Description: "Cloudflare API token or global API key assigned to a Cloudflare key name",
			Pattern:     keyed(`cloudflare[\w.\-]*?(?:key|token|secret)[\w.\-]*`, `[A-Za-z0-9_\-]{37,}`) + end,
			Keywords:    []string{"cloudflare"},
			MinEntropy:  3.5, Allow: placeholders(), Confirm: plain, Severity: high, Score: 0.85, MaxLen: 40,
		},
		token("terraform-cloud-token", "cloud", "HashiCorp Terraform Cloud / Enterprise API token",
			`(?i)([a-z0-9]{14}\.atlasv1\.[a-z0-9\-_=]{60,})`+end, []string{"atlasv1"}, 3.5, crit, 0.95),
		token("vault-service-token", "cloud", "HashiCorp Vault service, batch or recovery token",
			`(hv[sbr]\.[A-Za-z0-9_\-]{90,})`+end, []string{"hvs.", "hvb.", "hvr."}, 4, crit, 0.95),
		{
			ID: "vault-legacy-token", Category: "cloud",
			Description: "HashiCorp Vault service token of the pre-1.10 form (s.) assigned to a token key",
			Pattern:     keyed(`(?:vault|token)[\w.\-]*`, `s\.[A-Za-z0-9]{24}`) + `\b`,
			Keywords:    []string{"vault", "token"},
			MinEntropy:  3.5, Allow: placeholders(), Confirm: both(plain, mixedCase),
			Severity: crit, Score: 0.85, MaxLen: 26,
		},
		token("databricks-token", "cloud", "Databricks personal access token",
			`(dapi[a-f0-9]{32}(?:-\d)?)\b`, []string{"dapi"}, 3, crit, 0.9),
		token("openshift-user-token", "cloud", "OpenShift user or OAuth access token",
			`(sha256~[\w\-]{43})`+end, []string{"sha256~"}, 3.5, high, 0.9),
		token("fly-io-token", "cloud", "Fly.io access token",
			`(fo1_[\w\-]{43}|fm[12][ar]?_[A-Za-z0-9+/]{100,}={0,3})`, []string{"fo1_", "fm1", "fm2"}, 4, high, 0.9),
		token("planetscale-token", "cloud", "PlanetScale API token, OAuth token or password",
			`(pscale_(?:tkn|oauth|pw)_[A-Za-z0-9_\-.=]{32,})`+end, []string{"pscale_"}, 3.5, crit, 0.95),
		token("scalingo-token", "cloud", "Scalingo API token",
			`(tk-us-[\w\-]{48})`+end, []string{"tk-us-"}, 3.5, high, 0.9),
		token("doppler-token", "cloud", "Doppler personal, service, service account, CLI, SCIM or audit token",
			`(dp\.(?:pt|st|sa|ct|scim|audit)\.(?:[a-z0-9_\-]{1,}\.)?[A-Za-z0-9]{40,})\b`,
			[]string{"dp.pt.", "dp.st.", "dp.sa.", "dp.ct.", "dp.scim.", "dp.audit."}, 3.5, crit, 0.95),
		{
			ID: "okta-api-token", Category: "cloud",
			Description: "Okta API token assigned to an Okta key name",
			Pattern:     keyed(`okta[\w.\-]*?(?:key|token|secret)[\w.\-]*`, `00[A-Za-z0-9_\-]{40}`) + end,
			Keywords:    []string{"okta"},
			MinEntropy:  3.5, Allow: placeholders(), Confirm: plain, Severity: crit, Score: 0.9, MaxLen: 42,
		},
		token("onepassword-secret-key", "cloud", "1Password account secret key",
			`(A3-[A-Z0-9]{6}-(?:[A-Z0-9]{11}|[A-Z0-9]{6}-[A-Z0-9]{5})-[A-Z0-9]{5}-[A-Z0-9]{5}-[A-Z0-9]{5})\b`,
			[]string{"a3-"}, 3.5, crit, 0.95),
		token("onepassword-service-account-token", "cloud", "1Password service account token",
			`(ops_eyJ[A-Za-z0-9+/]{250,}={0,3})`, []string{"ops_eyj"}, 4, crit, 0.95),
	}
}

func vcsRules() []Rule {
	return []Rule{
		token("github-pat", "vcs", "GitHub classic personal access token",
			`(ghp_[A-Za-z0-9]{36})\b`, []string{"ghp_"}, 3, crit, 0.97),
		token("github-fine-grained-pat", "vcs", "GitHub fine-grained personal access token",
			`(github_pat_[A-Za-z0-9]{22}_[A-Za-z0-9]{59})\b`, []string{"github_pat_"}, 3, crit, 0.97),
		token("github-oauth-token", "vcs", "GitHub OAuth access token",
			`(gho_[A-Za-z0-9]{36})\b`, []string{"gho_"}, 3, crit, 0.97),
		token("github-app-token", "vcs", "GitHub App user-to-server or installation token",
			`((?:ghu|ghs)_[A-Za-z0-9]{36})\b`, []string{"ghu_", "ghs_"}, 3, crit, 0.97),
		token("github-refresh-token", "vcs", "GitHub refresh token",
			`(ghr_[A-Za-z0-9]{36,})\b`, []string{"ghr_"}, 3, crit, 0.97),
		token("gitlab-token", "vcs", "GitLab personal, project, group, deploy, runner, trigger, CI, feed or OAuth token",
			`((?:glpat|gldt|glrt|glrtr|glcbt|glimt|glagent|gloas|glsoat|glffct|glft|glptt)-[0-9A-Za-z_\-]{20,}(?:\.[0-9a-z]{2}\.[0-9a-z]{7}|\.[0-9a-z]{9})?)`+end,
			[]string{"glpat-", "gldt-", "glrt-", "glrtr-", "glcbt-", "glimt-", "glagent-", "gloas-", "glsoat-", "glffct-", "glft-", "glptt-"},
			3, crit, 0.95),
		token("gitlab-runner-registration-token", "vcs", "GitLab runner registration token",
			`(GR1348941[\w\-]{20})`+end, []string{"gr1348941"}, 3, high, 0.9),
		token("bitbucket-app-password", "vcs", "Bitbucket app password",
			`(ATBB[A-Za-z0-9_=.\-]{28,})`+end, []string{"atbb"}, 3.5, crit, 0.9),
		{
			ID: "bitbucket-client-secret", Category: "vcs",
			Description: "Bitbucket OAuth client secret assigned to a Bitbucket key name",
			Pattern:     keyed(`bitbucket[\w.\-]*?(?:secret|key|token|password)[\w.\-]*`, `[A-Za-z0-9_=\-]{32,}`) + end,
			Keywords:    []string{"bitbucket"},
			MinEntropy:  3.5, Allow: placeholders(), Confirm: plain, Severity: high, Score: 0.85, MaxLen: 64,
		},
		token("atlassian-api-token", "vcs", "Atlassian (Jira, Confluence) API token",
			`(ATATT3[A-Za-z0-9_\-=]{150,})`+end, []string{"atatt3"}, 4, crit, 0.95),
		{
			ID: "atlassian-legacy-api-token", Category: "vcs",
			Description: "Atlassian API token of the 24-character form assigned to a Jira, Confluence or Atlassian key name",
			Pattern:     keyed(`(?:jira|confluence|atlassian)[\w.\-]*?(?:token|key|secret|password|pass)[\w.\-]*`, `[A-Za-z0-9]{24}`) + `\b`,
			Keywords:    []string{"jira", "confluence", "atlassian"},
			MinEntropy:  3.5, Allow: placeholders(), Confirm: plain, Severity: high, Score: 0.85, MaxLen: 24,
		},
		token("sourcegraph-token", "vcs", "Sourcegraph access token",
			`(sgp_(?:[a-fA-F0-9]{16}|local)_[a-fA-F0-9]{40}|sgp_[a-fA-F0-9]{40})\b`, []string{"sgp_"}, 3, high, 0.9),
		{
			ID: "sourcegraph-legacy-token", Category: "vcs",
			Description: "Sourcegraph access token of the unprefixed 40-hex form assigned to a Sourcegraph key name",
			Pattern:     keyed(`sourcegraph[\w.\-]*`, `[a-fA-F0-9]{40}`) + `\b`,
			Keywords:    []string{"sourcegraph"},
			MinEntropy:  3, Allow: placeholders(), Confirm: plain, Severity: high, Score: 0.85, MaxLen: 40,
		},
	}
}

func chatRules() []Rule {
	return []Rule{
		token("slack-bot-token", "chat", "Slack bot token",
			`(xoxb-[0-9]{10,13}-[0-9]{10,13}-[A-Za-z0-9]{20,32}|xoxb-[0-9]{8,14}-[A-Za-z0-9]{18,26})\b`,
			[]string{"xoxb-"}, 3, crit, 0.95),
		token("slack-user-token", "chat", "Slack user token",
			`(xox[pe](?:-[0-9]{10,13}){3}-[A-Za-z0-9]{28,34})\b`, []string{"xoxp-", "xoxe-"}, 3, crit, 0.95),
		token("slack-legacy-token", "chat", "Slack legacy workspace or user token",
			`(xox[os]-[0-9]+-[0-9]+-[0-9]+-[a-fA-F0-9]+)\b`, []string{"xoxo-", "xoxs-"}, 3, crit, 0.9),
		token("slack-app-token", "chat", "Slack app-level token",
			`(?i)(xapp-\d-[A-Z0-9]+-\d+-[a-z0-9]+)\b`, []string{"xapp-"}, 3, crit, 0.95),
		token("slack-config-token", "chat", "Slack app configuration access or refresh token",
			`(?i)(xoxe\.xox[bp]-\d-[A-Z0-9]{163,}|xoxe-\d-[A-Z0-9]{146})\b`, []string{"xoxe"}, 3.5, crit, 0.95),
		token("slack-other-token", "chat", "Slack workspace app or refresh token",
			`(xox[ar]-[0-9]-?[A-Za-z0-9\-]{20,})\b`, []string{"xoxa-", "xoxr-"}, 3.5, high, 0.85),
		token("slack-webhook-url", "chat", "Slack incoming webhook or workflow trigger URL",
			`(hooks\.slack\.com/(?:services|workflows|triggers)/[A-Za-z0-9_/+\-]{40,})`,
			[]string{"hooks.slack.com"}, 3.5, high, 0.95),
		{
			ID: "discord-bot-token", Category: "chat",
			Description: "Discord bot token near the word Discord",
			Pattern:     `(?i:discord)[^\n]{0,60}?\b([MNO][A-Za-z0-9_\-]{23,25}\.[A-Za-z0-9_\-]{6}\.[A-Za-z0-9_\-]{27,38})` + end,
			Keywords:    []string{"discord"},
			MinEntropy:  4, Allow: samples(), Confirm: notSample, Severity: crit, Score: 0.9, MaxLen: 72, Reach: 512,
		},
		token("discord-webhook-url", "chat", "Discord webhook URL",
			`(discord(?:app)?\.com/api/webhooks/\d{17,20}/[\w\-]{60,})`+end, []string{"discord"}, 3.5, high, 0.95),
		{
			ID: "telegram-bot-token", Category: "chat",
			Description: "Telegram bot token",
			Pattern: `\b(\d{8,10}:AA[A-Za-z0-9_\-]{33})` + end + `|` +
				`api\.telegram\.org/bot(\d{5,12}:[A-Za-z0-9_\-]{35})` + end,
			Keywords:   []string{":aa", "telegram"},
			MinEntropy: 3.5, Allow: samples(), Confirm: notSample, Severity: crit, Score: 0.9, MaxLen: 48,
		},
		{
			ID: "twilio-api-key", Category: "chat",
			Description: "Twilio API key SID or auth token near the word Twilio",
			Pattern:     `(?i:twilio)[^\n]{0,40}?\b(SK[0-9a-fA-F]{32}|[0-9a-f]{32})\b`,
			Keywords:    []string{"twilio"},
			MinEntropy:  3, Allow: samples(), Confirm: notSample, Severity: crit, Score: 0.85, MaxLen: 34,
		},
		token("sendgrid-api-key", "chat", "SendGrid API key",
			`(SG\.[A-Za-z0-9_\-]{22}\.[A-Za-z0-9_\-]{43})`+end, []string{"sg."}, 4, crit, 0.97),
		token("mailgun-api-key", "chat", "Mailgun private API key",
			`(key-[0-9a-f]{32})\b`, []string{"key-"}, 3, crit, 0.85),
		token("mailchimp-api-key", "chat", "Mailchimp API key",
			`([0-9a-f]{32}-us[0-9]{1,2})\b`, []string{"-us"}, 3, high, 0.9),
		token("postmark-server-token", "chat", "Postmark server or account token assigned to a Postmark key name",
			`(?i:postmark)[\w.\-]*?(?i:token|key)[\w.\-]*`+assign+`(`+uuid+`)\b`,
			[]string{"postmark"}, 3, high, 0.85),
		{
			ID: "messagebird-api-key", Category: "chat",
			Description: "MessageBird access key or client ID assigned to a MessageBird key name",
			Pattern:     keyed(`message[_\-]?bird[\w.\-]*?(?:key|token|id|secret)[\w.\-]*`, `[A-Za-z0-9]{25}|`+uuid) + `\b`,
			Keywords:    []string{"messagebird", "message_bird", "message-bird"},
			Allow:       placeholders(), Confirm: plain, Severity: high, Score: 0.85, MaxLen: 36,
		},
		{
			ID: "facebook-access-token", Category: "chat",
			Description: "Facebook app access token (app ID | app secret)",
			Pattern:     `\b(\d{15,16}(?:\||%7C)[A-Za-z0-9_\-]{27})` + end,
			Keywords:    []string{"|", "%7c"},
			MinEntropy:  3.5, Allow: samples(), Confirm: notSample, Severity: crit, Score: 0.9, MaxLen: 48,
		},
		token("facebook-page-access-token", "chat", "Facebook user or page access token",
			`(EAA[A-Z][A-Za-z0-9]{90,})`+end, []string{"eaa"}, 4, crit, 0.9),
		{
			ID: "facebook-app-secret", Category: "chat",
			Description: "Facebook app secret or client token assigned to a Facebook key name",
			Pattern:     keyed(`facebook[\w.\-]*?(?:secret|token|key)[\w.\-]*`, `[a-f0-9]{32}`) + `\b`,
			Keywords:    []string{"facebook"},
			MinEntropy:  3, Allow: placeholders(), Confirm: plain, Severity: crit, Score: 0.9, MaxLen: 32,
		},
		{
			ID: "twitter-bearer-token", Category: "chat",
			Description: "Twitter / X API app-only bearer token",
			Pattern:     `\b(A{22}[A-Za-z0-9%]{80,})` + end,
			Keywords:    []string{"aaaaaaaaaaaaaaaaaaaaaa"},
			MinEntropy:  3.5, Confirm: notMasked, Severity: high, Score: 0.9, MaxLen: 142,
		},
	}
}

func paymentRules() []Rule {
	pk := token("stripe-publishable-key", "payment", "Stripe live publishable key, "+
		"meant for browsers but naming the account",
		`(pk_live_[A-Za-z0-9]{20,})\b`, []string{"pk_live_"}, 3.5, guard.SeverityMedium, 0.4)
	return []Rule{
		token("stripe-secret-key", "payment", "Stripe live secret or restricted key",
			`((?:sk|rk)_(?:live|prod)_[A-Za-z0-9]{20,})\b`,
			[]string{"sk_live_", "rk_live_", "sk_prod_", "rk_prod_"}, 3.5, crit, 0.97),
		token("stripe-test-key", "payment", "Stripe test-mode secret or restricted key",
			`((?:sk|rk)_test_[A-Za-z0-9]{20,})\b`, []string{"sk_test_", "rk_test_"}, 3.5, high, 0.8),
		pk,
		token("stripe-webhook-secret", "payment", "Stripe webhook signing secret",
			`(whsec_[A-Za-z0-9+/=]{32,})`, []string{"whsec_"}, 3.5, crit, 0.95),
		token("square-access-token", "payment", "Square access token or OAuth secret",
			`(EAAA[A-Za-z0-9_\-]{60}|sq0atp-[A-Za-z0-9_\-]{22}|sq0csp-[A-Za-z0-9_\-]{43})`+end,
			[]string{"eaaa", "sq0atp-", "sq0csp-"}, 3.5, crit, 0.9),
		token("braintree-access-token", "payment", "Braintree / PayPal access token",
			`(access_token\$(?:production|sandbox)\$[0-9a-z]{16}\$[0-9a-f]{32})\b`,
			[]string{"access_token$"}, 3, crit, 0.97),
		{
			ID: "paypal-client-secret", Category: "payment",
			Description: "PayPal REST client secret assigned to a PayPal key name",
			Pattern:     keyed(`paypal[\w.\-]*?(?:secret|token|key)[\w.\-]*`, `[A-Za-z0-9_\-]{60,}`) + end,
			Keywords:    []string{"paypal"},
			MinEntropy:  4, Allow: placeholders(), Confirm: plain, Severity: crit, Score: 0.9, MaxLen: 90,
		},
		token("shopify-token", "payment", "Shopify access, custom app, private app or shared secret token",
			`(shp(?:at|ca|pa|ss)_[a-fA-F0-9]{32})\b`, []string{"shpat_", "shpca_", "shppa_", "shpss_"}, 3, crit, 0.95),
		token("flutterwave-secret-key", "payment", "Flutterwave secret or encryption key",
			`(FLW(?:SECK|PUBK)(?:_TEST)?-[a-hA-H0-9]{32}-X|FLWSECK_TEST[a-hA-H0-9]{12})`, []string{"flwseck", "flwpubk"}, 3, high, 0.9),
		token("shippo-api-token", "payment", "Shippo API token",
			`(shippo_(?:live|test)_[a-fA-F0-9]{40})\b`, []string{"shippo_"}, 3, high, 0.9),
		token("easypost-api-key", "payment", "EasyPost production or test API key",
			`(EZ[AT]K[A-Za-z0-9]{54})\b`, []string{"ezak", "eztk"}, 3.5, high, 0.9),
		token("duffel-api-token", "payment", "Duffel API token",
			`(duffel_(?:test|live)_[A-Za-z0-9_\-=]{43})`+end, []string{"duffel_"}, 3.5, high, 0.9),
	}
}

func aiRules() []Rule {
	return []Rule{
		token("openai-api-key", "ai", "OpenAI API key (user, project, service account or admin)",
			`(sk-(?:(?:proj|svcacct|admin)-)?[A-Za-z0-9_\-]{20,}T3BlbkFJ[A-Za-z0-9_\-]{20,}|sk-(?:proj|svcacct|admin)-[A-Za-z0-9_\-]{58,})`+end,
			[]string{"t3blbkfj", "sk-proj-", "sk-svcacct-", "sk-admin-"}, 3.5, crit, 0.97),
		token("anthropic-api-key", "ai", "Anthropic API or OAuth key",
			`(sk-ant-(?:api03|oat01)-[A-Za-z0-9_\-]{93}AA)`+end, []string{"sk-ant-api03-", "sk-ant-oat01-"}, 3.5, crit, 0.97),
		token("anthropic-admin-key", "ai", "Anthropic Admin API key",
			`(sk-ant-admin01-[A-Za-z0-9_\-]{93}AA)`+end, []string{"sk-ant-admin01-"}, 3.5, crit, 0.97),
		{
			ID: "huggingface-token", Category: "ai",
			Description: "Hugging Face user or organization access token",
			Pattern:     `\b((?:hf_|api_org_)[A-Za-z0-9]{34})\b`,
			Keywords:    []string{"hf_", "api_org_"},
			MinEntropy:  3.5, Allow: samples(),
			Confirm:  both(notSample, hasUpperAndLower),
			Severity: crit, Score: 0.9, MaxLen: 42,
		},
		{
			ID: "cohere-api-key", Category: "ai",
			Description: "Cohere API key assigned to a Cohere key name",
			Pattern:     keyed(`(?:cohere[_\-.]?|co_)(?:api[_\-.]?)?(?:key|token)[\w.\-]*`, `[A-Za-z0-9]{40}`) + `\b`,
			Keywords:    []string{"cohere", "co_"},
			MinEntropy:  4, Allow: placeholders(), Confirm: plain, Severity: crit, Score: 0.9, MaxLen: 40,
		},
		token("groq-api-key", "ai", "Groq API key", `(gsk_[A-Za-z0-9]{52})\b`, []string{"gsk_"}, 4, crit, 0.95),
		token("xai-api-key", "ai", "xAI API key", `(xai-[A-Za-z0-9]{80})\b`, []string{"xai-"}, 4, crit, 0.95),
		token("perplexity-api-key", "ai", "Perplexity API key", `(pplx-[A-Za-z0-9]{48})\b`, []string{"pplx-"}, 4, crit, 0.95),
		token("replicate-api-token", "ai", "Replicate API token", `(r8_[A-Za-z0-9]{37})\b`, []string{"r8_"}, 4, crit, 0.95),
		token("langsmith-api-key", "ai", "LangSmith personal or service key",
			`(lsv2_(?:pt|sk)_[a-f0-9]{32}_[a-f0-9]{10})\b`, []string{"lsv2_"}, 3, high, 0.95),
	}
}

func devopsRules() []Rule {
	return []Rule{
		token("npm-token", "devops", "npm access token", `(npm_[A-Za-z0-9]{36})\b`, []string{"npm_"}, 3.5, crit, 0.95),
		token("pypi-token", "devops", "PyPI upload token",
			`(pypi-AgEIcHlwaS5vcmc[A-Za-z0-9_\-]{50,})`+end, []string{"pypi-ageichlwas5vcmc"}, 4, crit, 0.97),
		token("rubygems-api-key", "devops", "RubyGems API key", `(rubygems_[a-f0-9]{48})\b`, []string{"rubygems_"}, 3, crit, 0.95),
		token("nuget-api-key", "devops", "NuGet API key", `(oy2[a-z0-9]{43})\b`, []string{"oy2"}, 3.5, high, 0.85),
		token("clojars-token", "devops", "Clojars deploy token", `(?i)(CLOJARS_[a-z0-9]{60})\b`, []string{"clojars_"}, 3.5, high, 0.9),
		token("docker-hub-token", "devops", "Docker Hub personal or organization access token",
			`(dckr_(?:pat|oat)_[A-Za-z0-9_\-]{27,})`+end, []string{"dckr_pat_", "dckr_oat_"}, 3.5, crit, 0.95),
		token("artifactory-token", "devops", "JFrog Artifactory API key or reference token",
			`(AKCp[A-Za-z0-9]{69}|cmVmd[A-Za-z0-9]{59})\b`, []string{"akcp", "cmvmd"}, 4, high, 0.9),
		token("pulumi-access-token", "devops", "Pulumi access token", `(pul-[a-f0-9]{40})\b`, []string{"pul-"}, 3, crit, 0.95),
		token("prefect-api-key", "devops", "Prefect Cloud API key", `(pnu_[A-Za-z0-9]{36})\b`, []string{"pnu_"}, 3.5, high, 0.9),
		token("octopus-deploy-api-key", "devops", "Octopus Deploy API key", `(API-[A-Z0-9]{26})\b`, []string{"api-"}, 3.5, high, 0.85),
		token("infracost-api-token", "devops", "Infracost API token", `(ico-[A-Za-z0-9]{32})\b`, []string{"ico-"}, 3.5, high, 0.9),
		token("harness-api-token", "devops", "Harness personal access or service account token",
			`((?:pat|sat)\.[A-Za-z0-9_\-]{22}\.[0-9a-f]{24}\.[A-Za-z0-9]{20})\b`, []string{"pat.", "sat."}, 3.5, crit, 0.95),
		token("postman-api-key", "devops", "Postman API key", `(?i)(PMAK-[a-f0-9]{24}-[a-f0-9]{34})\b`, []string{"pmak-"}, 3, crit, 0.95),
		token("grafana-service-account-token", "devops", "Grafana service account token",
			`(glsa_[A-Za-z0-9]{32}_[A-Fa-f0-9]{8})\b`, []string{"glsa_"}, 3.5, crit, 0.95),
		token("grafana-cloud-token", "devops", "Grafana Cloud access policy or API token",
			`(glc_[A-Za-z0-9+/]{32,}={0,2})`, []string{"glc_"}, 4, crit, 0.95),
		token("grafana-api-key", "devops", "Grafana legacy API key",
			`(eyJrIjoi[A-Za-z0-9+/]{70,}={0,2})`, []string{"eyjrijoi"}, 4, high, 0.9),
		{
			ID: "datadog-api-key", Category: "devops",
			Description: "Datadog API or application key assigned to a Datadog key name",
			Pattern:     keyed(`(?:datadog|dd[_.\-])[\w.\-]*?(?:api|app|application)[_.\-]?key[\w.\-]*`, `[a-f0-9]{40}|[a-f0-9]{32}`) + `\b`,
			Keywords:    []string{"datadog", "dd_", "dd-", "dd."},
			MinEntropy:  3, Allow: placeholders(), Confirm: plain, Severity: crit, Score: 0.9, MaxLen: 40,
		},
		token("new-relic-key", "devops", "New Relic user API key, insert key or license key",
			`(NRAK-[A-Z0-9]{27}|NRII-[A-Za-z0-9_\-]{32}|[a-f0-9]{36}NRAL)\b`, []string{"nrak-", "nrii-", "nral"}, 3.5, crit, 0.95),
		token("sentry-token", "devops", "Sentry organization or user auth token",
			`(sntrys_eyJ[A-Za-z0-9+/=]{40,}_[A-Za-z0-9+/]{43}|sntryu_[a-f0-9]{64})\b`, []string{"sntrys_", "sntryu_"}, 4, crit, 0.95),
		token("dynatrace-api-token", "devops", "Dynatrace API token",
			`(dt0c01\.[A-Z0-9]{24}\.[A-Z0-9]{64})\b`, []string{"dt0c01."}, 4, crit, 0.95),
		token("age-secret-key", "devops", "age encryption secret key",
			`(AGE-SECRET-KEY-1[QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L]{58})\b`, []string{"age-secret-key-1"}, 3.5, crit, 0.99),
		token("contentful-token", "devops", "Contentful personal access token",
			`(CFPAT-[A-Za-z0-9_\-]{43})`+end, []string{"cfpat-"}, 3.5, high, 0.9),
		{
			ID: "snyk-api-token", Category: "devops",
			Description: "Snyk API or OAuth token assigned to a Snyk key name",
			Pattern:     keyed(`snyk[_.\-]?(?:api[_.\-]?|oauth[_.\-]?)?(?:key|token)`, uuid) + `\b`,
			Keywords:    []string{"snyk"},
			Allow:       placeholders(), Confirm: plain, Severity: crit, Score: 0.9, MaxLen: 36,
		},
		{
			ID: "sonar-api-token", Category: "devops",
			Description: "SonarQube / SonarCloud token assigned to a Sonar key name",
			Pattern:     keyed(`sonar[_.\-]?(?:login|token|api[_.\-]?key)`, `(?:squ_|sqp_|sqa_)?[A-Za-z0-9]{40}`) + `\b`,
			Keywords:    []string{"sonar"},
			Allow:       placeholders(), Confirm: plain, Severity: high, Score: 0.9, MaxLen: 44,
		},
		token("sonar-token", "devops", "SonarQube user, project or analysis token",
			`(sq[upa]_[a-f0-9]{40})\b`, []string{"squ_", "sqp_", "sqa_"}, 3, high, 0.9),
		{
			ID: "sumologic-access-id", Category: "devops",
			Description: "Sumo Logic access ID assigned to a Sumo Logic access ID key name",
			Pattern:     keyed(`sumo(?:logic)?[_.\-]?access[_.\-]?id`, `su[A-Za-z0-9]{12}`) + `\b`,
			Keywords:    []string{"sumo"},
			MinEntropy:  3, Allow: placeholders(), Confirm: both(plain, hasDigit), Severity: high, Score: 0.85, MaxLen: 14,
		},
		{
			ID: "sumologic-access-key", Category: "devops",
			Description: "Sumo Logic access key assigned to a Sumo Logic access key name",
			Pattern:     keyed(`sumo(?:logic)?[_.\-]?access[_.\-]?(?:key|token)`, `[A-Za-z0-9]{64}`) + `\b`,
			Keywords:    []string{"sumo"},
			MinEntropy:  4, Allow: placeholders(), Confirm: plain, Severity: crit, Score: 0.9, MaxLen: 64,
		},
		{
			ID: "sidekiq-credentials", Category: "devops",
			Description: "Sidekiq Pro / Enterprise gem server credentials in a Bundler variable",
			Pattern:     `(?i:BUNDLE_(?:ENTERPRISE|GEMS)__CONTRIBSYS__COM)` + assign + `([a-f0-9]{8}:[a-f0-9]{8})\b`,
			Keywords:    []string{"contribsys"},
			Allow:       placeholders(), Confirm: plain, Severity: high, Score: 0.9, MaxLen: 17,
		},
		token("intra42-client-secret", "devops", "42 Intra API client secret",
			`(s-s4t2(?:ud|af)-[a-f0-9]{64})\b`, []string{"s-s4t2"}, 3, high, 0.95),
		token("clickhouse-cloud-key", "devops", "ClickHouse Cloud API secret key",
			`(4b1d[A-Za-z0-9]{38})\b`, []string{"4b1d"}, 4, high, 0.85),
	}
}

func saasRules() []Rule {
	return []Rule{
		token("notion-token", "saas", "Notion integration token",
			`(ntn_[0-9]{11}[A-Za-z0-9]{35}|secret_[A-Za-z0-9]{43})\b`, []string{"ntn_", "secret_"}, 4, crit, 0.9),
		token("linear-api-key", "saas", "Linear API key or OAuth token",
			`(lin_api_[A-Za-z0-9]{40}|lin_oauth_[a-f0-9]{64})\b`, []string{"lin_api_", "lin_oauth_"}, 3.5, crit, 0.95),
		token("airtable-token", "saas", "Airtable personal access token",
			`(pat[A-Za-z0-9]{14}\.[a-f0-9]{64})\b`, []string{"pat"}, 3.5, crit, 0.9),
		token("hubspot-private-app-token", "saas", "HubSpot private app access token",
			`(pat-(?:na|eu)1-`+uuid+`)\b`, []string{"pat-na1-", "pat-eu1-"}, 3, crit, 0.95),
		{
			ID: "hubspot-api-key", Category: "saas",
			Description: "HubSpot API key assigned to a HubSpot key name",
			Pattern:     keyed(`hubspot[\w.\-]*?(?:key|token|secret)[\w.\-]*`, uuid) + `\b`,
			Keywords:    []string{"hubspot"},
			Allow:       placeholders(), Confirm: plain, Severity: high, Score: 0.85, MaxLen: 36,
		},
		token("dropbox-token", "saas", "Dropbox short-lived access token", `(sl\.[A-Za-z0-9_\-]{130,})`+end, []string{"sl."}, 4, high, 0.85),
		token("mapbox-secret-token", "saas", "Mapbox secret access token",
			`(sk\.eyJ[A-Za-z0-9_\-]{50,}\.[A-Za-z0-9_\-]{20,})`+end, []string{"sk.eyj"}, 4, crit, 0.95),
		token("typeform-token", "saas", "Typeform personal access token", `(tfp_[A-Za-z0-9_\-.=]{59})`+end, []string{"tfp_"}, 4, high, 0.9),
		token("readme-api-key", "saas", "ReadMe API key", `(rdme_[a-z0-9]{70})\b`, []string{"rdme_"}, 3.5, high, 0.9),
		token("adobe-client-secret", "saas", "Adobe client secret", `(p8e-[A-Za-z0-9]{32})\b`, []string{"p8e-"}, 3.5, high, 0.85),
		token("supabase-token", "saas", "Supabase personal access token or secret API key",
			`(sbp_[a-f0-9]{40}|sb_secret_[A-Za-z0-9_\-]{20,})`+end, []string{"sbp_", "sb_secret_"}, 3.5, crit, 0.95),
		token("netlify-token", "saas", "Netlify personal access token", `(nfp_[A-Za-z0-9]{36})\b`, []string{"nfp_"}, 3.5, crit, 0.95),
		token("tailscale-key", "saas", "Tailscale API, auth or OAuth client key",
			`(tskey-(?:api|auth|client|scim|webhook)-[A-Za-z0-9]{6,}-[A-Za-z0-9]{20,})\b`, []string{"tskey-"}, 3.5, crit, 0.95),
		token("buildkite-token", "saas", "Buildkite API access token", `(bkua_[a-f0-9]{40})\b`, []string{"bkua_"}, 3, crit, 0.95),
		token("circleci-token", "saas", "CircleCI personal API token",
			`(CCIPAT_[A-Za-z0-9]{22}_[a-f0-9]{40})\b`, []string{"ccipat_"}, 3.5, crit, 0.95),
		token("pinecone-api-key", "saas", "Pinecone API key", `(pcsk_[A-Za-z0-9_]{50,})\b`, []string{"pcsk_"}, 4, crit, 0.95),
		token("firebase-server-key", "saas", "Firebase Cloud Messaging legacy server key",
			`(AAAA[A-Za-z0-9_\-]{7}:APA91b[A-Za-z0-9_\-]{134})`+end, []string{":apa91b"}, 4, crit, 0.95),
		token("figma-token", "saas", "Figma personal access token", `(figd_[A-Za-z0-9_\-]{40})`+end, []string{"figd_"}, 3.5, high, 0.9),
		token("brevo-api-key", "saas", "Brevo (Sendinblue) API key",
			`(xkeysib-[a-f0-9]{64}-[A-Za-z0-9]{16})\b`, []string{"xkeysib-"}, 3.5, crit, 0.95),
		token("frameio-token", "saas", "Frame.io API token", `(fio-u-[A-Za-z0-9_\-=]{64})`+end, []string{"fio-u-"}, 4, high, 0.9),
	}
}

// hasUpperAndLower reports whether s has both an upper- and a lower-case
// ASCII letter.
func hasUpperAndLower(s string) bool {
	var up, low bool
	for i := 0; i < len(s); i++ {
		up = up || s[i] >= 'A' && s[i] <= 'Z'
		low = low || s[i] >= 'a' && s[i] <= 'z'
	}
	return up && low
}
