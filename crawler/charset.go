package crawler

import (
	"bytes"
	"mime"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/saintfish/chardet"
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/htmlindex"
	"golang.org/x/text/encoding/simplifiedchinese"
	xunicode "golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"
)

// prescanLimit is how much of a page is searched for a <meta> charset.
const prescanLimit = 8 << 10

// DecodeHTML converts a page body to UTF-8 and returns it with the name of
// the charset it was read as. The declared charset is taken from the HTTP
// Content-Type header, then from a <meta> tag, and checked against the bytes:
// a body that is valid UTF-8 is read as UTF-8 whatever it declares; GB2312
// and GBK are read as their superset GB18030; an undeclared or wrongly
// declared body is identified by trying GB18030 and then statistical
// detection. It never fails: undecodable bytes become U+FFFD.
func DecodeHTML(body []byte, contentType string) (string, string) {
	body = bytes.TrimPrefix(body, []byte("\xef\xbb\xbf"))
	declared := labelFromContentType(contentType)
	if declared == "" {
		declared = metaCharset(body)
	}
	return decodeBody(body, declared)
}

// decodeBody decodes body given the label it declares (possibly empty).
func decodeBody(body []byte, declared string) (string, string) {
	if utf8.Valid(body) {
		return string(body), "utf-8"
	}
	if bytes.HasPrefix(body, []byte{0xff, 0xfe}) || bytes.HasPrefix(body, []byte{0xfe, 0xff}) {
		s, err := decodeWith(xunicode.UTF16(xunicode.BigEndian, xunicode.UseBOM), body)
		if err == nil {
			return s, "utf-16"
		}
	}
	name := normalizeLabel(declared)
	switch {
	case isGB(name):
		s, _ := decodeWith(simplifiedchinese.GB18030, body)
		return s, "gb18030"
	case isMultiByteCJK(name):
		if enc, err := htmlindex.Get(name); err == nil {
			if s, bad := decodeCount(enc, body); bad*200 < len(body) {
				return s, name
			}
		}
	}
	// Declared UTF-8 (but invalid), a single-byte charset, or nothing: try
	// GB18030, the commonest undeclared encoding of Chinese pages, and keep
	// it when the text reads as Chinese.
	if s, ok := looksGB(body); ok {
		return s, "gb18030"
	}
	if name != "" && name != "utf-8" {
		if enc, err := htmlindex.Get(name); err == nil {
			s, _ := decodeWith(enc, body)
			return s, name
		}
	}
	if r, err := chardet.NewHtmlDetector().DetectBest(body); err == nil && r.Confidence >= 50 {
		if enc, err := htmlindex.Get(normalizeLabel(r.Charset)); err == nil {
			detected := normalizeLabel(r.Charset)
			if isGB(detected) {
				enc, detected = simplifiedchinese.GB18030, "gb18030"
			}
			s, _ := decodeWith(enc, body)
			return s, detected
		}
	}
	return strings.ToValidUTF8(string(body), "\uFFFD"), "utf-8"
}

// labelFromContentType returns the charset parameter of an HTTP
// Content-Type value, lower-cased, or "".
func labelFromContentType(ct string) string {
	if ct == "" {
		return ""
	}
	_, params, err := mime.ParseMediaType(ct)
	if err != nil {
		i := strings.Index(strings.ToLower(ct), "charset=")
		if i < 0 {
			return ""
		}
		return strings.Trim(strings.ToLower(ct[i+len("charset="):]), `"' ;`)
	}
	return strings.ToLower(strings.TrimSpace(params["charset"]))
}

// metaCharsetRE matches <meta charset=...> and the http-equiv form.
var metaCharsetRE = regexp.MustCompile(`(?i)<meta[^>]*?charset\s*=\s*["']?\s*([a-z0-9_:.-]+)`)

// metaCharset finds the charset a page declares in a <meta> tag within its
// first prescanLimit bytes, or "".
func metaCharset(body []byte) string {
	head := body
	if len(head) > prescanLimit {
		head = head[:prescanLimit]
	}
	if m := metaCharsetRE.FindSubmatch(head); m != nil {
		return strings.ToLower(string(m[1]))
	}
	return ""
}

// normalizeLabel maps a charset label to its canonical WHATWG name.
func normalizeLabel(label string) string {
	label = strings.ToLower(strings.TrimSpace(label))
	if label == "" {
		return ""
	}
	switch label {
	case "gb2312", "gbk", "gb18030", "gb-18030", "gb_2312-80", "x-gbk", "cp936", "euc-cn", "hz-gb-2312":
		return "gb18030"
	}
	enc, err := htmlindex.Get(label)
	if err != nil {
		return label
	}
	name, err := htmlindex.Name(enc)
	if err != nil {
		return label
	}
	if name == "gbk" {
		return "gb18030"
	}
	return name
}

func isGB(name string) bool {
	return name == "gb18030" || name == "gbk" || name == "gb2312"
}

func isMultiByteCJK(name string) bool {
	switch name {
	case "big5", "shift_jis", "euc-jp", "iso-2022-jp", "euc-kr":
		return true
	}
	return false
}

// looksGB decodes body as GB18030 and reports whether that reads as Chinese:
// almost no invalid sequences and most non-ASCII characters Han or CJK
// punctuation.
func looksGB(body []byte) (string, bool) {
	s, bad := decodeCount(simplifiedchinese.GB18030, body)
	nonASCII, cjk := 0, 0
	for _, r := range s {
		if r < utf8.RuneSelf {
			continue
		}
		nonASCII++
		if unicode.Is(unicode.Han, r) || (r >= 0x3000 && r <= 0x303f) || (r >= 0xff00 && r <= 0xffef) {
			cjk++
		}
	}
	if nonASCII == 0 {
		return s, false
	}
	return s, bad*100 <= nonASCII && cjk*10 >= nonASCII*8
}

// decodeWith decodes b with enc, replacing invalid input.
func decodeWith(enc encoding.Encoding, b []byte) (string, error) {
	out, _, err := transform.Bytes(enc.NewDecoder(), b)
	if err != nil {
		return strings.ToValidUTF8(string(b), "\uFFFD"), err
	}
	return string(out), nil
}

// decodeCount decodes b with enc and counts the replacement characters the
// decoder produced.
func decodeCount(enc encoding.Encoding, b []byte) (string, int) {
	s, err := decodeWith(enc, b)
	if err != nil {
		return s, len(b)
	}
	return s, strings.Count(s, "\uFFFD")
}
