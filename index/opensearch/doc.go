// Package opensearch is framescope's index engine on OpenSearch (or
// Elasticsearch-compatible) clusters: Open returns an Index that implements
// index.Index in one OpenSearch index, for corpora that outgrow one
// machine. It speaks to the cluster with opensearch-go and uses only what
// OpenSearch's core server has (no plugins).
//
// Documents are keyed by article ID, so an article ingested twice, from
// any machine, is one document. English text is indexed with the standard
// analyzer (English stop words); Chinese text is segmented in Go by the
// same jieba segmenter the Bleve engine uses and indexed with the
// whitespace analyzer: whole words in the title_zh and body_zh fields (for
// phrases) and the sub-words of search mode in title_zhs and body_zhs.
// Queries are parsed by index.ParseQuery and compiled to the query DSL
// (compile.go); facets and trends are aggregations.
package opensearch
