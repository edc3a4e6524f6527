package crawler

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"math/rand/v2"
	"net"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/framescope/framescope/corpus"
)

// limitsKey carries the limits of a request in its context.
type limitsKey struct{}

// withLimits returns ctx carrying the politeness limits for its requests.
func withLimits(ctx context.Context, l limits) context.Context {
	return context.WithValue(ctx, limitsKey{}, l)
}

// transport is the crawler's polite http.RoundTripper: it checks
// robots.txt, keeps to a per-host delay and concurrency limit, bounds each
// attempt by a timeout and the body by a size, and retries 429, 5xx and
// connection failures with backoff, honouring Retry-After. Every wait
// returns when the request's context is cancelled.
type transport struct {
	base http.RoundTripper
	opts Options
	log  *slog.Logger

	mu     sync.Mutex
	hosts  map[string]*hostGate
	robots map[string]*robotsEntry
}

func newTransport(base http.RoundTripper, opts Options) *transport {
	if base == nil {
		base = http.DefaultTransport.(*http.Transport).Clone()
	}
	return &transport{base: base, opts: opts, log: opts.Logger, hosts: map[string]*hostGate{}, robots: map[string]*robotsEntry{}}
}

// hostGate spaces and bounds the requests to one host.
type hostGate struct {
	slots chan struct{}
	mu    sync.Mutex
	next  time.Time // earliest start of the next request
}

// gate returns the gate of host, made with the limits of its first request.
func (t *transport) gate(host string, l limits) *hostGate {
	t.mu.Lock()
	defer t.mu.Unlock()
	g := t.hosts[host]
	if g == nil {
		g = &hostGate{slots: make(chan struct{}, max(1, l.perHost))}
		t.hosts[host] = g
	}
	return g
}

// acquire waits for a free slot and for the host's delay to pass. The
// caller must call release when the response is done with.
func (g *hostGate) acquire(ctx context.Context, delay time.Duration) error {
	select {
	case g.slots <- struct{}{}:
	case <-ctx.Done():
		return ctx.Err()
	}
	g.mu.Lock()
	now := time.Now()
	start := now
	if g.next.After(now) {
		start = g.next
	}
	g.next = start.Add(delay)
	g.mu.Unlock()
	if err := sleep(ctx, time.Until(start)); err != nil {
		g.release()
		return err
	}
	return nil
}

func (g *hostGate) release() { <-g.slots }

// pushBack keeps the host's next request from starting before at.
func (g *hostGate) pushBack(at time.Time) {
	g.mu.Lock()
	if at.After(g.next) {
		g.next = at
	}
	g.mu.Unlock()
}

// sleep waits for d or until ctx is done.
func sleep(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return ctx.Err()
	}
	timer := time.NewTimer(d)
	defer timer.Stop()
	select {
	case <-timer.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// RoundTrip implements http.RoundTripper.
func (t *transport) RoundTrip(req *http.Request) (*http.Response, error) {
	ctx := req.Context()
	l, ok := ctx.Value(limitsKey{}).(limits)
	if !ok {
		l = t.opts.limitsFor(corpus.Politeness{})
	}
	if req.Header.Get("User-Agent") == "" {
		req = req.Clone(ctx)
		req.Header.Set("User-Agent", l.userAgent)
	}
	if req.URL.Path != "/robots.txt" {
		if err := t.checkRobots(ctx, req.URL, l); err != nil {
			return nil, err
		}
	}
	g := t.gate(req.URL.Host, l)
	for attempt := 0; ; attempt++ {
		if err := g.acquire(ctx, l.delay); err != nil {
			return nil, err
		}
		actx, cancel := context.WithTimeout(ctx, l.timeout)
		resp, err := t.base.RoundTrip(req.Clone(actx))
		if err != nil {
			cancel()
			g.release()
			if ctx.Err() != nil {
				return nil, ctx.Err()
			}
			if attempt < t.opts.Retries && retryableErr(err) {
				wait := t.backoff(attempt)
				t.log.Debug("retrying after error", "url", req.URL.String(), "err", err, "wait", wait)
				if err := sleep(ctx, wait); err != nil {
					return nil, err
				}
				continue
			}
			if errors.Is(err, context.DeadlineExceeded) {
				return nil, fmt.Errorf("%w after %s", err, l.timeout)
			}
			return nil, err
		}
		if retryableStatus(resp.StatusCode) && attempt < t.opts.Retries {
			wait, ok := retryAfter(resp.Header.Get("Retry-After"), time.Now())
			if !ok {
				wait = t.backoff(attempt)
			}
			drain(resp.Body)
			cancel()
			g.release()
			if wait > t.opts.MaxWait {
				return nil, fmt.Errorf("%w: %d %s (Retry-After %s exceeds the longest wait %s)", ErrStatus, resp.StatusCode, http.StatusText(resp.StatusCode), wait, t.opts.MaxWait)
			}
			g.pushBack(time.Now().Add(wait))
			t.log.Debug("retrying after status", "url", req.URL.String(), "status", resp.StatusCode, "wait", wait)
			if err := sleep(ctx, wait); err != nil {
				return nil, err
			}
			continue
		}
		if resp.ContentLength > t.opts.MaxBody {
			drain(resp.Body)
			cancel()
			g.release()
			return nil, fmt.Errorf("%w: %d bytes (limit %d)", ErrTooLarge, resp.ContentLength, t.opts.MaxBody)
		}
		resp.Body = &limitedBody{rc: resp.Body, left: t.opts.MaxBody, limit: t.opts.MaxBody, done: func() { cancel(); g.release() }}
		return resp, nil
	}
}

// backoff is the wait before retry attempt+1: Backoff doubled per attempt,
// with up to a quarter of jitter, capped at MaxWait.
func (t *transport) backoff(attempt int) time.Duration {
	d := t.opts.Backoff << min(attempt, 16)
	d += time.Duration(rand.Int64N(int64(d)/4 + 1))
	return min(d, t.opts.MaxWait)
}

// retryableStatus reports whether a status is worth retrying.
func retryableStatus(code int) bool {
	return code == http.StatusTooManyRequests || code == http.StatusInternalServerError ||
		code == http.StatusBadGateway || code == http.StatusServiceUnavailable || code == http.StatusGatewayTimeout
}

// retryableErr reports whether a transport error may pass on a retry:
// refused or reset connections, but not timeouts or policy errors.
func retryableErr(err error) bool {
	if errors.Is(err, context.DeadlineExceeded) || errors.Is(err, ErrRobotsDisallowed) || errors.Is(err, ErrTooLarge) {
		return false
	}
	var dnsErr *net.DNSError
	if errors.As(err, &dnsErr) {
		return dnsErr.IsTemporary && !dnsErr.IsNotFound
	}
	var ne net.Error
	if errors.As(err, &ne) && ne.Timeout() {
		return false
	}
	var oe *net.OpError
	return errors.As(err, &oe) || errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF)
}

// retryAfter reads a Retry-After value: seconds or an HTTP date.
func retryAfter(v string, now time.Time) (time.Duration, bool) {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0, false
	}
	if s, err := strconv.Atoi(v); err == nil && s >= 0 {
		return time.Duration(s) * time.Second, true
	}
	if t, err := http.ParseTime(v); err == nil {
		return max(0, t.Sub(now)), true
	}
	return 0, false
}

// drain reads a little of body so the connection can be reused, and closes it.
func drain(body io.ReadCloser) {
	_, _ = io.CopyN(io.Discard, body, 4<<10)
	_ = body.Close()
}

// limitedBody fails with ErrTooLarge past its limit and releases the
// request's host slot and timeout when closed.
type limitedBody struct {
	rc    io.ReadCloser
	left  int64
	limit int64
	once  sync.Once
	done  func()
}

func (b *limitedBody) Read(p []byte) (int, error) {
	if b.left <= 0 {
		// Allow the exact limit: fail only when more data follows.
		var one [1]byte
		if n, _ := b.rc.Read(one[:]); n > 0 {
			return 0, fmt.Errorf("%w: more than %d bytes", ErrTooLarge, b.limit)
		}
		return 0, io.EOF
	}
	if int64(len(p)) > b.left {
		p = p[:b.left]
	}
	n, err := b.rc.Read(p)
	b.left -= int64(n)
	return n, err
}

func (b *limitedBody) Close() error {
	err := b.rc.Close()
	b.once.Do(b.done)
	return err
}
