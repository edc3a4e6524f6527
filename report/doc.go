// Package report turns an index into a report a researcher can publish:
// frame shares over time per language with event markers, an actor × frame
// × language table with a chi-square test, before/after comparisons around
// events, the perception-gap view of Chinese against English outlets, the
// codebook version, the validation table, sample evidence sentences, and
// the perception-against-measurement comparison with reference series.
//
// Build computes a Report from an index.Reader; Report.Write renders it into
// a folder as report.html (self-contained, no network resources),
// report.md, a CSV and a JSON file per table, and SVG and PNG charts.
package report
