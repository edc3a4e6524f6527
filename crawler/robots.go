package crawler

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"sync"

	"github.com/temoto/robotstxt"
)

// robotsEntry is the robots.txt of one host, fetched once per Crawler.
type robotsEntry struct {
	mu      sync.Mutex
	fetched bool
	data    *robotstxt.RobotsData
}

// maxRobots bounds the robots.txt read.
const maxRobots = 512 << 10

// checkRobots returns ErrRobotsDisallowed when the host's robots.txt
// forbids u to the user agent. A missing robots.txt (4xx) or one that
// cannot be parsed allows everything; a 5xx answer (after retries) forbids
// everything, as Google does. When the host cannot be reached at all, that
// error is returned and robots.txt is tried again on the next request.
func (t *transport) checkRobots(ctx context.Context, u *url.URL, l limits) error {
	key := u.Scheme + "://" + u.Host
	t.mu.Lock()
	e := t.robots[key]
	if e == nil {
		e = &robotsEntry{}
		t.robots[key] = e
	}
	t.mu.Unlock()
	e.mu.Lock()
	if !e.fetched {
		data, err := t.fetchRobots(ctx, key+"/robots.txt", l)
		if err != nil {
			// Unreachable host or cancelled: try again next time.
			e.mu.Unlock()
			return err
		}
		e.data, e.fetched = data, true
	}
	data := e.data
	e.mu.Unlock()
	if data == nil {
		return nil
	}
	path := u.EscapedPath()
	if u.RawQuery != "" {
		path += "?" + u.RawQuery
	}
	if !data.TestAgent(path, l.userAgent) {
		return fmt.Errorf("%w: %s", ErrRobotsDisallowed, u)
	}
	return nil
}

// fetchRobots fetches and parses one robots.txt; nil data means allow
// all. The error is set only when no HTTP answer came at all.
func (t *transport) fetchRobots(ctx context.Context, robotsURL string, l limits) (*robotstxt.RobotsData, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, robotsURL, nil)
	if err != nil {
		return nil, nil
	}
	req.Header.Set("User-Agent", l.userAgent)
	resp, err := t.RoundTrip(req)
	if err != nil {
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		if errors.Is(err, ErrStatus) || errors.Is(err, ErrTooLarge) {
			// An HTTP answer, just not a usable one (such as a 503 whose
			// Retry-After is too long): treat as a server error.
			return robotsDisallowAll(), nil
		}
		return nil, fmt.Errorf("fetch %s: %w", robotsURL, err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, maxRobots))
	if err != nil {
		t.log.Debug("robots.txt unreadable; allowing all", "url", robotsURL, "err", err)
		return nil, nil
	}
	data, err := robotstxt.FromStatusAndBytes(resp.StatusCode, body)
	if err != nil {
		t.log.Debug("robots.txt unusable; allowing all", "url", robotsURL, "status", resp.StatusCode, "err", err)
		return nil, nil
	}
	return data, nil
}

// robotsDisallowAll returns robots rules that forbid everything.
func robotsDisallowAll() *robotstxt.RobotsData {
	data, _ := robotstxt.FromStatusAndBytes(http.StatusServiceUnavailable, nil)
	return data
}
