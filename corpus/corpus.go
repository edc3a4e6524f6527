// Package corpus holds framescope's domain types (articles, sources, actors,
// frames and their evidence) and the store of crawled articles, which is the
// source of truth every other stage reads from. It imports nothing internal.
package corpus
