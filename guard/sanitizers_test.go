package guard_test

import (
	"context"
	"fmt"
	"regexp"
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/textnlp/textguard/guard"
	"github.com/textnlp/textguard/guard/guardtest"
)

func sanFinding(cat string, start, end int) guard.Finding {
	return guard.Finding{Rule: "r." + cat, Category: cat, Start: start, End: end, Score: 1}
}

func TestSanitizers(t *testing.T) {
	//              0         1         2
	//              0123456789012345678901234567
	const text = "call 555-1234 or mail a@b.io"
	tests := []struct {
		name     string
		san      guard.SanitizerFunc
		text     string
		findings []guard.Finding
		want     string
	}{
		{"redact default", guard.Redact(""), text,
			[]guard.Finding{sanFinding("PHONE", 5, 13)}, "call [REDACTED] or mail a@b.io"},
		{"redact custom", guard.Redact("█"), text,
			[]guard.Finding{sanFinding("PHONE", 5, 13), sanFinding("EMAIL", 22, 28)}, "call █ or mail █"},
		{"tag", guard.Tag(), text,
			[]guard.Finding{sanFinding("PHONE", 5, 13), sanFinding("EMAIL", 22, 28)},
			"call [PHONE] or mail [EMAIL]"},
		{"delete", guard.Delete(), text,
			[]guard.Finding{sanFinding("PHONE", 4, 13)}, "call or mail a@b.io"},
		{"mask keeps the last four", guard.Mask('*', 4), text,
			[]guard.Finding{sanFinding("PHONE", 5, 13)}, "call ****1234 or mail a@b.io"},
		{"mask all", guard.Mask('#', 0), text,
			[]guard.Finding{sanFinding("EMAIL", 22, 28)}, "call 555-1234 or mail ######"},
		{"mask negative keep counts as zero", guard.Mask('x', -3), "abc",
			[]guard.Finding{sanFinding("A", 0, 3)}, "xxx"},
		{"mask shorter than keep is left alone", guard.Mask('*', 10), text,
			[]guard.Finding{sanFinding("PHONE", 5, 13)}, text},
		{"mask counts characters not bytes", guard.Mask('*', 1), "名前は山田太郎",
			[]guard.Finding{sanFinding("PERSON", 9, 21)}, "名前は***郎"},
		{"mask with a multibyte rune", guard.Mask('•', 2), "card 4111",
			[]guard.Finding{sanFinding("CARD", 5, 9)}, "card ••11"},
		{"overlapping findings merge", guard.Tag(), text,
			[]guard.Finding{sanFinding("A", 5, 9), sanFinding("LONGER", 7, 13)}, "call [LONGER] or mail a@b.io"},
		{"adjacent findings merge", guard.Redact(""), text,
			[]guard.Finding{sanFinding("A", 5, 8), sanFinding("B", 8, 13)}, "call [REDACTED] or mail a@b.io"},
		{"nested findings merge", guard.Tag(), text,
			[]guard.Finding{sanFinding("INNER", 6, 8), sanFinding("OUTER", 5, 13)}, "call [OUTER] or mail a@b.io"},
		{"equal lengths: the first wins", guard.Tag(), "abcd",
			[]guard.Finding{sanFinding("B", 2, 4), sanFinding("A", 0, 2)}, "[A]"},
		{"unsorted input", guard.Tag(), text,
			[]guard.Finding{sanFinding("EMAIL", 22, 28), sanFinding("PHONE", 5, 13)},
			"call [PHONE] or mail [EMAIL]"},
		{"empty findings are ignored", guard.Redact(""), text,
			[]guard.Finding{sanFinding("A", 3, 3)}, text},
		{"no findings", guard.Redact(""), text, nil, text},
		{"empty text", guard.Redact(""), "", nil, ""},
		{"whole text", guard.Tag(), "secret", []guard.Finding{sanFinding("S", 0, 6)}, "[S]"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := slices.Clone(tt.findings)
			edits, err := tt.san.Sanitize(context.Background(), guard.Input{Text: tt.text}, tt.findings)
			require.NoError(t, err)
			assert.Equal(t, before, tt.findings, "findings left as they were")
			for i := 1; i < len(edits); i++ {
				assert.Less(t, edits[i-1].End, edits[i].Start, "edits sorted, disjoint, not touching")
			}
			assert.Equal(t, tt.want, applyStageEdits(tt.text, edits))
		})
	}
}

func TestSanitizerErrors(t *testing.T) {
	tests := []struct {
		name     string
		san      guard.SanitizerFunc
		text     string
		findings []guard.Finding
		want     string
	}{
		{"end beyond text", guard.Redact(""), "abc", []guard.Finding{sanFinding("A", 1, 9)},
			"guard: finding 0 (r.A): offsets [1,9) outside text of 3 bytes"},
		{"negative start", guard.Tag(), "abc", []guard.Finding{sanFinding("A", -1, 2)},
			"guard: finding 0 (r.A): offsets [-1,2) outside text of 3 bytes"},
		{"reversed", guard.Delete(), "abc", []guard.Finding{sanFinding("A", 2, 1)},
			"guard: finding 0 (r.A): offsets [2,1) outside text of 3 bytes"},
		{"splits a character", guard.Mask('*', 0), "é", []guard.Finding{sanFinding("A", 1, 2)},
			"guard: finding 0 (r.A): offsets [1,2) split a character"},
		{"invalid mask rune", guard.Mask(0xD800, 0), "abc", []guard.Finding{sanFinding("A", 0, 2)},
			"guard: mask rune U+D800 is not valid"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			edits, err := tt.san.Sanitize(context.Background(), guard.Input{Text: tt.text}, tt.findings)
			require.EqualError(t, err, tt.want)
			assert.Nil(t, edits)
		})
	}
	t.Run("cancelled", func(t *testing.T) {
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		_, err := guard.Redact("").Sanitize(ctx, guard.Input{Text: "abc"}, []guard.Finding{sanFinding("A", 0, 1)})
		require.ErrorIs(t, err, context.Canceled)
	})
}

func TestPseudonymize(t *testing.T) {
	const text = "mail bob@x.io, then bob@x.io and amy@y.io"
	fs := []guard.Finding{sanFinding("EMAIL", 5, 13), sanFinding("EMAIL", 20, 28), sanFinding("EMAIL", 33, 41)}
	t.Run("vault", func(t *testing.T) {
		v := guard.NewVault()
		edits, err := guard.Pseudonymize(nil).Sanitize(context.Background(),
			guard.Input{Text: text, Vault: v}, fs)
		require.NoError(t, err)
		out := applyStageEdits(text, edits)
		assert.Equal(t, "mail <EMAIL_1>, then <EMAIL_1> and <EMAIL_2>", out)
		assert.Equal(t, text, v.Restore(out))
	})
	t.Run("custom names", func(t *testing.T) {
		name := func(cat string, n int) string { return fmt.Sprintf("user%d@example.invalid", n) }
		edits, err := guard.Pseudonymize(name).Sanitize(context.Background(),
			guard.Input{Text: text, Vault: guard.NewVault()}, fs)
		require.NoError(t, err)
		assert.Equal(t, "mail user1@example.invalid, then user1@example.invalid and user2@example.invalid",
			applyStageEdits(text, edits))
	})
	t.Run("no vault falls back to tags", func(t *testing.T) {
		edits, err := guard.Pseudonymize(nil).Sanitize(context.Background(), guard.Input{Text: text}, fs)
		require.NoError(t, err)
		assert.Equal(t, "mail [EMAIL], then [EMAIL] and [EMAIL]", applyStageEdits(text, edits))
	})
}

// digitsScanner finds runs of 4 or more digits, for the contract checks.
func digitsScanner() guard.Scanner {
	re := regexp.MustCompile(`[0-9]{4,}`)
	return guard.ScannerFunc(func(ctx context.Context, in guard.Input) ([]guard.Finding, error) {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		var fs []guard.Finding
		for _, m := range re.FindAllStringIndex(in.Text, -1) {
			fs = append(fs, guard.Finding{Rule: "digits", Category: "NUMBER", Start: m[0], End: m[1], Score: 1})
		}
		return fs, nil
	})
}

func TestSanitizersContract(t *testing.T) {
	samples := []string{"", "no numbers", "pin 12345678 and 9876", "１２３４ 12３4 ٤٥٦٧٨",
		"a1234b5678", "digits 0000 next to 1111"}
	for name, z := range map[string]guard.Sanitizer{
		"redact": guard.Redact(""), "tag": guard.Tag(), "delete": guard.Delete(),
		"mask": guard.Mask('*', 2), "pseudonymize": guard.Pseudonymize(nil),
	} {
		t.Run(name, func(t *testing.T) {
			guardtest.TestSanitizer(t, digitsScanner(), z, samples)
		})
	}
}
