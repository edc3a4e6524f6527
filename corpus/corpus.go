// Package corpus holds framescope's domain types (articles, sources, actors,
// frames and their evidence, dated events) and the store of crawled
// articles, which is the source of truth every other stage reads from:
// Store appends to it, View reads it from a server while a crawl writes
// it, ReadArticles reads articles exported from elsewhere (CSV, JSONL) for
// import, and Lock and LockHolder guard the data directory. It imports
// nothing internal.
package corpus
