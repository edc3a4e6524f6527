package timezone

import "sync"

// popCache remembers the results of PopTzOffset, which matches the string
// against an alternation of every known timezone name and is called with
// the same strings for every locale a date string is tried in.
var popCache struct {
	sync.Mutex
	m map[string]popResult
}

type popResult struct {
	str    string
	offset OffsetData
}

// popCacheSize bounds popCache; it is emptied when full.
const popCacheSize = 4096

// PopTzOffset extracts timezone data from str then return the
// str with the timezone code removed.
func PopTzOffset(str string) (string, OffsetData) {
	popCache.Lock()
	r, ok := popCache.m[str]
	popCache.Unlock()
	if ok {
		return r.str, r.offset
	}
	out, offset := popTzOffset(str)
	popCache.Lock()
	if popCache.m == nil || len(popCache.m) >= popCacheSize {
		popCache.m = make(map[string]popResult)
	}
	popCache.m[str] = popResult{out, offset}
	popCache.Unlock()
	return out, offset
}

func popTzOffset(str string) (string, OffsetData) {
	t := offsetTables()
	if t.searchFold.MatchString(str) {
		for _, offsetData := range t.offsets {
			idxs := offsetData.Regex.FindStringIndex(str)
			if len(idxs) == 0 {
				continue
			}

			str = str[:idxs[0]+1] + str[idxs[1]:]
			return str, offsetData
		}
	}

	return str, OffsetData{}
}

// WordIsTz check if the specified word is a timezone code.
func WordIsTz(word string) bool {
	return offsetTables().search.MatchString(word)
}
