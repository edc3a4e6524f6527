// Package crawler fetches AI news into framescope: it reads the sources file,
// polls RSS, Atom and JSON feeds (with conditional GET) and listing pages,
// fetches article pages politely (robots.txt, per-host delay and
// concurrency, retries with backoff), decodes any charset to UTF-8, extracts
// title, text, author and publication date, and hands each article to a Sink.
//
// The crawler never imports the store: callers pass a Sink that answers
// whether a canonical URL is already stored and accepts new articles (the
// ingest pipeline is one). AppendLog and LastCrawl keep the crawl log, one
// Summary per crawl.
package crawler
