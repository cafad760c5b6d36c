// example.cores: waits
// example.match: ^this process: NumCPU \d+, GOMAXPROCS \d+, cgroup CPU limit: .+$
// example.match: ^default GOMAXPROCS = min\(CPUs it may use, cgroup limit\): true$
// example.match: ^started under taskset -c \d+: NumCPU 1, GOMAXPROCS 1$
// example.match: ^started with GOMAXPROCS=3: NumCPU \d+, GOMAXPROCS 3$
// example.match: ^mask narrowed to one CPU while running: GOMAXPROCS followed within 5 s: (true|cannot show with 1 CPU)$
// GOMAXPROCS is how many OS threads may run Go code at once. Its default is
// the number of CPUs the process may use: the affinity mask (what `taskset`
// sets) and, since Go 1.25, the cgroup's CPU limit (a container's --cpus),
// rounded up and never below 2. Since Go 1.25 the runtime also follows changes
// to either while the program runs, unless GOMAXPROCS was set by hand.
package main

import (
	"fmt"
	"math"
	"os"
	"os/exec"
	"runtime"
	"strconv"
	"strings"
	"time"
)

func main() {
	if len(os.Args) > 1 && os.Args[1] == "report" {
		fmt.Printf("NumCPU %d, GOMAXPROCS %d\n", runtime.NumCPU(), runtime.GOMAXPROCS(0))
		return
	}
	if len(os.Args) > 1 && os.Args[1] == "watch" {
		watch()
		return
	}
	limit, described := cgroupLimit()
	procs := runtime.GOMAXPROCS(0)
	fmt.Printf("this process: NumCPU %d, GOMAXPROCS %d, cgroup CPU limit: %s\n", runtime.NumCPU(), procs, described)
	expected := runtime.NumCPU()
	if limit > 0 {
		expected = min(expected, max(2, int(math.Ceil(limit))))
	}
	fmt.Println("default GOMAXPROCS = min(CPUs it may use, cgroup limit):", procs == expected)

	cpu := firstCPU()
	fmt.Printf("started under taskset -c %s: %s", cpu, run(nil, "taskset", "-c", cpu, self(), "report"))
	fmt.Printf("started with GOMAXPROCS=3: %s", run([]string{"GOMAXPROCS=3"}, self(), "report"))

	const label = "mask narrowed to one CPU while running: GOMAXPROCS followed within 5 s:"
	if runtime.NumCPU() < 2 {
		fmt.Println(label, "cannot show with 1 CPU")
		return
	}
	child := exec.Command(self(), "watch")
	out, err := child.StdoutPipe()
	check(err)
	check(child.Start())
	ready := make([]byte, 6)
	_, err = out.Read(ready) // "ready\n": the child runs with the full mask
	check(err)
	// -a: every thread of the running process, as a container runtime would.
	run(nil, "taskset", "-a", "-p", "-c", cpu, strconv.Itoa(child.Process.Pid))
	rest := make([]byte, 16)
	n, _ := out.Read(rest)
	check(child.Wait())
	fmt.Println(label, strings.TrimSpace(string(rest[:n])) == "followed")
}

// watch reports "ready", then waits up to 5 s for GOMAXPROCS to drop to 1.
func watch() {
	fmt.Println("ready")
	deadline := time.Now().Add(5 * time.Second)
	for time.Now().Before(deadline) {
		if runtime.GOMAXPROCS(0) == 1 {
			fmt.Println("followed")
			return
		}
		time.Sleep(10 * time.Millisecond)
	}
	fmt.Println("stayed")
}

// cgroupLimit reads this process's cgroup v2 cpu.max: the limit in CPUs (0: none) and how to show it.
func cgroupLimit() (float64, string) {
	data, err := os.ReadFile("/proc/self/cgroup")
	if err != nil {
		return 0, "none found"
	}
	for _, line := range strings.Split(string(data), "\n") {
		if path, ok := strings.CutPrefix(line, "0::"); ok {
			raw, err := os.ReadFile("/sys/fs/cgroup" + path + "/cpu.max")
			fields := strings.Fields(string(raw))
			if err != nil || len(fields) != 2 || fields[0] == "max" {
				return 0, "none"
			}
			quota, _ := strconv.ParseFloat(fields[0], 64)
			period, _ := strconv.ParseFloat(fields[1], 64)
			return quota / period, fmt.Sprintf("%.2g CPUs", quota/period)
		}
	}
	return 0, "none found"
}

// firstCPU is the lowest CPU in this process's affinity mask, e.g. "0" from "0-1".
func firstCPU() string {
	data, err := os.ReadFile("/proc/self/status")
	check(err)
	for _, line := range strings.Split(string(data), "\n") {
		if list, ok := strings.CutPrefix(line, "Cpus_allowed_list:"); ok {
			return strings.FieldsFunc(strings.TrimSpace(list), func(r rune) bool { return r == '-' || r == ',' })[0]
		}
	}
	panic("no Cpus_allowed_list in /proc/self/status")
}

func self() string {
	path, err := os.Executable()
	check(err)
	return path
}

func run(env []string, name string, args ...string) string {
	cmd := exec.Command(name, args...)
	cmd.Env = append(os.Environ(), env...)
	out, err := cmd.CombinedOutput()
	check(err)
	return string(out)
}

func check(err error) {
	if err != nil {
		panic(err)
	}
}
