// example.expect: worker: job 1
// example.expect: worker: job 2
// example.expect: worker: job 3
// example.expect: worker stopped: context canceled
// example.expect: slow call: context deadline exceeded
// A context.Context carries cancellation to every goroutine working on one
// request: its Done channel is closed when cancel is called or its deadline
// passes, and Err says which. Workers select on Done next to their work.
package main

import (
	"context"
	"fmt"
	"time"
)

func worker(ctx context.Context, jobs <-chan int, stopped chan<- error) {
	for {
		select {
		case j := <-jobs:
			fmt.Println("worker: job", j)
		case <-ctx.Done():
			stopped <- ctx.Err()
			return
		}
	}
}

// slowCall stands for an operation that takes longer than the caller allows.
func slowCall(ctx context.Context) error {
	select {
	case <-time.After(2 * time.Second):
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

func main() {
	ctx, cancel := context.WithCancel(context.Background())
	jobs := make(chan int) // unbuffered: each send completes when the worker takes it
	stopped := make(chan error)
	go worker(ctx, jobs, stopped)
	for j := 1; j <= 3; j++ {
		jobs <- j
	}
	cancel()
	fmt.Println("worker stopped:", <-stopped)

	ctx, cancel = context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	fmt.Println("slow call:", slowCall(ctx))
}
