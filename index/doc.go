// Package index is the seam between framescope's analyzed articles and the
// engines that keep them for search and for counting how actors are
// framed over time.
//
// It holds what every engine shares and nothing engine-specific: the
// interfaces the rest of framescope programs against (Reader for the web
// UI, the report and the search and trend commands; Writer for the ingest
// pipeline), the neutral query and result types (Query, Filters, Hit,
// SearchResult, TrendQuery, TrendResult, Facets), the query language's
// parser (ParseQuery, whose syntax tree each engine compiles its own way),
// the time buckets of trends and the Wilson interval of their shares, and
// Live, the swappable handle a server answers from while a crawl writes.
//
// An engine is a package under index/ that implements Index; the Bleve
// engine is index/bleve, the only package that imports Bleve.
package index
