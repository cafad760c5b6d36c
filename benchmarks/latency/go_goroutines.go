// latency: a goroutine asks to wake every millisecond for `millis` milliseconds while `neighbours` CPU-bound
// goroutines run in the same program.
//
// The scheduler runs goroutines on GOMAXPROCS threads (one per core). Since Go 1.14 a goroutine that runs for more
// than 10 ms without a function-call preemption point is preempted asynchronously (a signal), so a sleeper whose
// timer has fired waits at most about that long for a thread. The ticker warms up alone first (20 untimed ticks);
// then the neighbours start and every tick is measured. Lateness: how much longer than 1 ms each
// `time.Sleep(time.Millisecond)` took. Each neighbour computes fib(27) again and again (about a millisecond).
// Parameters (argv key=value): neighbours, millis.
// Last stdout line: {"neighbours", "millis", "lateness_us", "chunks", "chunk_n", "seconds"}.
package main

import (
	"encoding/json"
	"fmt"
	"maps"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

const chunkN = 27 // fib(27): 635,621 calls, about a millisecond

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

func fib(n int) int {
	if n < 2 {
		return n
	}
	return fib(n-1) + fib(n-2)
}

// tick sleeps 1 ms again and again for `d` (or `count` times); how late each wake-up was, in microseconds.
func tick(d time.Duration, count int) []float64 {
	late := []float64{}
	end := time.Now().Add(d)
	for (count > 0 && len(late) < count) || (count == 0 && time.Now().Before(end)) {
		start := time.Now()
		time.Sleep(time.Millisecond)
		us := float64(time.Since(start)-time.Millisecond) / 1e3
		late = append(late, math.Round(math.Max(us, 0)*10)/10)
	}
	return late
}

func main() {
	p := parameters(map[string]int{"neighbours": 2, "millis": 200}, map[string]int{"neighbours": 0, "millis": 1})
	tick(0, 20) // warm-up, alone
	fib(chunkN)
	var stop atomic.Bool
	var chunks atomic.Int64
	var wg sync.WaitGroup
	for i := 0; i < p["neighbours"]; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for !stop.Load() {
				fib(chunkN)
				chunks.Add(1)
			}
		}()
	}
	start := time.Now()
	late := tick(time.Duration(p["millis"])*time.Millisecond, 0)
	seconds := time.Since(start).Seconds()
	stop.Store(true)
	wg.Wait()
	line, _ := json.Marshal(struct {
		Neighbours int       `json:"neighbours"`
		Millis     int       `json:"millis"`
		LatenessUs []float64 `json:"lateness_us"`
		Chunks     int64     `json:"chunks"`
		ChunkN     int       `json:"chunk_n"`
		Seconds    float64   `json:"seconds"`
	}{p["neighbours"], p["millis"], late, chunks.Load(), chunkN, seconds})
	fmt.Println(string(line))
}
