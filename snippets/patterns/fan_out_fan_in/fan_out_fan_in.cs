// Fan out four tasks, fan their results back in with Task.WhenAll.
// `dotnet run` compiles the timeline helper (snippets/timeline/) with it:
#:include timeline.cs
using System.Diagnostics;

int[] delays = [.. Enumerable.Range(0, 4).Select(n => 100 * (4 - n))]; // later tasks finish first
long[] began = new long[4], ended = new long[4]; // when each task's wait began and ended

async Task<int> Square(int n)
{
    Timeline.Recv($"task {n}", $"start {n}");
    using (Timeline.Busy($"task {n}", $"wait {delays[n]} ms"))
    {
        began[n] = Stopwatch.GetTimestamp();
        await Task.Delay(delays[n]); // simulated I/O
        ended[n] = Stopwatch.GetTimestamp();
    }
    Timeline.Send($"task {n}", $"result {n}");
    return n * n;
}

var squares = new List<Task<int>>();
for (int n = 0; n < 4; n++)
{
    Timeline.Send("main", $"start {n}");
    squares.Add(Square(n));
}
// WhenAll returns the results in start order, whatever order they finish in
int[] results = await Task.WhenAll(squares);

for (int n = 0; n < results.Length; n++)
{
    Timeline.Recv("main", $"result {n}");
    Console.WriteLine($"square({n}) = {results[n]}");
}
Console.WriteLine($"total = {results.Sum()}");
// all four were waiting at one moment: every wait began before the first one ended
bool overlapped = began.Max() < ended.Min();
Console.WriteLine($"overlapped: {overlapped.ToString().ToLowerInvariant()}");
