// Three goroutines receive jobs from one channel and send results on another.
package main

import (
	"fmt"
	"sync"
	"time"
)

const workers = 3

type result struct{ job, square int }

func worker(name string, jobs <-chan int, results chan<- result) {
	for job := range jobs { // ends when jobs is closed and drained
		timeline.Recv(name, fmt.Sprint("job ", job))
		done := timeline.Busy(name, fmt.Sprint("job ", job))
		time.Sleep(time.Duration(10*(7-job)) * time.Millisecond) // simulated I/O: later jobs are quicker
		done()
		timeline.Send(name, fmt.Sprint("result ", job))
		results <- result{job, job * job}
	}
}

func main() {
	jobs := make(chan int)
	results := make(chan result)

	var wg sync.WaitGroup
	for n := range workers {
		wg.Go(func() { worker(fmt.Sprint("worker ", n+1), jobs, results) })
	}
	go func() { // a goroutine of its own feeds the jobs: each send waits for a free worker
		for job := 1; job <= 6; job++ {
			timeline.Send("feeder", fmt.Sprint("job ", job))
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
		timeline.Recv("main", fmt.Sprint("result ", r.job))
		fmt.Printf("job %d -> %d\n", r.job, r.square)
		total += r.square
	}
	fmt.Printf("total %d\n", total)
}
