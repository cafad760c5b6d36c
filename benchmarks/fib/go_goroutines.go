// fib: naive recursive fib(n) computed once by each of `workers` goroutines at the same time.
//
// Goroutines run in parallel on up to GOMAXPROCS (by default, the number of cores) OS threads.
// The parallel section runs once untimed on fib(n - 5) (1/11 of the work) to warm up threads and caches,
// then once timed on fib(n).
// Parameters (argv key=value): n, workers. Last stdout line: {"n", "workers", "result", "seconds", "warmup_n"}.
package main

import (
	"encoding/json"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
)

func parameters(defaults map[string]int, minimum map[string]int) map[string]int {
	values := maps.Clone(defaults)
	for _, arg := range os.Args[1:] {
		key, text, found := strings.Cut(arg, "=")
		if _, known := values[key]; !found || !known {
			fail("unknown parameter %q: expected key=value with key one of %s", arg, keys(defaults))
		}
		value, err := strconv.Atoi(text)
		if err != nil {
			fail("parameter %s must be an integer, got %q", key, text)
		}
		if value < minimum[key] {
			fail("parameter %s must be at least %d, got %d", key, minimum[key], value)
		}
		values[key] = value
	}
	return values
}

func keys(m map[string]int) string {
	return strings.Join(slices.Sorted(maps.Keys(m)), ", ")
}

func fail(format string, args ...any) {
	fmt.Fprintf(os.Stderr, "%s: %s\n", filepath.Base(os.Args[0]), fmt.Sprintf(format, args...))
	os.Exit(2)
}

// parallel computes fib(n) once in each of `workers` goroutines at the same time and returns their results.
func parallel(n, workers int) []int {
	results := make([]int, workers)
	var wg sync.WaitGroup
	for i := 0; i < workers; i++ {
		wg.Add(1)
		go func(index int) {
			defer wg.Done()
			results[index] = fib(n)
		}(i)
	}
	wg.Wait()
	return results
}

func fib(n int) int {
	if n < 2 {
		return n
	}
	return fib(n-1) + fib(n-2)
}

func main() {
	p := parameters(map[string]int{"n": 25, "workers": 2}, map[string]int{"n": 0, "workers": 1})
	n, workers := p["n"], p["workers"]
	warmupN := max(n-5, 0)
	parallel(warmupN, workers)
	start := time.Now()
	results := parallel(n, workers)
	seconds := time.Since(start).Seconds()
	for _, r := range results {
		if r != results[0] {
			fmt.Fprintf(os.Stderr, "workers disagree: %v\n", results)
			os.Exit(1)
		}
	}
	line, _ := json.Marshal(struct {
		N       int     `json:"n"`
		Workers int     `json:"workers"`
		Result  int     `json:"result"`
		Seconds float64 `json:"seconds"`
		WarmupN int     `json:"warmup_n"`
	}{n, workers, results[0], seconds, warmupN})
	fmt.Println(string(line))
}
