package web

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"

	"github.com/framescope/framescope/index"
)

// Limits on what one request may cost, whatever the index holds: the time
// of its queries (Options.QueryTimeout), the cells of a trend it asks for,
// the bytes of its answer and of its body. A request over a limit is
// answered with a 4xx and a message saying what to ask for instead.
const (
	// DefaultMaxTrendCells is the default of Options.MaxTrendCells: a
	// weekly trend over four years split by language for 8 actors is
	// 5,000 cells, a daily one over a year for 2 actors 730.
	DefaultMaxTrendCells = 20000
	// DefaultMaxAnswerBytes is the default of Options.MaxAnswerBytes.
	DefaultMaxAnswerBytes = 16 << 20
	// DefaultMaxBodyBytes is the default of Options.MaxBodyBytes.
	DefaultMaxBodyBytes = 64 << 10
)

// errAnswerTooLarge is the error of an answer over Options.MaxAnswerBytes.
var errAnswerTooLarge = errors.New("web: answer too large")

// tooLarge returns the client's error for an answer over the byte limit.
func (s *Server) tooLarge() error {
	return fmt.Errorf("%w: the answer is larger than %d KiB; ask for fewer results (per), a wider period (by), fewer actors or a shorter date range, or use the framescope command for answers this large",
		index.ErrTooLarge, s.opts.MaxAnswerBytes>>10)
}

// cappedBuffer is a buffer that refuses to grow beyond max bytes.
type cappedBuffer struct {
	bytes.Buffer
	max  int
	over bool // a write was refused
}

func (b *cappedBuffer) Write(p []byte) (int, error) {
	if b.Len()+len(p) > b.max {
		b.over = true
		return 0, errAnswerTooLarge
	}
	return b.Buffer.Write(p)
}

// answer writes what write writes, as contentType, once it is whole and
// within Options.MaxAnswerBytes; a larger answer is a 400 error and
// nothing is sent.
func (s *Server) answer(w http.ResponseWriter, contentType string, write func(io.Writer) error) error {
	buf := &cappedBuffer{max: s.opts.MaxAnswerBytes}
	if err := write(buf); err != nil {
		if buf.over { // however the writer wrapped the refusal
			return s.tooLarge()
		}
		return err
	}
	w.Header().Set("Content-Type", contentType)
	_, err := w.Write(buf.Bytes())
	return err
}

// writeJSON writes v indented, as the command line prints it, within the
// answer limit.
func (s *Server) writeJSON(w http.ResponseWriter, v any) error {
	return s.answer(w, "application/json; charset=utf-8", func(w io.Writer) error {
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		return enc.Encode(v)
	})
}

// writeCSV writes a CSV download named file within the answer limit.
func (s *Server) writeCSV(w http.ResponseWriter, file string, write func(io.Writer) error) error {
	w.Header().Set("Content-Disposition", `attachment; filename="`+file+`"`)
	err := s.answer(w, "text/csv; charset=utf-8", write)
	if err != nil {
		w.Header().Del("Content-Disposition")
	}
	return err
}

// boundTrends bounds the cells of the trends a request asks for.
func (s *Server) boundTrends(pqs []panelQuery) {
	for i := range pqs {
		pqs[i].Q.MaxCells = s.opts.MaxTrendCells
	}
}

// limitBody refuses a request whose body is larger than
// Options.MaxBodyBytes (413) and cuts off a body that turns out larger
// while it is read.
func (s *Server) limitBody(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.ContentLength > int64(s.opts.MaxBodyBytes) {
			w.Header().Set("Connection", "close")
			http.Error(w, fmt.Sprintf("request body larger than %d KiB", s.opts.MaxBodyBytes>>10), http.StatusRequestEntityTooLarge)
			return
		}
		r.Body = http.MaxBytesReader(w, r.Body, int64(s.opts.MaxBodyBytes))
		next.ServeHTTP(w, r)
	})
}
