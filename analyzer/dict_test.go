package analyzer

import (
	"compress/gzip"
	"crypto/sha256"
	"encoding/binary"
	"flag"
	"math"
	"os"
	"sort"
	"testing"
	"unicode/utf8"
)

var updateDict = flag.Bool("update-dict", false, "rebuild dict/jieba.bin from dict/jieba.dict.utf8.gz")

// sourceDictWords reads the words of the source dictionary the embedded
// table is built from.
func sourceDictWords(t *testing.T) []dictWord {
	t.Helper()
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
	return words
}

// TestDictFile checks that the embedded table is the one built from the
// source dictionary; -update-dict rewrites it.
func TestDictFile(t *testing.T) {
	words := sourceDictWords(t)
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
	for _, w := range []string{"人工智能", "人工", "中国", "框架", "中华人民共和国"} {
		if wt, ok := lookupString(d, w); !ok || wt >= 0 {
			t.Errorf("lookup(%q) = %v, %v", w, wt, ok)
		}
	}
	if wt, ok := lookupString(d, "人工智"); !ok || wt != notWord {
		t.Errorf("lookup(人工智) = %v, %v, want a prefix", wt, ok)
	}
	for _, w := range []string{"zzzq", "人工智能人工智能", "🙂"} {
		if wt, ok := lookupString(d, w); ok {
			t.Errorf("lookup(%q) = %v, found", w, wt)
		}
	}
}

// TestDictLookup checks the embedded table against the dictionary it is
// built from: every word and prefix has its weight, and strings that are
// neither (words with a character more, or their characters in another
// order) are not found.
func TestDictLookup(t *testing.T) {
	words := sourceDictWords(t)
	table := dictWeights(words, []string{"框架"})
	d := theDict()
	bad := 0
	check := func(s string) {
		want, wantOK := table[s]
		got, ok := lookupString(d, s)
		if (ok != wantOK || got != want) && bad < 20 {
			bad++
			t.Errorf("lookup(%q) = %v, %v; want %v, %v", s, got, ok, want, wantOK)
		}
	}
	for s := range table {
		check(s)
		r := []rune(s)
		check(s + "的")
		check("的" + s)
		if len(r) > 1 {
			r[0], r[len(r)-1] = r[len(r)-1], r[0]
			check(string(r))
		}
	}
}

// lookupString looks s up in d as the cutter does, one character at a
// time.
func lookupString(d *dictTable, s string) (float64, bool) {
	k := newKey()
	for _, r := range s {
		k.add(d.code(r))
	}
	return d.lookup(k, s)
}

// dictWeights returns the weight of every word and prefix of words as
// cppjieba loads the dictionary: weights log(freq/sum), the last of a
// duplicate word winning, user words (given without frequency) at the
// median weight, prefixes that are no word notWord.
func dictWeights(words []dictWord, user []string) map[string]float64 {
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
	median := weights[len(weights)/2]
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
	return table
}

// buildDict lays out the table that openDict reads (see dictMagic) from
// the weights dictWeights gives.
func buildDict(words []dictWord, user []string) []byte {
	sum := 0.0
	for _, w := range words {
		sum += w.freq
	}
	table := dictWeights(words, user)
	weights := make([]float64, len(words))
	for i, w := range words {
		weights[i] = math.Log(w.freq / sum)
	}
	sort.Float64s(weights)
	minW, median := weights[0], weights[len(weights)/2]

	keys := make([]string, 0, len(table))
	alphabet := map[rune]bool{}
	for w, wt := range table {
		if len(w) > 127 || !utf8.ValidString(w) {
			panic("analyzer: dictionary word too long or not UTF-8: " + w)
		}
		if wt >= 0 && wt != notWord {
			panic("analyzer: dictionary word of weight >= 0: " + w)
		}
		for _, r := range w {
			if r >= runeCodes {
				panic("analyzer: dictionary character outside the Basic Multilingual Plane: " + w)
			}
			alphabet[r] = true
		}
		keys = append(keys, w)
	}
	sort.Strings(keys)
	runes := make([]rune, 0, len(alphabet))
	for r := range alphabet {
		runes = append(runes, r)
	}
	sort.Slice(runes, func(i, j int) bool { return runes[i] < runes[j] })
	if len(runes) > maxCodes {
		panic("analyzer: the dictionary has more characters than a packed key can code")
	}
	codes := make([]uint16, runeCodes)
	for i, r := range runes {
		codes[r] = uint16(i + 1)
	}
	single := make([]uint64, len(runes)+1)
	var packed, long []string
	for _, w := range keys {
		switch n := utf8.RuneCountInString(w); {
		case n == 1:
			r, _ := utf8.DecodeRuneInString(w)
			single[codes[r]] = math.Float64bits(table[w])
		case n <= maxPacked:
			packed = append(packed, w)
		default:
			long = append(long, w)
		}
	}
	// Tables at most half full, so that a lookup mostly reads one slot.
	bits := func(n int) uint {
		b := uint(1)
		for 1<<b < 2*n {
			b++
		}
		return b
	}
	packedBits, longBits := bits(len(packed)), bits(len(long))
	packedSlots := make([]uint64, 2<<packedBits)
	for _, w := range packed {
		k := newKey()
		for _, r := range w {
			k.add(uint32(codes[r]))
		}
		mask := uint64(1)<<packedBits - 1
		i := (k.packed * hashMul) >> (64 - packedBits)
		for packedSlots[2*i] != 0 {
			i = (i + 1) & mask
		}
		packedSlots[2*i], packedSlots[2*i+1] = k.packed, math.Float64bits(table[w])
	}
	var entries []byte
	longSlots := make([]uint32, 2<<longBits)
	for _, w := range long {
		off := uint32(len(entries))
		if table[w] == notWord {
			entries = append(entries, byte(len(w)))
			entries = append(entries, w...)
		} else {
			entries = append(entries, 0x80|byte(len(w)))
			entries = append(entries, w...)
			entries = binary.LittleEndian.AppendUint64(entries, math.Float64bits(table[w]))
		}
		h := fnvAdd(fnvOffset, w)
		mask := uint64(1)<<longBits - 1
		i := h >> (64 - longBits)
		for longSlots[2*i+1] != 0 {
			i = (i + 1) & mask
		}
		longSlots[2*i], longSlots[2*i+1] = uint32(h), off+1
	}

	out := []byte(dictMagic)
	for _, v := range []int{len(runes), int(packedBits), int(longBits), len(entries)} {
		out = binary.LittleEndian.AppendUint32(out, uint32(v))
	}
	for _, f := range []float64{minW, median, sum} {
		out = binary.LittleEndian.AppendUint64(out, math.Float64bits(f))
	}
	for _, c := range codes {
		out = binary.LittleEndian.AppendUint16(out, c)
	}
	for _, v := range single {
		out = binary.LittleEndian.AppendUint64(out, v)
	}
	for _, v := range packedSlots {
		out = binary.LittleEndian.AppendUint64(out, v)
	}
	for _, v := range longSlots {
		out = binary.LittleEndian.AppendUint32(out, v)
	}
	return append(out, entries...)
}
