package main

import (
	"fmt"
	"io"
	"log/slog"
	"os"
	"time"

	"github.com/schollz/progressbar/v3"
	"golang.org/x/term"
)

// isTerminal reports whether w is a terminal (progress bars only there).
func isTerminal(w io.Writer) bool {
	if t, ok := w.(*termSafe); ok {
		w = t.w
	}
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}

// newProgress returns a callback that shows done/total on w: a bar on a
// terminal, a log line every few seconds otherwise (cron mails, journald).
func newProgress(w io.Writer, what string) func(done, total int) {
	if isTerminal(w) {
		var bar *progressbar.ProgressBar
		return func(done, total int) {
			if bar == nil {
				bar = progressbar.NewOptions(total, progressbar.OptionSetWriter(w),
					progressbar.OptionSetDescription(what), progressbar.OptionShowCount(),
					progressbar.OptionThrottle(100*time.Millisecond), progressbar.OptionClearOnFinish())
			}
			bar.Set(done)
			if done == total {
				bar.Finish()
			}
		}
	}
	last := time.Now()
	return func(done, total int) {
		if done == total || time.Since(last) > 5*time.Second {
			fmt.Fprintf(w, "%s: %d/%d\n", what, done, total)
			last = time.Now()
		}
	}
}

// rateProgress reports a long run's progress: items done, their rate and,
// when the total is known, the share done and the time left. On a
// terminal it redraws one status line on w; otherwise it logs a line to
// logger every 10 seconds (cron mails, journald).
type rateProgress struct {
	w      io.Writer
	tty    bool
	logger *slog.Logger
	what   string
	start  time.Time
	last   time.Time
}

func newRateProgress(w io.Writer, logger *slog.Logger, what string) *rateProgress {
	now := time.Now()
	return &rateProgress{w: w, tty: isTerminal(w), logger: logger, what: what, start: now, last: now}
}

// update reports items handled so far and done of total units of work
// (bytes of a file, URLs of a list; total 0 when unknown); detail is
// shown after the counts.
func (p *rateProgress) update(items int, done, total int64, detail string) {
	now := time.Now()
	if p.tty && now.Sub(p.last) < 100*time.Millisecond || !p.tty && now.Sub(p.last) < 10*time.Second {
		return
	}
	p.last = now
	elapsed := now.Sub(p.start).Seconds()
	rate := float64(items) / max(elapsed, 0.001)
	eta := ""
	share := 0.0
	if total > 0 && done > 0 {
		share = float64(done) / float64(total)
		left := time.Duration(elapsed * (1 - share) / share * float64(time.Second)).Round(time.Second)
		eta = left.String()
	}
	if p.tty {
		line := fmt.Sprintf("%s: %d items, %.1f/s", p.what, items, rate)
		if eta != "" {
			line += fmt.Sprintf(", %.0f%%, %s left", 100*share, eta)
		}
		fmt.Fprintf(p.w, "\r\033[K%s %s", line, detail)
		return
	}
	p.logger.Info(p.what, "items", items, "per_second", fmt.Sprintf("%.1f", rate), "done", fmt.Sprintf("%.1f%%", 100*share), "eta", eta, "detail", detail)
}

// finish clears the status line.
func (p *rateProgress) finish() {
	if p.tty {
		fmt.Fprint(p.w, "\r\033[K")
	}
}
