package main

import (
	"fmt"
	"strconv"
	"strings"
)

// The tables in this file mirror the type and label tables at the top of
// ../shared/tools/score.py. Both sides of a span comparison, the corpus'
// types and ours, go through normType, as score.py does for a peer without
// a table of its own, so a type we emit is scored under the same name in
// both tools. When score.py's tables change, change these with them;
// TestNormType pins the names our tasks emit.

// commonTypes is the set of types every tool's labels are mapped onto.
// Gold spans of other types are left out of the in-scope view.
var commonTypes = setOf(
	"EMAIL", "PHONE", "CREDIT_CARD", "SSN", "IP_ADDRESS", "IBAN", "URL", "PERSON",
	"LOCATION", "DATE", "PASSPORT", "DRIVER_LICENSE", "NATIONAL_ID", "BUSINESS_ID",
	"BANK_ACCOUNT", "CRYPTO", "MEDICAL", "VEHICLE_ID", "MAC_ADDRESS", "USERNAME",
	"ORGANIZATION", "NRP", "AGE", "TITLE", "SECRET", "PROFANITY", "OTHER",
)

// typeAliases maps labels that are not common names onto common names.
var typeAliases = map[string]string{
	"EMAIL_ADDRESS": "EMAIL", "MAIL": "EMAIL",
	"PHONE_NUMBER": "PHONE", "TELEPHONE": "PHONE", "TEL": "PHONE", "MOBILE": "PHONE",
	"CREDIT_CARD_NUMBER": "CREDIT_CARD", "CC": "CREDIT_CARD", "CARD": "CREDIT_CARD",
	"CARD_NUMBER": "CREDIT_CARD",
	"US_SSN":      "SSN", "SOCIAL_SECURITY_NUMBER": "SSN",
	"IP": "IP_ADDRESS", "IPV4": "IP_ADDRESS", "IPV6": "IP_ADDRESS",
	"IPV4_ADDRESS": "IP_ADDRESS", "IPV6_ADDRESS": "IP_ADDRESS",
	"IBAN_CODE": "IBAN",
	"NAME":      "PERSON", "PER": "PERSON", "PERSON_NAME": "PERSON", "FULL_NAME": "PERSON",
	"FIRST_NAME": "PERSON", "LAST_NAME": "PERSON", "NAME_STUDENT": "PERSON",
	"ADDRESS": "LOCATION", "STREET_ADDRESS": "LOCATION", "LOC": "LOCATION",
	"GPE": "LOCATION", "CITY": "LOCATION", "ZIP": "LOCATION", "ZIP_CODE": "LOCATION",
	"ZIPCODE": "LOCATION", "POSTCODE": "LOCATION", "POSTAL_CODE": "LOCATION",
	"DATE_TIME": "DATE", "DOB": "DATE", "DATE_OF_BIRTH": "DATE", "BIRTHDATE": "DATE",
	"US_PASSPORT": "PASSPORT", "PASSPORT_NUMBER": "PASSPORT",
	"DRIVERS_LICENSE": "DRIVER_LICENSE", "DRIVING_LICENSE": "DRIVER_LICENSE",
	"US_DRIVER_LICENSE": "DRIVER_LICENSE",
	"ID_NUM":            "NATIONAL_ID", "ID_NUMBER": "NATIONAL_ID",
	"NATIONAL_ID_NUMBER": "NATIONAL_ID", "TAX_ID": "NATIONAL_ID",
	"BANK_ACCOUNT_NUMBER": "BANK_ACCOUNT", "ACCOUNT_NUMBER": "BANK_ACCOUNT",
	"US_BANK_NUMBER": "BANK_ACCOUNT",
	"CRYPTO_ADDRESS": "CRYPTO", "BITCOIN_ADDRESS": "CRYPTO",
	"URL_PERSONAL": "URL", "WEBSITE": "URL",
	"ORG":       "ORGANIZATION",
	"USER_NAME": "USERNAME",
	"API_KEY":   "SECRET", "TOKEN": "SECRET", "PASSWORD": "SECRET", "PRIVATE_KEY": "SECRET",
	"CREDENTIAL":         "SECRET",
	"ABA_ROUTING_NUMBER": "BANK_ACCOUNT", "DOMAIN_NAME": "URL", "GROUP": "ORGANIZATION",
	"MEDICAL_LICENSE": "MEDICAL", "US_NPI": "MEDICAL", "DE_LANR": "MEDICAL",
	"DE_BSNR": "MEDICAL",
	"AU_ABN":  "BUSINESS_ID", "AU_ACN": "BUSINESS_ID", "IN_GSTIN": "BUSINESS_ID",
	"IT_VAT_CODE": "BUSINESS_ID", "KR_BRN": "BUSINESS_ID",
	"SE_ORGANISATIONSNUMMER": "BUSINESS_ID", "SG_UEN": "BUSINESS_ID",
	"MAC": "MAC_ADDRESS",
}

// nationalIDs are country-specific identity numbers, all NATIONAL_ID.
var nationalIDs = setOf(
	"AU_MEDICARE", "AU_TFN", "CA_SIN", "DE_HEALTH_INSURANCE", "DE_SOCIAL_SECURITY",
	"DE_TAX_ID", "DE_ID_CARD", "ES_NIE", "ES_NIF", "FI_PERSONAL_IDENTITY_CODE",
	"IN_AADHAAR", "IN_PAN", "IN_VOTER", "IT_FISCAL_CODE", "IT_IDENTITY_CARD", "KR_FRN",
	"KR_RRN", "NG_NIN", "PH_TIN", "PL_PESEL", "SE_PERSONNUMMER", "SG_NRIC_FIN",
	"TH_TNIN", "TR_NATIONAL_ID", "UK_NHS", "UK_NINO", "US_ITIN", "US_MBI", "ZA_ID_NUMBER",
)

// suffixRules map labels by their ending, first match wins.
var suffixRules = []struct {
	suffixes []string
	typ      string
}{
	{[]string{"_PASSPORT"}, "PASSPORT"},
	{[]string{"DRIVER_LICENSE", "DRIVING_LICENCE", "DRIVING_LICENSE", "DRIVERS_LICENSE"},
		"DRIVER_LICENSE"},
	{[]string{"PHONE_NUMBER", "MOBILE_NUMBER", "_PHONE"}, "PHONE"},
	{[]string{"VEHICLE_REGISTRATION", "LICENSE_PLATE"}, "VEHICLE_ID"},
	{[]string{"_POSTCODE", "_ZIP_CODE"}, "LOCATION"},
}

func setOf(names ...string) map[string]bool {
	m := make(map[string]bool, len(names))
	for _, n := range names {
		m[n] = true
	}
	return m
}

// normType maps a type label onto the common set where a table knows it
// and otherwise returns it upper-cased with '_' for '-' and ' '.
func normType(t string) string {
	t = strings.ToUpper(strings.TrimSpace(t))
	t = strings.NewReplacer("-", "_", " ", "_").Replace(t)
	if strings.HasPrefix(t, "B_") || strings.HasPrefix(t, "I_") {
		t = t[2:] // a BIO tag prefix
	}
	if a, ok := typeAliases[t]; ok {
		return a
	}
	if nationalIDs[t] {
		return "NATIONAL_ID"
	}
	for _, r := range suffixRules {
		for _, s := range r.suffixes {
			if strings.HasSuffix(t, s) {
				return r.typ
			}
		}
	}
	return t
}

var (
	positiveWords = setOf("1", "true", "yes", "y", "pos", "positive", "injection",
		"prompt_injection", "jailbreak", "malicious", "attack", "unsafe", "toxic", "profane",
		"profanity", "offensive", "abusive", "hate", "harmful", "secret", "leak", "flagged",
		"bad", "insult", "obscene", "threat", "spam")
	negativeWords = setOf("0", "false", "no", "n", "neg", "negative", "benign", "safe",
		"clean", "ok", "none", "normal", "legit", "legitimate", "good", "harmless",
		"non_toxic", "nontoxic", "not_toxic", "non-toxic", "neutral")
)

// parseLabel reads a corpus label as score.py does: a boolean, a number
// (positive from 0.5), or a word such as "unsafe" or "benign".
func parseLabel(v any) (bool, error) {
	switch v := v.(type) {
	case bool:
		return v, nil
	case float64:
		return v >= 0.5, nil
	case string:
		s := strings.ToLower(strings.TrimSpace(v))
		switch {
		case positiveWords[s]:
			return true, nil
		case negativeWords[s]:
			return false, nil
		}
		if f, err := strconv.ParseFloat(s, 64); err == nil {
			return f >= 0.5, nil
		}
	}
	return false, fmt.Errorf("evaluate: cannot read label %v", v)
}
