// example.expect: unbuffered, nobody receiving: the send would block
// example.expect: unbuffered, before the receive: the sender is still waiting
// example.expect: received 42
// example.expect: unbuffered, after the receive: the send has completed
// example.expect: buffered (cap 2): send 1 ok, len 1
// example.expect: buffered (cap 2): send 2 ok, len 2
// example.expect: buffered (cap 2): send 3 would block, the buffer is full
// example.expect: received 1, then 2
// A send on an unbuffered channel waits for a receiver: the two goroutines meet.
// A buffered channel accepts sends without a receiver until its buffer is full.
// select with a default case tries an operation without blocking, which lets
// the program test this without relying on timing.
package main

import "fmt"

// trySend sends v on ch only if that can happen right now.
func trySend(ch chan int, v int) bool {
	select {
	case ch <- v:
		return true
	default:
		return false
	}
}

func main() {
	unbuffered := make(chan int)
	if !trySend(unbuffered, 1) {
		fmt.Println("unbuffered, nobody receiving: the send would block")
	}

	sent := make(chan struct{})
	go func() {
		unbuffered <- 42 // blocks here until main receives
		close(sent)
	}()
	select {
	case <-sent:
		fmt.Println("unbuffered, before the receive: the send has completed")
	default:
		fmt.Println("unbuffered, before the receive: the sender is still waiting")
	}
	fmt.Println("received", <-unbuffered)
	<-sent
	fmt.Println("unbuffered, after the receive: the send has completed")

	buffered := make(chan int, 2)
	for v := 1; v <= 3; v++ {
		if trySend(buffered, v) {
			fmt.Printf("buffered (cap %d): send %d ok, len %d\n", cap(buffered), v, len(buffered))
		} else {
			fmt.Printf("buffered (cap %d): send %d would block, the buffer is full\n", cap(buffered), v)
		}
	}
	first, second := <-buffered, <-buffered
	fmt.Printf("received %d, then %d\n", first, second)
}
