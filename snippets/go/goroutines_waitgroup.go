// example.expect: squares: [1 4 9 16 25]
// example.expect: sum of squares: 55
// The go statement starts a function call in a new goroutine and returns at
// once; main does not wait for it. A sync.WaitGroup counts the goroutines
// still running and Wait blocks until that count is back to zero.
package main

import (
	"fmt"
	"sync"
)

func main() {
	numbers := []int{1, 2, 3, 4, 5}
	squares := make([]int, len(numbers))

	var wg sync.WaitGroup
	for i, n := range numbers {
		wg.Add(1) // before the go statement, so Wait cannot miss it
		go func() {
			defer wg.Done()
			squares[i] = n * n // each goroutine writes its own element: no data race
		}()
	}
	wg.Wait()
	fmt.Println("squares:", squares)

	// Go 1.25 added WaitGroup.Go, which does the Add(1), the go and the Done.
	var total sync.WaitGroup
	sums := make([]int, len(squares))
	for i, s := range squares {
		total.Go(func() { sums[i] = s })
	}
	total.Wait()
	sum := 0
	for _, s := range sums {
		sum += s
	}
	fmt.Println("sum of squares:", sum)
}
