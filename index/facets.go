package index

// Facets are the numbers of articles matching a query per value of each
// filter dimension. Each dimension is counted as if its own filter were
// not set, so that its counts say what choosing another value would give;
// values that count nothing are left out.
type Facets struct {
	// Total is the number of articles matching the query and all filters.
	Total   int            `json:"total"`
	Lang    map[string]int `json:"lang"`
	Country map[string]int `json:"country"`
	Source  map[string]int `json:"source"`
	// Actor counts the articles mentioning or framing each actor.
	Actor map[string]int `json:"actor"`
	// Frame counts the articles with each frame; with an actor filter,
	// the articles framing one of the filtered actors so.
	Frame map[string]int `json:"frame"`
}
