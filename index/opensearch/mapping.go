package opensearch

// layoutVersion changes whenever the mapping or the fields Put writes
// change; Open refuses an index with another layout (ErrMapping).
const layoutVersion = "3"

// Field names of the documents.
const (
	fID        = "id"
	fTitle     = "title"        // stored in _source only
	fURL       = "url"          // stored in _source only
	fTitleEN   = "title_en"     // Bleve's English terms, whitespace analyzer
	fBodyEN    = "body_en"      // Bleve's English terms, whitespace analyzer
	fTitleZH   = "title_zh"     // jieba whole words, whitespace analyzer
	fBodyZH    = "body_zh"      // jieba whole words, whitespace analyzer
	fTitleZHS  = "title_zhs"    // jieba sub-words of search mode
	fBodyZHS   = "body_zhs"     // jieba sub-words of search mode
	fPublished = "published"    // date, RFC 3339 in the article's own zone
	fDay       = "day"          // keyword: the date the outlet printed, YYYY-MM-DD
	fSource    = "source"       // keyword
	fCountry   = "country"      // keyword: the source's home country
	fLang      = "lang"         // keyword
	fActors    = "actors"       // keyword: every actor mentioned or framed
	fFrameSet  = "frames"       // keyword: frames present
	fPairs     = "pairs"        // keyword: "CN:catching-up"
	fFramed    = "framed"       // keyword: every actor framed with any frame
	fPairN     = "pair_n"       // keyword: "CN:catching-up=2", evidence sentences per pair
	fStory     = "story"        // keyword: Article.Story, or the ID
	fCodebook  = "codebook"     // keyword: Analysis.Codebook
	fAttrib    = "attributions" // object, not indexed: []corpus.Attribution
)

// mappings returns the index's mappings: strict, so that a document with
// a field of another layout is a mapping error rather than a new field.
func mappings() map[string]any {
	kw := map[string]any{"type": "keyword"}
	stored := map[string]any{"type": "keyword", "index": false, "doc_values": false}
	en := map[string]any{"type": "text", "analyzer": "whitespace"}
	ws := map[string]any{"type": "text", "analyzer": "whitespace"}
	return map[string]any{
		"dynamic": "strict",
		"_meta":   map[string]any{"framescope_layout": layoutVersion},
		"properties": map[string]any{
			fID: kw, fTitle: stored, fURL: stored,
			fTitleEN: en, fBodyEN: en,
			fTitleZH: ws, fBodyZH: ws, fTitleZHS: ws, fBodyZHS: ws,
			fPublished: map[string]any{"type": "date", "format": "strict_date_optional_time"},
			fDay:       kw, fSource: kw, fCountry: kw, fLang: kw, fActors: kw,
			fFrameSet: kw, fPairs: kw, fFramed: kw, fPairN: kw, fStory: kw, fCodebook: kw,
			fAttrib: map[string]any{"type": "object", "enabled": false},
		},
	}
}

// settings returns the index settings for shards and replicas.
func settings(shards, replicas int) map[string]any {
	return map[string]any{
		"number_of_shards":   shards,
		"number_of_replicas": replicas,
		"max_result_window":  maxResultWindow,
	}
}

// maxResultWindow is the deepest hit a search page may reach.
const maxResultWindow = 100000
