// Four tasks increment one int; Interlocked.Increment makes each read-add-write one atomic step.
// `dotnet run` compiles the timeline helper (snippets/timeline/) with it:
#:include timeline.cs
const int Workers = 4;
const int Increments = 10_000;
int count = 0;

var tasks = Enumerable.Range(1, Workers).Select(n => Task.Run(() =>
{
    using (Timeline.Busy($"worker {n}", $"{Increments} increments"))
    {
        for (int i = 0; i < Increments; i++)
        {
            Interlocked.Increment(ref count); // `count++` here would lose updates
        }
    }
}));
await Task.WhenAll(tasks);

Console.WriteLine($"{Workers} workers x {Increments} increments");
Console.WriteLine($"count: {count}");
