package pii

import (
	"regexp/syntax"
	"slices"
	"strings"
	"sync"

	"github.com/nyaruka/phonenumbers"
)

// Checking a phone number through phonenumbers.Parse and IsValidNumber
// costs tens of microseconds: parsing runs a dozen regular expressions and
// validation up to ten more, each through Go's backtracking engine. The
// detector needs the answer for every candidate, and for a number written
// with a trunk zero in up to a hundred and fifty regions, so it reads the
// same metadata (the national number patterns of libphonenumber) once and
// matches digits against them with a small automaton of its own. Tests
// check that both agree.

// plans holds the numbering plans of every region, each compiled on first
// use. It is immutable once built, apart from the once-guarded compile of
// each plan, and safe for concurrent use.
type plans struct {
	byRegion map[string]*plan
	byCode   map[int][]*plan
	// joint has, per country code, one plan that accepts what any region
	// of the code accepts: checking +1 against it runs one automaton
	// instead of one per North American region.
	joint map[int]*plan
	// sets recycles the state sets of fullMatch, sized for the largest
	// program, so that checking a number allocates nothing.
	sets sync.Pool
}

// plan is one region's numbering plan.
type plan struct {
	region string
	code   int
	prefix string // national (trunk) prefix, "" when there is none
	// lengths has bit n set when a national number may have n digits.
	lengths uint64
	pattern string // alternation of the patterns of every number type

	once  sync.Once
	prog  *syntax.Prog
	dfa   *digitDFA // nil when the automaton grew too large to determinise
	owner *plans
}

func newPlans() *plans {
	ps := &plans{byRegion: map[string]*plan{}, byCode: map[int][]*plan{}, joint: map[int]*plan{}}
	coll, err := phonenumbers.MetadataCollection()
	if err != nil {
		return ps
	}
	for _, m := range coll.Metadata {
		p := &plan{
			owner:  ps,
			region: m.GetId(),
			code:   int(m.GetCountryCode()),
			prefix: strings.ReplaceAll(m.GetNationalPrefix(), "~", ""),
		}
		for _, n := range m.GetGeneralDesc().GetPossibleLength() {
			if n > 0 && n < 64 {
				p.lengths |= 1 << n
			}
		}
		var alts []string
		for _, d := range []*phonenumbers.PhoneNumberDesc{
			m.GetFixedLine(), m.GetMobile(), m.GetTollFree(), m.GetPremiumRate(),
			m.GetSharedCost(), m.GetPersonalNumber(), m.GetVoip(), m.GetPager(),
			m.GetUan(), m.GetVoicemail(),
		} {
			if pat := d.GetNationalNumberPattern(); pat != "" && pat != "NA" {
				alts = append(alts, "(?:"+pat+")")
			}
		}
		if len(alts) == 0 {
			continue
		}
		p.pattern = strings.Join(alts, "|")
		if p.region != "001" {
			ps.byRegion[p.region] = p
		}
		if m.GetMainCountryForCode() {
			ps.byCode[p.code] = append([]*plan{p}, ps.byCode[p.code]...)
		} else {
			ps.byCode[p.code] = append(ps.byCode[p.code], p)
		}
	}
	for code, regions := range ps.byCode {
		j := &plan{owner: ps, region: regions[0].region, code: code, prefix: regions[0].prefix}
		alts := make([]string, 0, len(regions))
		for _, p := range regions {
			j.lengths |= p.lengths
			alts = append(alts, "(?:"+p.pattern+")")
			if p.prefix != j.prefix {
				j.prefix = "" // regions disagree; try none rather than a wrong one
			}
		}
		j.pattern = strings.Join(alts, "|")
		if len(regions) == 1 {
			j = regions[0]
		}
		ps.joint[code] = j
	}
	return ps
}

// valid reports whether the national number nn (digits only) is valid in
// plan p.
func (p *plan) valid(nn string) bool {
	if len(nn) >= 64 || p.lengths&(1<<len(nn)) == 0 {
		return false
	}
	p.compile()
	if p.prog == nil {
		return false
	}
	if p.dfa != nil {
		return p.dfa.match(nn)
	}
	ss, _ := p.owner.sets.Get().(*[2]stateSet)
	if ss == nil || len(ss[0].seen)*64 < len(p.prog.Inst) {
		n := max(len(p.prog.Inst), 4096)
		ss = &[2]stateSet{*newStateSet(n), *newStateSet(n)}
	}
	ok := fullMatch(p.prog, nn, &ss[0], &ss[1])
	ss[0].reset()
	ss[1].reset()
	p.owner.sets.Put(ss)
	return ok
}

// compile builds the plan's automaton on first use; plans of regions no
// text mentions cost nothing.
func (p *plan) compile() {
	p.once.Do(func() {
		re, err := syntax.Parse(p.pattern, syntax.Perl)
		if err != nil {
			return
		}
		p.prog, _ = syntax.Compile(re.Simplify())
		if p.prog != nil {
			p.dfa = buildDFA(p.prog, maxDFAStates)
		}
	})
}

// national reports whether digits, written as a national number of p
// (with or without its trunk prefix), are valid there.
func (p *plan) national(digits string) bool {
	if p.valid(digits) {
		return true
	}
	return p.prefix != "" && strings.HasPrefix(digits, p.prefix) && p.valid(digits[len(p.prefix):])
}

// possible reports whether nn has a length p allows.
func (p *plan) possible(nn string) bool {
	return len(nn) < 64 && p.lengths&(1<<len(nn)) != 0
}

// international rates digits that followed a "+": valid when a country
// code and a valid national number of one of its regions make them up,
// possible when only the length fits.
func (ps *plans) international(digits string) (valid, possible bool) {
	for n := 1; n <= 3 && n < len(digits); n++ {
		code := 0
		for _, c := range digits[:n] {
			code = code*10 + int(c-'0')
		}
		p := ps.joint[code]
		if p == nil {
			continue
		}
		nn := digits[n:]
		// "+41 (0)96 ..." writes the trunk zero that international
		// dialling drops, which national() strips.
		if p.national(nn) {
			return true, true
		}
		return false, p.possible(nn) ||
			p.prefix != "" && strings.HasPrefix(nn, p.prefix) && p.possible(nn[len(p.prefix):])
	}
	return false, false
}

// fullMatch reports whether prog matches all of s, a string of ASCII
// digits. It simulates the automaton breadth-first, so its time is linear
// in len(s) times the states alive at once, which for numbering patterns
// stays small.
func fullMatch(prog *syntax.Prog, s string, cur, next *stateSet) bool {
	addState(prog, cur, uint32(prog.Start), 0, len(s))
	for i := 0; i < len(s); i++ {
		if len(cur.list) == 0 {
			return false
		}
		r := rune(s[i])
		next.reset()
		for _, pc := range cur.list {
			in := &prog.Inst[pc]
			switch in.Op {
			case syntax.InstRune, syntax.InstRune1, syntax.InstRuneAny, syntax.InstRuneAnyNotNL:
				if in.MatchRune(r) {
					addState(prog, next, in.Out, i+1, len(s))
				}
			}
		}
		cur, next = next, cur
	}
	for _, pc := range cur.list {
		if prog.Inst[pc].Op == syntax.InstMatch {
			return true
		}
	}
	return false
}

// stateSet is a set of instruction indices with constant-time reset.
type stateSet struct {
	seen []uint64
	list []uint32
}

func newStateSet(n int) *stateSet {
	return &stateSet{seen: make([]uint64, (n+63)/64), list: make([]uint32, 0, 16)}
}

func (s *stateSet) reset() {
	for _, pc := range s.list {
		s.seen[pc/64] = 0
	}
	s.list = s.list[:0]
}

// addState adds pc and the states reachable from it without input.
func addState(prog *syntax.Prog, s *stateSet, pc uint32, pos, end int) {
	if s.seen[pc/64]&(1<<(pc%64)) != 0 {
		return
	}
	s.seen[pc/64] |= 1 << (pc % 64)
	s.list = append(s.list, pc)
	in := &prog.Inst[pc]
	switch in.Op {
	case syntax.InstAlt, syntax.InstAltMatch:
		addState(prog, s, in.Out, pos, end)
		addState(prog, s, in.Arg, pos, end)
	case syntax.InstCapture, syntax.InstNop:
		addState(prog, s, in.Out, pos, end)
	case syntax.InstEmptyWidth:
		op := syntax.EmptyOp(in.Arg)
		if op&(syntax.EmptyBeginText|syntax.EmptyBeginLine) != 0 && pos != 0 ||
			op&(syntax.EmptyEndText|syntax.EmptyEndLine) != 0 && pos != end {
			return
		}
		addState(prog, s, in.Out, pos, end)
	}
}

// maxDFAStates bounds the deterministic automaton of one plan; the largest
// plans need a few thousand states.
const maxDFAStates = 1 << 15

// digitDFA is a deterministic automaton over the digits 0-9, built once per
// plan from its program by the subset construction. Matching a number is
// then one table step per digit.
type digitDFA struct {
	next   [][10]int32 // -1: no transition
	accept []bool
}

func (d *digitDFA) match(s string) bool {
	st := int32(0)
	for i := 0; i < len(s); i++ {
		st = d.next[st][s[i]-'0']
		if st < 0 {
			return false
		}
	}
	return d.accept[st]
}

// buildDFA determinises prog over the digits, or returns nil when the
// program uses anchors (which the digit alphabet cannot express) or the
// automaton would exceed limit states.
func buildDFA(prog *syntax.Prog, limit int) *digitDFA {
	for _, in := range prog.Inst {
		if in.Op == syntax.InstEmptyWidth {
			return nil
		}
	}
	n := len(prog.Inst)
	set := newStateSet(n)
	closure := func(pcs []uint32) []uint32 {
		set.reset()
		for _, pc := range pcs {
			addState(prog, set, pc, 1, 2)
		}
		out := make([]uint32, 0, len(set.list))
		for _, pc := range set.list {
			switch prog.Inst[pc].Op {
			case syntax.InstRune, syntax.InstRune1, syntax.InstRuneAny, syntax.InstRuneAnyNotNL,
				syntax.InstMatch:
				out = append(out, pc)
			}
		}
		slices.Sort(out)
		return out
	}
	key := func(pcs []uint32) string {
		b := make([]byte, 0, 4*len(pcs))
		for _, pc := range pcs {
			b = append(b, byte(pc), byte(pc>>8), byte(pc>>16), byte(pc>>24))
		}
		return string(b)
	}
	d := &digitDFA{}
	ids := map[string]int32{}
	var queue [][]uint32
	add := func(pcs []uint32) int32 {
		k := key(pcs)
		if id, ok := ids[k]; ok {
			return id
		}
		id := int32(len(d.next))
		ids[k] = id
		var row [10]int32
		for i := range row {
			row[i] = -1
		}
		d.next = append(d.next, row)
		acc := false
		for _, pc := range pcs {
			acc = acc || prog.Inst[pc].Op == syntax.InstMatch
		}
		d.accept = append(d.accept, acc)
		queue = append(queue, pcs)
		return id
	}
	add(closure([]uint32{uint32(prog.Start)}))
	for id := int32(0); int(id) < len(queue); id++ {
		if len(d.next) > limit {
			return nil
		}
		pcs := queue[id]
		for digit := rune('0'); digit <= '9'; digit++ {
			var to []uint32
			for _, pc := range pcs {
				in := &prog.Inst[pc]
				if in.Op != syntax.InstMatch && in.MatchRune(digit) {
					to = append(to, in.Out)
				}
			}
			if len(to) == 0 {
				continue
			}
			d.next[id][digit-'0'] = add(closure(to))
		}
	}
	return d
}
