// The timeline helper for Go examples: who was busy when, and which messages went where.
// The build compiles it beside the example and sets CONCURRENCY_TIMELINE to a file next to it;
// run by hand, without that variable, every call here does nothing.
package main

import (
	"fmt"
	"os"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"time"
)

// timeline is used like a package: timeline.Start("worker 1", "job 3").
var timeline = openTimeline(os.Getenv("CONCURRENCY_TIMELINE"))

type timelineFile struct {
	mu   sync.Mutex
	base time.Time // time.Since(base) reads Go's monotonic clock
	file *os.File  // nil: no timeline wanted
}

// openTimeline opens the file before main starts, so no event's time includes it. It notes the cores
// the program may run on and, when the build reserved free cores for it, how many.
func openTimeline(path string) *timelineFile {
	t := &timelineFile{base: time.Now()}
	if path != "" {
		file, err := os.OpenFile(path, os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o644)
		if err != nil {
			panic(err)
		}
		fmt.Fprintf(file, "# cpus %d\n", runtime.NumCPU())
		if granted, err := strconv.Atoi(os.Getenv("CONCURRENCY_CORES")); err == nil && granted > 0 {
			fmt.Fprintf(file, "# cores %d\n", granted) // free cores the build reserved for this run
		}
		t.file = file
	}
	return t
}

// Start records that unit starts being busy.
func (t *timelineFile) Start(unit, label string) { t.emit("start", unit, label, callerLine()) }

// Finish records that unit stops being busy.
func (t *timelineFile) Finish(unit, label string) { t.emit("end", unit, label, callerLine()) }

// Busy starts a span and returns the function that ends it: defer timeline.Busy(unit, label)().
func (t *timelineFile) Busy(unit, label string) func() {
	line := callerLine()
	t.emit("start", unit, label, line)
	return func() { t.emit("end", unit, label, line) }
}

// Send records that unit hands message over; call it before the handover.
func (t *timelineFile) Send(unit, message string) { t.emit("send", unit, message, callerLine()) }

// Recv records that unit has received message (the same text its sender used).
func (t *timelineFile) Recv(unit, message string) { t.emit("recv", unit, message, callerLine()) }

// Mark records a moment worth pointing at.
func (t *timelineFile) Mark(unit, label string) { t.emit("mark", unit, label, callerLine()) }

func (t *timelineFile) emit(kind, unit, label string, line int) {
	if t.file == nil {
		return
	}
	now := time.Since(t.base).Nanoseconds()
	text := fmt.Sprintf("%s\t%d\t%s\t%d\t%s\n", kind, now, clean(unit), line, clean(label))
	t.mu.Lock()
	defer t.mu.Unlock()
	t.file.WriteString(text)
}

// callerLine is the line of the example that called the helper.
func callerLine() int {
	_, _, line, _ := runtime.Caller(2)
	return line
}

func clean(text string) string { return strings.Join(strings.Fields(text), " ") }
