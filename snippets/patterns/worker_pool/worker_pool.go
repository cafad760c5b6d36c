// Three goroutines receive jobs from one channel and send results on another.
package main

import (
	"fmt"
	"sync"
	"time"
)

const workers = 3

type result struct{ job, square int }

func worker(jobs <-chan int, results chan<- result) {
	for job := range jobs { // ends when jobs is closed and drained
		time.Sleep(time.Duration(10*(7-job)) * time.Millisecond) // simulated I/O: later jobs are quicker
		results <- result{job, job * job}
	}
}

func main() {
	jobs := make(chan int)
	results := make(chan result)

	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() { worker(jobs, results) })
	}
	go func() {
		for job := 1; job <= 6; job++ {
			jobs <- job
		}
		close(jobs) // no more jobs: each worker's range loop ends
	}()
	go func() {
		wg.Wait()
		close(results) // every worker has returned
	}()

	total := 0
	for r := range results { // in the order the workers finish
		fmt.Printf("job %d -> %d\n", r.job, r.square)
		total += r.square
	}
	fmt.Printf("total %d\n", total)
}
