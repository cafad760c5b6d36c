// A worker goroutine panics; a deferred recover turns the panic into an error, and the supervisor starts a new worker.
package main

import "fmt"

const maxRestarts = 3

func worker(jobs <-chan int) (err error) {
	// A panic that is not recovered in its own goroutine ends the whole program.
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("%v", r)
		}
	}()
	for job := range jobs {
		if job == 3 {
			panic(fmt.Sprintf("poison job %d", job))
		}
		fmt.Printf("job %d -> %d\n", job, job*10)
	}
	return nil
}

func supervise(jobs <-chan int) {
	for restarts := 0; ; restarts++ {
		crashed := make(chan error)
		go func() { crashed <- worker(jobs) }()
		err := <-crashed
		if err == nil {
			return
		}
		fmt.Println("worker crashed:", err)
		if restarts == maxRestarts {
			fmt.Println("too many crashes: giving up")
			return
		}
		fmt.Println("worker restarted") // the job that crashed is dropped; the rest are still queued
	}
}

func main() {
	jobs := make(chan int, 5)
	for job := 1; job <= 5; job++ {
		jobs <- job
	}
	close(jobs)
	supervise(jobs)
}
