// A one-second operation gets 200 ms: a context with a deadline tells it to stop.
package main

import (
	"context"
	"errors"
	"fmt"
	"sync/atomic"
	"time"
)

const steps = 20 // of 50 ms each

func slowOperation(ctx context.Context, stepsDone *atomic.Int64) error {
	fmt.Println("slow operation: started")
	defer timeline.Busy("operation", "1 s of work")()
	for range steps {
		select {
		case <-time.After(50 * time.Millisecond):
			timeline.Mark("operation", fmt.Sprint("step ", stepsDone.Add(1)))
		case <-ctx.Done(): // closed when the deadline passes
			fmt.Println("slow operation: cancelled, cleaning up")
			return ctx.Err()
		}
	}
	fmt.Println("slow operation: done") // never printed: cancelled first
	return nil
}

func main() {
	ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
	defer cancel()

	var stepsDone atomic.Int64
	errc := make(chan error, 1)
	go func() { errc <- slowOperation(ctx, &stepsDone) }()
	waited := timeline.Busy("main", "waits 200 ms")
	err := <-errc
	waited()
	if errors.Is(err, context.DeadlineExceeded) {
		fmt.Println("caller: timed out, operation cancelled")
	}

	before := stepsDone.Load()
	checked := timeline.Busy("main", "checks")
	time.Sleep(150 * time.Millisecond) // three more steps' worth of time
	checked()
	stopped := err != nil && stepsDone.Load() == before && before < steps
	fmt.Printf("work stopped: %t\n", stopped)
}
