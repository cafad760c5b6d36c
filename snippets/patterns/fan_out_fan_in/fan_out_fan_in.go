// example.expect: squares: [0 1 4 9]
// example.expect: total: 14
// Fan out four goroutines, fan their results back in over a channel.
package main

import (
	"fmt"
	"time"
)

type result struct{ n, square int }

func main() {
	results := make(chan result)
	for n := 0; n < 4; n++ {
		go func(n int) {
			time.Sleep(time.Duration(50*(4-n)) * time.Millisecond) // later goroutines finish first
			results <- result{n, n * n}
		}(n)
	}
	squares := make([]int, 4)
	total := 0
	for i := 0; i < 4; i++ {
		r := <-results // arrival order: 3, 2, 1, 0
		squares[r.n] = r.square
		total += r.square
	}
	fmt.Println("squares:", squares)
	fmt.Println("total:", total)
}
