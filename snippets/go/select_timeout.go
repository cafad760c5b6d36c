// example.expect: fast lookup: result "fast" before the 1s timeout
// example.expect: slow lookup: gave up after 50ms
// example.annotation: Room for one reply: if the caller has already given up, the send still succeeds and the goroutine ends instead of blocking forever (a goroutine leak).
// example.annotation: `time.After` returns a channel that receives once the duration has passed; `select` takes whichever case is ready first.
// time.After returns a channel that receives once the duration has passed.
// Selecting on it next to the result channel bounds how long the caller waits.
package main

import (
	"fmt"
	"time"
)

// lookup replies on a buffered channel after delay, so the goroutine can
// finish and be collected even when nobody is waiting any more.
func lookup(name string, delay time.Duration) <-chan string {
	out := make(chan string, 1) // (1)!
	go func() {
		time.Sleep(delay)
		out <- name
	}()
	return out
}

func waitFor(label string, result <-chan string, timeout time.Duration) {
	select {
	case r := <-result:
		fmt.Printf("%s: result %q before the %v timeout\n", label, r, timeout)
	case <-time.After(timeout): // (2)!
		fmt.Printf("%s: gave up after %v\n", label, timeout)
	}
}

func main() {
	waitFor("fast lookup", lookup("fast", 0), time.Second)
	waitFor("slow lookup", lookup("slow", 2*time.Second), 50*time.Millisecond)
}
