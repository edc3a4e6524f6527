package sitegen

import "html/template"

// Each outlet has its own markup, the way real sites differ: where the date
// is and how it is written, what wraps the body, what boilerplate surrounds it.

var rootTmpl = template.Must(template.New("root").Parse(`<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>framescope sample news site</title></head>
<body>
<p class="sample-notice"><strong>Sample data:</strong> every outlet and article on this site is fictional, written for the framescope demo. 示例数据：虚构媒体与文章，仅供 framescope 演示。</p>
<h1>framescope sample news site</h1>
<ul>
{{- range .}}
<li><a href="{{.ListPath}}">{{.Name}}</a> ({{.Lang}}, {{.Country}}){{if .FeedPath}} · <a href="{{.FeedPath}}">{{.Feed}} feed</a>{{end}}</li>
{{- end}}
</ul>
</body></html>
`))

var layouts = map[string]*template.Template{
	"pacifictech": template.Must(template.New("pacifictech").Funcs(funcs).Parse(pacifictechTmpl)),
	"albion":      template.Must(template.New("albion").Funcs(funcs).Parse(albionTmpl)),
	"prairie":     template.Must(template.New("prairie").Funcs(funcs).Parse(prairieTmpl)),
	"shuzhi":      template.Must(template.New("shuzhi").Funcs(funcs).Parse(shuzhiTmpl)),
	"huaxia":      template.Must(template.New("huaxia").Funcs(funcs).Parse(huaxiaTmpl)),
	"gangwan":     template.Must(template.New("gangwan").Funcs(funcs).Parse(gangwanTmpl)),
}

// Pacific Tech Review: modern blog markup, <time datetime>, RSS.
const pacifictechTmpl = `
{{define "header"}}<div class="sample-notice" role="note">{{.Notice}}</div>
<header class="site-header">
<a class="logo" href="/pacifictech/">Pacific Tech Review</a> <span class="tagline">{{.O.Tagline}}</span>
<nav class="primary"><a href="/pacifictech/">Home</a> <a href="/pacifictech/">AI</a> <a href="/pacifictech/">Chips</a> <a href="/pacifictech/">Policy</a> <a href="/pacifictech/">Startups</a> <a href="/pacifictech/feed.xml">RSS</a></nav>
</header>{{end}}
{{define "footer"}}<div id="cookie-banner">We use cookies to improve your experience and measure traffic. <button type="button">Accept all</button> <button type="button">Manage</button></div>
<footer class="site-footer"><p>&copy; 2025 Pacific Tech Review Media LLC (fictional). All rights reserved.</p>
<p><a href="/pacifictech/">About us</a> · <a href="/pacifictech/">Contact</a> · <a href="/pacifictech/">Privacy policy</a> · <a href="/pacifictech/">Terms of use</a></p></footer>{{end}}
{{define "article"}}<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{.A.Title}} | Pacific Tech Review</title>
<meta name="description" content="{{lead .A}}">
<meta property="og:title" content="{{.A.Title}}">
<meta property="og:type" content="article">
<link rel="canonical" href="{{base}}{{.A.Path}}">
<link rel="alternate" type="application/rss+xml" title="Pacific Tech Review" href="/pacifictech/feed.xml">
</head>
<body>
{{template "header" .}}
<main class="layout">
<article class="post">
<h1 class="post-title">{{.A.Title}}</h1>
<p class="byline">By <a rel="author" href="/pacifictech/">{{.A.Author}}</a> · <time datetime="{{iso .A.Published}}">{{fmt "January 2, 2006 3:04 PM MST" .A.Published}}</time></p>
<div class="post-content">
{{- range .A.Paras}}
<p>{{.}}</p>
{{- end}}
</div>
<div class="share">Share this story: <a href="/pacifictech/">X</a> <a href="/pacifictech/">LinkedIn</a> <a href="/pacifictech/">Email</a></div>
</article>
<aside class="related">
<h2>Related stories</h2>
<ul>
{{- range .Related}}
<li><a href="{{.Path}}">{{.Title}}</a></li>
{{- end}}
</ul>
<div class="newsletter"><h3>Get the AI Brief</h3><p>Our weekly newsletter, every Friday.</p><form><input type="email" placeholder="you@example.com"><button>Sign up</button></form></div>
</aside>
</main>
{{template "footer" .}}
</body>
</html>
{{end}}
{{define "list"}}<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>Pacific Tech Review – Latest</title></head>
<body>
{{template "header" .}}
<main><h1>Latest stories</h1>
<ul class="latest">
{{- range .Items}}
<li><time datetime="{{iso .Published}}">{{fmt "Jan 2, 2006" .Published}}</time> <a href="{{.Path}}">{{.Title}}</a></li>
{{- end}}
</ul></main>
{{template "footer" .}}
</body>
</html>
{{end}}`

// The Albion Ledger: broadsheet markup, article:published_time meta and a
// British date line ("Tue 14 Mar 2023 10.20 GMT"), Atom feed.
const albionTmpl = `
{{define "header"}}<p class="notice">{{.Notice}}</p>
<div class="masthead"><span class="brand">The Albion Ledger</span>
<ul class="sections"><li><a href="/albion/">News</a></li><li><a href="/albion/">Technology</a></li><li><a href="/albion/">Business</a></li><li><a href="/albion/">Opinion</a></li><li><a href="/albion/atom.xml">Atom</a></li></ul></div>{{end}}
{{define "footer"}}<footer><ul><li><a href="/albion/">About the Ledger</a></li><li><a href="/albion/">Contact us</a></li><li><a href="/albion/">Complaints &amp; corrections</a></li><li><a href="/albion/">Cookie settings</a></li></ul>
<p>&copy; 2025 Albion Ledger Ltd, a fictional publisher. Registered in England and Wales (sample).</p></footer>{{end}}
{{define "article"}}<!doctype html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<title>{{.A.Title}} – The Albion Ledger</title>
<meta name="author" content="{{.A.Author}}">
<meta property="article:published_time" content="{{iso .A.Published}}">
<meta property="og:site_name" content="The Albion Ledger">
<link rel="canonical" href="{{base}}{{.A.Path}}">
</head>
<body class="article-page">
{{template "header" .}}
<div class="container">
<div class="main-col">
<p class="kicker">Artificial intelligence</p>
<h1 itemprop="headline">{{.A.Title}}</h1>
<div class="meta"><span class="author">{{.A.Author}}</span>, technology correspondent<br>
<span class="pubdate">{{fmt "Mon 2 Jan 2006 15.04 MST" .A.Published}}</span></div>
<div class="article-body" itemprop="articleBody">
{{- range .A.Paras}}
<p>{{.}}</p>
{{- end}}
</div>
<p class="support">The Ledger is reader-funded. Support our journalism from £1.</p>
</div>
<div class="side-col"><h3>More on this story</h3><ol>
{{- range .Related}}
<li><a href="{{.Path}}">{{.Title}}</a></li>
{{- end}}
</ol></div>
</div>
{{template "footer" .}}
</body>
</html>
{{end}}
{{define "list"}}<!doctype html>
<html lang="en-GB">
<head><meta charset="utf-8"><title>Technology | The Albion Ledger</title></head>
<body>
{{template "header" .}}
<ol class="stories">
{{- range .Items}}
<li><a class="story-link" href="{{.Path}}">{{.Title}}</a> <span class="date">{{fmt "2 Jan 2006" .Published}}</span></li>
{{- end}}
</ol>
{{template "footer" .}}
</body>
</html>
{{end}}`

// Prairie Dispatch: no feed, one listing page; the date is plain
// "2006-01-02 15:04" text in the page's local time.
const prairieTmpl = `
{{define "header"}}<div id="top-bar"><span class="sample">{{.Notice}}</span> <a href="/prairie/">Subscribe</a> <a href="/prairie/">Log in</a></div>
<div class="brand-row"><a href="/prairie/" class="brand">Prairie Dispatch</a><p>{{.O.Tagline}}</p></div>
<nav class="menu"><a href="/prairie/">Front page</a> | <a href="/prairie/">Tech</a> | <a href="/prairie/">Farm tech</a> | <a href="/prairie/">Business</a> | <a href="/prairie/">Columns</a></nav>{{end}}
{{define "footer"}}<div class="bottom"><a href="/prairie/">About</a> - <a href="/prairie/">Contact the newsroom</a> - <a href="/prairie/">Advertise</a><br>Copyright 2025 Prairie Dispatch Co. (fictional). All rights reserved.</div>{{end}}
{{define "article"}}<!DOCTYPE html>
<html>
<head>
<meta http-equiv="Content-Type" content="text/html; charset=utf-8">
<title>{{.A.Title}} - Prairie Dispatch</title>
</head>
<body>
{{template "header" .}}
<div class="content">
<h1 class="headline">{{.A.Title}}</h1>
<div class="story-meta"><span class="byline-name">By {{.A.Author}}</span> | <span class="dateline">{{fmt "2006-01-02 15:04" .A.Published}}</span></div>
<div class="story-body">
{{- range .A.Paras}}
<p>{{.}}</p>
{{- end}}
</div>
<div class="tags">Filed under: <a href="/prairie/">Technology</a>, <a href="/prairie/">Artificial Intelligence</a></div>
</div>
<div class="sidebar">
<h4>More from the Dispatch</h4>
<ul>
{{- range .Related}}
<li><a href="{{.Path}}">{{.Title}}</a></li>
{{- end}}
</ul>
<div class="ad">Advertisement</div>
</div>
{{template "footer" .}}
</body>
</html>
{{end}}
{{define "list"}}<!DOCTYPE html>
<html>
<head><meta http-equiv="Content-Type" content="text/html; charset=utf-8"><title>Prairie Dispatch - Tech</title></head>
<body>
{{template "header" .}}
<section class="river">
{{- range .Items}}
<div class="teaser">
<h2><a href="{{.Path}}">{{.Title}}</a></h2>
<p class="dek">{{lead .}}</p>
<span class="dateline">{{fmt "2006-01-02 15:04" .Published}}</span>
</div>
{{- end}}
</section>
<div class="sidebar">
<h2>Newsletter</h2><p>Sign up for the Dispatch Daily.</p>
<h3><a href="/prairie/">Weather</a></h3><h3><a href="/prairie/">Obituaries</a></h3>
</div>
{{template "footer" .}}
</body>
</html>
{{end}}`

// 数智前沿: typical Chinese portal, "发布时间：2024年3月5日 10:20 来源：… 作者：…", RSS.
const shuzhiTmpl = `
{{define "header"}}<div class="notice">{{.Notice}}</div>
<div class="header"><div class="logo"><a href="/shuzhi/">数智前沿</a></div><div class="slogan">{{.O.Tagline}}</div>
<ul class="nav"><li><a href="/shuzhi/">首页</a></li><li><a href="/shuzhi/">人工智能</a></li><li><a href="/shuzhi/">芯片</a></li><li><a href="/shuzhi/">数字经济</a></li><li><a href="/shuzhi/">政策</a></li><li><a href="/shuzhi/rss.xml">RSS订阅</a></li></ul></div>{{end}}
{{define "footer"}}<div class="footer"><p><a href="/shuzhi/">关于我们</a> | <a href="/shuzhi/">联系我们</a> | <a href="/shuzhi/">版权声明</a> | <a href="/shuzhi/">广告服务</a></p>
<p>Copyright © 2022-2025 数智前沿（虚构媒体） 版权所有</p><p>示例ICP备00000000号</p></div>{{end}}
{{define "article"}}<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta http-equiv="Content-Type" content="text/html; charset=utf-8">
<title>{{.A.Title}}_数智前沿</title>
<meta name="keywords" content="人工智能,大模型,科技">
<meta name="description" content="{{lead .A}}">
<link rel="canonical" href="{{base}}{{.A.Path}}">
</head>
<body>
{{template "header" .}}
<div class="crumbs">当前位置：<a href="/shuzhi/">首页</a> &gt; <a href="/shuzhi/">人工智能</a> &gt; 正文</div>
<div class="main">
<h1 class="title">{{.A.Title}}</h1>
<div class="info">发布时间：{{cn .A.Published}} 来源：数智前沿 作者：{{.A.Author}}</div>
<div class="content" id="content">
{{- range .A.Paras}}
<p>{{.}}</p>
{{- end}}
</div>
<div class="editor">（责任编辑：{{.A.Author}}）</div>
<div class="share">分享到：<a href="/shuzhi/">微信</a> <a href="/shuzhi/">微博</a></div>
</div>
<div class="right">
<h3>相关阅读</h3>
<ul>
{{- range .Related}}
<li><a href="{{.Path}}">{{.Title}}</a></li>
{{- end}}
</ul>
</div>
{{template "footer" .}}
</body>
</html>
{{end}}
{{define "list"}}<!DOCTYPE html>
<html lang="zh-CN">
<head><meta http-equiv="Content-Type" content="text/html; charset=utf-8"><title>人工智能_数智前沿</title></head>
<body>
{{template "header" .}}
<ul class="news-list">
{{- range .Items}}
<li><a href="{{.Path}}">{{.Title}}</a><span>{{fmt "2006-01-02" .Published}}</span></li>
{{- end}}
</ul>
{{template "footer" .}}
</body>
</html>
{{end}}`

// 华夏科技报: old-style portal served as GBK with <meta charset="gb2312"> and no
// charset in the HTTP header; "2024-03-05 10:20　来源：华夏科技报" date line.
const huaxiaTmpl = `
{{define "header"}}<div class="notice">{{.Notice}}</div>
<table class="top" width="100%"><tr><td class="logo"><a href="/huaxia/">华夏科技报</a></td>
<td class="nav"><a href="/huaxia/">首页</a> | <a href="/huaxia/">要闻</a> | <a href="/huaxia/">产业</a> | <a href="/huaxia/">评论</a> | <a href="/huaxia/">图片</a></td></tr></table>{{end}}
{{define "footer"}}<div class="footer">关于本报 | 联系我们 | 网站地图 | 法律声明<br>华夏科技报（虚构媒体）版权所有，未经书面授权禁止使用<br>Copyright &copy; 2025 All Rights Reserved</div>{{end}}
{{define "article"}}<html>
<head>
<meta charset="gb2312">
<title>{{.A.Title}}--华夏科技报</title>
</head>
<body>
{{template "header" .}}
<div id="article">
<h1>{{.A.Title}}</h1>
<div class="source">{{fmt "2006-01-02 15:04" .A.Published}}　来源：华夏科技报　记者 {{.A.Author}}</div>
<div id="ozoom">
{{- range .A.Paras}}
<p>　　{{.}}</p>
{{- end}}
</div>
<div class="bianji">（编辑：{{.A.Author}}）</div>
</div>
<div class="related"><b>相关新闻</b>
<ul>
{{- range .Related}}
<li><a href="{{.Path}}">{{.Title}}</a></li>
{{- end}}
</ul></div>
{{template "footer" .}}
</body>
</html>
{{end}}
{{define "list"}}<html>
<head><meta charset="gb2312"><title>产业--华夏科技报</title></head>
<body>
{{template "header" .}}
<div class="list">
{{- range .Items}}
<a href="{{.Path}}">{{.Title}}</a> {{fmt "2006-01-02" .Published}}<br>
{{- end}}
</div>
{{template "footer" .}}
</body>
</html>
{{end}}`

// 港湾科技评论: magazine theme, "2024/03/05 10:20" date, cookie notice, Atom feed.
const gangwanTmpl = `
{{define "header"}}<div class="sample-banner">{{.Notice}}</div>
<header class="site"><a class="brand" href="/gangwan/">港湾科技评论</a>
<nav><a href="/gangwan/">首页</a> <a href="/gangwan/">深度</a> <a href="/gangwan/">访谈</a> <a href="/gangwan/">数据</a> <a href="/gangwan/atom.xml">订阅</a></nav></header>{{end}}
{{define "footer"}}<div class="cookie">本网站使用Cookie以改善浏览体验。继续浏览即表示您同意我们的Cookie政策。<a href="/gangwan/">同意</a></div>
<footer>© 2025 港湾科技评论（虚构媒体） · <a href="/gangwan/">关于我们</a> · <a href="/gangwan/">联系方式</a> · <a href="/gangwan/">隐私政策</a></footer>{{end}}
{{define "article"}}<!DOCTYPE html>
<html lang="zh-Hans">
<head>
<meta charset="UTF-8">
<title>{{.A.Title}} | 港湾科技评论</title>
<meta property="og:title" content="{{.A.Title}}">
<meta property="og:description" content="{{lead .A}}">
<link rel="canonical" href="{{base}}{{.A.Path}}">
</head>
<body>
{{template "header" .}}
<main class="wrap">
<div class="entry">
<h1 class="entry-title">{{.A.Title}}</h1>
<div class="entry-meta">文／{{.A.Author}}　<span class="date">{{fmt "2006/01/02 15:04" .A.Published}}</span></div>
<div class="entry-content">
{{- range .A.Paras}}
<p>{{.}}</p>
{{- end}}
</div>
<p class="copyright-note">本文为港湾科技评论原创，转载请注明出处。</p>
</div>
<aside class="widget"><h4>延伸阅读</h4>
{{- range .Related}}
<div class="item"><a href="{{.Path}}">{{.Title}}</a></div>
{{- end}}
</aside>
</main>
{{template "footer" .}}
</body>
</html>
{{end}}
{{define "list"}}<!DOCTYPE html>
<html lang="zh-Hans">
<head><meta charset="UTF-8"><title>港湾科技评论</title></head>
<body>
{{template "header" .}}
<div class="entries">
{{- range .Items}}
<div class="entry-card"><h3><a href="{{.Path}}">{{.Title}}</a></h3><p>{{lead .}}</p></div>
{{- end}}
</div>
{{template "footer" .}}
</body>
</html>
{{end}}`
