// http: an ASP.NET Core minimal API (Kestrel) answering GET / with 200 "Hello, World!" as text/plain.
//
// Built against the SDK's Microsoft.AspNetCore.App shared framework, with server GC as the Web SDK sets it.
// Listens on 127.0.0.1:port only, HTTP/1.1 keep-alive. Prints READY once listening; runs until SIGTERM/SIGINT,
// or until stdin reaches end of file when stdin is a pipe. Parameters (argv key=value): port.
// Last stdout line (at shutdown): {"port", "requests"}.
using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

var port = (int)Parameters(args, new() { ["port"] = 8080 }, new() { ["port"] = 0 })["port"];

var builder = WebApplication.CreateSlimBuilder();
builder.Logging.ClearProviders();
builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, port));
var app = builder.Build();

long requests = 0;
app.MapGet("/", () =>
{
    Interlocked.Increment(ref requests);
    return Results.Text("Hello, World!", "text/plain");
});

await app.StartAsync();
Console.WriteLine("READY");
Console.Out.Flush();

if (new FileInfo("/proc/self/fd/0").LinkTarget?.StartsWith("pipe:") == true)
{
    // The harness holds our stdin open; when it goes away without a signal, stop anyway.
    var watcher = new Thread(() =>
    {
        while (Console.In.ReadLine() is not null)
        {
        }
        app.Lifetime.StopApplication();
    })
    { IsBackground = true };
    watcher.Start();
}

await app.WaitForShutdownAsync();
Console.WriteLine(JsonSerializer.Serialize(new { port, requests = Interlocked.Read(ref requests) }));

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
