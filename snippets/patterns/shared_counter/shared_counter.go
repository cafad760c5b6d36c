// Four goroutines increment one int; a sync.Mutex makes each read-add-write one step.
package main

import (
	"fmt"
	"sync"
)

const (
	workers    = 4
	increments = 10000
)

type counter struct {
	mu    sync.Mutex
	count int
}

func (c *counter) increment() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.count++ // without the lock, updates can be lost, and `go run -race` reports the data race
}

func main() {
	var c counter
	var wg sync.WaitGroup
	for n := range workers {
		wg.Go(func() {
			defer timeline.Busy(fmt.Sprint("worker ", n+1), fmt.Sprint(increments, " increments"))()
			for range increments {
				c.increment()
			}
		})
	}
	wg.Wait()

	fmt.Printf("%d workers x %d increments\n", workers, increments)
	fmt.Printf("count: %d\n", c.count)
}
