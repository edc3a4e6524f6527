package report

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/framescope/framescope/analyzer"
	"github.com/framescope/framescope/corpus"
	"github.com/framescope/framescope/index"
	"github.com/framescope/framescope/pairs"
	"github.com/framescope/framescope/terms"
)

// Defaults of Options.
const (
	DefaultWindow  = 90 // days before and after an event
	DefaultMaxLag  = 4  // buckets
	DefaultSamples = 3  // evidence sentences per cell
)

// Options say what a report covers. The zero value reports every article,
// by month, for DefaultActors, with DefaultEvents.
type Options struct {
	// Query restricts the report to the articles matching it, in the index
	// query language; "" and "*" mean every article.
	Query string
	// From (inclusive) and To (exclusive) bound the publication time; zero
	// values do not bound.
	From, To time.Time
	// Actors are the actor IDs reported on; empty means index.DefaultActors.
	Actors []string
	// By is the bucket width of the time series; "" means index.Month.
	By index.Period
	// Events are the event markers; nil means DefaultEvents (an empty,
	// non-nil slice means none).
	Events []corpus.Event
	// Window is the number of days compared before and after each event;
	// 0 means DefaultWindow.
	Window int
	// Reference are measured series to set against the catching-up share
	// of RefActor (default: the first of Actors), lagged by up to MaxLag
	// buckets (0 means DefaultMaxLag).
	Reference []RefPoint
	RefActor  string
	MaxLag    int
	// Validation is the coder's validation against a gold file, if any,
	// and ValidationByLang the validation of the gold passages in each
	// language, for the corrected shares (see CorrectedShare).
	Validation       *analyzer.Report
	ValidationByLang map[string]*analyzer.Report
	// Pairs are the comparable launches set side by side; nil means
	// pairs.Default (an empty, non-nil slice means none).
	Pairs []pairs.Pair
	// Terms, when set, reads the articles whose distinctive words per
	// language the report lists (see package terms); nil leaves them out.
	Terms *terms.Source
	// Samples is the number of evidence sentences per actor, frame and
	// language; 0 means DefaultSamples, negative none.
	Samples int
	// Generated is the time printed as the report's date.
	Generated time.Time
}

// Report is everything a report shows, computed from an index.
type Report struct {
	Options Options    `json:"-"`
	Info    index.Info `json:"index"`
	// Actors are the canonical actor IDs reported on, Langs the languages
	// found in the period, sorted.
	Actors []string       `json:"actors"`
	Langs  []string       `json:"langs"`
	Events []corpus.Event `json:"events"`
	// Trend is the trend of the query split by language; All the trend of
	// every article, for shares of all AI articles.
	Trend *index.TrendResult `json:"-"`
	All   *index.TrendResult `json:"-"`

	Frames      []FrameCounts `json:"frames"`
	Tests       []ActorTest   `json:"independence"`
	BeforeAfter []Change      `json:"before_after"`
	Gap         []GapRow      `json:"perception_gap"`
	Launches    []Launch      `json:"launches"`
	EventPairs  []pairs.Row   `json:"event_pairs"`
	// Corrected are the catching-up shares corrected for the coder's
	// error, with a validation; empty without.
	Corrected []CorrectedShare `json:"corrected_shares"`
	// Terms are the distinctive words per language, with Options.Terms.
	Terms     []terms.SplitTerm `json:"terms,omitempty"`
	Samples   []Sample          `json:"samples"`
	RefSeries []RefBucket       `json:"reference_series,omitempty"`
	RefLags   []RefLag          `json:"reference_lags,omitempty"`
	// Notes are remarks on what could not be computed.
	Notes []string `json:"notes,omitempty"`
}

// Share is a catching-up share of Leader+CatchingUp with its 95% Wilson
// interval; with no counts its N is 0.
type Share = index.Share

// FrameCounts are the articles in one language that mention an actor and
// that frame it with each frame.
type FrameCounts struct {
	Actor    string               `json:"actor"`
	Lang     string               `json:"lang"`
	Mentions int                  `json:"mentions"`
	Frames   map[corpus.Frame]int `json:"frames"`
}

// ActorTest is the chi-square test of independence of frame and language
// for one actor; OK is false when the table has fewer than two non-empty
// rows or columns.
type ActorTest struct {
	Actor string    `json:"actor"`
	OK    bool      `json:"ok"`
	Chi   ChiSquare `json:"test"`
}

// Change compares an actor's catching-up share in one language in the
// Window days before and after an event.
type Change struct {
	Event  corpus.Event `json:"event"`
	Actor  string       `json:"actor"`
	Lang   string       `json:"lang"`
	Before Share        `json:"before"`
	After  Share        `json:"after"`
	// Z and P are the two-proportion test of after against before; TestOK
	// is false when it cannot be computed.
	Z      float64 `json:"z"`
	P      float64 `json:"p"`
	TestOK bool    `json:"test_ok"`
}

// GapRow sets an actor's catching-up share in Chinese outlets beside the
// share in English ones, over the whole period.
type GapRow struct {
	Actor  string  `json:"actor"`
	ZH     Share   `json:"zh"`
	EN     Share   `json:"en"`
	Z      float64 `json:"z"`
	P      float64 `json:"p"`
	TestOK bool    `json:"test_ok"`
}

// Launch is the coverage of an event's actor in one language within Window
// days from the event: articles mentioning it and its catching-up share.
type Launch struct {
	Event    corpus.Event `json:"event"`
	Lang     string       `json:"lang"`
	Articles int          `json:"articles"`
	Share    Share        `json:"share"`
}

// Sample is one evidence sentence for an actor, frame and language.
type Sample struct {
	Actor     string       `json:"actor"`
	Frame     corpus.Frame `json:"frame"`
	Lang      string       `json:"lang"`
	Published time.Time    `json:"published"`
	Source    string       `json:"source"`
	Title     string       `json:"title"`
	URL       string       `json:"url"`
	Sentence  string       `json:"sentence"`
	Cue       string       `json:"cue"`
}

// RefBucket is a reference series' value in one time bucket (observed, or
// interpolated linearly between observed buckets) beside the reference
// actor's catching-up share per language.
type RefBucket struct {
	Series       string           `json:"series"`
	Start        string           `json:"start"`
	Value        float64          `json:"value"`
	Interpolated bool             `json:"interpolated"`
	Shares       map[string]Share `json:"shares"`
}

// RefLag is the correlation of a reference series with the reference
// actor's catching-up share in one language at every lag tried, and the
// lag with the largest |r|.
type RefLag struct {
	Series string           `json:"series"`
	Source string           `json:"source"`
	Actor  string           `json:"actor"`
	Lang   string           `json:"lang"`
	Lags   []LagCorrelation `json:"lags"`
	Best   LagCorrelation   `json:"best"`
	OK     bool             `json:"ok"`
}

// ErrOption is wrapped by the errors Build returns for options that do not
// fit together, such as a reference actor the report does not cover.
var ErrOption = errors.New("report: bad option")

// Build computes a report from idx. Errors from bad queries or actors
// wrap index.ErrBadQuery, errors from inconsistent options ErrOption.
func Build(ctx context.Context, idx index.Reader, opts Options) (*Report, error) {
	if opts.By == "" {
		opts.By = index.Month
	}
	if opts.Events == nil {
		opts.Events = DefaultEvents()
	}
	if opts.Pairs == nil {
		opts.Pairs = pairs.Default()
	}
	if opts.Window <= 0 {
		opts.Window = DefaultWindow
	}
	if opts.MaxLag <= 0 {
		opts.MaxLag = DefaultMaxLag
	}
	if opts.Samples == 0 {
		opts.Samples = DefaultSamples
	}
	if opts.Generated.IsZero() {
		opts.Generated = time.Now()
	}
	r := &Report{Options: opts}
	b := &builder{ctx: ctx, idx: idx, r: r, opts: &r.Options}
	var err error
	if r.Info, err = idx.Info(ctx); err != nil {
		return nil, fmt.Errorf("report: %w", err)
	}
	if v := opts.Validation; v != nil && v.Codebook != r.Info.Codebook {
		r.Notes = append(r.Notes, fmt.Sprintf("The validation scored codebook %s; the index was built with codebook %q.", v.Codebook, r.Info.Codebook))
	}
	steps := []func() error{b.trends, b.events, b.frames, b.beforeAfter, b.gap, b.pairs, b.corrected, b.terms, b.samples, b.reference}
	for _, step := range steps {
		if err := step(); err != nil {
			return nil, err
		}
	}
	return r, nil
}

// builder holds the state of one Build.
type builder struct {
	ctx  context.Context
	idx  index.Reader
	r    *Report
	opts *Options
}

func (b *builder) filters() index.Filters {
	return index.Filters{Since: b.opts.From, Until: b.opts.To}
}

// trends reads the time series of the query and of every article.
func (b *builder) trends() error {
	q := index.TrendQuery{Text: b.opts.Query, Filters: b.filters(), By: b.opts.By,
		Actors: b.opts.Actors, Split: index.SplitLang, Unit: index.UnitArticle}
	t, err := b.idx.Trend(b.ctx, q)
	if err != nil {
		return fmt.Errorf("report: trend: %w", err)
	}
	b.r.Trend = t
	b.r.Actors = t.Actors
	q.Text = "*"
	if b.r.All, err = b.idx.Trend(b.ctx, q); err != nil {
		return fmt.Errorf("report: trend of all articles: %w", err)
	}
	langs := map[string]bool{}
	for _, bk := range t.Buckets {
		langs[bk.Split] = true
	}
	for l := range langs {
		b.r.Langs = append(b.r.Langs, l)
	}
	sort.Strings(b.r.Langs)
	if len(t.Buckets) == 0 {
		b.r.Notes = append(b.r.Notes, "No article matches the query in the period.")
	}
	return nil
}

// events keeps the events inside the period, sorted, and drops event
// actors the index does not know.
func (b *builder) events() error {
	evs := append([]corpus.Event(nil), b.opts.Events...)
	sortEvents(evs)
	for _, ev := range evs {
		if !b.opts.From.IsZero() && ev.Date.Before(b.opts.From) || !b.opts.To.IsZero() && !ev.Date.Before(b.opts.To) {
			continue
		}
		if ev.Actor != "" {
			_, err := b.idx.Search(b.ctx, index.Query{Filters: index.Filters{Actor: []string{ev.Actor}}, Limit: 1})
			if errors.Is(err, index.ErrBadQuery) {
				b.r.Notes = append(b.r.Notes, fmt.Sprintf("Event %q: actor %q is not in the index; no launch coverage for it.", ev.Label, ev.Actor))
				ev.Actor = ""
			} else if err != nil {
				return fmt.Errorf("report: event %s: %w", ev.Label, err)
			}
		}
		b.r.Events = append(b.r.Events, ev)
	}
	return nil
}

// total returns the number of articles matching the query and f.
func (b *builder) total(f index.Filters) (int, error) {
	res, err := b.idx.Search(b.ctx, index.Query{Text: b.opts.Query, Filters: f, Limit: 1})
	if err != nil {
		return 0, err
	}
	return int(res.Total), nil
}

// frames counts articles per actor, language and frame, and tests frame
// against language for each actor.
func (b *builder) frames() error {
	for _, a := range b.r.Actors {
		table := make([][]int, len(b.r.Langs))
		for li, l := range b.r.Langs {
			f := b.filters()
			f.Actor, f.Lang = []string{a}, []corpus.Lang{corpus.Lang(l)}
			fc := FrameCounts{Actor: a, Lang: l, Frames: map[corpus.Frame]int{}}
			var err error
			if fc.Mentions, err = b.total(f); err != nil {
				return fmt.Errorf("report: count %s in %s: %w", a, l, err)
			}
			for _, fr := range corpus.Frames {
				f.Frame = []corpus.Frame{fr}
				n, err := b.total(f)
				if err != nil {
					return fmt.Errorf("report: count %s %s in %s: %w", a, fr, l, err)
				}
				fc.Frames[fr] = n
				table[li] = append(table[li], n)
			}
			b.r.Frames = append(b.r.Frames, fc)
		}
		chi, ok := ChiSquareTest(table)
		b.r.Tests = append(b.r.Tests, ActorTest{Actor: a, OK: ok, Chi: chi})
	}
	return nil
}

// gap sets Chinese against English catching-up shares per actor.
func (b *builder) gap() error {
	if !contains(b.r.Langs, string(corpus.Chinese)) || !contains(b.r.Langs, string(corpus.English)) {
		b.r.Notes = append(b.r.Notes, "The perception-gap view needs both Chinese (zh) and English (en) articles in the period.")
		return nil
	}
	for _, a := range b.r.Actors {
		g := GapRow{Actor: a}
		for _, fc := range b.r.Frames {
			if fc.Actor != a {
				continue
			}
			s := index.NewShare(fc.Frames[corpus.Leader], fc.Frames[corpus.CatchingUp])
			switch fc.Lang {
			case string(corpus.Chinese):
				g.ZH = s
			case string(corpus.English):
				g.EN = s
			}
		}
		g.Z, g.P, g.TestOK = TwoProportionZ(g.ZH.CatchingUp, g.ZH.N(), g.EN.CatchingUp, g.EN.N())
		b.r.Gap = append(b.r.Gap, g)
	}
	return nil
}

// samples picks evidence sentences for every actor, frame and language.
func (b *builder) samples() error {
	if b.opts.Samples < 0 {
		return nil
	}
	for _, a := range b.r.Actors {
		for _, fr := range corpus.Frames {
			for _, l := range b.r.Langs {
				f := b.filters()
				f.Actor, f.Frame, f.Lang = []string{a}, []corpus.Frame{fr}, []corpus.Lang{corpus.Lang(l)}
				res, err := b.idx.Search(b.ctx, index.Query{Text: b.opts.Query, Filters: f, Limit: b.opts.Samples, ByDate: true})
				if err != nil {
					return fmt.Errorf("report: samples of %s %s in %s: %w", a, fr, l, err)
				}
				for _, h := range res.Hits {
					if ev, ok := evidenceFor(h, a, fr); ok {
						b.r.Samples = append(b.r.Samples, Sample{Actor: a, Frame: fr, Lang: l, Published: h.Published,
							Source: h.Source, Title: h.Title, URL: h.URL, Sentence: ev.Sentence, Cue: ev.Cue})
					}
				}
			}
		}
	}
	return nil
}

// evidenceFor returns the first evidence of hit h for actor a and frame f.
func evidenceFor(h index.Hit, a string, f corpus.Frame) (corpus.Evidence, bool) {
	for _, at := range h.Frames {
		if equalFold(at.Actor, a) && at.Frame == f && len(at.Evidence) > 0 {
			return at.Evidence[0], true
		}
	}
	return corpus.Evidence{}, false
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if equalFold(x, s) {
			return true
		}
	}
	return false
}

func equalFold(a, b string) bool { return strings.EqualFold(a, b) }

// pairs compares the coverage of comparable launches.
func (b *builder) pairs() error {
	var keep []pairs.Pair
	for _, p := range b.opts.Pairs {
		if !b.opts.From.IsZero() && p.Western.Date.Before(b.opts.From) && p.Chinese.Date.Before(b.opts.From) ||
			!b.opts.To.IsZero() && !p.Western.Date.Before(b.opts.To) && !p.Chinese.Date.Before(b.opts.To) {
			continue
		}
		if err := b.knownActors(p); errors.Is(err, index.ErrBadQuery) {
			b.r.Notes = append(b.r.Notes, fmt.Sprintf("Launch pair %s / %s left out: an actor is not in the index.", p.Western.Label, p.Chinese.Label))
			continue
		} else if err != nil {
			return err
		}
		keep = append(keep, p)
	}
	var err error
	b.r.EventPairs, err = pairs.Count(b.ctx, b.idx, pairs.Query{Text: b.opts.Query, Pairs: keep, Window: b.opts.Window})
	return err
}

// terms lists the distinctive words of each language's articles.
func (b *builder) terms() error {
	if b.opts.Terms == nil {
		return nil
	}
	res, err := terms.SplitBy(b.ctx, *b.opts.Terms, index.Query{Text: b.opts.Query, Filters: b.filters()}, index.SplitLang, terms.Options{Limit: 20})
	if err != nil {
		return fmt.Errorf("report: terms: %w", err)
	}
	b.r.Terms = res.Splits
	return nil
}

// knownActors fails with an error wrapping index.ErrBadQuery when the
// index does not know an actor of p.
func (b *builder) knownActors(p pairs.Pair) error {
	for _, a := range []string{p.Western.Actor, p.Chinese.Actor} {
		if _, err := b.idx.Search(b.ctx, index.Query{Filters: index.Filters{Actor: []string{a}}, Limit: 1}); err != nil {
			return fmt.Errorf("report: pair %s / %s: %w", p.Western.Label, p.Chinese.Label, err)
		}
	}
	return nil
}
