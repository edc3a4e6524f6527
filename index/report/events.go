package report

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"sort"
	"strings"
	"time"
)

// ErrInput is wrapped by the errors of ReadEvents and ReadReference for a
// file the user should correct.
var ErrInput = errors.New("report: bad input file")

// Event is a dated event drawn as a marker on the time charts and compared
// before and after.
type Event struct {
	Date  time.Time `json:"date"`
	Label string    `json:"label"`
	// Actor is the actor the event is about (the launching company), used
	// for the launch coverage view; empty when none.
	Actor string `json:"actor,omitempty"`
}

// DefaultEvents are the launches the framing literature marks: ChatGPT,
// GPT-4, ERNIE Bot and DeepSeek-R1.
func DefaultEvents() []Event {
	d := func(s string) time.Time { t, _ := time.Parse("2006-01-02", s); return t }
	return []Event{
		{d("2022-11-30"), "ChatGPT", "openai"},
		{d("2023-03-14"), "GPT-4", "openai"},
		{d("2023-03-16"), "ERNIE Bot", "baidu"},
		{d("2025-01-20"), "DeepSeek-R1", "deepseek"},
	}
}

// ReadEvents reads events from CSV with columns date (YYYY-MM-DD), label
// and an optional actor ID. A header row starting with "date" and lines
// starting with # are skipped. Errors name the line and wrap ErrInput.
func ReadEvents(r io.Reader) ([]Event, error) {
	cr := csv.NewReader(r)
	cr.Comment = '#'
	cr.FieldsPerRecord = -1
	cr.TrimLeadingSpace = true
	var out []Event
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
		ev := Event{Date: d, Label: strings.TrimSpace(rec[1])}
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
func sortEvents(evs []Event) {
	sort.SliceStable(evs, func(i, j int) bool {
		if !evs[i].Date.Equal(evs[j].Date) {
			return evs[i].Date.Before(evs[j].Date)
		}
		return evs[i].Label < evs[j].Label
	})
}
