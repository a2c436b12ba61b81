package anonymize

import (
	"strconv"
	"strings"
	"time"
)

var months = [...]string{"January", "February", "March", "April", "May", "June", "July",
	"August", "September", "October", "November", "December"}

var weekdays = [...]string{"sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"}

// dateTok is a run of digits, a run of letters, or the text between.
type dateTok struct {
	text string
	kind byte // 'n' digits, 'a' letters, 'o' other
	role byte // 'y' year, 'm' month, 'd' day, 's' ordinal suffix; 0 for literal text
}

func splitDate(s string) []dateTok {
	var toks []dateTok
	for i := 0; i < len(s); {
		start := i
		k := dateKind(s[i])
		for i < len(s) && dateKind(s[i]) == k {
			i++
		}
		toks = append(toks, dateTok{text: s[start:i], kind: k})
	}
	return toks
}

func dateKind(c byte) byte {
	switch {
	case isDigit(c):
		return 'n'
	case isLetter(c):
		return 'a'
	}
	return 'o'
}

// monthOf returns the month a word names, full or abbreviated, or 0.
func monthOf(w string) int {
	lw := strings.ToLower(w)
	for i, m := range months {
		lm := strings.ToLower(m)
		if lw == lm || lw == lm[:3] || lw == "sept" && i == 8 {
			return i + 1
		}
	}
	return 0
}

func isWeekday(w string) bool {
	lw := strings.ToLower(w)
	for _, d := range weekdays {
		if lw == d || lw == d[:3] {
			return true
		}
	}
	return false
}

func isOrdinal(w string) bool {
	switch strings.ToLower(w) {
	case "st", "nd", "rd", "th":
		return true
	}
	return false
}

// date is a parsed calendar date with the tokens it was written in.
type date struct {
	toks    []dateTok
	t       time.Time
	hasDay  bool
	weekday bool
}

// parseDate recognises a date written as numbers (2024-03-05, 05/03/2024,
// 3.5.24), or with an English month name (March 5, 2024; 5 March 2024;
// Mar 2024), possibly after a weekday and before a time, which stays as it
// is. Three numbers are read year first when the first has four digits,
// day first when the first is over 12 or they are separated by dots or
// hyphens, and month first otherwise, as in the US.
func parseDate(s string) (date, bool) {
	d := date{toks: splitDate(s)}
	var sig []int
	for i, t := range d.toks {
		switch {
		case t.kind == 'a' && isWeekday(t.text) && monthOf(t.text) == 0:
			d.weekday = true
		case t.kind == 'a' && i > 0 && d.toks[i-1].kind == 'n' && isOrdinal(t.text):
			d.toks[i].role = 's'
		case t.kind == 'a' && strings.EqualFold(t.text, "of"):
		case t.kind != 'o':
			sig = append(sig, i)
		}
	}
	if len(sig) < 2 {
		return d, false
	}
	n := func(k int) (int, int) {
		if k >= len(sig) || d.toks[sig[k]].kind != 'n' {
			return -1, 0
		}
		v, _ := strconv.Atoi(d.toks[sig[k]].text)
		return v, len(d.toks[sig[k]].text)
	}
	mon := func(k int) int {
		if k >= len(sig) || d.toks[sig[k]].kind != 'a' {
			return 0
		}
		return monthOf(d.toks[sig[k]].text)
	}
	roles := ""
	switch a, la := n(0); {
	case a >= 0 && la == 4:
		roles = "ymd"
	case a >= 0 && mon(1) > 0:
		roles = "dmy"
	case a > 12 || a >= 0 && strings.ContainsAny(s, ".-"):
		roles = "dmy"
	case a >= 0:
		roles = "mdy"
	case mon(0) > 0:
		if _, l := n(1); l == 4 {
			roles = "my"
		} else {
			roles = "mdy"
		}
	}
	return d.assign(roles, sig)
}

// assign gives the first len(roles) significant tokens their roles and
// checks the date they make.
func (d date) assign(roles string, sig []int) (date, bool) {
	if roles == "" || len(sig) < len(roles) {
		return d, false
	}
	year, month, day := 0, 0, 1
	for k, r := range []byte(roles) {
		t := &d.toks[sig[k]]
		t.role = r
		if r == 'm' && t.kind == 'a' {
			month = monthOf(t.text)
			continue
		}
		if t.kind != 'n' || len(t.text) > 4 {
			return d, false
		}
		v, _ := strconv.Atoi(t.text)
		switch r {
		case 'y':
			year = v
			switch len(t.text) {
			case 2:
				year = 1900 + v
				if v < 50 {
					year = 2000 + v
				}
			case 4:
			default:
				return d, false
			}
		case 'm':
			month = v
		case 'd':
			day = v
			d.hasDay = true
		}
	}
	d.t = time.Date(year, time.Month(month), day, 0, 0, 0, 0, time.UTC)
	ok := month >= 1 && month <= 12 && year >= 1000 && d.t.Day() == day && int(d.t.Month()) == month
	return d, ok
}

// shifted writes the date moved to t, in the original's layout.
func (d date) shifted(t time.Time) string {
	var b strings.Builder
	for _, tok := range d.toks {
		switch tok.role {
		case 'y':
			if len(tok.text) == 2 {
				b.WriteString(pad(t.Year()%100, 2))
			} else {
				b.WriteString(strconv.Itoa(t.Year()))
			}
		case 'm':
			if tok.kind == 'a' {
				b.WriteString(monthName(tok.text, t.Month()))
			} else {
				b.WriteString(pad(int(t.Month()), len(tok.text)))
			}
		case 'd':
			b.WriteString(pad(t.Day(), len(tok.text)))
		case 's':
			b.WriteString(styled(caseStyle(tok.text), ordinal(t.Day())))
		default:
			b.WriteString(tok.text)
		}
	}
	return b.String()
}

func pad(v, width int) string {
	s := strconv.Itoa(v)
	for len(s) < width {
		s = "0" + s
	}
	return s
}

// monthName writes month m as the word orig was written: full or short,
// in its case.
func monthName(orig string, m time.Month) string {
	name := months[m-1]
	switch {
	case strings.EqualFold(orig, "sept") && m == time.September:
		name = "Sept"
	case len(orig) <= 4 && !strings.EqualFold(orig, months[monthOf(orig)-1]):
		name = name[:3]
	}
	return styled(caseStyle(orig), name)
}

func ordinal(day int) string {
	switch {
	case day%100 >= 11 && day%100 <= 13:
		return "th"
	case day%10 == 1:
		return "st"
	case day%10 == 2:
		return "nd"
	case day%10 == 3:
		return "rd"
	}
	return "th"
}

// dateShifts is the number of distinct shifts: 1 to 365 days either way.
const dateShifts = 730

// dateGenerator moves a date by up to a year, never by zero days, and
// writes it in the original's layout. A date after a weekday moves by whole
// weeks so that the weekday stays right; a month without a day moves by
// whole months. Each value moves by its own amount, so the distance
// between two dates of one text is not kept.
func dateGenerator(orig string) generator {
	d, ok := parseDate(orig)
	if !ok {
		return generator{}
	}
	return generator{capacity: dateShifts, make: func(x uint64) string {
		v := int(permute(x, dateShifts))
		sign, mag := 1, v+1
		if v >= dateShifts/2 {
			sign, mag = -1, v-dateShifts/2+1
		}
		switch {
		case !d.hasDay:
			return d.shifted(d.t.AddDate(0, sign*(1+(mag-1)%24), 0))
		case d.weekday:
			return d.shifted(d.t.AddDate(0, 0, sign*7*(1+(mag-1)%52)))
		}
		return d.shifted(d.t.AddDate(0, 0, sign*mag))
	}}
}
