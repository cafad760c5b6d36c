// example.match: ^worker [1-3] started  job 1$
// example.match: ^worker [1-3] started  job 2$
// example.match: ^worker [1-3] started  job 3$
// example.match: ^worker [1-3] started  job 4$
// example.match: ^worker [1-3] started  job 5$
// example.match: ^2$
// example.match: ^4$
// example.match: ^6$
// example.match: ^8$
// example.match: ^10$
// Three goroutines share one jobs channel: whichever worker is free takes the
// next job, so which worker runs which job (and the print order) varies per run.
package main

import "fmt"

func worker(id int, jobs <-chan int, results chan<- int) {
	for j := range jobs {
		fmt.Println("worker", id, "started  job", j)
		results <- j * 2
	}
}

func main() {
	const numJobs = 5
	jobs := make(chan int, numJobs)
	results := make(chan int, numJobs)

	// Start workers
	for w := 1; w <= 3; w++ {
		go worker(w, jobs, results)
	}

	// Send jobs
	for j := 1; j <= numJobs; j++ {
		jobs <- j
	}
	close(jobs)

	// Collect results
	for a := 1; a <= numJobs; a++ {
		fmt.Println(<-results)
	}
}
