package analyzer

/*
#include <stdlib.h>

// The C functions of github.com/yanyiwu/gojieba (its jieba.h), which the
// blank import below links in. fsWord is gojieba's Word: a word's byte
// offset and length.
typedef struct {
	size_t offset;
	size_t len;
} fsWord;

void* NewJieba(const char* dict_path, const char* hmm_path, const char* user_dict,
	const char* idf_path, const char* stop_words_path);
void AddWordEx(void* handle, const char* word, int freq, const char* tag);
fsWord* Tokenize(void* handle, const char* sentence, int mode, int is_hmm_used);
*/
import "C"

import (
	"unsafe"

	_ "github.com/yanyiwu/gojieba" // the cppjieba code the functions above call
)

// cjieba is a cppjieba segmenter driven through gojieba's C functions.
// gojieba's Go methods return a Go string per word, or grow a slice of
// words one append at a time; segmenting into offsets directly saves about
// a fifth of the time of a Cut. It lives as long as the process.
type cjieba struct {
	h unsafe.Pointer
}

// newCJieba loads the dictionaries at paths, in gojieba's order (dict,
// HMM model, user dict, IDF, stop words), which must exist.
func newCJieba(paths []string) *cjieba {
	cs := make([]*C.char, len(paths))
	for i, p := range paths {
		cs[i] = C.CString(p)
		defer C.free(unsafe.Pointer(cs[i]))
	}
	return &cjieba{h: C.NewJieba(cs[0], cs[1], cs[2], cs[3], cs[4])}
}

// addWord adds a word to the dictionary with a frequency and a
// part-of-speech tag.
func (j *cjieba) addWord(w string, freq int, tag string) {
	cw, ct := C.CString(w), C.CString(tag)
	defer C.free(unsafe.Pointer(cw))
	defer C.free(unsafe.Pointer(ct))
	C.AddWordEx(j.h, cw, C.int(freq), ct)
}

// spans segments text with the HMM for unknown words, in precise mode or
// (search) with the dictionary sub-words of long words too, and appends
// each word's start and end byte offsets to starts and ends.
func (j *cjieba) spans(text string, search bool, starts, ends []int) ([]int, []int) {
	mode := C.int(0)
	if search {
		mode = 1
	}
	ct := C.CString(text)
	defer C.free(unsafe.Pointer(ct))
	words := C.Tokenize(j.h, ct, mode, 1)
	defer C.free(unsafe.Pointer(words))
	for p := words; p.len != 0; p = (*C.fsWord)(unsafe.Add(unsafe.Pointer(p), unsafe.Sizeof(*p))) {
		starts = append(starts, int(p.offset))
		ends = append(ends, int(p.offset+p.len))
	}
	return starts, ends
}
