// Package terms finds the words that distinguish one set of articles from
// another: it counts the words of sampled articles (Chinese segmented by
// the analyzer's segmenter, never single characters; stop words of both
// languages left out) and ranks them by the log-odds ratio with an
// informative Dirichlet prior of Monroe, Colaresi and Quinn (2008).
package terms
