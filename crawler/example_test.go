package crawler_test

import (
	"fmt"
	"strings"
	"time"

	"golang.org/x/text/encoding/simplifiedchinese"

	"github.com/framescope/framescope/corpus"
	"github.com/framescope/framescope/crawler"
)

func ExampleParseSources() {
	cfg, err := crawler.ParseSources(strings.NewReader(`
defaults:
  delay: 2s
sources:
  - name: example-feed
    lang: zh
    country: CN
    feed: https://example.com/rss.xml
  - name: example-list
    lang: en
    country: US
    list: https://example.com/ai/
    links: "h2 a"
    keywords: []
`), "sources.yaml")
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, s := range cfg.Sources {
		fmt.Println(s.Name, s.Lang, s.Country, s.Delay, s.Keywords == nil)
	}

	_, err = crawler.ParseSources(strings.NewReader("sources:\n  - name: bad\n    lang: en\n    feed: https://example.com/f\n    lnks: x\n"), "sources.yaml")
	fmt.Println(err)
	// Output:
	// example-feed zh CN 2s true
	// example-list en US 2s false
	// crawler: invalid sources file sources.yaml:
	//   sources.yaml:5: source "bad": unknown key "lnks"
	//   sources.yaml:2: source "bad": missing key "country"
}

func ExampleExtract() {
	page := `<html><head><title>百度发布新模型_示例网</title></head><body>
<div class="nav"><a href="/">首页</a> <a href="/tech">科技</a></div>
<h1>百度发布新模型</h1>
<div class="info">发布时间：2024-03-05 10:20 来源：示例网 作者：张三</div>
<div class="content"><p>百度今天发布了新一代文心大模型，公司表示，新模型在中文理解、代码生成和逻辑推理方面已经达到国际领先水平，并将向企业客户全面开放。</p>
<p>业内人士认为，国产大模型正在快速追赶美国同行，但在高端芯片和训练算力方面仍然面临不小的挑战，差距短期内难以完全消除。</p>
<p>分析人士指出，随着越来越多的企业将人工智能应用于生产和服务，大模型的商业化落地将成为下一阶段竞争的关键。</p></div>
<div class="footer">版权所有 示例网</div></body></html>`
	// Served as GBK without any charset declaration.
	body, _ := simplifiedchinese.GBK.NewEncoder().Bytes([]byte(page))
	p, err := crawler.Extract(body, "text/html", "https://example.com/a/1", corpus.Source{Lang: corpus.Chinese, Country: "CN"})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(p.Title)
	fmt.Println(p.Published.Format(time.RFC3339), p.Author, p.Charset)
	fmt.Println(p.Text)
	// Output:
	// 百度发布新模型
	// 2024-03-05T10:20:00+08:00 张三 gb18030
	// 百度今天发布了新一代文心大模型，公司表示，新模型在中文理解、代码生成和逻辑推理方面已经达到国际领先水平，并将向企业客户全面开放。
	// 业内人士认为，国产大模型正在快速追赶美国同行，但在高端芯片和训练算力方面仍然面临不小的挑战，差距短期内难以完全消除。
	// 分析人士指出，随着越来越多的企业将人工智能应用于生产和服务，大模型的商业化落地将成为下一阶段竞争的关键。
}

func ExampleDecodeHTML() {
	gbk, _ := simplifiedchinese.GBK.NewEncoder().Bytes([]byte(`<meta charset="gb2312"><p>朱镕基</p>`))
	text, cs := crawler.DecodeHTML(gbk, "")
	fmt.Println(text, cs)
	// Output: <meta charset="gb2312"><p>朱镕基</p> gb18030
}
