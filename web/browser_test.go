package web

import (
	"context"
	"fmt"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// chromiumPath returns a Chromium or Chrome binary, or "" when none is
// installed. CHROMIUM names one explicitly.
func chromiumPath() string {
	if p := os.Getenv("CHROMIUM"); p != "" {
		return p
	}
	for _, name := range []string{"/usr/bin/chromium", "chromium", "chromium-browser", "google-chrome", "google-chrome-stable"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

// browser starts a headless Chromium for the test and returns a context
// for a new tab and the URL of a test server over the fixture.
func browser(t *testing.T) (context.Context, string) {
	t.Helper()
	path := chromiumPath()
	if path == "" {
		t.Skip("no chromium binary found (install Debian's chromium: apt-get install -y chromium, or set CHROMIUM); skipping browser tests")
	}
	f := testFixture(t)
	ts := httptest.NewServer(newServer(t, f.options(nil)))
	t.Cleanup(ts.Close)
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(path),
		chromedp.Flag("headless", true),
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1280, 900),
	}
	actx, cancel := chromedp.NewExecAllocator(context.Background(), opts...)
	t.Cleanup(cancel)
	bctx, cancel := chromedp.NewContext(actx)
	t.Cleanup(cancel)
	ctx, cancel := context.WithTimeout(bctx, 45*time.Second)
	t.Cleanup(cancel)
	if err := chromedp.Do(ctx); err != nil {
		t.Skipf("chromium at %s does not start: %v", path, err)
	}
	return ctx, ts.URL
}

// waitFor evaluates a JavaScript condition until it is true or ctx ends.
func waitFor(ctx context.Context, cond string) error {
	for {
		ok, err := chromedp.Run(ctx, chromedp.Evaluate[bool](cond))
		if err != nil {
			return err
		}
		if ok {
			return nil
		}
		select {
		case <-ctx.Done():
			return fmt.Errorf("waiting for %s: %w", cond, ctx.Err())
		case <-time.After(50 * time.Millisecond):
		}
	}
}

// eval evaluates a JavaScript expression of type T.
func eval[T any](t *testing.T, ctx context.Context, expr string) T {
	t.Helper()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](expr))
	if err != nil {
		t.Fatalf("%s: %v", expr, err)
	}
	return v
}

// artifactDir is where browser tests write screenshots:
// $FRAMESCOPE_ARTIFACTS, else the test's temporary folder.
func artifactDir(t *testing.T) string {
	if d := os.Getenv("FRAMESCOPE_ARTIFACTS"); d != "" {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
		return d
	}
	return t.TempDir()
}

func TestBrowser(t *testing.T) {
	ctx, base := browser(t)
	f := testFixture(t)

	t.Run("search renders results and chart", func(t *testing.T) {
		if err := chromedp.Do(ctx,
			chromedp.Navigate(base+"/search?q=DeepSeek"),
			chromedp.WaitVisible(chromedp.CSS("ol.hits li.hit")),
		); err != nil {
			t.Fatal(err)
		}
		hits := eval[int](t, ctx, `document.querySelectorAll("ol.hits li.hit").length`)
		series := eval[int](t, ctx, `document.querySelectorAll("#search-chart svg g.series path").length`)
		title := eval[string](t, ctx, `document.title`)
		if hits == 0 || series == 0 || !strings.Contains(title, "DeepSeek") {
			t.Fatalf("%d hits, %d series paths, title %q", hits, series, title)
		}
		for _, w := range []struct {
			name string
			px   int64
		}{{"search", 1280}, {"search-narrow", 390}} {
			if err := chromedp.Do(ctx, chromedp.EmulateViewport(w.px, 900)); err != nil {
				t.Fatal(err)
			}
			png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
			if err != nil {
				t.Fatal(err)
			}
			p := filepath.Join(artifactDir(t), w.name+".png")
			if err := os.WriteFile(p, png, 0o644); err != nil {
				t.Fatal(err)
			}
			t.Logf("screenshot: %s (%d bytes)", p, len(png))
		}
		if err := chromedp.Do(ctx, chromedp.EmulateViewport(1280, 900)); err != nil {
			t.Fatal(err)
		}
	})

	t.Run("filter click updates URL and list", func(t *testing.T) {
		if err := chromedp.Do(ctx,
			chromedp.Navigate(base+"/search"),
			chromedp.WaitVisible(chromedp.CSS(`section[data-facet="lang"] a`)),
		); err != nil {
			t.Fatal(err)
		}
		want := eval[string](t, ctx, `window.samePage = true; document.querySelector('section[data-facet="lang"] li .count').textContent`)
		if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(`section[data-facet="lang"] li a`))); err != nil {
			t.Fatal(err)
		}
		if err := waitFor(ctx, `location.search.includes("lang=") && document.querySelector('section[data-facet="lang"] a.on') !== null`); err != nil {
			t.Fatal(err)
		}
		summary := eval[string](t, ctx, `document.querySelector("#summary").textContent`)
		if !strings.Contains(summary, "of "+want+" articles") {
			t.Errorf("summary %q, want the facet's count %s", summary, want)
		}
		if !eval[bool](t, ctx, `window.samePage === true`) {
			t.Error("the filter reloaded the whole page; the script should have swapped the results in place")
		}
	})

	t.Run("compare mode shows two series", func(t *testing.T) {
		if err := chromedp.Do(ctx,
			chromedp.Navigate(base+"/trend?actor=CN&actor=US&compare=actors&by=quarter"),
			chromedp.WaitVisible(chromedp.CSS("section.panel svg.chart")),
		); err != nil {
			t.Fatal(err)
		}
		panels := eval[int](t, ctx, `document.querySelectorAll("section.panel figure.chart-box:not(.attention) svg.chart").length`)
		withSeries := eval[int](t, ctx, `[...document.querySelectorAll("section.panel figure.chart-box:not(.attention) svg.chart")].filter(s => s.querySelector("g.series path")).length`)
		if panels != 2 || withSeries != 2 {
			t.Fatalf("%d panels, %d with a drawn series", panels, withSeries)
		}
		if n := eval[int](t, ctx, `document.querySelectorAll("section.panel figure.attention svg.chart").length`); n != 2 {
			t.Errorf("%d attention charts, want one per panel", n)
		}
		png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
		if err != nil {
			t.Fatal(err)
		}
		p := filepath.Join(artifactDir(t), "trend-compare.png")
		if err := os.WriteFile(p, png, 0o644); err != nil {
			t.Fatal(err)
		}
		t.Logf("screenshot: %s", p)
	})

	t.Run("hostile article runs no script", func(t *testing.T) {
		if err := chromedp.Do(ctx,
			chromedp.Navigate(base+"/articles/"+f.hostileID),
			chromedp.WaitVisible(chromedp.CSS("h1")),
		); err != nil {
			t.Fatal(err)
		}
		eval[bool](t, ctx, `document.querySelectorAll("*").forEach(e => e.dispatchEvent(new MouseEvent("mouseover", {bubbles: true}))); true`)
		if eval[bool](t, ctx, `window.xss !== undefined || document.querySelectorAll("article script, article img, [onmouseover]").length > 0`) {
			t.Fatal("hostile markup ran or became elements")
		}
		if h1 := eval[string](t, ctx, `document.querySelector("h1").textContent`); !strings.Contains(h1, "<script>window.xss=1</script>") {
			t.Errorf("title not shown as text: %q", h1)
		}
		png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
		if err != nil {
			t.Fatal(err)
		}
		p := filepath.Join(artifactDir(t), "article-hostile.png")
		if err := os.WriteFile(p, png, 0o644); err != nil {
			t.Fatal(err)
		}
		t.Logf("screenshot: %s", p)
	})
}
