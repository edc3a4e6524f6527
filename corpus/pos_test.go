package corpus

import "testing"

// TestScanFrom: a scan from a position End returned reads only what was
// stored after it, including the newer record of an upgraded article.
func TestScanFrom(t *testing.T) {
	s, err := Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	feedCopy := sample("https://news.example/1", "one", "feed text")
	feedCopy.FromFeed = true
	for _, a := range []Article{feedCopy, sample("https://news.example/2", "two", "second")} {
		if _, err := s.Put(a); err != nil {
			t.Fatal(err)
		}
	}
	mark := s.End()
	for _, a := range []Article{sample("https://news.example/1", "one", "full page"), sample("https://news.example/3", "three", "third")} {
		if _, err := s.Put(a); err != nil {
			t.Fatal(err)
		}
	}
	var titles []string
	if err := s.ScanFrom(mark, func(a Article) error { titles = append(titles, a.Title+":"+a.Text); return nil }); err != nil {
		t.Fatal(err)
	}
	if len(titles) != 2 || titles[0] != "one:full page" || titles[1] != "three:third" {
		t.Errorf("ScanFrom(%v) = %q", mark, titles)
	}
	if ids := s.IDsFrom(mark); len(ids) != 2 {
		t.Errorf("IDsFrom = %q, want 2", ids)
	}
	if got, err := ParsePos(mark.String()); err != nil || got != mark {
		t.Errorf("ParsePos(%q) = %v, %v", mark, got, err)
	}
	if s.Contains(Pos{Seg: 1, Off: s.End().Off + 1}) || !s.Contains(mark) {
		t.Error("Contains is wrong about the store's positions")
	}
	if n := 0; s.ScanFrom(s.End(), func(Article) error { n++; return nil }) != nil || n != 0 {
		t.Error("ScanFrom(End) read something")
	}
}
