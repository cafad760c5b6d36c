// example.cores: 1
// example.match: ^GOMAXPROCS 1: one goroutine spins in a loop with no function call, another ticks every 10 ms for 300 ms$
// example.match: ^asynchronous preemption on \(Go 1\.14 and later\): the heartbeat ticked \d+ times \(at most 30\); at least 5: true$
// example.match: ^asynchronous preemption off \(GODEBUG=asyncpreemptoff=1\): the heartbeat never came back; killed after 2 s: true$
// Since Go 1.14 the runtime preempts a goroutine that has run for about 10 ms
// by sending its thread a signal, even in a loop that calls no function.
// Before, a goroutine could only be switched out at a function call or a
// blocking operation, so such a loop kept its thread forever. GODEBUG's
// asyncpreemptoff=1 brings the old behaviour back, which the second run shows.
package main

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"runtime"
	"strings"
	"time"
)

func heartbeat() {
	runtime.GOMAXPROCS(1) // one thread runs Go code: the spinner and the heartbeat share it
	go func() {
		n := 0
		for {
			n++ // no function call in the loop: no point where it would yield by itself
		}
	}()
	ticks := 0
	until := time.Now().Add(300 * time.Millisecond)
	for time.Now().Before(until) {
		time.Sleep(10 * time.Millisecond) // while it sleeps, the spinner has the thread
		ticks++
	}
	fmt.Println(ticks)
}

// run starts this program again as a child, with extra environment, and reads its tick count.
func run(env ...string) (string, bool) {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	child := exec.CommandContext(ctx, os.Args[0], "heartbeat")
	child.Env = append(os.Environ(), env...)
	out, err := child.Output()
	return strings.TrimSpace(string(out)), err == nil
}

func main() {
	if len(os.Args) > 1 && os.Args[1] == "heartbeat" {
		heartbeat()
		return
	}
	fmt.Println("GOMAXPROCS 1: one goroutine spins in a loop with no function call, another ticks every 10 ms for 300 ms")
	ticks, ok := run()
	var n int
	fmt.Sscan(ticks, &n)
	fmt.Printf("asynchronous preemption on (Go 1.14 and later): the heartbeat ticked %s times (at most 30); at least 5: %t\n",
		ticks, ok && n >= 5)
	_, finished := run("GODEBUG=asyncpreemptoff=1")
	fmt.Printf("asynchronous preemption off (GODEBUG=asyncpreemptoff=1): the heartbeat never came back; killed after 2 s: %t\n",
		!finished)
}
