// example.expect: after the go statement, before it ran: runnable
// example.expect: while it runs, it sees itself:         running
// example.expect: waiting to receive from a channel:     chan receive
// example.expect: waiting in time.Sleep:                 sleep
// example.expect: waiting for a locked sync.Mutex:       sync.Mutex.Lock
// example.expect: after it returned:                     gone (goroutines left: 1)
// A goroutine is created runnable, runs, may wait (the runtime parks it and
// runs another goroutine on the thread), runs again, and is gone when its
// function returns. runtime.Stack prints every goroutine with its state, the
// same text a panic or SIGQUIT dump shows; this program reads the state of its
// one worker goroutine from it at each step.
package main

import (
	"fmt"
	"regexp"
	"runtime"
	"strings"
	"sync"
	"time"
)

// The first line of a goroutine in a dump: "goroutine 7 [chan receive]:" or "[sleep, 2 minutes]:".
var header = regexp.MustCompile(`^goroutine \d+ \[([^,\]]+)`)

var dumpBuf = make([]byte, 1<<20) // allocated once, so that reading a state never starts a GC cycle

// state is the worker goroutine's state in a dump of all goroutines, or "gone". The worker is the
// one goroutine that main started (the dump leaves out the runtime's own goroutines).
func state() string {
	dump := string(dumpBuf[:runtime.Stack(dumpBuf, true)])
	for _, block := range strings.Split(dump, "\n\n") {
		if strings.Contains(block, "created by main.main") {
			return header.FindStringSubmatch(block)[1]
		}
	}
	return "gone"
}

// until polls the worker's state (yielding the only P) until it is `want`.
func until(want string) string {
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); {
		if s := state(); s == want {
			return s
		}
		runtime.Gosched()
	}
	return state()
}

func show(what, s string) { fmt.Printf("%-38s %s\n", what+":", s) }

func worker(self chan<- string, ch <-chan int, mu *sync.Mutex) {
	buf := make([]byte, 1<<10)
	self <- regexp.MustCompile(`\[(\w+)\]`).FindStringSubmatch(string(buf[:runtime.Stack(buf, false)]))[1]
	<-ch
	time.Sleep(200 * time.Millisecond)
	mu.Lock()
	mu.Unlock()
}

func main() {
	runtime.GOMAXPROCS(1) // one P: a new goroutine waits until main yields it
	self, ch, mu := make(chan string, 1), make(chan int), &sync.Mutex{}
	mu.Lock()
	// The runtime preempts a goroutine that has run for 10 ms without a break; main has been running
	// since the program started, so it takes a fresh turn first: the worker cannot run before main looks.
	runtime.Gosched()
	go worker(self, ch, mu)
	show("after the go statement, before it ran", state())
	show("while it runs, it sees itself", <-self)
	show("waiting to receive from a channel", until("chan receive"))
	ch <- 1
	show("waiting in time.Sleep", until("sleep"))
	show("waiting for a locked sync.Mutex", until("sync.Mutex.Lock"))
	mu.Unlock()
	until("gone")
	show("after it returned", fmt.Sprintf("gone (goroutines left: %d)", runtime.NumGoroutine()))
}
