package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/framescope/framescope/corpus"
	"github.com/framescope/framescope/crawler"
	"github.com/framescope/framescope/pipeline"
)

// importStatePath is where import --warc keeps its checkpoints.
func importStatePath(data string) string { return filepath.Join(data, "import-state.json") }

// checkpointEvery is how many captures pass between two checkpoints.
const checkpointEvery = 200

// warcImport is one import --warc run.
type warcImport struct {
	p       *pipeline.Pipeline
	hosts   hostSources
	all     bool
	country string
	stories *crawler.Stories
	state   *importState
	logger  *slog.Logger
	stderr  io.Writer
	// since and until bound the publication dates stored.
	since, until time.Time
}

// file imports the captures of one WARC file from its checkpoint on,
// saving the checkpoint every checkpointEvery captures and at the end.
func (w *warcImport) file(ctx context.Context, name string, n *importCounts) error {
	abs, err := filepath.Abs(name)
	if err != nil {
		return err
	}
	fi, err := os.Stat(abs)
	if err != nil {
		return fmt.Errorf("import %s: %w", name, err)
	}
	cp := w.state.Files[abs]
	if cp.Size != fi.Size() {
		cp = fileCheckpoint{Size: fi.Size()}
	}
	if cp.Done {
		w.logger.Info("warc file already imported", "file", name)
		return nil
	}
	if cp.Offset > 0 {
		w.logger.Info("resuming warc file", "file", name, "offset", cp.Offset)
	}
	r, err := crawler.OpenWARC(abs, cp.Offset)
	if err != nil {
		return err
	}
	defer r.Close()
	prog := newRateProgress(w.stderr, w.logger, "import "+baseName(name))
	defer prog.finish()
	save := func() error {
		w.state.Files[abs] = cp
		return w.state.save()
	}
	for i := 1; ; i++ {
		if ctx.Err() != nil {
			save()
			return ctx.Err()
		}
		c, err := r.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			// A truncated file (a download cut short): keep what was read.
			w.logger.Warn("warc file ends in a bad record", "file", name, "err", err)
			n.Rejected++
			break
		}
		if err := w.capture(ctx, c, n); err != nil {
			save()
			return err
		}
		cp.Offset = c.Next
		if i%checkpointEvery == 0 {
			if err := save(); err != nil {
				return err
			}
		}
		prog.update(n.Added+n.Duplicate+n.Filtered, c.Next, fi.Size(), fmt.Sprintf("(%d new)", n.Added))
	}
	cp.Done, cp.Offset = true, r.Offset()
	return save()
}

// capture stores the article of one capture, unless it is stored already,
// filtered out or not an article.
func (w *warcImport) capture(ctx context.Context, c crawler.Capture, n *importCounts) error {
	if w.p.Seen(corpus.CanonicalURL(c.URL)) {
		n.Duplicate++
		return nil
	}
	src := w.hosts.sourceFor(c.URL, w.country)
	if w.all {
		src.Keywords = []string{}
	}
	a, outcome, err := crawler.ArticleFromPage(c.Body, c.ContentType, c.URL, src, c.Captured)
	switch {
	case err != nil:
		n.NoArticle++
		w.logger.Debug("capture is no article", "url", c.URL, "err", err)
		return nil
	case outcome == crawler.Filtered:
		n.Filtered++
		return nil
	case !corpus.InWindow(a.Published, w.since, w.until):
		n.OutOfWindow++
		return nil
	}
	w.stories.Assign(&a)
	res, err := w.p.Ingest(context.WithoutCancel(ctx), a)
	if errors.Is(err, corpus.ErrRejected) {
		n.Rejected++
		fmt.Fprintf(w.stderr, "%s: %v\n", c.URL, err)
		return nil
	}
	if err != nil {
		return err
	}
	switch res {
	case corpus.Added:
		n.Added++
		w.stories.Add(a)
	case corpus.Updated:
		n.Updated++
	default:
		n.Duplicate++
	}
	return nil
}

// importState is the checkpoint of every WARC file imported into a data
// directory, by absolute path.
type importState struct {
	path  string
	Files map[string]fileCheckpoint `json:"files"`
}

// fileCheckpoint is how far the import of one WARC file got: the offset
// of the first record not yet imported, and whether the file is done. A
// file of another size is a new file.
type fileCheckpoint struct {
	Size   int64 `json:"size"`
	Offset int64 `json:"offset"`
	Done   bool  `json:"done"`
}

func loadImportState(path string) (*importState, error) {
	st := &importState{path: path, Files: map[string]fileCheckpoint{}}
	b, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		return st, nil
	}
	if err != nil {
		return nil, err
	}
	if err := json.Unmarshal(b, st); err != nil {
		return nil, fmt.Errorf("read %s: %w", path, err)
	}
	if st.Files == nil {
		st.Files = map[string]fileCheckpoint{}
	}
	return st, nil
}

// save writes the state atomically (a new file renamed over the old).
func (st *importState) save() error {
	b, err := json.MarshalIndent(st, "", "  ")
	if err != nil {
		return err
	}
	tmp := st.path + ".tmp"
	if err := os.WriteFile(tmp, b, 0o644); err != nil {
		return fmt.Errorf("save import state: %w", err)
	}
	if err := os.Rename(tmp, st.path); err != nil {
		return fmt.Errorf("save import state: %w", err)
	}
	return nil
}

// hostSources maps sites to the sources they are stored under.
type hostSources map[string]corpus.Source

// newHostSources maps the hosts of each source's feed, list, sitemap and
// site URLs (and their parent domains, www. dropped) to the source.
func newHostSources(sources []corpus.Source) hostSources {
	m := hostSources{}
	for _, s := range sources {
		for _, u := range []string{s.Feed, s.List, s.Sitemap, s.Site} {
			h := hostOf(u)
			if h == "" {
				continue
			}
			if _, ok := m[h]; !ok {
				m[h] = s
			}
			if parts := strings.Split(h, "."); len(parts) > 2 {
				if p := strings.Join(parts[1:], "."); m[p].Name == "" {
					m[p] = s
				}
			}
		}
	}
	return m
}

// sourceFor returns the source of the site of u: the mapped one for its
// host or a parent domain, else one named by the host, with country and
// the default keywords.
func (m hostSources) sourceFor(u, country string) corpus.Source {
	h := hostOf(u)
	for d := h; d != ""; {
		if s, ok := m[d]; ok {
			return s
		}
		i := strings.IndexByte(d, '.')
		if i < 0 || strings.Count(d, ".") < 2 {
			break
		}
		d = d[i+1:]
	}
	if h == "" {
		h = "unknown"
	}
	return corpus.Source{Name: h, Country: country}
}

// hostOf returns u's host, lower case, www. dropped; "" when u is no URL.
func hostOf(u string) string {
	pu, err := url.Parse(u)
	if err != nil {
		return ""
	}
	return strings.TrimPrefix(strings.ToLower(pu.Hostname()), "www.")
}

// importElapsed formats a duration for the import summary.
func importElapsed(start time.Time) string { return time.Since(start).Round(time.Millisecond).String() }
