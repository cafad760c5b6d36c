// spawn_hold: start n tasks with Task.Run(async () => ...) that all wait on one gate (a TaskCompletionSource).
//
// The Task.Run idiom: each unit is a delegate queued to the thread pool, whose async lambda's own task is
// unwrapped by a proxy task, so every unit costs a closure, a delegate, two tasks and the state machine.
// Compare csharp_tasks.cs, the async-method form. Each unit counts itself in before awaiting the gate.
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
    units[i] = Task.Run(async () =>
    {
        if (Interlocked.Increment(ref arrived) == n)
        {
            allIn.SetResult();
        }
        await gate.Task;
    });
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
