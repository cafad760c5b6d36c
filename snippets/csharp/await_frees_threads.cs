// example.expect: 10000 tasks each awaited Task.Delay(200)
// example.expect: all finished within 5 x 200 ms: True
// example.expect: fewer than 100 threads ran their continuations: True
// Ten thousand tasks wait at the same time. An awaiting task holds no thread:
// the timer completes it later and a thread-pool thread runs the rest of the
// method. Ten thousand blocking Thread.Sleep calls would need as many threads.
using System.Collections.Concurrent;
using System.Diagnostics;

const int Count = 10_000;
const int DelayMs = 200;
var threadsSeen = new ConcurrentDictionary<int, bool>();

var stopwatch = Stopwatch.StartNew();
var tasks = Enumerable.Range(0, Count).Select(_ => WaitAsync()).ToArray();
await Task.WhenAll(tasks);
stopwatch.Stop();

bool overlapped = stopwatch.ElapsedMilliseconds < 5 * DelayMs;
bool fewThreads = threadsSeen.Count < 100;
Console.WriteLine($"{Count} tasks each awaited Task.Delay({DelayMs})");
Console.WriteLine($"all finished within 5 x {DelayMs} ms: {overlapped}");
Console.WriteLine($"fewer than 100 threads ran their continuations: {fewThreads}");

async Task WaitAsync()
{
    await Task.Delay(DelayMs);
    // Record the thread that resumed us.
    threadsSeen.TryAdd(Environment.CurrentManagedThreadId, true);
}
