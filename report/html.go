package report

import (
	"html"
	"html/template"
	"io"
	"strings"

	"github.com/framescope/framescope/corpus"
)

// highlightParts splits a sentence around its cue (see
// corpus.Evidence.CueSpan); found is false when cue is absent.
func highlightParts(sentence, cue string) (before, match, after string, found bool) {
	i, j, ok := corpus.Evidence{Sentence: sentence, Cue: cue}.CueSpan()
	if !ok {
		return sentence, "", "", false
	}
	return sentence[:i], sentence[i:j], sentence[j:], true
}

// tableHTML renders a table; in the samples table the cue is marked in the
// sentence and the cue column left out.
func tableHTML(t *Table) template.HTML {
	var b strings.Builder
	sentence, cue := -1, -1
	for i, c := range t.Columns {
		switch {
		case t.Name == "samples" && c.Name == "sentence":
			sentence = i
		case t.Name == "samples" && c.Name == "cue":
			cue = i
		}
	}
	b.WriteString("<table>\n<thead><tr>")
	for i, c := range t.Columns {
		if i == cue {
			continue
		}
		b.WriteString("<th>" + html.EscapeString(strings.ReplaceAll(c.Name, "_", " ")) + "</th>")
	}
	b.WriteString("</tr></thead>\n<tbody>\n")
	for _, row := range t.Rows {
		b.WriteString("<tr>")
		for i, v := range row {
			c := t.Columns[i]
			switch {
			case i == cue:
				continue
			case i == sentence:
				s, _ := v.(string)
				k, _ := row[cue].(string)
				pre, m, post, ok := highlightParts(s, k)
				b.WriteString(`<td class="text">` + html.EscapeString(pre))
				if ok {
					b.WriteString("<mark>" + html.EscapeString(m) + "</mark>" + html.EscapeString(post))
				} else if k != "" {
					b.WriteString(" <mark>" + html.EscapeString(k) + "</mark>")
				}
				b.WriteString("</td>")
				continue
			}
			class := "num"
			if c.Kind == Text {
				class = "text"
			}
			b.WriteString(`<td class="` + class + `">` + html.EscapeString(c.Cell(v)) + "</td>")
		}
		b.WriteString("</tr>\n")
	}
	b.WriteString("</tbody>\n</table>\n")
	return template.HTML(b.String())
}

var htmlTemplate = template.Must(template.New("report").Funcs(template.FuncMap{"table": tableHTML}).Parse(`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{.Title}}</title>
<style>
body { font-family: -apple-system, "Segoe UI", "Noto Sans", "PingFang SC", "Microsoft YaHei", sans-serif; margin: 2em auto; max-width: 72em; padding: 0 1em; color: #222; line-height: 1.45; }
h1 { margin-bottom: 0.2em; }
.subtitle { color: #555; margin-top: 0; }
nav ul { columns: 2; }
section { margin-top: 2.5em; }
figure { margin: 1.5em 0; }
figure img { max-width: 100%; border: 1px solid #ddd; }
figcaption, .note { color: #555; font-size: 0.92em; }
table { border-collapse: collapse; margin: 0.6em 0 1.2em; font-size: 0.88em; }
th, td { border: 1px solid #ccc; padding: 0.2em 0.5em; vertical-align: top; }
th { background: #f2f2f2; }
td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
tbody tr:nth-child(even) { background: #fafafa; }
mark { background: #ffe36e; padding: 0 0.1em; }
.notes { background: #fff7e0; border-left: 4px solid #e0a800; padding: 0.5em 1em; }
.files { font-size: 0.85em; }
details summary { cursor: pointer; color: #1e5ac8; }
</style>
</head>
<body>
<h1>{{.Title}}</h1>
<p class="subtitle">{{.Subtitle}}</p>
{{if .Notes}}<div class="notes">{{range .Notes}}<p>{{.}}</p>{{end}}</div>{{end}}
<nav><ul>{{range .Sections}}<li><a href="#{{.ID}}">{{.Title}}</a></li>{{end}}</ul></nav>
{{range $s := .Sections}}
<section id="{{$s.ID}}">
<h2>{{$s.Title}}</h2>
{{range $s.Text}}<p>{{.}}</p>{{end}}
{{range $s.Charts}}<figure>
<img src="{{.Name}}.svg" alt="{{.Title}}">
<figcaption>{{.Caption}} <span class="files">(<a href="{{.Name}}.svg">SVG</a>, <a href="{{.Name}}.png">PNG</a>)</span></figcaption>
</figure>
{{end}}
{{range $t := $s.Tables}}
<h3>{{$t.Title}}</h3>
{{if $t.Note}}<p class="note">{{$t.Note}}</p>{{end}}
{{if index $s.Collapsed $t.Name}}<details><summary>Show {{len $t.Rows}} rows</summary>
{{table $t}}</details>{{else}}{{if $t.Rows}}{{table $t}}{{else}}<p class="note">No rows.</p>{{end}}{{end}}
<p class="files">Data: <a href="{{$t.Name}}.csv">{{$t.Name}}.csv</a>, <a href="{{$t.Name}}.json">{{$t.Name}}.json</a></p>
{{end}}
</section>
{{end}}
</body>
</html>
`))

// writeHTML renders the document as a self-contained HTML page: inline
// CSS, charts and data referenced by relative file names only.
func writeHTML(w io.Writer, d *document) error {
	return htmlTemplate.Execute(w, d)
}
