// ping_pong: two tasks bounce one message back and forth `rounds` times over two System.Threading.Channels.
//
// The responder adds 1 to each value it receives and sends it back, so after `rounds` round trips the value is
// 2 × rounds: the program checks it. Parameters (argv key=value): rounds.
// Last stdout line: {"rounds", "seconds", "value"}.
using System.Diagnostics;
using System.Text.Json;
using System.Threading.Channels;

var rounds = Parameters(args, new() { ["rounds"] = 10000 }, new() { ["rounds"] = 1 })["rounds"];
var options = new BoundedChannelOptions(1) { SingleReader = true, SingleWriter = true };
var ping = Channel.CreateBounded<long>(options);
var pong = Channel.CreateBounded<long>(options);

var responder = Task.Run(async () =>
{
    await foreach (var value in ping.Reader.ReadAllAsync())
    {
        await pong.Writer.WriteAsync(value + 1);
    }
});

var clock = Stopwatch.StartNew();
long message = 0;
for (long i = 0; i < rounds; i++)
{
    await ping.Writer.WriteAsync(message + 1);
    message = await pong.Reader.ReadAsync();
}
var seconds = clock.Elapsed.TotalSeconds;
ping.Writer.Complete();
await responder;

if (message != 2 * rounds)
{
    Console.Error.WriteLine($"expected {2 * rounds}, got {message}");
    return 1;
}
Console.WriteLine(JsonSerializer.Serialize(new { rounds, seconds, value = message }));
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
