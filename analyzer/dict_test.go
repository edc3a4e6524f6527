package analyzer

import (
	"compress/gzip"
	"crypto/sha256"
	"encoding/binary"
	"flag"
	"math"
	"os"
	"sort"
	"strings"
	"testing"
	"unicode/utf8"
)

var updateDict = flag.Bool("update-dict", false, "rebuild dict/jieba.bin from dict/jieba.dict.utf8.gz")

// TestDictFile checks that the embedded table is the one built from the
// source dictionary; -update-dict rewrites it.
func TestDictFile(t *testing.T) {
	f, err := os.Open("dict/jieba.dict.utf8.gz")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		t.Fatal(err)
	}
	words, err := readDictSource(zr)
	if err != nil {
		t.Fatal(err)
	}
	b := buildDict(words, []string{"框架"})
	if *updateDict {
		if err := os.WriteFile("dict/jieba.bin", b, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	if sha256.Sum256(b) != sha256.Sum256([]byte(dictBin)) {
		t.Errorf("dict/jieba.bin is not built from dict/jieba.dict.utf8.gz: run go test ./analyzer -run TestDictFile -update-dict")
	}
	d := openDict(string(b))
	for _, w := range []string{"人工智能", "人工", "中国", "框架"} {
		if wt, ok := d.lookup(fnvAdd(fnvOffset, w), w); !ok || wt >= 0 {
			t.Errorf("lookup(%q) = %v, %v", w, wt, ok)
		}
	}
	if wt, ok := d.lookup(fnvAdd(fnvOffset, "人工智"), "人工智"); !ok || wt != notWord {
		t.Errorf("lookup(人工智) = %v, %v, want a prefix", wt, ok)
	}
	if _, ok := d.lookup(fnvAdd(fnvOffset, "zzzq"), "zzzq"); ok {
		t.Errorf("lookup(zzzq) found")
	}
}

// buildDict lays out the table that openDict reads (see dictMagic) the way
// cppjieba loads its dictionary: weights log(freq/sum), the last of a
// duplicate word winning, user words (given without frequency) at the
// median weight.
func buildDict(words []dictWord, user []string) []byte {
	sum := 0.0
	for _, w := range words {
		sum += w.freq
	}
	weights := make([]float64, len(words))
	table := map[string]float64{}
	for i, w := range words {
		weights[i] = math.Log(w.freq / sum)
		table[w.word] = weights[i]
	}
	sort.Float64s(weights)
	minW, median := weights[0], weights[len(weights)/2]
	for _, u := range user {
		table[u] = median
	}
	for w := range table {
		for i := range w {
			if i > 0 {
				if _, ok := table[w[:i]]; !ok {
					table[w[:i]] = notWord
				}
			}
		}
	}
	keys := make([]string, 0, len(table))
	for w := range table {
		if len(w) > 127 || !utf8.ValidString(w) {
			panic("analyzer: dictionary word too long or not UTF-8: " + w)
		}
		keys = append(keys, w)
	}
	sort.Strings(keys)
	slots := uint32(len(keys) + len(keys)/3)
	var entries strings.Builder
	slot := make([]uint32, slots)
	for _, w := range keys {
		off := uint32(entries.Len())
		if table[w] == notWord {
			entries.WriteByte(byte(len(w)))
			entries.WriteString(w)
		} else {
			entries.WriteByte(0x80 | byte(len(w)))
			entries.WriteString(w)
			var wb [8]byte
			binary.LittleEndian.PutUint64(wb[:], math.Float64bits(table[w]))
			entries.Write(wb[:])
		}
		i := uint32(fnvAdd(fnvOffset, w) % uint64(slots))
		for slot[i] != 0 {
			i = (i + 1) % slots
		}
		slot[i] = off + 1
	}
	out := []byte(dictMagic)
	out = binary.LittleEndian.AppendUint32(out, slots)
	for _, f := range []float64{minW, median, sum} {
		out = binary.LittleEndian.AppendUint64(out, math.Float64bits(f))
	}
	for _, s := range slot {
		out = binary.LittleEndian.AppendUint32(out, s)
	}
	return append(out, entries.String()...)
}
