// pipeline: a source, `stages` goroutines and a sink chained by buffered channels.
//
// The source sends 1..messages, each stage adds 1 and forwards, the sink sums: the sum must be Σ(i + stages),
// and the program checks it. Each channel holds at most `buffer` items (senders block when full).
// Parameters (argv key=value): messages, stages. Last stdout line: {"messages", "stages", "seconds", "sum", "buffer"}.
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
	"time"
)

const buffer = 64

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
	p := parameters(map[string]int{"messages": 10000, "stages": 4}, map[string]int{"messages": 1, "stages": 1})
	messages, stages := p["messages"], p["stages"]

	start := time.Now()
	source := make(chan int, buffer)
	go func() {
		for i := 1; i <= messages; i++ {
			source <- i
		}
		close(source)
	}()
	in := source
	for s := 0; s < stages; s++ {
		out := make(chan int, buffer)
		go func(in <-chan int, out chan<- int) {
			for value := range in {
				out <- value + 1
			}
			close(out)
		}(in, out)
		in = out
	}
	sum := 0
	for value := range in {
		sum += value
	}
	seconds := time.Since(start).Seconds()

	expected := messages*(messages+1)/2 + messages*stages
	if sum != expected {
		fmt.Fprintf(os.Stderr, "sum %d, expected %d\n", sum, expected)
		os.Exit(1)
	}
	line, _ := json.Marshal(struct {
		Messages int     `json:"messages"`
		Stages   int     `json:"stages"`
		Seconds  float64 `json:"seconds"`
		Sum      int     `json:"sum"`
		Buffer   int     `json:"buffer"`
	}{messages, stages, seconds, sum, buffer})
	fmt.Println(string(line))
}
