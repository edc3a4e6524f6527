package bleve

import (
	"bufio"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/registry"
)

// englishPair returns Bleve's English analyzer and this package's.
func englishPair(t testing.TB) (bleveEN, ours analysis.Analyzer) {
	t.Helper()
	if err := register(); err != nil {
		t.Fatal(err)
	}
	cache := registry.NewCache()
	bleveEN, err := cache.AnalyzerNamed("en")
	if err != nil {
		t.Fatal(err)
	}
	ours, err = cache.AnalyzerNamed(enAnalyzer)
	if err != nil {
		t.Fatal(err)
	}
	return bleveEN, ours
}

// sameTerms reports the first difference between the two analyzers'
// tokens of text: term, position and byte offsets.
func sameTerms(a, b analysis.Analyzer, text string) error {
	show := func(ts analysis.TokenStream) string {
		var sb strings.Builder
		for _, tk := range ts {
			fmt.Fprintf(&sb, "%q@%d[%d:%d] ", tk.Term, tk.Position, tk.Start, tk.End)
		}
		return sb.String()
	}
	// Each analyzer rewrites its input in place.
	ta, tb := a.Analyze([]byte(text)), b.Analyze([]byte(text))
	if sa, sb := show(ta), show(tb); sa != sb {
		return fmt.Errorf("%q:\n bleve %s\n ours  %s", text, sa, sb)
	}
	return nil
}

func TestEnglishAnalyzerSame(t *testing.T) {
	a, b := englishPair(t)
	cases := []string{
		"", " ", "OpenAI's GPT-4o leads; Google's Gemini 2.5 Pro trails.",
		"U.S. chips, e.g. H100s, cost $30,000.50 each (1'000 or 1,000;2)",
		"a:b 10:30 x_y __ _a a_ 3_4 foo.bar. .5 5. 'quoted' don't rock'n'roll",
		"The “frontier” model’s lead—over China’s—is shrinking… naïve café ÅNGSTRÖM",
		"Running runners ran: the RUNNING man's dogs' bones were there",
		"mixed 中文 text 人工智能 and emoji 🤖 here, tab\tnew\nline\r\nend",
		"ⱥ Ⱥ ΣΑΣ straße İstanbul", "word\u00adbreak zero\u200bwidth join\u200d",
		"a.b.c 1.2.3 a.1 1.a a'1 1'a a,b 1,a ,1 1, ::a a:: a::b",
		strings.Repeat("internationalization ", 5) + "antidisestablishmentarianismus",
	}
	for _, c := range cases {
		if err := sameTerms(a, b, c); err != nil {
			t.Error(err)
		}
	}
	// Random strings over the characters that matter to word boundaries.
	alphabet := []rune("aZ0 9_:.',;\"-!?()\t\né’—中")
	r := rand.New(rand.NewPCG(1, 2))
	for range 20000 {
		n := r.IntN(24)
		var sb strings.Builder
		for range n {
			sb.WriteRune(alphabet[r.IntN(len(alphabet))])
		}
		if err := sameTerms(a, b, sb.String()); err != nil {
			t.Fatal(err)
		}
	}
}

// TestEnglishAnalyzerSameReal compares the analyzers on the real news of
// the evaluation data (../shared/evaldata beside the repository), when it
// is there.
func TestEnglishAnalyzerSameReal(t *testing.T) {
	dir := os.Getenv("FRAMESCOPE_EVALDATA")
	if dir == "" {
		dir = filepath.Join("..", "..", "..", "shared", "evaldata")
	}
	a, b := englishPair(t)
	files, _ := filepath.Glob(filepath.Join(dir, "realnews", "*.jsonl"))
	if len(files) == 0 {
		t.Skipf("no real news at %s (set FRAMESCOPE_EVALDATA)", dir)
	}
	n := 0
	for _, f := range files {
		fh, err := os.Open(f)
		if err != nil {
			t.Fatal(err)
		}
		sc := bufio.NewScanner(fh)
		sc.Buffer(make([]byte, 1<<20), 1<<24)
		for sc.Scan() {
			var item struct{ Title, Text string }
			if err := json.Unmarshal(sc.Bytes(), &item); err != nil {
				t.Fatalf("%s: %v", f, err)
			}
			for _, s := range []string{item.Title, item.Text} {
				if err := sameTerms(a, b, s); err != nil {
					t.Fatal(err)
				}
			}
			n++
		}
		fh.Close()
		if err := sc.Err(); err != nil {
			t.Fatal(err)
		}
	}
	t.Logf("%d items analysed alike", n)
}

// FuzzEnglishAnalyzer checks that the English analyzer makes Bleve's terms
// of any text.
func FuzzEnglishAnalyzer(f *testing.F) {
	for _, s := range []string{"OpenAI's GPT-4o leads", "U.S. $30,000.50 a:b x_y", "naïve “café” 中文"} {
		f.Add(s)
	}
	a, b := englishPair(f)
	f.Fuzz(func(t *testing.T, s string) {
		if err := sameTerms(a, b, s); err != nil {
			t.Fatal(err)
		}
	})
}

// BenchmarkEnglishAnalyzer analyses an English paragraph (written for the
// benchmark) with Bleve's English analyzer and with this package's.
func BenchmarkEnglishAnalyzer(b *testing.B) {
	text := strings.Repeat("Researchers said the new open model from the start-up matches GPT-4o on "+
		"most benchmarks, while its rivals' chips still trail Nvidia's H100 by 30%. "+
		"“It's a remarkable result,” one analyst noted; the company's shares rose 4.5% on Tuesday. ", 8)
	bleveEN, ours := englishPair(b)
	for _, c := range []struct {
		name string
		a    analysis.Analyzer
	}{{"bleve", bleveEN}, {"framescope", ours}} {
		b.Run(c.name, func(b *testing.B) {
			b.SetBytes(int64(len(text)))
			b.ReportAllocs()
			for b.Loop() {
				c.a.Analyze([]byte(text))
			}
		})
	}
}

// TestLowerSame checks the lower-case filter against Bleve's.
func TestLowerSame(t *testing.T) {
	if err := register(); err != nil {
		t.Fatal(err)
	}
	cache := registry.NewCache()
	bleveLower, err := cache.TokenFilterNamed("to_lower")
	if err != nil {
		t.Fatal(err)
	}
	ours, err := cache.TokenFilterNamed(lowerFilter)
	if err != nil {
		t.Fatal(err)
	}
	alphabet := []rune("aZ9_中文智ΣσΑİȺé\u3000。")
	r := rand.New(rand.NewPCG(3, 4))
	for range 20000 {
		var sb strings.Builder
		for range 1 + r.IntN(8) {
			sb.WriteRune(alphabet[r.IntN(len(alphabet))])
		}
		s := sb.String()
		a := bleveLower.Filter(analysis.TokenStream{{Term: []byte(s)}})
		b := ours.Filter(analysis.TokenStream{{Term: []byte(s)}})
		if string(a[0].Term) != string(b[0].Term) {
			t.Fatalf("%q: bleve %q, ours %q", s, a[0].Term, b[0].Term)
		}
	}
}
