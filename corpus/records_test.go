package corpus

import (
	"context"
	"strings"
	"testing"
	"time"
)

func TestReadArticles(t *testing.T) {
	type row struct {
		line int
		a    Article
		err  string
	}
	read := func(format, in string) ([]row, error) {
		var rows []row
		err := ReadArticles(context.Background(), strings.NewReader(in), format, func(line int, a Article, err error) error {
			r := row{line: line, a: a}
			if err != nil {
				r.err = err.Error()
			}
			rows = append(rows, r)
			return nil
		})
		return rows, err
	}
	rows, err := read(JSONL, `{"id":"a","url":" https://x.example/a ","country":"cn","lang":"ZH","text":"t","published":"2024-03-01 08:00:00","story":7}

not json
{"id":"b","text":"u","author":null,"published":"March"}
`)
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 3 || rows[0].line != 1 || rows[1].line != 3 || rows[2].line != 4 {
		t.Fatalf("rows = %+v", rows)
	}
	a := rows[0].a
	if a.URL != "https://x.example/a" || a.Country != "CN" || a.Lang != Chinese || a.Story != "7" ||
		!a.Published.Equal(time.Date(2024, 3, 1, 8, 0, 0, 0, time.UTC)) || rows[0].err != "" {
		t.Errorf("first row = %+v (%s)", a, rows[0].err)
	}
	if !strings.Contains(rows[1].err, "not a JSON object") || !strings.Contains(rows[2].err, "published") {
		t.Errorf("bad rows: %q, %q", rows[1].err, rows[2].err)
	}

	rows, err = read(CSV, "\ufeffID,Text,published\nc,\"one, two\",2024-03-01\nd\n")
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 2 || rows[0].a.ID != "c" || rows[0].a.Text != "one, two" || rows[0].line != 2 || rows[1].a.ID != "d" {
		t.Errorf("csv rows = %+v", rows)
	}
	if _, err := read(CSV, "id,title\nx,y\n"); err == nil || !strings.Contains(err.Error(), "no text column") {
		t.Errorf("csv without text: %v", err)
	}
}
