package guard_test

import (
	"context"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/textnlp/textguard/guard"
)

func TestVaultRestore(t *testing.T) {
	v := guard.NewVault()
	p1 := v.Pseudonym("PERSON", "Ada Lovelace", nil)
	v.Pseudonym("PERSON", "Alan Turing", nil)
	for range 10 {
		v.Pseudonym("PERSON", "x"+strings.Repeat("y", v.Len()), nil)
	}
	require.Equal(t, "<PERSON_1>", p1)
	name := v.Pseudonym("NAME", "Grace Hopper", func(n int) string { return "Maria Lopez" })
	code := v.Pseudonym("ID", "A-77", func(n int) string { return "Q9" })
	tests := []struct{ in, want string }{
		{"Hi <PERSON_1>.", "Hi Ada Lovelace."},
		{"<PERSON_12> then <PERSON_1>", "xyyyyyyyyyyy then Ada Lovelace"},
		{"case <person_2> and < Person_1 >", "case Alan Turing and Ada Lovelace"},
		{"spaced < PERSON _ 2 >", "spaced Alan Turing"},
		{"too loose <PER SON_1>", "too loose <PER SON_1>"},
		{name + " and maria lopez and MARIA\nLOPEZ", "Grace Hopper and Grace Hopper and Grace Hopper"},
		{code + " but not q9", "A-77 but not q9"},
		{"nothing here", "nothing here"},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, v.Restore(tt.in), tt.in)
	}
}

func TestVaultForget(t *testing.T) {
	v := guard.NewVault()
	a := v.Pseudonym("EMAIL", "ann@corp.io", nil)
	v.Pseudonym("PHONE", "ann@corp.io", nil)
	b := v.Pseudonym("EMAIL", "bo@corp.io", nil)
	assert.Equal(t, 2, v.Forget("ann@corp.io"))
	_, ok := v.Original(a)
	assert.False(t, ok)
	assert.Equal(t, a, v.Restore(a), "a forgotten pseudonym is left as it is")
	assert.Equal(t, "bo@corp.io", v.Restore(b))
	v.Clear()
	assert.Equal(t, 0, v.Len())
	assert.Equal(t, b, v.Restore(b))
}

func TestConversationVault(t *testing.T) {
	g, err := guard.New(guard.InputStages(guard.Stage{Scanner: emailScanner(), Sanitizer: pseudonymizer,
		Filter: guard.Threshold{Action: guard.ActionSanitize}}))
	require.NoError(t, err)
	conv := guard.NewVault()
	var seen []string
	model := func(_ context.Context, r *guard.Request) (string, error) {
		seen = append(seen, r.Last(guard.SourceUser))
		return "ok " + r.Last(guard.SourceUser), nil
	}
	for _, p := range []string{"ann@corp.io", "and bo@corp.io", "ann@corp.io again"} {
		req := guard.Prompt(p)
		req.Vault = conv
		res, err := g.Call(context.Background(), req, model)
		require.NoError(t, err)
		assert.Equal(t, "ok "+p, res.Reply)
	}
	assert.Equal(t, []string{"<EMAIL_1>", "and <EMAIL_2>", "<EMAIL_1> again"}, seen)
}

func TestStreamRestoresLoosePseudonyms(t *testing.T) {
	g, err := guard.New(guard.RestorePseudonyms(), guard.InputStages(guard.Stage{
		Scanner: emailScanner(), Sanitizer: pseudonymizer, Filter: guard.Threshold{Action: guard.ActionSanitize}}))
	require.NoError(t, err)
	in, err := g.CheckInput(context.Background(), guard.Prompt("mail ann@corp.io"))
	require.NoError(t, err)
	reply := "Sent to < email_1 >, yes <EMAIL_1>."
	for _, sz := range []int{1, 2, 3, 5, 64} {
		shown, res, err := stream(t, g, in, split(reply, sz))
		require.NoError(t, err)
		assert.Equal(t, "Sent to ann@corp.io, yes ann@corp.io.", strings.Join(shown, ""), "size %d", sz)
		assert.Equal(t, "Sent to ann@corp.io, yes ann@corp.io.", res.Reply)
	}
}

func TestVaultRestoreWholeWords(t *testing.T) {
	v := guard.NewVault()
	p := v.Pseudonym("PERSON", "Ada", func(int) string { return "Hansen" })
	assert.Equal(t, "Ada met Hansenville's mayor; Ada", v.Restore(p+" met Hansenville's mayor; HANSEN"))
	o, ok := v.Lookup("hansen")
	assert.True(t, ok)
	assert.Equal(t, "Ada", o)
	_, ok = v.Lookup("Hansenville")
	assert.False(t, ok)
}
