package main

import (
	"fmt"
	"io"
	"os"
	"time"

	"github.com/schollz/progressbar/v3"
	"golang.org/x/term"
)

// isTerminal reports whether w is a terminal (progress bars only there).
func isTerminal(w io.Writer) bool {
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
