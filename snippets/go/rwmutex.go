// example.expect: reader 1 holds RLock; reader 2 can take RLock too: true
// example.expect: while readers hold it, a writer can take Lock: false
// example.expect: readers done; now a writer can take Lock: true
// example.expect: while the writer holds it, a reader can take RLock: false
// example.expect: config after 4 readers and 1 writer: map[mode:fast workers:8]
// A sync.RWMutex lets any number of readers in at once (RLock) but gives a
// writer (Lock) sole access. TryLock and TryRLock report whether the lock
// could be taken right now, which shows the rules without relying on timing.
package main

import (
	"fmt"
	"sync"
)

type Config struct {
	mu     sync.RWMutex
	values map[string]string
}

func (c *Config) Get(key string) string {
	c.mu.RLock()
	defer c.mu.RUnlock()
	return c.values[key]
}

func (c *Config) Set(key, value string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.values[key] = value
}

func main() {
	var mu sync.RWMutex
	mu.RLock() // reader 1
	fmt.Println("reader 1 holds RLock; reader 2 can take RLock too:", mu.TryRLock())
	fmt.Println("while readers hold it, a writer can take Lock:", mu.TryLock())
	mu.RUnlock()
	mu.RUnlock()
	fmt.Println("readers done; now a writer can take Lock:", mu.TryLock())
	fmt.Println("while the writer holds it, a reader can take RLock:", mu.TryRLock())
	mu.Unlock()

	cfg := &Config{values: map[string]string{"mode": "fast", "workers": "4"}}
	var wg sync.WaitGroup
	for range 4 {
		wg.Go(func() { _ = cfg.Get("mode") })
	}
	wg.Go(func() { cfg.Set("workers", "8") })
	wg.Wait()
	fmt.Println("config after 4 readers and 1 writer:", cfg.values)
}
