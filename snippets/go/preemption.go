// example.cores: 1
// example.match: ^GOMAXPROCS 1: one goroutine spins in a loop with no function call, another ticks every 10 ms for 300 ms$
// example.match: ^asynchronous preemption on \(Go 1\.14 and later\): the heartbeat ticked \d+ times \(at most 30\); at least 5: (true|false)$
// example.match: ^asynchronous preemption off \(GODEBUG=asyncpreemptoff=1\): the heartbeat never came back; killed after 2 s: (true|false)$
// example.match: ^lesson: (holds|contradicted: .+|inconclusive: .+)$
// example.platform: linux
// Since Go 1.14 the runtime preempts a goroutine that has run for about 10 ms
// by sending its thread a signal, even in a loop that calls no function.
// Before, a goroutine could only be switched out at a function call or a
// blocking operation, so such a loop kept its thread forever. GODEBUG's
// asyncpreemptoff=1 brings the old behaviour back, which the second run shows.
// Other programs on the machine can only take ticks away (the child waits for
// a core), never add them, so too few ticks while the child got less than
// most of a core says inconclusive, not contradicted (CONTRIBUTING.md,
// "Timing lessons").
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

// run starts this program again as a child, with extra environment, and reads its tick count; share is the
// child's CPU time over its wall time: how much of a core the machine left it.
func run(env ...string) (ticks string, ok bool, share float64) {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	child := exec.CommandContext(ctx, os.Args[0], "heartbeat")
	child.Env = append(os.Environ(), env...)
	start := time.Now()
	out, err := child.Output()
	if state := child.ProcessState; state != nil {
		share = (state.UserTime() + state.SystemTime()).Seconds() / time.Since(start).Seconds()
	}
	return strings.TrimSpace(string(out)), err == nil, share
}

func main() {
	if len(os.Args) > 1 && os.Args[1] == "heartbeat" {
		heartbeat()
		return
	}
	fmt.Println("GOMAXPROCS 1: one goroutine spins in a loop with no function call, another ticks every 10 ms for 300 ms")
	ticks, ok, share := run()
	var n int
	fmt.Sscan(ticks, &n)
	fmt.Printf("asynchronous preemption on (Go 1.14 and later): the heartbeat ticked %s times (at most 30); at least 5: %t\n",
		ticks, ok && n >= 5)
	_, finished, _ := run("GODEBUG=asyncpreemptoff=1")
	fmt.Printf("asynchronous preemption off (GODEBUG=asyncpreemptoff=1): the heartbeat never came back; killed after 2 s: %t\n",
		!finished)
	switch {
	case finished: // no machine load makes a loop without a preemption point give its thread back
		fmt.Println("lesson: contradicted: with asynchronous preemption off, the spinner still let the heartbeat finish")
	case ok && n >= 5:
		fmt.Println("lesson: holds")
	case share < 0.75:
		fmt.Printf("lesson: inconclusive: other programs left the heartbeat's run %.2f of a core, so it could not tick\n", share)
	default:
		fmt.Printf("lesson: contradicted: with preemption on, the heartbeat ticked only %q times on %.2f of a core\n", ticks, share)
	}
}
