// example.match: ^with a mutex: 8000 \(expected 8000\)$
// example.match: ^without one: \d+ \(expected 8000\), lost updates: true$
// counter++ is a read, an add and a write. Two goroutines that interleave
// between the read and the write both store the same value: one update is
// lost. A sync.Mutex makes the three steps one critical section.
//
// The unsafe version below calls runtime.Gosched() between the read and the
// write, so the interleaving happens on every run instead of once in a while.
// It is a data race on purpose (`go run -race` reports it); never ship one.
package main

import (
	"fmt"
	"runtime"
	"sync"
)

const goroutines, increments = 8, 1000

type Counter struct {
	mu sync.Mutex
	n  int
}

func (c *Counter) Increment() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.n++
}

func (c *Counter) Value() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.n
}

func main() {
	var wg sync.WaitGroup
	var safe Counter
	for range goroutines {
		wg.Go(func() {
			for range increments {
				safe.Increment()
			}
		})
	}
	wg.Wait()
	fmt.Printf("with a mutex: %d (expected %d)\n", safe.Value(), goroutines*increments)

	unsafe := 0
	for range goroutines {
		wg.Go(func() {
			for range increments {
				v := unsafe       // read
				runtime.Gosched() // let another goroutine run here
				unsafe = v + 1    // write back: overwrites what others stored meanwhile
			}
		})
	}
	wg.Wait()
	fmt.Printf("without one: %d (expected %d), lost updates: %t\n", unsafe, goroutines*increments, unsafe < goroutines*increments)
}
