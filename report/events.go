package report

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"sort"
	"strings"
	"time"

	"github.com/framescope/framescope/corpus"
	"github.com/framescope/framescope/index"
)

// ErrInput is wrapped by the errors of ReadEvents and ReadReference for a
// file the user should correct.
var ErrInput = errors.New("report: bad input file")

// DefaultEvents are the launches the framing literature marks: ChatGPT,
// GPT-4, ERNIE Bot and DeepSeek-R1.
func DefaultEvents() []corpus.Event {
	d := func(s string) time.Time { t, _ := time.Parse("2006-01-02", s); return t }
	return []corpus.Event{
		{Date: d("2022-11-30"), Label: "ChatGPT", Actor: "openai"},
		{Date: d("2023-03-14"), Label: "GPT-4", Actor: "openai"},
		{Date: d("2023-03-16"), Label: "ERNIE Bot", Actor: "baidu"},
		{Date: d("2025-01-20"), Label: "DeepSeek-R1", Actor: "deepseek"},
	}
}

// ReadEvents reads events from CSV with columns date (YYYY-MM-DD), label
// and an optional actor ID. A header row starting with "date" and lines
// starting with # are skipped. Errors name the line and wrap ErrInput.
func ReadEvents(r io.Reader) ([]corpus.Event, error) {
	cr := csv.NewReader(r)
	cr.Comment = '#'
	cr.FieldsPerRecord = -1
	cr.TrimLeadingSpace = true
	var out []corpus.Event
	for first := true; ; first = false {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		line, _ := cr.FieldPos(0)
		if err != nil {
			return nil, fmt.Errorf("%w: events: %v", ErrInput, err)
		}
		if first && strings.EqualFold(strings.TrimSpace(rec[0]), "date") {
			continue
		}
		if len(rec) < 2 || len(rec) > 3 {
			return nil, fmt.Errorf("%w: events line %d: want date,label[,actor], got %d fields", ErrInput, line, len(rec))
		}
		d, err := time.Parse("2006-01-02", strings.TrimSpace(rec[0]))
		if err != nil {
			return nil, fmt.Errorf("%w: events line %d: date %q: want YYYY-MM-DD", ErrInput, line, rec[0])
		}
		ev := corpus.Event{Date: d, Label: strings.TrimSpace(rec[1])}
		if ev.Label == "" {
			return nil, fmt.Errorf("%w: events line %d: empty label", ErrInput, line)
		}
		if len(rec) == 3 {
			ev.Actor = strings.TrimSpace(rec[2])
		}
		out = append(out, ev)
	}
	return out, nil
}

// sortEvents orders events by date, then label.
func sortEvents(evs []corpus.Event) {
	sort.SliceStable(evs, func(i, j int) bool {
		if !evs[i].Date.Equal(evs[j].Date) {
			return evs[i].Date.Before(evs[j].Date)
		}
		return evs[i].Label < evs[j].Label
	})
}

// windowShares sums the trend of the query between since and until into
// one Share per actor and language.
func (b *builder) windowShares(actors []string, since, until time.Time) (map[string]map[string]Share, error) {
	if !b.opts.From.IsZero() && since.Before(b.opts.From) {
		since = b.opts.From
	}
	if !b.opts.To.IsZero() && until.After(b.opts.To) {
		until = b.opts.To
	}
	out := map[string]map[string]Share{}
	if !since.Before(until) {
		return out, nil
	}
	t, err := b.idx.Trend(b.ctx, index.TrendQuery{Text: b.opts.Query, Filters: index.Filters{Since: since, Until: until},
		By: index.Year, Actors: actors, Split: index.SplitLang, Unit: index.UnitArticle})
	if err != nil {
		return nil, err
	}
	sums := map[string]map[string][2]int{}
	for _, bk := range t.Buckets {
		for a, c := range bk.Actors {
			if sums[a] == nil {
				sums[a] = map[string][2]int{}
			}
			s := sums[a][bk.Split]
			sums[a][bk.Split] = [2]int{s[0] + c.Leader, s[1] + c.CatchingUp}
		}
	}
	for a, byLang := range sums {
		out[a] = map[string]Share{}
		for l, s := range byLang {
			out[a][l] = index.NewShare(s[0], s[1])
		}
	}
	return out, nil
}

// beforeAfter compares shares in the windows around each event and counts
// the launch coverage of each event's actor.
func (b *builder) beforeAfter() error {
	win := time.Duration(b.opts.Window) * 24 * time.Hour
	for _, ev := range b.r.Events {
		actors := append([]string(nil), b.r.Actors...)
		if ev.Actor != "" && !contains(actors, ev.Actor) {
			actors = append(actors, ev.Actor)
		}
		before, err := b.windowShares(actors, ev.Date.Add(-win), ev.Date)
		if err != nil {
			return fmt.Errorf("report: before %s: %w", ev.Label, err)
		}
		after, err := b.windowShares(actors, ev.Date, ev.Date.Add(win))
		if err != nil {
			return fmt.Errorf("report: after %s: %w", ev.Label, err)
		}
		for _, a := range b.r.Actors {
			for _, l := range b.r.Langs {
				c := Change{Event: ev, Actor: a, Lang: l, Before: before[a][l], After: after[a][l]}
				c.Before, c.After = index.NewShare(c.Before.Leader, c.Before.CatchingUp), index.NewShare(c.After.Leader, c.After.CatchingUp)
				c.Z, c.P, c.TestOK = TwoProportionZ(c.After.CatchingUp, c.After.N(), c.Before.CatchingUp, c.Before.N())
				b.r.BeforeAfter = append(b.r.BeforeAfter, c)
			}
		}
		if ev.Actor == "" {
			continue
		}
		canon := ev.Actor
		for a := range after {
			if equalFold(a, ev.Actor) {
				canon = a
			}
		}
		for _, l := range b.r.Langs {
			f := index.Filters{Actor: []string{ev.Actor}, Lang: []corpus.Lang{corpus.Lang(l)}, Since: ev.Date, Until: ev.Date.Add(win)}
			if !b.opts.To.IsZero() && f.Until.After(b.opts.To) {
				f.Until = b.opts.To
			}
			n, err := b.total(f)
			if err != nil {
				return fmt.Errorf("report: launch coverage of %s: %w", ev.Label, err)
			}
			s := after[canon][l]
			b.r.Launches = append(b.r.Launches, Launch{Event: ev, Lang: l, Articles: n, Share: index.NewShare(s.Leader, s.CatchingUp)})
		}
	}
	return nil
}
