// A worker goroutine panics; a deferred recover turns the panic into an error, and the supervisor starts a new worker.
package main

import "fmt"

const maxRestarts = 3

func worker(name string, jobs <-chan int) (err error) {
	// A panic that is not recovered in its own goroutine ends the whole program.
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("%v", r)
		}
	}()
	for job := range jobs {
		timeline.Recv(name, fmt.Sprint("job ", job))
		done := timeline.Busy(name, fmt.Sprint("job ", job))
		if job == 3 {
			timeline.Send(name, fmt.Sprint("crash: poison job ", job))
			done()
			panic(fmt.Sprintf("poison job %d", job))
		}
		fmt.Printf("job %d -> %d\n", job, job*10)
		done()
	}
	return nil
}

func supervise(jobs <-chan int) {
	for restarts := 0; ; restarts++ {
		crashed := make(chan error)
		go func() { crashed <- worker(fmt.Sprint("worker ", restarts+1), jobs) }()
		err := <-crashed
		if err == nil {
			return
		}
		timeline.Recv("main", fmt.Sprint("crash: ", err))
		fmt.Println("worker crashed:", err)
		if restarts == maxRestarts {
			fmt.Println("too many crashes: giving up")
			return
		}
		timeline.Mark("main", "restart")
		fmt.Println("worker restarted") // the job that crashed is dropped; the rest are still queued
	}
}

func main() {
	jobs := make(chan int, 5)
	for job := 1; job <= 5; job++ {
		timeline.Send("main", fmt.Sprint("job ", job))
		jobs <- job
	}
	close(jobs)
	supervise(jobs)
}
