// example.expect: receive: nothing ready, moving on
// example.expect: send: queued "first"
// example.expect: send: queue full, dropped "second"
// example.expect: receive: "first"
// With a default case, select never blocks: if no other case is ready right
// now, it runs default. That gives a non-blocking send or receive, e.g. to drop
// work instead of waiting when a queue is full.
package main

import "fmt"

func main() {
	queue := make(chan string, 1)

	select {
	case msg := <-queue:
		fmt.Printf("receive: %q\n", msg)
	default:
		fmt.Println("receive: nothing ready, moving on")
	}

	for _, msg := range []string{"first", "second"} {
		select {
		case queue <- msg:
			fmt.Printf("send: queued %q\n", msg)
		default:
			fmt.Printf("send: queue full, dropped %q\n", msg)
		}
	}

	select {
	case msg := <-queue:
		fmt.Printf("receive: %q\n", msg)
	default:
		fmt.Println("receive: nothing ready, moving on")
	}
}
