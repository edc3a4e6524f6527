package analyzer

import (
	"bytes"
	"errors"
	"strings"
	"testing"
)

func TestDefaultCodebook(t *testing.T) {
	cb, err := DefaultCodebook()
	if err != nil {
		t.Fatal(err)
	}
	v := cb.Version()
	if !strings.HasPrefix(v, "default-") || len(v) != len("default-")+8 {
		t.Errorf("version %q, want default-<8 hex>", v)
	}
	var b bytes.Buffer
	if err := cb.Dump(&b); err != nil {
		t.Fatal(err)
	}
	again, err := ParseCodebook("dump", b.Bytes())
	if err != nil || again.Version() != v {
		t.Errorf("dumped codebook reparsed: version %v, err %v; want %s", again, err, v)
	}
	if got := DefaultCodebookVersion(); got != v {
		t.Errorf("DefaultCodebookVersion() = %q, want the parsed codebook's %q", got, v)
	}
	edited, err := ParseCodebook("edited", append(b.Bytes(), "\n# a comment\n"...))
	if err != nil || edited.Version() == v {
		t.Errorf("an edited codebook must have another version, got %v (err %v)", edited.Version(), err)
	}
	// The actors the issue requires, their makers and countries.
	for id, country := range map[string]string{
		"openai": "US", "google": "US", "anthropic": "US", "meta": "US", "microsoft": "US", "nvidia": "US",
		"xai": "US", "apple": "US", "amd": "US", "intel": "US", "baidu": "CN", "alibaba": "CN",
		"tencent": "CN", "bytedance": "CN", "deepseek": "CN", "huawei": "CN", "moonshot": "CN",
		"zhipu": "CN", "iflytek": "CN", "sensetime": "CN", "minimax": "CN", "smic": "CN",
		"cambricon": "CN", "mistral": "FR", "chatgpt": "US", "ernie": "CN", "ascend": "CN",
	} {
		if got := cb.Country(id); got != country {
			t.Errorf("Country(%s) = %q, want %q", id, got, country)
		}
	}
	for product, maker := range map[string]string{
		"chatgpt": "openai", "gemini": "google", "claude": "anthropic", "llama": "meta", "ernie": "baidu",
		"qwen": "alibaba", "hunyuan": "tencent", "doubao": "bytedance", "kimi": "moonshot", "glm": "zhipu",
		"spark": "iflytek", "ascend": "huawei", "openai": "openai",
	} {
		if got := cb.Maker(product); got != maker {
			t.Errorf("Maker(%s) = %q, want %q", product, got, maker)
		}
	}
}

func TestCodebookErrors(t *testing.T) {
	const base = `name: test
actors:
  - id: CN
    kind: country
    aliases: [China]
  - id: baidu
    kind: org
    parent: CN
    aliases: [Baidu]
cues:
  - id: lead
    frame: leader
    words: [leads]
markers:
  negation: [not]
`
	if _, err := ParseCodebook("base", []byte(base)); err != nil {
		t.Fatalf("base codebook: %v", err)
	}
	tests := []struct {
		name, from, to, want string
	}{
		{"syntax", "aliases: [China]", "aliases: [China", "line 5"},
		{"country id", "id: CN", "id: cn", `line 3: country id "cn"`},
		{"kind", "kind: org", "kind: company", `line 6: actor "baidu": kind "company"`},
		{"parent", "parent: CN", "parent: XX", `line 6: actor "baidu": parent "XX" is not defined`},
		{"frame", "frame: leader", "frame: ahead", `line 11: cue group "lead": frame "ahead"`},
		{"unknown cue field", "    words: [leads]", "    words: [leads]\n    colour: red", `line 14: unknown field "colour" in cue group`},
		{"unknown top field", "markers:", "extra: 1\nmarkers:", `line 14: unknown field "extra" in codebook`},
		{"unknown marker", "  negation: [not]", "  negations: [not]", `line 15: unknown field "negations" in markers`},
		{"no words", "words: [leads]", "words: []", `line 11: cue group "lead" has no words`},
		{"duplicate actor", "id: baidu", "id: CN", `line 6: org id "CN" must be a lower-case slug`},
		{"weight", "frame: leader", "frame: leader\n    weight: 2", "weight 2 must be between 0 and 1"},
		{"type", "aliases: [Baidu]", "aliases: {x: 1}", "line 9"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := strings.Replace(base, tt.from, tt.to, 1)
			if src == base {
				t.Fatalf("replacement %q not found", tt.from)
			}
			_, err := ParseCodebook("cb.yaml", []byte(src))
			if err == nil {
				t.Fatal("no error")
			}
			if !errors.Is(err, ErrCodebook) {
				t.Errorf("error %v does not wrap ErrCodebook", err)
			}
			if !strings.Contains(err.Error(), "cb.yaml") || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %q, want it to name cb.yaml and contain %q", err, tt.want)
			}
		})
	}
	if _, err := LoadCodebook("testdata/does-not-exist.yaml"); err == nil || errors.Is(err, ErrCodebook) {
		t.Errorf("missing file: %v, want a read error that is not ErrCodebook", err)
	}
}

// TestCustomCodebook checks that a user's codebook replaces the default:
// its actors, cues and words are the only ones used.
func TestCustomCodebook(t *testing.T) {
	cb, err := ParseCodebook("custom", []byte(`name: custom
actors:
  - {id: FR, kind: country, aliases: [France, 法国]}
  - {id: mistral, kind: org, parent: FR, aliases: [Mistral, 米斯特拉尔]}
cues:
  - {id: champion, frame: leader, words: [champion, 冠军企业]}
markers:
  negation: [not]
`))
	if err != nil {
		t.Fatal(err)
	}
	seg, err := SharedSegmenter()
	if err != nil {
		t.Fatal(err)
	}
	an := New(cb, seg)
	res := an.Analyze(testArticle("en", "Mistral is the European champion. OpenAI leads."))
	if got := frameKeys(res); strings.Join(got, " ") != "FR:leader mistral:leader" {
		t.Errorf("frames %q, want FR and mistral leader only", got)
	}
	res = an.Analyze(testArticle("zh", "米斯特拉尔是欧洲的冠军企业。"))
	if got := frameKeys(res); strings.Join(got, " ") != "FR:leader mistral:leader" {
		t.Errorf("zh frames %q\n%s", got, dump(res))
	}
	if !strings.HasPrefix(res.Codebook, "custom-") {
		t.Errorf("codebook version %q", res.Codebook)
	}
}
