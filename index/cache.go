package index

import (
	"container/list"
	"encoding/json"
	"sync"
)

// resultCache keeps the answers of recent searches, trends and facet counts
// until the index changes, as a search server's query result cache does:
// journalists page through and reload the same searches, and feed readers
// poll them. Answers are shared between callers, who must not modify them.
// A nil *resultCache caches nothing.
type resultCache struct {
	mu    sync.Mutex
	max   int
	gen   uint64 // bumped by every change of the index
	items map[string]*list.Element
	order *list.List // of *cacheItem, most recently used first
}

type cacheItem struct {
	key string
	val any
}

// newResultCache returns a cache of up to n answers, or nil when n <= 0.
func newResultCache(n int) *resultCache {
	if n <= 0 {
		return nil
	}
	return &resultCache{max: n, items: map[string]*list.Element{}, order: list.New()}
}

// lookup returns the cache key of a query of the given kind, the current
// generation (to pass to store) and the cached answer, if any.
func (c *resultCache) lookup(kind string, q any) (key string, gen uint64, val any) {
	if c == nil {
		return "", 0, nil
	}
	b, err := json.Marshal(q)
	if err != nil {
		return "", 0, nil // not cacheable; cannot happen with the query types
	}
	key = kind + "\x00" + string(b)
	c.mu.Lock()
	defer c.mu.Unlock()
	if e, ok := c.items[key]; ok {
		c.order.MoveToFront(e)
		return key, c.gen, e.Value.(*cacheItem).val
	}
	return key, c.gen, nil
}

// store caches val under key unless the index changed since gen was read
// (val may then describe the old index).
func (c *resultCache) store(key string, gen uint64, val any) {
	if c == nil || key == "" {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if gen != c.gen {
		return
	}
	if e, ok := c.items[key]; ok {
		e.Value.(*cacheItem).val = val
		c.order.MoveToFront(e)
		return
	}
	c.items[key] = c.order.PushFront(&cacheItem{key: key, val: val})
	for c.order.Len() > c.max {
		last := c.order.Back()
		c.order.Remove(last)
		delete(c.items, last.Value.(*cacheItem).key)
	}
}

// invalidate forgets every answer: the index changed.
func (c *resultCache) invalidate() {
	if c == nil {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.gen++
	clear(c.items)
	c.order.Init()
}

// cached returns the answer to a query of the given kind from c, or
// computes it with f and keeps it.
func cached[T any](c *resultCache, kind string, q any, f func() (*T, error)) (*T, error) {
	key, gen, v := c.lookup(kind, q)
	if v != nil {
		return v.(*T), nil
	}
	res, err := f()
	if err == nil {
		c.store(key, gen, res)
	}
	return res, err
}
