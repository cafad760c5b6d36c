// ping_pong: two goroutines bounce one message back and forth `rounds` times over two unbuffered channels.
//
// The responder adds 1 to each value it receives and sends it back, so after `rounds` round trips the value is
// 2 × rounds: the program checks it. Parameters (argv key=value): rounds.
// Last stdout line: {"rounds", "seconds", "value"}.
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
	rounds := parameters(map[string]int{"rounds": 10000}, map[string]int{"rounds": 1})["rounds"]
	ping, pong := make(chan int), make(chan int)
	done := make(chan struct{})
	go func() {
		defer close(done)
		for value := range ping {
			pong <- value + 1
		}
	}()

	start := time.Now()
	message := 0
	for i := 0; i < rounds; i++ {
		ping <- message + 1
		message = <-pong
	}
	seconds := time.Since(start).Seconds()
	close(ping)
	<-done

	if message != 2*rounds {
		fmt.Fprintf(os.Stderr, "expected %d, got %d\n", 2*rounds, message)
		os.Exit(1)
	}
	line, _ := json.Marshal(struct {
		Rounds  int     `json:"rounds"`
		Seconds float64 `json:"seconds"`
		Value   int     `json:"value"`
	}{rounds, seconds, message})
	fmt.Println(string(line))
}
