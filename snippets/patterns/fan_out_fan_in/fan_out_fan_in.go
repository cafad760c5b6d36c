// Fan out four goroutines, fan their results back in over one channel.
package main

import (
	"fmt"
	"time"
)

type result struct{ n, square int }

func main() {
	delays := make([]time.Duration, 4)
	var sum time.Duration
	for n := range delays {
		delays[n] = time.Duration(50*(4-n)) * time.Millisecond // later goroutines finish first
		sum += delays[n]
	}
	start := time.Now()

	results := make(chan result)
	for n := range 4 {
		go func() {
			time.Sleep(delays[n]) // simulated I/O
			results <- result{n, n * n}
		}()
	}
	squares := make([]int, 4)
	for range 4 {
		r := <-results // in the order they finish: put each back in its place
		squares[r.n] = r.square
	}
	elapsed := time.Since(start)

	total := 0
	for n, square := range squares {
		fmt.Printf("square(%d) = %d\n", n, square)
		total += square
	}
	fmt.Printf("total = %d\n", total)
	// run one after the other, the waits would add up
	fmt.Printf("overlapped: %t\n", elapsed < sum)
}
