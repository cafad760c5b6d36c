// Four tasks increment one int 200 times each, reading it, waiting 1 ms, then writing it
// back. Unguarded, a task writes back a value another one has already increased: updates vanish. Guarded
// by a SemaphoreSlim (a lock that may be held across an await), the read, wait and write are one step.
// `dotnet run` compiles the timeline helper (snippets/timeline/) with it:
#:include timeline.cs
const int Workers = 4;
const int Increments = 200;
int count = 0;
var gate = new SemaphoreSlim(1, 1);

async Task Increment()
{
    int value = count; // read
    await Task.Delay(1); // a short wait, like any I/O: another task runs here meanwhile
    count = value + 1; // write
}

async Task<int> Run(bool guarded)
{
    count = 0;
    var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
    string label = guarded ? "guarded" : "unguarded";
    var tasks = Enumerable.Range(1, Workers).Select(n => Task.Run(async () =>
    {
        await start.Task; // all workers begin together
        using (Timeline.Busy($"{label} {n}", $"{Increments} increments"))
        {
            for (int i = 0; i < Increments; i++)
            {
                if (!guarded)
                {
                    await Increment();
                    continue;
                }
                await gate.WaitAsync();
                try
                {
                    await Increment();
                }
                finally
                {
                    gate.Release();
                }
            }
        }
    })).ToArray();
    start.SetResult();
    await Task.WhenAll(tasks);
    return count;
}

Console.WriteLine($"{Workers} workers x {Increments} increments, started together, a short pause in every increment");
bool lost = await Run(guarded: false) < Workers * Increments;
Console.WriteLine($"unguarded: lost updates: {(lost ? "true" : "false")}");
Console.WriteLine($"guarded: count {await Run(guarded: true)}");
