// fib: naive recursive fib(n) computed once by each of `workers` tasks at the same time.
//
// Task.Run queues each computation on the thread pool, which runs them on up to one thread per core.
// Parameters (argv key=value): n, workers. Last stdout line: {"n", "workers", "result", "seconds"}.
using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Text.Json;

var p = Parameters(args, new() { ["n"] = 25, ["workers"] = 2 }, new() { ["n"] = 0, ["workers"] = 1 });
int n = (int)p["n"], workers = (int)p["workers"];

var clock = Stopwatch.StartNew();
var tasks = Enumerable.Range(0, workers).Select(_ => Task.Run(() => Fib(n))).ToArray();
long[] results = await Task.WhenAll(tasks);
var seconds = clock.Elapsed.TotalSeconds;

if (results.Distinct().Count() != 1)
{
    Console.Error.WriteLine($"workers disagree: {string.Join(", ", results)}");
    return 1;
}
Console.WriteLine(JsonSerializer.Serialize(new { n, workers, result = results[0], seconds }));
return 0;

// Fully optimised from the first call: with tiered compilation the first worker would start in
// unoptimised tier-0 code, and W = 1 would look slower than it is.
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
