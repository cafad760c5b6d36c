// spawn_hold: start n goroutines that all block on one gate (a channel closed once), hold them, release them.
//
// Each goroutine counts itself in (a WaitGroup) before blocking, so READY means every goroutine is parked.
// Parameters (argv key=value): n. Protocol: prints READY, reads one stdin line, closes the gate, waits for
// every goroutine. Last stdout line: {"n", "spawn_seconds", "release_seconds"}.
package main

import (
	"bufio"
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

func main() {
	n := parameters(map[string]int{"n": 1000}, map[string]int{"n": 1})["n"]
	gate := make(chan struct{})
	var arrived, finished sync.WaitGroup
	arrived.Add(n)
	finished.Add(n)

	start := time.Now()
	for i := 0; i < n; i++ {
		go func() {
			defer finished.Done()
			arrived.Done()
			<-gate
		}()
	}
	arrived.Wait()
	spawnSeconds := time.Since(start).Seconds()

	fmt.Println("READY")
	_, _ = bufio.NewReader(os.Stdin).ReadString('\n')

	start = time.Now()
	close(gate)
	finished.Wait()
	releaseSeconds := time.Since(start).Seconds()
	line, _ := json.Marshal(struct {
		N              int     `json:"n"`
		SpawnSeconds   float64 `json:"spawn_seconds"`
		ReleaseSeconds float64 `json:"release_seconds"`
	}{n, spawnSeconds, releaseSeconds})
	fmt.Println(string(line))
}
