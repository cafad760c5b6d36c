// example.expect: hello from worker 1
// example.expect: hello from worker 2
// example.expect: hello from worker 3
// Go: three goroutines; each sends its greeting on its own channel.
package main

import "fmt"

func main() {
	channels := make([]chan string, 3)
	for i := range channels {
		channels[i] = make(chan string, 1)
		go func(worker int, out chan<- string) {
			out <- fmt.Sprintf("hello from worker %d", worker)
		}(i+1, channels[i])
	}
	// Receive in worker order, whatever order the goroutines ran in.
	for _, ch := range channels {
		fmt.Println(<-ch)
	}
}
