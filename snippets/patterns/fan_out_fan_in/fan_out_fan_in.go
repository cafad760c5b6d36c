// Fan out four goroutines, fan their results back in over one channel.
package main

import (
	"fmt"
	"slices"
	"time"
)

type result struct {
	n, square    int
	began, ended time.Time // when its wait began and ended
}

func main() {
	results := make(chan result)
	for n := range 4 {
		timeline.Send("main", fmt.Sprint("start ", n))
		go func() {
			name := fmt.Sprint("goroutine ", n)
			delay := time.Duration(100*(4-n)) * time.Millisecond // later goroutines finish first
			timeline.Recv(name, fmt.Sprint("start ", n))
			done := timeline.Busy(name, fmt.Sprint("wait ", delay.Milliseconds(), " ms"))
			began := time.Now()
			time.Sleep(delay) // simulated I/O
			ended := time.Now()
			done()
			timeline.Send(name, fmt.Sprint("result ", n))
			results <- result{n, n * n, began, ended}
		}()
	}
	squares := make([]int, 4)
	var began, ended []time.Time
	for range 4 {
		r := <-results // in the order they finish: put each back in its place
		timeline.Recv("main", fmt.Sprint("result ", r.n))
		squares[r.n] = r.square
		began, ended = append(began, r.began), append(ended, r.ended)
	}

	total := 0
	for n, square := range squares {
		fmt.Printf("square(%d) = %d\n", n, square)
		total += square
	}
	fmt.Printf("total = %d\n", total)
	// all four were waiting at one moment: every wait began before the first one ended
	lastBegan := slices.MaxFunc(began, time.Time.Compare)
	firstEnded := slices.MinFunc(ended, time.Time.Compare)
	fmt.Printf("overlapped: %t\n", lastBegan.Before(firstEnded))
}
