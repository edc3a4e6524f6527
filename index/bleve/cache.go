package bleve

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
	mu      sync.Mutex
	gen     uint64 // bumped by every change of the index
	answers lru[string, any]
}

// newResultCache returns a cache of up to n answers, or nil when n <= 0.
func newResultCache(n int) *resultCache {
	if n <= 0 {
		return nil
	}
	return &resultCache{answers: lru[string, any]{max: n}}
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
	val, _ = c.answers.get(key)
	return key, c.gen, val
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
	c.answers.put(key, val, 1)
}

// invalidate forgets every answer: the index changed.
func (c *resultCache) invalidate() {
	if c == nil {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.gen++
	c.answers.clear()
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

// lru keeps values up to a total cost of max, dropping the least recently
// used first; the zero value with max set is ready to use. It is not safe
// for concurrent use.
type lru[K comparable, V any] struct {
	max, cost int
	items     map[K]*list.Element
	order     list.List // of *lruItem[K, V], most recently used first
}

type lruItem[K comparable, V any] struct {
	key  K
	val  V
	cost int
}

// get returns the value under key, if any, and marks it used.
func (c *lru[K, V]) get(key K) (V, bool) {
	if e, ok := c.items[key]; ok {
		c.order.MoveToFront(e)
		return e.Value.(*lruItem[K, V]).val, true
	}
	var zero V
	return zero, false
}

// put keeps val under key at the given cost, replacing any value there,
// and drops the least recently used values beyond max (never the last
// one left).
func (c *lru[K, V]) put(key K, val V, cost int) {
	if c.items == nil {
		c.items = map[K]*list.Element{}
	}
	if e, ok := c.items[key]; ok {
		it := e.Value.(*lruItem[K, V])
		c.cost += cost - it.cost
		it.val, it.cost = val, cost
		c.order.MoveToFront(e)
	} else {
		c.items[key] = c.order.PushFront(&lruItem[K, V]{key, val, cost})
		c.cost += cost
	}
	for c.cost > c.max && c.order.Len() > 1 {
		it := c.order.Remove(c.order.Back()).(*lruItem[K, V])
		delete(c.items, it.key)
		c.cost -= it.cost
	}
}

// clear drops every value.
func (c *lru[K, V]) clear() {
	clear(c.items)
	c.order.Init()
	c.cost = 0
}
