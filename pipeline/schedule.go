package pipeline

import (
	"context"
	"errors"
	"sync/atomic"
	"time"
)

// Scheduler runs crawls inside a long-running process, as the server does:
// on a schedule and when asked, one at a time.
type Scheduler struct {
	crawl   func(ctx context.Context)
	trigger chan struct{}
	running atomic.Bool
}

// NewScheduler returns a scheduler of crawl, which runs one crawl and
// returns when it is done (or ctx is).
func NewScheduler(crawl func(ctx context.Context)) *Scheduler {
	return &Scheduler{crawl: crawl, trigger: make(chan struct{}, 1)}
}

// Start asks Run for a crawl now, without waiting for it; it fails when a
// crawl is running or already asked for.
func (s *Scheduler) Start(context.Context) error {
	if s.running.Load() {
		return errors.New("a crawl is running")
	}
	select {
	case s.trigger <- struct{}{}:
		return nil
	default:
		return errors.New("a crawl is already queued")
	}
}

// Run crawls every interval (never when 0) and when Start asks, until ctx
// is done; with now true it crawls at once first.
func (s *Scheduler) Run(ctx context.Context, every time.Duration, now bool) {
	var tick <-chan time.Time
	if every > 0 {
		t := time.NewTicker(every)
		defer t.Stop()
		tick = t.C
	}
	if now {
		s.run(ctx)
	}
	for {
		select {
		case <-ctx.Done():
			return
		case <-tick:
		case <-s.trigger:
		}
		s.run(ctx)
	}
}

func (s *Scheduler) run(ctx context.Context) {
	s.running.Store(true)
	defer s.running.Store(false)
	s.crawl(ctx)
}
