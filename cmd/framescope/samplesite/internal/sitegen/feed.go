package sitegen

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"time"
)

// esc returns s escaped for XML character data and attribute values.
func esc(s string) string {
	var b bytes.Buffer
	_ = xml.EscapeText(&b, []byte(s)) // writes to a bytes.Buffer cannot fail
	return b.String()
}

// rss renders an RSS 2.0 feed of arts (newest first) with absolute links
// under Base. A GBK outlet's feed declares encoding="gbk"; put encodes it.
func rss(o *Outlet, arts []*Article) []byte {
	var b bytes.Buffer
	enc, lang := "UTF-8", "en-us"
	if o.GBK {
		enc = "gbk"
	}
	if o.Lang == "zh" {
		lang = "zh-cn"
	}
	fmt.Fprintf(&b, "<?xml version=\"1.0\" encoding=\"%s\"?>\n", enc)
	b.WriteString(`<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:atom="http://www.w3.org/2005/Atom">` + "\n<channel>\n")
	fmt.Fprintf(&b, "<title>%s</title>\n<link>%s</link>\n", esc(o.Name), esc(Base+o.ListPath))
	fmt.Fprintf(&b, "<description>%s</description>\n", esc(feedDescription(o)))
	fmt.Fprintf(&b, "<language>%s</language>\n", lang)
	if len(arts) > 0 {
		fmt.Fprintf(&b, "<lastBuildDate>%s</lastBuildDate>\n", arts[0].Published.Format(time.RFC1123Z))
	}
	fmt.Fprintf(&b, "<atom:link href=\"%s\" rel=\"self\" type=\"application/rss+xml\"/>\n", esc(Base+o.FeedPath))
	for _, a := range arts {
		link := esc(Base + a.Path)
		b.WriteString("<item>\n")
		fmt.Fprintf(&b, "<title>%s</title>\n<link>%s</link>\n<guid isPermaLink=\"true\">%s</guid>\n", esc(a.Title), link, link)
		fmt.Fprintf(&b, "<pubDate>%s</pubDate>\n<dc:creator>%s</dc:creator>\n", a.Published.Format(time.RFC1123Z), esc(a.Author))
		fmt.Fprintf(&b, "<description>%s</description>\n", esc(firstSentence(a.Paras[0])))
		b.WriteString("</item>\n")
	}
	b.WriteString("</channel>\n</rss>\n")
	return b.Bytes()
}

// atom renders an Atom 1.0 feed of arts (newest first).
func atom(o *Outlet, arts []*Article) []byte {
	var b bytes.Buffer
	b.WriteString("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">\n")
	fmt.Fprintf(&b, "<title>%s</title>\n<subtitle>%s</subtitle>\n", esc(o.Name), esc(feedDescription(o)))
	fmt.Fprintf(&b, "<link rel=\"alternate\" type=\"text/html\" href=\"%s\"/>\n", esc(Base+o.ListPath))
	fmt.Fprintf(&b, "<link rel=\"self\" type=\"application/atom+xml\" href=\"%s\"/>\n", esc(Base+o.FeedPath))
	fmt.Fprintf(&b, "<id>urn:framescope-sample:%s</id>\n", o.Slug)
	if len(arts) > 0 {
		fmt.Fprintf(&b, "<updated>%s</updated>\n", arts[0].Published.Format(time.RFC3339))
	}
	for _, a := range arts {
		b.WriteString("<entry>\n")
		fmt.Fprintf(&b, "<title>%s</title>\n", esc(a.Title))
		fmt.Fprintf(&b, "<link rel=\"alternate\" type=\"text/html\" href=\"%s\"/>\n", esc(Base+a.Path))
		fmt.Fprintf(&b, "<id>urn:framescope-sample:%s:%s</id>\n", o.Slug, esc(a.Slug+a.Published.Format("-20060102")))
		fmt.Fprintf(&b, "<published>%s</published>\n<updated>%s</updated>\n", a.Published.Format(time.RFC3339), a.Published.Format(time.RFC3339))
		fmt.Fprintf(&b, "<author><name>%s</name></author>\n", esc(a.Author))
		fmt.Fprintf(&b, "<summary>%s</summary>\n", esc(firstSentence(a.Paras[0])))
		b.WriteString("</entry>\n")
	}
	b.WriteString("</feed>\n")
	return b.Bytes()
}

func feedDescription(o *Outlet) string {
	if o.Lang == "zh" {
		return o.Tagline + "。示例数据：虚构媒体与文章，仅供 framescope 演示。"
	}
	return o.Tagline + ". Sample data: fictional outlet and articles written for the framescope demo."
}
