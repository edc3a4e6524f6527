// Command crashtest is the helper of scripts/crashtest: it serves the
// bundled sample news site as a local replay for crawls, writes synthetic
// articles for imports, and checks a data directory's store.
//
//	crashtest serve ADDR DATA   serve the replay on ADDR, write DATA/sources.yaml for it
//	crashtest jsonl N FILE      write N synthetic articles as JSONL
//	crashtest check DATA        print records, stored, duplicates, unparseable
package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"time"

	"gopkg.in/yaml.v3"

	"github.com/framescope/framescope/cmd/framescope/samplesite"
	"github.com/framescope/framescope/corpus"
	"github.com/framescope/framescope/internal/synth"
)

func main() {
	if err := run(os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, "crashtest:", err)
		os.Exit(1)
	}
}

func run(args []string) error {
	if len(args) != 3 && !(len(args) == 2 && args[0] == "check") {
		return fmt.Errorf("usage: crashtest serve ADDR DATA | jsonl N FILE | check DATA")
	}
	switch args[0] {
	case "serve":
		return serve(args[1], args[2])
	case "jsonl":
		n, err := strconv.Atoi(args[1])
		if err != nil {
			return err
		}
		return writeJSONL(n, args[2])
	case "check":
		return check(args[1])
	}
	return fmt.Errorf("unknown command %q", args[0])
}

// source is a sources.yaml entry that keeps an empty keyword list.
type source struct {
	Name     string           `yaml:"name"`
	Lang     string           `yaml:"lang"`
	Country  string           `yaml:"country"`
	Feed     string           `yaml:"feed,omitempty"`
	List     string           `yaml:"list,omitempty"`
	Links    string           `yaml:"links,omitempty"`
	Select   corpus.Selectors `yaml:"select,omitempty"`
	Keywords []string         `yaml:"keywords"`
	TimeZone string           `yaml:"timezone,omitempty"`
}

func serve(addr, data string) error {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return err
	}
	base := "http://" + ln.Addr().String()
	var srcs []source
	for _, s := range samplesite.Sources(base) {
		srcs = append(srcs, source{Name: s.Name, Lang: string(s.Lang), Country: s.Country, Feed: s.Feed, List: s.List,
			Links: s.Links, Select: s.Select, Keywords: []string{}, TimeZone: s.TimeZone})
	}
	b, err := yaml.Marshal(map[string]any{"defaults": map[string]any{"delay": "1ms", "per_host": 4}, "sources": srcs})
	if err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(data, "sources.yaml"), b, 0o644); err != nil {
		return err
	}
	fmt.Println(base)
	srv := &http.Server{Handler: samplesite.Handler(), ReadHeaderTimeout: 5 * time.Second}
	return srv.Serve(ln)
}

func writeJSONL(n int, file string) error {
	f, err := os.Create(file)
	if err != nil {
		return err
	}
	w := bufio.NewWriter(f)
	enc := json.NewEncoder(w)
	g := synth.New(13)
	for i := range n {
		a := g.Article(i).Article
		a.Fetched = time.Date(2025, 6, 1, 0, 0, 0, 0, time.UTC)
		if err := enc.Encode(a); err != nil {
			return err
		}
	}
	if err := w.Flush(); err != nil {
		return err
	}
	return f.Close()
}

// check reads every store line: records, distinct articles, duplicate
// records (an ID stored twice other than a feed copy upgraded, or the same
// content under two IDs) and lines that do not parse.
func check(data string) error {
	names, err := filepath.Glob(filepath.Join(data, "corpus", "seg-*.jsonl"))
	if err != nil {
		return err
	}
	var records, dups, bad int
	byID := map[string]bool{} // ID -> stored from a feed only
	hashes := map[string]string{}
	for _, name := range names {
		f, err := os.Open(name)
		if err != nil {
			return err
		}
		sc := bufio.NewScanner(f)
		sc.Buffer(nil, 64<<20)
		for sc.Scan() {
			records++
			var a corpus.Article
			if json.Unmarshal(sc.Bytes(), &a) != nil || a.ID == "" {
				bad++
				continue
			}
			if fromFeed, ok := byID[a.ID]; ok && !(fromFeed && !a.FromFeed) {
				dups++
			}
			if id, ok := hashes[a.Hash]; ok && id != a.ID {
				dups++
			}
			byID[a.ID] = a.FromFeed
			hashes[a.Hash] = a.ID
		}
		f.Close()
		if err := sc.Err(); err != nil {
			return err
		}
	}
	fmt.Printf("records=%d stored=%d duplicates=%d unparseable=%d\n", records, len(byID), dups, bad)
	return nil
}
