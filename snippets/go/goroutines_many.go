// example.expect: goroutines alive while parked: 10001
// example.expect: all 10000 finished, sum of ids: 49995000
// example.expect: goroutines alive afterwards: 1
// Ten thousand goroutines, each parked on a channel receive: the runtime keeps
// them all without an OS thread each. Closing the channel releases every one.
package main

import (
	"fmt"
	"runtime"
	"sync"
	"sync/atomic"
	"time"
)

func main() {
	const n = 10000
	start := make(chan struct{})
	var parked, sum atomic.Int64
	var wg sync.WaitGroup

	for id := range n {
		wg.Go(func() {
			parked.Add(1)
			<-start // blocks until start is closed
			sum.Add(int64(id))
		})
	}
	for parked.Load() < n {
		time.Sleep(time.Millisecond)
	}
	fmt.Println("goroutines alive while parked:", runtime.NumGoroutine())

	close(start) // a receive from a closed channel never blocks
	wg.Wait()
	fmt.Printf("all %d finished, sum of ids: %d\n", n, sum.Load())

	for runtime.NumGoroutine() > 1 { // a finished goroutine may take a moment to exit
		time.Sleep(time.Millisecond)
	}
	fmt.Println("goroutines alive afterwards:", runtime.NumGoroutine())
}
