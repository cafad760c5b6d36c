// example.expect: 100000 tasks are waiting at the same time
// example.expect: threads in the whole process: fewer than 100: True
// example.expect: all 100000 resumed once the gate opened
// example.expect: threads that resumed them: fewer than 100: True
// A hundred thousand tasks wait at the same time on one gate (standing in for a
// network reply). An awaiting task holds no thread: the process keeps only its
// usual few threads, and pool threads run the continuations once the gate
// opens. A hundred thousand blocking waits would need a hundred thousand threads.
using System.Collections.Concurrent;
using System.Diagnostics;

const int Count = 100_000;
var gate = new TaskCompletionSource(
    TaskCreationOptions.RunContinuationsAsynchronously);
var threadsSeen = new ConcurrentDictionary<int, bool>();
int waiting = 0, resumed = 0;

var tasks = Enumerable.Range(0, Count).Select(_ => WaitAsync()).ToArray();
int waitingNow = Volatile.Read(ref waiting);
bool fewThreads = Process.GetCurrentProcess().Threads.Count < 100;
Console.WriteLine($"{waitingNow} tasks are waiting at the same time");
Console.WriteLine($"threads in the whole process: fewer than 100: {fewThreads}");

gate.SetResult();  // the "replies" arrive
await Task.WhenAll(tasks);
Console.WriteLine($"all {resumed} resumed once the gate opened");
bool fewResumers = threadsSeen.Count < 100;
Console.WriteLine($"threads that resumed them: fewer than 100: {fewResumers}");

async Task WaitAsync()
{
    Interlocked.Increment(ref waiting);
    await gate.Task;
    Interlocked.Increment(ref resumed);
    threadsSeen.TryAdd(Environment.CurrentManagedThreadId, true);  // who resumed
}
