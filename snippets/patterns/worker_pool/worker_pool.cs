// Three worker tasks read jobs from one Channel<int> and write results to another.
// `dotnet run` compiles the timeline helper (snippets/timeline/) with it:
#:include timeline.cs
using System.Threading.Channels;

const int Workers = 3;
var jobs = Channel.CreateUnbounded<int>();
var results = Channel.CreateUnbounded<(int Job, int Square)>();

var pool = Enumerable.Range(1, Workers).Select(n => Task.Run(async () =>
{
    string name = $"worker {n}";
    await foreach (int job in jobs.Reader.ReadAllAsync()) // ends when jobs is completed and drained
    {
        Timeline.Recv(name, $"job {job}");
        using (Timeline.Busy(name, $"job {job}"))
        {
            await Task.Delay(10 * (7 - job)); // simulated I/O: later jobs are quicker
        }
        Timeline.Send(name, $"result {job}");
        await results.Writer.WriteAsync((job, job * job));
    }
})).ToArray();

for (int job = 1; job <= 6; job++)
{
    Timeline.Send("main", $"job {job}");
    await jobs.Writer.WriteAsync(job);
}
jobs.Writer.Complete(); // no more jobs
var closing = CloseResultsWhenDone();

int total = 0;
await foreach (var (job, square) in results.Reader.ReadAllAsync()) // in the order the workers finish
{
    Timeline.Recv("main", $"result {job}");
    Console.WriteLine($"job {job} -> {square}");
    total += square;
}
await closing; // rethrows a worker's exception, if any
Console.WriteLine($"total {total}");

async Task CloseResultsWhenDone()
{
    try
    {
        await Task.WhenAll(pool);
    }
    finally
    {
        results.Writer.Complete(); // every worker has returned: this ends the reading loop
    }
}
