// example.cores: waits
// example.expect: Data from https://api.example.com
// example.expect: Data from url1
// example.expect: Data from url2
// example.expect: Data from url3
// example.expect: all three were in flight at once: True
// example.erratum: The article puts the code in a local `async Task Main()` inside top-level code; nothing calls it, so the program prints nothing (warning CS8321, an error here). The statements are now the top-level program itself, and the 1 s delay is 200 ms.
// One awaited call, then three started together and awaited with Task.WhenAll.
// The "network call" is simulated with Task.Delay: no request leaves the machine.
const int DelayMs = 200;
int inFlight = 0, mostInFlight = 0;

var result = await FetchDataAsync("https://api.example.com");
Console.WriteLine(result);  // Data from https://api.example.com

// Concurrent operations: all three delays run at the same time
var task1 = FetchDataAsync("url1");
var task2 = FetchDataAsync("url2");
var task3 = FetchDataAsync("url3");

var results = await Task.WhenAll(task1, task2, task3);
foreach (var data in results)
{
    Console.WriteLine(data);
}

// Awaited one after another, at most one would ever be in flight.
Console.WriteLine($"all three were in flight at once: {mostInFlight == 3}");

// Async method returns Task<T>
async Task<string> FetchDataAsync(string url)
{
    // Up to its first await, this runs on the caller's thread.
    int now = Interlocked.Increment(ref inFlight);
    mostInFlight = Math.Max(mostInFlight, now);
    // Simulate async I/O (network call)
    await Task.Delay(DelayMs);
    Interlocked.Decrement(ref inFlight);
    return $"Data from {url}";
}
