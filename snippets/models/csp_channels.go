// example.expect: unbuffered send, no receiver waiting: it would block
// example.expect: buffered (capacity 2): sent 1, sent 2, third send would block
// example.expect: pipeline: 1 4 9 16 25
// CSP: anonymous goroutines, named channels. A send on an unbuffered channel
// is a rendezvous: it completes only when a receiver takes the value.
package main

import (
	"fmt"
	"strings"
)

func main() {
	unbuffered := make(chan int)
	select {
	case unbuffered <- 1:
		fmt.Println("unbuffered send: delivered")
	default:
		fmt.Println("unbuffered send, no receiver waiting: it would block")
	}

	buffered := make(chan int, 2)
	var log []string
	for i := 1; i <= 3; i++ {
		select {
		case buffered <- i:
			log = append(log, fmt.Sprint("sent ", i))
		default:
			log = append(log, "third send would block")
		}
	}
	fmt.Println("buffered (capacity 2):", strings.Join(log, ", "))

	// A pipeline: each stage is a goroutine that knows only its channels.
	squares := square(generate(1, 2, 3, 4, 5))
	var out []string
	for n := range squares {
		out = append(out, fmt.Sprint(n))
	}
	fmt.Println("pipeline:", strings.Join(out, " "))
}

func generate(numbers ...int) <-chan int {
	out := make(chan int)
	go func() {
		defer close(out)
		for _, n := range numbers {
			out <- n
		}
	}()
	return out
}

func square(in <-chan int) <-chan int {
	out := make(chan int)
	go func() {
		defer close(out)
		for n := range in {
			out <- n * n
		}
	}()
	return out
}
