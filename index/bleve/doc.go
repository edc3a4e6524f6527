// Package bleve is framescope's index engine on Bleve: Open returns an
// Index that implements index.Index in a Bleve scorch index on disk. It is
// the only package that imports Bleve.
//
// It indexes the title and text of Chinese articles with the analyzer's
// jieba segmenter in search mode (人工智能 is found by 人工智能 and by 智能)
// and those of other articles into the terms of Bleve's English analyzer
// (stemming; english.go makes them without Unicode machinery for ASCII); a
// query word is looked up in both, each analyzed its own way. It stores
// what a result list needs (title, URL, source, language, date, frames
// with their evidence), so a search never reads the corpus. Queries are
// parsed by index.ParseQuery and compiled into Bleve queries (compile.go).
//
// Trends never load stored fields. A trend over all articles by month,
// quarter or year is read from posting list sizes of monthly count terms
// (see counts.go); other trends walk bitmaps of the matching articles
// (bitmap.go) through per-segment columns (columns.go). Time buckets are
// the dates each outlet printed, in its own zone.
package bleve
