package bleve

import (
	"fmt"

	"github.com/blevesearch/bleve/v2/analysis/analyzer/keyword"
	"github.com/blevesearch/bleve/v2/mapping"

	"github.com/framescope/framescope/index"
)

// Field names of the Bleve documents. Text is indexed twice over by
// language: Chinese articles fill the _zh fields, all others the _en ones.
const (
	fTitleZH   = "title_zh"
	fBodyZH    = "body_zh"
	fTitleEN   = "title_en"
	fBodyEN    = "body_en"
	fTitle     = "title"         // stored only
	fURL       = "url"           // stored only
	fPubStored = "published_at"  // stored only: RFC 3339 in the article's own zone
	fFrames    = "frames_json"   // stored only: []corpus.Attribution as JSON
	fSource    = "source"        // stored; keyword in dv, see inDV
	fCountry   = "country"       // stored; keyword in dv: the source's home country
	fLang      = "lang"          // stored; keyword in dv
	fActors    = "actors"        // keyword: every actor mentioned or framed
	fFrameSet  = "frames"        // keyword: frames present
	fPairs     = "pairs"         // keyword: "CN:catching-up"
	fMonth     = "b_month"       // keyword: the month bucket, see index.Period.Key
	fDV        = "dv"            // keyword with doc values: what a trend reads, see dvTerms
	fCodebook  = "codebook"      // keyword: Analysis.Codebook
	fPublished = "published"     // not indexed: the field of date range queries, see bitmaps.dateRange
	fSortKey   = "published_key" // keyword with doc values: UTC time as sortable text
)

// fCounts is the keyword field of the monthly count terms (see
// countTerms): a trend over all articles reads its counts from the sizes
// of their posting lists instead of visiting documents.
const fCounts = "t_month"

// inDV maps the keyword fields whose terms are dv terms (see dvTerms) to
// the letter of their dv terms. An article's language, source and country
// are indexed once, in dv: fields of their own would hold the same
// posting lists, and Bleve analyzes, builds and merges every field of
// every document on its own (dropping the three, with the month field,
// saved some 8% of the CPU of bulk indexing). The fields are stored for
// the hits.
var inDV = map[string]rune{fLang: dvLang, fSource: dvSource, fCountry: dvCountry}

// physical returns the field and term under which value v of keyword
// field f is indexed.
func physical(f, v string) (field, term string) {
	if l, ok := inDV[f]; ok {
		return fDV, dvPrefix(l) + v
	}
	return f, v
}

// splitFields maps each split to the keyword field it groups by.
var splitFields = map[index.Split]string{
	index.SplitLang:    fLang,
	index.SplitSource:  fSource,
	index.SplitCountry: fCountry,
}

// newMapping returns the index mapping: a static document mapping with the
// fields above and nothing dynamic.
func newMapping() (*mapping.IndexMappingImpl, error) {
	im := mapping.NewIndexMapping()
	for name, def := range jiebaAnalyzers() {
		if err := im.AddCustomAnalyzer(name, def); err != nil {
			return nil, fmt.Errorf("index: mapping: %w", err)
		}
	}
	if err := im.AddCustomAnalyzer(listAnalyzer, listAnalyzerDef()); err != nil {
		return nil, fmt.Errorf("index: mapping: %w", err)
	}
	im.IndexDynamic = false
	im.StoreDynamic = false
	im.DocValuesDynamic = false
	im.DefaultAnalyzer = keyword.Name

	dm := mapping.NewDocumentStaticMapping()
	text := func(analyzer string) *mapping.FieldMapping {
		f := mapping.NewTextFieldMapping()
		f.Analyzer = analyzer
		f.Store = false
		f.IncludeInAll = false
		f.IncludeTermVectors = true // phrases need positions
		f.DocValues = false
		return f
	}
	stored := func() *mapping.FieldMapping {
		f := mapping.NewKeywordFieldMapping()
		f.Index = false
		f.Store = true
		f.IncludeInAll = false
		f.DocValues = false
		return f
	}
	kw := func(store, docValues bool) *mapping.FieldMapping {
		f := mapping.NewKeywordFieldMapping()
		f.Store = store
		f.IncludeInAll = false
		f.IncludeTermVectors = false
		f.DocValues = docValues
		return f
	}
	list := func(docValues bool) *mapping.FieldMapping {
		f := kw(false, docValues)
		f.Analyzer = listAnalyzer
		return f
	}
	add := func(name string, f *mapping.FieldMapping) { dm.AddFieldMappingsAt(name, f) }

	add(fTitleZH, text(zhIndexAnalyzer))
	add(fBodyZH, text(zhIndexAnalyzer))
	add(fTitleEN, text(enAnalyzer))
	add(fBodyEN, text(enAnalyzer))
	add(fTitle, stored())
	add(fURL, stored())
	add(fPubStored, stored())
	add(fFrames, stored())
	add(fSource, stored())
	add(fCountry, stored())
	add(fLang, stored())
	add(fActors, list(false))
	add(fFrameSet, list(false))
	add(fPairs, list(false))
	add(fCodebook, kw(false, false))
	add(fMonth, kw(false, false))
	add(fDV, list(true))
	add(fCounts, list(false))
	add(fSortKey, kw(false, true))

	// No field goes into Bleve's composite _all field, and no query reads
	// it; disabled, it costs nothing at indexing.
	dm.AddSubDocumentMapping("_all", mapping.NewDocumentDisabledMapping())

	im.DefaultMapping = dm
	return im, nil
}
