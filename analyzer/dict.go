package analyzer

import (
	"bytes"
	"compress/gzip"
	_ "embed"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"sync"
)

// The jieba dictionary, prebuilt into hash tables of its words and of their
// prefixes (dict/jieba.bin, made from dict/jieba.dict.utf8.gz by
// TestDictFile with -update-dict). It is embedded as it is read: opening it
// costs nothing, and the pages a lookup touches are the only ones read.
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
//	codes       uint32: the characters of the dictionary have codes 1..codes
//	packedBits  uint32: the packed table has 1<<packedBits slots
//	longBits    uint32: the long table has 1<<longBits slots
//	longBytes   uint32: the length of the long table's entries
//	minWeight   float64 bits: the weight of a character the dictionary lacks
//	median      float64 bits: the weight of a user word given no frequency
//	freqSum     float64 bits: the sum of the dictionary's frequencies
//	runeCodes   65536 × uint16: the code of each rune of the Basic
//	            Multilingual Plane, 0 for a rune in no word (the
//	            dictionary has no other runes)
//	single      (codes+1) × uint64: the weight (float64 bits) of the
//	            one-character string of each code, 0 when it is none
//	packed      1<<packedBits × (uint64 key, uint64 weight bits): the
//	            strings of two to four characters by their packed key (see
//	            dictKey), 0 for an empty slot
//	long        1<<longBits × (uint32 tag, uint32 1 + entry offset): the
//	            strings of five or more characters, 0 for an empty slot
//	entries     each: the length in bytes (7 bits) and whether it is a word
//	            (high bit), the bytes, and for a word its weight (float64 bits)
//
// A word's weight is log(freq/freqSum) as cppjieba computes it, always
// negative; a prefix of words that is no word itself has weight +1
// (notWord). A string's slot in the packed table is its key times
// hashMul, its top packedBits bits, and in the long table its FNV-1a hash's
// top longBits bits, whose low 32 bits are its tag; both tables are probed
// linearly. A lookup thus reads one slot for a string of up to four
// characters, and a string with a character in no word is not looked up at
// all.
const (
	dictMagic  = "fsjieba2"
	dictHeader = 8 + 4*4 + 3*8
	runeCodes  = 1 << 16
	notWord    = 1.0
	// minDouble is cppjieba's MIN_DOUBLE, the log-probability of the
	// impossible.
	minDouble = -3.14e100
	// codeBits is the width of a character's code in a packed key, and
	// maxPacked the most characters a packed key holds.
	codeBits  = 14
	maxCodes  = 1<<codeBits - 1
	maxPacked = 4
	hashMul   = 0x9E3779B97F4A7C15
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

// dictKey follows a string as it grows by one character at a time, so that
// each of its prefixes is looked up without reading it again: the codes of
// its first maxPacked characters, each codeBits wide, the first highest.
// Codes are never 0, so keys of different lengths differ.
type dictKey struct {
	packed uint64
	runes  int
	// coded is false once a character has no code: no string of the
	// dictionary holds it.
	coded bool
}

// newKey returns the key of the empty string.
func newKey() dictKey { return dictKey{coded: true} }

// add appends a character of the given code (0: none) to the key.
func (k *dictKey) add(code uint32) {
	k.runes++
	if code == 0 {
		k.coded = false
	}
	if k.runes <= maxPacked {
		k.packed = k.packed<<codeBits | uint64(code)
	}
}

// short reports whether the string is looked up by its packed key.
func (k dictKey) short() bool { return k.coded && k.runes <= maxPacked }

// dictTable reads the embedded table.
type dictTable struct {
	min, median, freqSum float64

	codes      string // runeCodes × uint16
	single     string
	packed     string
	packedBits uint
	packedMask uint64
	long       string
	longBits   uint
	longMask   uint64
	entries    string
}

var theDict = sync.OnceValue(func() *dictTable { return openDict(dictBin) })

func le32(b string, off int) uint32 {
	b = b[off : off+4]
	return uint32(b[0]) | uint32(b[1])<<8 | uint32(b[2])<<16 | uint32(b[3])<<24
}

func le64(b string, off int) uint64 {
	b = b[off : off+8]
	return uint64(b[0]) | uint64(b[1])<<8 | uint64(b[2])<<16 | uint64(b[3])<<24 |
		uint64(b[4])<<32 | uint64(b[5])<<40 | uint64(b[6])<<48 | uint64(b[7])<<56
}

func openDict(b string) *dictTable {
	if len(b) < dictHeader || b[:8] != dictMagic {
		panic("analyzer: embedded dictionary is corrupt")
	}
	codes, pBits, lBits, lBytes := int(le32(b, 8)), uint(le32(b, 12)), uint(le32(b, 16)), int(le32(b, 20))
	d := &dictTable{
		min:        math.Float64frombits(le64(b, 24)),
		median:     math.Float64frombits(le64(b, 32)),
		freqSum:    math.Float64frombits(le64(b, 40)),
		packedBits: pBits, packedMask: 1<<pBits - 1,
		longBits: lBits, longMask: 1<<lBits - 1,
	}
	off := dictHeader
	cut := func(n int) string {
		if n < 0 || off+n > len(b) {
			panic("analyzer: embedded dictionary is corrupt")
		}
		s := b[off : off+n]
		off += n
		return s
	}
	d.codes = cut(2 * runeCodes)
	d.single = cut(8 * (codes + 1))
	d.packed = cut(16 << pBits)
	d.long = cut(8 << lBits)
	d.entries = cut(lBytes)
	if off != len(b) {
		panic("analyzer: embedded dictionary is corrupt")
	}
	return d
}

// code returns the code of r, 0 when no string of the dictionary holds it.
func (d *dictTable) code(r rune) uint32 {
	if uint32(r) >= runeCodes {
		return 0
	}
	c := d.codes[2*r : 2*r+2]
	return uint32(c[0]) | uint32(c[1])<<8
}

// lookup returns the weight of s, whose key is k: found is false when s is
// neither a word nor a prefix of one, and the weight is notWord for a prefix
// that is no word.
func (d *dictTable) lookup(k dictKey, s string) (weight float64, found bool) {
	if !k.coded {
		return 0, false
	}
	var bits uint64
	switch {
	case k.runes == 1:
		bits = le64(d.single, 8*int(k.packed))
	case k.runes <= maxPacked:
		bits = d.lookupPacked(k.packed)
	default:
		bits = d.lookupLong(s)
	}
	return math.Float64frombits(bits), bits != 0
}

// lookupPacked returns the weight bits of the packed key p, 0 if absent.
func (d *dictTable) lookupPacked(p uint64) uint64 {
	for i := (p * hashMul) >> (64 - d.packedBits); ; i = (i + 1) & d.packedMask {
		slot := d.packed[16*i : 16*i+16]
		switch le64(slot, 0) {
		case p:
			return le64(slot, 8)
		case 0:
			return 0
		}
	}
}

// lookupLong returns the weight bits of a string of five or more
// characters, 0 if absent.
func (d *dictTable) lookupLong(s string) uint64 {
	h := fnvAdd(fnvOffset, s)
	tag := uint32(h)
	for i := (h >> (64 - d.longBits)) & d.longMask; ; i = (i + 1) & d.longMask {
		t, v := le32(d.long, 8*int(i)), le32(d.long, 8*int(i)+4)
		if v == 0 {
			return 0
		}
		if t != tag {
			continue
		}
		e := d.entries[v-1:]
		n := int(e[0] & 0x7f)
		if n == len(s) && e[1:1+n] == s {
			if e[0]&0x80 == 0 {
				return math.Float64bits(notWord)
			}
			return le64(e, 1+n)
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
