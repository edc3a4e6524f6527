package analyzer

import (
	"bytes"
	"compress/gzip"
	_ "embed"
	"encoding/binary"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"sync"
)

// The jieba dictionary, prebuilt into an open-addressing hash table of its
// words and of their prefixes (dict/jieba.bin, made from
// dict/jieba.dict.utf8.gz by TestDictFile with -update). It is embedded as
// it is read: opening it costs nothing, and the pages a lookup touches are
// the only ones read.
//
//go:embed dict/jieba.bin
var dictBin string

// The HMM model for words the dictionary lacks, decoded on first use.
//
//go:embed dict/hmm_model.utf8.gz
var hmmGz []byte

// The layout of dict/jieba.bin, all integers little-endian:
//
//	magic       8 bytes, dictMagic
//	slots       uint32
//	minWeight   float64 bits: the weight of a character the dictionary lacks
//	median      float64 bits: the weight of a user word given no frequency
//	freqSum     float64 bits: the sum of the dictionary's frequencies
//	table       slots × uint32: 0 for an empty slot, else 1 + the entry's offset
//	entries     each: the length in bytes (7 bits) and whether it is a word (high
//	            bit), the bytes, and for a word its weight (float64 bits)
//
// A word's weight is log(freq/freqSum) as cppjieba computes it; a prefix of
// words that is no word itself has weight +1 (notWord). The slot of a string
// is its FNV-1a hash modulo slots, probed linearly.
const (
	dictMagic  = "fsjieba1"
	dictHeader = 8 + 4 + 3*8
	notWord    = 1.0
	// minDouble is cppjieba's MIN_DOUBLE, the log-probability of the
	// impossible.
	minDouble = -3.14e100
)

// fnv1a hash of a string, continued from h (start with fnvOffset).
const (
	fnvOffset = 14695981039346656037
	fnvPrime  = 1099511628211
)

func fnvAdd(h uint64, s string) uint64 {
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= fnvPrime
	}
	return h
}

// dictTable reads the embedded table.
type dictTable struct {
	b       string
	slots   uint64
	min     float64
	median  float64
	freqSum float64
	entries string
}

var theDict = sync.OnceValue(func() *dictTable { return openDict(dictBin) })

func openDict(b string) *dictTable {
	if len(b) < dictHeader || b[:8] != dictMagic {
		panic("analyzer: embedded dictionary is corrupt")
	}
	slots := binary.LittleEndian.Uint32([]byte(b[8:12]))
	f := func(off int) float64 { return math.Float64frombits(binary.LittleEndian.Uint64([]byte(b[off : off+8]))) }
	return &dictTable{
		b: b[dictHeader : dictHeader+4*int(slots)], slots: uint64(slots),
		min: f(12), median: f(20), freqSum: f(28),
		entries: b[dictHeader+4*int(slots):],
	}
}

// lookup returns the weight of s, whose hash is h: found is false when s is
// neither a word nor a prefix of one, and the weight is notWord for a prefix
// that is no word.
func (d *dictTable) lookup(h uint64, s string) (weight float64, found bool) {
	for i := h % d.slots; ; i = (i + 1) % d.slots {
		o := d.b[4*i : 4*i+4]
		v := uint32(o[0]) | uint32(o[1])<<8 | uint32(o[2])<<16 | uint32(o[3])<<24
		if v == 0 {
			return 0, false
		}
		e := d.entries[v-1:]
		n := int(e[0] & 0x7f)
		if n == len(s) && e[1:1+n] == s {
			if e[0]&0x80 == 0 {
				return notWord, true
			}
			var bits uint64
			for k := 8 + n; k > n; k-- {
				bits = bits<<8 | uint64(e[k])
			}
			return math.Float64frombits(bits), true
		}
	}
}

// dictWord is one line of the source dictionary.
type dictWord struct {
	word string
	freq float64
}

// readDictSource reads jieba.dict.utf8 lines (word, frequency, tag).
func readDictSource(r io.Reader) ([]dictWord, error) {
	b, err := io.ReadAll(r)
	if err != nil {
		return nil, err
	}
	var out []dictWord
	for n, line := range strings.Split(strings.TrimRight(string(b), "\n"), "\n") {
		f := strings.Split(line, " ")
		if len(f) != 3 {
			return nil, fmt.Errorf("analyzer: dictionary line %d: %q", n+1, line)
		}
		freq, err := strconv.ParseFloat(f[1], 64)
		if err != nil {
			return nil, fmt.Errorf("analyzer: dictionary line %d: %w", n+1, err)
		}
		out = append(out, dictWord{f[0], freq})
	}
	return out, nil
}

// hmmModel is jieba's character-tagging model: states B, E, M, S (begin,
// end, middle of a word, single-character word).
type hmmModel struct {
	start [4]float64
	trans [4][4]float64
	emit  map[rune]*[4]float64
}

const (
	hmmB, hmmE, hmmM, hmmS = 0, 1, 2, 3
)

var theHMM = sync.OnceValue(func() *hmmModel {
	m, err := parseHMM(hmmGz)
	if err != nil {
		panic(err)
	}
	return m
})

// parseHMM reads cppjieba's hmm_model.utf8: the start probabilities, the
// 4×4 transitions and one emission line per state, '#' lines being
// comments.
func parseHMM(gz []byte) (*hmmModel, error) {
	zr, err := gzip.NewReader(bytes.NewReader(gz))
	if err != nil {
		return nil, fmt.Errorf("analyzer: hmm model: %w", err)
	}
	b, err := io.ReadAll(zr)
	if err != nil {
		return nil, fmt.Errorf("analyzer: hmm model: %w", err)
	}
	var lines []string
	for _, l := range strings.Split(string(b), "\n") {
		l = strings.TrimSpace(l)
		if l != "" && !strings.HasPrefix(l, "#") {
			lines = append(lines, l)
		}
	}
	if len(lines) != 9 {
		return nil, fmt.Errorf("analyzer: hmm model: %d lines, want 9", len(lines))
	}
	m := &hmmModel{emit: map[rune]*[4]float64{}}
	nums := func(l string, out []float64) error {
		f := strings.Split(l, " ")
		if len(f) != len(out) {
			return fmt.Errorf("analyzer: hmm model line %q", l)
		}
		for i := range f {
			if out[i], err = strconv.ParseFloat(f[i], 64); err != nil {
				return fmt.Errorf("analyzer: hmm model: %w", err)
			}
		}
		return nil
	}
	if err := nums(lines[0], m.start[:]); err != nil {
		return nil, err
	}
	for i := 0; i < 4; i++ {
		if err := nums(lines[1+i], m.trans[i][:]); err != nil {
			return nil, err
		}
	}
	for st := 0; st < 4; st++ {
		for _, kv := range strings.Split(lines[5+st], ",") {
			k, v, ok := strings.Cut(kv, ":")
			r := []rune(k)
			if !ok || len(r) != 1 {
				return nil, fmt.Errorf("analyzer: hmm model emission %q", kv)
			}
			p, err := strconv.ParseFloat(v, 64)
			if err != nil {
				return nil, fmt.Errorf("analyzer: hmm model: %w", err)
			}
			e := m.emit[r[0]]
			if e == nil {
				e = &[4]float64{minDouble, minDouble, minDouble, minDouble}
				m.emit[r[0]] = e
			}
			e[st] = p
		}
	}
	return m, nil
}

// emitOf returns the emission log-probabilities of r in the four states.
func (m *hmmModel) emitOf(r rune) *[4]float64 {
	if e := m.emit[r]; e != nil {
		return e
	}
	return &noEmit
}

var noEmit = [4]float64{minDouble, minDouble, minDouble, minDouble}
