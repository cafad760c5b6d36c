// example.expect: got 1
// example.expect: got 2
// example.expect: got 3
// example.expect: range ended: the channel is closed and drained
// example.expect: receive after close: value 0, ok false
// example.expect: send after close: panic: send on closed channel
// The sender closes a channel to say "no more values". A for-range loop over
// the channel receives until it is closed and empty. Receiving from a closed
// channel returns the zero value at once, with ok == false; sending on one panics.
package main

import "fmt"

func produce(n int) <-chan int {
	out := make(chan int)
	go func() {
		defer close(out) // only the sender closes
		for i := 1; i <= n; i++ {
			out <- i
		}
	}()
	return out
}

func main() {
	numbers := produce(3)
	for v := range numbers {
		fmt.Println("got", v)
	}
	fmt.Println("range ended: the channel is closed and drained")

	v, ok := <-numbers
	fmt.Printf("receive after close: value %d, ok %t\n", v, ok)

	defer func() {
		fmt.Println("send after close: panic:", recover())
	}()
	ch := make(chan int, 1)
	close(ch)
	ch <- 1
}
