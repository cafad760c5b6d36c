// latency: an async method asks to wake every millisecond for `millis` milliseconds while `neighbours` CPU-bound
// loops run on threads of their own (`TaskCreationOptions.LongRunning`), off the thread pool.
//
// `await Task.Delay(1)` hands its continuation to the thread pool when the timer fires. The neighbours here are
// the same loops as in csharp_tasks.cs, started with `Task.Factory.StartNew(..., TaskCreationOptions.LongRunning)`,
// which gives each a dedicated thread: the pool stays free for the continuation, and the operating system's
// scheduler shares the cores between the ticker's thread and the neighbours' threads.
// The ticker warms up alone first (20 untimed ticks); then the neighbours start and every tick is measured.
// Lateness: how much longer than 1 ms each `await Task.Delay(1)` took. Each neighbour computes fib(27) again and
// again (about a millisecond). Parameters (argv key=value): neighbours, millis.
// Last stdout line: {"neighbours", "millis", "lateness_us", "chunks", "chunk_n", "seconds", "pool_threads"}.
using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Text.Json;

const int ChunkN = 27; // fib(27): 635,621 calls, about a millisecond
var p = Parameters(args, new() { ["neighbours"] = 2, ["millis"] = 200 }, new() { ["neighbours"] = 0, ["millis"] = 1 });
int neighbours = (int)p["neighbours"], millis = (int)p["millis"];

await Tick(TimeSpan.Zero, 20); // warm-up, alone
Fib(ChunkN);
var stop = false;
long chunks = 0;
var work = Enumerable.Range(0, neighbours).Select(_ => Task.Factory.StartNew(() =>
{
    while (!Volatile.Read(ref stop))
    {
        Fib(ChunkN);
        Interlocked.Increment(ref chunks);
    }
}, TaskCreationOptions.LongRunning)).ToArray();
var clock = Stopwatch.StartNew();
var late = await Tick(TimeSpan.FromMilliseconds(millis), 0);
var seconds = clock.Elapsed.TotalSeconds;
Volatile.Write(ref stop, true);
await Task.WhenAll(work);
Console.WriteLine(JsonSerializer.Serialize(new
{
    neighbours, millis, lateness_us = late, chunks = Interlocked.Read(ref chunks), chunk_n = ChunkN, seconds,
    pool_threads = ThreadPool.ThreadCount,
}));
return 0;

// Sleep 1 ms again and again for `span` (or `count` times); how late each wake-up was, in microseconds.
static async Task<List<double>> Tick(TimeSpan span, int count)
{
    var late = new List<double>();
    var clock = Stopwatch.StartNew();
    while (count > 0 ? late.Count < count : clock.Elapsed < span)
    {
        var start = clock.Elapsed;
        await Task.Delay(1);
        var us = (clock.Elapsed - start - TimeSpan.FromMilliseconds(1)).TotalMicroseconds;
        late.Add(Math.Round(Math.Max(us, 0), 1));
    }
    return late;
}

[MethodImpl(MethodImplOptions.AggressiveOptimization)]
static long Fib(int n) => n < 2 ? n : Fib(n - 1) + Fib(n - 2);

static Dictionary<string, long> Parameters(string[] args, Dictionary<string, long> defaults, Dictionary<string, long> minimum)
{
    var values = new Dictionary<string, long>(defaults);
    foreach (var arg in args)
    {
        var eq = arg.IndexOf('=');
        var key = eq < 0 ? arg : arg[..eq];
        if (eq < 0 || !values.ContainsKey(key))
        {
            Fail($"unknown parameter '{arg}': expected key=value with key one of {string.Join(", ", defaults.Keys.Order())}");
        }
        if (!long.TryParse(arg[(eq + 1)..], out var value))
        {
            Fail($"parameter {key} must be an integer, got '{arg[(eq + 1)..]}'");
        }
        if (value < minimum[key])
        {
            Fail($"parameter {key} must be at least {minimum[key]}, got {value}");
        }
        values[key] = value;
    }
    return values;
}

static void Fail(string message)
{
    Console.Error.WriteLine($"{AppDomain.CurrentDomain.FriendlyName}: {message}");
    Environment.Exit(2);
}
