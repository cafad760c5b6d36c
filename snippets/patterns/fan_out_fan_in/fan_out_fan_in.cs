// Fan out four tasks, fan their results back in with Task.WhenAll.
using System.Diagnostics;

int[] delays = [.. Enumerable.Range(0, 4).Select(n => 50 * (4 - n))]; // later tasks finish first

async Task<int> Square(int n)
{
    await Task.Delay(delays[n]); // simulated I/O
    return n * n;
}

var clock = Stopwatch.StartNew();
// WhenAll returns the results in start order, whatever order they finish in
int[] results = await Task.WhenAll(Enumerable.Range(0, 4).Select(Square));
clock.Stop();

for (int n = 0; n < results.Length; n++)
{
    Console.WriteLine($"square({n}) = {results[n]}");
}
Console.WriteLine($"total = {results.Sum()}");
// run one after the other, the waits would add up
bool overlapped = clock.ElapsedMilliseconds < delays.Sum();
Console.WriteLine($"overlapped: {overlapped.ToString().ToLowerInvariant()}");
