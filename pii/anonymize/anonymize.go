package anonymize

import (
	"cmp"
	"context"
	"crypto/cipher"
	"crypto/rand"
	"errors"
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/textnlp/textguard/guard"
)

// Anonymizer rewrites the spans that a scanner found, with an [Operator]
// chosen by each finding's category. It is a [guard.Sanitizer].
//
// An Anonymizer is immutable once [New] returns it and safe for concurrent
// use; everything a call needs to remember lives in the call's
// [guard.Vault].
type Anonymizer struct {
	ops   map[string]Operator // by upper-case category
	def   Operator
	pkey  []byte        // keys the pseudonyms of calls without a vault
	aeads []cipher.AEAD // of every Encrypt operator, to recognise tokens
}

var _ guard.Sanitizer = (*Anonymizer)(nil)

// An Option configures an [Anonymizer]. Options that get a bad argument
// make [New] fail with [ErrInvalidOption].
type Option func(*Anonymizer) error

// ErrInvalidOption reports an option [New] cannot use: a zero [Operator],
// a key of the wrong size, an invalid mask rune.
var ErrInvalidOption = errors.New("anonymize: invalid option")

// For sets the operator for findings of one category ("PERSON", "EMAIL",
// ...). Categories match without regard to case. A later For for the same
// category replaces an earlier one.
func For(category string, op Operator) Option {
	return func(a *Anonymizer) error {
		if category == "" {
			return errors.New("empty category")
		}
		if err := op.validate(); err != nil {
			return fmt.Errorf("category %q: %w", category, err)
		}
		a.ops[strings.ToUpper(category)] = op
		return nil
	}
}

// Default sets the operator for categories that no [For] names. Without
// it, they get [Tag].
func Default(op Operator) Option {
	return func(a *Anonymizer) error {
		if err := op.validate(); err != nil {
			return fmt.Errorf("default: %w", err)
		}
		a.def = op
		return nil
	}
}

// PseudonymKey sets the key from which [Pseudonym] derives pseudonyms when
// a call has no vault, so that one value gets the same pseudonym across
// calls and processes that share the key. Without it each Anonymizer draws
// a random key, and pseudonyms agree only within one Anonymizer. The key
// must be at least [MinKeyLen] bytes: the pseudonym of a short value such
// as an SSN could otherwise be reversed by trying every value.
func PseudonymKey(key []byte) Option {
	return func(a *Anonymizer) error {
		if len(key) < MinKeyLen {
			return fmt.Errorf("pseudonym key is %d bytes, want at least %d", len(key), MinKeyLen)
		}
		a.pkey = append([]byte(nil), key...)
		return nil
	}
}

// New returns an Anonymizer configured by opts. With no options every
// finding is replaced by its [Tag], which hides the value, keeps the text
// readable and needs no key.
func New(opts ...Option) (*Anonymizer, error) {
	a := &Anonymizer{ops: map[string]Operator{}, def: Tag()}
	for _, o := range opts {
		if o == nil {
			continue
		}
		if err := o(a); err != nil {
			return nil, fmt.Errorf("%w: %w", ErrInvalidOption, err)
		}
	}
	if a.pkey == nil {
		a.pkey = make([]byte, 32)
		rand.Read(a.pkey) // never fails: see encryptToken
	}
	for _, op := range a.allOps() {
		if op.kind == opEncrypt {
			a.aeads = append(a.aeads, op.aead)
		}
	}
	return a, nil
}

func (a *Anonymizer) allOps() []Operator {
	ops := []Operator{a.def}
	for _, op := range a.ops {
		ops = append(ops, op)
	}
	return ops
}

// operator returns the operator for a category.
func (a *Anonymizer) operator(category string) Operator {
	if op, ok := a.ops[category]; ok {
		return op
	}
	if op, ok := a.ops[strings.ToUpper(category)]; ok {
		return op
	}
	return a.def
}

// Sanitize returns the edits that anonymize what findings cover in
// in.Text, sorted and disjoint as [guard.Sanitizer] requires.
//
// Findings whose operator is [Keep] are set aside first. Findings that
// overlap form one group, which the best of them speaks for: the highest
// score, then the longest, then the first. The group's whole extent is
// rewritten with that finding's operator and category, so that no byte any
// finding covered survives. Findings wholly inside a token this package
// wrote, and spans that are already pseudonyms of in.Vault, are left
// alone, which makes sanitizing twice equal sanitizing once for the
// operators whose output a scanner can recognise (see the package
// comment).
//
// A finding outside the text or splitting a character is an error, and so
// is a cancelled context; the error names the finding by index and rule,
// never by its text.
func (a *Anonymizer) Sanitize(ctx context.Context, in guard.Input, findings []guard.Finding) ([]guard.Edit, error) {
	if err := ctx.Err(); err != nil || len(findings) == 0 {
		return nil, err
	}
	groups, err := a.group(in.Text, findings)
	if err != nil || len(groups) == 0 {
		return nil, err
	}
	c := &call{a: a, in: in}
	edits := make([]guard.Edit, 0, len(groups))
	for i, g := range groups {
		if i%64 == 63 {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
		}
		orig := in.Text[g.start:g.end]
		if text := c.rewrite(g, orig); text != orig {
			edits = append(edits, guard.Edit{Start: g.start, End: g.end, Text: text})
		}
	}
	return edits, nil
}

// Anonymize is [Anonymizer.Sanitize] followed by applying the edits: it
// returns in.Text with what findings cover anonymized. It is for hosts that
// use the Anonymizer outside a guard.
func (a *Anonymizer) Anonymize(ctx context.Context, in guard.Input, findings []guard.Finding) (string, error) {
	edits, err := a.Sanitize(ctx, in, findings)
	if err != nil {
		return "", err
	}
	var b strings.Builder
	b.Grow(len(in.Text))
	at := 0
	for _, e := range edits {
		b.WriteString(in.Text[at:e.Start])
		b.WriteString(e.Text)
		at = e.End
	}
	b.WriteString(in.Text[at:])
	return b.String(), nil
}

// group is a run of overlapping findings and the one that speaks for it.
type group struct {
	start, end int
	rep        guard.Finding
	op         Operator
}

// group validates findings and merges the overlapping ones.
func (a *Anonymizer) group(text string, findings []guard.Finding) ([]group, error) {
	var toks []span
	if strings.IndexByte(text, '<') >= 0 {
		toks = a.tokens(text)
	}
	fs := make([]guard.Finding, 0, len(findings))
	for i, f := range findings {
		if f.Start < 0 || f.End > len(text) || f.Start > f.End {
			return nil, fmt.Errorf("anonymize: finding %d (%s): offsets [%d,%d) outside text of %d bytes",
				i, f.Rule, f.Start, f.End, len(text))
		}
		if !boundary(text, f.Start) || !boundary(text, f.End) {
			return nil, fmt.Errorf("anonymize: finding %d (%s): offsets [%d,%d) split a character",
				i, f.Rule, f.Start, f.End)
		}
		if f.Start == f.End || a.operator(f.Category).kind == opKeep || inside(toks, f.Start, f.End) {
			continue
		}
		fs = append(fs, f)
	}
	slices.SortFunc(fs, func(x, y guard.Finding) int {
		return cmp.Or(cmp.Compare(x.Start, y.Start), cmp.Compare(y.End, x.End))
	})
	gs := make([]group, 0, len(fs))
	for _, f := range fs {
		if n := len(gs); n > 0 && f.Start < gs[n-1].end {
			g := &gs[n-1]
			g.end = max(g.end, f.End)
			if better(f, g.rep) {
				g.rep = f
			}
			continue
		}
		gs = append(gs, group{start: f.Start, end: f.End, rep: f})
	}
	for i := range gs {
		gs[i].op = a.operator(gs[i].rep.Category)
	}
	return gs, nil
}

// better reports whether f should speak for a group instead of g. The
// order is total, so the choice does not depend on the order of findings.
func better(f, g guard.Finding) bool {
	return cmp.Or(
		cmp.Compare(f.Score, g.Score),
		cmp.Compare(f.Len(), g.Len()),
		cmp.Compare(g.Start, f.Start),
		strings.Compare(g.Category, f.Category),
		strings.Compare(g.Rule, f.Rule),
	) > 0
}

func boundary(s string, i int) bool { return i == len(s) || utf8.RuneStart(s[i]) }

// call holds what one Sanitize call needs beyond the Anonymizer.
type call struct {
	a      *Anonymizer
	in     guard.Input
	corpus *corpus    // built on first use
	macs   []keyedMAC // HMACs by key, set up on first use
}

// rewrite returns the text that replaces orig, the text of group g.
func (c *call) rewrite(g group, orig string) string {
	cat := tagName(g.rep.Category)
	if c.isPseudonym(cat, orig) {
		return orig
	}
	switch g.op.kind {
	case opRedact:
		return ""
	case opReplace:
		return g.op.text
	case opTag:
		return "<" + cat + ">"
	case opMask:
		return maskText(orig, g.op.mask, g.op.keep)
	case opHash:
		return hashToken(c.mac(g.op.key), cat, orig)
	case opEncrypt:
		return c.encrypt(g.op, cat, orig)
	case opPseudonym:
		return c.pseudonym(cat, g.start, orig)
	}
	return orig // opKeep never reaches here: group drops it
}

// encrypt encrypts orig, through the vault when there is one so that the
// value keeps one token for the call and the guard can restore it.
func (c *call) encrypt(op Operator, cat, orig string) string {
	if c.in.Vault == nil {
		return encryptToken(op.aead, cat, orig)
	}
	return c.in.Vault.Pseudonym(cat, orig, func(int) string { return encryptToken(op.aead, cat, orig) })
}
