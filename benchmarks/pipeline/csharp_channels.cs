// pipeline: a source, `stages` tasks and a sink chained by bounded System.Threading.Channels.
//
// The source writes 1..messages, each stage adds 1 and forwards, the sink sums: the sum must be
// Σ(i + stages), and the program checks it. Each channel holds at most `Buffer` items (writers wait when full).
// Parameters (argv key=value): messages, stages. Last stdout line: {"messages", "stages", "seconds", "sum", "buffer"}.
using System.Diagnostics;
using System.Text.Json;
using System.Threading.Channels;

const int Buffer = 64;
var p = Parameters(args, new() { ["messages"] = 10000, ["stages"] = 4 }, new() { ["messages"] = 1, ["stages"] = 1 });
long messages = p["messages"], stages = p["stages"];
var options = new BoundedChannelOptions(Buffer) { SingleReader = true, SingleWriter = true };
var links = Enumerable.Range(0, (int)stages + 1).Select(_ => Channel.CreateBounded<long>(options)).ToArray();

var clock = Stopwatch.StartNew();
var units = new List<Task>
{
    Task.Run(async () =>
    {
        for (long i = 1; i <= messages; i++)
        {
            await links[0].Writer.WriteAsync(i);
        }
        links[0].Writer.Complete();
    }),
};
for (var s = 0; s < stages; s++)
{
    var (input, output) = (links[s].Reader, links[s + 1].Writer);
    units.Add(Task.Run(async () =>
    {
        await foreach (var value in input.ReadAllAsync())
        {
            await output.WriteAsync(value + 1);
        }
        output.Complete();
    }));
}
long sum = 0;
await foreach (var value in links[stages].Reader.ReadAllAsync())
{
    sum += value;
}
var seconds = clock.Elapsed.TotalSeconds;
await Task.WhenAll(units);

var expected = messages * (messages + 1) / 2 + messages * stages;
if (sum != expected)
{
    Console.Error.WriteLine($"sum {sum}, expected {expected}");
    return 1;
}
Console.WriteLine(JsonSerializer.Serialize(new { messages, stages, seconds, sum, buffer = Buffer }));
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
