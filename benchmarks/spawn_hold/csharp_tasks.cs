// spawn_hold: start n tasks as calls of an async method that awaits one gate (a TaskCompletionSource).
//
// The async-method form, as the article's C# and the public 1M-task measurements write it: calling Unit()
// runs it up to its first await, which parks it; what stays is the task (its boxed state machine) and its
// continuation on the gate. No thread is held. Compare csharp_task_run.cs (Task.Run(async () => ...)).
// Parameters (argv key=value): n. Protocol: prints READY, reads one stdin line, completes the gate, awaits
// every task. Last stdout line: {"n", "spawn_seconds", "release_seconds"}.
using System.Diagnostics;
using System.Text.Json;

var n = (int)Parameters(args, new() { ["n"] = 1000 }, new() { ["n"] = 1 })["n"];
var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
var allIn = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
var arrived = 0;

var clock = Stopwatch.StartNew();
var units = new Task[n];
for (var i = 0; i < n; i++)
{
    units[i] = Unit();
}
await allIn.Task;
var spawnSeconds = clock.Elapsed.TotalSeconds;

Console.WriteLine("READY");
Console.Out.Flush();
Console.ReadLine();

clock.Restart();
gate.SetResult();
await Task.WhenAll(units);
var releaseSeconds = clock.Elapsed.TotalSeconds;
Console.WriteLine(JsonSerializer.Serialize(new { n, spawn_seconds = spawnSeconds, release_seconds = releaseSeconds }));

// One unit: count in, then wait for the gate without holding a thread.
async Task Unit()
{
    if (Interlocked.Increment(ref arrived) == n)
    {
        allIn.SetResult();
    }
    await gate.Task;
}

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
