// example.expect: Data from https://api.example.com
// example.expect: Data from url1
// example.expect: Data from url2
// example.expect: Data from url3
// example.expect: three 200 ms fetches overlapped: True
// example.erratum: The article puts the code in a local `async Task Main()` inside top-level code; nothing calls it, so the program prints nothing (warning CS8321, an error here). The statements are now the top-level program itself, and the 1 s delay is 200 ms.
// One awaited call, then three started together and awaited with Task.WhenAll.
// The "network call" is simulated with Task.Delay: no request leaves the machine.
using System.Diagnostics;

const int DelayMs = 200;

var result = await FetchDataAsync("https://api.example.com");
Console.WriteLine(result);  // Data from https://api.example.com

// Concurrent operations: all three delays run at the same time
var stopwatch = Stopwatch.StartNew();
var task1 = FetchDataAsync("url1");
var task2 = FetchDataAsync("url2");
var task3 = FetchDataAsync("url3");

var results = await Task.WhenAll(task1, task2, task3);
stopwatch.Stop();
foreach (var data in results)
{
    Console.WriteLine(data);
}

// Awaited one after another they would need 3 x 200 ms.
bool overlapped = stopwatch.ElapsedMilliseconds < 3 * DelayMs;
Console.WriteLine($"three {DelayMs} ms fetches overlapped: {overlapped}");

// Async method returns Task<T>
static async Task<string> FetchDataAsync(string url)
{
    // Simulate async I/O (network call)
    await Task.Delay(DelayMs);
    return $"Data from {url}";
}
