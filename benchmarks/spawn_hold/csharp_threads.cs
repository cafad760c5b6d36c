// spawn_hold: start n OS threads that all block on one gate (a ManualResetEventSlim), hold them, release them.
//
// Each thread counts itself in before blocking, so READY means every thread is parked in the kernel.
// The events are created with spinCount 0: waiting blocks at once instead of spinning first.
// Parameters (argv key=value): n. Protocol: prints READY, reads one stdin line, sets the gate, joins every
// thread. Last stdout line: {"n", "spawn_seconds", "release_seconds"}.
using System.Diagnostics;
using System.Text.Json;

var n = (int)Parameters(args, new() { ["n"] = 1000 }, new() { ["n"] = 1 })["n"];
using var gate = new ManualResetEventSlim(false, spinCount: 0);
using var allIn = new ManualResetEventSlim(false, spinCount: 0);
var arrived = 0;

var clock = Stopwatch.StartNew();
var threads = new Thread[n];
for (var i = 0; i < n; i++)
{
    threads[i] = new Thread(() =>
    {
        if (Interlocked.Increment(ref arrived) == n)
        {
            allIn.Set();
        }
        gate.Wait();
    });
    try
    {
        threads[i].Start();
    }
    catch (Exception error) when (error is OutOfMemoryException or ThreadStartException)
    {
        // Out of threads or memory: release the threads already waiting (so the process can exit), then fail.
        gate.Set();
        Console.Error.WriteLine($"started {i} of {n} threads: {error.Message}");
        return 1;
    }
}
allIn.Wait();
var spawnSeconds = clock.Elapsed.TotalSeconds;

Console.WriteLine("READY");
Console.Out.Flush();
Console.ReadLine();

clock.Restart();
gate.Set();
foreach (var thread in threads)
{
    thread.Join();
}
var releaseSeconds = clock.Elapsed.TotalSeconds;
Console.WriteLine(JsonSerializer.Serialize(new { n, spawn_seconds = spawnSeconds, release_seconds = releaseSeconds }));
return 0;

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
