// Four goroutines increment one int 200 times each, reading it, waiting 0.1 ms, then writing
// it back. Unguarded, a goroutine writes back a value another one has already increased: updates vanish
// (a data race: `go run -race` reports it). Guarded by a sync.Mutex, the read, wait and write are one step.
package main

import (
	"fmt"
	"sync"
	"time"
)

const (
	workers    = 4
	increments = 200
)

type counter struct {
	mu    sync.Mutex
	count int
}

func (c *counter) increment() {
	value := c.count                   // read
	time.Sleep(100 * time.Microsecond) // a short wait, like any I/O: another goroutine runs here meanwhile
	c.count = value + 1
}

func (c *counter) guardedIncrement() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.increment()
}

func run(guarded bool) int {
	var c counter
	var ready, wg sync.WaitGroup
	start := make(chan struct{})
	label := map[bool]string{true: "guarded", false: "unguarded"}[guarded]
	for n := range workers {
		ready.Add(1)
		wg.Go(func() {
			ready.Done()
			<-start // all workers begin together
			defer timeline.Busy(fmt.Sprint(label, " ", n+1), fmt.Sprint(increments, " increments"))()
			for range increments {
				if guarded {
					c.guardedIncrement()
				} else {
					c.increment()
				}
			}
		})
	}
	ready.Wait()
	close(start)
	wg.Wait()
	return c.count
}

func main() {
	fmt.Printf("%d workers x %d increments, started together, a short pause in every increment\n",
		workers, increments)
	fmt.Printf("unguarded: lost updates: %t\n", run(false) < workers*increments)
	fmt.Printf("guarded: count %d\n", run(true))
}
