// fib: naive recursive fib(n) computed once by each of `workers` tasks at the same time.
//
// Task.Run queues each computation on the thread pool, which runs them on up to one thread per core.
// The parallel section runs once untimed on fib(n - 5) (1/11 of the work) to warm up the pool's threads and
// caches, then once timed on fib(n).
// Parameters (argv key=value): n, workers. Last stdout line: {"n", "workers", "result", "seconds", "warmup_n"}.
using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Text.Json;

var p = Parameters(args, new() { ["n"] = 25, ["workers"] = 2 }, new() { ["n"] = 0, ["workers"] = 1 });
int n = (int)p["n"], workers = (int)p["workers"];

var warmupN = Math.Max(n - 5, 0);
await Parallel(warmupN, workers);
var clock = Stopwatch.StartNew();
long[] results = await Parallel(n, workers);
var seconds = clock.Elapsed.TotalSeconds;

if (results.Distinct().Count() != 1)
{
    Console.Error.WriteLine($"workers disagree: {string.Join(", ", results)}");
    return 1;
}
Console.WriteLine(JsonSerializer.Serialize(new { n, workers, result = results[0], seconds, warmup_n = warmupN }));
return 0;

// Fib(n) once in each of `workers` thread-pool tasks at the same time.
static Task<long[]> Parallel(int n, int workers) =>
    Task.WhenAll(Enumerable.Range(0, workers).Select(_ => Task.Run(() => Fib(n))));

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
