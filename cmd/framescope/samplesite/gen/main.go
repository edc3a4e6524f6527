// Command gen renders the framescope sample news site from the article data
// files: run "go run ./cmd/framescope/samplesite/gen" from the repository
// root after editing cmd/framescope/samplesite/data/*.txt.
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/framescope/framescope/cmd/framescope/samplesite/internal/sitegen"
)

func main() {
	data := flag.String("data", "cmd/framescope/samplesite", "`folder` holding data/<outlet>.txt")
	out := flag.String("out", "cmd/framescope/samplesite/site", "`folder` to write the site into (replaced)")
	flag.Parse()
	if err := run(*data, *out); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
}

func run(data, out string) error {
	s, err := sitegen.Load(os.DirFS(data))
	if err != nil {
		return err
	}
	files, err := sitegen.Render(s)
	if err != nil {
		return err
	}
	if err := sitegen.Write(out, files); err != nil {
		return err
	}
	fmt.Printf("wrote %d files (%d articles) to %s\n", len(files), len(s.All()), out)
	return nil
}
